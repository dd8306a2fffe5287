// Starts the HTTP server (API + web console + public portal) on a booted database.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './http/app.ts';
import type { ServerConfig } from './config.ts';
import { bootDatabase, type Booted, type BootOptions } from './boot.ts';
import { fixToday } from './clock.ts';

export interface RunningServer {
  url: string;
  booted: Booted;
  close(): Promise<void>;
}

export async function startServer(
  config: ServerConfig,
  options: { fillEmptyDatabase?: BootOptions['fillEmptyDatabase']; log?: (line: string) => void } = {},
): Promise<RunningServer> {
  fixToday(config.today);
  const booted = await bootDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgPoolMax: config.pgPoolMax,
    fillEmptyDatabase: options.fillEmptyDatabase,
    log: options.log,
  });
  const app = createApp({ database: booted.database, config });
  let server: ServerType;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => resolve(info));
    server.once('error', reject);
  });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${address.port}`,
    booted,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await booted.database.close();
    },
  };
}

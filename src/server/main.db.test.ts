// Start, stop, start again on the same embedded data directory: data survives, the demo is
// loaded only on the first start, and the HTTP server answers on a real socket.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from './main.ts';
import { loadConfig } from './config.ts';
import { DEMO_PASSWORD } from '../demo/accounts.ts';
import { demoForEmptyDatabase } from '../demo/installDemo.ts';

describe('server lifecycle on an embedded database', () => {
  it('keeps data across a restart and loads the demo once', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-life-')), 'pglite');
    const config = loadConfig({ port: 0, host: '127.0.0.1', dataDir, webDir: 'dist/web' }, {});
    const lines: string[] = [];
    const first = await startServer(config, { fillEmptyDatabase: demoForEmptyDatabase({ entitiesPerCounty: 200 }), log: (l) => lines.push(l) });
    expect(first.booted.demoJustLoaded).toBe(true);
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'gp.admin', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${first.url}/api/orgs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ parentCode: '140581', code: '140581-restart', name: '重启测试股', kind: 'office' }),
    });
    expect(created.status).toBe(200);
    await first.close();

    const second = await startServer(config, { fillEmptyDatabase: demoForEmptyDatabase({ entitiesPerCounty: 200 }) });
    expect(second.booted.demoJustLoaded).toBe(false);
    expect(second.booted.demoLoaded).toBe(true);
    const again = await fetch(`${second.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'gp.admin', password: DEMO_PASSWORD }),
    });
    const cookie2 = again.headers.get('set-cookie')!.split(';')[0]!;
    const unit = await fetch(`${second.url}/api/orgs/140581-restart`, { headers: { cookie: cookie2 } });
    expect(unit.status).toBe(200);
    expect((await unit.json()).name).toBe('重启测试股');
    const health = await fetch(`${second.url}/api/health`);
    expect(await health.json()).toEqual({ ok: true, engine: 'pglite' });
    await second.close();
  });
});

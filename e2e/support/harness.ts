// Browser-test harness: the real server (in-memory PGlite, demo data) on a free port,
// driven by Debian's Chromium through playwright-core. Never downloads a browser.
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/main.ts';
import { loadConfig } from '../../src/server/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/accounts.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`找不到 Chromium（${CHROMIUM_PATH}）。请运行 apt-get install -y chromium，或设置 CHROMIUM_PATH。`);
  }
  if (!fs.existsSync('dist/web/index.html')) {
    throw new Error('网页控制台尚未构建：请先运行 npm run build:web（npm test 会自动构建）。');
  }
  const config = loadConfig({ port: 0, host: '127.0.0.1', dataDir: 'memory://', webDir: 'dist/web' }, {});
  const server = await startServer(config, { demoOnFirstStart: true, demoEntitiesPerCounty: 300 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export async function loginInBrowser(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console/);
}

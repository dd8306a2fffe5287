// Browser-test harness: the real server (in-memory PGlite, demo data) on a free port,
// driven by Debian's Chromium through playwright-core. Never downloads a browser.
//
// Every browser context made through harness.newContext() is watched: API calls (method,
// path, status, time), browser console errors, page errors and failed requests are kept.
// When a test fails, e2e/support/failureReport.ts prints them with each open page's address
// and visible messages, and saves a screenshot per page under test-results/e2e-failures/,
// so a failure on CI names its cause instead of only "Matcher did not succeed in time".
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/main.ts';
import { loadConfig } from '../../src/server/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/accounts.ts';
import { demoForEmptyDatabase } from '../../src/demo/installDemo.ts';
import { orgTreeForEmptyDatabase, type FirstAdministrator } from '../../src/demo/installOrgTree.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

type ContextOptions = NonNullable<Parameters<Browser['newContext']>[0]>;

export interface Harness {
  server: RunningServer;
  browser: Browser;
  /** A browser context (zh-CN, reduced motion, unless told otherwise) whose traffic and errors the failure report shows. */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  /** What the watched contexts did, oldest first (at most the last 300 events). */
  readonly events: readonly string[];
  readonly contexts: readonly BrowserContext[];
  close(): Promise<void>;
}

/** Harnesses of the running test file, for the failure report. */
export const liveHarnesses = new Set<Harness>();

const MAX_EVENTS = 300;

export interface HarnessOptions {
  /**
   * Start like a real installation instead of the demo: reference data, the org tree and this one
   * administrator (who must change the password at the first login), nothing else.
   */
  firstAdministrator?: FirstAdministrator;
  /** The server's "today" (SSJ_TODAY), e.g. to place the journey inside a task's period. */
  today?: string;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`找不到 Chromium（${CHROMIUM_PATH}）。请运行 apt-get install -y chromium，或设置 CHROMIUM_PATH。`);
  }
  if (!fs.existsSync('dist/web/index.html')) {
    throw new Error('网页控制台尚未构建：请先运行 npm run build:web（npm test 会自动构建）。');
  }
  const config = loadConfig(
    { port: 0, host: '127.0.0.1', dataDir: 'memory://', webDir: 'dist/web' },
    options.today ? { SSJ_TODAY: options.today } : {},
  );
  const fill = options.firstAdministrator
    ? orgTreeForEmptyDatabase(options.firstAdministrator)
    : demoForEmptyDatabase({ entitiesPerCounty: 300 });
  const server = await startServer(config, { fillEmptyDatabase: fill });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const events: string[] = [];
  const contexts: BrowserContext[] = [];
  const started = Date.now();
  const record = (line: string) => {
    events.push(`+${((Date.now() - started) / 1000).toFixed(1)}s ${line}`);
    if (events.length > MAX_EVENTS) events.splice(0, events.length - MAX_EVENTS);
  };
  const harness: Harness = {
    server,
    browser,
    events,
    contexts,
    async newContext(options = {}) {
      // reducedMotion: the console then turns antd's animations off (src/web/src/main.tsx).
      const context = await browser.newContext({ locale: 'zh-CN', reducedMotion: 'reduce', ...options });
      const label = `ctx${contexts.length + 1}`;
      contexts.push(context);
      watchContext(context, label, record);
      return context;
    },
    async close() {
      liveHarnesses.delete(harness);
      await browser.close();
      await server.close();
    },
  };
  liveHarnesses.add(harness);
  return harness;
}

function watchContext(context: BrowserContext, label: string, record: (line: string) => void): void {
  const sentAt = new WeakMap<object, number>();
  context.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) sentAt.set(request, Date.now());
  });
  context.on('response', (response) => {
    const request = response.request();
    const sent = sentAt.get(request);
    if (sent === undefined) return;
    const url = new URL(response.url());
    record(`${label} ${request.method()} ${url.pathname}${url.search} → ${response.status()} in ${Date.now() - sent} ms`);
  });
  context.on('requestfailed', (request) => {
    const url = new URL(request.url());
    record(`${label} ${request.method()} ${url.pathname}${url.search} FAILED ${request.failure()?.errorText ?? ''}`);
  });
  context.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      record(`${label} console.${message.type()}: ${message.text().slice(0, 500)}`);
  });
  context.on('weberror', (error) => record(`${label} page error: ${error.error().message.slice(0, 500)}`));
}

export async function loginInBrowser(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console/);
}

/**
 * One harness for a test file: started before its tests (`started` receives it) and closed after
 * them with every page's context. Returns `newPage`, a page in a fresh 1400 × 1000 context.
 */
export function harnessPerFile(started: (harness: Harness) => void, options: { acceptDownloads?: boolean } = {}): () => Promise<Page> {
  let harness: Harness | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    harness = await startHarness();
    started(harness);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await harness?.close();
  });
  return async () => {
    const context = await harness!.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
    contexts.push(context);
    return context.newPage();
  };
}

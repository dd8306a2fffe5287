// The public draw verifier /gs/verify in a real browser, without login: the worked example
// bundle is VALID; a copy with one ticket changed is not, and the field is named.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startHarness, type Harness } from './support/harness.ts';

const fixture = path.resolve(import.meta.dirname, '../src/core/draw/fixtures/worked-example.bundle.json');

let harness: Harness;
let context: BrowserContext;
let base: string;

beforeAll(async () => {
  harness = await startHarness();
  base = harness.server.url;
});

afterAll(async () => {
  await context?.close();
  await harness?.close();
});

async function openVerifier(): Promise<Page> {
  await context?.close();
  context = await harness.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/gs/verify`);
  await page.getByTestId('verify-upload').waitFor();
  return page;
}

async function upload(page: Page, name: string, text: string): Promise<void> {
  await page
    .getByTestId('verify-upload')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

describe('/gs/verify', () => {
  it('is reachable from the portal menu without login', async () => {
    const page = await openVerifier();
    await page.goto(`${base}/gs/items`);
    await page.getByTestId('portal-menu').getByText('摇号验证').click();
    await page.waitForURL(/\/gs\/verify$/);
    await page.getByTestId('verify-upload').waitFor();
    expect(page.url()).not.toMatch(/login/);
  });

  it('the worked example bundle verifies VALID in the browser, with its key facts', async () => {
    const page = await openVerifier();
    await upload(page, 'worked-example.bundle.json', fs.readFileSync(fixture, 'utf8'));
    const result = page.getByTestId('verify-result');
    await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toMatch(/验证通过 VALID/);
    const text = await result.innerText();
    expect(text).toContain('2026-SJ-001');
    expect(text).toContain(JSON.parse(fs.readFileSync(fixture, 'utf8')).seed);
    expect(await result.getAttribute('data-status')).toBe('VALID');
  });

  it('a copy with one ticket changed is 验证不通过, naming the field', async () => {
    const page = await openVerifier();
    const bundle = JSON.parse(fs.readFileSync(fixture, 'utf8'));
    const ticket: string = bundle.sample[3].ticket;
    bundle.sample[3].ticket = (ticket[0] === '1' ? '2' : '1') + ticket.slice(1);
    await upload(page, 'edited.bundle.json', JSON.stringify(bundle, null, 2));
    const result = page.getByTestId('verify-result');
    await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toMatch(/验证不通过/);
    const text = await result.innerText();
    expect(text).toContain('sample[3].ticket');
    expect(text).toContain(ticket);
    expect(text).toContain(bundle.sample[3].ticket);
    expect(await result.getAttribute('data-status')).toBe('MISMATCH');
  });

  it('a file that is not JSON is reported, not verified', async () => {
    const page = await openVerifier();
    await upload(page, 'broken.json', '{"spec": "ssj-draw/1",');
    const result = page.getByTestId('verify-result');
    await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toMatch(/不是摇号结果包/);
    // no English text from the browser's JSON parser reaches the reader
    expect(await result.innerText()).not.toMatch(/Unexpected|SyntaxError|position|token/i);
  });
});

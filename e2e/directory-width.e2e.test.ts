// The 市场主体名录库 at a common office screen (1440×900): the table fits the page — no sideways
// scrolling — with long names cut with an ellipsis (the full text in a tooltip / the drawer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('名录库 at 1440 px', () => {
  it('the market entity table does not scroll sideways', async () => {
    const context = await harness.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await loginInBrowser(page, harness.server.url, 'gp.planner');
    await page.goto(`${harness.server.url}/console/directories`);
    const table = page.getByTestId('entity-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
    const sizes = await table.evaluate((root) =>
      [...root.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body, .ant-table-container')].map((el) => ({
        cls: el.className,
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
      })),
    );
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size.scrollWidth, JSON.stringify(size)).toBeLessThanOrEqual(size.clientWidth);
    // Nor does the page itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    await context.close();
  });
});

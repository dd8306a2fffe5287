// The public ceremony as the operator runs it, from its page: the witnessed dice value entered,
// the draw made, back to the draw page until it says 已抽取; and the commit on the task page before it.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** On the ceremony page of the draw at `drawUrl`: enters the dice value and witness, draws, returns. */
export async function drawAtCeremony(page: Page, drawUrl: string, value = '27182 81828 45904 52353 6'): Promise<void> {
  await page.getByTestId('ceremony-value').fill(value);
  await page.getByTestId('ceremony-witness').fill('王见证');
  await page.getByTestId('ceremony-start').click();
  await page.getByTestId('ceremony-result').waitFor({ timeout: 30_000 });
  await page.getByTestId('ceremony-done').click();
  await page.waitForURL(drawUrl);
  await expect.poll(async () => page.getByTestId('draw-status').getAttribute('data-status')).toBe('drawn');
}

/**
 * On a task's page: commits with the named seed source (and the reason, when the page asks for
 * one), opens the draw, runs the ceremony and returns to the draw page; returns the draw's id.
 */
export async function commitAndDraw(page: Page, sourceName: string, reason?: string): Promise<string> {
  await page.getByTestId('commit-source-name').fill(sourceName);
  if (reason !== undefined && (await page.getByTestId('commit-reason').count()) > 0) await page.getByTestId('commit-reason').fill(reason);
  await page.getByTestId('commit-submit').click();
  await page.getByTestId('commit-confirm-ok').click();
  await page.getByTestId('commit-result').waitFor();
  await page.getByTestId('commit-open-draw').click();
  await page.waitForURL(/\/console\/draws\/[0-9a-f-]{36}$/);
  const drawUrl = page.url();
  await page.getByTestId('draw-enter-ceremony').click();
  await page.waitForURL(/\/ceremony$/);
  await drawAtCeremony(page, drawUrl);
  return drawUrl.split('/').at(-1)!;
}

// The public ceremony as the operator runs it, from its page: the witnessed dice value entered,
// the draw made, back to the draw page until it says 已抽取.
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

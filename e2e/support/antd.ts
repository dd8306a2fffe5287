// Driving antd widgets without races on a slow machine.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/**
 * Picks the option whose label is exactly `label` in an antd Select (`select` is the Select's
 * root, e.g. getByTestId on it). Searchable selects get the label filled into their own search
 * input, not typed into whatever has focus, because antd renders options in a virtual list.
 * The choice is checked: the select must show the label afterwards, so a pick that landed
 * elsewhere fails here and not three steps later.
 */
export async function chooseOption(page: Page, select: Locator, label: string, { search = false } = {}): Promise<void> {
  await select.click();
  if (search) await select.locator('input').fill(label);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
  // antd 6 renders the chosen label (and the search input) in .ant-select-content.
  await expect.poll(async () => (await select.locator('.ant-select-content').innerText()).trim()).toBe(label);
}

/**
 * The text of the element with this test id, or, while it is absent, what the open dialogs show
 * instead (their alerts, progress lines and messages, else their whole text): a poll that ends
 * without the element then names in its own failure what the user saw, which is all a CI log
 * keeps of it.
 */
export async function textOrDialogs(page: Page, testId: string): Promise<string> {
  const element = page.getByTestId(testId);
  if ((await element.count()) > 0) return (await element.innerText().catch(() => '')).trim();
  // Its alerts, progress lines and messages first; else the whole of the open dialogs.
  const news = await page
    .locator('.ant-modal:visible .ant-alert, .ant-modal:visible [data-testid$="-progress"], .ant-message-notice:visible')
    .allInnerTexts();
  const texts = news.length > 0 ? news : await page.locator('.ant-modal:visible').allInnerTexts();
  const shown = texts.join(' | ').replace(/\s+/g, ' ').trim().slice(0, 600);
  return `（「${testId}」未出现；页面显示：${shown || '无对话框'}）`;
}

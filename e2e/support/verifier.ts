// The public verifier page 摇号验证 (/gs/verify) as a visitor uses it: upload a bundle, read the verdict.
import type { Page } from 'playwright-core';

/** Uploads `text` as the file `name` on `${base}/gs/verify`; the verdict (VALID / MISMATCH …) and the result's text. */
export async function uploadToVerifier(
  page: Page,
  base: string,
  name: string,
  text: string,
): Promise<{ status: string | null; text: string }> {
  await page.goto(`${base}/gs/verify`);
  await page
    .getByTestId('verify-upload')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
  const result = page.getByTestId('verify-result');
  await result.waitFor({ timeout: 30_000 });
  return { status: await result.getAttribute('data-status'), text: await result.innerText() };
}

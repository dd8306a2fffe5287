// Setup file of the e2e project: when a browser test fails, print what its harness saw
// (API calls with status and time, console and page errors) and, per open page, its address
// and visible dialogs/alerts/messages, and save a full-page screenshot under
// test-results/e2e-failures/ (the report beside it as a .txt, which `npm test` prints again at
// its end). CI keeps only the log, so the log must name the cause.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach } from 'vitest';
import { liveHarnesses } from './harness.ts';

const OUT_DIR = 'test-results/e2e-failures';
const VISIBLE_MESSAGES =
  '.ant-modal:visible, .ant-popover:visible, .ant-alert:visible, .ant-message-notice:visible, .ant-notification-notice:visible, .ant-form-item-explain-error:visible';

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const lines: string[] = [`── 失败现场：${task.name}`];
    const slug = task.name.replace(/[^\w\u4e00-\u9fff-]+/g, '_').slice(0, 80);
    let shot = 0;
    for (const harness of liveHarnesses) {
      for (const [i, context] of harness.contexts.entries()) {
        for (const page of context.pages()) {
          if (page.isClosed()) continue;
          shot += 1;
          lines.push(`ctx${i + 1} page ${page.url()}`);
          try {
            const texts = await page.locator(VISIBLE_MESSAGES).allInnerTexts();
            for (const t of texts) lines.push(`  visible: ${t.replace(/\s+/g, ' ').slice(0, 400)}`);
            fs.mkdirSync(OUT_DIR, { recursive: true });
            const file = path.join(OUT_DIR, `${slug}-${shot}.png`);
            await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
            lines.push(`  screenshot: ${file}`);
          } catch (e) {
            lines.push(`  (page not readable: ${(e as Error).message.split('\n')[0]})`);
          }
        }
      }
      lines.push('events (last 60):', ...harness.events.slice(-60).map((e) => `  ${e}`));
    }
    console.error(lines.join('\n'));
    // Kept for `npm test` too, which prints every failure's report again after the summaries,
    // where a log cut to its last lines still shows them.
    try {
      fs.mkdirSync(OUT_DIR, { recursive: true });
      fs.writeFileSync(path.join(OUT_DIR, `${slug}.txt`), `${lines.join('\n')}\n`);
    } catch {
      // The report above was printed; a file that cannot be written loses only the repeat.
    }
  });
});

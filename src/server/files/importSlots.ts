// A cap on the imports one server reads at the same time (uploads being checked and import
// jobs running): reading a spreadsheet costs memory and CPU, so a burst of uploads is answered
// "请稍后再试" instead of exhausting the server. In-process: each server has its own slots.
import { AppError } from '../http/errors.ts';

export const MAX_CONCURRENT_IMPORTS = 4;

let inUse = 0;

/** Takes a slot or refuses at once with 503 "请稍后再试"; call the returned function exactly once to free it. */
export function takeImportSlot(): () => void {
  if (inUse >= MAX_CONCURRENT_IMPORTS) {
    throw new AppError(
      'SERVER_BUSY',
      `服务器正在处理其他 ${MAX_CONCURRENT_IMPORTS} 个导入文件，请稍后再试（通常一两分钟后即可）。本次未导入任何数据。`,
      { limit: MAX_CONCURRENT_IMPORTS },
    );
  }
  inUse += 1;
  let freed = false;
  return () => {
    if (freed) return;
    freed = true;
    inUse -= 1;
  };
}

/** Imports being read now (tests and diagnostics). */
export function importsInProgress(): number {
  return inUse;
}

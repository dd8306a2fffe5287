// Worker thread of validationPool.ts: validates the batches it is given (validatedRows.ts, the
// code the import runs in its own thread) and returns them.
import { parentPort } from 'node:worker_threads';
import { validateCsvPiece, validateSheetRows, type RowValidationSetup } from './validatedRows.ts';
import type { ValidationReply, ValidationRequest } from './validationPool.ts';

const port = parentPort!;
let setup: RowValidationSetup | null = null;

port.on('message', (message: ValidationRequest) => {
  if (message.type === 'setup') {
    setup = message.setup;
    return;
  }
  try {
    if (!setup) throw new Error('row validation worker: work before setup');
    const { work } = message;
    const batch = work.kind === 'csv' ? validateCsvPiece(setup, work.piece, 0) : validateSheetRows(setup, work.rows);
    port.postMessage({ type: 'done', id: message.id, batch } satisfies ValidationReply);
  } catch (error) {
    port.postMessage({
      type: 'failed',
      id: message.id,
      message: error instanceof Error ? error.message : String(error),
    } satisfies ValidationReply);
  }
});

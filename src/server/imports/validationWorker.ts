// Worker thread of validationPool.ts: validates the batches it is given (validatedRows.ts, the
// code the import runs in its own thread) and returns them; once given the stored fingerprints,
// it compares each valid row with them. The worker runs this module bundled with what it imports
// into one script (jobs/workerThreads.ts).
import { parentPort } from 'node:worker_threads';
import { StoredFingerprints } from './entityFingerprint.ts';
import { validateCsvPiece, validateSheetRows, type RowValidationSetup, type StoredComparison } from './validatedRows.ts';
import type { ValidationReply, ValidationRequest } from './validationPool.ts';

const port = parentPort!;
let setup: RowValidationSetup | null = null;
let stored: StoredComparison | null = null;

port.on('message', (message: ValidationRequest) => {
  if (message.type === 'setup') {
    setup = message.setup;
    return;
  }
  if (message.type === 'stored') {
    stored = { fingerprints: StoredFingerprints.over(message.parts), fileSetsRegion: message.fileSetsRegion };
    return;
  }
  try {
    if (!setup) throw new Error('row validation worker: work before setup');
    const { work } = message;
    const batch =
      work.kind === 'csv' ? validateCsvPiece(setup, work.piece, 0, stored) : validateSheetRows(setup, work.rows, undefined, stored);
    port.postMessage({ type: 'done', id: message.id, batch } satisfies ValidationReply);
  } catch (error) {
    port.postMessage({
      type: 'failed',
      id: message.id,
      message: error instanceof Error ? error.message : String(error),
    } satisfies ValidationReply);
  }
});

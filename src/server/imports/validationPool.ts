// Worker threads that validate the rows of a large import side by side (validatedRows.ts). The
// import hands out its file in batches — pieces of a .csv's text cut where records end, or rows
// an .xlsx reader has read — and takes the results back in the file's order, so that what needs
// the order (a code that comes twice, row numbers after a .csv piece) is done as on one thread.
// A batch a worker cannot validate (a cell too long, say) is validated again in the import's own
// thread, which gives the user's message with its true row numbers.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../jobs/workerThreads.ts';
import type { CsvPiece, SheetRow } from '../files/csvPieces.ts';
import type { CodeTableParts } from './codeTable.ts';
import type { RowValidationSetup, StoredComparison, ValidatedRows } from './validatedRows.ts';

/** Data rows from which an import validates on worker threads (below, one thread is as quick: docs/scale-out.md). */
export const PARALLEL_VALIDATION_ROWS = 100_000;
/** Most worker threads one import uses. */
export const MAX_VALIDATION_THREADS = 4;

export type ValidationWork = { kind: 'csv'; piece: CsvPiece } | { kind: 'rows'; rows: SheetRow[] };
export type ValidationRequest =
  | { type: 'setup'; setup: RowValidationSetup }
  | { type: 'stored'; parts: CodeTableParts; fileSetsRegion: boolean }
  | { type: 'work'; id: number; work: ValidationWork };
export type ValidationReply = { type: 'done'; id: number; batch: ValidatedRows } | { type: 'failed'; id: number; message: string };

/** A batch a worker could not validate; the import validates it again in its own thread. */
export class WorkerValidationFailed extends Error {}

const WORKER_ENTRY = new URL('./validationWorker.ts', import.meta.url);

/**
 * Validation threads running in this process: imports running side by side share the machine's
 * cores (up to MAX_VALIDATION_THREADS in all), and one that finds them taken validates in its own
 * thread.
 */
let threadsInUse = 0;

/** Threads an import of `fileRows` data rows may validate on now (0: its own thread only). */
export function validationThreads(fileRows: number, minRows = PARALLEL_VALIDATION_ROWS): number {
  const threads = Math.min(os.availableParallelism(), MAX_VALIDATION_THREADS) - threadsInUse;
  return threads >= 2 && fileRows >= minRows ? threads : 0;
}

interface Waiting {
  worker: number;
  resolve: (batch: ValidatedRows) => void;
  reject: (error: Error) => void;
}

export class RowValidationPool {
  private readonly workers: Worker[] = [];
  private readonly inFlight: number[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: Error | null = null;
  private closed = false;

  /** Starts `threads` workers; they load while the import reads its header and fingerprints. */
  constructor(threads: number) {
    threadsInUse += threads;
    for (let t = 0; t < threads; t++) {
      const worker = startWorker(WORKER_ENTRY);
      this.workers.push(worker);
      this.inFlight.push(0);
      worker.on('message', (reply: ValidationReply) => this.settle(reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (this.waiting.size > 0) this.fail(new Error(`校验工作线程意外退出（退出码 ${code}）`));
      });
    }
  }

  get threads(): number {
    return this.workers.length;
  }

  /** Gives every worker what the rows are checked against; before the first batch. */
  setUp(setup: RowValidationSetup): void {
    for (const worker of this.workers) worker.postMessage({ type: 'setup', setup } satisfies ValidationRequest);
  }

  /**
   * Gives every worker the stored fingerprints once read (shared, not copied, when read with
   * `shared`): the batches given after compare their rows with them (validateSheetRows).
   */
  compareWith({ fingerprints, fileSetsRegion }: StoredComparison): void {
    const parts = fingerprints.parts();
    for (const worker of this.workers) worker.postMessage({ type: 'stored', parts, fileSetsRegion } satisfies ValidationRequest);
  }

  /** Validates a batch on the least busy worker. */
  validate(work: ValidationWork): Promise<ValidatedRows> {
    if (this.failure) return Promise.reject(this.failure);
    let worker = 0;
    for (let t = 1; t < this.workers.length; t++) if (this.inFlight[t]! < this.inFlight[worker]!) worker = t;
    const id = this.nextId++;
    this.inFlight[worker]! += 1;
    const done = new Promise<ValidatedRows>((resolve, reject) => this.waiting.set(id, { worker, resolve, reject }));
    this.workers[worker]!.postMessage({ type: 'work', id, work } satisfies ValidationRequest);
    return done;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    threadsInUse -= this.workers.length;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(reply: ValidationReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    this.inFlight[waiting.worker]! -= 1;
    if (reply.type === 'done') waiting.resolve(reply.batch);
    else waiting.reject(new WorkerValidationFailed(reply.message));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

// Tickets and per-stratum selection of a whole frame over worker threads (docs/draw-spec.md §5), for
// large frames. The frame is cut into chunks; each worker keeps the smallest tickets of the
// chunks it receives (SmallestTicketSelector), and the parts merge exactly
// (mergeSmallestTickets): the result is the single-thread one, byte for byte (tested).
// Chunks can be submitted while the frame is still being read (frame-file text straight from
// the database), so hashing overlaps reading.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../jobs/workerThreads.ts';
import { covers, mergeSmallestTickets, type SmallestTickets, type TicketsWanted } from '../../core/draw/batchTickets.ts';
import type { HashAlgorithm } from '../../core/hash/index.ts';

export type TicketWorkerRequest =
  | { type: 'start'; alg: HashAlgorithm; seed: string; wanted: TicketsWanted; excluded?: Uint8Array }
  | { type: 'text'; text: Uint8Array }
  | { type: 'finish'; wanted?: TicketsWanted };

export type TicketWorkerReply =
  | { type: 'ready' }
  | { type: 'done'; count: number }
  | { type: 'result'; smallest: SmallestTickets; count: number; busyMs: number; heapBytes: number }
  | { type: 'error'; message: string };

export interface ParallelTicketsResult {
  smallest: SmallestTickets;
  /** Objects hashed, over all workers. */
  count: number;
  threads: number;
  /** Time each worker spent hashing and selecting, ms. */
  busyMs: number[];
  /** V8 heap in use per worker at the end (RSS is the process's, workers included). */
  heapBytes: number[];
}

const WORKER_ENTRY = new URL('./ticketWorker.ts', import.meta.url);

interface WorkerSlot {
  worker: Worker;
  pending: number;
  ready: Promise<void>;
  result: Promise<Extract<TicketWorkerReply, { type: 'result' }>>;
}

/**
 * A set of ticket workers for one draw of one group. Workers take a moment to start (a fresh
 * isolate running the bundled worker script, see jobs/workerThreads.ts), so the pool is created
 * first — e.g. while the frame is being read — and `start` gives them the seed and the wanted
 * counts once the allocation is known.
 */
export class ParallelTicketPool {
  private readonly slots: WorkerSlot[];
  private failure: Error | null = null;
  private finished = false;
  private wanted: TicketsWanted | null = null;

  constructor(threads = os.availableParallelism()) {
    this.slots = Array.from({ length: Math.max(1, threads) }, () => {
      const worker = startWorker(WORKER_ENTRY);
      const slot = { worker, pending: 0 } as WorkerSlot;
      let markReady = () => {};
      slot.ready = new Promise((resolve) => (markReady = resolve));
      slot.result = new Promise((resolve, reject) => {
        worker.on('message', (reply: TicketWorkerReply) => {
          if (reply.type === 'ready') markReady();
          else if (reply.type === 'done') slot.pending--;
          else if (reply.type === 'result') resolve(reply);
          else {
            this.failure = new Error(`抽取工作线程出错：${reply.message}`);
            reject(this.failure);
          }
        });
        worker.on('error', (error) => {
          this.failure = error;
          reject(error);
        });
        worker.on('exit', (code) => {
          if (!this.finished) reject(new Error(`抽取工作线程意外退出（退出码 ${code}）`));
        });
      });
      slot.result.catch(() => undefined); // surfaced by finish()
      return slot;
    });
  }

  get threads(): number {
    return this.slots.length;
  }

  /** Chunks queued but not yet hashed, over all workers (for back-pressure by the reader). */
  get pending(): number {
    return this.slots.reduce((sum, s) => sum + s.pending, 0);
  }

  /** Resolves once every worker has loaded its code (chunks may be submitted before). */
  async ready(): Promise<void> {
    await Promise.race([Promise.all(this.slots.map((s) => s.ready)), ...this.slots.map((s) => s.result)]);
  }

  /**
   * The seed and, per stratum, how many smallest tickets to keep (ticketsWanted); `excluded`:
   * ids the workers skip (excludedIdsText), so the frame file is submitted whole.
   */
  start(alg: HashAlgorithm, seed: string, wanted: TicketsWanted, excluded?: Uint8Array): void {
    if (this.wanted) throw new Error('ParallelTicketPool: already started');
    this.wanted = wanted;
    for (const slot of this.slots) slot.worker.postMessage({ type: 'start', alg, seed, wanted, excluded } satisfies TicketWorkerRequest);
  }

  /**
   * Hands a chunk of frame-file text (`id\tclass\n` lines, whole lines) to the workers, cut into
   * one piece per worker; `text` stays usable. Text in shared memory (a SharedArrayBuffer) is
   * read by the workers where it lies and must not change until finish; any other is copied.
   */
  submitText(text: Uint8Array): void {
    // A chunk is cut at line ends into one piece per worker, so a frame of few pages still
    // keeps every worker busy; each piece is its own copy (a buffer transfers only once).
    const shared = text.buffer instanceof SharedArrayBuffer;
    const pieces = this.slots.length;
    let start = 0;
    for (let p = 1; p <= pieces && start < text.length; p++) {
      let end = p === pieces ? text.length : Math.max(start, Math.floor((text.length * p) / pieces));
      while (end < text.length && text[end - 1] !== 0x0a) end++;
      if (end > start) {
        if (shared) this.post({ type: 'text', text: text.subarray(start, end) }, []);
        else {
          const piece = Uint8Array.prototype.slice.call(text, start, end); // a copy even if `text` is a Buffer
          this.post({ type: 'text', text: piece }, [piece.buffer as ArrayBuffer]);
        }
      }
      start = end;
    }
  }

  /**
   * Waits for every worker, merges their parts and stops the workers. `exact`: fewer tickets per
   * stratum than given to start (the counts once known, after starting with a bound); each
   * worker cuts its part to them before sorting.
   */
  async finish(exact?: TicketsWanted): Promise<ParallelTicketsResult> {
    if (this.failure) throw this.failure;
    const wanted = exact ?? this.wanted;
    if (!wanted || !this.wanted) throw new Error('ParallelTicketPool: finish before start');
    if (exact && !covers(this.wanted, exact)) throw new Error('ParallelTicketPool: finish asks for more tickets than were kept');
    for (const slot of this.slots) slot.worker.postMessage({ type: 'finish', wanted: exact } satisfies TicketWorkerRequest);
    try {
      const parts = await Promise.all(this.slots.map((s) => s.result));
      this.finished = true;
      return {
        smallest: mergeSmallestTickets(
          parts.map((p) => p.smallest),
          wanted,
        ),
        count: parts.reduce((sum, p) => sum + p.count, 0),
        threads: this.slots.length,
        busyMs: parts.map((p) => p.busyMs),
        heapBytes: parts.map((p) => p.heapBytes),
      };
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    this.finished = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private post(message: TicketWorkerRequest, transfer: ArrayBuffer[]): void {
    if (this.failure) throw this.failure;
    if (!this.wanted) throw new Error('ParallelTicketPool: chunk before start');
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.pending < slot.pending) slot = s;
    slot.pending++;
    // A buffer shared by several views (a subarray) is copied rather than transferred.
    const unique = [...new Set(transfer)];
    slot.worker.postMessage(message, unique);
  }
}

/** The smallest tickets per stratum of a frame file (`id\tclass\n` lines), over `threads` workers, `excluded` ids skipped. */
export async function smallestTicketsParallel(
  alg: HashAlgorithm,
  seed: string,
  frameFile: Uint8Array,
  wanted: TicketsWanted,
  threads = os.availableParallelism(),
  excluded?: Uint8Array,
): Promise<ParallelTicketsResult> {
  const pool = new ParallelTicketPool(threads);
  try {
    pool.start(alg, seed, wanted, excluded);
    pool.submitText(frameFile);
    return await pool.finish();
  } finally {
    await pool.close();
  }
}

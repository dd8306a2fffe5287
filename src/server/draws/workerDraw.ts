// The ceremony's draw of a large frame: the same auditor bundle as
// runDraw (tested), without a JS object or string per object. Each group's stored frame file
// is encoded once into shared memory and read as bytes by FrameReader (the checks of
// parseFrame, N_h, the excluded objects per class, the frame hash by node:crypto); the tickets
// are hashed by the worker threads of parallelTickets.ts over the same bytes (shared, not
// copied), each worker skipping the excluded ids (batchTickets.ts excludedIdsText) and keeping
// per stratum exactly n_h + reserve.
// runDraw stays the path for small frames, where starting worker threads costs more than it saves.
import os from 'node:os';
import { allocateByRiskClass } from '../../core/draw/allocation.ts';
import { covers, excludedIdsText, selectionFromSmallest, ticketsWanted, type TicketsWanted } from '../../core/draw/batchTickets.ts';
import {
  assembleBundle,
  checkGroupOrder,
  openDraw,
  type AllocationRecord,
  type AuditorGroup,
  type DrawBundle,
  type DrawInput,
} from '../../core/draw/bundle.ts';
import type { GroupAllocation } from '../../core/draw/allocation.ts';
import { fileHash, parseExclusions, RISK_CLASSES, type RiskClass } from '../../core/draw/frame.ts';
import { eligibleCounts, FrameReader } from '../../core/draw/frameReader.ts';
import { deriveSeed } from '../../core/draw/seed.ts';
import type { ReserveEntry, SampleEntry } from '../../core/draw/selection.ts';
import { nativeStreamingHash } from './frameCopy.ts';
import { ParallelTicketPool, smallestTicketsParallel } from './parallelTickets.ts';

/**
 * Frame files from this many bytes (all groups together; about 100,000 objects at 20 bytes a
 * line) are drawn on worker threads. Below it runDraw, on the request's thread, is quicker than
 * starting the workers (a fresh isolate each).
 */
export const WORKER_DRAW_FROM_CHARS = 2_000_000;

/** Whether frame files of `frameBytes` bytes (UTF-8, all groups) are drawn on worker threads. */
export function drawsOnWorkers(frameBytes: number, fromBytes = WORKER_DRAW_FROM_CHARS): boolean {
  return frameBytes >= fromBytes;
}

/**
 * One ticket-worker pool per group, started ahead: a worker takes a moment to start, so the
 * ceremony starts them before it reads the stored files and hands them to runDrawOnWorkers.
 */
export function startTicketPools(groups: number, threads = os.availableParallelism()): ParallelTicketPool[] {
  return Array.from({ length: groups }, () => new ParallelTicketPool(threads));
}

/**
 * runDraw's bundle, the tickets hashed by `threads` worker threads per group (`started`: pools
 * of startTicketPools, by group; closed here). `recordedCounts`:
 * the eligible N_h per group recorded with the commit (input.recordedCommit). With both, the
 * seed is known before the files are read again, so the workers hash the tickets while
 * FrameReader checks, counts and hashes the frame on this thread; the draw is still refused
 * (DRAW_COMMIT_CHANGED) unless the files produce the recorded commit, and the tickets kept
 * for the recorded counts are checked to cover the exact ones (otherwise hashed again).
 */
export async function runDrawOnWorkers(
  input: DrawInput,
  threads = os.availableParallelism(),
  recordedCounts?: readonly Record<RiskClass, number>[],
  started: readonly ParallelTicketPool[] = [],
): Promise<DrawBundle<AuditorGroup>> {
  const { params } = input;
  checkGroupOrder(params, input.groups);
  // The entered values are checked by openDraw, after the frames (runDraw's order of refusals).
  const seedKnown =
    input.recordedCommit !== undefined &&
    recordedCounts?.length === params.groups.length &&
    input.sources.every((s) => typeof s.value === 'string');
  const earlySeed = seedKnown ? deriveSeed(params.hash, input.recordedCommit!, input.sources) : null;
  const pools: ParallelTicketPool[] = [...started]; // closed at the end, used or not
  try {
    const frozen = input.groups.map((files, i) => {
      const group = params.groups[i]!;
      const excludedIds = parseExclusions(files.exclusions).map((e) => e.id);
      const excluded = excludedIdsText(excludedIds);
      const bytes = sharedUtf8(files.frame);
      let early: { pool: ParallelTicketPool; kept: TicketsWanted; counts: Record<RiskClass, number>; classes: GroupAllocation } | null = null;
      if (earlySeed !== null) {
        const counts = recordedCounts![i]!;
        const classes = allocateByRiskClass(group.allocation, counts);
        const kept = ticketsWanted(classes, group.reserve);
        const pool = started[i] ?? new ParallelTicketPool(threads);
        if (!started[i]) pools.push(pool);
        pool.start(params.hash, earlySeed, kept, excluded);
        pool.submitText(bytes);
        early = { pool, kept, counts, classes };
      }
      const reader = new FrameReader(params.hash, nativeStreamingHash(params.hash), excludedIds);
      reader.update(bytes);
      return { files, bytes, excluded, early, summary: reader.finish() };
    });
    const opened = openDraw(
      input,
      frozen.map((g) => ({ code: g.files.code, frame_hash: g.summary.hash, exclusions_hash: fileHash(params.hash, g.files.exclusions) })),
    );
    const allocation: AllocationRecord[] = [];
    const sample: SampleEntry[] = [];
    const reserves: ReserveEntry[] = [];
    for (const [i, group] of params.groups.entries()) {
      const { bytes, excluded, early, summary } = frozen[i]!;
      const counts = eligibleCounts(summary);
      // The same counts give the same allocation (a pure function of them): not computed twice.
      const classes =
        early && RISK_CLASSES.every((c) => early.counts[c] === counts[c]) ? early.classes : allocateByRiskClass(group.allocation, counts);
      allocation.push({ group: group.code, classes });
      const needed = ticketsWanted(classes, group.reserve);
      const { smallest } =
        early && covers(early.kept, needed)
          ? await early.pool.finish(needed)
          : await smallestTicketsParallel(params.hash, opened.seed, bytes, needed, threads, excluded);
      const selected = selectionFromSmallest(group.code, classes, smallest);
      sample.push(...selected.sample);
      reserves.push(...selected.reserves);
    }
    return assembleBundle(input, opened, { allocation, sample, reserves });
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}

/** `text` as UTF-8 in shared memory: the ticket workers read the same bytes, nothing is copied to them. */
function sharedUtf8(text: string): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(text, 'utf8')));
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).write(text, 'utf8');
  return bytes;
}

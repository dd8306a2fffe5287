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
 * line) are drawn on worker threads. Below it runDraw, on the request's thread, is as quick or
 * quicker than handing the frame to workers (measured in docs/scale-out.md).
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

/** A group's files as the ceremony's draw reads them: the frame file as text, or as it is read from where it is stored (storedFramePieces: shared pieces of whole lines). */
export interface DrawnGroupFiles {
  code: string;
  frame: string | AsyncIterable<Uint8Array>;
  exclusions: string;
}

/** The bundle without its group files (the ceremony keeps the result; the files stay where they are stored). */
export type DrawnOnWorkers = Omit<DrawBundle<AuditorGroup>, 'groups'>;

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
  const drawn = await drawOnWorkers(input, threads, recordedCounts, started);
  return { ...drawn, groups: input.groups.map((g) => ({ code: g.code, frame: g.frame, exclusions: g.exclusions })) };
}

/**
 * runDrawOnWorkers's draw, each frame file read piece by piece as it arrives (a stream from the
 * database): the workers hash each piece while it is checked, counted and hashed here, so the
 * hashing overlaps the reading and the file is never held as one string.
 */
export async function drawOnWorkers(
  input: Omit<DrawInput, 'groups'> & { groups: readonly DrawnGroupFiles[] },
  threads = os.availableParallelism(),
  recordedCounts?: readonly Record<RiskClass, number>[],
  started: readonly ParallelTicketPool[] = [],
): Promise<DrawnOnWorkers> {
  const { params } = input;
  const pools: ParallelTicketPool[] = [...started]; // closed at the end, used or not
  try {
    checkGroupOrder(params, input.groups);
    // The entered values are checked by openDraw, after the frames (runDraw's order of refusals).
    const seedKnown =
      input.recordedCommit !== undefined &&
      recordedCounts?.length === params.groups.length &&
      input.sources.every((s) => typeof s.value === 'string');
    const earlySeed = seedKnown ? deriveSeed(params.hash, input.recordedCommit!, input.sources) : null;
    const frozen = [];
    for (const [i, files] of input.groups.entries()) {
      const group = params.groups[i]!;
      const excludedIds = parseExclusions(files.exclusions).map((e) => e.id);
      const excluded = excludedIdsText(excludedIds);
      let early: { pool: ParallelTicketPool; kept: TicketsWanted; counts: Record<RiskClass, number>; classes: GroupAllocation } | null =
        null;
      if (earlySeed !== null) {
        const counts = recordedCounts![i]!;
        const classes = allocateByRiskClass(group.allocation, counts);
        const kept = ticketsWanted(classes, group.reserve);
        const pool = started[i] ?? new ParallelTicketPool(threads);
        if (!started[i]) pools.push(pool);
        pool.start(params.hash, earlySeed, kept, excluded);
        early = { pool, kept, counts, classes };
      }
      const reader = new FrameReader(params.hash, nativeStreamingHash(params.hash), excludedIds);
      const pieces: Uint8Array[] = [];
      for await (const piece of typeof files.frame === 'string' ? [sharedUtf8(files.frame)] : files.frame) {
        early?.pool.submitText(piece);
        reader.update(piece);
        pieces.push(piece);
      }
      frozen.push({ files, pieces, excluded, early, summary: reader.finish() });
    }
    const opened = openDraw(
      input,
      frozen.map((g) => ({ code: g.files.code, frame_hash: g.summary.hash, exclusions_hash: fileHash(params.hash, g.files.exclusions) })),
    );
    const allocation: AllocationRecord[] = [];
    const sample: SampleEntry[] = [];
    const reserves: ReserveEntry[] = [];
    for (const [i, group] of params.groups.entries()) {
      const { pieces, excluded, early, summary } = frozen[i]!;
      const counts = eligibleCounts(summary);
      // The same counts give the same allocation (a pure function of them): not computed twice.
      const classes =
        early && RISK_CLASSES.every((c) => early.counts[c] === counts[c]) ? early.classes : allocateByRiskClass(group.allocation, counts);
      allocation.push({ group: group.code, classes });
      const needed = ticketsWanted(classes, group.reserve);
      const { smallest } =
        early && covers(early.kept, needed)
          ? await early.pool.finish(needed)
          : await smallestTicketsParallel(params.hash, opened.seed, joinShared(pieces), needed, threads, excluded);
      const selected = selectionFromSmallest(group.code, classes, smallest);
      sample.push(...selected.sample);
      reserves.push(...selected.reserves);
    }
    const { groups: _none, ...drawn } = assembleBundle({ ...input, groups: [] }, opened, { allocation, sample, reserves });
    return drawn;
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}

/** The pieces as one file in shared memory (a single piece as it is). */
function joinShared(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const joined = new Uint8Array(new SharedArrayBuffer(pieces.reduce((n, p) => n + p.length, 0)));
  let at = 0;
  for (const piece of pieces) {
    joined.set(piece, at);
    at += piece.length;
  }
  return joined;
}

/** `text` as UTF-8 in shared memory: the ticket workers read the same bytes, nothing is copied to them. */
function sharedUtf8(text: string): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(text, 'utf8')));
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).write(text, 'utf8');
  return bytes;
}

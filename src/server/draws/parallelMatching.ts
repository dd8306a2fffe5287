// Inspector matching (docs/draw-spec.md §8) with its costs computed on every core. On a dense
// pool (a city-wide 跨区域 pool: 50,000 visits × 2,000 people, 10⁸ pairs) the SM3 cost of every
// eligible pair is about a quarter of the CPU time, the solver the rest (docs/scale-out.md); the
// costs are what divides between cores: the visits are cut into slices handed to worker threads,
// each computing its visits' cheapest candidates with the code of the single-thread matching
// (cheapestLists), and the solver then runs on the main thread as before. The answer is the
// single-thread one, byte for byte (tested). Small pools are not worth the threads' start-up and
// stay on the synchronous path; the browser verifier only ever uses that path.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  DEFAULT_TUNING,
  jointParts,
  joinParts,
  prepareMatching,
  type JointMatchingInput,
  type JointMatchingResult,
  type MatchingInput,
  type MatchingResult,
  type MatchingTuning,
} from '../../core/assignment/index.ts';
import { listSize, type ImplicitStaffingVisit } from '../../core/assignment/implicitFlow.ts';
import type { LazyStaffingVisit, StaffingCandidate } from '../../core/assignment/minCostStaffing.ts';
import type { ListsRequest } from '../../core/assignment/pairCosts.ts';

/**
 * Eligible pairs from which the costs go to worker threads: about 1 s of hashing on one quiet
 * core, above a worker's start-up (a fresh isolate loading TypeScript, most of a second).
 */
export const PARALLEL_MATCHING_PAIRS = 10_000_000;
/** Most worker threads one matching uses. */
export const MAX_MATCHING_THREADS = 8;

export type MatchingWorkerRequest = { type: 'start'; request: ListsRequest } | { type: 'visits'; from: number; to: number };

export type MatchingWorkerReply =
  { type: 'ready' } | { type: 'lists'; from: number; to: number; packed: PackedLists } | { type: 'error'; message: string };

/**
 * Lists as typed arrays (cheap to move between threads): per visit and kind, 2 × candidates +
 * 1 if bounded in `counts`; the candidates' inspectors in `who`; their costs as high and low
 * 32-bit words in `words`, followed by every (visit, kind)'s bound (0, 0 when none).
 */
export interface PackedLists {
  counts: Int32Array;
  who: Int32Array;
  words: Uint32Array;
}

const KINDS = ['enforcement', 'secondOnly'] as const;
const BOUNDS = ['enforcementBound', 'secondOnlyBound'] as const;

export function packLists(lists: readonly LazyStaffingVisit[]): PackedLists {
  const n = lists.length;
  let total = 0;
  for (const l of lists) total += l.enforcement.length + l.secondOnly.length;
  const counts = new Int32Array(2 * n);
  const who = new Int32Array(total);
  const words = new Uint32Array(2 * total + 4 * n);
  let at = 0;
  lists.forEach((l, v) => {
    KINDS.forEach((kind, k) => {
      const bound = l[BOUNDS[k]!];
      counts[2 * v + k] = 2 * l[kind].length + (bound === null ? 0 : 1);
      for (const c of l[kind]) {
        who[at] = c.inspector;
        words[2 * at] = Number(c.cost >> 32n);
        words[2 * at + 1] = Number(c.cost & 0xffffffffn);
        at++;
      }
      if (bound !== null) {
        words[2 * total + 4 * v + 2 * k] = Number(bound >> 32n);
        words[2 * total + 4 * v + 2 * k + 1] = Number(bound & 0xffffffffn);
      }
    });
  });
  return { counts, who, words };
}

export function unpackLists(packed: PackedLists): LazyStaffingVisit[] {
  const { counts, who, words } = packed;
  const n = counts.length / 2;
  const total = who.length;
  const big = (at: number) => (BigInt(words[at]!) << 32n) | BigInt(words[at + 1]!);
  const out: LazyStaffingVisit[] = [];
  let at = 0;
  for (let v = 0; v < n; v++) {
    const visit = {} as LazyStaffingVisit;
    KINDS.forEach((kind, k) => {
      const count = counts[2 * v + k]! >> 1;
      const candidates: StaffingCandidate[] = [];
      for (let c = 0; c < count; c++, at++) candidates.push({ inspector: who[at]!, cost: big(2 * at) });
      visit[kind] = candidates;
      visit[BOUNDS[k]!] = counts[2 * v + k]! & 1 ? big(2 * total + 4 * v + 2 * k) : null;
    });
    out.push(visit);
  }
  return out;
}

/** Costs the request's first lists compute: every eligible pair of every visit. */
export function pairsToHash(visits: readonly ImplicitStaffingVisit[]): number {
  let pairs = 0;
  for (const v of visits) pairs += listSize(v.enforcement) + listSize(v.secondOnly);
  return pairs;
}

export interface ParallelMatchingOptions {
  /** Worker threads; default the available parallelism, at most MAX_MATCHING_THREADS. */
  threads?: number;
  /** Fewer eligible pairs than this: the synchronous path (default PARALLEL_MATCHING_PAIRS). */
  minPairs?: number;
  tuning?: MatchingTuning;
  /** Visits per slice handed to a worker (default: about 16 slices per worker, at least 64). */
  sliceVisits?: number;
}

/** matchInspectors (docs/draw-spec.md §8) with the costs of a large pool on worker threads; the same result. */
export async function matchInspectorsParallel(input: MatchingInput, options: ParallelMatchingOptions = {}): Promise<MatchingResult> {
  const prepared = prepareMatching(input, options.tuning ?? DEFAULT_TUNING);
  const threads = Math.min(options.threads ?? os.availableParallelism(), MAX_MATCHING_THREADS);
  if (threads < 2 || pairsToHash(prepared.lists.visits) < (options.minPairs ?? PARALLEL_MATCHING_PAIRS)) return prepared.finish();
  return prepared.finish(await cheapestListsOnWorkers(prepared.lists, threads, options.sliceVisits));
}

/** matchJointInspectors with each part matched by matchInspectorsParallel. */
export async function matchJointInspectorsParallel(
  input: JointMatchingInput,
  options: ParallelMatchingOptions = {},
): Promise<JointMatchingResult> {
  const parts = jointParts(input);
  const results: MatchingResult[] = [];
  for (const part of parts) results.push(await matchInspectorsParallel(part.input, options));
  return joinParts(input, parts, results);
}

// The repo runs TypeScript through tsx; the worker entry is a small .mjs that registers tsx
// and imports matchingWorker.ts, so it works under `node --import tsx`, vitest and `npm run bench`.
const WORKER_ENTRY = new URL('./matchingWorker.mjs', import.meta.url);

/**
 * cheapestLists(request, 0, visits) on `threads` workers: the visits in slices of consecutive
 * visits, each worker given its next slice as it returns one (two in flight), so a worker
 * slowed by other work on the machine takes fewer. Every slice must come back exactly once.
 */
export async function cheapestListsOnWorkers(request: ListsRequest, threads: number, sliceVisits?: number): Promise<LazyStaffingVisit[]> {
  const V = request.visits.length;
  const slice = Math.max(1, sliceVisits ?? Math.max(64, Math.ceil(V / (threads * 16))));
  const lists: (LazyStaffingVisit | undefined)[] = new Array<LazyStaffingVisit | undefined>(V);
  let next = 0;
  let received = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      if (V === 0) return resolve();
      const give = (worker: Worker) => {
        if (next >= V) return;
        const from = next;
        next = Math.min(V, next + slice);
        worker.postMessage({ type: 'visits', from, to: next } satisfies MatchingWorkerRequest);
      };
      for (let t = 0; t < Math.min(threads, Math.ceil(V / slice)); t++) {
        const worker = new Worker(WORKER_ENTRY);
        workers.push(worker);
        worker.postMessage({ type: 'start', request } satisfies MatchingWorkerRequest);
        worker.on('message', (reply: MatchingWorkerReply) => {
          if (reply.type === 'ready') {
            give(worker);
            give(worker);
          } else if (reply.type === 'lists') {
            const part = unpackLists(reply.packed);
            if (part.length !== reply.to - reply.from)
              return reject(new Error(`matching worker: ${part.length} lists for visits ${reply.from}–${reply.to}`));
            part.forEach((l, k) => {
              if (lists[reply.from + k]) return reject(new Error(`matching worker: visit ${reply.from + k} twice`));
              lists[reply.from + k] = l;
              received++;
            });
            if (received === V) resolve();
            else give(worker);
          } else reject(new Error(`人员匹配工作线程出错：${reply.message}`));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (received < V) reject(new Error(`人员匹配工作线程意外退出（退出码 ${code}）`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return lists.map((l, v) => {
    if (!l) throw new Error(`matching worker: no lists for visit ${v}`);
    return l;
  });
}

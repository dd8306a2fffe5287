// Inspector matching (docs/draw-spec.md §8) with its costs computed on every core. On a dense
// pool (a city-wide 跨区域 pool: 50,000 visits × 2,000 people, 10⁸ pairs) the SM3 cost of every
// eligible pair is about a quarter of the CPU time, the solver the rest (docs/scale-out.md); the
// costs are what divides between cores: the visits are cut into slices handed to worker threads,
// each computing its visits' cheapest candidates with the code of the single-thread matching
// (cheapestLists), and the solver then runs on the main thread as before. The answer is the
// single-thread one, byte for byte (tested). Small pools are not worth the threads' start-up and
// stay on the synchronous path; the browser verifier only ever uses that path.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../jobs/workerThreads.ts';
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
import type { LazyStaffingVisit } from '../../core/assignment/minCostStaffing.ts';
import type { ListsRequest } from '../../core/assignment/pairCosts.ts';
import { unpackLists, type MatchingWorkerReply, type MatchingWorkerRequest } from './matchingMessages.ts';

/**
 * Eligible pairs from which the costs go to worker threads: about 1 s of hashing on one quiet
 * core. (Set when a worker's start-up, loading TypeScript through tsx, took most of a second; it
 * now takes some 20 ms, see jobs/workerThreads.ts, and the threshold has not been measured again.)
 */
export const PARALLEL_MATCHING_PAIRS = 10_000_000;
/** Most worker threads one matching uses. */
export const MAX_MATCHING_THREADS = 8;

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

const WORKER_ENTRY = new URL('./matchingWorker.ts', import.meta.url);

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
        const worker = startWorker(WORKER_ENTRY);
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

// The matching with its costs on worker threads gives the single-thread answer byte for byte
// (docs/draw-spec.md §8): the same assignment, total cost, 回避, fair shares and unstaffable
// visits, on random instances (tight caps, 回避, experts, 交叉互查) cut into slices of one or a
// few visits so that every worker computes part of every instance.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchInspectors, matchJointInspectors, prepareMatching } from '../../core/assignment/index.ts';
import { PairCosts, cheapestLists } from '../../core/assignment/pairCosts.ts';
import { arbDense } from '../../testing/matchingInstances.ts';
import { packLists, unpackLists } from './matchingMessages.ts';
import { cheapestListsOnWorkers, matchInspectorsParallel, matchJointInspectorsParallel } from './parallelMatching.ts';

const PRUNED = { listedUpTo: 0, keptPerKind: 1 };

describe('inspector matching with the costs on worker threads', () => {
  it('equals the single-thread matching on random instances, lists pruned or not', async () => {
    await fc.assert(
      fc.asyncProperty(arbDense, fc.integer({ min: 1, max: 3 }), fc.boolean(), async (input, sliceVisits, pruned) => {
        const tuning = pruned ? PRUNED : undefined;
        const single = matchInspectors(input, tuning);
        const parallel = await matchInspectorsParallel(input, { threads: 2, minPairs: 0, sliceVisits, tuning });
        expect(parallel).toEqual(single);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('gives the workers every visit once: the lists are those of one thread', async () => {
    const [input] = fc.sample(
      arbDense.filter((i) => i.visits.length >= 8),
      { numRuns: 1, seed: 11 },
    );
    const request = prepareMatching(input!, PRUNED).lists;
    const local = prepareMatching(input!, PRUNED);
    const onWorkers = await cheapestListsOnWorkers(request, 3, 2);
    expect(onWorkers).toEqual(
      cheapestLists(new PairCosts(request.hash, request.seed, request.inspectorCodes), request, 0, request.visits.length),
    );
    // packing is lossless, and the lists of each visit are those computed here
    expect(unpackLists(packLists(onWorkers))).toEqual(onWorkers);
    expect(local.finish(onWorkers)).toEqual(local.finish());
  }, 60_000);

  it('matches a joint task part by part as the single-thread joint matching does', async () => {
    const [input] = fc.sample(
      arbDense.filter((i) => i.visits.length >= 4),
      { numRuns: 1, seed: 5 },
    );
    const joint = { ...input!, departments: [{ code: 'B', name: '卫健委' }] };
    expect(await matchJointInspectorsParallel(joint, { threads: 2, minPairs: 0, sliceVisits: 1 })).toEqual(matchJointInspectors(joint));
  }, 60_000);
});

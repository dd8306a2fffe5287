// Worker thread of parallelMatching.ts: computes the cheapest candidates of the visits it is
// given (cheapestLists, the code of the single-thread matching) and returns them packed.
import { parentPort } from 'node:worker_threads';
import { PairCosts, cheapestLists, type ListsRequest } from '../../core/assignment/pairCosts.ts';
import { packLists, type MatchingWorkerReply, type MatchingWorkerRequest } from './matchingMessages.ts';

const port = parentPort!;
let request: ListsRequest | null = null;
let costs: PairCosts | null = null;

port.on('message', (message: MatchingWorkerRequest) => {
  try {
    if (message.type === 'start') {
      request = message.request;
      costs = new PairCosts(request.hash, request.seed, request.inspectorCodes);
      return;
    }
    if (!request || !costs) throw new Error('matching worker: visits before start');
    const packed = packLists(cheapestLists(costs, request, message.from, message.to));
    const reply: MatchingWorkerReply = { type: 'lists', from: message.from, to: message.to, packed };
    port.postMessage(reply, [packed.counts.buffer, packed.who.buffer, packed.words.buffer] as ArrayBuffer[]);
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies MatchingWorkerReply);
  }
});
port.postMessage({ type: 'ready' } satisfies MatchingWorkerReply);

// Worker thread of parallelTickets.ts: hashes the frame chunks it is given with the pure
// batch selector (src/core/draw/batchTickets.ts) and returns its per-stratum smallest tickets.
import { parentPort } from 'node:worker_threads';
import { SmallestTicketSelector } from '../../core/draw/batchTickets.ts';
import type { TicketWorkerReply, TicketWorkerRequest } from './parallelTickets.ts';

const port = parentPort!;
let selector: SmallestTicketSelector | null = null;
let busyMs = 0;

port.on('message', (message: TicketWorkerRequest) => {
  try {
    if (message.type === 'start') {
      selector = new SmallestTicketSelector(message.alg, message.seed, message.wanted, { excluded: message.excluded });
      busyMs = 0;
      return;
    }
    if (!selector) throw new Error('ticket worker: chunk before start');
    if (message.type === 'finish') {
      const smallest = selector.result(message.wanted);
      const reply: TicketWorkerReply = {
        type: 'result',
        smallest,
        count: selector.count,
        busyMs,
        heapBytes: process.memoryUsage().heapUsed,
      };
      port.postMessage(
        reply,
        Object.values(smallest).map((s) => s.tickets.buffer as ArrayBuffer),
      );
      return;
    }
    const started = performance.now();
    const before = selector.count;
    selector.addText(message.text);
    busyMs += performance.now() - started;
    port.postMessage({ type: 'done', count: selector.count - before } satisfies TicketWorkerReply);
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies TicketWorkerReply);
  }
});
port.postMessage({ type: 'ready' } satisfies TicketWorkerReply);

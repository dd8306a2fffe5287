// Hash floor of bench/matching.bench.ts, in its own thread: `blocks` SM3 compressions on the
// four WebAssembly lanes (sm3x4.ts), as the matching computes its costs; reports the milliseconds.
import { register } from 'tsx/esm/api';
import { parentPort, workerData } from 'node:worker_threads';

register();
const { SM3X4_MAX_BLOCKS, createSm3x4 } = await import('../../src/core/hash/sm3x4.ts');
const lanes = createSm3x4();
parentPort.postMessage({ type: 'ready' });
parentPort.once('message', () => {
  const started = performance.now();
  lanes.blocks.fill(0x5c5c5c5c);
  for (let done = 0; done < workerData.blocks; done += SM3X4_MAX_BLOCKS) lanes.compress(SM3X4_MAX_BLOCKS);
  parentPort.postMessage({ type: 'done', ms: performance.now() - started });
});

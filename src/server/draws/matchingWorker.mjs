// Entry of a matching worker thread (parallelMatching.ts). A worker is a fresh isolate and on
// Node 20 `execArgv: ['--import', 'tsx']` does not apply to its entry module, so it registers
// tsx itself (as ticketWorker.mjs does) before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./matchingWorker.ts');

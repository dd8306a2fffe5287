// Entry of a row-validation worker thread (validationPool.ts). A worker is a fresh isolate and on
// Node 20 `execArgv: ['--import', 'tsx']` does not apply to its entry module, so it registers
// tsx itself (as bin/ssj.mjs does) before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./validationWorker.ts');

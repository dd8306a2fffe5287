// Worker threads of long jobs (the draw's tickets, the matching's costs, the import's rows) run
// TypeScript modules of this repository. A worker is a fresh isolate: loading each module there
// through tsx (its loader thread transforming them one by one) took some 130 ms on a quiet core
// and 1.3 s in the first second of a large import, the two cores busy with its reading and the
// database. Instead a worker's module and everything it imports are bundled once a process by
// esbuild — the transformer tsx itself runs on — into one CommonJS script (5–40 ms), which each
// worker runs as given: it answers its first message within some 20 ms. A worker module
// therefore imports only what the worker runs (message types and packers live in modules of
// their own, not beside the pool).
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';

const scripts = new Map<string, string>();

/** The bundled script of the worker module at `entry` (built on first use, then kept). */
export function workerScript(entry: URL): string {
  const file = fileURLToPath(entry);
  let script = scripts.get(file);
  if (script === undefined) {
    script = buildSync({
      entryPoints: [file],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    }).outputFiles[0]!.text;
    scripts.set(file, script);
  }
  return script;
}

/** A worker thread running the module at `entry` (a .ts file of this repository). */
export function startWorker(entry: URL): Worker {
  return new Worker(workerScript(entry), { eval: true });
}

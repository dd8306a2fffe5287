// Load generator for bench/portal.bench.ts, in its own thread: keeps `concurrency` requests in
// flight against 127.0.0.1 for `seconds`, then reports requests, errors and latencies (ms).
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, paths, concurrency, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies = [];
let errors = 0;
let next = 0;
const deadline = Date.now() + seconds * 1000;

function once(path) {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) errors += 1;
        latencies.push(performance.now() - start);
        resolve();
      });
    });
    req.on('error', () => {
      errors += 1;
      resolve();
    });
  });
}

async function lane() {
  while (Date.now() < deadline) {
    const path = paths[next % paths.length];
    next += 1;
    await once(path);
  }
}

await Promise.all(Array.from({ length: concurrency }, lane));
agent.destroy();
parentPort.postMessage({ requests: latencies.length, errors, latencies });

// SM3 throughput of the pure-TypeScript hasher (src/core/hash, used in the browser verifier
// and the audit chain) against node:crypto's native SM3 as the baseline.
import { createHash } from 'node:crypto';
import { sm3Hex } from '../src/core/hash/sm3.ts';

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function run(): Promise<void> {
  const messages = Array.from({ length: 200_000 }, (_, i) => `140581|91140581${String(i).padStart(9, '0')}X|高平市示例商贸有限公司${i}`);
  const big = new Uint8Array(64 * 1024 * 1024).map((_, i) => i & 0xff);
  // warm-up
  for (const m of messages.slice(0, 1000)) {
    sm3Hex(m);
    createHash('sm3').update(m).digest('hex');
  }
  const pureSmall = time(() => messages.forEach((m) => sm3Hex(m)));
  const nativeSmall = time(() => messages.forEach((m) => createHash('sm3').update(m).digest('hex')));
  const pureBig = time(() => sm3Hex(big));
  const nativeBig = time(() => createHash('sm3').update(big).digest('hex'));
  console.log(`short messages (${messages.length}): pure-TS ${pureSmall.toFixed(0)} ms, node:crypto ${nativeSmall.toFixed(0)} ms → pure/native time ratio ${(pureSmall / nativeSmall).toFixed(2)}×`);
  console.log(`64 MiB buffer: pure-TS ${(64 / (pureBig / 1000)).toFixed(0)} MiB/s, node:crypto ${(64 / (nativeBig / 1000)).toFixed(0)} MiB/s → pure/native time ratio ${(pureBig / nativeBig).toFixed(2)}×`);
}

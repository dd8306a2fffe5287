// `npm run bench`: runs every bench/*.bench.ts in turn. Each prints its figures as ratios
// against a baseline measured in the same run. Not part of `npm test`.
import fs from 'node:fs';
import path from 'node:path';

const only = process.argv[2];
const files = fs
  .readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const mod = (await import(path.join(import.meta.dirname, file))) as { run: () => Promise<void> };
  await mod.run();
}

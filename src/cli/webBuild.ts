// `npm start` builds the web console when its sources are newer than the last build.
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function webBuildIsStale(webDir: string): boolean {
  const index = path.resolve(webDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return [path.join(repoRoot, 'src/web'), path.join(repoRoot, 'src/core')].some((dir) => newestMtime(dir) > built);
}

export async function buildWeb(log: (line: string) => void): Promise<void> {
  log('正在构建网页控制台（vite build）……');
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'src/web/vite.config.ts'), logLevel: 'warn' });
  log('网页控制台构建完成。');
}

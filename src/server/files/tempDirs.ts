// Temporary folders for uploads, import jobs and exports. Each name carries the server's
// process id (ssj-upload-<pid>-…, ssj-job-<pid>-…, ssj-export-<pid>-…) so that a server
// starting up can remove the folders a crashed process left behind without touching those
// of another server still running on the same machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type TempKind = 'upload' | 'job' | 'export';

/** A new, empty folder; the caller removes it (removeTempDir) on every path. */
export function makeTempDir(kind: TempKind): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ssj-${kind}-${process.pid}-`));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary folders of processes that no longer run (a crash, a kill -9). Folders
 * of the old naming (no process id) are removed when older than a day. Returns how many.
 */
export function sweepOrphanTempDirs(tmp = os.tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(tmp);
  } catch {
    return 0;
  }
  for (const name of names) {
    const match = /^ssj-(upload|job|export)-(?:(\d+)-)?/.exec(name);
    if (!match) continue;
    const full = path.join(tmp, name);
    try {
      const orphan = match[2] !== undefined ? !isAlive(Number(match[2])) : Date.now() - fs.statSync(full).mtimeMs > 24 * 3600 * 1000;
      if (!orphan) continue;
      fs.rmSync(full, { recursive: true, force: true });
      removed += 1;
    } catch {
      // Another process removed it first, or it is not ours to remove.
    }
  }
  return removed;
}

/**
 * Cleaning up after a killed snapshot writer: `saveSnapshot` writes `<file>.tmp-<pid>-<hex>`
 * and renames it over the snapshot, so a writer killed before the rename leaves that file behind.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** True when a process with this id runs (or exists, but is not ours to signal). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files of `file`'s earlier writers that are no longer running, and
 * gives their names. A temp file of this process or of a running one is left alone: it may be
 * a save in progress. Best effort: a folder that cannot be listed or a file that cannot be
 * removed is skipped (it never fails a save or a load).
 */
export async function removeStaleTempFiles(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.tmp-`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || (pid > 0 && isRunning(pid))) continue;
    try {
      await rm(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Someone else's file or a read-only folder: not ours to insist on.
    }
  }
  return removed;
}

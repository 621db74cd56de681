/**
 * How recently anything in a corpus folder changed, to decide whether a snapshot is stale.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The newest modification time (ms since the epoch) of the folder, its sub-folders and every
 * file in them. Folders count too: deleting or renaming a file changes only its folder's
 * time. Dot-files and dot-folders are skipped, as the corpus loader skips them.
 */
export async function newestMtime(dir: string): Promise<number> {
  let newest = (await stat(dir)).mtimeMs;
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    // A file that vanished or a dangling link cannot make the snapshot stale.
    const t = entry.isDirectory() ? await newestMtime(path) : await stat(path).then((s) => s.mtimeMs, () => 0);
    if (t > newest) newest = t;
  }
  return newest;
}

/**
 * Writing a file so that readers see the old content or the new, never a part: to a temporary
 * file in the same folder, flushed to disk, then renamed over the target. The temporary's name,
 * `<file>.tmp-<pid>-<hex>`, is the one stale-temp-files.ts removes after a killed writer. Used
 * for snapshots, and beside them for update journals and published manifests (lifecycle/).
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';

/** Writes `file` atomically with `write` (given the open temporary file); the temporary goes on failure. */
export async function writeAtomically(file: string, write: (fh: FileHandle) => Promise<void>): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await write(fh);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Snapshots of a {@link SearchIndex}: the facade's side of lib/snapshot, which turns an index's
 * plain state into bytes and files; here that state is exported from and imported into an engine.
 */
import { SnapshotError } from '../errors.js';
import { checkString, invalidArgument } from '../check-argument.js';
import { engineStateFromBytes, engineStateToBytes, readSnapshotFile, writeSnapshotFile } from '../snapshot/snapshot-file.js';
import { exportEngineState, importEngineState, type SearchIndex } from './search-index.js';

/** Serialises an index to snapshot bytes. */
export function snapshotToBytes(index: SearchIndex): Buffer {
  return engineStateToBytes(exportEngineState(index));
}

/**
 * Rebuilds an index from snapshot bytes. Throws {@link SnapshotError} when they are not a valid
 * snapshot. The index keeps views into `bytes` instead of copies: do not modify them afterwards.
 */
export function snapshotFromBytes(bytes: Buffer): SearchIndex {
  if (!(bytes instanceof Uint8Array)) throw invalidArgument('bytes', 'a Buffer', bytes);
  const state = engineStateFromBytes(bytes);
  try {
    return importEngineState(state);
  } catch (err) {
    throw new SnapshotError(`invalid snapshot: inconsistent contents (${(err as Error).message})`);
  }
}

/**
 * Writes a snapshot of `index` to `file` atomically: to a temporary file in the same folder,
 * flushed to disk, then renamed over the target, so a crash mid-write never leaves a broken
 * snapshot behind. Creates the folder if needed.
 */
export async function saveSnapshot(index: SearchIndex, file: string): Promise<{ bytes: number }> {
  checkString('file', file);
  return writeSnapshotFile(file, snapshotToBytes(index));
}

/** Loads a snapshot written by {@link saveSnapshot}. Throws {@link SnapshotError} if missing or invalid. */
export async function loadSnapshot(file: string): Promise<SearchIndex> {
  checkString('file', file);
  return snapshotFromBytes(await readSnapshotFile(file));
}

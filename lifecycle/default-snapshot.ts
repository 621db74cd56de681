/**
 * Where an index of a corpus folder is kept when no snapshot file is named: one file per folder,
 * shared by `ledesearch index`, `search`, `serve` and the server's own entry.
 */
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';

/** Folder of the default snapshots, relative to the working directory (git-ignored). */
export const DEFAULT_SNAPSHOT_DIR = '.ledesearch';
/** How the default snapshot path is described in help texts. */
export const DEFAULT_SNAPSHOT_HELP = `${DEFAULT_SNAPSHOT_DIR}/<corpus folder name>-<hash of its full path>.snapshot`;

/**
 * The default snapshot of a corpus folder: one file per folder, named after it and a hash of its
 * absolute path (`.ledesearch/corpus-1b2c3d4e5f60.snapshot`), so that indexing or searching
 * another folder never replaces the snapshot of this one, while `corpus`, `./corpus/` and its
 * absolute path share one.
 */
export function defaultSnapshotFor(corpus: string): string {
  const full = resolve(corpus);
  // Only characters that are safe in a file name everywhere; the hash keeps names unique.
  const name = basename(full).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'corpus';
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 12);
  return join(DEFAULT_SNAPSHOT_DIR, `${name}-${hash}.snapshot`);
}

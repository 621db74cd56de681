/**
 * Snapshots of a {@link SearchIndex}: the facade's side of lib/snapshot, which turns an index's
 * plain state into bytes and files; here that state is exported from and imported into an engine.
 */
import { SnapshotError } from '../errors.js';
import { checkOptions, checkString, invalidArgument } from '../check-argument.js';
import {
  engineStatePieces,
  engineStateToBytes,
  engineStateWithMetadataFromBytes,
  readSnapshotFile,
  writeSnapshotFile,
  type SnapshotWriteOptions,
} from '../snapshot/snapshot-file.js';
import type { EngineState } from '../index/engine-state.js';
import type { SchemaDefinition } from '../schema/field-schema.js';
import { resolveSchema, sameSchema } from '../schema/resolve-schema.js';
import { exportEngineState, importEngineState, type SearchIndex } from './search-index.js';

/** Options of the snapshot loaders. */
export interface LoadSnapshotOptions {
  /**
   * The schema the caller expects (lib/schema; `undefined` for the default one). When given
   * (the key present), a snapshot whose stored schema differs is refused with a SnapshotError
   * whose `details.reason` is `schema_mismatch`, so the caller can rebuild. Default: accept the
   * snapshot's own schema.
   */
  schema?: SchemaDefinition;
}

/** Refuses a snapshot whose schema is not the one asked for (see {@link LoadSnapshotOptions.schema}). */
function checkSchema(state: EngineState, options: LoadSnapshotOptions): void {
  if (!('schema' in options)) return;
  const asked = resolveSchema(options.schema);
  let stored;
  try {
    stored = resolveSchema(state.options.schema);
  } catch (err) {
    throw new SnapshotError(`invalid snapshot: its schema is not valid (${(err as Error).message})`);
  }
  if (!sameSchema(asked, stored)) {
    throw new SnapshotError(
      `the snapshot's schema differs from the one asked for (snapshot ${stored.fingerprint}, asked ${asked.fingerprint})`,
      { reason: 'schema_mismatch', snapshotSchema: stored.definition, askedSchema: asked.definition },
    );
  }
}

/** An index loaded from a snapshot, with the metadata it was saved with. */
export interface LoadedSnapshot {
  index: SearchIndex;
  /** The `metadata` given to {@link saveSnapshot}; undefined when none was. */
  metadata: unknown;
}

/** Serialises an index to snapshot bytes (with `options.metadata` in the header, if given). */
export function snapshotToBytes(index: SearchIndex<unknown>, options: SnapshotWriteOptions = {}): Buffer {
  checkOptions('options', options);
  return engineStateToBytes(exportEngineState(index), options);
}

function indexOf(state: EngineState): SearchIndex {
  try {
    return importEngineState(state);
  } catch (err) {
    throw new SnapshotError(`invalid snapshot: inconsistent contents (${(err as Error).message})`);
  }
}

/**
 * Rebuilds an index from snapshot bytes. Throws {@link SnapshotError} when they are not a valid
 * snapshot. The index keeps views into `bytes` instead of copies: do not modify them afterwards.
 */
export function snapshotFromBytes(bytes: Buffer, options: LoadSnapshotOptions = {}): SearchIndex {
  return snapshotWithMetadataFromBytes(bytes, options).index;
}

/** Like {@link snapshotFromBytes}, with the metadata the snapshot was written with. */
export function snapshotWithMetadataFromBytes(bytes: Buffer, options: LoadSnapshotOptions = {}): LoadedSnapshot {
  if (!(bytes instanceof Uint8Array)) throw invalidArgument('bytes', 'a Buffer', bytes);
  checkOptions('options', options);
  const { state, metadata } = engineStateWithMetadataFromBytes(bytes);
  checkSchema(state, options);
  return { index: indexOf(state), metadata };
}

/**
 * Writes a snapshot of `index` to `file` atomically: to a temporary file in the same folder,
 * flushed to disk, then renamed over the target, so a crash mid-write never leaves a broken
 * snapshot behind. Creates the folder if needed. Written piece by piece, without a second full
 * copy of the index in memory (and so past 2 GiB too).
 */
export async function saveSnapshot(index: SearchIndex<unknown>, file: string, options: SnapshotWriteOptions = {}): Promise<{ bytes: number }> {
  checkString('file', file);
  checkOptions('options', options);
  return writeSnapshotFile(file, engineStatePieces(exportEngineState(index), options));
}

/**
 * Loads a snapshot written by {@link saveSnapshot}, of any size: read section by section, so no
 * buffer holds the whole file and the index keeps views into what was read (no second copy of
 * the file at peak: see lib/snapshot/snapshot-file.ts). Throws {@link SnapshotError} if missing or invalid. Temporary files that a killed writer left next to it are removed on the way.
 */
export async function loadSnapshot(file: string, options: LoadSnapshotOptions = {}): Promise<SearchIndex> {
  return (await loadSnapshotWithMetadata(file, options)).index;
}

/** Like {@link loadSnapshot}, with the metadata the snapshot was saved with. */
export async function loadSnapshotWithMetadata(file: string, options: LoadSnapshotOptions = {}): Promise<LoadedSnapshot> {
  checkString('file', file);
  checkOptions('options', options);
  const { state, metadata } = await readSnapshotFile(file);
  checkSchema(state, options);
  return { index: indexOf(state), metadata };
}

/**
 * Getting an index to serve or query: from the snapshot when it matches the corpus folder's
 * content, brought up to date when only some files changed, otherwise built from the corpus
 * (then writing the snapshot for next time). A bad snapshot is never fatal.
 */
import { rm, stat } from 'node:fs/promises';
import { loadSnapshotWithMetadata, readSnapshotMetadata, saveSnapshot, SearchError, type CorpusError, type ResolvedSchema } from '../lib/index.js';
import { buildIndexFromCorpus, manifestSchema, type BuiltIndex } from './build-index.js';
import { corpusChanges, corpusKey, manifestOf, type CorpusManifest } from './corpus-manifest.js';
import type { LoadedIndex } from './loaded-index.js';
import { describeSchema } from './schema-config.js';
import { applyJournal, journalUpdateFromCorpus, updateIndexFromCorpus, type UpdatedIndex, type UpdateMode } from './update-index.js';
import { readJournal, removeJournal, snapshotStamp, StaleJournal, writeJournal, type UpdateJournal } from './update-journal.js';

/** Where progress and problems are told. */
export interface LoadReporter {
  info(message: string): void;
  warn(message: string): void;
  /** Articles indexed so far, while building from the corpus. */
  progress?(done: number, total: number): void;
  /** A corpus file, line or article that was skipped. Default: a warning naming it. */
  problem?(error: CorpusError): void;
}

/** Options of {@link loadOrBuildIndex}. */
export interface LoadIndexOptions {
  /** The corpus folder. */
  corpus: string;
  /** The snapshot file; `false` to neither read nor write one. */
  snapshot: string | false;
  reporter: LoadReporter;
  /** Rebuild from the whole corpus even when the snapshot could be used or updated. Default false. */
  full?: boolean;
  /**
   * The declared schema to index with (see `schema-config.ts`). A snapshot built with another
   * schema is not used: the index is rebuilt, and the reporter told why. Default: the default schema.
   */
  schema?: ResolvedSchema;
  /**
   * Write the snapshot whole even when the update could be kept in its journal (a snapshot to
   * publish must be one file). Default false.
   */
  whole?: boolean;
  /** Share of the snapshot's articles its journal may hold (see update-journal.ts). Default 0.1. */
  journalRatio?: number;
  /**
   * Only keep an update in the journal: when it cannot be (see {@link refreshSnapshot}), write
   * nothing, for a caller that holds the updated index and writes the snapshot whole from it
   * (the server after an update in memory). Default false.
   */
  journalOnly?: boolean;
}

/** How {@link loadOrBuildIndex} got its index: the snapshot as it was, or an update or build. */
export type LoadMode = 'snapshot' | UpdateMode;

/** What {@link loadOrBuildIndex} gives: the index, and the corpus problems of the files it read. */
export interface LoadIndexResult {
  loaded: LoadedIndex;
  /** Problems met reading the corpus files that were read; empty when the snapshot was used as it was. */
  errors: CorpusError[];
  mode: LoadMode;
  /** For an update or build: what was read and changed (see `UpdatedIndex`). */
  changes?: Pick<UpdatedIndex, 'filesRead' | 'filesRemoved' | 'added' | 'removed' | 'fullReason'>;
  /** Whether a new snapshot was written (false also when none was needed). */
  wroteSnapshot: boolean;
  /** The journal written instead of the whole snapshot (an update kept as a journal). */
  wroteJournal?: { bytes: number; articles: number; removed: number };
}

/** What {@link refreshSnapshot} gives: {@link LoadIndexResult} without the index, unless it had to load or build one. */
export interface RefreshResult extends Omit<LoadIndexResult, 'loaded'> {
  loaded?: LoadedIndex;
  /** The articles the index holds now. */
  numArticles: number;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The snapshot's journal, when it has one that applies; a stale or corrupt one is told to the
 * reporter and removed (nothing is lost: the snapshot's own manifest then makes the next update
 * read those files again).
 */
async function journalOf(snapshot: string, reporter: LoadReporter): Promise<UpdateJournal | undefined> {
  try {
    return await readJournal(snapshot);
  } catch (error) {
    if (!(error instanceof StaleJournal)) throw error;
    reporter.warn(`ignoring the snapshot's journal: ${error.message}`);
    await removeJournal(snapshot);
    return undefined;
  }
}

/**
 * Loads the snapshot and applies its journal, timing it; a corrupt snapshot gives a
 * SnapshotError. The manifest is the journal's when there is one.
 */
async function fromSnapshot(snapshot: string, reporter: LoadReporter, schema?: ResolvedSchema): Promise<{ loaded: LoadedIndex; manifest: CorpusManifest | undefined }> {
  const t0 = performance.now();
  // With a schema asked for, a snapshot of another one is a SnapshotError (schema_mismatch), so it is rebuilt.
  const { index, metadata } = await loadSnapshotWithMetadata(snapshot, schema === undefined ? {} : { schema: schema.definition });
  let manifest = manifestOf(metadata);
  const journal = await journalOf(snapshot, reporter);
  if (journal) {
    try {
      await applyJournal(index, journal, { schema });
    } catch (error) {
      if (!(error instanceof StaleJournal)) throw error;
      reporter.warn(`ignoring the snapshot's journal: ${error.message}`);
      await removeJournal(snapshot);
      return fromSnapshot(snapshot, reporter, schema);
    }
    manifest = journal.manifest;
  }
  const numCorpusErrors = manifest?.files.reduce((n, f) => n + f.numErrors, 0);
  const loaded: LoadedIndex = { index, builtAt: new Date().toISOString(), buildMs: Math.round(performance.now() - t0), source: 'snapshot', numCorpusErrors, manifest };
  return { loaded, manifest };
}

/**
 * Writes the snapshot of an index, with the manifest of the corpus it was built from in its
 * metadata. A failure is a warning (the index is built and serves all the same) and gives false.
 */
export async function writeSnapshot(loaded: LoadedIndex, snapshot: string, reporter: LoadReporter): Promise<boolean> {
  try {
    const { bytes } = await saveSnapshot(loaded.index, snapshot, { metadata: loaded.manifest ? { manifest: loaded.manifest } : undefined });
    // The whole snapshot carries what the journal held (a stale journal would be ignored anyway).
    await removeJournal(snapshot);
    // Earlier versions recorded the corpus in a side file; the manifest in the snapshot replaces it.
    await rm(`${snapshot}.meta.json`, { force: true });
    reporter.info(`wrote snapshot ${snapshot} (${formatBytes(bytes)})`);
    return true;
  } catch (error) {
    reporter.warn(`could not write snapshot ${snapshot}: ${messageOf(error)}`);
    return false;
  }
}

/** One corpus problem on one line: `reuters/0001.jsonl:3: invalid_json: <reason>`. */
export function formatCorpusError(e: CorpusError): string {
  return `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.code}: ${e.reason}`;
}

/** Human-readable size. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The manifest of `snapshot` when it is one of `corpus`, or why it cannot be used. */
async function usableManifest(snapshot: string, corpus: string, reporter: LoadReporter, schema: ResolvedSchema | undefined): Promise<CorpusManifest | string> {
  if (!(await isFile(snapshot))) return 'no snapshot yet';
  let metadata: unknown;
  try {
    metadata = await readSnapshotMetadata(snapshot);
  } catch (error) {
    reporter.warn(`snapshot ${snapshot} is unusable (${messageOf(error)}); rebuilding from ${corpus}`);
    return 'the snapshot is unusable';
  }
  const manifest = manifestOf(metadata);
  if (!manifest) return 'the snapshot records no corpus manifest';
  if (manifest.corpus !== corpusKey(corpus)) return 'the snapshot was built from another corpus folder';
  if (manifest.schema !== manifestSchema(schema).schema) {
    const was = manifest.schema === undefined ? 'the default schema' : 'another declared schema';
    const now = schema === undefined || schema.isDefault ? 'the default schema' : `fields ${describeSchema(schema)}`;
    return `the snapshot was built with ${was}, and ${now} ${schema === undefined || schema.isDefault ? 'is' : 'are'} asked for now`;
  }
  return manifest;
}

/** Tells the reporter about the corpus problems of a build or update. */
function report(built: Pick<BuiltIndex, 'errors' | 'warnings'>, reporter: LoadReporter): void {
  for (const w of built.warnings ?? []) reporter.warn(w.reason);
  for (const e of built.errors) {
    if (reporter.problem) reporter.problem(e);
    else reporter.warn(`skipped ${formatCorpusError(e)}`);
  }
}

/**
 * Brings the snapshot of `corpus` up to date, decided by content, not file times, loading or
 * building an index only when that is needed to write it:
 * - every corpus file has the size, mtime or content hash the manifest records (the journal's,
 *   when the snapshot has one): nothing to do (mode `snapshot`);
 * - some files are new, changed or gone: only those are read, and the change is written to the
 *   snapshot's journal (see update-journal.ts) without loading the snapshot; or, when the
 *   journal would grow past its share of the snapshot, when dead articles pass the compaction
 *   threshold, or when `whole` is asked for, the snapshot with its journal is loaded, updated in
 *   memory (see `updateIndexFromCorpus`) and written whole;
 * - no snapshot, another corpus's, a corrupt, truncated or incompatible one, or `full`: a build
 *   from the corpus, written as the new snapshot.
 * When the corpus folder does not exist, an existing snapshot is loaded as it is. Each corpus
 * problem is told to the reporter, and the build goes on past it.
 *
 * @throws SearchError `corpus_not_found` when there is neither a corpus folder nor a usable
 *   snapshot; SearchError `invalid_article` when the corpus gave no article at all.
 */
export async function refreshSnapshot(options: LoadIndexOptions, rebuildBecause?: string): Promise<RefreshResult> {
  const { corpus, snapshot, reporter } = options;
  const haveCorpus = await isFolder(corpus);
  if (!haveCorpus) {
    if (snapshot === false || !(await isFile(snapshot))) {
      throw new SearchError('corpus_not_found', `corpus folder "${corpus}" does not exist or is not a folder`, { path: corpus });
    }
    try {
      const { loaded } = await fromSnapshot(snapshot, reporter);
      reporter.info(`loaded snapshot ${snapshot}: ${loaded.index.size} articles in ${loaded.buildMs} ms (corpus folder ${corpus} not found)`);
      return { loaded, errors: [], mode: 'snapshot', wroteSnapshot: false, numArticles: loaded.index.size };
    } catch (error) {
      throw new SearchError('corpus_not_found', `corpus folder "${corpus}" does not exist and snapshot ${snapshot} is unusable: ${messageOf(error)}`, { path: corpus });
    }
  }

  let built: BuiltIndex | undefined;
  let mode: LoadMode = 'full';
  let changes: LoadIndexResult['changes'];
  const { schema } = options;
  const progress = reporter.progress?.bind(reporter);
  if (schema !== undefined && !schema.isDefault) reporter.info(`declared schema: ${describeSchema(schema)}`);
  const base = snapshot === false ? 'no snapshot is used' : await usableManifest(snapshot, corpus, reporter, schema);
  if (options.journalOnly && (typeof base === 'string' || options.full)) return { errors: [], mode: 'full', wroteSnapshot: false, numArticles: 0 };
  if (typeof base === 'string' || options.full || rebuildBecause !== undefined) {
    const why = rebuildBecause ?? (options.full ? 'a full rebuild was asked for' : (base as string));
    reporter.info(`building the index from ${corpus} (${why})`);
    built = await buildIndexFromCorpus(corpus, { onProgress: progress, previous: typeof base === 'string' ? undefined : base, schema });
  } else if (snapshot !== false) {
    const journal = await journalOf(snapshot, reporter);
    const manifest = journal?.manifest ?? base;
    const found = await corpusChanges(corpus, manifest);
    const unchanged = found.changed.length + found.removed.length === 0;
    if (unchanged && !(options.whole && journal)) {
      reporter.info(`snapshot ${snapshot} is up to date with ${corpus}`);
      return { errors: [], mode: 'snapshot', wroteSnapshot: false, numArticles: manifest.numArticles };
    }
    const stamp = await snapshotStamp(snapshot);
    if (!unchanged) reporter.info(`updating snapshot ${snapshot}: ${found.changed.length} new or changed and ${found.removed.length} removed corpus files`);
    if (!options.whole && stamp) {
      const planned = await journalUpdateFromCorpus(base, journal, stamp, corpus, { onProgress: progress, changes: found, schema, journalRatio: options.journalRatio });
      if ('journal' in planned) {
        const { journal: next, filesRead, filesRemoved, added, removed } = planned;
        report(planned, reporter);
        const { bytes } = await writeJournal(snapshot, next);
        reporter.info(`wrote the journal of ${snapshot} (${formatBytes(bytes)}: ${next.articles.length} articles added and ${next.removed.length} removed since the snapshot was written whole)`);
        return {
          errors: planned.errors,
          mode: planned.mode,
          changes: { filesRead, filesRemoved, added, removed },
          wroteSnapshot: false,
          wroteJournal: { bytes, articles: next.articles.length, removed: next.removed.length },
          numArticles: next.manifest.numArticles,
        };
      }
      reporter.info(`the update cannot be kept in the journal: ${planned.why}`);
    }
    if (options.journalOnly) return { errors: [], mode: unchanged ? 'snapshot' : 'incremental', wroteSnapshot: false, numArticles: manifest.numArticles };
    try {
      const { loaded } = await fromSnapshot(snapshot, reporter, schema);
      const updated = await updateIndexFromCorpus(loaded.index, manifest, corpus, { onProgress: progress, changes: found, schema });
      if (updated.fullReason) reporter.info(`rebuilt the whole index instead: ${updated.fullReason}`);
      built = updated;
      // Folding a journal into the snapshot with no file changed is a compaction of the journal.
      mode = unchanged ? 'compacted' : updated.mode;
      const { filesRead, filesRemoved, added, removed, fullReason } = updated;
      changes = { filesRead, filesRemoved, added, removed, fullReason };
    } catch (error) {
      if (error instanceof SearchError && error.code !== 'snapshot_invalid') throw error;
      reporter.warn(`snapshot ${snapshot} is unusable (${messageOf(error)}); rebuilding from ${corpus}`);
      built = await buildIndexFromCorpus(corpus, { onProgress: progress, previous: manifest, schema });
    }
  }
  if (!built) throw new Error('internal: no index was built');
  report(built, reporter);
  if (built.index.size === 0) {
    throw new SearchError('invalid_article', `no article could be read from "${corpus}" (${built.errors.length} problems)`, {
      path: corpus,
      errors: built.errors,
    });
  }
  const { errors, ...loaded } = built;
  reporter.info(`indexed ${loaded.index.size} articles from ${corpus} in ${loaded.buildMs} ms (${mode}; ${errors.length} problems)`);
  const wroteSnapshot = snapshot !== false && (await writeSnapshot(loaded, snapshot, reporter));
  return { loaded, errors, mode, changes, wroteSnapshot, numArticles: loaded.index.size };
}

/**
 * The index for `corpus`: the snapshot brought up to date as {@link refreshSnapshot} does, then
 * loaded with its journal when the refresh did not already load or build the index.
 *
 * @throws as {@link refreshSnapshot}.
 */
export async function loadOrBuildIndex(options: LoadIndexOptions): Promise<LoadIndexResult> {
  const refreshed = await refreshSnapshot(options);
  if (refreshed.loaded) return { ...refreshed, loaded: refreshed.loaded };
  const { snapshot, reporter } = options;
  if (snapshot === false) throw new Error('internal: no index without a snapshot');
  try {
    const { loaded } = await fromSnapshot(snapshot, reporter, options.schema);
    reporter.info(`loaded snapshot ${snapshot}: ${loaded.index.size} articles in ${loaded.buildMs} ms`);
    return { ...refreshed, loaded };
  } catch (error) {
    // Its header was sound, the rest is not (a checksum mismatch): never fatal, the corpus is there.
    if (error instanceof SearchError && error.code !== 'snapshot_invalid') throw error;
    reporter.warn(`snapshot ${snapshot} is unusable (${messageOf(error)}); rebuilding from ${options.corpus}`);
    const rebuilt = await refreshSnapshot(options, 'the snapshot is unusable');
    return { ...rebuilt, loaded: rebuilt.loaded as LoadedIndex };
  }
}

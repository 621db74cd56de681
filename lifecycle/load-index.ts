/**
 * Getting an index to serve or query: from the snapshot when it is fresh, otherwise from the
 * corpus folder (then writing the snapshot for next time). A bad snapshot is never fatal.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadSnapshot, saveSnapshot, SearchError, type CorpusError } from '../lib/index.js';
import { buildIndexFromCorpus } from './build-index.js';
import { newestMtime } from './corpus-mtime.js';
import type { LoadedIndex } from './loaded-index.js';

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
}

/** What {@link loadOrBuildIndex} gives: the index, and the corpus problems if it was built. */
export interface LoadIndexResult {
  loaded: LoadedIndex;
  /** Problems met reading the corpus; empty when the snapshot was used. */
  errors: CorpusError[];
}

/**
 * The file next to a snapshot recording which corpus it was built from, so a snapshot of
 * another corpus at the same (default) path is never served by mistake.
 */
export function snapshotMetaFile(snapshot: string): string {
  return `${snapshot}.meta.json`;
}

interface SnapshotMeta {
  corpus: string;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

async function mtimeOf(path: string): Promise<number | undefined> {
  return stat(path).then((s) => (s.isFile() ? s.mtimeMs : undefined), () => undefined);
}

async function readMeta(snapshot: string): Promise<SnapshotMeta | undefined> {
  try {
    const meta: unknown = JSON.parse(await readFile(snapshotMetaFile(snapshot), 'utf8'));
    return meta && typeof meta === 'object' && typeof (meta as SnapshotMeta).corpus === 'string' ? (meta as SnapshotMeta) : undefined;
  } catch {
    return undefined;
  }
}

/** Why the snapshot cannot be used for this corpus, or undefined when it can. */
async function staleness(snapshot: string, corpus: string): Promise<string | undefined> {
  const snapshotTime = await mtimeOf(snapshot);
  if (snapshotTime === undefined) return 'no snapshot yet';
  const meta = await readMeta(snapshot);
  if (!meta || meta.corpus !== resolve(corpus)) return 'the snapshot was built from another corpus folder';
  if ((await newestMtime(corpus)) >= snapshotTime) return 'the corpus changed since the snapshot was written';
  return undefined;
}

/** Loads the snapshot, timing it; a corrupt one gives a SnapshotError. */
async function fromSnapshot(snapshot: string): Promise<LoadedIndex> {
  const t0 = performance.now();
  const index = await loadSnapshot(snapshot);
  return { index, builtAt: new Date().toISOString(), buildMs: Math.round(performance.now() - t0), source: 'snapshot' };
}

/**
 * Writes the snapshot of a freshly built index and its meta file. A failure is a warning (the
 * index is built and serves all the same) and gives false.
 */
export async function writeSnapshot(loaded: LoadedIndex, snapshot: string, corpus: string, reporter: LoadReporter): Promise<boolean> {
  try {
    // Meta first gone, then snapshot, then meta: a failure half-way leaves no meta, so the
    // snapshot is rebuilt next time rather than trusted for the wrong corpus.
    await rm(snapshotMetaFile(snapshot), { force: true });
    const { bytes } = await saveSnapshot(loaded.index, snapshot);
    const meta: SnapshotMeta = { corpus: resolve(corpus) };
    await writeFile(snapshotMetaFile(snapshot), `${JSON.stringify(meta)}\n`);
    reporter.info(`wrote snapshot ${snapshot} (${formatBytes(bytes)})`);
    return true;
  } catch (error) {
    reporter.warn(`could not write snapshot ${snapshot}: ${error instanceof Error ? error.message : String(error)}`);
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

/**
 * The index for `corpus`: the snapshot when it exists, was built from this corpus folder and is
 * newer than everything in it; otherwise built from the corpus and written as the new snapshot.
 * A corrupt, truncated or incompatible snapshot gives a warning and a rebuild. When the corpus
 * folder does not exist, an existing snapshot is served as it is. Each corpus problem is told
 * to the reporter as a warning, and the build goes on past it.
 *
 * @throws SearchError `corpus_not_found` when there is neither a corpus folder nor a usable
 *   snapshot; SearchError `invalid_article` when the corpus gave no article at all.
 */
export async function loadOrBuildIndex(options: LoadIndexOptions): Promise<LoadIndexResult> {
  const { corpus, snapshot, reporter } = options;
  const haveCorpus = await isFolder(corpus);
  if (snapshot !== false) {
    const why = haveCorpus ? await staleness(snapshot, corpus) : (await mtimeOf(snapshot)) === undefined ? 'no snapshot' : undefined;
    if (why === undefined) {
      try {
        const loaded = await fromSnapshot(snapshot);
        reporter.info(`loaded snapshot ${snapshot}: ${loaded.index.size} articles in ${loaded.buildMs} ms`);
        return { loaded, errors: [] };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!haveCorpus) throw new SearchError('corpus_not_found', `corpus folder "${corpus}" does not exist and snapshot ${snapshot} is unusable: ${message}`, { path: corpus });
        reporter.warn(`snapshot ${snapshot} is unusable (${message}); rebuilding from ${corpus}`);
      }
    } else if (haveCorpus) {
      reporter.info(`building the index from ${corpus} (${why})`);
    }
  } else if (haveCorpus) {
    reporter.info(`building the index from ${corpus}`);
  }
  if (!haveCorpus) {
    throw new SearchError('corpus_not_found', `corpus folder "${corpus}" does not exist or is not a folder`, { path: corpus });
  }
  const built = await buildIndexFromCorpus(corpus, { onProgress: reporter.progress?.bind(reporter) });
  for (const e of built.errors) {
    if (reporter.problem) reporter.problem(e);
    else reporter.warn(`skipped ${formatCorpusError(e)}`);
  }
  if (built.index.size === 0) {
    throw new SearchError('invalid_article', `no article could be read from "${corpus}" (${built.errors.length} problems)`, {
      path: corpus,
      errors: built.errors,
    });
  }
  const { errors, ...loaded } = built;
  reporter.info(`indexed ${loaded.index.size} articles from ${corpus} in ${loaded.buildMs} ms (${errors.length} problems)`);
  if (snapshot !== false) await writeSnapshot(loaded, snapshot, corpus, reporter);
  return { loaded, errors };
}

/**
 * Building an index from a corpus folder, without freezing the server while it runs.
 */
import {
  createSearchIndex, DEFAULT_ADD_BATCH, DEFAULT_SCHEMA, loadCorpus, SearchError,
  type Article, type CorpusError, type CorpusWarning, type ResolvedSchema, type SearchIndex,
} from '../lib/index.js';
import { corpusKey, manifestFiles, MANIFEST_VERSION, scanCorpus, type CorpusManifest } from './corpus-manifest.js';
import type { LoadedIndex } from './loaded-index.js';

/** Default {@link BuildIndexOptions.batchSize}: the library's {@link DEFAULT_ADD_BATCH} (200). */
export const DEFAULT_BUILD_BATCH = DEFAULT_ADD_BATCH;

/** Options of {@link buildIndexFromCorpus}. All optional. */
export interface BuildIndexOptions {
  /** Called after each batch with the articles added so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Articles added between two yields to the event loop. Default {@link DEFAULT_BUILD_BATCH}; ≥ 1. */
  batchSize?: number;
  /**
   * The manifest of an earlier build of the same folder: files whose size and mtime it records
   * are not hashed again. Default none (every file is hashed).
   */
  previous?: CorpusManifest;
  /** The declared schema to read and index with (see `schema-config.ts`). Default: the default schema. */
  schema?: ResolvedSchema;
}

/** An empty index of `schema`. */
export function emptyIndex(schema: ResolvedSchema = DEFAULT_SCHEMA): SearchIndex {
  // A schema known only at run time: field names are checked by the library at run time.
  return schema.isDefault ? createSearchIndex() : (createSearchIndex({ schema: schema.definition }) as unknown as SearchIndex);
}

/** The manifest's record of a schema: its fingerprint, absent for the default (as manifests always were). */
export function manifestSchema(schema: ResolvedSchema = DEFAULT_SCHEMA): Pick<CorpusManifest, 'schema'> {
  return schema.isDefault ? {} : { schema: schema.fingerprint };
}

/** A freshly built index with every corpus problem met on the way. */
export interface BuiltIndex extends LoadedIndex {
  index: SearchIndex;
  /** What the index was built from. */
  manifest: CorpusManifest;
  /** Files, lines or articles that could not be read or indexed; the rest were. */
  errors: CorpusError[];
  /** Once-per-corpus warnings of the files read (undeclared fields); absent when none. */
  warnings?: CorpusWarning[];
}

/**
 * What every build or update from the corpus reports besides its index: the problems met, the
 * warnings, when it was done and how long it took since `t0` (a `performance.now()`).
 */
export function corpusOutcome(problems: CorpusError[], warnings: CorpusWarning[] | undefined, t0: number): Pick<BuiltIndex, 'errors' | 'warnings' | 'builtAt' | 'buildMs' | 'source'> {
  return { errors: problems, ...(warnings ? { warnings } : {}), builtAt: new Date().toISOString(), buildMs: Math.round(performance.now() - t0), source: 'corpus' };
}

/** The corpus problem of an article the index refused (rare: the loader checks articles). */
export function refusedArticle(article: Article, error: SearchError): CorpusError {
  return { file: article.origin ?? article.id, code: error.code === 'duplicate_id' ? 'duplicate_id' : 'invalid_article', reason: error.message };
}

/**
 * Indexes `articles` into `index` (a new one by default) with the library's bulk path
 * (`addAllAsync`: posting logs sized once for all the text, statistics settled once, which is
 * what the benchmark measures), yielding to the event loop between batches so a server
 * rebuilding in the background keeps answering. The vocabulary lookups are left to the
 * server's warm-up (an `index` run never needs them). Refused articles are appended to
 * `problems`.
 */
export async function indexArticles(
  articles: readonly Article[],
  problems: CorpusError[],
  options: BuildIndexOptions = {},
  index: SearchIndex = emptyIndex(options.schema),
): Promise<SearchIndex> {
  await index.addAllAsync(articles, {
    batchSize: options.batchSize,
    onProgress: options.onProgress,
    onInvalid: (article, error) => problems.push(refusedArticle(article, error)),
  });
  return index;
}

/**
 * Reads every article of `dir` and indexes it (see {@link indexArticles}), recording the files
 * it was built from in a {@link CorpusManifest}. The files are scanned (and hashed) before
 * they are read, so a file changed in between is seen as changed next time, never missed.
 *
 * @throws SearchError `corpus_not_found` when `dir` is not a folder.
 */
export async function buildIndexFromCorpus(dir: string, options: BuildIndexOptions = {}): Promise<BuiltIndex> {
  const t0 = performance.now();
  const scanned = await scanCorpus(dir, options.previous?.corpus === corpusKey(dir) ? options.previous : undefined);
  const { articles, errors, warnings } = await loadCorpus(dir, options.schema?.isDefault === false ? { schema: options.schema.definition } : {});
  const problems: CorpusError[] = [...errors];
  const index = await indexArticles(articles, problems, options);
  const manifest: CorpusManifest = {
    version: MANIFEST_VERSION,
    corpus: corpusKey(dir),
    ...manifestSchema(options.schema),
    files: manifestFiles(scanned, articles, problems, (id) => index.has(id)),
    duplicates: problems.some((p) => p.code === 'duplicate_id'),
    numRemoved: 0,
    numArticles: index.size,
  };
  return {
    index,
    manifest,
    ...corpusOutcome(problems, warnings, t0),
    numCorpusErrors: problems.length,
  };
}

/**
 * Building an index from a corpus folder, without freezing the server while it runs.
 */
import { createSearchIndex, DEFAULT_ADD_BATCH, loadCorpus, type Article, type CorpusError, type SearchIndex } from '../lib/index.js';
import type { LoadedIndex } from './loaded-index.js';

/** Default {@link BuildIndexOptions.batchSize}: the library's {@link DEFAULT_ADD_BATCH} (200). */
export const DEFAULT_BUILD_BATCH = DEFAULT_ADD_BATCH;

/** Options of {@link buildIndexFromCorpus}. All optional. */
export interface BuildIndexOptions {
  /** Called after each batch with the articles added so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Articles added between two yields to the event loop. Default {@link DEFAULT_BUILD_BATCH}; ≥ 1. */
  batchSize?: number;
}

/** A freshly built index with every corpus problem met on the way. */
export interface BuiltIndex extends LoadedIndex {
  index: SearchIndex;
  /** Files, lines or articles that could not be read or indexed; the rest were. */
  errors: CorpusError[];
}

/** The corpus problem of an article the index refused (rare: the loader checks articles). */
export function refusedArticle(article: Article, error: Error): CorpusError {
  return { file: article.origin ?? article.id, code: 'invalid_article', reason: error.message };
}

/**
 * Indexes `articles` into a new index with the library's bulk path (`addAllAsync`: posting
 * logs sized once for all the text, statistics settled once, which is what the benchmark
 * measures), yielding to the event loop between batches so a server rebuilding in the
 * background keeps answering, then builds the vocabulary lookups. Refused articles are
 * appended to `problems`.
 */
export async function indexArticles(articles: readonly Article[], problems: CorpusError[], options: BuildIndexOptions = {}): Promise<SearchIndex> {
  const index = createSearchIndex();
  await index.addAllAsync(articles, {
    batchSize: options.batchSize,
    onProgress: options.onProgress,
    onInvalid: (article, error) => problems.push(refusedArticle(article, error)),
  });
  // Build the vocabulary lookups now, not on the first search: that search may be a user's.
  await index.prepare();
  return index;
}

/**
 * Reads every article of `dir` and indexes it (see {@link indexArticles}).
 *
 * @throws SearchError `corpus_not_found` when `dir` is not a folder.
 */
export async function buildIndexFromCorpus(dir: string, options: BuildIndexOptions = {}): Promise<BuiltIndex> {
  const t0 = performance.now();
  const { articles, errors } = await loadCorpus(dir);
  const problems: CorpusError[] = [...errors];
  const index = await indexArticles(articles, problems, options);
  return {
    index,
    errors: problems,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - t0),
    source: 'corpus',
    numCorpusErrors: problems.length,
  };
}

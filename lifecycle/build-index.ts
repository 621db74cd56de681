/**
 * Building an index from a corpus folder, without freezing the server while it runs.
 */
import { createSearchIndex, loadCorpus, type CorpusError, type SearchIndex } from '../lib/index.js';
import type { LoadedIndex } from './loaded-index.js';

/**
 * Default {@link BuildIndexOptions.batchSize}. Adding an article takes some tens of
 * microseconds, so 200 of them keep each slice of blocking work to a few milliseconds, short
 * enough that searches answered meanwhile by the old index are not held up noticeably.
 */
export const DEFAULT_BUILD_BATCH = 200;

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

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads every article of `dir` and indexes it. Articles are added in batches with a yield to
 * the event loop between them, so a server rebuilding in the background keeps answering.
 *
 * @throws SearchError `corpus_not_found` when `dir` is not a folder.
 */
export async function buildIndexFromCorpus(dir: string, options: BuildIndexOptions = {}): Promise<BuiltIndex> {
  const batch = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BUILD_BATCH));
  const t0 = performance.now();
  const { articles, errors } = await loadCorpus(dir);
  const index = createSearchIndex();
  const problems: CorpusError[] = [...errors];
  for (let i = 0; i < articles.length; i++) {
    const article = articles[i];
    try {
      index.add(article);
    } catch (error) {
      // The loader checks articles, so this is rare (e.g. a date the engine reads differently).
      problems.push({ file: article.origin ?? article.id, code: 'invalid_article', reason: error instanceof Error ? error.message : String(error) });
    }
    if ((i + 1) % batch === 0 || i + 1 === articles.length) {
      options.onProgress?.(i + 1, articles.length);
      await nextTick();
    }
  }
  // Settle the statistics now, not on the first search: that search may be a user's.
  await index.prepare();
  return {
    index,
    errors: problems,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - t0),
    source: 'corpus',
    numCorpusErrors: problems.length,
  };
}

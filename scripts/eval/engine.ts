/**
 * The one interface every engine under evaluation implements, ledesearch and peers alike.
 */
import type { Article } from '../../lib/types.js';

/** A search engine as the harness drives it. */
export interface EvalEngine {
  /** Row label in the tables (`ledesearch`, `BM25 k1=0.9 b=0.4`, `lunr` …). */
  name: string;
  /** How the engine is configured, one line for EVALUATION.md. */
  settings: string;
  /** Indexes the articles, replacing anything indexed before. */
  build(articles: readonly Article[]): void | Promise<void>;
  /** Ids of the best `k` articles for `query`, best first. */
  search(query: string, k: number): string[] | Promise<string[]>;
}

/** The paragraphs of an article as one body text, for engines with no notion of paragraphs. */
export function articleText(article: Article): string {
  return article.paragraphs.join('\n\n');
}

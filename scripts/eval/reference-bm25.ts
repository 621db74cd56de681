/**
 * A plain reference BM25, the yardstick of the evaluation: Lucene's formula over one field
 * (title and text together), Porter stemming and Lucene's 33 English stop words — the setup of
 * Anserini's published CACM regression.
 */
import type { Article } from '../../lib/types.js';
import { analyze } from './english-analyzer.js';
import { articleText, type EvalEngine } from './engine.js';

/** BM25 parameters. */
export interface Bm25Params {
  /** Term-frequency saturation. Anserini's default 0.9; the textbook value 1.2. */
  k1: number;
  /** Length normalisation, 0 (none) to 1 (full). Anserini's default 0.4; the textbook 0.75. */
  b: number;
}

/** Lucene's idf: ln(1 + (N - df + 0.5) / (df + 0.5)); never negative. */
export function bm25Idf(numDocs: number, docFreq: number): number {
  return Math.log(1 + (numDocs - docFreq + 0.5) / (docFreq + 0.5));
}

/** Lucene's BM25 term weight: idf · tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)). */
export function bm25TermScore(tf: number, docLength: number, avgDocLength: number, idf: number, { k1, b }: Bm25Params): number {
  return (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * docLength) / avgDocLength));
}

/** An in-memory inverted index scored with {@link bm25TermScore}. */
export class ReferenceBm25 implements EvalEngine {
  readonly name: string;
  readonly settings: string;
  private readonly params: Bm25Params;
  private ids: string[] = [];
  private lengths: number[] = [];
  private avgLength = 0;
  /** term -> [doc index, tf] pairs. */
  private postings = new Map<string, Array<[number, number]>>();

  constructor(params: Bm25Params) {
    this.params = params;
    this.name = `BM25 k1=${params.k1} b=${params.b}`;
    this.settings =
      `reference BM25 (scripts/eval/reference-bm25.ts): Lucene idf and tf formula, k1=${params.k1}, ` +
      `b=${params.b}, title+text in one field, Lucene's 33 English stop words, Porter stemmer, ` +
      'a repeated query word counts as often as it occurs (as in Lucene/Anserini bag-of-words queries)';
  }

  build(articles: readonly Article[]): void {
    this.ids = [];
    this.lengths = [];
    this.postings = new Map();
    let total = 0;
    articles.forEach((article, doc) => {
      const terms = analyze(`${article.title}\n${articleText(article)}`);
      this.ids.push(article.id);
      this.lengths.push(terms.length);
      total += terms.length;
      const tfs = new Map<string, number>();
      for (const t of terms) tfs.set(t, (tfs.get(t) ?? 0) + 1);
      for (const [t, tf] of tfs) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push([doc, tf]);
      }
    });
    this.avgLength = articles.length === 0 ? 0 : total / articles.length;
  }

  search(query: string, k: number): string[] {
    const scores = new Map<number, number>();
    const numDocs = this.ids.length;
    for (const term of analyze(query)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = bm25Idf(numDocs, list.length);
      for (const [doc, tf] of list) {
        const s = bm25TermScore(tf, this.lengths[doc], this.avgLength, idf, this.params);
        scores.set(doc, (scores.get(doc) ?? 0) + s);
      }
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, k)
      .map(([doc]) => this.ids[doc]);
  }
}

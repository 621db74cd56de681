/**
 * The page of a pruned relevance search as documents arrive with exact scores: the `k` best in
 * relevance order (score, then newer date, then document id), and the k-th score, which is the
 * threshold a document must reach to enter. `k` is small (a page), so it is a sorted array with
 * insertion, and most arrivals are turned away by one comparison with the last.
 */
import { compareRelevance } from './page-order.js';

/** The `k` best documents by exact score seen so far, in relevance order. */
export class ExactTopK {
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  /** `dates`: per document id (epoch ms, NaN for none), for ties. */
  constructor(
    private readonly k: number,
    private readonly dates: Float64Array,
  ) {
    this.docs = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** True when `k` documents are kept. */
  get full(): boolean {
    return this.size === this.k;
  }

  /** The k-th best score, or −Infinity while fewer than `k` documents are kept. */
  get kthScore(): number {
    return this.size === this.k && this.k > 0 ? this.scores[this.k - 1] : -Infinity;
  }

  /** Offers document `d` with exact score `score` (each document at most once). */
  add(d: number, score: number): void {
    const { docs, scores, dates } = this;
    let j = this.size;
    if (j === this.k) {
      if (j === 0 || compareRelevance(score, d, scores[j - 1], docs[j - 1], dates) >= 0) return;
      j--;
    } else {
      this.size++;
    }
    while (j > 0 && compareRelevance(score, d, scores[j - 1], docs[j - 1], dates) < 0) {
      docs[j] = docs[j - 1];
      scores[j] = scores[j - 1];
      j--;
    }
    docs[j] = d;
    scores[j] = score;
  }

  /** The kept documents, best first, with their scores. */
  page(): { docs: number[]; scores: number[] } {
    return { docs: Array.from(this.docs.subarray(0, this.size)), scores: Array.from(this.scores.subarray(0, this.size)) };
  }
}

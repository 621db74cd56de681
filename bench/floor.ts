/**
 * The build-time floor: tokenising and stemming every title and paragraph once with the library's
 * own analyzer. No index can be built faster than it reads its text, so build time is reported
 * as a multiple of this.
 */
import { createAnalyzer, type Analyzer, type Article } from '../lib/index.js';
import { timeMs } from './measure.js';

/** What {@link measureAnalyzerFloor} returns. */
export interface AnalyzerFloor {
  ms: number;
  cpuMs: number;
  /** Terms produced (stop words excluded), to show the work was done. */
  numTerms: number;
}

/** Number of articles analysed untimed first, so the timed pass does not include JIT warm-up. */
const WARM_UP_ARTICLES = 500;
/**
 * Timed passes; the fastest counts. A floor is a lower bound, and one pass of half a second
 * moves by ±20% with the machine's load, which would make "build ≤ 4× floor" flip between runs.
 */
const NUM_PASSES = 3;

/**
 * The terms of every title and paragraph, counted, through `forEachToken`: the very scan the
 * index build runs (the library has no cheaper one), without the index around it.
 */
function analyzeAll(articles: readonly Article[], analyzer: Analyzer): number {
  let numTerms = 0;
  const count = (): void => {
    numTerms++;
  };
  for (const a of articles) {
    analyzer.forEachToken(a.title, count);
    for (const p of a.paragraphs) analyzer.forEachToken(p, count);
  }
  return numTerms;
}

/**
 * Times passes of `createAnalyzer().forEachToken()` over every title and paragraph and keeps the fastest.
 * The JIT is warmed on a separate analyzer first, and each timed pass uses a fresh analyzer (an
 * empty term cache), as a freshly created index does.
 */
export async function measureAnalyzerFloor(articles: readonly Article[]): Promise<AnalyzerFloor> {
  const warm = createAnalyzer();
  analyzeAll(articles.slice(0, WARM_UP_ARTICLES), warm);
  const pass = async (): Promise<AnalyzerFloor> => {
    const analyzer = createAnalyzer();
    const { ms, cpuMs, value } = await timeMs(() => analyzeAll(articles, analyzer));
    return { ms, cpuMs, numTerms: value };
  };
  let best = await pass();
  for (let i = 1; i < NUM_PASSES; i++) {
    const next = await pass();
    if (next.ms < best.ms) best = next;
  }
  return best;
}

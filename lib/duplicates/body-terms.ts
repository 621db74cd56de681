/**
 * The term sequence an article's signature is computed from, outside an index.
 */
import type { Analyzer } from '../analysis/analyzer.js';

/**
 * Codes of the analysed terms of `paragraphs` in reading order (stop words dropped, stemmed),
 * numbering each new term in `codes` as it is met. The title is not passed on purpose: a
 * rewritten headline must not make a copy look different. The index uses its own term ids
 * instead; this is for callers without one (the evaluation, tests).
 */
export function bodyTermCodes(paragraphs: readonly string[], analyzer: Pick<Analyzer, 'forEachToken'>, codes: Map<string, number>): number[] {
  const out: number[] = [];
  for (const text of paragraphs) {
    analyzer.forEachToken(text, (term) => {
      let c = codes.get(term);
      if (c === undefined) {
        c = codes.size;
        codes.set(term, c);
      }
      out.push(c);
    });
  }
  return out;
}

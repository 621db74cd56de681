/**
 * The terms of a text, in order, stop words removed: what the tests compare. The analyzer has
 * no method for it (the library only needs tokens with offsets and positions).
 */
import type { Analyzer } from '../../lib/index.js';

/** The `term` of each token `analyzer.analyze(text)` gives. */
export function termsOf(analyzer: Analyzer, text: string): string[] {
  return analyzer.analyze(text).map((t) => t.term);
}

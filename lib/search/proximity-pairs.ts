/**
 * The consecutive query words of a plain query as term ids, for the proximity evidence of
 * lib/ranking/proximity.ts.
 */
import type { Analyzer } from '../analysis/analyzer.js';
import type { TermDictionary } from '../index/term-dictionary.js';
import { queryPairs, type QueryPair } from '../ranking/proximity.js';

/**
 * Pairs of consecutive query words that are both in the index. A prefix word (`kor*`) stands for
 * many terms and takes part in no pair; it still separates its neighbours.
 */
export function proximityPairs(
  query: string,
  analyzer: Pick<Analyzer, 'analyze'>,
  dict: TermDictionary,
  docFreq: (termId: number) => number,
): QueryPair<number>[] {
  const tokens = analyzer.analyze(query).map((tok) => {
    const prefix = query.charCodeAt(tok.end) === 42; /* '*' */
    const id = prefix ? -1 : dict.get(tok.term);
    return { term: id >= 0 && docFreq(id) > 0 ? id : -1, position: tok.position };
  });
  return queryPairs(tokens).filter((p) => p.a >= 0 && p.b >= 0);
}

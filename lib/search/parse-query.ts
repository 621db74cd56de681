/**
 * Turns a query string into query slots: one slot per distinct query word, each with the term ids
 * it matches (several for a prefix such as `missil*`) and its weight (how often the word occurs
 * in the query, as in Lucene where a repeated clause counts twice).
 */
import type { Analyzer } from '../analysis/analyzer.js';
import type { TermDictionary } from '../index/term-dictionary.js';

/** How many vocabulary terms a prefix query word may expand to. */
export const MAX_PREFIX_EXPANSIONS = 50;

/** One query word. */
export interface QuerySlot {
  /** The analysed term of the word (for a prefix, the normalised prefix). */
  key: string;
  /** Term ids the slot matches; empty when the word is not in the index. */
  termIds: number[];
  /** Number of times the word occurs in the query. */
  weight: number;
  /** The word as typed, with its offsets in the query. */
  surface: { text: string; start: number; end: number };
  prefix: boolean;
}

export interface ParsedQuery {
  slots: QuerySlot[];
  /** Every term (stemmed) that should be highlighted. */
  highlightTerms: Set<string>;
}

export function parseQuery(
  query: string,
  analyzer: Pick<Analyzer, 'analyze' | 'normalize'>,
  dict: TermDictionary,
  docFreq: (termId: number) => number,
): ParsedQuery {
  const bySlot = new Map<string, QuerySlot>();
  const highlightTerms = new Set<string>();
  for (const tok of analyzer.analyze(query)) {
    const prefix = query.charCodeAt(tok.end) === 42; /* '*' */
    const surface = query.slice(tok.start, tok.end);
    const key = prefix ? `${analyzer.normalize(surface)}*` : tok.term;
    const existing = bySlot.get(key);
    if (existing) {
      existing.weight++;
      continue;
    }
    let termIds: number[];
    if (prefix) {
      const ids = new Set<number>(dict.prefix(analyzer.normalize(surface), MAX_PREFIX_EXPANSIONS * 4));
      const exact = dict.get(tok.term);
      if (exact >= 0) ids.add(exact);
      termIds = [...ids].filter((id) => docFreq(id) > 0);
      termIds.sort((a, b) => docFreq(b) - docFreq(a));
      termIds = termIds.slice(0, MAX_PREFIX_EXPANSIONS);
    } else {
      const id = dict.get(tok.term);
      termIds = id >= 0 && docFreq(id) > 0 ? [id] : [];
    }
    for (const id of termIds) highlightTerms.add(dict.terms[id]);
    highlightTerms.add(tok.term);
    bySlot.set(key, { key, termIds, weight: 1, surface: { text: surface, start: tok.start, end: tok.end }, prefix });
  }
  return { slots: [...bySlot.values()], highlightTerms };
}

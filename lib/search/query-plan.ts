/**
 * From a query string to what the evaluator runs: parse → tree → bound clauses → the tree's match
 * set and proximity scores. A plain bag of words skips the tree entirely and goes to the
 * evaluator's fast path with its slots, as before the query language existed.
 */
import { idf, saturate, type ResolvedRankingOptions } from '../ranking/bm25.js';
import type { InvertedIndex } from '../index/inverted-index.js';
import { parseQueryString, type QueryAnalyzer } from '../query/parse-query-string.js';
import { bindQuery, type BindContext, type BoundNode, type BoundQuery } from './bind-query.js';
import { TreeMatcher } from './tree-matcher.js';

/** A query ready to evaluate. */
export interface QueryPlan extends BoundQuery {
  /** The normalised query ("" when nothing could be searched). */
  interpretedAs: string;
  /** True when the query had text but nothing in it could be searched. */
  unsearchable: boolean;
  /** Documents the tree matches (null for a plain query, with or without exclusions). */
  required: Uint8Array | null;
  /**
   * For a plain query with top-level exclusions (`oil -gas`, `oil -"natural gas"`, `-gas`): the
   * excluded documents as lists of ids (may repeat, may hold removed documents), which the
   * evaluator leaves out while scoring the words on its fast path. Null otherwise.
   */
  excluded: ArrayLike<number>[] | null;
  /** Proximity score per document (null when the query has no phrase, NEAR or SAME). */
  bonus: Float64Array | null;
}

/** The evaluator's per-document (and per-field-text) BM25F factors, for proximity evidence. */
interface ProximityNorms {
  normTitle: Float64Array;
  normBody: Float64Array;
  normFieldText: Float64Array;
}

/** Plans a query against an index whose statistics are settled. */
export function planQuery(
  query: string,
  analyzer: QueryAnalyzer,
  ix: InvertedIndex,
  matcher: TreeMatcher,
  ctx: Omit<BindContext, 'analyzer'> & { analyzer: QueryAnalyzer & BindContext['analyzer'] },
  norms: ProximityNorms,
  r: ResolvedRankingOptions,
): QueryPlan {
  const parsed = parseQueryString(query, analyzer, (name) => ctx.facets.byField.has(name), ix.textFields);
  const bound = bindQuery(parsed.root, ctx);
  const unsearchable = parsed.root === null && query.trim() !== '';
  // Words with exclusions go to the fast path: the excluded documents come from their postings
  // (phrases from the phrase matcher), with no pass over every document as the tree would make.
  const words = wordsWithExclusions(bound.match);
  let required: Uint8Array | null = null;
  let excluded: ArrayLike<number>[] | null = null;
  let matchAll = bound.matchAll;
  if (words) {
    excluded = words.mustNot.flatMap((x) => matcher.matchLists(x));
    matchAll = words.all;
  } else if (bound.match) required = matcher.match(bound.match);
  let bonus: Float64Array | null = null;
  if (bound.proximity.length > 0) {
    bonus = new Float64Array(ix.numDocs);
    for (const node of bound.proximity) addProximity(bonus, node, ix, matcher, norms, r);
  }
  return { ...bound, matchAll, interpretedAs: parsed.interpretedAs, unsearchable, required, excluded, bonus };
}

/**
 * A tree that is a plain bag of words (see bind-query.ts's plainWords) plus exclusions at its top:
 * optional words (any may match) or required words (all must), and the excluded clauses. Null
 * for any other tree, which the tree matcher answers.
 */
function wordsWithExclusions(node: BoundNode | null): { all: boolean; mustNot: BoundNode[] } | null {
  if (node?.kind !== 'bool' || node.mustNot.length === 0 || node.filter.length > 0) return null;
  const isWord = (x: BoundNode): boolean => x.kind === 'pos' && x.field === 'any' && x.slots.length === 1;
  if (node.must.length === 0 && node.should.every(isWord)) return { all: false, mustNot: node.mustNot };
  if (node.should.length === 0 && node.must.every(isWord)) return { all: true, mustNot: node.mustNot };
  return null;
}

/**
 * Adds a phrase's (NEAR's, SAME's) BM25 to each document holding it: its occurrence count is the
 * term frequency (length-normalised per field as for a word), its idf the sum of its words' idf,
 * as Lucene scores a PhraseQuery.
 */
function addProximity(
  bonus: Float64Array,
  node: BoundNode,
  ix: InvertedIndex,
  matcher: TreeMatcher,
  norms: ProximityNorms,
  r: ResolvedRankingOptions,
): void {
  const counts = matcher.proximity(node);
  let w = 0;
  const words = node.kind === 'pos' ? [node] : node.kind === 'near' ? [node.left, node.right] : node.kind === 'same' ? node.items : [];
  for (const it of words) {
    for (const ids of it.slots) {
      if (!ids || ids.length === 0) continue;
      // A prefix slot weighs as its most frequent expansion: the smallest idf, a cautious choice.
      let df = 0;
      for (const t of ids) df = Math.max(df, ix.df.data[t]);
      w += idf(ix.numLive, df);
    }
  }
  // Occurrences in field texts weigh as the field's words do (lib/ranking/bm25.ts bm25fTf).
  let fieldTf: Float64Array | null = null;
  if (counts.fieldTexts.length > 0) {
    fieldTf = new Float64Array(ix.numDocs);
    counts.fieldTexts.forEach((k, j) => {
      (fieldTf as Float64Array)[ix.fieldTextDoc.data[k]] += counts.fieldTextCounts[j] * norms.normFieldText[k];
    });
  }
  for (const d of counts.docs) {
    let tf = counts.title[d] * norms.normTitle[d] + counts.body[d] * norms.normBody[d];
    if (fieldTf) tf += fieldTf[d];
    bonus[d] += w * saturate(tf, r.k1);
  }
}

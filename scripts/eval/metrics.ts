/**
 * Retrieval metrics computed the way trec_eval computes them.
 *
 * A judgement maps a document id to its grade; a grade above 0 means relevant (trec_eval's
 * default `relevance_level` of 1). Rankings are cut at {@link EVAL_DEPTH} documents and a document
 * repeated in a ranking counts once, at its first rank (trec_eval refuses duplicates outright).
 */

/** Grades of the judged documents of one query: document id -> grade (> 0 is relevant). */
export type Judgements = Map<string, number>;

/** How deep trec_eval looks into a ranking by default: documents past rank 1000 are ignored. */
export const EVAL_DEPTH = 1000;

/** The four numbers reported per query, and as means per run. */
export interface QueryMetrics {
  /** Average precision over the whole ranking (depth 1000); unretrieved relevant docs add 0. */
  ap: number;
  /** nDCG at rank 10 with graded gains and a log2(rank + 1) discount. */
  ndcg10: number;
  /** Precision at 10; the denominator is always 10, even when fewer documents came back. */
  p10: number;
  /** Fraction of the relevant documents found in the first 100. */
  recall100: number;
}

/** Mean metrics of a run, and how many queries they average over. */
export interface RunMetrics extends QueryMetrics {
  /** Number of queries averaged: those with at least one relevant document. */
  numQueries: number;
}

function isRelevant(judgements: Judgements, id: string): boolean {
  return (judgements.get(id) ?? 0) > 0;
}

function numRelevant(judgements: Judgements): number {
  let n = 0;
  for (const grade of judgements.values()) if (grade > 0) n++;
  return n;
}

/** The ranking cut at `depth`, with repeated ids dropped after their first occurrence. */
function clean(ranking: readonly string[], depth: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ranking) {
    if (out.length >= depth) break;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

/**
 * Average precision: the mean, over all relevant documents, of the precision at the rank where
 * each one was retrieved, a relevant document never retrieved contributing 0. 0 when nothing is
 * relevant.
 */
export function averagePrecision(ranking: readonly string[], judgements: Judgements, depth = EVAL_DEPTH): number {
  const numRel = numRelevant(judgements);
  if (numRel === 0) return 0;
  let found = 0;
  let sum = 0;
  clean(ranking, depth).forEach((id, i) => {
    if (isRelevant(judgements, id)) {
      found++;
      sum += found / (i + 1);
    }
  });
  return sum / numRel;
}

/** Precision at `k`: relevant documents among the first `k`, divided by `k` (always `k`). */
export function precisionAt(k: number, ranking: readonly string[], judgements: Judgements): number {
  const top = clean(ranking, k);
  return top.filter((id) => isRelevant(judgements, id)).length / k;
}

/** Recall at `k`: relevant documents among the first `k`, divided by all relevant ones. */
export function recallAt(k: number, ranking: readonly string[], judgements: Judgements): number {
  const numRel = numRelevant(judgements);
  if (numRel === 0) return 0;
  return clean(ranking, k).filter((id) => isRelevant(judgements, id)).length / numRel;
}

/**
 * nDCG at `k` as trec_eval's `ndcg_cut`: gain = the grade (negative grades count as 0),
 * discount log2(rank + 1) with ranks from 1, the ideal ranking sorts every judged document by
 * grade. 0 when no judged document has a positive grade.
 */
export function ndcgAt(k: number, ranking: readonly string[], judgements: Judgements): number {
  const dcg = clean(ranking, k).reduce(
    (sum, id, i) => sum + Math.max(0, judgements.get(id) ?? 0) / Math.log2(i + 2),
    0,
  );
  const ideal = [...judgements.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** All four metrics of one query's ranking. */
export function queryMetrics(ranking: readonly string[], judgements: Judgements): QueryMetrics {
  return {
    ap: averagePrecision(ranking, judgements),
    ndcg10: ndcgAt(10, ranking, judgements),
    p10: precisionAt(10, ranking, judgements),
    recall100: recallAt(100, ranking, judgements),
  };
}

/**
 * Means over the queries that have at least one relevant document (the others are not scored,
 * as in trec_eval). A judged query missing from `rankings` scores 0 on every metric.
 */
export function runMetrics(rankings: ReadonlyMap<string, readonly string[]>, qrels: ReadonlyMap<string, Judgements>): RunMetrics {
  const totals: QueryMetrics = { ap: 0, ndcg10: 0, p10: 0, recall100: 0 };
  let numQueries = 0;
  for (const [qid, judgements] of qrels) {
    if (numRelevant(judgements) === 0) continue;
    numQueries++;
    const m = queryMetrics(rankings.get(qid) ?? [], judgements);
    totals.ap += m.ap;
    totals.ndcg10 += m.ndcg10;
    totals.p10 += m.p10;
    totals.recall100 += m.recall100;
  }
  const mean = (x: number): number => (numQueries === 0 ? 0 : x / numQueries);
  return {
    ap: mean(totals.ap),
    ndcg10: mean(totals.ndcg10),
    p10: mean(totals.p10),
    recall100: mean(totals.recall100),
    numQueries,
  };
}

/**
 * BM25-class scoring as pure functions over plain statistics.
 *
 * The engine scores an article from two kinds of evidence and mixes them:
 * - whole-article evidence: BM25F over the title, the body and the schema's declared text fields
 *   (each field's term frequency length-normalised with its own `b` and average length and
 *   weighted, then saturated once with `k1`);
 * - best-paragraph evidence: plain BM25 of the best-scoring paragraph, with paragraph statistics
 *   (a news article is relevant when one paragraph answers the query).
 * The functions here know nothing of postings or flexsearch, so the fast path in the engine can be
 * checked against a straightforward computation (see test/ranking).
 */

/** Ranking parameters. All optional; see {@link DEFAULT_RANKING} for the defaults and why. */
export interface RankingOptions {
  /** Term-frequency saturation. Range (0, ∞); typical 0.5–2. */
  k1?: number;
  /** Body length normalisation. Range [0, 1]: 0 ignores length, 1 normalises fully. */
  b?: number;
  /** Title length normalisation. Range [0, 1]. */
  titleB?: number;
  /** Weight of a title occurrence relative to a body occurrence (BM25F field weight). Range [0, ∞). */
  titleWeight?: number;
  /**
   * Length normalisation of the schema's declared text fields (`standfirst`, `byline`; each
   * normalised by its own average length, its weight from the schema). Range [0, 1].
   */
  textFieldB?: number;
  /** Share of the best-paragraph score in the final score. Range [0, 1]; 0 = whole article only. */
  paragraphWeight?: number;
  /** Paragraph length normalisation. Range [0, 1]. */
  paragraphB?: number;
  /**
   * Coordination exponent γ: the score is multiplied by (matched query terms / query terms)^γ, so
   * articles matching all terms of a short query come first. Range [0, ∞); 0 disables it.
   */
  coordination?: number;
  /**
   * Coordination applies only to queries of at most this many distinct terms. Range [0, ∞).
   * Short keyword queries ("north korea missile") read as "all of these"; long natural-language
   * queries do not, and there BM25's idf-weighted sum ranks better on its own.
   */
  coordinationMaxTerms?: number;
  /**
   * Term proximity (lib/ranking/proximity.ts): an article where two consecutive query words stand
   * together (in query order, at most their query distance plus `proximitySlack` apart, in one
   * paragraph or the title) gains `proximityWeight` × the rarer word's idf per such pair, added to
   * its score. Range [0, ∞); 0 turns proximity off.
   */
  proximityWeight?: number;
  /**
   * Extra positions allowed between a pair of consecutive query words beyond their distance in
   * the query. Range: a whole number ≥ 0; 0 asks for exact adjacency (stop words keep their slots).
   */
  proximitySlack?: number;
}

/** Every ranking parameter, resolved. */
export type ResolvedRankingOptions = Required<RankingOptions>;

/**
 * The shipped defaults, measured on TIME, CACM and ADI with `npm run eval` (EVALUATION.md): one
 * setting for all three collections, from a plateau where neighbouring values also clear every
 * bar (k1 1.2–2, b 0.75–0.9, titleWeight 6–10), not a peak tuned to one query set.
 * - k1 1.6, b 0.85: more tf saturation room and stronger length normalisation than Lucene's
 *   1.2/0.75; news and abstracts vary a lot in length and long ones gather chance matches.
 * - titleWeight 6, titleB 0.5: a headline word is strong evidence; headlines vary little in length.
 * - textFieldB 0.5, as the title's: declared text fields (standfirsts, bylines) are short and vary
 *   little in length too; their weights are the schema's (not measured: no collection here has them).
 * - paragraphWeight 0.2, paragraphB 0.5: a fifth of the score from the best paragraph rewards
 *   articles where one passage answers the query, without losing whole-article evidence.
 * - coordination 1 up to 4 terms: keyword queries prefer articles with every word; measured,
 *   coordination on long queries (median 9–11 terms here) costs 0.04–0.09 MAP, hence the cap.
 * - proximityWeight 0.5, proximitySlack 0: consecutive query words found adjacent (as in the
 *   query) add half the rarer word's idf per pair. Measured: TIME +0.005, CACM +0.016, ADI −0.0003
 *   MAP; weights 0.25–0.65 all stay within 0.0015 of the no-proximity MAP on every collection,
 *   while a slack of 2 or a weight of 1 loses 0.008–0.017 on ADI or TIME.
 */
export const DEFAULT_RANKING: Readonly<ResolvedRankingOptions> = Object.freeze({
  k1: 1.6,
  b: 0.85,
  titleB: 0.5,
  titleWeight: 6,
  textFieldB: 0.5,
  paragraphWeight: 0.2,
  paragraphB: 0.5,
  coordination: 1,
  coordinationMaxTerms: 4,
  proximityWeight: 0.5,
  proximitySlack: 0,
});

/** Merges options over the defaults once, checking ranges. */
export function resolveRanking(options: RankingOptions = {}): ResolvedRankingOptions {
  const r: ResolvedRankingOptions = { ...DEFAULT_RANKING };
  for (const key of Object.keys(DEFAULT_RANKING) as (keyof ResolvedRankingOptions)[]) {
    const v = options[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`ranking option ${key} must be a finite number ≥ 0, got ${String(v)}`);
    }
    r[key] = v;
  }
  for (const key of ['b', 'titleB', 'textFieldB', 'paragraphWeight', 'paragraphB'] as const) {
    if (r[key] > 1) throw new RangeError(`ranking option ${key} must be within [0, 1], got ${r[key]}`);
  }
  if (r.k1 === 0) throw new RangeError('ranking option k1 must be > 0');
  if (!Number.isInteger(r.proximitySlack)) throw new RangeError(`ranking option proximitySlack must be a whole number, got ${r.proximitySlack}`);
  return r;
}

/**
 * Lucene's BM25 idf: ln(1 + (N − df + 0.5) / (df + 0.5)). Always positive, so a term present in
 * every document still adds a little rather than subtracting (the classic Robertson idf can go
 * negative, which punishes matching).
 */
export function idf(numDocs: number, docFreq: number): number {
  return Math.log(1 + (numDocs - docFreq + 0.5) / (docFreq + 0.5));
}

/** Length normalisation factor 1 − b + b · len / avgLen (1 when the average is 0). */
export function lengthNorm(b: number, len: number, avgLen: number): number {
  return avgLen > 0 ? 1 - b + (b * len) / avgLen : 1;
}

/** Saturated term frequency tf · (k1 + 1) / (tf + k1), for an already length-normalised tf. */
export function saturate(tf: number, k1: number): number {
  return (tf * (k1 + 1)) / (tf + k1);
}

/**
 * What one occurrence of a term in a field adds to the BM25F term frequency: the field's weight
 * over its length normalisation, weight / (1 − b + b · len / avgLen). The engine precomputes it
 * per document (title, body) and per declared text field's text.
 */
export function fieldOccurrenceWeight(weight: number, b: number, len: number, avgLen: number): number {
  return weight / lengthNorm(b, len, avgLen);
}

/** A declared text field's statistics for one term in one article (see {@link ArticleTermStats}). */
export interface TextFieldTermStats {
  /** The term's frequency in the article's text of this field. */
  tf: number;
  /** Indexed tokens of the article's text of this field. */
  len: number;
  /** Average {@link len} over the live articles that have the field. */
  avgLen: number;
  /** The field's BM25F weight (the schema's `weight`). */
  weight: number;
}

/** Per-field statistics needed to score one term in one article. */
export interface ArticleTermStats {
  tfTitle: number;
  tfBody: number;
  titleLen: number;
  bodyLen: number;
  avgTitleLen: number;
  avgBodyLen: number;
  /** The declared text fields the article has a text in (none under the default schema). */
  textFields?: readonly TextFieldTermStats[];
}

/**
 * The BM25F term frequency of one term in one article, before saturation: the sum over fields
 * of tf × {@link fieldOccurrenceWeight} (title: `titleWeight`, `titleB`; body: 1, `b`; each
 * declared text field: its weight, `textFieldB`).
 */
export function bm25fTf(s: ArticleTermStats, r: ResolvedRankingOptions): number {
  let tf =
    s.tfTitle * fieldOccurrenceWeight(r.titleWeight, r.titleB, s.titleLen, s.avgTitleLen) +
    s.tfBody * fieldOccurrenceWeight(1, r.b, s.bodyLen, s.avgBodyLen);
  for (const f of s.textFields ?? []) tf += f.tf * fieldOccurrenceWeight(f.weight, r.textFieldB, f.len, f.avgLen);
  return tf;
}

/** BM25F contribution of one term to one article, without idf: {@link bm25fTf} saturated with k1. */
export function bm25fTerm(s: ArticleTermStats, r: ResolvedRankingOptions): number {
  const tf = bm25fTf(s, r);
  return tf > 0 ? saturate(tf, r.k1) : 0;
}

/** BM25 contribution of one term to one paragraph, without idf. */
export function bm25ParagraphTerm(tf: number, len: number, avgLen: number, r: ResolvedRankingOptions): number {
  return tf > 0 ? saturate(tf / lengthNorm(r.paragraphB, len, avgLen), r.k1) : 0;
}

/** Mixes article and best-paragraph evidence and applies coordination. */
export function combineScores(
  articleScore: number,
  bestParagraphScore: number,
  matchedTerms: number,
  queryTerms: number,
  r: ResolvedRankingOptions,
): number {
  const mixed = mixEvidence(articleScore, bestParagraphScore, r);
  if (!usesCoordination(queryTerms, r)) return mixed;
  return mixed * coordinationFactor(matchedTerms, queryTerms, r);
}

/** Article and best-paragraph evidence mixed by `paragraphWeight`, before coordination. */
function mixEvidence(articleScore: number, bestParagraphScore: number, r: ResolvedRankingOptions): number {
  return (1 - r.paragraphWeight) * articleScore + r.paragraphWeight * bestParagraphScore;
}

/**
 * The coordination factor of each number of matched terms 0 … `queryTerms`, for scoring every
 * candidate of one query with {@link combineScoresWith} (a power per candidate costs more than
 * the rest of its final score); null when coordination does not apply to the query.
 */
export function coordinationFactors(queryTerms: number, r: ResolvedRankingOptions): number[] | null {
  if (!usesCoordination(queryTerms, r)) return null;
  const out: number[] = [];
  for (let m = 0; m <= queryTerms; m++) out.push(coordinationFactor(m, queryTerms, r));
  return out;
}

/**
 * {@link combineScores} with the coordination factors of the query tabulated
 * ({@link coordinationFactors}): the same value to the bit.
 */
export function combineScoresWith(
  articleScore: number,
  bestParagraphScore: number,
  matchedTerms: number,
  factors: readonly number[] | null,
  r: ResolvedRankingOptions,
): number {
  const mixed = mixEvidence(articleScore, bestParagraphScore, r);
  return factors === null ? mixed : mixed * factors[matchedTerms];
}

/** The factor coordination multiplies a document's mixed evidence by: 1 when it does not apply. */
export function coordinationFactor(matchedTerms: number, queryTerms: number, r: ResolvedRankingOptions): number {
  return usesCoordination(queryTerms, r) ? Math.pow(matchedTerms / queryTerms, r.coordination) : 1;
}

/** Whether coordination applies to a query with this many distinct terms. */
export function usesCoordination(queryTerms: number, r: ResolvedRankingOptions): boolean {
  return r.coordination > 0 && queryTerms > 1 && queryTerms <= r.coordinationMaxTerms;
}

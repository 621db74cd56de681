/**
 * Options of near-duplicate detection, their defaults and validation.
 */

/**
 * How near-duplicate articles (syndicated copies of one story) are found. All optional; the
 * defaults are in {@link DEFAULT_DUPLICATE_OPTIONS} and were chosen on the labelled Reuters set of
 * `scripts/eval/duplicates.ts` (EVALUATION.md, "Near-duplicate groups").
 */
export interface DuplicateOptions {
  /**
   * Two articles are copies when at least this share of the shorter one's shingles is in the
   * longer one (estimated containment). Range (0, 1]. Containment rather than Jaccard so that a
   * copy with its last paragraphs cut still counts.
   */
  threshold?: number;
  /**
   * …and when their estimated Jaccard similarity is at least this, so that a one-paragraph brief
   * is not a "copy" of every long story that quotes it. Range [0, 1].
   */
  minJaccard?: number;
  /** Words per shingle (analysed terms: stop words dropped, stemmed). Range 1–8. */
  shingleSize?: number;
  /**
   * Number of MinHash values per article: more estimate more precisely and cost more memory
   * (1 byte each). Range 16–256.
   */
  numHashes?: number;
  /**
   * Number of LSH bands, each of `bandSize` values taken from the start of the signature; the
   * band table costs about 6 bytes per band per article. Range ≥ 1, with
   * numBands × bandSize ≤ numHashes.
   */
  numBands?: number;
  /**
   * Values per LSH band: two articles become candidates when all values of one band agree.
   * Smaller bands find pairs of lower similarity at the cost of more candidates to verify.
   * Range 1–8.
   */
  bandSize?: number;
  /**
   * Two articles are compared only when the longer has at least this many distinct shingles:
   * shorter texts are grouped only as copies of a longer one, never with each other. Range ≥ 1.
   */
  minShingles?: number;
  /**
   * Articles with fewer distinct shingles than this get no signature and stay alone. Between
   * this and `minShingles`, an article is "short": it can join a group as the copy of a longer
   * article (a wire story with most of its paragraphs cut), never of another short one.
   * Range 1 – minShingles.
   */
  minCopyShingles?: number;
}

/** Every duplicate option, resolved. */
export type ResolvedDuplicateOptions = Required<DuplicateOptions>;

/**
 * The defaults, measured on the labelled Reuters set (EVALUATION.md), and why:
 * - shingleSize 3, threshold 0.55: one changed word breaks the 3 shingles it is in, so copies
 *   whose words are ~85% the same keep about 60% of their shingles (0.85³ ≈ 0.61): about Nexis'
 *   "≥ 80% identical". With 4-word shingles a short wire copy with three or four words edited
 *   kept under half of its shingles and was missed (recall 0.937).
 * - minJaccard 0.15: a copy keeping a fifth of a long original still counts; less is a quote.
 * - numHashes 64: 128 values estimate containment a little better but measured no better on
 *   the labelled set, for twice the memory and signature time. 64 bytes per article.
 * - numBands 32 of bandSize 2 (all 64 values): a pair of Jaccard 0.3 (a copy keeping a
 *   third of the text) is a candidate with probability 1 − (1 − 0.3²)³² ≈ 0.95, one of 0.5
 *   with ≈ 0.9999; unrelated stories share few 3-word shingles, so candidates stay few.
 * - minShingles 20 (about 40 words of text): shorter texts are mostly templated notes ("qtly
 *   div 12 cts vs 12 cts prior, pay April 15", "raises prime rate to 7-3/4 pct") that differ in a
 *   name or a figure; compared with each other they formed Reuters' largest wrong groups.
 * - minCopyShingles 8: …but a wire story cut to its first paragraph is short too, and is still a
 *   copy of its original: texts of 8–19 shingles are compared with longer ones only.
 */
export const DEFAULT_DUPLICATE_OPTIONS: Readonly<ResolvedDuplicateOptions> = Object.freeze({
  threshold: 0.55,
  minJaccard: 0.15,
  shingleSize: 3,
  numHashes: 64,
  numBands: 32,
  bandSize: 2,
  minShingles: 20,
  minCopyShingles: 8,
});

/** Merges options with the defaults and checks every range; throws RangeError naming the option. */
export function resolveDuplicateOptions(options: DuplicateOptions = {}): ResolvedDuplicateOptions {
  const o: ResolvedDuplicateOptions = { ...DEFAULT_DUPLICATE_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof DuplicateOptions, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_DUPLICATE_OPTIONS)) throw new RangeError(`unknown duplicate option "${key}"`);
    o[key] = value;
  }
  // A smaller minShingles alone lowers the floor of short copies with it.
  if (options.minCopyShingles === undefined) o.minCopyShingles = Math.min(o.minCopyShingles, o.minShingles);
  const check = (key: keyof DuplicateOptions, ok: boolean, range: string): void => {
    if (!ok || !Number.isFinite(o[key])) throw new RangeError(`duplicate option ${key} = ${o[key]}: must be ${range}`);
  };
  check('threshold', o.threshold > 0 && o.threshold <= 1, 'in (0, 1]');
  check('minJaccard', o.minJaccard >= 0 && o.minJaccard <= 1, 'in [0, 1]');
  check('shingleSize', Number.isInteger(o.shingleSize) && o.shingleSize >= 1 && o.shingleSize <= 8, 'an integer 1–8');
  check('bandSize', Number.isInteger(o.bandSize) && o.bandSize >= 1 && o.bandSize <= 8, 'an integer 1–8');
  check('numHashes', Number.isInteger(o.numHashes) && o.numHashes >= 16 && o.numHashes <= 256, 'an integer 16–256');
  check('numBands', Number.isInteger(o.numBands) && o.numBands >= 1 && o.numBands * o.bandSize <= o.numHashes, 'an integer ≥ 1 with numBands × bandSize ≤ numHashes');
  check('minShingles', Number.isInteger(o.minShingles) && o.minShingles >= 1, 'an integer ≥ 1');
  check('minCopyShingles', Number.isInteger(o.minCopyShingles) && o.minCopyShingles >= 1 && o.minCopyShingles <= o.minShingles, 'an integer from 1 to minShingles');
  return o;
}

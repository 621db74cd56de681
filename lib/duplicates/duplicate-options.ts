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
   * copy with its last paragraphs cut still counts, as Nexis counts "≥ 80% identical text".
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
   * (2 bytes each). Range 16–256; the LSH bands use the first ⌊numHashes / bandSize⌋ × bandSize.
   */
  numHashes?: number;
  /**
   * Values per LSH band: two articles become candidates when all values of one band agree.
   * Smaller bands find pairs of lower similarity at the cost of more candidates to verify.
   * Range 1–8.
   */
  bandSize?: number;
  /** Articles with fewer distinct shingles than this get no signature and stay alone. Range ≥ 1. */
  minShingles?: number;
}

/** Every duplicate option, resolved. */
export type ResolvedDuplicateOptions = Required<DuplicateOptions>;

/**
 * The defaults, and why:
 * - threshold 0.8: Nexis' "≥ 80% identical"; the labelled set's copies (new headline, agency
 *   prefix, a few edited words, up to half the paragraphs cut) sit well above it, the same-topic
 *   same-week stories well below (EVALUATION.md).
 * - minJaccard 0.25: a copy keeping a quarter of the original still has Jaccard ≈ 0.25.
 * - shingleSize 3: long enough that two different earnings reports do not share most shingles,
 *   short enough that an edited word breaks only three of them.
 * - numHashes 64, bandSize 3: 21 bands of 3; a pair of Jaccard 0.5 is a candidate with
 *   probability 1 − (1 − 0.5³)²¹ ≈ 0.94, one of 0.7 with ≈ 0.9999, unrelated stories (Jaccard
 *   ≈ 0.01) almost never. 128 bytes of signature per article.
 * - minShingles 5: shorter texts (a one-line brief) carry too little to call copies.
 */
export const DEFAULT_DUPLICATE_OPTIONS: Readonly<ResolvedDuplicateOptions> = Object.freeze({
  threshold: 0.8,
  minJaccard: 0.25,
  shingleSize: 3,
  numHashes: 64,
  bandSize: 3,
  minShingles: 5,
});

/** Merges options with the defaults and checks every range; throws RangeError naming the option. */
export function resolveDuplicateOptions(options: DuplicateOptions = {}): ResolvedDuplicateOptions {
  const o: ResolvedDuplicateOptions = { ...DEFAULT_DUPLICATE_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof DuplicateOptions, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_DUPLICATE_OPTIONS)) throw new RangeError(`unknown duplicate option "${key}"`);
    o[key] = value;
  }
  const check = (key: keyof DuplicateOptions, ok: boolean, range: string): void => {
    if (!ok || !Number.isFinite(o[key])) throw new RangeError(`duplicate option ${key} = ${o[key]}: must be ${range}`);
  };
  check('threshold', o.threshold > 0 && o.threshold <= 1, 'in (0, 1]');
  check('minJaccard', o.minJaccard >= 0 && o.minJaccard <= 1, 'in [0, 1]');
  check('shingleSize', Number.isInteger(o.shingleSize) && o.shingleSize >= 1 && o.shingleSize <= 8, 'an integer 1–8');
  check('bandSize', Number.isInteger(o.bandSize) && o.bandSize >= 1 && o.bandSize <= 8, 'an integer 1–8');
  check('numHashes', Number.isInteger(o.numHashes) && o.numHashes >= 16 && o.numHashes <= 256, 'an integer 16–256');
  check('minShingles', Number.isInteger(o.minShingles) && o.minShingles >= 1, 'an integer ≥ 1');
  return o;
}

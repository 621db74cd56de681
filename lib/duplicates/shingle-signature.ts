/**
 * The MinHash signature of an article's body: one-permutation hashing over word shingles.
 *
 * Classic MinHash hashes every shingle `numHashes` times; one-permutation hashing (Li, Owen and
 * Zhang 2012) hashes it once, uses the top of the hash to pick one of `numHashes` bins and keeps
 * the minimum per bin, so a signature costs O(shingles + numHashes), not O(shingles × numHashes)
 * — the difference between a few and a few hundred milliseconds on Reuters. Bins no shingle fell
 * in are filled by optimal densification (Shrivastava 2017): each empty bin copies the bin chosen
 * by a fixed pseudo-random probe sequence, so that the probability that two signatures agree in a
 * bin stays their Jaccard similarity. Each value keeps the low 16 bits of the minimum (b-bit
 * MinHash, Li and König 2010): unequal minima then agree by chance with probability 2⁻¹⁶, which
 * is negligible beside the sampling error, and a signature is 2 bytes per value.
 */
import { combine32, mix32 } from './mix-hash.js';

/** An article's signature: its MinHash values and how many distinct shingles it has. */
export interface DuplicateSignature {
  /** `numHashes` 16-bit MinHash values. */
  values: Uint16Array;
  /** Distinct shingles in the text (needed to turn Jaccard into containment). */
  numShingles: number;
}

/** Parameters of {@link computeSignature}; see DuplicateOptions for their meaning. */
export interface SignatureParams {
  shingleSize: number;
  numHashes: number;
  minShingles: number;
}

// Scratch space for shingle hashes, reused between calls (signatures are computed one at a time).
let scratch = new Uint32Array(1024);

/**
 * Computes the signature of a text given as its sequence of term codes (the analysed words of
 * the body in reading order; any numbering consistent across the articles compared). A text
 * shorter than one shingle is one shingle of all its terms. Returns undefined when the text has
 * fewer than `minShingles` distinct shingles.
 */
export function computeSignature(
  terms: ArrayLike<number>,
  numTerms: number,
  params: SignatureParams,
): DuplicateSignature | undefined {
  const { shingleSize: k, numHashes: m } = params;
  if (numTerms <= 0) return undefined;
  const numShinglesMax = Math.max(1, numTerms - k + 1);
  if (scratch.length < numShinglesMax) scratch = new Uint32Array(numShinglesMax * 2);
  const hashes = scratch;
  for (let i = 0; i < numShinglesMax; i++) {
    let h = 0x2545f491;
    const end = Math.min(i + k, numTerms);
    for (let j = i; j < end; j++) h = combine32(h, terms[j]);
    hashes[i] = h;
  }
  const sorted = hashes.subarray(0, numShinglesMax).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct < params.minShingles) return undefined;

  const minima = new Uint32Array(m).fill(0xffffffff);
  const filled = new Uint8Array(m);
  for (let i = 0; i < sorted.length; i++) {
    const h = sorted[i];
    // The top bits pick the bin; an independent second hash is the value minimised within it.
    const bin = Math.floor((h / 4294967296) * m);
    const v = mix32(h ^ 0x5bd1e995);
    filled[bin] = 1;
    if (v < minima[bin]) minima[bin] = v;
  }
  const values = new Uint16Array(m);
  for (let b = 0; b < m; b++) {
    let src = b;
    // Optimal densification: probe bins in an order fixed by (bin, attempt) until a filled one.
    for (let attempt = 1; !filled[src]; attempt++) src = mix32(combine32(b, attempt)) % m;
    values[b] = minima[src] & 0xffff;
  }
  return { values, numShingles: distinct };
}

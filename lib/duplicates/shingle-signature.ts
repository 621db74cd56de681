/**
 * The MinHash signature of an article's body: one-permutation hashing over word shingles.
 *
 * Classic MinHash hashes every shingle `numHashes` times; one-permutation hashing (Li, Owen and
 * Zhang 2012) hashes it once, uses the top of the hash to pick one of `numHashes` bins and keeps
 * the minimum per bin, so a signature costs O(shingles + numHashes), not O(shingles × numHashes)
 * — the difference between a few and a few hundred milliseconds on Reuters. Bins no shingle fell
 * in are filled by optimal densification (Shrivastava 2017): each empty bin copies the bin chosen
 * by a fixed pseudo-random probe sequence, so that the probability that two signatures agree in a
 * bin stays their Jaccard similarity. Each value keeps the low 8 bits of the minimum (b-bit
 * MinHash, Li and König 2010): unequal minima then agree by chance with probability 1/256, which
 * the estimate corrects for (estimate-overlap.ts), and a signature is 1 byte per value.
 */
import { combine32, mix32 } from './mix-hash.js';

/** An article's signature: its MinHash values and how many distinct shingles it has. */
export interface DuplicateSignature {
  /** `numHashes` 8-bit MinHash values. */
  values: Uint8Array;
  /** Distinct shingles in the text (needed to turn Jaccard into containment). */
  numShingles: number;
}

/** Parameters of {@link computeSignature}; see DuplicateOptions for their meaning. */
export interface SignatureParams {
  shingleSize: number;
  numHashes: number;
  /** Texts with fewer distinct shingles get no signature. */
  minCopyShingles: number;
}

// Scratch space for term and shingle hashes, reused between calls (signatures are computed one
// at a time).
let scratch = new Uint32Array(1024);
let termHashes = new Uint32Array(1024);
let minimaScratch = new Uint32Array(0);
let filledScratch = new Uint8Array(0);

// An open-addressing set of hashes for countDistinct, emptied by bumping `setGen` (a slot is
// occupied when its stamp equals it), so counting a text costs its shingles, not a sort of them.
let setKeys = new Uint32Array(1024);
let setStamp = new Int32Array(1024);
let setGen = 0;

/** The number of distinct values among `hashes[0 .. n)` (well-mixed 32-bit hashes). */
function countDistinct(hashes: Uint32Array, n: number): number {
  let size = 16;
  while (size < 2 * n) size *= 2;
  if (setKeys.length < size) {
    setKeys = new Uint32Array(size);
    setStamp = new Int32Array(size);
    setGen = 0;
  }
  if (setGen === 0x7fffffff) {
    setStamp.fill(0);
    setGen = 0;
  }
  const gen = ++setGen;
  const mask = size - 1;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const h = hashes[i];
    let slot = h & mask;
    while (setStamp[slot] === gen && setKeys[slot] !== h) slot = (slot + 1) & mask;
    if (setStamp[slot] !== gen) {
      setStamp[slot] = gen;
      setKeys[slot] = h;
      distinct++;
    }
  }
  return distinct;
}

/** The `attempt`-th bin probed for empty bin `bin` (a fixed pseudo-random sequence per bin). */
function probe(bin: number, attempt: number, m: number): number {
  return mix32(combine32(bin, attempt)) % m;
}

/** Probes precomputed per bin: enough for a text filling one bin in 32 (a few dozen shingles). */
const PROBES = 64;
const probeTables = new Map<number, Uint16Array>();
function probeTable(m: number): Uint16Array {
  let t = probeTables.get(m);
  if (!t) {
    t = new Uint16Array(m * PROBES);
    for (let b = 0; b < m; b++) for (let a = 1; a < PROBES; a++) t[b * PROBES + a] = probe(b, a, m);
    probeTables.set(m, t);
  }
  return t;
}

/**
 * Computes the signature of a text given as its sequence of term codes (the analysed words of
 * the body in reading order; any numbering consistent across the articles compared). A text
 * shorter than one shingle is one shingle of all its terms. Returns undefined when the text has
 * fewer than `minCopyShingles` distinct shingles.
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
  if (termHashes.length < numTerms) termHashes = new Uint32Array(numTerms * 2);
  const th = termHashes;
  for (let i = 0; i < numTerms; i++) th[i] = mix32(terms[i] + 0x2545f491);
  const hashes = scratch;
  for (let i = 0; i < numShinglesMax; i++) {
    // Rotating each position's term hash by a different amount keeps "a b" apart from "b a";
    // one mix of the combination per shingle instead of one per word of it.
    let h = 0;
    const end = Math.min(i + k, numTerms);
    for (let j = i; j < end; j++) {
      const r = ((j - i) * 7) & 31;
      h ^= (th[j] << r) | (th[j] >>> (32 - r));
    }
    hashes[i] = mix32(h + end - i);
  }
  const distinct = countDistinct(hashes, numShinglesMax);
  if (distinct < params.minCopyShingles) return undefined;

  if (minimaScratch.length < m) { minimaScratch = new Uint32Array(m); filledScratch = new Uint8Array(m); }
  const minima = minimaScratch.fill(0xffffffff, 0, m);
  const filled = filledScratch.fill(0, 0, m);
  // Repeated shingles change no minimum, so the hashes are binned as they are.
  for (let i = 0; i < numShinglesMax; i++) {
    const h = hashes[i];
    // The top bits pick the bin, an interval of hash values; the smallest hash in it is the bin's
    // minimum, and its low 8 bits (independent of the bin) are what is kept.
    const bin = Math.floor((h / 4294967296) * m);
    filled[bin] = 1;
    if (h < minima[bin]) minima[bin] = h;
  }
  const values = new Uint8Array(m);
  const probes = probeTable(m);
  for (let b = 0; b < m; b++) {
    let src = b;
    // Optimal densification: probe bins in an order fixed by (bin, attempt) until a filled one.
    for (let attempt = 1; !filled[src]; attempt++) {
      src = attempt < PROBES ? probes[b * PROBES + attempt] : probe(b, attempt, m);
    }
    values[b] = minima[src] & 0xff;
  }
  return { values, numShingles: distinct };
}

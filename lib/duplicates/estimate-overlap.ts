/**
 * Similarity of two articles estimated from their signatures.
 */
import type { DuplicateSignature } from './shingle-signature.js';

/** Estimated overlap of two shingle sets. */
export interface Overlap {
  /** |A ∩ B| / |A ∪ B|. */
  jaccard: number;
  /** |A ∩ B| / min(|A|, |B|): how much of the shorter text the longer one contains. */
  containment: number;
}

/** Unequal 8-bit MinHash values agree by chance with this probability. */
const CHANCE = 1 / 256;

/**
 * The Jaccard similarity estimated from `agree` of `m` 8-bit MinHash values agreeing: values
 * agree when the minima are equal (probability J) or by chance (1/256 of the rest), so
 * J = (agree/m − 1/256) / (1 − 1/256), at least 0.
 */
export function jaccardFromAgreement(agree: number, m: number): number {
  return m === 0 ? 0 : Math.max(0, (agree / m - CHANCE) / (1 - CHANCE));
}

/**
 * Estimates Jaccard similarity from the share of agreeing MinHash values, and containment of the
 * shorter in the longer from it and the exact set sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).
 * `values` are compared over their common length.
 */
export function estimateOverlap(a: ArrayLike<number>, aShingles: number, b: ArrayLike<number>, bShingles: number): Overlap {
  const m = Math.min(a.length, b.length);
  let agree = 0;
  for (let i = 0; i < m; i++) if (a[i] === b[i]) agree++;
  return overlapFromAgreement(jaccardFromAgreement(agree, m), aShingles, bShingles);
}

/** The overlap of two sets of known sizes whose Jaccard similarity is `jaccard`. */
export function overlapFromAgreement(jaccard: number, aShingles: number, bShingles: number): Overlap {
  const intersection = (jaccard * (aShingles + bShingles)) / (1 + jaccard);
  const shorter = Math.min(aShingles, bShingles);
  return { jaccard, containment: shorter === 0 ? 0 : Math.min(1, intersection / shorter) };
}

/** {@link estimateOverlap} of two signatures. */
export function signatureOverlap(a: DuplicateSignature, b: DuplicateSignature): Overlap {
  return estimateOverlap(a.values, a.numShingles, b.values, b.numShingles);
}

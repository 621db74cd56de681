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

/**
 * Estimates Jaccard similarity as the share of agreeing MinHash values, and containment of the
 * shorter in the longer from it and the exact set sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).
 * `values` are compared over their common length.
 */
export function estimateOverlap(a: ArrayLike<number>, aShingles: number, b: ArrayLike<number>, bShingles: number): Overlap {
  const m = Math.min(a.length, b.length);
  let agree = 0;
  for (let i = 0; i < m; i++) if (a[i] === b[i]) agree++;
  return overlapFromAgreement(m === 0 ? 0 : agree / m, aShingles, bShingles);
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

/**
 * Paired randomization (permutation) test for the difference of two systems' mean per-query
 * scores (Smucker, Allan & Carterette 2007 recommend it for IR evaluation).
 */

import { createRng } from '../../bench/rng.js';

/** A small deterministic PRNG (mulberry32, bench/rng.ts), so a test's p-value is the same on every run. */
function mulberry32(seed: number): () => number {
  return createRng(seed).next;
}

/**
 * Two-sided p-value of the observed mean difference of paired scores `a[i] − b[i]`: the share of
 * `trials` random sign flips of the per-query differences whose mean is at least as far from 0.
 */
export function pairedRandomizationTest(a: readonly number[], b: readonly number[], trials = 10_000, seed = 1): number {
  if (a.length !== b.length) throw new Error('internal: paired samples of different lengths');
  const n = a.length;
  if (n === 0) return 1;
  const diffs = a.map((x, i) => x - b[i]);
  const observed = Math.abs(diffs.reduce((s, d) => s + d, 0) / n);
  const random = mulberry32(seed);
  let extreme = 0;
  for (let t = 0; t < trials; t++) {
    let sum = 0;
    for (const d of diffs) sum += random() < 0.5 ? -d : d;
    // A small tolerance so that ties with the observed value count as extreme despite rounding.
    if (Math.abs(sum / n) >= observed - 1e-12) extreme++;
  }
  return (extreme + 1) / (trials + 1);
}

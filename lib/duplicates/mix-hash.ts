/**
 * 32-bit integer hashing for shingles and MinHash bins.
 */

/**
 * MurmurHash3's finaliser: a bijection on 32-bit integers whose output bits each depend on every
 * input bit, so consecutive term ids or bin numbers give unrelated hashes.
 */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds one more 32-bit value into a running hash (order matters: "a b" ≠ "b a"). */
export function combine32(h: number, value: number): number {
  return mix32((Math.imul(h, 0x9e3779b1) + value) | 0);
}

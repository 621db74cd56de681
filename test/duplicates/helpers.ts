/**
 * Straightforward reference computations for the duplicate tests: exact shingle sets and overlap.
 */
import type { Rng } from '../../bench/rng.js';

/** The exact set of k-term shingles of a term sequence (a shorter text is one shingle). */
export function exactShingles(terms: readonly number[], k: number): Set<string> {
  const out = new Set<string>();
  if (terms.length === 0) return out;
  for (let i = 0; i + k <= Math.max(k, terms.length); i++) out.add(terms.slice(i, i + k).join(' '));
  return out;
}

/** Exact Jaccard and containment of the smaller set in the larger. */
export function exactOverlap(a: Set<string>, b: Set<string>): { jaccard: number; containment: number } {
  let inter = 0;
  for (const s of a) if (b.has(s)) inter++;
  const union = a.size + b.size - inter;
  return { jaccard: union === 0 ? 0 : inter / union, containment: inter / Math.min(a.size, b.size) };
}

/** A random text of `n` term codes from a vocabulary of `vocab`. */
export function randomText(rng: Rng, n: number, vocab = 5000): number[] {
  return Array.from({ length: n }, () => rng.int(vocab));
}

/** A syndicated copy: `edits` words replaced, the last `trim` terms cut, `prefix` terms put in front. */
export function copyOf(rng: Rng, text: readonly number[], edits: number, trim: number, prefix: number, vocab = 5000): number[] {
  const out = text.slice(0, text.length - trim);
  for (let e = 0; e < edits; e++) out[rng.int(out.length)] = vocab + rng.int(vocab);
  return [...randomText(rng, prefix, vocab), ...out];
}

/** Connected components of an undirected graph on 0 … n−1, as each node's smallest member. */
export function components(linked: (a: number, b: number) => boolean, nodes: readonly number[]): Map<number, number> {
  const rep = new Map<number, number>(nodes.map((d) => [d, d]));
  const find = (d: number): number => {
    let r = d;
    while (rep.get(r) !== r) r = rep.get(r) as number;
    return r;
  };
  for (const a of nodes) for (const b of nodes) {
    if (a < b && linked(a, b)) {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) rep.set(Math.max(ra, rb), Math.min(ra, rb));
    }
  }
  const out = new Map<number, number>();
  for (const d of nodes) out.set(d, find(d));
  return out;
}

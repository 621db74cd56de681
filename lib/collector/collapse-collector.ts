/**
 * Collapsing near-duplicates: one document per duplicate group (the best-ranked copy in the
 * match set), the other matching copies kept beside it. The result is itself a match set, so
 * the page, the total, facets and the histogram can count groups with the same collectors.
 */
import type { Collector, MatchSet } from './collector.js';

/** A match set reduced to one document per group, and each kept document's other copies. */
export interface Collapsed {
  /** One document per group; near misses reduced to one per group and failed filter. */
  groups: MatchSet;
  /** The other matching copies of a kept document, best first (absent when alone). */
  others: Map<number, number[]>;
}

/**
 * Collapses a match set. `groupOf(doc)`: a document that stands for the group (the same for
 * every member); `better(a, b) < 0` when a ranks above b (the sort order, over exact scores);
 * `numDocs`: document ids are below it.
 */
export function collapseCollector(groupOf: (doc: number) => number, better: (a: number, b: number) => number, numDocs: number): Collector<Collapsed> {
  return {
    collect(m: MatchSet): Collapsed {
      if (m.scoreIsBound) throw new Error('internal: collapsing needs exact scores');
      const best = new Int32Array(numDocs).fill(-1);
      const members = new Map<number, number[]>();
      for (let i = 0; i < m.n; i++) {
        const d = m.docs[i];
        const g = groupOf(d);
        const kept = best[g];
        if (kept < 0) {
          best[g] = d;
          continue;
        }
        let list = members.get(g);
        if (!list) members.set(g, (list = [kept]));
        list.push(d);
        if (better(d, kept) < 0) best[g] = d;
      }
      const docs = new Int32Array(m.n);
      let n = 0;
      for (let i = 0; i < m.n; i++) {
        const d = m.docs[i];
        if (best[groupOf(d)] === d) docs[n++] = d;
      }
      const others = new Map<number, number[]>();
      for (const [g, list] of members) {
        const rep = best[g];
        others.set(rep, list.filter((d) => d !== rep).sort(better));
      }
      // A near miss counts for its failed filter once per group, and not at all when a copy
      // of it matches outright (the group is already counted).
      const near = m.near;
      const nearDocs = new Int32Array(near.n);
      const nearFail = new Int32Array(near.n);
      const seen = new Set<number>();
      let nn = 0;
      for (let i = 0; i < near.n; i++) {
        const g = groupOf(near.docs[i]);
        const key = near.fail[i] * numDocs + g;
        if (best[g] >= 0 || seen.has(key)) continue;
        seen.add(key);
        nearDocs[nn] = near.docs[i];
        nearFail[nn++] = near.fail[i];
      }
      return {
        groups: { docs, n, score: m.score, scoreIsBound: false, near: { docs: nearDocs, fail: nearFail, n: nn } },
        others,
      };
    },
  };
}

/**
 * Range-bucket facets of a number field over the match set (a number field named in `facets`):
 * how many matching articles fall in each bucket, `from` inclusive, `to` exclusive. When the same
 * field is range-filtered, counts are disjunctive as keyword facets are: articles that failed only
 * that field's range count too, so the other buckets stay visible once one range is chosen.
 */
import type { NumberBucket } from '../schema/field-schema.js';
import type { FacetValue } from '../types.js';
import type { Collector, MatchSet } from './collector.js';

/** A bucket's label: `300..800`, `..300`, `800..`. */
export function bucketLabel(b: NumberBucket): string {
  return `${b.from ?? ''}..${b.to ?? ''}`;
}

/**
 * Counts per bucket, in the buckets' order (empty buckets included, so a range facet keeps its
 * shape); `slot` is the field's range-filter slot among the near misses, -1 when not filtered.
 */
export function rangeFacetCollector(column: Float64Array, buckets: readonly NumberBucket[], slot: number): Collector<FacetValue[]> {
  return {
    collect(m: MatchSet): FacetValue[] {
      const counts = new Array<number>(buckets.length).fill(0);
      const add = (v: number): void => {
        if (Number.isNaN(v)) return;
        for (let b = 0; b < buckets.length; b++) {
          const { from, to } = buckets[b];
          if ((from === undefined || v >= from) && (to === undefined || v < to)) counts[b]++;
        }
      };
      for (let i = 0; i < m.n; i++) add(column[m.docs[i]]);
      if (slot >= 0) for (let i = 0; i < m.near.n; i++) if (m.near.fail[i] === slot) add(column[m.near.docs[i]]);
      return buckets.map((b, i) => ({
        value: bucketLabel(b),
        count: counts[i],
        ...(b.from !== undefined ? { from: b.from } : {}),
        ...(b.to !== undefined ? { to: b.to } : {}),
      }));
    },
  };
}

/**
 * Min and max of a number or date column over the match set (`SearchOptions.stats`), and how many
 * matching articles have a value. Not disjunctive: the stats describe the matches as filtered.
 */
import type { Collector, MatchSet } from './collector.js';

/** Count, min and max of the values present (min/max undefined when none). */
export interface NumericStats {
  count: number;
  min?: number;
  max?: number;
}

/** A collector of the stats of `column` over the match set. */
export function statsCollector(column: Float64Array): Collector<NumericStats> {
  return {
    collect(m: MatchSet): NumericStats {
      let count = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < m.n; i++) {
        const v = column[m.docs[i]];
        if (Number.isNaN(v)) continue;
        count++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return count === 0 ? { count } : { count, min, max };
    },
  };
}

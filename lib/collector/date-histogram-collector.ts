/**
 * The date histogram as a collector: matches per day, week, month or year. Documents that failed
 * only the date filter count too, so the histogram shows the query's whole timeline whatever
 * range is selected (a range is picked from it). Buckets come from lib/collector/date-buckets.ts.
 */
import type { HistogramBucket, HistogramInterval } from '../types.js';
import type { Collector, MatchSet } from './collector.js';
import { autoInterval, bucketKey, bucketLabel } from './date-buckets.js';

/** Counts per bucket key (see {@link bucketKey}) of one series, with the interval they use. */
export interface DateCounts {
  interval: HistogramInterval;
  counts: Map<number, number>;
}

/**
 * Counts the match set per bucket. `dates`: epoch ms per document (NaN: undated, not counted);
 * `dateSlot`: the near-miss slot of the date filter.
 */
export function dateHistogramCollector(dates: Float64Array, interval: HistogramInterval | 'auto', dateSlot: number): Collector<DateCounts> {
  return {
    collect(m: MatchSet): DateCounts {
      const docs: number[] = [];
      for (let i = 0; i < m.n; i++) if (Number.isFinite(dates[m.docs[i]])) docs.push(m.docs[i]);
      const near = m.near;
      for (let i = 0; i < near.n; i++) if (near.fail[i] === dateSlot && Number.isFinite(dates[near.docs[i]])) docs.push(near.docs[i]);
      let resolved: HistogramInterval;
      if (interval === 'auto') {
        let lo = Infinity;
        let hi = -Infinity;
        for (const d of docs) {
          if (dates[d] < lo) lo = dates[d];
          if (dates[d] > hi) hi = dates[d];
        }
        resolved = autoInterval(lo, hi);
      } else resolved = interval;
      const counts = new Map<number, number>();
      for (const d of docs) {
        const key = bucketKey(dates[d], resolved);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return { interval: resolved, counts };
    },
  };
}

/** Live dated documents per bucket key, the denominators of `share`. */
export function liveBucketCounts(dates: Float64Array, alive: Uint8Array, numDocs: number, interval: HistogramInterval): Map<number, number> {
  const counts = new Map<number, number>();
  for (let d = 0; d < numDocs; d++) {
    if (!alive[d] || !Number.isFinite(dates[d])) continue;
    const key = bucketKey(dates[d], interval);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * The buckets of each series over one common range (from the smallest to the largest key of any
 * series, every key between included with count 0), ascending. With `live`, each bucket gets
 * `share` = count / live articles in it (0 when none).
 */
export function histogramBuckets(series: readonly DateCounts[], interval: HistogramInterval, live?: Map<number, number>): HistogramBucket[][] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const key of s.counts.keys()) {
      if (key < lo) lo = key;
      if (key > hi) hi = key;
    }
  }
  return series.map((s) => {
    const out: HistogramBucket[] = [];
    for (let key = lo; key <= hi; key++) {
      const count = s.counts.get(key) ?? 0;
      const bucket: HistogramBucket = { value: bucketLabel(key, interval), count };
      if (live) {
        const all = live.get(key) ?? 0;
        bucket.share = all > 0 ? count / all : 0;
      }
      out.push(bucket);
    }
    return out;
  });
}

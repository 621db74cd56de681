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

/** The bucket key of every document for one interval (see {@link bucketKeysOf}). */
export interface BucketKeys {
  /** Key per document id; meaningless for undated documents (NaN date). */
  keys: Int32Array;
  /** The smallest and largest key of any dated document (min > max when none). */
  min: number;
  max: number;
}

/** The bucket key of every document, computed once per interval and index version by the caller. */
export function bucketKeysOf(dates: Float64Array, numDocs: number, interval: HistogramInterval): BucketKeys {
  const keys = new Int32Array(numDocs);
  let min = Infinity;
  let max = -Infinity;
  for (let d = 0; d < numDocs; d++) {
    if (!Number.isFinite(dates[d])) continue;
    const k = bucketKey(dates[d], interval);
    keys[d] = k;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  return { keys, min, max };
}

/**
 * Counts the match set per bucket. `dates`: epoch ms per document (NaN: undated, not counted);
 * `keysOf(interval)`: every document's bucket key (cached by the caller, so counting is one
 * array increment per match); `dateSlot`: the near-miss slot of the date filter.
 */
export function dateHistogramCollector(
  dates: Float64Array,
  keysOf: (interval: HistogramInterval) => BucketKeys,
  interval: HistogramInterval | 'auto',
  dateSlot: number,
): Collector<DateCounts> {
  return {
    collect(m: MatchSet): DateCounts {
      const near = m.near;
      let resolved: HistogramInterval;
      if (interval === 'auto') {
        let lo = Infinity;
        let hi = -Infinity;
        const see = (t: number): void => {
          if (t < lo) lo = t;
          if (t > hi) hi = t;
        };
        for (let i = 0; i < m.n; i++) see(dates[m.docs[i]]);
        for (let i = 0; i < near.n; i++) if (near.fail[i] === dateSlot) see(dates[near.docs[i]]);
        resolved = autoInterval(lo, hi);
      } else resolved = interval;
      const { keys, min, max } = keysOf(resolved);
      const counts = new Map<number, number>();
      if (min > max) return { interval: resolved, counts };
      const dense = new Int32Array(max - min + 1);
      for (let i = 0; i < m.n; i++) {
        const d = m.docs[i];
        if (dates[d] === dates[d]) dense[keys[d] - min]++;
      }
      for (let i = 0; i < near.n; i++) {
        const d = near.docs[i];
        if (near.fail[i] === dateSlot && dates[d] === dates[d]) dense[keys[d] - min]++;
      }
      for (let k = 0; k < dense.length; k++) if (dense[k] > 0) counts.set(min + k, dense[k]);
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

/**
 * Date histogram buckets as consecutive integers, so that the empty buckets between two dates
 * are simply the integers between their keys. Every bucket is in UTC, by the one date rule of
 * lib/dates (an article's instant falls in the UTC day, week, month and year of that instant).
 */
import { civilFromDays, DAY_MS } from '../dates/instant.js';
import type { HistogramInterval } from '../types.js';

/** Intervals from finest to coarsest, the order `auto` tries them in. */
export const HISTOGRAM_INTERVALS: readonly HistogramInterval[] = ['day', 'week', 'month', 'year'];

/** `auto` picks the finest interval with at most this many buckets over the match set's span. */
export const MAX_AUTO_BUCKETS = 60;

/**
 * The bucket key of an instant (ms since the epoch, finite): days since 1970-01-01 (day), ISO
 * weeks since the week of 1970-01-01 (week; weeks start on Monday), months since year 0 (month),
 * the year (year).
 */
export function bucketKey(epochMs: number, interval: HistogramInterval): number {
  const days = Math.floor(epochMs / DAY_MS);
  switch (interval) {
    case 'day':
      return days;
    case 'week':
      // 1970-01-01 was a Thursday: shifting by 3 days makes Mondays the multiples of 7.
      return Math.floor((days + 3) / 7);
    case 'month': {
      const { year, month } = civilFromDays(days);
      return year * 12 + month - 1;
    }
    case 'year':
      return civilFromDays(days).year;
  }
}

const pad = (n: number, width: number): string => (n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0'));

function dayLabel(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The label of a bucket key: `YYYY-MM-DD`, the week's Monday `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
export function bucketLabel(key: number, interval: HistogramInterval): string {
  switch (interval) {
    case 'day':
      return dayLabel(key);
    case 'week':
      return dayLabel(key * 7 - 3);
    case 'month':
      return `${pad(Math.floor(key / 12), 4)}-${pad((((key % 12) + 12) % 12) + 1, 2)}`;
    case 'year':
      return pad(key, 4);
  }
}

/**
 * The interval `auto` means for dates spanning `minMs..maxMs`: the finest whose bucket count
 * over the span is at most {@link MAX_AUTO_BUCKETS}; `year` when none is (or no dates at all).
 */
export function autoInterval(minMs: number, maxMs: number): HistogramInterval {
  if (!(minMs <= maxMs)) return 'month';
  for (const interval of HISTOGRAM_INTERVALS) {
    if (bucketKey(maxMs, interval) - bucketKey(minMs, interval) + 1 <= MAX_AUTO_BUCKETS) return interval;
  }
  return 'year';
}

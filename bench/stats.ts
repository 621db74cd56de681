/**
 * Summary statistics for latency samples.
 */

/**
 * The p-th percentile of `values` by the nearest-rank method: the smallest sample such that at
 * least p% of the samples are less than or equal to it. No interpolation, so the answer is always
 * one of the measured values.
 *
 * @param values - samples in any order (not modified); must not be empty.
 * @param p - percentile in (0, 100].
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

/** p50, p99 and mean of a set of latencies, in milliseconds. */
export interface LatencySummary {
  numSamples: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

/** Summarises latencies given in nanoseconds into milliseconds. */
export function summarizeNs(samplesNs: readonly number[]): LatencySummary {
  const ms = samplesNs.map((ns) => ns / 1e6);
  const sum = ms.reduce((a, b) => a + b, 0);
  return {
    numSamples: ms.length,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    meanMs: sum / ms.length,
    maxMs: ms.reduce((a, b) => Math.max(a, b), -Infinity),
  };
}

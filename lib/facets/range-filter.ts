/**
 * A resolved range filter over a number or date column, and the documents it lets through.
 */

/** A range over numbers (dates as epoch ms): `lo`/`hi` (±Infinity when open), each inclusive or not. */
export interface NumericRange {
  readonly lo: number;
  readonly hi: number;
  readonly loInclusive: boolean;
  readonly hiInclusive: boolean;
}

/** Whether `v` lies in the range (NaN, a missing value, never does). */
export function inRange(v: number, r: NumericRange): boolean {
  return (r.loInclusive ? v >= r.lo : v > r.lo) && (r.hiInclusive ? v <= r.hi : v < r.hi);
}

/**
 * The live documents (`alive[d]` set) of `[0, numDocs)` whose value in `column` lies in the range,
 * in increasing order: a doc list the evaluator applies as it applies a facet value's documents.
 */
export function rangeDocs(column: Float64Array, numDocs: number, alive: Uint8Array, r: NumericRange): number[] {
  const out: number[] = [];
  for (let d = 0; d < numDocs; d++) if (alive[d] && inRange(column[d], r)) out.push(d);
  return out;
}

/**
 * The index-time cost of duplicate groups (issue 14): builds of the same corpus with and without
 * them, in one run, alternating so that machine load hits both alike.
 */
import { createSearchIndex, snapshotFromBytes, snapshotToBytes, type Article, type SearchIndex } from '../lib/index.js';
import { fmtMB, fmtMs, fmtX } from './format.js';
import { canCollect, settledHeapBytes, timeMs } from './measure.js';

/** Builds timed per variant by default. */
export const DUPLICATE_COST_ROUNDS = 3;

/** Build time and heap of the index without (`off`) and with (`on`) duplicate groups. */
export interface DuplicateCost {
  numArticles: number;
  rounds: number;
  /** Fastest build of each variant (wall), and that build's process CPU time. */
  offMs: number;
  onMs: number;
  offCpuMs: number;
  onCpuMs: number;
  /** Settled heap after the build minus before it, the smallest of the rounds. */
  offHeapBytes: number;
  onHeapBytes: number;
  /** The first `duplicatesOf` after a snapshot load, which rebuilds the groups from the signatures. */
  firstLookupAfterLoadMs: number;
}

/**
 * Builds `articles` into fresh indexes `rounds` times each with `duplicates: false` and with the
 * defaults, alternating. Needs `node --expose-gc` (heap figures would include garbage): throws
 * without it.
 */
export async function measureDuplicateCost(articles: readonly Article[], rounds = DUPLICATE_COST_ROUNDS): Promise<DuplicateCost> {
  if (!canCollect()) throw new Error('the duplicate cost needs node --expose-gc');
  if (articles.length < 2) throw new Error('the duplicate cost needs at least two articles');
  const best = { off: Infinity, on: Infinity };
  const cpu = { off: Infinity, on: Infinity };
  const heap = { off: Infinity, on: Infinity };
  let kept: SearchIndex | undefined;
  for (let round = 0; round < rounds; round++) {
    for (const variant of ['off', 'on'] as const) {
      kept = undefined;
      const before = await settledHeapBytes();
      const ix = createSearchIndex(variant === 'off' ? { duplicates: false } : {});
      const t = await timeMs(() => ix.addAll(articles));
      const after = await settledHeapBytes();
      if (t.ms < best[variant]) { best[variant] = t.ms; cpu[variant] = t.cpuMs; }
      heap[variant] = Math.min(heap[variant], after - before);
      kept = ix;
    }
  }
  const loaded = snapshotFromBytes(snapshotToBytes(kept as SearchIndex));
  kept = undefined;
  const first = await timeMs(() => loaded.duplicatesOf(articles[0].id));
  return {
    numArticles: articles.length,
    rounds,
    offMs: best.off,
    onMs: best.on,
    offCpuMs: cpu.off,
    onCpuMs: cpu.on,
    offHeapBytes: heap.off,
    onHeapBytes: heap.on,
    firstLookupAfterLoadMs: first.ms,
  };
}

/** "+12.3%": how much `on` adds to `off`. */
function added(on: number, off: number): string {
  return `${on >= off ? '+' : ''}${((100 * (on - off)) / off).toFixed(1)}%`;
}

/** The cost as table rows: measure, without, with, ratio (with / without), added. */
export function duplicateCostRows(c: DuplicateCost): string[][] {
  const x = (on: number, off: number): string => fmtX(on / off);
  return [
    [`build (wall, fastest of ${c.rounds})`, fmtMs(c.offMs), fmtMs(c.onMs), x(c.onMs, c.offMs), added(c.onMs, c.offMs)],
    ['build CPU (of that build)', fmtMs(c.offCpuMs), fmtMs(c.onCpuMs), x(c.onCpuMs, c.offCpuMs), added(c.onCpuMs, c.offCpuMs)],
    ['index heap (settled)', fmtMB(c.offHeapBytes), fmtMB(c.onHeapBytes), x(c.onHeapBytes, c.offHeapBytes), added(c.onHeapBytes, c.offHeapBytes)],
    ['first duplicatesOf after a snapshot load (groups rebuilt)', '', fmtMs(c.firstLookupAfterLoadMs), '', ''],
  ];
}

/**
 * The index-time cost of duplicate groups: builds of the full index with and without them.
 */
import { canCollect, settledHeapBytes, timeMs } from '../../bench/measure.js';
import { createSearchIndex, snapshotFromBytes, snapshotToBytes, type SearchIndex } from '../../lib/index.js';
import type { Article } from '../../lib/types.js';

const ROUNDS = 3;

/**
 * Prints the build time (fastest of three, alternating the two variants so machine load hits
 * both alike) and the settled heap of the index with and without duplicate groups, and the cost
 * of the first duplicate lookup after a snapshot load (when the groups are rebuilt).
 */
export async function measureIndexCost(articles: readonly Article[]): Promise<void> {
  if (!canCollect()) {
    console.log('\n(index cost not measured: run node with --expose-gc)');
    return;
  }
  const best = { off: Infinity, on: Infinity };
  const cpu = { off: Infinity, on: Infinity };
  const heap = { off: Infinity, on: Infinity };
  let kept: SearchIndex | undefined;
  for (let round = 0; round < ROUNDS; round++) {
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
  const mb = (b: number): string => (b / 1048576).toFixed(1);
  const pct = (a: number, b: number): string => `${a >= b ? '+' : ''}${((100 * (a - b)) / b).toFixed(1)}%`;
  console.log(`\n| index build of ${articles.length} articles | without duplicates | with | added |\n|---|---:|---:|---:|`);
  console.log(`| build (fastest of ${ROUNDS}) | ${best.off.toFixed(0)} ms | ${best.on.toFixed(0)} ms | ${pct(best.on, best.off)} |`);
  console.log(`| build CPU (of that build) | ${cpu.off.toFixed(0)} ms | ${cpu.on.toFixed(0)} ms | ${pct(cpu.on, cpu.off)} |`);
  console.log(`| index heap (settled) | ${mb(heap.off)} MB | ${mb(heap.on)} MB | ${pct(heap.on, heap.off)} |`);
  if (!kept) return;
  const loaded = snapshotFromBytes(snapshotToBytes(kept));
  const first = await timeMs(() => loaded.duplicatesOf(articles[0].id));
  const second = await timeMs(() => loaded.duplicatesOf(articles[1].id));
  console.log(`| first duplicatesOf after a snapshot load (groups rebuilt from stored signatures) | | ${first.ms.toFixed(0)} ms | next: ${second.ms.toFixed(2)} ms |`);
}

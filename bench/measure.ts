/**
 * Measuring: forced garbage collection, heap readings, build timing and per-query latency.
 */
import { setImmediate as nextTick } from 'node:timers/promises';
import { isPromise } from './engine.js';
import { summarizeNs, type LatencySummary } from './stats.js';

/** How many times {@link settleHeap} collects: several, so that objects freed by finalizers go too. */
const NUM_GC_ROUNDS = 4;

/** True when the process was started with `--expose-gc`. */
export function canCollect(): boolean {
  return typeof globalThis.gc === 'function';
}

/** Collects garbage several times, yielding in between so weak references and finalizers settle. */
export async function settleHeap(): Promise<void> {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') return;
  for (let i = 0; i < NUM_GC_ROUNDS; i++) {
    gc();
    await nextTick();
  }
}

/** Live JavaScript heap plus `ArrayBuffer` memory (typed arrays live outside the JS heap), bytes. */
export function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Heap bytes after {@link settleHeap}. */
export async function settledHeapBytes(): Promise<number> {
  await settleHeap();
  return heapBytes();
}

/** What {@link measureQueries} returns. */
export interface QueryRun extends LatencySummary {
  /** Mean number of hits returned per query. */
  meanHits: number;
  /** Queries that returned no hit. */
  numEmpty: number;
}

/**
 * Untimed passes over the items before the timed one. Two, because one was not enough to reach a
 * steady state right after a build and a settled heap: measured on Reuters (1,000 queries, the
 * engines table's sequence of three builds, settled heap, one warm-up pass), ledesearch's first
 * timed pass had p50 0.100–0.120 ms and p99 1.1–9.9 ms against 0.074–0.093 ms and 0.40–0.49 ms for
 * the passes after it (four processes), with about four times as many young-generation
 * collections as a later pass; raw flexsearch's passes were all within 4% of each other. The
 * same passes for every engine.
 */
export const WARMUP_PASSES = 2;

/**
 * Times one call of `run` per item with `process.hrtime.bigint`, after {@link WARMUP_PASSES}
 * untimed passes over the same items (so JIT compilation, lazily built structures and the
 * collector's sizing after a build are not in the numbers). Promises are awaited inside the
 * timed region; synchronous results are not awaited at all.
 */
export async function measureQueries<T>(
  items: readonly T[],
  run: (item: T) => number | Promise<number>,
): Promise<QueryRun> {
  for (let pass = 0; pass < WARMUP_PASSES; pass++) {
    for (const item of items) {
      const r = run(item);
      if (isPromise(r)) await r;
    }
  }
  const samples: number[] = new Array(items.length);
  let totalHits = 0;
  let numEmpty = 0;
  for (let i = 0; i < items.length; i++) {
    const t0 = process.hrtime.bigint();
    const r = run(items[i]);
    const hits = isPromise(r) ? await r : r;
    const t1 = process.hrtime.bigint();
    samples[i] = Number(t1 - t0);
    totalHits += hits;
    if (hits === 0) numEmpty++;
  }
  return { ...summarizeNs(samples), meanHits: totalHits / items.length, numEmpty };
}

/**
 * Runs `fn` once and returns its wall time and the process's CPU time (user + system, all
 * threads: GC helpers included) in milliseconds, with its result. On a shared machine the CPU
 * time is the steadier of the two.
 */
export async function timeMs<T>(fn: () => T | Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = fn();
  const value = isPromise(r) ? await r : r;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

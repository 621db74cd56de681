/**
 * Snapshot size, save time and load time, against which the rebuild time is compared.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnapshot, saveSnapshot, type SearchIndex } from '../lib/index.js';
import { RANKED_OPTIONS } from './engine-ledesearch.js';
import { settleHeap, timeMs } from './measure.js';

/** Snapshot measurements, or why there are none. */
export type SnapshotMeasure =
  | { status: 'n/a'; reason: string }
  | {
      status: 'ok';
      bytes: number;
      /** `saveSnapshot` to a temporary file, fsync included. */
      saveMs: number;
      /** `loadSnapshot` of that file (just written, so from the page cache). */
      loadMs: number;
      /** Process CPU time of the load. */
      loadCpuMs: number;
      /** The first ranked query on the loaded index (lazily built structures show up here). */
      firstQueryMs: number;
      /** Queries checked to give the same top-10 ids and scores as the original index. */
      numChecked: number;
      /** Of those, how many differed. */
      numMismatched: number;
    };

/** Number of queries whose answers are compared between the original and the loaded index. */
export const NUM_CHECKED = 100;

/** A query's top-10 ids and scores as one string, to compare two indexes' answers. */
export function topIds(index: SearchIndex, q: string): string {
  return index.search(q, RANKED_OPTIONS).hits.map((h) => `${h.id}:${h.score.toFixed(6)}`).join(' ');
}

/** Saves `index` to a temporary folder, loads it back, checks it answers alike, and cleans up. */
export async function measureSnapshot(index: SearchIndex, queries: readonly string[]): Promise<SnapshotMeasure> {
  const dir = await mkdtemp(join(tmpdir(), 'ledesearch-bench-'));
  try {
    const file = join(dir, 'index.snapshot');
    const saved = await timeMs(() => saveSnapshot(index, file));
    // From a settled heap, as every build is timed: the garbage of saving is not the load's.
    await settleHeap();
    const loaded = await timeMs(() => loadSnapshot(file));
    const copy = loaded.value;
    const first = await timeMs(() => copy.search(queries[0] ?? 'market', RANKED_OPTIONS));
    const checked = queries.slice(0, NUM_CHECKED);
    const numMismatched = checked.filter((q) => topIds(index, q) !== topIds(copy, q)).length;
    return {
      status: 'ok',
      bytes: saved.value.bytes,
      saveMs: saved.ms,
      loadMs: loaded.ms,
      loadCpuMs: loaded.cpuMs,
      firstQueryMs: first.ms,
      numChecked: checked.length,
      numMismatched,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

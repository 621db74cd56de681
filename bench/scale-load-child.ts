/**
 * The load half of one scale point, run by `scale.ts` as a fresh child process after the build's
 * child has exited: loads the snapshot that child saved and reports what the load cost — time,
 * heap, resident memory after the load and the process's peak — and whether the loaded index
 * answers the checked queries as the built one did. A fresh process, because the build's process
 * keeps memory it no longer uses (its peak, glibc's arenas), which an RSS reading there would
 * count as the load's.
 */
import { loadSnapshot } from '../lib/index.js';
import { peakRssBytes } from './load-memory.js';
import { settledHeapBytes, timeMs } from './measure.js';
import type { ScaleLoadRequest, ScaleSnapshot } from './scale.js';
import { topIds } from './snapshot.js';

async function main(request: ScaleLoadRequest): Promise<void> {
  const beforeLoad = await settledHeapBytes();
  const loaded = await timeMs(() => loadSnapshot(request.file));
  const loadHeapBytes = (await settledHeapBytes()) - beforeLoad;
  const loadRssBytes = process.memoryUsage().rss;
  const numMismatched = request.checked.queries.filter((q, i) => topIds(loaded.value, q) !== request.checked.expected[i]).length;
  const result: Omit<ScaleSnapshot, 'bytes' | 'saveMs'> = {
    loadMs: loaded.ms,
    loadCpuMs: loaded.cpuMs,
    loadHeapBytes,
    loadRssBytes,
    loadPeakRssBytes: peakRssBytes(),
    numChecked: request.checked.queries.length,
    numMismatched,
  };
  process.send?.(result, () => process.exit(0));
}

if (!process.send) throw new Error('scale-load-child must be started by scale.ts with an IPC channel');
process.once('message', (request) => {
  main(request as ScaleLoadRequest).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});

/**
 * The scale benchmark: ledesearch alone over Reuters replicated 1×, 4×, 10×. Each factor runs in
 * a fresh child process (`scale-child.js`), so heaps do not mix and the child can be given a
 * larger heap limit than Node's default without changing how `npm run bench` starts.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { QueryRun } from './measure.js';

/** Heap limit given to each scale child, in MB: well inside the 24 GB machine. */
export const SCALE_CHILD_HEAP_MB = 16_384;

/** What one scale child measures. */
export interface ScalePoint {
  factor: number;
  numArticles: number;
  numParagraphs: number;
  buildMs: number;
  buildCpuMs: number;
  heapBytes: number;
  /** Peak resident set size of the child process after build and queries, before the snapshot, bytes. */
  maxRssBytes: number;
  ranked: QueryRun;
  full: QueryRun;
  /** The snapshot of the built index, saved, then loaded after the built index was dropped. */
  snapshot?: ScaleSnapshot;
}

/** Snapshot figures of one scale point. */
export interface ScaleSnapshot {
  bytes: number;
  /** `saveSnapshot`, fsync included. */
  saveMs: number;
  /** `loadSnapshot` of the file just written (page cache warm). */
  loadMs: number;
  loadCpuMs: number;
  /** Heap (JS + ArrayBuffers) the loaded index holds after a settled GC, bytes. */
  loadHeapBytes: number;
  /** Resident set size right after the load (the built index was dropped before it). */
  loadRssBytes: number;
  /** Queries whose top 10 were compared between the built and the loaded index, and how many differed. */
  numChecked: number;
  numMismatched: number;
}

/** Parameters the parent passes to a scale child. */
export interface ScaleChildRequest {
  corporaDir: string;
  seed: number;
  numQueries: number;
  factor: number;
}

const CHILD = fileURLToPath(new URL('./scale-child.js', import.meta.url));

function runChild(request: ScaleChildRequest): Promise<ScalePoint> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(request)], {
      execArgv: ['--expose-gc', `--max-old-space-size=${SCALE_CHILD_HEAP_MB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let point: ScalePoint | undefined;
    child.on('message', (msg) => {
      point = msg as ScalePoint;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (point && code === 0) resolve(point);
      else reject(new Error(`scale child for ${request.factor}x exited with ${signal ?? `code ${code}`} before reporting`));
    });
  });
}

/** Runs one child per factor, in order, and collects their measurements. */
export async function runScaleBench(
  base: Omit<ScaleChildRequest, 'factor'>,
  factors: readonly number[],
  onPoint: (p: ScalePoint) => void = () => {},
): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const factor of factors) {
    const p = await runChild({ ...base, factor });
    onPoint(p);
    points.push(p);
  }
  return points;
}

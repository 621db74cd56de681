/**
 * The scale benchmark: ledesearch alone over Reuters replicated 1×, 4×, 10×. Each factor runs in
 * fresh child processes, so heaps do not mix and a child can be given a larger heap limit than
 * Node's default without changing how `npm run bench` starts: one (`scale-child.js`) builds,
 * measures queries and saves a snapshot, then exits; another (`scale-load-child.js`) loads that
 * snapshot in a process of its own, so the load's resident memory is the load's alone.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /** The snapshot of the built index, saved, then loaded in a fresh process. */
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
  /**
   * Resident set size after the load and a settled GC, in a fresh process that only loaded the
   * snapshot (before, in runs kept from older revisions: in the build's process, so it counted
   * what the build had left resident).
   */
  loadRssBytes: number;
  /** Peak RSS of that fresh process (Linux VmHWM), bytes: the load's high-water mark; absent in older runs or off Linux. */
  loadPeakRssBytes?: number | null;
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
  /** The folder the child saves its snapshot in (made and removed by the parent). */
  snapshotDir: string;
}

/** Queries whose top 10 the loaded index must give as the built one did, with the built one's answers. */
export interface CheckedAnswers {
  queries: string[];
  expected: string[];
}

/** What the build child reports: its point without the load, the saved snapshot, and the answers to check. */
export interface ScaleBuildReport {
  point: Omit<ScalePoint, 'snapshot'>;
  saved: { file: string; bytes: number; saveMs: number };
  checked: CheckedAnswers;
}

/** What the parent sends the load child (over IPC: the answers can be longer than an argument may be). */
export interface ScaleLoadRequest {
  file: string;
  checked: CheckedAnswers;
}

const BUILD_CHILD = fileURLToPath(new URL('./scale-child.js', import.meta.url));
const LOAD_CHILD = fileURLToPath(new URL('./scale-load-child.js', import.meta.url));

/** Forks `module` with a large heap, sends it `message` if any, and resolves with the one message it reports before exiting 0. */
function runChild<T>(module: string, args: string[], what: string, message?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(module, args, {
      execArgv: ['--expose-gc', `--max-old-space-size=${SCALE_CHILD_HEAP_MB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reported: { value: T } | undefined;
    child.on('message', (msg) => {
      reported = { value: msg as T };
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (reported && code === 0) resolve(reported.value);
      else reject(new Error(`${what} exited with ${signal ?? `code ${code}`} before reporting`));
    });
    if (message !== undefined) child.send(message as object);
  });
}

/** One factor: the build child, then (after it exited) the load child on its snapshot. */
async function runPoint(request: Omit<ScaleChildRequest, 'snapshotDir'>): Promise<ScalePoint> {
  const snapshotDir = await mkdtemp(join(tmpdir(), 'ledesearch-scale-'));
  try {
    const built = await runChild<ScaleBuildReport>(BUILD_CHILD, [JSON.stringify({ ...request, snapshotDir })], `scale child for ${request.factor}x`);
    const loadRequest: ScaleLoadRequest = { file: built.saved.file, checked: built.checked };
    const loaded = await runChild<Omit<ScaleSnapshot, 'bytes' | 'saveMs'>>(LOAD_CHILD, [], `scale load child for ${request.factor}x`, loadRequest);
    console.error(`  [${request.factor}×] loaded in a fresh process in ${(loaded.loadMs / 1000).toFixed(1)} s, ${loaded.numMismatched}/${loaded.numChecked} answers differ`);
    return { ...built.point, snapshot: { bytes: built.saved.bytes, saveMs: built.saved.saveMs, ...loaded } };
  } finally {
    await rm(snapshotDir, { recursive: true, force: true });
  }
}

/** Runs one child per factor, in order, and collects their measurements. */
export async function runScaleBench(
  base: Omit<ScaleChildRequest, 'factor' | 'snapshotDir'>,
  factors: readonly number[],
  onPoint: (p: ScalePoint) => void = () => {},
): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const factor of factors) {
    const p = await runPoint({ ...base, factor });
    onPoint(p);
    points.push(p);
  }
  return points;
}

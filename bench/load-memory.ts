/**
 * Memory of a snapshot load, in a fresh process: loads one snapshot file through the library's
 * `loadSnapshot` and samples `process.memoryUsage()` (RSS, heap used, array buffers, external)
 * every interval during the load and for a while after it, plus the peak RSS the kernel saw
 * (`VmHWM` of /proc/self/status, Linux only). Run by hand (a 100× snapshot needs many GB):
 *
 *   node --expose-gc dist/bench/load-memory.js FILE [--interval-ms 1000] [--after-s 10] [--json OUT]
 *
 * The figures are for the lead's reading and for the scale step (bench/scale.ts runs it as a
 * child after the build's process has exited, so the RSS after a load is not the build's
 * high-water mark). Prints one line per sample to stderr and the summary as JSON to stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadSnapshot } from '../lib/index.js';

/** One sample of the process's memory, in bytes, `atMs` after the start of the load. */
export interface MemorySample {
  atMs: number;
  phase: 'load' | 'after';
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
  external: number;
}

/** What a load cost in memory, and when. */
export interface LoadMemoryReport {
  file: string;
  loadMs: number;
  /** Peak RSS of the process (VmHWM), bytes; null where /proc is absent. */
  peakRssBytes: number | null;
  /** After the load and a full GC. */
  settled: Omit<MemorySample, 'atMs' | 'phase'>;
  samples: MemorySample[];
  /** MALLOC_ARENA_MAX of the run, if set (glibc's arenas hold freed native memory). */
  mallocArenaMax: string | null;
}

/** The kernel's peak resident set size of this process (VmHWM), bytes; null off Linux. */
export function peakRssBytes(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function usage(): Omit<MemorySample, 'atMs' | 'phase'> {
  const { rss, heapUsed, arrayBuffers, external } = process.memoryUsage();
  return { rss, heapUsed, arrayBuffers, external };
}

const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MB`;

/** Options of {@link measureLoadMemory}. */
export interface LoadMemoryOptions {
  /** Between samples, ms. Default 1000. */
  intervalMs?: number;
  /** How long to keep sampling after the load, ms. Default 10,000. */
  afterMs?: number;
  /** Where each sample's line goes. Default stderr. */
  log?: (line: string) => void;
}

/** Loads `file` once, sampling memory every `intervalMs` during the load and for `afterMs` after. */
export async function measureLoadMemory(file: string, options: LoadMemoryOptions = {}): Promise<LoadMemoryReport> {
  const { intervalMs = 1000, afterMs = 10_000, log = (line: string) => console.error(line) } = options;
  const samples: MemorySample[] = [];
  const t0 = performance.now();
  let phase: MemorySample['phase'] = 'load';
  const sample = (): void => {
    const s = { atMs: Math.round(performance.now() - t0), phase, ...usage() };
    samples.push(s);
    log(`  +${(s.atMs / 1000).toFixed(1)} s ${s.phase}: rss ${mb(s.rss)}, heapUsed ${mb(s.heapUsed)}, arrayBuffers ${mb(s.arrayBuffers)}, external ${mb(s.external)}`);
  };
  const timer = setInterval(sample, intervalMs);
  let index: unknown = await loadSnapshot(file);
  const loadMs = performance.now() - t0;
  phase = 'after';
  sample();
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  clearInterval(timer);
  (globalThis as { gc?: () => void }).gc?.();
  const settled = usage();
  const report: LoadMemoryReport = { file, loadMs, peakRssBytes: peakRssBytes(), settled, samples, mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? null };
  if (index === undefined) throw new Error('no index'); // keeps the index alive until here
  index = undefined;
  return report;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
  if (!file) {
    console.error('usage: node --expose-gc dist/bench/load-memory.js FILE [--interval-ms N] [--after-s N] [--json OUT]');
    process.exit(2);
  }
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const report = await measureLoadMemory(file, { intervalMs: Number(flag('--interval-ms') ?? 1000), afterMs: Number(flag('--after-s') ?? 10) * 1000 });
  const peak = report.peakRssBytes;
  console.error(`loaded in ${(report.loadMs / 1000).toFixed(1)} s; peak RSS ${peak === null ? 'n/a' : mb(peak)}; settled rss ${mb(report.settled.rss)}, heapUsed ${mb(report.settled.heapUsed)}, arrayBuffers ${mb(report.settled.arrayBuffers)}`);
  const out = flag('--json');
  const json = JSON.stringify(report, null, 2);
  if (out) writeFileSync(out, json + '\n');
  else console.log(json);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

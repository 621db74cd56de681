/**
 * Search throughput with the result cache off at 50 connections for 1 and 2 server processes
 * (`--workers`), each beside a trivial route of the same server (GET /api/live: Express,
 * middleware and a JSON body, no search) in the same run. Part of `npm run bench` (issue 12);
 * also runs by hand:
 *
 *   npm run build && node dist/bench/workers-http.js [--corpus corpus] [--seconds 10] [--connections 50]
 *
 * Each server is `dist/server/main.js` in a child process, on an ephemeral loopback port;
 * autocannon runs in a worker thread of this process. On a 2-core machine the load generator
 * shares the cores with the servers, so 2 processes cannot double the figure of 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const MAIN = fileURLToPath(new URL('../server/main.js', import.meta.url));
/** The queries of the by-hand run (the benchmark passes its own). */
const QUERIES = ['oil prices', 'bank rate', 'north korea missile', 'wheat exports', 'gold', 'trade deficit japan', 'merger talks', 'coffee quota',
  'dollar yen', 'crude output opec', 'earnings per share', 'interest rates', 'strike', 'grain', 'stock exchange', 'money supply'];

/** One measured route at one number of server processes. */
export interface WorkersHttpRun {
  processes: number;
  route: 'trivial GET /api/live' | 'search, result cache off';
  connections: number;
  durationS: number;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** Options of {@link runWorkersHttpBench}. */
export interface WorkersHttpOptions {
  /** Corpus folder the servers index (they write their snapshot to a temporary folder). */
  corpusDir: string;
  /** Search queries; each request is `/api/search?q=…&limit=10` (the default answer). */
  queries: readonly string[];
  /** Seconds per measured run. Default 10. */
  durationS?: number;
  /** Default 50. */
  connections?: number;
  /** Numbers of server processes to measure. Default [1, 2]. */
  processes?: number[];
}

/** True when the compiled server entry point exists next to the compiled benchmark. */
export function serverMainExists(): boolean {
  return existsSync(MAIN);
}

/** A port free right now on loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server (logging warnings only, as a loaded server would) and waits until it is ready. */
async function start(args: string[]): Promise<{ child: ChildProcess; port: number; startupMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [MAIN, ...args, '--port', String(port)], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<never>((_resolve, reject) => child.once('exit', (code, signal) => reject(new Error(`server exited (${signal ?? `code ${code}`}) before it was ready`))));
  exited.catch(() => undefined);
  for (let i = 0; i < 3000; i++) {
    const ready = await Promise.race([fetch(`http://127.0.0.1:${port}/api/ready`).then((r) => r.status === 200, () => false), exited]);
    if (ready) return { child, port, startupMs: performance.now() - t0 };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready within 300 s');
}

async function fire(port: number, paths: string[], connections: number, duration: number): Promise<autocannon.Result> {
  return autocannon({ url: `http://127.0.0.1:${port}`, connections, duration, workers: 1, timeout: 10, requests: paths.map((path) => ({ method: 'GET', path })) });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Measures, for each number of processes: a warm-up, the trivial route, then search with the
 * result cache off, all at the same concurrency against the same server processes.
 */
export async function runWorkersHttpBench(options: WorkersHttpOptions): Promise<WorkersHttpRun[]> {
  const durationS = options.durationS ?? 10;
  const connections = options.connections ?? 50;
  const search = options.queries.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=10`);
  const work = await mkdtemp(join(tmpdir(), 'ledesearch-workers-http-'));
  const snapshot = join(work, 'index.snapshot');
  const runs: WorkersHttpRun[] = [];
  try {
    for (const processes of options.processes ?? [1, 2]) {
      const args = ['--corpus', options.corpusDir, '--snapshot', snapshot, '--no-web', '--cache-mb', '0', '--log-level', 'warn', '--workers', String(processes)];
      const { child, port, startupMs } = await start(args);
      try {
        // Ready answers come from whichever worker listens first; the others start alongside
        // it from the same snapshot, so give them as long again (at least 3 s).
        if (processes > 1) await new Promise((resolve) => setTimeout(resolve, Math.max(3000, startupMs)));
        await fire(port, search, connections, 2); // warm-up
        const row = (route: WorkersHttpRun['route'], r: autocannon.Result): WorkersHttpRun => ({
          processes, route, connections, durationS: r.duration, requestsPerS: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors, non2xx: r.non2xx,
        });
        runs.push(row('trivial GET /api/live', await fire(port, ['/api/live'], connections, durationS)));
        runs.push(row('search, result cache off', await fire(port, search, connections, durationS)));
      } finally {
        await stop(child);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return runs;
}

/** The runs as a markdown table. */
export function workersHttpTable(runs: readonly WorkersHttpRun[]): string {
  const lines = ['| Processes | Route | req/s | p50 | p99 | errors / non-2xx |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of runs) lines.push(`| ${r.processes} | ${r.route} | ${Math.round(r.requestsPerS)} | ${r.p50Ms} ms | ${r.p99Ms} ms | ${r.errors} / ${r.non2xx} |`);
  return lines.join('\n');
}

// By hand: `node dist/bench/workers-http.js`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = (name: string, fallback: string): string => {
    const i = process.argv.indexOf(name);
    return i === -1 ? fallback : process.argv[i + 1];
  };
  const corpusDir = flag('--corpus', 'corpus');
  const durationS = Number(flag('--seconds', '10'));
  const connections = Number(flag('--connections', '50'));
  const runs = await runWorkersHttpBench({ corpusDir, queries: QUERIES, durationS, connections });
  console.log(`${corpusDir}, ${connections} connections, ${durationS} s per run\n`);
  console.log(workersHttpTable(runs));
}

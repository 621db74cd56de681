/**
 * By-hand measurement (not part of `npm run bench`, not a test): search throughput with the
 * result cache off at 50 connections for 1 and 2 server processes (`--workers`), beside a
 * trivial route (GET /api/live: Express routing and a JSON body, no search) in the same run.
 *
 *   npm run build && node dist/bench/workers-http.js [--corpus corpus] [--seconds 10] [--connections 50]
 *
 * Each server is `dist/server/main.js` in a child process, on an ephemeral loopback port;
 * autocannon runs in this process. On a 2-core machine the load generator shares the cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const MAIN = fileURLToPath(new URL('../server/main.js', import.meta.url));
const QUERIES = ['oil prices', 'bank rate', 'north korea missile', 'wheat exports', 'gold', 'trade deficit japan', 'merger talks', 'coffee quota',
  'dollar yen', 'crude output opec', 'earnings per share', 'interest rates', 'strike', 'grain', 'stock exchange', 'money supply'];

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
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
async function start(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN, ...args, '--port', String(port)], { stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 1200; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`).then((r) => r.status === 200, () => false);
    if (ready) return { child, port };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}

async function fire(port: number, paths: string[], connections: number, duration: number): Promise<autocannon.Result> {
  return autocannon({ url: `http://127.0.0.1:${port}`, connections, duration, workers: 1, timeout: 10, requests: paths.map((path) => ({ method: 'GET', path })) });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const corpus = flag('--corpus', 'corpus');
const seconds = Number(flag('--seconds', '10'));
const connections = Number(flag('--connections', '50'));
const work = await mkdtemp(join(tmpdir(), 'ledesearch-workers-http-'));
const snapshot = join(work, 'index.snapshot');
const search = QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=10`);
const rows: string[] = [];
try {
  for (const workers of [1, 2]) {
    const { child, port } = await start(['--corpus', corpus, '--snapshot', snapshot, '--no-web', '--cache-mb', '0', '--log-level', 'warn', '--workers', String(workers)]);
    // With two workers, wait until the second one serves too (ready answers come from either).
    if (workers > 1) await new Promise((resolve) => setTimeout(resolve, 3000));
    try {
      await fire(port, search, connections, 2); // warm-up
      const ping = await fire(port, ['/api/live'], connections, seconds);
      const result = await fire(port, search, connections, seconds);
      const row = (what: string, r: autocannon.Result): string =>
        `| ${workers} | ${what} | ${Math.round(r.requests.average)} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r.non2xx + r.errors} |`;
      rows.push(row('trivial GET /api/live', ping), row('search, cache off', result));
    } finally {
      await stop(child);
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
console.log(`${corpus}, ${connections} connections, ${seconds} s per run\n`);
console.log('| Processes | Route | req/s | p50 | p99 | non-2xx + errors |\n|---|---|---|---|---|---|');
console.log(rows.join('\n'));

/**
 * By-hand measurement (not part of `npm run bench`, not a test): the server's busy time under
 * the HTTP benchmark's cache-off load, for a CPU profile and for bytes per answer.
 *
 *   npm run build && node dist/bench/http-profile.js [--seconds 15] [--connections 50] [--query-string '&parts=html'] [--profile FILE.cpuprofile] [--no-ping]
 *
 * Builds the index from the benchmark's corpus (Reuters from ../shared/corpora, else the bundled
 * corpus/), serves it with the result cache off on a loopback port of this process, and loads it
 * with autocannon in a worker thread with the benchmark's queries (`GET /api/search?q=…&limit=10`
 * plus `--query-string`), after a trivial Express route (unless `--no-ping`). Prints req/s, p50/p99,
 * the main thread's CPU time per request (the server's: contention on a shared machine lowers
 * req/s but hardly this) and the mean bytes of an answer body. With `--profile`, the measured search run's
 * CPU profile (main thread: the server); `node dist/bench/profile-summary.js FILE` sums it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { DEFAULT_STOP_WORDS } from '../lib/index.js';
import { createApp } from '../server/app.js';
import { createIndexHolder } from '../server/index-holder.js';
import { DEFAULT_CORPORA_DIR, loadBenchCorpus } from './corpus.js';
import { toBenchDocs } from './engine.js';
import { createLedeEngine } from './engine-ledesearch.js';
import { buildQuerySet } from './queries.js';
import { createRng } from './rng.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
}

const seconds = Number(flag('--seconds', '15'));
const connections = Number(flag('--connections', '50'));
const extra = flag('--query-string', '');
/** Where to write the CPU profile of the measured search run (main thread only), if anywhere. */
let profileFile: string | undefined = flag('--profile', '') || undefined;
const session = new Session();
session.connect();
const post = (method: string): Promise<unknown> =>
  new Promise((resolve, reject) => session.post(method, (err, result) => (err ? reject(err) : resolve(result))));

const corpus = await loadBenchCorpus(flag('--corpora', DEFAULT_CORPORA_DIR));
if (corpus.kind === 'bundled') console.log(`Reuters not found (${corpus.fallbackReason}): using the bundled corpus`);
const stopWords: ReadonlySet<string> = new Set(DEFAULT_STOP_WORDS);
const { queries } = buildQuerySet(corpus.articles, stopWords, createRng(42), { numQueries: 1000, numFiltered: 0 });
const lede = createLedeEngine({ articles: corpus.articles, docs: toBenchDocs(corpus.articles), stopWords });
await lede.build();
await lede.index.prepare();

/** CPU seconds (user + system) the main thread has used: the server's, since autocannon runs in a worker thread. */
function mainThreadCpuS(): number {
  // Fields 14 and 15 of /proc/<pid>/task/<tid>/stat, in clock ticks (100 a second on Linux); the main thread's tid is the pid.
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measure(name: string, handler: RequestListener, paths: string[]): Promise<void> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let bytes = 0;
  const sample = paths.slice(0, 200);
  for (const path of sample) {
    const res = await fetch(origin + path);
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    bytes += (await res.arrayBuffer()).byteLength;
  }
  const fire = async (duration: number): Promise<autocannon.Result> =>
    autocannon({ url: origin, connections, duration, workers: 1, timeout: 10, requests: paths.map((path) => ({ method: 'GET', path })) });
  await fire(2);
  const profiling = profileFile !== undefined && name !== 'trivial /ping';
  if (profiling) await post('Profiler.enable').then(() => post('Profiler.start'));
  const cpu0 = mainThreadCpuS();
  const r = await fire(seconds);
  const cpuS = mainThreadCpuS() - cpu0;
  if (profiling && profileFile) {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(profileFile, JSON.stringify(profile));
  }
  const total = r.requests.total ?? r.requests.average * r.duration;
  console.log(`${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}; ` +
    `server CPU ${((1e6 * cpuS) / total).toFixed(0)} µs per request; mean body ${Math.round(bytes / sample.length)} bytes`);
  server.closeAllConnections();
  server.close();
}

console.log(`${corpus.description}: ${connections} connections, ${seconds} s per run, result cache off`);
if (!process.argv.includes('--no-ping')) {
  const ping = express();
  ping.get('/ping', (_req, res) => {
    res.json({ ok: true });
  });
  await measure('trivial /ping', ping, ['/ping']);
}
const app = createApp(createIndexHolder(lede.index), { logger: false, resultCacheBytes: 0 });
await measure(`/api/search?q=…&limit=10${extra}`, app, queries.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=10${extra}`));

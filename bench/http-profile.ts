/**
 * By-hand measurement (not part of `npm run bench`, not a test): the server's busy time under
 * the HTTP benchmark's cache-off load, for a CPU profile and for bytes per answer.
 *
 *   npm run build && node dist/bench/http-profile.js [--seconds 15] [--connections 50] [--query-string '&parts=html']
 *     [--rounds 1] [--fixed-answer] [--profile FILE.cpuprofile] [--no-ping]
 *
 * Builds the index from the benchmark's corpus (Reuters from ../shared/corpora, else the bundled
 * corpus/), serves it with the result cache off on a loopback port of this process (through the
 * server's `listen`, as `ledesearch serve` does; the trivial route on a plain server), and loads it
 * with autocannon in a worker thread with the benchmark's queries (`GET /api/search?q=…&limit=10`
 * plus `--query-string`), after a trivial Express route (unless `--no-ping`). Prints req/s, p50/p99,
 * the main thread's CPU time per request (the server's: contention on a shared machine lowers
 * req/s but hardly this), the other threads' (autocannon's worker, GC helpers) and the mean bytes
 * of an answer body. With `--profile`, the last measured search run's CPU profile (main thread:
 * the server); `node dist/bench/profile-summary.js FILE` sums it.
 *
 * On a shared machine one run says little: `--rounds N` alternates the trivial and the search run
 * N times and ends with the median of each. `--fixed-answer` takes the library out: the index
 * answers every search with one precomputed answer to the same parameters (the one of the
 * sampled query whose body is nearest the mean size), so its CPU per request minus the trivial
 * route's is what the server path itself costs per request (routing, validation, headers,
 * serialisation, the socket write and the garbage of all these), for an answer of the default's size.
 * A slight underestimate: the same object serialised again finds its strings flat and in cache
 * (fresh answers take ~5 µs more to stringify, measured in one process).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { DEFAULT_STOP_WORDS, type SearchIndex, type SearchResult } from '../lib/index.js';
import { createApp } from '../server/app.js';
import { listen } from '../server/http-server.js';
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
const rounds = Number(flag('--rounds', '1'));
const fixedAnswer = process.argv.includes('--fixed-answer');
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

/** CPU seconds of the whole process: with {@link mainThreadCpuS}, what the other threads used. */
function processCpuS(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** One measured run's figures. */
interface Run {
  requestsPerS: number;
  cpuUs: number;
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Listens on a loopback port (`asServe`: through the server's `listen`, as `ledesearch serve`
 * does; otherwise on a plain `http.createServer`); returns a function making one measured run.
 */
async function serve(name: string, handler: RequestListener, paths: string[], asServe: boolean): Promise<{ run: (profile: boolean) => Promise<Run>; close: () => void }> {
  let server: ReturnType<typeof createServer>;
  if (asServe) {
    ({ server } = await listen(handler, { port: 0, host: '127.0.0.1' }));
  } else {
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let bytes = 0;
  const sample = paths.slice(0, 200);
  for (const path of sample) {
    const res = await fetch(origin + path);
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    bytes += (await res.arrayBuffer()).byteLength;
  }
  const meanBytes = Math.round(bytes / sample.length);
  const fire = async (duration: number): Promise<autocannon.Result> =>
    autocannon({ url: origin, connections, duration, workers: 1, timeout: 10, requests: paths.map((path) => ({ method: 'GET', path })) });
  await fire(2);
  const run = async (profiling: boolean): Promise<Run> => {
    if (profiling) await post('Profiler.enable').then(() => post('Profiler.start'));
    const cpu0 = mainThreadCpuS();
    const all0 = processCpuS();
    const r = await fire(seconds);
    const cpuS = mainThreadCpuS() - cpu0;
    const otherS = processCpuS() - all0 - cpuS;
    if (profiling && profileFile) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(profileFile, JSON.stringify(profile));
    }
    const total = r.requests.total ?? r.requests.average * r.duration;
    const cpuUs = (1e6 * cpuS) / total;
    console.log(`${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}; ` +
      `server CPU ${cpuUs.toFixed(0)} µs per request (other threads ${((1e6 * otherS) / total).toFixed(0)}); mean body ${meanBytes} bytes`);
    return { requestsPerS: r.requests.average, cpuUs };
  };
  return {
    run,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * `index` with `search` answering `answer` whatever it is asked (every other member is the
 * index's own): the server path without the library's work.
 */
function answering(index: SearchIndex, answer: SearchResult): SearchIndex {
  return new Proxy(index, {
    get(target, key) {
      if (key === 'search') return () => answer;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Of the first 200 `paths`' answers, the library's result whose JSON body is nearest the mean length. */
async function typicalAnswer(index: SearchIndex, paths: string[]): Promise<SearchResult> {
  let last: SearchResult | undefined;
  const capturing = new Proxy(index, {
    get(target, key) {
      if (key === 'search') return (...args: Parameters<SearchIndex['search']>) => (last = target.search(...args));
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const server = createServer(createApp(createIndexHolder(capturing), { logger: false, resultCacheBytes: 0 }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const answers: Array<{ bytes: number; result: SearchResult }> = [];
  for (const path of paths.slice(0, 200)) {
    const bytes = (await (await fetch(origin + path)).arrayBuffer()).byteLength;
    if (!last) throw new Error(`GET ${path} did not search`);
    answers.push({ bytes, result: last });
  }
  server.closeAllConnections();
  server.close();
  const mean = answers.reduce((sum, a) => sum + a.bytes, 0) / answers.length;
  return answers.reduce((best, a) => (Math.abs(a.bytes - mean) < Math.abs(best.bytes - mean) ? a : best)).result;
}

console.log(`${corpus.description}: ${connections} connections, ${seconds} s per run, ${rounds} round(s), result cache off${fixedAnswer ? ', one fixed answer' : ''}`);
const searchPaths = queries.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=10${extra}`);
const index = fixedAnswer ? answering(lede.index, await typicalAnswer(lede.index, searchPaths)) : lede.index;
const targets: Array<{ name: string; handler: RequestListener; paths: string[]; asServe: boolean }> = [];
if (!process.argv.includes('--no-ping')) {
  const ping = express();
  ping.get('/ping', (_req, res) => {
    res.json({ ok: true });
  });
  targets.push({ name: 'trivial /ping', handler: ping, paths: ['/ping'], asServe: false });
}
const searchName = `/api/search?q=…&limit=10${extra}${fixedAnswer ? ' (fixed answer)' : ''}`;
targets.push({ name: searchName, handler: createApp(createIndexHolder(index), { logger: false, resultCacheBytes: 0 }), paths: searchPaths, asServe: true });
const served = [];
for (const t of targets) served.push({ ...t, ...(await serve(t.name, t.handler, t.paths, t.asServe)), runs: [] as Run[] });
for (let round = 0; round < rounds; round++) {
  for (const t of served) t.runs.push(await t.run(round === rounds - 1 && t.name === searchName));
}
for (const t of served) t.close();
if (rounds > 1) {
  for (const t of served) console.log(`median of ${rounds}, ${t.name}: ${Math.round(median(t.runs.map((r) => r.requestsPerS)))} req/s, server CPU ${median(t.runs.map((r) => r.cpuUs)).toFixed(0)} µs per request`);
}
if (served.length === 2) {
  const [ping, search] = served;
  console.log(`search / trivial: ${(median(search.runs.map((r) => r.requestsPerS)) / median(ping.runs.map((r) => r.requestsPerS))).toFixed(2)}x req/s; ` +
    `server CPU per request ${(median(search.runs.map((r) => r.cpuUs)) - median(ping.runs.map((r) => r.cpuUs))).toFixed(0)} µs more than the trivial route's`);
}

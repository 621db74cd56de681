/**
 * The HTTP benchmark: ledesearch's server and a trivial Express 5 route, each on its own
 * ephemeral loopback port in this process, loaded by autocannon from a worker thread (so the load
 * generator has its own event loop and, on a 2-core machine, its own core). ledesearch's app
 * listens through the server's own `listen` (server/http-server.ts), as `ledesearch serve` runs
 * it; the trivial route on a plain `http.createServer`, as an Express app is usually started.
 */
import { existsSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import express from 'express';
import type { SearchIndex } from '../lib/index.js';
// Types only: erased at runtime, so this file loads (and the HTTP part is skipped) without them.
import type * as AppModule from '../server/app.js';
import type * as IndexHolderModule from '../server/index-holder.js';
import type * as HttpServerModule from '../server/http-server.js';

/** Where the compiled server lives, relative to this file once compiled. */
const APP_MODULE = new URL('../server/app.js', import.meta.url);
const INDEX_HOLDER_MODULE = new URL('../server/index-holder.js', import.meta.url);
const HTTP_SERVER_MODULE = new URL('../server/http-server.js', import.meta.url);

/** The route the targets are checked on: the server as `serve` runs it (result cache on), default answer (3 snippets a hit, no facet counts: those are asked for). */
export const SEARCH_TARGET = 'ledesearch /api/search';
/** The same requests with the result cache off: every request searches, highlights, counts and serialises. */
export const UNCACHED_SEARCH_TARGET = 'ledesearch /api/search, result cache off';
/** A diagnostic variant, cache off: the same queries asking for no snippets. */
export const RANKED_SEARCH_TARGET = 'ledesearch /api/search?snippets=0, result cache off';
/** A diagnostic variant, cache off: the same queries asking for every facet field too, as the search page does for its sidebar. */
export const FACETED_SEARCH_TARGET = 'ledesearch /api/search?facets=*, result cache off';
/** The trivial baseline route. */
export const PING_TARGET = 'trivial /ping';

/** One autocannon run against one route at one concurrency. */
export interface HttpRun {
  target: string;
  connections: number;
  durationS: number;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  numRequests: number;
  errors: number;
  non2xx: number;
  /** Share of the run's requests the result cache answered (from GET /api/health), when it is on. */
  cacheHitRate?: number;
  /** Mean bytes of an answer body over the target's first {@link BODY_SAMPLE} requests. */
  meanBodyBytes?: number;
  /**
   * For the extra paired runs of the cache-off ratio: which pair (1, 2, …; see
   * {@link HttpBenchOptions.ratioPairs}). Absent on the main runs.
   */
  pair?: number;
}

/**
 * The cache-off search to trivial route req/s ratio at 50 connections, per pair of runs (the
 * main runs first, then each extra pair), and their median: the figure the target is held to.
 * Either route alone varies by a quarter from run to run on a shared 2-core machine (the trivial
 * route's own garbage collection, the load generator on the other core), so one pair of runs
 * can pass or fail on the denominator alone.
 */
export function cacheOffRatios(runs: readonly HttpRun[]): { ratios: number[]; median: number } | undefined {
  const at50 = (target: string, pair: number | undefined): HttpRun | undefined => runs.find((h) => h.target === target && h.connections === 50 && h.pair === pair);
  const ratios: number[] = [];
  for (const pair of [undefined, ...new Set(runs.map((h) => h.pair).filter((p) => p !== undefined))]) {
    const search = at50(UNCACHED_SEARCH_TARGET, pair);
    const ping = at50(PING_TARGET, pair);
    if (search && ping && ping.requestsPerS > 0) ratios.push(search.requestsPerS / ping.requestsPerS);
  }
  if (ratios.length === 0) return undefined;
  const sorted = [...ratios].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return { ratios, median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2 };
}

/** Requests per target whose bodies are weighed for {@link HttpRun.meanBodyBytes}. */
export const BODY_SAMPLE = 200;

/** Options of {@link runHttpBench}. */
export interface HttpBenchOptions {
  /** Seconds per measured run. Default 10. */
  durationS?: number;
  /** Concurrencies to measure. Default [1, 50]. */
  connections?: number[];
  /** Seconds of untimed load before each target's first run. Default 2. */
  warmUpS?: number;
  /**
   * Extra pairs of runs at 50 connections, the trivial route then the cache-off search, after
   * the main runs, for the median of the cache-off ratio ({@link cacheOffRatios}). Default 4:
   * five pairs in all, since one pair's ratio has moved from 0.25× to 0.53× within a run on a
   * shared 2-core machine (of three, two on the same side decide it).
   */
  ratioPairs?: number;
}

/** True when the compiled server app exists next to the compiled benchmark. */
export function serverAppExists(): boolean {
  return existsSync(fileURLToPath(APP_MODULE));
}

/** The ledesearch server's app over `index`, without request logging; `resultCacheBytes` 0 turns its cache off. */
async function createSearchApp(index: SearchIndex, resultCacheBytes?: number): Promise<RequestListener> {
  const app: typeof AppModule = await import(APP_MODULE.href);
  const holder: typeof IndexHolderModule = await import(INDEX_HOLDER_MODULE.href);
  return app.createApp(holder.createIndexHolder(index), { logger: false, resultCacheBytes });
}

/** Mean body bytes of the answers to the first {@link BODY_SAMPLE} of `paths` (each must be a 2xx). */
async function meanBodyBytes(origin: string, paths: readonly string[]): Promise<number> {
  const sample = paths.slice(0, BODY_SAMPLE);
  let bytes = 0;
  for (const path of sample) {
    const res = await fetch(origin + path);
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    bytes += (await res.arrayBuffer()).byteLength;
  }
  return bytes / sample.length;
}

/** The result cache's hit and miss counters, from the server's health endpoint. */
async function cacheCounters(origin: string): Promise<{ hits: number; misses: number }> {
  const res = await fetch(`${origin}/api/health`);
  const body = (await res.json()) as { resultCache: { hits: number; misses: number } };
  return body.resultCache;
}

/** `app` listening on a loopback port the way `ledesearch serve` listens (its server, timeouts and request classes). */
async function listenAsServe(app: RequestListener): Promise<{ server: Server; origin: string }> {
  const http: typeof HttpServerModule = await import(HTTP_SERVER_MODULE.href);
  const { server, url } = await http.listen(app, { port: 0, host: '127.0.0.1' });
  return { server, origin: url };
}

/** `handler` on a plain `http.createServer` on a loopback port. */
function listenLoopback(handler: RequestListener): Promise<{ server: Server; origin: string }> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

/** The trivial baseline: Express 5, one route answering `{ ok: true }`. */
function createPingApp(): RequestListener {
  const app = express();
  app.get('/ping', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

async function fire(origin: string, paths: string[], connections: number, durationS: number): Promise<autocannon.Result> {
  return autocannon({
    url: origin,
    connections,
    duration: durationS,
    workers: 1,
    timeout: 10,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
}

/**
 * Runs the HTTP benchmark: for each target, a warm-up, then one bounded run per concurrency.
 * Each connection loops over `queries` as `/api/search?q=…&limit=10` URLs (the server's default
 * answer: snippets and every facet), on the server as `serve` runs it (result cache on) and
 * with the cache off; a third search target (cache off) asks for no snippets and no facets, to
 * show what the default answer costs over ranking alone.
 *
 * Every autocannon connection walks the same request list from its start, so after the warm-up
 * the cached target is answered almost entirely from the cache: it measures the server on a
 * repeating query mix, the uncached one on a mix that never repeats. Both are reported.
 */
export async function runHttpBench(index: SearchIndex, queries: readonly string[], options: HttpBenchOptions = {}): Promise<HttpRun[]> {
  const durationS = options.durationS ?? 10;
  const concurrencies = options.connections ?? [1, 50];
  const warmUpS = options.warmUpS ?? 2;
  const searchPaths = queries.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=10`);

  const lede = await listenAsServe(await createSearchApp(index));
  const uncached = await listenAsServe(await createSearchApp(index, 0));
  const ping = await listenLoopback(createPingApp());
  try {
    const probe = await fetch(lede.origin + searchPaths[0]);
    if (!probe.ok) throw new Error(`GET ${searchPaths[0]} answered ${probe.status}: ${(await probe.text()).slice(0, 200)}`);
    await probe.arrayBuffer().catch(() => undefined);

    const targets = [
      { target: SEARCH_TARGET, origin: lede.origin, paths: searchPaths, cached: true },
      { target: UNCACHED_SEARCH_TARGET, origin: uncached.origin, paths: searchPaths, cached: false },
      { target: RANKED_SEARCH_TARGET, origin: uncached.origin, paths: searchPaths.map((p) => `${p}&snippets=0`), cached: false },
      { target: FACETED_SEARCH_TARGET, origin: uncached.origin, paths: searchPaths.map((p) => `${p}&facets=*`), cached: false },
      { target: PING_TARGET, origin: ping.origin, paths: ['/ping'], cached: false },
    ];
    const runs: HttpRun[] = [];
    for (const t of targets) {
      const bodyBytes = await meanBodyBytes(t.origin, t.paths);
      if (warmUpS > 0) await fire(t.origin, t.paths, 10, warmUpS);
      for (const connections of concurrencies) {
        const before = t.cached ? await cacheCounters(t.origin) : undefined;
        const r = await fire(t.origin, t.paths, connections, durationS);
        const after = t.cached ? await cacheCounters(t.origin) : undefined;
        const hits = before && after ? after.hits - before.hits : 0;
        const lookups = before && after ? hits + after.misses - before.misses : 0;
        runs.push({
          ...(lookups > 0 ? { cacheHitRate: hits / lookups } : {}),
          target: t.target,
          connections,
          durationS: r.duration,
          requestsPerS: r.requests.average,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          numRequests: r.requests.total ?? Math.round(r.requests.average * r.duration),
          errors: r.errors,
          non2xx: r.non2xx,
          meanBodyBytes: bodyBytes,
        });
      }
    }
    const uncachedTarget = targets.find((t) => t.target === UNCACHED_SEARCH_TARGET) as (typeof targets)[number];
    const pingTarget = targets.find((t) => t.target === PING_TARGET) as (typeof targets)[number];
    for (let pair = 1; pair <= (options.ratioPairs ?? 4); pair++) {
      for (const t of [pingTarget, uncachedTarget]) {
        const r = await fire(t.origin, t.paths, 50, durationS);
        runs.push({
          target: t.target, connections: 50, durationS: r.duration, requestsPerS: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99,
          numRequests: r.requests.total ?? Math.round(r.requests.average * r.duration), errors: r.errors, non2xx: r.non2xx, pair,
        });
      }
    }
    return runs;
  } finally {
    await close(lede.server);
    await close(uncached.server);
    await close(ping.server);
  }
}

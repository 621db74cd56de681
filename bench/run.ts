/**
 * The benchmark of issue 5: `npm run bench` (see `--help`). Builds every engine on the same corpus
 * and queries, one at a time, measures them, runs the HTTP and scale parts, prints the report and
 * saves it to BENCHMARKS.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STOP_WORDS, type Article } from '../lib/index.js';
import { parseBenchArgs, USAGE, type BenchOptions, type EngineKey } from './args.js';
import { loadBenchCorpus } from './corpus.js';
import { toBenchDocs, type Engine, type EngineFactory, type EngineInput } from './engine.js';
import { createFlexSearchEngine } from './engine-flexsearch.js';
import { createLedeEngine, type LedeEngine } from './engine-ledesearch.js';
import { createLunrEngine } from './engine-lunr.js';
import { createMiniSearchEngine } from './engine-minisearch.js';
import { createOramaEngine } from './engine-orama.js';
import { measureAnalyzerFloor } from './floor.js';
import { fmtMB, fmtMs } from './format.js';
import { cacheOffRatios, runHttpBench, serverAppExists } from './http.js';
import { describeMachine } from './machine.js';
import { canCollect, measureQueries, settledHeapBytes, settleHeap, timeMs } from './measure.js';
import { buildQuerySet, type FilteredQuery } from './queries.js';
import { buildQueryLanguageSets, describeQueryLanguage, measureQueryLanguage } from './query-language.js';
import { renderReport, scaleByHandSection } from './report.js';
import type { BenchResults, EngineResult } from './results.js';
import { createRng } from './rng.js';
import { runWorkersHttpBench, serverMainExists } from './workers-http.js';
import { runScaleBench } from './scale.js';
import { DUPLICATE_COST_ROUNDS, duplicateCostRows, measureDuplicateCost } from './duplicate-cost.js';
import { measureSchemaRun } from './schema-run.js';
import { readScaleByHand, SCALE_BY_HAND_FILE, writeScaleByHand } from './scale-by-hand.js';
import { measureSnapshot } from './snapshot.js';
import { checkTargets } from './targets.js';

const PEERS: Record<Exclude<EngineKey, 'ledesearch'>, EngineFactory> = {
  minisearch: createMiniSearchEngine,
  orama: createOramaEngine,
  lunr: createLunrEngine,
  flexsearch: createFlexSearchEngine,
};

const log = (line: string): void => console.log(line);

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Builds of each engine timed: the fastest counts, like the analyzer floor's fastest pass, so the
 * build-to-floor ratio compares like with like and a single slow run on a shared machine does not
 * decide a target. Each build is of a fresh instance from a settled heap.
 */
const BUILD_PASSES = 3;

/**
 * Builds an engine {@link BUILD_PASSES} times (a fresh instance each time), keeps the fastest build
 * time, and measures heap and ranked latency on the last instance, which it returns.
 */
async function measureEngine<E extends Engine>(key: EngineKey, create: () => E, queries: readonly string[]): Promise<{ result: EngineResult; engine?: E }> {
  let engine: E | undefined = create();
  const result: EngineResult = { key, name: engine.name, config: engine.config };
  try {
    const buildTimes: number[] = [];
    for (let pass = 0; pass < BUILD_PASSES; pass++) {
      if (pass > 0) {
        engine = undefined; // let the previous instance go before the baseline is taken
        engine = create();
      }
      const baseline = await settledHeapBytes();
      const built = await timeMs(() => (engine as E).build());
      buildTimes.push(built.ms);
      if (result.buildMs === undefined || built.ms < result.buildMs) {
        result.buildMs = built.ms;
        result.buildCpuMs = built.cpuMs;
      }
      result.heapBytes = (await settledHeapBytes()) - baseline;
    }
    result.buildTimesMs = buildTimes;
    const e = engine as E;
    result.firstQueryMs = (await timeMs(() => e.search(queries[0] ?? 'market'))).ms;
    result.ranked = await measureQueries(queries, (q) => e.search(q));
    log(`  ${e.name}: build ${fmtMs(result.buildMs as number)} (fastest of ${buildTimes.map((t) => fmtMs(t)).join(', ')}; CPU ${fmtMs(result.buildCpuMs as number)}), heap ${fmtMB(result.heapBytes)}, first query ${fmtMs(result.firstQueryMs)}, ` +
      `p50 ${fmtMs(result.ranked.p50Ms)}, p99 ${fmtMs(result.ranked.p99Ms)}, ${result.ranked.meanHits.toFixed(2)} hits/query`);
  } catch (err) {
    result.error = message(err);
    log(`  ${result.name}: FAILED: ${result.error}`);
  }
  return { result, engine };
}

/** Measures ledesearch: what every engine gets, then full answers, filtered queries and snapshots. */
async function measureLede(
  create: () => LedeEngine, queries: readonly string[], filtered: readonly FilteredQuery[], results: BenchResults, articles: readonly Article[],
): Promise<void> {
  const { result: r, engine: lede } = await measureEngine('ledesearch', create, queries);
  results.engines.push(r);
  if (r.error || !lede) return;
  try {
    results.lede.full = await measureQueries(queries, (q) => lede.searchFull(q));
    log(`  ledesearch full answer: p50 ${fmtMs(results.lede.full.p50Ms)}, p99 ${fmtMs(results.lede.full.p99Ms)}`);
    if (filtered.length > 0) {
      results.lede.filtered = await measureQueries(filtered, (fq) => lede.searchFiltered(fq));
      log(`  ledesearch filtered: p50 ${fmtMs(results.lede.filtered.p50Ms)}, p99 ${fmtMs(results.lede.filtered.p99Ms)}, ${results.lede.filtered.numEmpty} empty`);
    }
    results.lede.prepareMs = (await timeMs(() => lede.index.prepare())).ms;
    log(`  ledesearch prepare() (typo/prefix vocabulary): ${fmtMs(results.lede.prepareMs)}`);
    results.lede.queryLanguage = await measureQueryLanguage(lede.index, buildQueryLanguageSets(queries, createRng(43)));
    for (const line of describeQueryLanguage(results.lede.queryLanguage)) log(`  ${line}`);
    const sr = await measureSchemaRun(articles, queries, lede.index);
    results.lede.schema = sr;
    log(`  declared schema (5 keyword + 2 number fields): build ${fmtMs(sr.buildMs)}, heap ${fmtMB(sr.heapBytes)}, ranked p50 ${fmtMs(sr.ranked.p50Ms)} (default schema beside it: ${fmtMs(sr.defaultRanked?.p50Ms)}), full answer (keyword facet, range, number sort) p50 ${fmtMs(sr.full.p50Ms)}`);
    const s = await measureSnapshot(lede.index, queries);
    results.lede.snapshot = s;
    log(s.status === 'ok'
      ? `  snapshot: ${fmtMB(s.bytes)}, save ${fmtMs(s.saveMs)}, load ${fmtMs(s.loadMs)}, first query ${fmtMs(s.firstQueryMs)}, ${s.numMismatched}/${s.numChecked} answers differ`
      : `  snapshot: n/a (${s.reason})`);
  } catch (err) {
    r.error = `after build: ${message(err)}`;
    log(`  ledesearch: FAILED: ${r.error}`);
  }
}

/**
 * The HTTP step: the server in this process (cache on and off, beside a trivial route), then
 * 1 and 2 server processes; results into `results.http` and `results.httpWorkers`.
 */
async function measureHttp(opts: BenchOptions, input: EngineInput, queries: readonly string[], results: BenchResults): Promise<void> {
  const httpWanted = opts.http === 'auto' ? serverAppExists() : opts.http;
  if (!httpWanted) {
    results.http = { skipped: opts.http === false ? '--no-http' : 'server/app.ts is not there (no compiled dist server/app.js)' };
  } else {
    log(`HTTP (${opts.httpDurationS} s per run) ...`);
    try {
      const lede = createLedeEngine(input);
      await lede.build();
      await lede.index.prepare(); // as the server's main does before it listens
      results.http = await runHttpBench(lede.index, queries, { durationS: opts.httpDurationS, warmUpS: opts.quick ? 1 : 2 });
      for (const h of results.http) log(`  ${h.target}${h.pair ? ` (ratio pair ${h.pair})` : ''} c=${h.connections}: ${h.requestsPerS.toFixed(0)} req/s, p50 ${h.p50Ms} ms, p99 ${h.p99Ms} ms, errors ${h.errors}, non-2xx ${h.non2xx}, body ${Math.round(h.meanBodyBytes ?? 0)} bytes`);
      const pairs = cacheOffRatios(results.http);
      if (pairs) log(`  cache-off search / trivial route at 50 connections: median ${pairs.median.toFixed(2)}× req/s over ${pairs.ratios.length} pairs of runs (${pairs.ratios.map((x) => `${x.toFixed(2)}×`).join(', ')})`);
    } catch (err) {
      results.http = { skipped: `failed: ${message(err)}` };
      log(`  HTTP FAILED: ${message(err)}`);
    }
    await settleHeap();
  }
  if (!httpWanted) {
    results.httpWorkers = { skipped: opts.http === false ? '--no-http' : 'no compiled server' };
  } else if (!serverMainExists()) {
    results.httpWorkers = { skipped: 'no compiled dist/server/main.js' };
  } else {
    log(`HTTP, 1 and 2 server processes (serve --workers), cache off (${opts.httpDurationS} s per run) ...`);
    // The servers read the benchmark's articles from a corpus folder of their own.
    const corpusDir = mkdtempSync(join(tmpdir(), 'ledesearch-bench-corpus-'));
    try {
      writeFileSync(join(corpusDir, 'articles.jsonl'), input.articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
      results.httpWorkers = await runWorkersHttpBench({ corpusDir, queries, durationS: opts.httpDurationS });
      for (const h of results.httpWorkers) log(`  ${h.processes} process(es), ${h.route}: ${h.requestsPerS.toFixed(0)} req/s, p50 ${h.p50Ms} ms, p99 ${h.p99Ms} ms, errors ${h.errors}, non-2xx ${h.non2xx}`);
    } catch (err) {
      results.httpWorkers = { skipped: `failed: ${message(err)}` };
      log(`  HTTP workers FAILED: ${message(err)}`);
    } finally {
      rmSync(corpusDir, { recursive: true, force: true });
    }
  }
}

/** The scale step alone, run by hand: kept in bench/scale-by-hand.json for later reports. */
async function mainScaleOnly(opts: BenchOptions): Promise<void> {
  const machine = describeMachine();
  log(`# ledesearch scale step by hand — ${machine.date}; factors ${opts.factors.join(', ')}; load average ${machine.loadAvg.map((x) => x.toFixed(1)).join(' ')}`);
  const points = await runScaleBench({ corporaDir: opts.corporaDir, seed: opts.seed, numQueries: opts.numQueries }, opts.factors, (p) =>
    log(`  ${p.factor}×: ${p.numArticles} articles, ${p.numParagraphs} paragraphs, build ${fmtMs(p.buildMs)}, heap ${fmtMB(p.heapBytes)}, ` +
      `p50 ${fmtMs(p.ranked.p50Ms)}, p99 ${fmtMs(p.ranked.p99Ms)}, snapshot ${fmtMB(p.snapshot?.bytes)} load ${fmtMs(p.snapshot?.loadMs)}`));
  const run = { machine, loadAvgEnd: loadavg(), points };
  writeScaleByHand(run);
  log('');
  log(scaleByHandSection(run));
  log(`(saved to ${SCALE_BY_HAND_FILE}; the next \`npm run bench\` includes it in BENCHMARKS.md)`);
}

async function main(opts: BenchOptions): Promise<void> {
  if (opts.scaleOnly) return mainScaleOnly(opts);
  const machine = describeMachine();
  log(`# ledesearch benchmark — ${machine.date}`);
  log(`${machine.cpuModel} × ${machine.numCores}, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}; seed ${opts.seed}; load average ${machine.loadAvg.map((x) => x.toFixed(1)).join(' ')}`);
  if (!canCollect()) log('WARNING: run with `node --expose-gc`: without it heap numbers include garbage.');

  const corpus = await loadBenchCorpus(opts.corporaDir);
  if (corpus.kind === 'bundled') {
    log(`WARNING: Reuters-21578 not found (${corpus.fallbackReason}); using the bundled corpus/ folder instead. Numbers are NOT comparable with the targets.`);
  }
  log(`corpus: ${corpus.description}: ${corpus.articles.length} articles, ${corpus.numParagraphs} paragraphs, parsed in ${fmtMs(corpus.parseMs)}`);
  if (corpus.articles.length === 0) throw new Error('the corpus has no article: nothing to benchmark');

  const stopWords: ReadonlySet<string> = new Set(DEFAULT_STOP_WORDS);
  const querySet = buildQuerySet(corpus.articles, stopWords, createRng(opts.seed), { numQueries: opts.numQueries, numFiltered: opts.numFiltered });
  const { queries, filtered } = querySet;
  log(`queries: ${queries.length} plain (1/2/3 words: ${querySet.numByLength.join('/')}), ${filtered.length} filtered (seed ${opts.seed})`);

  const input: EngineInput = { articles: corpus.articles, docs: toBenchDocs(corpus.articles), stopWords };
  const results: BenchResults = {
    machine,
    seed: opts.seed,
    quick: opts.quick,
    gcExposed: canCollect(),
    corpus: {
      kind: corpus.kind,
      description: corpus.description,
      fallbackReason: corpus.fallbackReason,
      numArticles: corpus.articles.length,
      numParagraphs: corpus.numParagraphs,
      numChars: corpus.numChars,
      parseMs: corpus.parseMs,
    },
    queries: { numQueries: queries.length, numByLength: querySet.numByLength, numFiltered: filtered.length, examples: queries.slice(0, 4) },
    engines: [],
    lede: {},
    http: { skipped: 'not run' },
    scale: { skipped: 'not run' },
  };

  if (opts.httpOnly) {
    await measureHttp(opts, input, queries, results);
    log(`load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    return;
  }

  log('analyzer floor ...');
  results.floor = await measureAnalyzerFloor(corpus.articles);
  log(`  floor: ${fmtMs(results.floor.ms)} (CPU ${fmtMs(results.floor.cpuMs)}) for ${results.floor.numTerms} terms`);

  log('engines at 1× ...');
  for (const key of opts.engines) {
    if (key === 'ledesearch') {
      await measureLede(() => createLedeEngine(input), queries, filtered, results, input.articles);
    } else {
      results.engines.push((await measureEngine(key, () => PEERS[key](input), queries)).result);
    }
    await settleHeap();
  }

  if (opts.engines.includes('ledesearch')) {
    log('ledesearch with and without duplicate groups ...');
    try {
      const cost = await measureDuplicateCost(corpus.articles, opts.quick ? 1 : DUPLICATE_COST_ROUNDS);
      results.lede.duplicateCost = cost;
      for (const row of duplicateCostRows(cost)) log(`  ${row.filter(Boolean).join(' | ')}`);
    } catch (err) {
      results.lede.duplicateCost = { skipped: `failed: ${message(err)}` };
      log(`  duplicate cost FAILED: ${message(err)}`);
    }
    await settleHeap();
  }

  await measureHttp(opts, input, queries, results);

  if (!opts.scale) {
    results.scale = { skipped: opts.quick ? '--quick' : '--no-scale' };
  } else {
    log(`scale ${opts.factors.map((f) => `${f}×`).join(', ')} (one child process each) ...`);
    try {
      results.scale = await runScaleBench({ corporaDir: opts.corporaDir, seed: opts.seed, numQueries: opts.numQueries }, opts.factors, (p) =>
        log(`  ${p.factor}×: ${p.numParagraphs} paragraphs, build ${fmtMs(p.buildMs)}, heap ${fmtMB(p.heapBytes)}, p50 ${fmtMs(p.ranked.p50Ms)}, p99 ${fmtMs(p.ranked.p99Ms)}`));
    } catch (err) {
      results.scale = { skipped: `failed: ${message(err)}` };
      log(`  scale FAILED: ${message(err)}`);
    }
  }

  results.scaleByHand = readScaleByHand();
  results.loadAvgEnd = loadavg();
  const report = renderReport(results, checkTargets(results));
  log('');
  log(report);
  if (opts.out) {
    writeFileSync(opts.out, report);
    log(`(saved to ${opts.out})`);
  }
}

let parsed: BenchOptions | 'help';
try {
  parsed = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  console.error(message(err));
  process.exit(2);
}
if (parsed === 'help') {
  console.log(USAGE);
} else {
  main(parsed).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

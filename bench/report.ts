/**
 * Renders a run's results as the markdown printed to the console and saved to BENCHMARKS.md.
 */
import { duplicateCostRows } from './duplicate-cost.js';
import { WARMUP_PASSES } from './measure.js';
import { describeQueryLanguage } from './query-language.js';
import { fmtInt, fmtMB, fmtMs, fmtX, mdTable } from './format.js';
import { workersHttpTable } from './workers-http.js';
import { isSkipped, type BenchResults } from './results.js';
import type { ScalePoint } from './scale.js';
import type { ScaleByHandRun } from './scale-by-hand.js';
import type { TargetCheck } from './targets.js';

function setupSection(r: BenchResults): string {
  const m = r.machine;
  const c = r.corpus;
  const q = r.queries;
  const rows: string[][] = [
    ['Date', m.date],
    ['Command', `\`${m.command}\``],
    ['Revision', m.revision],
    ['CPU', `${m.cpuModel}, ${m.numCores} cores`],
    ['Memory', `${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB`],
    ['Node', `${m.node} (${m.os})`],
    ['Load average (1/5/15 min) at start → end, this run included', `${m.loadAvg.map((x) => x.toFixed(1)).join(' / ')} → ${r.loadAvgEnd?.map((x) => x.toFixed(1)).join(' / ') ?? '–'}`],
    ['Seed', String(r.seed)],
    ['Corpus', c.description],
    ['Articles / paragraphs / characters', `${fmtInt(c.numArticles)} / ${fmtInt(c.numParagraphs)} / ${fmtInt(c.numChars)}`],
    ['Queries', `${fmtInt(q.numQueries)} plain (1/2/3 words: ${q.numByLength.join('/')}), ${fmtInt(q.numFiltered)} filtered; e.g. ${q.examples.map((e) => `"${e}"`).join(', ')}`],
  ];
  const warnings: string[] = [];
  if (c.kind === 'bundled') warnings.push(`> **Reuters-21578 was not found (${c.fallbackReason}); this run used the small bundled corpus. Its numbers are not comparable with the targets.**`);
  if (!r.gcExposed) warnings.push('> **Node was started without `--expose-gc`: heap numbers include garbage and are unreliable.**');
  // The load average counts this benchmark too (its main thread, GC helpers, the autocannon
  // worker, the scale child): call the machine busy only past one core more than it has.
  const busy = Math.max(m.loadAvg[0], r.loadAvgEnd?.[0] ?? 0);
  if (busy > m.numCores + 1) {
    warnings.push(`> **The machine was busy (1-minute load average up to ${busy.toFixed(1)} on ${m.numCores} cores): wall-clock times include waiting for a CPU, and ratios between engines measured minutes apart move with the load. The CPU-time columns are steadier.**`);
  }
  if (r.quick) warnings.push('> Quick run (`--quick`): no scale run, short HTTP runs.');
  return ['## Setup', '', mdTable(['', ''], rows), ...(warnings.length ? ['', ...warnings] : [])].join('\n');
}

function enginesSection(r: BenchResults): string {
  const lede = r.engines.find((e) => e.key === 'ledesearch');
  const rows = r.engines.map((e) => {
    if (e.error) return [e.name, `error: ${e.error}`, '', '', '', '', '', '', '', ''];
    const x = lede?.ranked && e.ranked && e.key !== 'ledesearch' ? fmtX(e.ranked.p50Ms / lede.ranked.p50Ms, 1) : '';
    return [
      e.name,
      fmtMs(e.buildMs),
      e.buildTimesMs ? e.buildTimesMs.map((t) => fmtMs(t)).join(', ') : '–',
      fmtMs(e.buildCpuMs),
      fmtMB(e.heapBytes),
      fmtMs(e.firstQueryMs),
      fmtMs(e.ranked?.p50Ms),
      fmtMs(e.ranked?.p99Ms),
      e.ranked ? `${e.ranked.meanHits.toFixed(2)} (${e.ranked.numEmpty} empty)` : '–',
      x,
    ];
  });
  const config = r.engines.map((e) => [e.name, e.config]);
  return [
    '## Engines at 1× (ranked top-10)',
    '',
    mdTable(['Engine', 'Build', 'Builds timed', 'Build CPU', 'Heap', 'First query', 'p50', 'p99', 'Hits/query', 'p50 vs ledesearch'], rows),
    '',
    'Build is the fastest of the timed builds (each of a fresh instance from a settled heap), as the analyzer floor is the fastest of its passes; ' +
      'Build CPU is that build\'s process CPU time; Heap is measured after the last build.',
    '',
    mdTable(['Engine', 'Configuration'], config),
  ].join('\n');
}

function ledeSection(r: BenchResults): string {
  const lede = r.engines.find((e) => e.key === 'ledesearch' && !e.error);
  const snap = r.lede.snapshot;
  const rows: string[][] = [
    ['Corpus parse (SGML → Articles)', fmtMs(r.corpus.parseMs)],
    ['Analyzer floor (forEachToken() over every title and paragraph)', r.floor ? `${fmtMs(r.floor.ms)}, CPU ${fmtMs(r.floor.cpuMs)} (${fmtInt(r.floor.numTerms)} terms)` : '–'],
    ['Build as a multiple of the floor (wall; CPU)', lede?.buildMs !== undefined && r.floor
      ? `${fmtMs(lede.buildMs)} = ${fmtX(lede.buildMs / r.floor.ms, 1)}; CPU ${fmtMs(lede.buildCpuMs)} = ${fmtX((lede.buildCpuMs ?? NaN) / r.floor.cpuMs, 1)}`
      : '–'],
    ['First query after build (lazy settling: length norms)', fmtMs(lede?.firstQueryMs)],
    ['prepare() (optional typo/prefix vocabulary; not in Build; the server runs it before serving)', fmtMs(r.lede.prepareMs)],
    ['Ranked p50 / p99 (snippets: 0)', `${fmtMs(lede?.ranked?.p50Ms)} / ${fmtMs(lede?.ranked?.p99Ms)}`],
    ['Full answer p50 / p99 (10 hits × 3 snippets + all facets)', `${fmtMs(r.lede.full?.p50Ms)} / ${fmtMs(r.lede.full?.p99Ms)}`],
    ['Declared schema (5 keyword + 2 number fields): build / heap / ranked p50 / full p50 (keyword facet, range, number sort), vs the default schema', r.lede.schema && lede?.buildMs !== undefined && lede.heapBytes !== undefined && lede.ranked && r.lede.full
      ? `${fmtMs(r.lede.schema.buildMs)} (${fmtX(r.lede.schema.buildMs / lede.buildMs, 2)}) / ${fmtMB(r.lede.schema.heapBytes)} (${fmtX(r.lede.schema.heapBytes / lede.heapBytes, 2)}) / ${fmtMs(r.lede.schema.ranked.p50Ms)} (${fmtX(r.lede.schema.ranked.p50Ms / (r.lede.schema.defaultRanked ?? lede.ranked).p50Ms, 2)}) / ${fmtMs(r.lede.schema.full.p50Ms)} (${fmtX(r.lede.schema.full.p50Ms / r.lede.full.p50Ms, 2)})`
      : '–'],
    ['Filtered p50 / p99 (facet filter + date range, snippets: 0)', r.lede.filtered ? `${fmtMs(r.lede.filtered.p50Ms)} / ${fmtMs(r.lede.filtered.p99Ms)} (${r.lede.filtered.numEmpty} of ${r.lede.filtered.numSamples} empty)` : '–'],
    ...(r.lede.queryLanguage ? describeQueryLanguage(r.lede.queryLanguage).map((line) => {
      const colon = line.indexOf(': ');
      return [line.slice(0, colon), line.slice(colon + 2)];
    }) : []),
    ['Snapshot size', snap?.status === 'ok' ? fmtMB(snap.bytes) : `n/a (${snap?.reason ?? 'not measured'})`],
    ['Snapshot save (fsync included) / load vs rebuild', snap?.status === 'ok' ? `${fmtMs(snap.saveMs)} / ${fmtMs(snap.loadMs)} (CPU ${fmtMs(snap.loadCpuMs)}) vs ${fmtMs(lede?.buildMs)} (CPU ${fmtMs(lede?.buildCpuMs)})` : 'n/a'],
    ['First query after load; loaded index answers alike', snap?.status === 'ok' ? `${fmtMs(snap.firstQueryMs)}; ${snap.numChecked - snap.numMismatched} of ${snap.numChecked} top-10s identical` : 'n/a'],
  ];
  const dup = r.lede.duplicateCost;
  const dupSection = dup === undefined
    ? []
    : isSkipped(dup)
      ? ['', `Duplicate groups, cost at index time: skipped (${dup.skipped}).`]
      : ['', `Duplicate groups, cost at index time (issue 14): ${fmtInt(dup.numArticles)} articles built with \`duplicates: false\` and with the defaults, alternating, ${dup.rounds} round(s).`,
          '', mdTable(['Measure', 'Without', 'With', 'With / without', 'Added'], duplicateCostRows(dup))];
  return ['## ledesearch in detail (1×)', '', mdTable(['Measure', 'Value'], rows), ...dupSection].join('\n');
}

function httpSection(r: BenchResults): string {
  if (isSkipped(r.http)) return `## HTTP\n\nSkipped: ${r.http.skipped}.`;
  const rows = r.http.map((h) => [
    h.pair ? `${h.target} (ratio pair ${h.pair})` : h.target,
    String(h.connections),
    `${h.durationS} s`,
    h.requestsPerS.toFixed(0),
    `${h.p50Ms} ms`,
    `${h.p99Ms} ms`,
    fmtInt(h.numRequests),
    `${h.errors} / ${h.non2xx}`,
    h.cacheHitRate === undefined ? '–' : `${(100 * h.cacheHitRate).toFixed(1)}%`,
    h.meanBodyBytes === undefined ? '–' : fmtInt(Math.round(h.meanBodyBytes)),
  ]);
  return [
    '## HTTP (autocannon, loopback, load generator in a worker thread)',
    '',
    mdTable(['Route', 'Connections', 'Duration', 'Requests/s', 'p50', 'p99', 'Requests', 'Errors / non-2xx', 'Cache hits', 'Body bytes (mean)'], rows),
    '',
    'Search requests rotate through the query set as `GET /api/search?q=…&limit=10` (the server\'s default answer: 3 snippets per hit as HTML, no facet counts, which are counted only when asked for; ' +
      'body bytes are the mean over the first 200 requests). ' +
      'The first row is the server as `serve` runs it, with its result cache: every autocannon connection walks the same list, so after the warm-up ' +
      'nearly every request is a repeat the cache answers (the hit rate is measured from `/api/health`). The `result cache off` rows search for every request: ' +
      'that is the figure for a query mix that never repeats. The `snippets=0` row asks for no snippets, the `facets=*` row for every facet field\'s top 10 values besides (what the search page\'s sidebar asks for); neither is used by the targets. ' +
      'The `ratio pair` rows run the trivial route and the cache-off search again, one after the other: the cache-off target is held to the median ' +
      'of the ratio over the pairs, since either route alone moves by a quarter from run to run on this machine. ' +
      'autocannon records latency in whole milliseconds.',
    '',
    workersSection(r),
  ].join('\n');
}

function workersSection(r: BenchResults): string {
  const title = '### HTTP with 1 and 2 server processes (`serve --workers N`, result cache off)';
  if (r.httpWorkers === undefined) return `${title}\n\nNot run.`;
  if (isSkipped(r.httpWorkers)) return `${title}\n\nSkipped: ${r.httpWorkers.skipped}.`;
  return [
    title,
    '',
    workersHttpTable(r.httpWorkers),
    '',
    'Each server is `dist/server/main.js --workers N --cache-mb 0` in a child process, indexing the same articles (written to a temporary corpus ' +
      'folder); the trivial route is that server\'s own `GET /api/live`, measured right before search on the same processes. autocannon runs in ' +
      'a worker thread of the benchmark process: on a 2-core machine the load generator takes a core the servers would otherwise have.',
  ].join('\n');
}

/** Bytes per unit, rounded: `1,412 B`. */
function perUnit(bytes: number | undefined, n: number): string {
  return bytes === undefined || n === 0 ? '–' : `${fmtInt(bytes / n)} B`;
}

/** The scale tables (build and queries; memory and snapshot) of a list of points, growth relative to `base`. */
function scaleTables(points: readonly ScalePoint[], base: ScalePoint): string[] {
  const rows = points.map((p) => [
    `${p.factor}×`,
    fmtInt(p.numArticles),
    fmtInt(p.numParagraphs),
    fmtMs(p.buildMs),
    fmtMs(p.buildCpuMs),
    fmtX(p.buildMs / base.buildMs, 1),
    fmtMB(p.heapBytes),
    fmtMB(p.maxRssBytes),
    fmtMs(p.ranked.p50Ms),
    fmtMs(p.ranked.p99Ms),
    fmtX(p.ranked.p50Ms / base.ranked.p50Ms, 1),
    `${fmtMs(p.full.p50Ms)} / ${fmtMs(p.full.p99Ms)}`,
  ]);
  const memoryRows = points.map((p) => {
    const s = p.snapshot;
    return [
      `${p.factor}×`,
      perUnit(p.heapBytes, p.numArticles),
      perUnit(p.heapBytes, p.numParagraphs),
      fmtMB(s?.bytes),
      perUnit(s?.bytes, p.numArticles),
      perUnit(s?.bytes, p.numParagraphs),
      fmtMs(s?.saveMs),
      fmtMs(s?.loadMs),
      s ? fmtX(p.buildMs / s.loadMs, 1) : '–',
      fmtMB(s?.loadHeapBytes),
      fmtMB(s?.loadRssBytes),
      fmtMB(s?.loadPeakRssBytes ?? undefined),
      s ? `${s.numMismatched} / ${s.numChecked}` : '–',
    ];
  });
  return [
    mdTable(['Factor', 'Articles', 'Paragraphs', 'Build', 'Build CPU', 'Build growth', 'Heap', 'Peak RSS', 'Ranked p50', 'Ranked p99', 'p50 growth', 'Full p50 / p99'], rows),
    '',
    mdTable(['Factor', 'Heap / article', 'Heap / paragraph', 'Snapshot', 'Snapshot / article', 'Snapshot / paragraph', 'Save', 'Load', 'Build ÷ load', 'Heap after load', 'RSS after load', 'Peak RSS of load', 'Answers differing'], memoryRows),
  ];
}

const SCALE_NOTES = [
  'Copy 1 is Reuters as it is; each further copy of an article has a third of its words replaced by words drawn from the whole corpus by frequency, ' +
    'its id suffixed and its date moved back a quarter per copy (bench/corpus.ts): byte-identical copies would put every article in a near-duplicate group of ' +
    '`factor` members, which no archive has, and measure the duplicate detector\'s worst case instead of the user\'s path (duplicate detection stays on, as by default).',
  'Peak RSS is the build\'s process after build and queries; that process then saves the snapshot and exits, and a fresh process loads it (bench/scale-load-child.ts), ' +
    'so "heap after load", "RSS after load" (after a settled GC) and "peak RSS of load" (VmHWM) are the load\'s alone; where that column is "–" the run is older and took RSS after load in the build\'s process, counting what the build had left resident. ' +
    'Heap = `heapUsed + arrayBuffers` after forced GCs, minus the reading before the build (articles already in memory).',
];

function scaleSection(r: BenchResults): string {
  if (isSkipped(r.scale)) return `## Scale\n\nSkipped: ${r.scale.skipped}.`;
  const points: readonly ScalePoint[] = r.scale;
  if (points.length === 0) return '## Scale\n\nNo factor was run.';
  const base = points.find((p) => p.factor === 1) ?? points[0];
  const curve = (label: string, value: (p: ScalePoint) => number): string =>
    `- ${label}: ${points.map((p) => fmtX(value(p) / value(base), 1)).join(' → ')}`;
  return [
    '## Scale (ledesearch alone, Reuters synthesised larger; one child process per factor)',
    '',
    ...scaleTables(points, base),
    '',
    `Growth relative to ${base.factor}× (data: ${points.map((p) => `${p.factor / base.factor}×`).join(' → ')}):`,
    '',
    curve('build (wall)', (p) => p.buildMs),
    curve('build (CPU)', (p) => p.buildCpuMs),
    curve('heap', (p) => p.heapBytes),
    curve('ranked p50', (p) => p.ranked.p50Ms),
    curve('ranked p99', (p) => p.ranked.p99Ms),
    curve('full-answer p50', (p) => p.full.p50Ms),
    '',
    ...SCALE_NOTES.map((n) => `- ${n}`),
  ].join('\n');
}

/** A target of the by-hand step as a list item. */
function byHandTarget(label: string, measured: string, ok: boolean | undefined): string {
  return `- ${label}: ${measured} — **${ok === undefined ? 'n/a' : ok ? 'PASS' : 'FAIL'}**`;
}

/** The scale step run by hand (bench/scale-by-hand.json), kept across regular runs; empty when there is none. */
export function scaleByHandSection(run: ScaleByHandRun | undefined): string {
  if (!run || run.points.length === 0) return '';
  const { points, machine: m } = run;
  const base = points.find((p) => p.factor === 1) ?? points[0];
  const top = points.reduce((a, b) => (b.factor > a.factor ? b : a));
  const GB = 1e9;
  const growth = top.ranked.p50Ms / base.ranked.p50Ms;
  const loadX = top.snapshot ? top.buildMs / top.snapshot.loadMs : undefined;
  return [
    `## Scale by hand (${points.map((p) => `${p.factor}×`).join(', ')}; not part of a regular run)`,
    '',
    `Run with \`${m.command}\` on ${m.date} at ${m.revision}: ${m.cpuModel} × ${m.numCores}, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${m.node}. ` +
      `Load average ${m.loadAvg.map((x) => x.toFixed(1)).join(' / ')} at start → ${run.loadAvgEnd.map((x) => x.toFixed(1)).join(' / ')} at end: ` +
      'the machine is shared, so wall times include waiting for a core. Kept in `bench/scale-by-hand.json` and included in every report until run again.',
    '',
    ...scaleTables(points, base),
    '',
    `Targets of issue 12 at ${top.factor}×:`,
    '',
    byHandTarget('completes on this machine', `${fmtInt(top.numArticles)} articles, ${fmtInt(top.numParagraphs)} paragraphs in ${fmtMs(top.buildMs)}`, true),
    byHandTarget('heap ≤ 8 GB', `${(top.heapBytes / GB).toFixed(2)} GB (peak RSS ${(top.maxRssBytes / GB).toFixed(2)} GB)`, top.heapBytes <= 8 * GB),
    byHandTarget(`ranked p50 at ${top.factor}× ≤ 10× the ${base.factor}× p50`, `${fmtMs(top.ranked.p50Ms)} vs ${fmtMs(base.ranked.p50Ms)} = ${fmtX(growth, 1)}`, base === top ? undefined : growth <= 10),
    byHandTarget('snapshot load ≥ 5× faster than a rebuild', top.snapshot ? `load ${fmtMs(top.snapshot.loadMs)} vs build ${fmtMs(top.buildMs)} = ${fmtX(loadX, 1)}` : 'no snapshot measured', loadX === undefined ? undefined : loadX >= 5),
    '',
    ...SCALE_NOTES.map((n) => `- ${n}`),
  ].join('\n');
}

function targetsSection(targets: readonly TargetCheck[]): string {
  const rows = targets.map((t) => [t.target, t.measured, t.required, `**${t.verdict}**`, t.detail]);
  const count = (v: string): number => targets.filter((t) => t.verdict === v).length;
  return [
    '## Targets (issue 5), from this run',
    '',
    mdTable(['Target', 'Measured', 'Required', 'Result', 'From'], rows),
    '',
    `${count('PASS')} PASS, ${count('FAIL')} FAIL, ${count('n/a')} n/a.`,
  ].join('\n');
}

const METHOD = `## Method

- Every engine indexes the same articles (title + paragraphs; peers get the paragraphs joined by
  blank lines in one \`text\` field) and answers the same queries for its top 10 in this process.
- Queries: 1–3 consecutive title words (lower-cased, letters only, no stop words or 1-letter
  words) sampled with a seeded mulberry32 generator; filtered queries add one topic or place of
  the article the words came from and a ±0–60-day window around its date.
- Build: wall time of indexing every article, the fastest of three builds of a fresh instance
  (the first on a cold JIT), for every engine alike. Heap: \`heapUsed + arrayBuffers\` after four
  forced GCs, minus the same reading taken before the last instance was created (articles already
  loaded); each engine is dropped and the heap collected before the next.
- Latency: ${WARMUP_PASSES} untimed warm-up passes over all queries, then one timed pass,
  \`process.hrtime.bigint\` around each call; p50/p99 by nearest rank. (With one warm-up pass, the
  pass right after a build and a settled heap was not yet steady for every engine: see
  \`bench/measure.ts\`.)
- Floor: the fastest of three passes of the library's \`createAnalyzer().forEachToken()\` over every
  title and paragraph, each on a fresh analyzer (empty term cache), after warming the JIT on
  another one: measured like the builds, so "build ≤ 4× floor" compares like with like.
- ledesearch's ranked query is \`search(q, { limit: 10, snippets: 0, highlight: false })\`: ids,
  scores and stored fields, no marks (the peers return ids). Its full answer is measured apart.
- ledesearch's Build is \`addAll()\`; the first query after it and the optional \`prepare()\` are
  reported apart. Snapshot load is \`loadSnapshot()\` of a file just written (page cache warm), from a settled heap.
- Build CPU is the process's user + system time during the build, all threads (GC included).`;

/** The whole markdown report. */
export function renderReport(r: BenchResults, targets: readonly TargetCheck[]): string {
  return [
    '# ledesearch benchmarks',
    '',
    'Generated by `npm run bench` (`bench/run.ts`); rerun it to refresh this file. All numbers come from one run on one machine.',
    '',
    setupSection(r),
    '',
    targetsSection(targets),
    '',
    enginesSection(r),
    '',
    ledeSection(r),
    '',
    httpSection(r),
    '',
    scaleSection(r),
    '',
    ...(r.scaleByHand ? [scaleByHandSection(r.scaleByHand), ''] : []),
    METHOD,
    '',
  ].join('\n');
}

/**
 * A parameter sweep of ledesearch's ranking options over TIME, CACM and ADI at once, looking for
 * ONE setting that clears the bar on all three (no per-collection tuning).
 *
 * Usage (after a build): node dist/scripts/eval/sweep.js [--corpora DIR] [--top N]
 *          [--collections ir-time,…] [key=v1,v2,… …]
 * Keys: the RankingOptions (`k1`, `b`, `titleB`, `titleWeight`, `paragraphWeight`, `paragraphB`,
 * `coordination`), `analyzer.minTermLength`, and `timeSentences` (TIME paragraphing). A key not
 * given keeps the engine default; with no keys at all, {@link DEFAULT_GRID} is swept.
 *
 * Settings are ranked by their worst ratio MAP / bar over the three collections. A
 * leave-one-collection-out check then picks the best setting on two collections and reports it on
 * the third, to show how much of the gain is fitted to the queries rather than general.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchIndexOptions } from '../../lib/index.js';
import { COLLECTION_NAMES, DEFAULT_PARAGRAPH_OPTIONS, loadCollection, missingFiles, type Collection, type CollectionName } from './collections.js';
import { createLedesearchEngine } from './ledesearch-engine.js';
import { ReferenceBm25 } from './reference-bm25.js';
import { runEngine, type EngineResult } from './run-engine.js';
import { pairedRandomizationTest } from './significance.js';

/** The bar from the issue: the best of reference BM25 and lunr per collection, rounded. */
export const MAP_BAR: Record<CollectionName, number> = { 'ir-time': 0.597, 'ir-cacm': 0.331, 'ir-adi': 0.425 };

/** Swept when no key is given on the command line. */
export const DEFAULT_GRID: Record<string, number[]> = {
  k1: [0.9, 1.2, 1.6],
  b: [0.4, 0.6, 0.75],
  titleWeight: [1, 2, 3],
  paragraphWeight: [0, 0.15, 0.3],
  coordination: [0, 0.25],
};

type Setting = Record<string, number>;

function product(grid: Record<string, number[]>): Setting[] {
  let out: Setting[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    out = out.flatMap((s) => values.map((v) => ({ ...s, [key]: v })));
  }
  return out;
}

function toOptions(setting: Setting): SearchIndexOptions {
  const ranking: Record<string, number> = {};
  const analyzer: Record<string, number> = {};
  for (const [key, value] of Object.entries(setting)) {
    if (key === 'timeSentences') continue;
    if (key.startsWith('analyzer.')) analyzer[key.slice('analyzer.'.length)] = value;
    else ranking[key] = value;
  }
  return { ranking, ...(Object.keys(analyzer).length > 0 ? { analyzer } : {}) };
}

function label(setting: Setting): string {
  const parts = Object.entries(setting).map(([k, v]) => `${k}=${v}`);
  return parts.length === 0 ? 'defaults' : parts.join(' ');
}

interface Row {
  setting: Setting;
  results: Map<CollectionName, EngineResult>;
  /** min over collections of MAP / bar. */
  worst: number;
}

function fmtRow(row: Row, names: readonly CollectionName[]): string {
  const maps = names.map((n) => {
    const m = row.results.get(n)?.metrics.ap ?? 0;
    return `${m.toFixed(4)}${m >= MAP_BAR[n] ? '' : '✗'}`;
  });
  return `| ${label(row.setting)} | ${maps.join(' | ')} | ${row.worst.toFixed(4)} |`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      corpora: { type: 'string', default: join('..', 'shared', 'corpora') },
      top: { type: 'string', default: '15' },
      collections: { type: 'string' },
    },
  });
  const grid: Record<string, number[]> = {};
  for (const arg of positionals) {
    const m = /^([\w.]+)=([\d.,]+)$/.exec(arg);
    if (!m) throw new Error(`sweep: expected key=v1,v2,…, got "${arg}"`);
    grid[m[1]] = m[2].split(',').map(Number);
  }
  const settings = product(Object.keys(grid).length > 0 ? grid : DEFAULT_GRID);

  const wanted = values.collections?.split(',') ?? [...COLLECTION_NAMES];
  const names = COLLECTION_NAMES.filter((n) => wanted.includes(n)).filter((n) => {
    const why = missingFiles(n, join(values.corpora, n));
    if (why !== undefined) console.log(`skipped ${n}: ${why}`);
    return why === undefined;
  });
  if (names.length === 0) return;
  const cache = new Map<string, Collection>();
  const collection = (name: CollectionName, timeSentences: number): Collection => {
    const key = name === 'ir-time' ? `${name}:${timeSentences}` : name;
    let c = cache.get(key);
    if (!c) {
      c = loadCollection(name, join(values.corpora, name), { timeSentencesPerParagraph: timeSentences });
      cache.set(key, c);
    }
    return c;
  };

  console.log(`sweeping ${settings.length} settings over ${names.join(', ')}`);
  const rows: Row[] = [];
  for (const setting of settings) {
    const timeSentences = setting.timeSentences ?? DEFAULT_PARAGRAPH_OPTIONS.timeSentencesPerParagraph;
    const results = new Map<CollectionName, EngineResult>();
    for (const name of names) {
      results.set(name, await runEngine(createLedesearchEngine(toOptions(setting)), collection(name, timeSentences)));
    }
    const worst = Math.min(...names.map((n) => (results.get(n)?.metrics.ap ?? 0) / MAP_BAR[n]));
    const row = { setting, results, worst };
    rows.push(row);
    if (settings.length <= 40) console.log(fmtRow(row, names));
  }
  rows.sort((x, y) => y.worst - x.worst);

  const header = `| setting | ${names.join(' | ')} | worst MAP/bar |\n|---|${names.map(() => '---:|').join('')}---:|`;
  const top = Number(values.top);
  console.log(`\nBest ${Math.min(top, rows.length)} by worst MAP/bar (✗ = below the bar ${names.map((n) => MAP_BAR[n]).join(' / ')}):\n`);
  console.log([header, ...rows.slice(0, top).map((r) => fmtRow(r, names))].join('\n'));
  console.log(`\n${rows.filter((r) => r.worst >= 1).length} of ${rows.length} settings clear the bar on every collection.`);

  if (names.length === 3 && rows.length > 1) {
    console.log('\nLeave one collection out (best worst-ratio on the other two, measured on the held-out one):');
    for (const held of names) {
      const others = names.filter((n) => n !== held);
      const pick = [...rows].sort(
        (x, y) =>
          Math.min(...others.map((n) => (y.results.get(n)?.metrics.ap ?? 0) / MAP_BAR[n])) -
          Math.min(...others.map((n) => (x.results.get(n)?.metrics.ap ?? 0) / MAP_BAR[n])),
      )[0];
      const heldMap = pick.results.get(held)?.metrics.ap ?? 0;
      const bestHeld = Math.max(...rows.map((r) => r.results.get(held)?.metrics.ap ?? 0));
      console.log(`  ${held}: ${label(pick.setting)} -> MAP ${heldMap.toFixed(4)} (best possible in grid ${bestHeld.toFixed(4)}, bar ${MAP_BAR[held]})`);
    }
  }

  const best = rows[0];
  console.log(`\nBest setting vs reference BM25 k1=1.2 b=0.75 (paired randomization test on AP, 10,000 trials):`);
  for (const name of names) {
    const timeSentences = best.setting.timeSentences ?? DEFAULT_PARAGRAPH_OPTIONS.timeSentencesPerParagraph;
    const ref = await runEngine(new ReferenceBm25({ k1: 1.2, b: 0.75 }), collection(name, timeSentences));
    const mine = best.results.get(name);
    if (!mine) continue;
    const qids = [...ref.perQuery.keys()];
    const a = qids.map((q) => mine.perQuery.get(q)?.ap ?? 0);
    const b = qids.map((q) => ref.perQuery.get(q)?.ap ?? 0);
    const p = pairedRandomizationTest(a, b);
    const wins = a.filter((x, i) => x > b[i] + 1e-9).length;
    const losses = a.filter((x, i) => x < b[i] - 1e-9).length;
    console.log(
      `  ${name}: ${mine.metrics.ap.toFixed(4)} vs ${ref.metrics.ap.toFixed(4)} ` +
        `(${wins} queries better, ${losses} worse, p = ${p.toFixed(4)})`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

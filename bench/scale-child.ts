/**
 * One point of the scale benchmark, run as a child process by `scale.ts`: load Reuters, synthesise
 * the larger corpus, build ledesearch, measure queries, save a snapshot into the folder the parent
 * gave, note the top answers of the checked queries, send the result to the parent over IPC, exit.
 * The snapshot is loaded afterwards by another, fresh child (`scale-load-child.ts`), so the load's
 * memory is not mixed with what the build's process still holds. Progress goes to stderr with
 * timestamps: a 100× run takes many minutes.
 */
import { join } from 'node:path';
import { DEFAULT_STOP_WORDS, saveSnapshot } from '../lib/index.js';
import { loadBenchCorpus, replicateArticles } from './corpus.js';
import { createLedeEngine, type LedeEngine } from './engine-ledesearch.js';
import { measureQueries, settledHeapBytes, timeMs } from './measure.js';
import { buildQuerySet } from './queries.js';
import { createRng } from './rng.js';
import type { ScaleBuildReport, ScaleChildRequest } from './scale.js';
import { NUM_CHECKED, topIds } from './snapshot.js';

const t0 = Date.now();
function progress(factor: number, what: string): void {
  const rss = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
  console.error(`  [${factor}× +${((Date.now() - t0) / 1000).toFixed(0)} s, RSS ${rss} MB] ${what}`);
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as ScaleChildRequest;
  if (!process.send) throw new Error('scale-child must be started by scale.ts with an IPC channel');
  const f = request.factor;
  const corpus = await loadBenchCorpus(request.corporaDir);
  const stopWords = new Set(DEFAULT_STOP_WORDS);
  // The same queries as the main run: sampled from the original articles with the same seed.
  const { queries } = buildQuerySet(corpus.articles, stopWords, createRng(request.seed), { numQueries: request.numQueries, numFiltered: 0 });
  progress(f, 'synthesising the corpus');
  const articles = replicateArticles(corpus.articles, f, { seed: request.seed });
  const numArticles = articles.length;
  const numParagraphs = corpus.numParagraphs * f;
  corpus.articles = [];

  const baseline = await settledHeapBytes();
  progress(f, `building over ${numArticles} articles`);
  const engine: LedeEngine = createLedeEngine({ articles, docs: [], stopWords });
  const { ms: buildMs, cpuMs: buildCpuMs } = await timeMs(() => engine.build());
  const heapBytes = (await settledHeapBytes()) - baseline;
  progress(f, `built in ${(buildMs / 1000).toFixed(1)} s; queries`);
  const ranked = await measureQueries(queries, (q) => engine.search(q));
  const full = await measureQueries(queries, (q) => engine.searchFull(q));
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;

  const file = join(request.snapshotDir, 'index.snapshot');
  progress(f, 'saving the snapshot');
  const saved = await timeMs(() => saveSnapshot(engine.index, file));
  progress(f, `saved ${(saved.value.bytes / 2 ** 20).toFixed(0)} MB in ${(saved.ms / 1000).toFixed(1)} s`);
  const checked = queries.slice(0, NUM_CHECKED);
  const report: ScaleBuildReport = {
    point: { factor: f, numArticles, numParagraphs, buildMs, buildCpuMs, heapBytes, maxRssBytes, ranked, full },
    saved: { file, bytes: saved.value.bytes, saveMs: saved.ms },
    checked: { queries: checked, expected: checked.map((q) => topIds(engine.index, q)) },
  };
  process.send(report, () => process.exit(0));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

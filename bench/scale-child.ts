/**
 * One point of the scale benchmark, run as a child process by `scale.ts`: load Reuters, synthesise
 * the larger corpus, build ledesearch, measure queries, save a snapshot, drop the built index and
 * load the snapshot (so the load's memory is measured alone), send the result to the parent over
 * IPC, exit. Progress goes to stderr with timestamps: a 100× run takes many minutes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STOP_WORDS, loadSnapshot, saveSnapshot } from '../lib/index.js';
import { loadBenchCorpus, replicateArticles } from './corpus.js';
import { createLedeEngine, type LedeEngine } from './engine-ledesearch.js';
import { measureQueries, settledHeapBytes, timeMs } from './measure.js';
import { buildQuerySet } from './queries.js';
import { createRng } from './rng.js';
import type { ScaleChildRequest, ScalePoint } from './scale.js';
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
  let articles = replicateArticles(corpus.articles, f, { seed: request.seed });
  const numArticles = articles.length;
  const numParagraphs = corpus.numParagraphs * f;
  corpus.articles = [];

  const baseline = await settledHeapBytes();
  progress(f, `building over ${numArticles} articles`);
  let engine: LedeEngine | undefined = createLedeEngine({ articles, docs: [], stopWords });
  const { ms: buildMs, cpuMs: buildCpuMs } = await timeMs(() => (engine as LedeEngine).build());
  const heapBytes = (await settledHeapBytes()) - baseline;
  progress(f, `built in ${(buildMs / 1000).toFixed(1)} s; queries`);
  const built = engine;
  const ranked = await measureQueries(queries, (q) => built.search(q));
  const full = await measureQueries(queries, (q) => built.searchFull(q));
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;

  const dir = await mkdtemp(join(tmpdir(), 'ledesearch-scale-'));
  try {
    const file = join(dir, 'index.snapshot');
    progress(f, 'saving the snapshot');
    const saved = await timeMs(() => saveSnapshot(built.index, file));
    const checked = queries.slice(0, NUM_CHECKED);
    const expected = checked.map((q) => topIds(built.index, q));
    // Drop the built index and the synthesised articles: the load is measured from an empty heap.
    engine = undefined;
    articles = [];
    const beforeLoad = await settledHeapBytes();
    progress(f, `saved ${(saved.value.bytes / 2 ** 20).toFixed(0)} MB in ${(saved.ms / 1000).toFixed(1)} s; loading`);
    const loaded = await timeMs(() => loadSnapshot(file));
    const loadHeapBytes = (await settledHeapBytes()) - beforeLoad;
    const loadRssBytes = process.memoryUsage().rss;
    const numMismatched = checked.filter((q, i) => topIds(loaded.value, q) !== expected[i]).length;
    progress(f, `loaded in ${(loaded.ms / 1000).toFixed(1)} s, ${numMismatched}/${checked.length} answers differ`);
    const point: ScalePoint = {
      factor: f,
      numArticles,
      numParagraphs,
      buildMs,
      buildCpuMs,
      heapBytes,
      maxRssBytes,
      ranked,
      full,
      snapshot: {
        bytes: saved.value.bytes,
        saveMs: saved.ms,
        loadMs: loaded.ms,
        loadCpuMs: loaded.cpuMs,
        loadHeapBytes,
        loadRssBytes,
        numChecked: checked.length,
        numMismatched,
      },
    };
    process.send(point, () => process.exit(0));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

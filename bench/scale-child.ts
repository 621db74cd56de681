/**
 * One point of the scale benchmark, run as a child process by `scale.ts`: load Reuters, replicate
 * it, build ledesearch, measure, send the result to the parent over IPC, exit.
 */
import { DEFAULT_STOP_WORDS } from '../lib/index.js';
import { loadBenchCorpus, replicateArticles } from './corpus.js';
import { createLedeEngine } from './engine-ledesearch.js';
import { measureQueries, settledHeapBytes, timeMs } from './measure.js';
import { buildQuerySet } from './queries.js';
import { createRng } from './rng.js';
import type { ScaleChildRequest, ScalePoint } from './scale.js';

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as ScaleChildRequest;
  if (!process.send) throw new Error('scale-child must be started by scale.ts with an IPC channel');
  const corpus = await loadBenchCorpus(request.corporaDir);
  const stopWords = new Set(DEFAULT_STOP_WORDS);
  // The same queries as the main run: sampled from the original articles with the same seed.
  const { queries } = buildQuerySet(corpus.articles, stopWords, createRng(request.seed), { numQueries: request.numQueries, numFiltered: 0 });
  const articles = replicateArticles(corpus.articles, request.factor);
  const numParagraphs = corpus.numParagraphs * request.factor;

  const baseline = await settledHeapBytes();
  const engine = createLedeEngine({ articles, docs: [], stopWords });
  const { ms: buildMs, cpuMs: buildCpuMs } = await timeMs(() => engine.build());
  const heapBytes = (await settledHeapBytes()) - baseline;
  const ranked = await measureQueries(queries, (q) => engine.search(q));
  const full = await measureQueries(queries, (q) => engine.searchFull(q));
  const point: ScalePoint = {
    factor: request.factor,
    numArticles: articles.length,
    numParagraphs,
    buildMs,
    buildCpuMs,
    heapBytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    ranked,
    full,
  };
  process.send(point, () => process.exit(0));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * Runs one engine over one collection: build, every judged query, metrics and timings.
 */
import { performance } from 'node:perf_hooks';
import type { Collection } from './collections.js';
import type { EvalEngine } from './engine.js';
import { EVAL_DEPTH, queryMetrics, runMetrics, type QueryMetrics, type RunMetrics } from './metrics.js';

/** The outcome of one engine on one collection. */
export interface EngineResult {
  engine: string;
  settings: string;
  metrics: RunMetrics;
  /** Per scored query (at least one relevant document): its metrics. */
  perQuery: Map<string, QueryMetrics>;
  /** Wall-clock time of `build`, milliseconds. */
  buildMs: number;
  /** Mean wall-clock time of one `search`, milliseconds. */
  queryMs: number;
}

/**
 * Builds `engine` over the collection's articles and runs every query that has at least one
 * relevant document, asking for {@link EVAL_DEPTH} results.
 */
export async function runEngine(engine: EvalEngine, collection: Collection): Promise<EngineResult> {
  const t0 = performance.now();
  await engine.build(collection.articles);
  const buildMs = performance.now() - t0;

  const scored = collection.queries.filter((q) => {
    const judged = collection.qrels.get(q.id);
    return judged !== undefined && [...judged.values()].some((g) => g > 0);
  });
  const rankings = new Map<string, string[]>();
  let searchMs = 0;
  for (const q of scored) {
    const t = performance.now();
    const ranking = await engine.search(q.text, EVAL_DEPTH);
    searchMs += performance.now() - t;
    rankings.set(q.id, ranking);
  }
  const perQuery = new Map<string, QueryMetrics>();
  for (const [qid, ranking] of rankings) {
    const judged = collection.qrels.get(qid);
    if (judged) perQuery.set(qid, queryMetrics(ranking, judged));
  }
  return {
    engine: engine.name,
    settings: engine.settings,
    metrics: runMetrics(rankings, collection.qrels),
    perQuery,
    buildMs,
    queryMs: scored.length === 0 ? 0 : searchMs / scored.length,
  };
}

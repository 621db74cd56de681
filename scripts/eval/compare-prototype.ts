/**
 * The loop both ranking prototypes share: on every collection present, the plain engine as a
 * baseline, then the prototype at each grid point, one MAP / nDCG@10 line each.
 */
import { join } from 'node:path';
import type { SearchIndexOptions } from '../../lib/index.js';
import { COLLECTION_NAMES, loadCollection, missingFiles } from './collections.js';
import type { EvalEngine } from './engine.js';
import { createLedesearchEngine } from './ledesearch-engine.js';
import { runEngine } from './run-engine.js';

export async function comparePrototype<P>(
  corporaDir: string,
  ranking: SearchIndexOptions['ranking'],
  baselineLabel: string,
  grid: readonly P[],
  makeEngine: (options: SearchIndexOptions, point: P) => EvalEngine,
): Promise<void> {
  for (const name of COLLECTION_NAMES) {
    const dir = join(corporaDir, name);
    const why = missingFiles(name, dir);
    if (why !== undefined) {
      console.log(`skipped ${name}: ${why}`);
      continue;
    }
    const collection = loadCollection(name, dir);
    const base = await runEngine(createLedesearchEngine({ ranking }), collection);
    console.log(`${name} ${baselineLabel}: MAP ${base.metrics.ap.toFixed(4)} nDCG@10 ${base.metrics.ndcg10.toFixed(4)}`);
    for (const point of grid) {
      const r = await runEngine(makeEngine({ ranking }, point), collection);
      console.log(`${name} ${r.engine}: MAP ${r.metrics.ap.toFixed(4)} nDCG@10 ${r.metrics.ndcg10.toFixed(4)} query ${r.queryMs.toFixed(1)} ms`);
    }
  }
}

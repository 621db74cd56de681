/**
 * Prototype of a term-proximity bonus on top of ledesearch's public API, to measure what the
 * engine would gain from positional scoring before anyone changes lib/.
 *
 * Büttcher, Clarke & Lushman (SIGIR 2006): walking the query-term occurrences of a document in
 * order, each pair of adjacent occurrences of two *different* query terms at distance d adds
 * idf(other) / d² to the accumulator of each term; the bonus is
 * Σ_t min(1, idf(t)) · acc(t) · (k1 + 1) / (acc(t) + k1 · (1 − b + b · dl / avgdl)),
 * added (times `weight`) to the engine's score. The prototype reranks the first `depth` hits.
 *
 * Usage (after a build): node dist/scripts/eval/proximity-prototype.js [--corpora DIR]
 *          [--ranking '{"k1":1.6,…}'] [--grid weight:depth,…]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSearchIndex, type SearchIndex, type SearchIndexOptions } from '../../lib/index.js';
import type { Article } from '../../lib/types.js';
import type { EvalEngine } from './engine.js';
import { comparePrototype } from './compare-prototype.js';

/** Proximity parameters. */
export interface ProximityParams {
  /** Multiplier of the bonus relative to the engine score. */
  weight: number;
  /** How many of the first hits are reranked. */
  depth: number;
  /** BM25 saturation of the accumulators (Büttcher et al.: k1 = 1.2, b = 0.5). */
  k1: number;
  b: number;
}

interface Positions {
  /** Query-relevant view: term -> positions, filled per article once. */
  byTerm: Map<string, number[]>;
  length: number;
}

/** The proximity bonus of one article for the distinct query terms with their idf. */
export function proximityBonus(pos: Positions, idfs: ReadonlyMap<string, number>, avgLength: number, p: ProximityParams): number {
  const occurrences: Array<[number, string]> = [];
  for (const term of idfs.keys()) for (const at of pos.byTerm.get(term) ?? []) occurrences.push([at, term]);
  if (occurrences.length < 2) return 0;
  occurrences.sort((x, y) => x[0] - y[0]);
  const acc = new Map<string, number>();
  for (let i = 1; i < occurrences.length; i++) {
    const [at, term] = occurrences[i];
    const [prevAt, prevTerm] = occurrences[i - 1];
    if (term === prevTerm) continue;
    const d2 = (at - prevAt) ** 2;
    acc.set(term, (acc.get(term) ?? 0) + (idfs.get(prevTerm) ?? 0) / d2);
    acc.set(prevTerm, (acc.get(prevTerm) ?? 0) + (idfs.get(term) ?? 0) / d2);
  }
  const norm = p.k1 * (1 - p.b + (p.b * pos.length) / avgLength);
  let bonus = 0;
  for (const [term, a] of acc) bonus += Math.min(1, idfs.get(term) ?? 0) * ((a * (p.k1 + 1)) / (a + norm));
  return bonus;
}

/** ledesearch with a proximity rerank of its first hits, as an {@link EvalEngine}. */
export function createProximityEngine(options: SearchIndexOptions, p: ProximityParams): EvalEngine {
  let index: SearchIndex | undefined;
  let docFreq = new Map<string, number>();
  let positions = new Map<string, Positions>();
  let avgLength = 0;
  return {
    name: `ledesearch+proximity weight=${p.weight} depth=${p.depth}`,
    settings: `proximity prototype (scripts/eval/proximity-prototype.ts) over createSearchIndex(${JSON.stringify(options)})`,
    build(articles: readonly Article[]): void {
      const ix = createSearchIndex(options);
      ix.addAll(articles);
      index = ix;
      docFreq = new Map();
      positions = new Map();
      let total = 0;
      for (const a of articles) {
        const byTerm = new Map<string, number[]>();
        let length = 0;
        for (const tok of ix.analyzer.analyze(`${a.title}\n${a.paragraphs.join('\n')}`)) {
          let list = byTerm.get(tok.term);
          if (!list) byTerm.set(tok.term, (list = []));
          list.push(tok.position);
          length++;
        }
        for (const term of byTerm.keys()) docFreq.set(term, (docFreq.get(term) ?? 0) + 1);
        positions.set(a.id, { byTerm, length });
        total += length;
      }
      avgLength = articles.length > 0 ? total / articles.length : 0;
    },
    search(query: string, k: number): string[] {
      if (!index) throw new Error('internal: search before build');
      const hits = index.search(query, { limit: k, snippets: 0 }).hits;
      const n = index.size;
      const idfs = new Map<string, number>();
      for (const term of index.analyzer.analyze(query).map((t) => t.term)) {
        const df = docFreq.get(term) ?? 0;
        if (df > 0) idfs.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
      }
      if (idfs.size < 2) return hits.map((h) => h.id);
      const head = hits.slice(0, p.depth).map((h) => {
        const pos = positions.get(h.id);
        const bonus = pos ? proximityBonus(pos, idfs, avgLength, p) : 0;
        return { id: h.id, score: h.score + p.weight * bonus };
      });
      head.sort((x, y) => y.score - x.score);
      return [...head.map((h) => h.id), ...hits.slice(p.depth).map((h) => h.id)];
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpora: { type: 'string', default: join('..', 'shared', 'corpora') },
      ranking: { type: 'string', default: '{}' },
      grid: { type: 'string', default: '1:100' },
    },
  });
  const ranking = JSON.parse(values.ranking) as SearchIndexOptions['ranking'];
  const grid = values.grid.split(',').map((g) => {
    const [weight, depth] = g.split(':').map(Number);
    return { weight, depth, k1: 1.2, b: 0.5 };
  });
  await comparePrototype(values.corpora as string, ranking, 'no proximity', grid, createProximityEngine);
}

if (process.argv[1]?.endsWith('proximity-prototype.js')) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

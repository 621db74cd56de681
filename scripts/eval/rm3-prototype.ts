/**
 * Prototype of RM3 pseudo-relevance feedback on top of ledesearch's public API, to measure what
 * the engine would gain from it before anyone changes lib/.
 *
 * RM3 (Lavrenko & Croft's relevance model, interpolated as in Anserini): run the query, take the
 * top `fbDocs` articles as if relevant, estimate P(w | R) = Σ_d P(w | d) · score(d) / Σ score,
 * keep the `fbTerms` most likely terms, and mix them with the original query:
 * weight(w) = λ · P(w | Q) + (1 − λ) · P(w | R). Then search again with the weighted query.
 *
 * The public API has no weighted query, but a word repeated n times gets n times the weight
 * (a query slot's weight is its count), so weights are rounded to repetitions of a surface form of
 * the term. That rounding is the only approximation; an engine implementation would pass weights.
 *
 * Usage (after a build): node dist/scripts/eval/rm3-prototype.js [--corpora DIR]
 *          [--ranking '{"k1":1.6,…}'] [--grid fbDocs:fbTerms:λ,…]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSearchIndex, type SearchIndex, type SearchIndexOptions } from '../../lib/index.js';
import type { Article } from '../../lib/types.js';
import type { EvalEngine } from './engine.js';
import { comparePrototype } from './compare-prototype.js';

/** RM3 parameters (Anserini's defaults: 10, 10, 0.5). */
export interface Rm3Params {
  fbDocs: number;
  fbTerms: number;
  /** λ, the weight of the original query. */
  originalWeight: number;
  /** Total repetitions the weighted query is rounded to (its resolution). */
  resolution: number;
  /** Terms in more than this share of the articles are not expansion candidates (Anserini: 0.1). */
  maxDfRatio: number;
}

interface TermStats {
  counts: Map<string, number>;
  length: number;
  surfaces: Map<string, string>;
}

function termStats(index: SearchIndex, text: string): TermStats {
  const counts = new Map<string, number>();
  const surfaces = new Map<string, string>();
  let length = 0;
  for (const tok of index.analyzer.analyze(text)) {
    counts.set(tok.term, (counts.get(tok.term) ?? 0) + 1);
    if (!surfaces.has(tok.term)) surfaces.set(tok.term, text.slice(tok.start, tok.end));
    length++;
  }
  return { counts, length, surfaces };
}

/** The expanded query as text: each term's surface form repeated in proportion to its weight. */
export function expandQuery(index: SearchIndex, docFreq: ReadonlyMap<string, number>, query: string, p: Rm3Params): string {
  const first = index.search(query, { limit: p.fbDocs, snippets: 0 }).hits;
  if (first.length === 0) return query;
  const q = termStats(index, query);
  const relevance = new Map<string, number>();
  const surfaces = new Map(q.surfaces);
  const totalScore = first.reduce((s, h) => s + h.score, 0) || 1;
  for (const hit of first) {
    const article = index.get(hit.id);
    if (!article) continue;
    const d = termStats(index, `${article.title}\n${article.paragraphs.join('\n')}`);
    for (const [term, tf] of d.counts) {
      // Anserini keeps only plain terms of 2–20 characters as expansion candidates.
      if (term.length < 2 || term.length > 20 || !/^[a-z0-9]+$/.test(term)) continue;
      // So does its RM3: a term in more than 10% of the documents says nothing about relevance.
      if ((docFreq.get(term) ?? 0) > p.maxDfRatio * index.size) continue;
      relevance.set(term, (relevance.get(term) ?? 0) + (tf / d.length) * (hit.score / totalScore));
      if (!surfaces.has(term)) surfaces.set(term, d.surfaces.get(term) ?? term);
    }
  }
  const top = [...relevance].sort((a, b) => b[1] - a[1]).slice(0, p.fbTerms);
  const topSum = top.reduce((s, [, w]) => s + w, 0) || 1;
  const weights = new Map<string, number>();
  for (const [term, c] of q.counts) weights.set(term, (p.originalWeight * c) / q.length);
  for (const [term, w] of top) weights.set(term, (weights.get(term) ?? 0) + ((1 - p.originalWeight) * w) / topSum);
  const words: string[] = [];
  for (const [term, w] of weights) {
    const surface = surfaces.get(term);
    // A surface form must analyse back to its term, or the repetition would weight another term.
    if (surface === undefined || index.analyzer.term(surface) !== term) continue;
    const reps = Math.round(w * p.resolution);
    for (let i = 0; i < reps; i++) words.push(surface);
  }
  return words.length === 0 ? query : words.join(' ');
}

/** ledesearch with RM3 query expansion, as an {@link EvalEngine}. */
export function createRm3Engine(options: SearchIndexOptions, p: Rm3Params): EvalEngine {
  let index: SearchIndex | undefined;
  // The public API has no document frequencies, so the prototype counts them itself.
  let docFreq = new Map<string, number>();
  return {
    name: `ledesearch+RM3 fbDocs=${p.fbDocs} fbTerms=${p.fbTerms} λ=${p.originalWeight}`,
    settings: `RM3 prototype (scripts/eval/rm3-prototype.ts) over createSearchIndex(${JSON.stringify(options)})`,
    build(articles: readonly Article[]): void {
      index = createSearchIndex(options);
      index.addAll(articles);
      docFreq = new Map();
      for (const a of articles) {
        for (const term of new Set(index.analyzer.analyze(`${a.title}\n${a.paragraphs.join('\n')}`).map((t) => t.term))) {
          docFreq.set(term, (docFreq.get(term) ?? 0) + 1);
        }
      }
    },
    search(query: string, k: number): string[] {
      if (!index) throw new Error('internal: search before build');
      return index.search(expandQuery(index, docFreq, query, p), { limit: k, snippets: 0 }).hits.map((h) => h.id);
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpora: { type: 'string', default: join('..', 'shared', 'corpora') },
      ranking: { type: 'string', default: '{}' },
      grid: { type: 'string', default: '10:10:0.5' },
    },
  });
  const ranking = JSON.parse(values.ranking) as SearchIndexOptions['ranking'];
  const grid = values.grid.split(',').map((g) => {
    const [fbDocs, fbTerms, originalWeight] = g.split(':').map(Number);
    return { fbDocs, fbTerms, originalWeight, resolution: 100, maxDfRatio: 0.1 };
  });
  await comparePrototype(values.corpora as string, ranking, 'no feedback', grid, createRm3Engine);
}

if (process.argv[1]?.endsWith('rm3-prototype.js')) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

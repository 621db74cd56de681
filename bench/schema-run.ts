/**
 * The declared-schema run of the benchmark (issue 11): full Reuters with 5 extra keyword fields
 * and 2 number fields, their values synthesised deterministically from each article (a hash of
 * its id, its body's word count), measured beside the default schema in the same run: build,
 * heap, ranked p50 and a full answer that uses the fields (a keyword facet, a range, a number sort).
 */
import { createSearchIndex, FACET_FIELDS, type Article, type SearchIndex, type SearchOptions } from '../lib/index.js';
import { RANKED_OPTIONS } from './engine-ledesearch.js';
import { measureQueries, settledHeapBytes, timeMs, type QueryRun } from './measure.js';

/** The schema of the run: 5 keyword fields (one multi-valued) and 2 number fields. */
export const BENCH_SCHEMA = {
  fields: {
    desk: { type: 'keyword' },
    region: { type: 'keyword' },
    language: { type: 'keyword' },
    priority: { type: 'keyword' },
    tags: { type: 'keyword', multiple: true },
    wordCount: { type: 'number', buckets: [{ to: 100 }, { from: 100, to: 300 }, { from: 300 }] },
    popularity: { type: 'number' },
  },
} as const;

/** Options of the run's full answer: every default facet plus a keyword facet, a range and a number sort. */
export const SCHEMA_FULL_OPTIONS: SearchOptions<typeof BENCH_SCHEMA> = {
  limit: 10, snippets: 3, facets: [...FACET_FIELDS, 'desk', 'wordCount'], ranges: { popularity: { gte: 100 } }, sort: '-popularity',
};

/** What the run measured. */
export interface SchemaRun {
  buildMs: number;
  heapBytes: number;
  ranked: QueryRun;
  /**
   * The default-schema index's ranked run, measured in this step beside `ranked` (alternating
   * passes, the better of two each), so both see the same process: the engines table's figure
   * comes from earlier in the run, before other indexes and steps grew the heap.
   */
  defaultRanked?: QueryRun;
  full: QueryRun;
}

/** FNV-1a of a string: the seed of an article's synthesised values. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const pick = <T>(xs: readonly T[], h: number): T => xs[h % xs.length];

/** The article with the run's declared values, deterministic in its id and text. */
export function withBenchFields(a: Article): Article {
  const h = hash(a.id);
  const words = a.paragraphs.reduce((n, p) => n + p.split(/\s+/).filter(Boolean).length, 0);
  const tags = Array.from({ length: h % 4 }, (_, i) => `tag${(h >>> (4 + 5 * i)) % 20}`);
  return {
    ...a,
    fields: {
      desk: pick(['markets', 'companies', 'commodities', 'economy', 'politics', 'energy', 'tech', 'general'], h >>> 3),
      region: pick(['americas', 'europe', 'asia', 'africa', 'mideast', 'oceania', 'us', 'uk', 'japan', 'china', 'india', 'brazil'], h >>> 7),
      language: pick(['en', 'fr', 'de', 'es'], h >>> 11),
      priority: pick(['urgent', 'normal', 'low'], h >>> 13),
      ...(tags.length > 0 ? { tags: [...new Set(tags)] } : {}),
      wordCount: words,
      ...(h % 10 !== 0 ? { popularity: (h >>> 8) % 1000 } : {}),
    },
  };
}

/** The run with the lower p50 of two. */
const better = (a: QueryRun, b: QueryRun): QueryRun => (b.p50Ms < a.p50Ms ? b : a);

/**
 * Builds the schema index once from a settled heap and measures it over `queries`; the ranked
 * runs of `defaultIndex` (the default schema over the same articles) and of the schema index
 * alternate, two each, so their ratio compares like with like.
 */
export async function measureSchemaRun(articles: readonly Article[], queries: readonly string[], defaultIndex: SearchIndex): Promise<SchemaRun> {
  const docs = articles.map(withBenchFields);
  const baseline = await settledHeapBytes();
  const index = createSearchIndex({ schema: BENCH_SCHEMA });
  const built = await timeMs(() => index.addAll(docs));
  const heapBytes = (await settledHeapBytes()) - baseline;
  const rankDefault = (): Promise<QueryRun> => measureQueries(queries, (q) => defaultIndex.search(q, RANKED_OPTIONS).hits.length);
  const rankSchema = (): Promise<QueryRun> => measureQueries(queries, (q) => index.search(q, RANKED_OPTIONS).hits.length);
  let defaultRanked = await rankDefault();
  let ranked = await rankSchema();
  defaultRanked = better(defaultRanked, await rankDefault());
  ranked = better(ranked, await rankSchema());
  const full = await measureQueries(queries, (q) => index.search(q, SCHEMA_FULL_OPTIONS).hits.length);
  return { buildMs: built.ms, heapBytes, ranked, defaultRanked, full };
}

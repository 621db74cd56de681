/**
 * The query language's part of the benchmark (issues 10 and 13): phrase queries, boolean queries
 * with exclusions, and the most expensive request the documented limits allow, each against the
 * plain ranked queries they are derived from, on the same index.
 *
 * Also runnable alone, so that this part can be measured without the whole benchmark:
 * `node --expose-gc dist/bench/query-language.js [--corpora DIR] [--queries N]`.
 */
import { pathToFileURL } from 'node:url';
import { createSearchIndex, DEFAULT_STOP_WORDS, FACET_FIELDS, type SearchIndex, type SearchOptions } from '../lib/index.js';
import { MAX_PREFIX_EXPANSIONS, MAX_QUERY_EXPANSIONS } from '../lib/search/bind-query.js';
import { DEFAULT_CORPORA_DIR, loadBenchCorpus } from './corpus.js';
import { FULL_OPTIONS, RANKED_OPTIONS } from './engine-ledesearch.js';
import { fmtMs } from './format.js';
import { measureQueries, type QueryRun } from './measure.js';
import { buildQuerySet } from './queries.js';
import { createRng, type Rng } from './rng.js';

/** The derived query sets. */
export interface QueryLanguageSets {
  /** The plain multi-word queries the others are derived from. */
  plain: string[];
  /** Each plain query in quotes: `"north korea"`. */
  phrase: string[];
  /** Each plain query with a word of another query excluded: `north korea -trade`. */
  boolean: string[];
  /** The most expensive request the limits allow (see {@link worstCase}). */
  worst: { q: string; options: SearchOptions }[];
}

/** The measurements of this part. */
export interface QueryLanguageRun {
  plain: QueryRun;
  phrase: QueryRun;
  boolean: QueryRun;
  /** A normal full answer to the plain queries (10 hits, a snippet each, every facet). */
  full: QueryRun;
  worst: QueryRun;
  /**
   * The commonest word of the index alone, with the worst case's options (deepest page,
   * all facets, histogram): what any one-word query could already cost before the query language.
   */
  deepPlain: QueryRun;
  deepPlainWord: string;
  worstExample: string;
}

/**
 * The worst request within the limits: as many one-letter prefixes as the expansion limit allows
 * (each expanding to the most frequent words: the longest posting lists there are), the deepest
 * page the server allows (offset 10 000, limit 100), every facet, the date histogram, snippets.
 */
export function worstCase(letters: readonly string[]): { q: string; options: SearchOptions } {
  const n = Math.floor(MAX_QUERY_EXPANSIONS / MAX_PREFIX_EXPANSIONS);
  return {
    q: letters.slice(0, n).map((l) => `${l}*`).join(' '),
    options: { limit: 100, offset: 10_000, facets: [...FACET_FIELDS], dateHistogram: true, snippets: 3 },
  };
}

/** Derives the phrase, boolean and worst-case sets from plain queries. */
export function buildQueryLanguageSets(queries: readonly string[], rng: Rng): QueryLanguageSets {
  const plain = queries.filter((q) => q.includes(' '));
  const words = queries.flatMap((q) => q.split(' '));
  const boolean = plain.map((q) => `${q} -${rng.pick(words)}`);
  const letters = ['s', 'c', 'p', 'a', 'm', 't', 'b', 'd', 'r', 'f'];
  const worst = Array.from({ length: 20 }, (_, i) => worstCase([...letters.slice(i % letters.length), ...letters]));
  return { plain, phrase: plain.map((q) => `"${q}"`), boolean, worst };
}

/** The commonest word of the index: of the most frequent completions of each letter, the one matching most articles. */
function commonest(index: SearchIndex): string {
  let best = '';
  let bestTotal = -1;
  for (const w of 'abcdefghijklmnopqrstuvwxyz'.split('').flatMap((l) => index.suggest(l, 1))) {
    const total = index.search(w, { limit: 0, snippets: 0, highlight: false, trackTotal: true }).total;
    if (total > bestTotal) {
      best = w;
      bestTotal = total;
    }
  }
  return best;
}

/** Measures the sets on an index. */
export async function measureQueryLanguage(index: SearchIndex, sets: QueryLanguageSets): Promise<QueryLanguageRun> {
  const ranked = (q: string): number => index.search(q, RANKED_OPTIONS).hits.length;
  return {
    plain: await measureQueries(sets.plain, ranked),
    phrase: await measureQueries(sets.phrase, ranked),
    boolean: await measureQueries(sets.boolean, ranked),
    full: await measureQueries(sets.plain, (q) => index.search(q, FULL_OPTIONS).hits.length),
    worst: await measureQueries(sets.worst, (w) => index.search(w.q, w.options).total),
    deepPlain: await measureQueries([commonest(index)], (q) => index.search(q, sets.worst[0]?.options).total),
    worstExample: sets.worst[0]?.q ?? '',
    deepPlainWord: commonest(index),
  };
}

/** Report lines of a run. */
export function describeQueryLanguage(r: QueryLanguageRun): string[] {
  const row = (name: string, q: QueryRun, base: QueryRun): string =>
    `${name}: p50 ${fmtMs(q.p50Ms)} (${(q.p50Ms / base.p50Ms).toFixed(2)}× plain), p99 ${fmtMs(q.p99Ms)}, ${q.numSamples} queries, ${q.numEmpty} empty`;
  return [
    `plain multi-word ranked: p50 ${fmtMs(r.plain.p50Ms)}, p99 ${fmtMs(r.plain.p99Ms)}, ${r.plain.numSamples} queries`,
    row('phrase ranked ("…")', r.phrase, r.plain),
    row('boolean with an exclusion (… -word)', r.boolean, r.plain),
    `full answer to the plain queries: p50 ${fmtMs(r.full.p50Ms)}, p99 ${fmtMs(r.full.p99Ms)}`,
    `worst case allowed (${r.worstExample}, offset 10000, limit 100, all facets, histogram): p50 ${fmtMs(r.worst.p50Ms)} = ${(r.worst.p50Ms / r.deepPlain.p50Ms).toFixed(1)}× the commonest word "${r.deepPlainWord}" with the same options (${fmtMs(r.deepPlain.p50Ms)}), ${(r.worst.p50Ms / r.full.p50Ms).toFixed(0)}× a full first page; p99 ${fmtMs(r.worst.p99Ms)}`,
  ];
}

async function main(argv: readonly string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const corpus = await loadBenchCorpus(flag('--corpora') ?? DEFAULT_CORPORA_DIR);
  console.log(`corpus: ${corpus.description}: ${corpus.articles.length} articles`);
  const { queries } = buildQuerySet(corpus.articles, new Set(DEFAULT_STOP_WORDS), createRng(42), { numQueries: Number(flag('--queries') ?? 1000), numFiltered: 0 });
  const index = createSearchIndex();
  index.addAll(corpus.articles);
  await index.prepare();
  const run = await measureQueryLanguage(index, buildQueryLanguageSets(queries, createRng(43)));
  for (const line of describeQueryLanguage(run)) console.log(line);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

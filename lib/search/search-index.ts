/**
 * The engine facade: wires analysis → inverted index → ranking → facets → highlighting behind
 * the {@link SearchIndex} interface that callers use.
 */
import { createAnalyzer, type Analyzer, type AnalyzerOptions } from '../analysis/analyzer.js';
import { DuplicateIndex } from '../duplicates/duplicate-index.js';
import type { DuplicateOptions } from '../duplicates/duplicate-options.js';
import { InvalidQueryError, NotFoundError, SearchError } from '../errors.js';
import { checkCount, checkOptions, checkString, invalidArgument, rangeToSearchError } from '../check-argument.js';
import { FacetStore } from '../facets/facet-store.js';
import { NumberStore } from '../facets/number-store.js';
import { rangeDocs } from '../facets/range-filter.js';
import { conformArticle } from '../schema/conform-article.js';
import type { FieldValue, SchemaDefinition } from '../schema/field-schema.js';
import { resolveSchema, type ResolvedSchema } from '../schema/resolve-schema.js';
import type { DefaultSchema, FilterFieldOf } from '../schema/schema-types.js';
import { rankValues, type NearMisses } from '../facets/count-facets.js';
import { escapeHtml } from '../highlight/escape-html.js';
import type { EngineState, StoredArticles } from '../index/engine-state.js';
import { InvertedIndex, type InvertedIndexState } from '../index/inverted-index.js';
import { resolveRanking, type RankingOptions, type ResolvedRankingOptions } from '../ranking/bm25.js';
import {
  type Article,
  type DuplicateRef,
  type ExportOptions,
  type ExportRow,
  type FacetValue,
  type FieldStats,
  type HighlightedArticle,
  type Hit,
  type HistogramInterval,
  type Range,
  type SearchOptions,
  type SearchResult,
  type SortOrder,
  type HitSnippet,
  type Snippet,
  type SnippetPart,
} from '../types.js';
import { drain, drainAsync, resolveBatchSize, type AddAllOptions } from './add-all-options.js';
import { checkArticle } from './check-article.js';
import { didYouMean } from './did-you-mean.js';
import { HitHighlighter } from './hit-highlighter.js';
import type { QueryPair } from '../ranking/proximity.js';
import { valueDocLists, type QuerySlot } from './bind-query.js';
import { proximityPairs } from './proximity-pairs.js';
import { planQuery, type QueryPlan } from './query-plan.js';
import { TreeMatcher } from './tree-matcher.js';
import { QueryEvaluator, type FieldFilter } from './query-evaluator.js';
import { PrunedTopK, type PrunedPage } from './pruned-top-k.js';
import { resolveSearchOptions, type ResolvedHistogramOptions, type ResolvedSearchOptions } from './search-options.js';
import { moreLikeThisQuery, searchExcluding, similarDateRange, type SimilarOptions } from './similar-articles.js';
import type { MatchSet } from '../collector/collector.js';
import { countCollector } from '../collector/collector.js';
import { collapseCollector, type Collapsed } from '../collector/collapse-collector.js';
import { bucketKeysOf, dateHistogramCollector, histogramBuckets, liveBucketCounts, type BucketKeys, type DateCounts } from '../collector/date-histogram-collector.js';
import { facetCollector } from '../collector/facet-collector.js';
import { rangeFacetCollector } from '../collector/range-facet-collector.js';
import { statsCollector } from '../collector/stats-collector.js';
import { pageOrder } from '../collector/page-order.js';
import { topKCollector } from '../collector/top-k-collector.js';

/** Options of {@link createSearchIndex}. All optional. */
export interface SearchIndexOptions<S extends SchemaDefinition = DefaultSchema> {
  /**
   * The declared schema (lib/schema): fields beyond the default news fields, and default facet
   * fields to drop. Default: the news fields alone. Checked here: SearchError `invalid_schema`.
   */
  schema?: S;
  /** Text analysis, shared by indexing, queries and highlighting. Defaults: see AnalyzerOptions. */
  analyzer?: AnalyzerOptions;
  /** Ranking parameters. Defaults: {@link DEFAULT_RANKING}. */
  ranking?: RankingOptions;
  /** Near-duplicate detection; `false` turns it off. Defaults: {@link DEFAULT_DUPLICATE_OPTIONS}. */
  duplicates?: DuplicateOptions | false;
}

/** Counts describing an index. */
export interface IndexStats {
  numArticles: number;
  numParagraphs: number;
  numTerms: number;
}

/**
 * A searchable collection of articles. Create one with {@link createSearchIndex}. `S` is the type
 * of its declared schema, against which field names in search options are checked.
 */
export interface SearchIndex<S = DefaultSchema> {
  /** Number of articles. */
  readonly size: number;
  /** Adds an article. Throws SearchError `duplicate_id` or `invalid_article`. */
  add(article: Article): void;
  /**
   * Adds many articles: the bulk path (posting logs pre-sized for the text, near-duplicate
   * groups formed together, statistics settled once at the end), faster than repeated `add`.
   * See {@link AddAllOptions}.
   */
  addAll(articles: Iterable<Article>, options?: AddAllOptions): void;
  /**
   * The same bulk add as {@link SearchIndex.addAll}, giving the event loop a turn after each
   * batch, so a server keeps answering (from another index) while this one is built.
   */
  addAllAsync(articles: Iterable<Article>, options?: AddAllOptions): Promise<void>;
  /** Removes an article; returns false when the id was not present. */
  remove(id: string): boolean;
  /** The stored article, or undefined. */
  get(id: string): Article | undefined;
  /** True when an article with this id is present. */
  has(id: string): boolean;
  /** Every stored article, in insertion order. */
  articles(): IterableIterator<Article>;
  /** Ranked, filtered, faceted search. An empty query with filters browses (newest first). */
  search(query: string, options?: SearchOptions<S>): SearchResult<S>;
  /**
   * Every matching article (or group, with `collapse`) in `sort` order, as rows built one at a
   * time: for exports, without building a whole answer. Options are those of {@link search}
   * without paging, snippets, facets or histogram; they are checked at the call. The match set
   * is fixed at the call; articles removed while iterating are skipped.
   */
  searchAll(query: string, options?: ExportOptions<S>): IterableIterator<ExportRow>;
  /** Values and counts of every (or the given) facet field over the whole index. */
  facetValues(fields?: readonly FilterFieldOf<S>[], limit?: number): Partial<Record<FilterFieldOf<S>, FacetValue[]>>;
  /** Completions of a word prefix from the index vocabulary, most frequent first. */
  suggest(prefix: string, limit?: number): string[];
  /**
   * An article with a query's terms marked in its title, every paragraph and every declared text
   * field it has (as a hit marks them), for an article view.
   */
  highlightArticle(id: string, query: string): HighlightedArticle | undefined;
  /** Counts. */
  stats(): IndexStats;
  /**
   * Settles statistics and builds the lazily built lookups (the vocabulary indexes behind prefix
   * queries, suggestions and did-you-mean) in small steps that yield to the event loop, so a
   * server can warm a fresh index without blocking the searches it is answering. Optional:
   * everything is also built on first use.
   */
  prepare(): Promise<void>;
  /**
   * The ids of the other articles in this one's near-duplicate group (syndicated copies), []
   * when alone or when duplicate detection is off. Throws NotFoundError for an unknown id.
   */
  duplicatesOf(id: string): string[];
  /**
   * Related stories: a search for the article's most distinctive terms (Lucene's MoreLikeThis,
   * ranked by BM25), the article and its copies left out. Throws NotFoundError for an unknown id.
   */
  similar(id: string, options?: SimilarOptions): SearchResult<S>;
  /** The analyzer this index uses. */
  readonly analyzer: Analyzer;
  /** The ranking parameters in force. */
  readonly ranking: Readonly<ResolvedRankingOptions>;
  /** The declared schema, resolved (lib/schema): the fields by kind, `definition` as plain data. */
  readonly schema: ResolvedSchema;
}

/**
 * Pages up to this deep (offset + limit) are ranked with bounded paragraph evidence and exact
 * refinement of the top candidates; deeper ones (an evaluation ranking to depth 1000) score
 * every paragraph outright, which is cheaper than refining most of the match set.
 */
const MAX_BOUNDED_PAGE = 100;

/**
 * Queries of up to this many terms (prefix expansions included) are ranked with bounded paragraph
 * evidence. The bound is the sum of each term's best paragraph, which loosens with every term: at
 * 200 expansions nearly every candidate needed an exact score (73 ms for `s* c* p* a*` on
 * Reuters, against 29 ms scoring every paragraph outright).
 */
const MAX_BOUNDED_TERMS = 16;

function numTermIds(slots: readonly QuerySlot[]): number {
  let n = 0;
  for (const s of slots) n += s.termIds.length;
  return n;
}

/**
 * Whether the options ask for nothing but a shallow relevance page, a total that may stop at
 * `trackTotal`, and perhaps facets: no histogram, stats, collapsing, filters or ranges. Such a
 * page may be answered by the pruned top-k if its plan allows ({@link planMayPrune}); facets,
 * which need every match but no score, then count the unscored match set beside it.
 */
function mayPrune(o: ResolvedSearchOptions): boolean {
  return o.trackTotal !== Infinity && o.sort === 'relevance' && o.sortField === undefined && o.offset + o.limit <= MAX_BOUNDED_PAGE &&
    o.stats.length === 0 && !o.dateHistogram && !o.collapse && o.ranges.length === 0 &&
    Number.isNaN(o.dateFrom) && Number.isNaN(o.dateTo) && Object.values(o.filters).every((v) => v.length === 0);
}

/** Whether a plan is a bag of words (with exclusions at most) that the pruned top-k can rank. */
function planMayPrune(plan: QueryPlan): boolean {
  return plan.slots.length > 0 && plan.required === null && plan.bonus === null && plan.topFilters.length === 0 &&
    numTermIds(plan.slots) <= MAX_BOUNDED_TERMS;
}

const EMPTY = new Uint8Array(0);
/** What an unscored match set without filters carries as scores and near misses: nothing. */
const NO_DOCS = new Int32Array(0);
const NO_SCORES = new Float64Array(0);
const NO_NEAR_MISSES: NearMisses = { docs: new Int32Array(0), fail: new Int32Array(0), n: 0 };

/**
 * Creates an empty search index. With a schema literal (`createSearchIndex({ schema: { fields: {
 * section: { type: 'keyword' } } } })`) the field names of search options are checked at compile
 * time against it; a schema only known at run time (typed `SchemaDefinition`) is checked at run time.
 */
export function createSearchIndex<const S extends SchemaDefinition = DefaultSchema>(options: SearchIndexOptions<S> = {}): SearchIndex<S> {
  checkOptions('options', options);
  checkOptions('options.analyzer', options.analyzer);
  checkOptions('options.ranking', options.ranking);
  return new Engine(options) as SearchIndex<S>;
}

/** Exports the state of an index made by {@link createSearchIndex}. */
export function exportEngineState(index: SearchIndex<unknown>): EngineState {
  if (!(index instanceof Engine)) throw invalidArgument('index', 'an index made by createSearchIndex', index);
  return index.exportState();
}

/** Rebuilds an index from exported state, without re-analysing any text. */
export function importEngineState(state: EngineState): SearchIndex<SchemaDefinition> {
  const engine = new Engine(state.options);
  engine.importState(state);
  return engine;
}

/** The argument checks of a bulk add: an iterable, and an options object if any. */
function checkBulkAdd(articles: unknown, options: unknown): void {
  if (articles === null || typeof articles !== 'object' || typeof (articles as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    throw invalidArgument('articles', 'an iterable of articles', articles);
  }
  checkOptions('options', options);
}

class Engine implements SearchIndex<SchemaDefinition> {
  readonly analyzer: Analyzer;
  readonly ranking: Readonly<ResolvedRankingOptions>;
  readonly schema: ResolvedSchema;
  private readonly ix: InvertedIndex;
  private readonly facets: FacetStore;
  private readonly numbers: NumberStore;
  private readonly docs: (Article | undefined)[] = [];
  /** Articles restored from a snapshot and not decoded yet (see EngineState.articles). */
  private stored: StoredArticles | undefined;
  private readonly idToDoc = new Map<string, number>();
  private readonly highlighters = new WeakMap<QueryPlan, HitHighlighter>();
  private readonly evaluator: QueryEvaluator;
  private readonly pruner: PrunedTopK;
  private readonly matcher: TreeMatcher;
  private version = 0;
  private readonly options: SearchIndexOptions<SchemaDefinition>;
  private readonly dups: DuplicateIndex | undefined;
  /** Per histogram interval, for one index version: live articles per bucket (the denominators of `share`) and every document's bucket key. */
  private liveCache: { version: number; live: Map<HistogramInterval, Map<number, number>>; keys: Map<HistogramInterval, BucketKeys> } = {
    version: -1, live: new Map(), keys: new Map(),
  };

  constructor(options: SearchIndexOptions<SchemaDefinition>) {
    this.schema = resolveSchema(options.schema);
    this.facets = new FacetStore(this.schema);
    this.numbers = new NumberStore(this.schema);
    this.options = {
      analyzer: options.analyzer, ranking: options.ranking, duplicates: options.duplicates,
      ...(this.schema.isDefault ? {} : { schema: this.schema.definition }),
    };
    this.dups = DuplicateIndex.create(options.duplicates);
    this.analyzer = rangeToSearchError('analyzer', () => createAnalyzer(options.analyzer));
    this.ranking = Object.freeze(rangeToSearchError('ranking', () => resolveRanking(options.ranking)));
    // Declared text fields are indexed beside title and body and weigh in BM25F with their weights.
    const textFields = this.schema.textFields;
    this.ix = new InvertedIndex(this.analyzer, textFields.map((f) => f.name));
    this.evaluator = new QueryEvaluator(this.ix, this.ranking, textFields.map((f) => f.weight));
    this.pruner = new PrunedTopK(this.ix, this.ranking);
    this.matcher = new TreeMatcher(this.ix);
  }

  get size(): number {
    return this.idToDoc.size;
  }

  exportState(): EngineState {
    const n = this.ix.numDocs;
    const stored = this.stored;
    const alive = this.ix.alive.data;
    // Lazily, so a writer that copies unchanged compressed blocks never inflates them.
    const bytes = (d: number): Uint8Array => {
      if (!alive[d]) return EMPTY;
      const parsed = this.docs[d];
      // An article never read since a load is passed on as the bytes it came in.
      if (stored && d < stored.numDocs) return stored.bytes(d);
      if (parsed) return Buffer.from(JSON.stringify(parsed));
      throw new Error(`internal: live document ${d} has no article`);
    };
    const ids: (string | null)[] = new Array<string | null>(n).fill(null);
    for (const [id, d] of this.idToDoc) ids[d] = id;
    const articles: StoredArticles = {
      numDocs: n,
      bytes,
      origin: stored ? { stored, unchanged: (d) => d < stored.numDocs && alive[d] === 1 } : undefined,
    };
    return {
      options: this.options,
      ids,
      articles,
      index: this.exportIndexState(),
      facets: this.facets.exportState(),
      numbers: this.numbers.exportState(),
    };
  }

  importState(state: EngineState): void {
    this.ix.importState(state.index);
    const n = this.ix.numDocs;
    if (state.ids.length !== n || state.articles.numDocs !== n) {
      throw new Error('internal: snapshot documents and index disagree');
    }
    this.facets.importState(state.facets, this.ix.alive.data);
    this.numbers.importState(state.numbers ?? {}, n);
    this.dups?.importArrays(state.index.arrays);
    state.ids.forEach((id, d) => {
      if (id !== null && this.ix.alive.data[d]) this.idToDoc.set(id, d);
    });
    this.docs.length = n;
    this.stored = state.articles;
    this.version++;
  }

  /** The article of document `doc`, decoding it from the stored bytes on first use. */
  private article(doc: number): Article | undefined {
    const a = this.docs[doc];
    if (a !== undefined || !this.stored || !this.ix.alive.data[doc]) return a;
    const bytes = this.stored.bytes(doc);
    const parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as Article;
    this.docs[doc] = parsed;
    return parsed;
  }

  add(given: Article): void {
    checkArticle(given);
    const article = conformArticle(given, this.schema);
    if (this.idToDoc.has(article.id)) {
      throw new SearchError('duplicate_id', `duplicate article id "${article.id}"`, { id: article.id });
    }
    const doc = this.ix.addDocument(article);
    this.docs[doc] = article;
    this.idToDoc.set(article.id, doc);
    this.facets.add(doc, article);
    this.numbers.add(doc, article);
    this.dups?.add(doc, this.ix.lastBodyTerms);
    this.version++;
  }

  addAll(articles: Iterable<Article>, options: AddAllOptions = {}): void {
    checkBulkAdd(articles, options);
    drain(this.bulkAdd(articles, options));
  }

  addAllAsync(articles: Iterable<Article>, options: AddAllOptions = {}): Promise<void> {
    try {
      checkBulkAdd(articles, options);
    } catch (error) {
      return Promise.reject(error);
    }
    return drainAsync(this.bulkAdd(articles, options));
  }

  /**
   * The bulk add, one batch per step: addAll runs the steps at once, addAllAsync with yields.
   * Near-duplicate groups are formed once, in bulk, at the end (faster than one by one); in
   * addAllAsync, articles added so far are searchable between steps but join their groups then.
   */
  private *bulkAdd(articles: Iterable<Article>, options: AddAllOptions): Generator<void, void, void> {
    const batch = resolveBatchSize(options);
    const list = Array.isArray(articles) ? (articles as Article[]) : undefined;
    if (list && list.length > 1000) {
      let chars = 0;
      for (const a of list) {
        chars += typeof a?.title === 'string' ? a.title.length : 0;
        if (Array.isArray(a?.paragraphs)) for (const p of a.paragraphs) chars += typeof p === 'string' ? p.length : 0;
      }
      this.ix.reserveForText(chars);
    }
    let done = 0;
    this.dups?.beginBatch();
    try {
      for (const a of articles) {
        if (options.onInvalid) {
          try {
            this.add(a);
          } catch (error) {
            if (!(error instanceof SearchError)) throw error;
            options.onInvalid(a, error);
          }
        } else {
          this.add(a);
        }
        if (++done % batch === 0) {
          options.onProgress?.(done, list?.length ?? done);
          yield;
        }
      }
    } finally {
      this.dups?.endBatch();
    }
    if (done % batch !== 0 || done === 0) options.onProgress?.(done, list?.length ?? done);
    this.ix.seal();
    this.dups?.trim();
  }

  remove(id: string): boolean {
    checkString('id', id);
    const doc = this.idToDoc.get(id);
    if (doc === undefined) return false;
    const article = this.article(doc) as Article;
    this.ix.removeDocument(doc, article);
    this.facets.remove(doc);
    this.dups?.remove(doc);
    this.docs[doc] = undefined;
    this.idToDoc.delete(id);
    this.version++;
    return true;
  }

  get(id: string): Article | undefined {
    checkString('id', id);
    const doc = this.idToDoc.get(id);
    return doc === undefined ? undefined : this.article(doc);
  }

  has(id: string): boolean {
    checkString('id', id);
    return this.idToDoc.has(id);
  }

  *articles(): IterableIterator<Article> {
    for (let d = 0; d < this.ix.numDocs; d++) {
      const a = this.article(d);
      if (a) yield a;
    }
  }

  stats(): IndexStats {
    return { numArticles: this.ix.numLive, numParagraphs: this.ix.numLiveParas, numTerms: this.ix.dict.size };
  }

  async prepare(): Promise<void> {
    this.settle();
    await this.ix.dict.syncVocabularyAsync();
  }

  search(query: string, options: SearchOptions<SchemaDefinition> = {}): SearchResult<SchemaDefinition> {
    const t0 = performance.now();
    if (typeof query !== 'string') throw new InvalidQueryError('query must be a string', { parameter: 'q' });
    const o = resolveSearchOptions(options, this.schema);
    this.settle();
    // A plain relevance page that needs no other part of the match set is pruned (pruned-top-k.ts).
    const plan = mayPrune(o) ? this.plan(query, o.match === 'all', new Set()) : undefined;
    if (plan && !plan.unsearchable && planMayPrune(plan)) return this.prunedSearch(query, o, plan, t0);
    const run = this.evaluate(query, o, false, plan);
    if (!run) return this.unsearchableResult(query, o, t0);
    const { sort, filtered, all } = run;
    const dates = this.ix.dateMs.data;
    const collapsed = o.collapse ? this.collapse(all, sort, run.keys) : undefined;
    // What the page ranks, and what the total, facets and histogram count (groups or articles).
    const ranked = collapsed ? collapsed.groups : all;
    const counted = collapsed && o.collapseCount === 'groups' ? collapsed.groups : all;
    const k = o.offset + o.limit;
    const pageDocs = topKCollector({
      sort, k, dates: run.keys, refine: run.refine, exactScore: (d) => this.evaluator.exactScore(d),
    }).collect(ranked).slice(o.offset);
    const facets = this.collectFacets(o, filtered, counted);
    const result: SearchResult<SchemaDefinition> = {
      query,
      total: countCollector.collect(counted),
      totalExact: true,
      tookMs: 0,
      hits: pageDocs.map((d) => this.makeHit(d, ranked.score[d], run.plan, o, collapsed?.others.get(d))),
      facets,
    };
    if (collapsed) result.totalArticles = all.n;
    if (o.dateHistogram) this.addHistogram(result, counted, run.filtered.length, o, o.dateHistogram);
    if (o.stats.length > 0) result.stats = this.collectStats(o.stats, counted);
    return this.finishResult(result, query, run.plan, all.n === 0, t0);
  }

  /** What every answer ends with: the interpreted query, did-you-mean when nothing matched, the time taken. */
  private finishResult(result: SearchResult<SchemaDefinition>, query: string, plan: QueryPlan, noMatch: boolean, t0: number): SearchResult<SchemaDefinition> {
    if (query.trim() !== '') result.interpretedAs = plan.interpretedAs;
    if (noMatch && plan.slots.length > 0) {
      const suggestion = didYouMean(query, plan.slots, this.ix.dict, this.ix.df.data, this.analyzer);
      if (suggestion) result.didYouMean = suggestion;
    }
    result.tookMs = Math.round((performance.now() - t0) * 1000) / 1000;
    return result;
  }

  /**
   * A plain relevance page by the pruned top-k: the same hits as the exhaustive path, the total
   * counted up to `trackTotal`. Only for options and plans that {@link mayPrune} and
   * {@link planMayPrune} accept.
   */
  private prunedSearch(query: string, o: ResolvedSearchOptions, plan: QueryPlan, t0: number): SearchResult<SchemaDefinition> {
    const k = o.offset + o.limit;
    const wantFacets = o.facets.length > 0;
    // Facets need the whole match set, unscored: the top-k keeps the matches it counts.
    const page = this.pruner.run({
      slots: plan.slots,
      matchAll: plan.matchAll,
      excluded: plan.excluded,
      pairs: this.plainPairs(query, plan) ?? [],
      k,
      trackTotal: o.trackTotal,
      dates: this.ix.dateMs.data,
      keepMatches: wantFacets,
    }, this.evaluator);
    let total = page.total;
    let totalExact = page.totalExact;
    let facets: Record<string, FacetValue[]> = {};
    if (wantFacets) {
      const all = this.unscoredMatches(plan, page);
      total = countCollector.collect(all);
      totalExact = true;
      facets = this.collectFacets(o, [], all);
    }
    const result: SearchResult<SchemaDefinition> = {
      query,
      total,
      totalExact,
      tookMs: 0,
      hits: page.docs.slice(o.offset).map((d, i) => this.makeHit(d, page.scores[o.offset + i], plan, o)),
      facets,
    };
    const noMatch = totalExact ? total === 0 : k > 0 && page.docs.length === 0;
    return this.finishResult(result, query, plan, noMatch, t0);
  }

  /**
   * The match set of a plan the pruned top-k ranked, without scores (which only the page needs):
   * the documents the exhaustive path would count, for the total and facets. Those the top-k
   * counted when it counted them all, else found by walking the postings again.
   */
  private unscoredMatches(plan: QueryPlan, page: PrunedPage): MatchSet {
    let docs: Int32Array;
    let n: number;
    if (page.totalExact) {
      docs = page.matches ?? NO_DOCS;
      n = page.total;
    } else {
      const m = this.evaluator.matchOnly(plan.slots, plan.matchAll, plan.excluded);
      docs = m.matches;
      n = m.numMatches;
    }
    return { docs, n, score: NO_SCORES, scoreIsBound: false, near: NO_NEAR_MISSES };
  }

  searchAll(query: string, options: ExportOptions<SchemaDefinition> = {}): IterableIterator<ExportRow> {
    if (typeof query !== 'string') throw new InvalidQueryError('query must be a string', { parameter: 'q' });
    checkOptions('options', options);
    const { limit: _l, offset: _o, snippets: _s, snippetLength: _sl, snippetParts: _sp, highlight: _h, facets: _f, facetLimit: _fl, dateHistogram: _d, ...rest } =
      options as SearchOptions<SchemaDefinition>;
    const o = resolveSearchOptions(rest, this.schema);
    this.settle();
    const run = this.evaluate(query, o, true);
    if (!run) return [][Symbol.iterator]();
    const collapsed = o.collapse ? this.collapse(run.all, run.sort, run.keys) : undefined;
    const set = collapsed ? collapsed.groups : run.all;
    // The evaluator reuses its buffers on the next search: keep copies for the lazy walk.
    const order = Array.from(set.docs.subarray(0, set.n)).sort(pageOrder(run.sort, set.score, run.keys));
    const scores = order.map((d) => set.score[d]);
    const counts = collapsed ? order.map((d) => collapsed.others.get(d)?.length ?? 0) : undefined;
    return this.exportRows(order, scores, counts);
  }

  /** The rows of an export, built one at a time; articles removed since are skipped. */
  private *exportRows(order: number[], scores: number[], counts: number[] | undefined): IterableIterator<ExportRow> {
    for (let i = 0; i < order.length; i++) {
      const article = this.article(order[i]);
      if (!article) continue;
      const row: ExportRow = { id: article.id, score: Math.round(scores[i] * 1e6) / 1e6, article };
      if (counts) row.duplicateCount = counts[i];
      yield row;
    }
  }

  /**
   * Plans and evaluates a query: the match set with its near misses, the plan, the effective sort
   * and the filtered fields in near-miss slot order (the date filter is the slot after them).
   * `exact` asks for exact scores (no bounded paragraph evidence). Undefined when unsearchable.
   */
  private evaluate(
    query: string, o: ResolvedSearchOptions, exact: boolean, planned?: QueryPlan,
  ): { plan: QueryPlan; sort: SortOrder; keys: Float64Array; filtered: string[]; all: MatchSet; refine: boolean } | undefined {
    const optionFields = Object.keys(o.filters).filter((f) => o.filters[f].length > 0);
    // A plan made for the pruned path had no option filters, as here (see mayPrune).
    const plan = planned ?? this.plan(query, o.match === 'all', new Set(optionFields));
    if (plan.unsearchable) return undefined;
    const fieldFilters: FieldFilter[] = optionFields.map((field, slot) => {
      const col = this.facets.byField.get(field) as NonNullable<ReturnType<FacetStore['byField']['get']>>;
      const docLists: number[][] = [];
      for (const v of o.filters[field]) {
        const id = col.valueIds.get(v);
        if (id !== undefined) docLists.push(col.valueDocs[id]);
      }
      return { slot, docLists };
    });
    const filtered: string[] = [...optionFields];
    // Field clauses of the query (`topics:crude`) filter, and count in facets, as `filters` do.
    for (const f of plan.topFilters) {
      fieldFilters.push({ slot: filtered.length, docLists: f.docLists });
      filtered.push(f.field);
    }
    // Range filters take a slot each too, so a range facet of the same field counts disjunctively.
    for (const r of o.ranges) {
      const column = this.numbers.column(r.field) as Float64Array;
      fieldFilters.push({ slot: filtered.length, docLists: [rangeDocs(column, this.ix.numDocs, this.ix.alive.data, r.range)] });
      filtered.push(r.field);
    }
    // Ranking an empty query by "relevance" means nothing: browse newest first instead.
    const sort = plan.slots.length === 0 && o.sort === 'relevance' ? 'date' : o.sort;
    const k = o.offset + o.limit;
    // Collapsing compares copies by score, so it needs exact scores too.
    const refine = sort === 'relevance' && k <= MAX_BOUNDED_PAGE && numTermIds(plan.slots) <= MAX_BOUNDED_TERMS;
    const out = this.evaluator.evaluate({
      slots: plan.slots,
      fieldFilters,
      dateFrom: o.dateFrom,
      dateTo: o.dateTo,
      matchAll: plan.matchAll,
      boundParagraphs: refine && !exact && !o.collapse,
      required: plan.required,
      excluded: plan.excluded,
      bonus: plan.bonus,
      pairs: this.plainPairs(query, plan),
    });
    const all: MatchSet = {
      docs: out.matches, n: out.numMatches, score: out.score, scoreIsBound: out.scoreIsBound,
      near: { docs: out.near, fail: out.nearFail, n: out.numNear },
    };
    // A number or date field sorts as dates do, over its own column (see resolveSearchOptions).
    const keys = o.sortField !== undefined && sort !== 'relevance' ? (this.numbers.column(o.sortField) as Float64Array) : this.ix.dateMs.data;
    return { plan, sort, keys, filtered, all, refine };
  }

  /** Facet counts of a query in the order asked: keyword facets by value, number fields by range bucket. */
  private collectFacets(o: ResolvedSearchOptions, filtered: string[], counted: MatchSet): Record<string, FacetValue[]> {
    const keywordFacets = o.facets.filter((f) => !o.buckets.has(f));
    const values = facetCollector(this.facets, keywordFacets, (f) => filtered.indexOf(f), o.facetLimit).collect(counted);
    if (keywordFacets.length === o.facets.length) return values;
    const out: Record<string, FacetValue[]> = {};
    for (const f of o.facets) {
      const buckets = o.buckets.get(f);
      out[f] = buckets
        ? rangeFacetCollector(this.numbers.column(f) as Float64Array, buckets, filtered.indexOf(f)).collect(counted)
        : values[f];
    }
    return out;
  }

  /** Min/max of number and date fields (and `date`) over the match set; dates as ISO strings. */
  private collectStats(fields: readonly string[], counted: MatchSet): Record<string, FieldStats> {
    const out: Record<string, FieldStats> = {};
    for (const f of fields) {
      const isDate = f === 'date' || this.numbers.dateFields.has(f);
      const s = statsCollector(f === 'date' ? this.ix.dateMs.data : (this.numbers.column(f) as Float64Array)).collect(counted);
      const show = (v: number): number | string => (isDate ? new Date(v).toISOString() : v);
      out[f] = s.min === undefined || s.max === undefined ? { count: s.count } : { count: s.count, min: show(s.min), max: show(s.max) };
    }
    return out;
  }

  /** The match set collapsed to one document per near-duplicate group (see collapse-collector.ts). */
  private collapse(all: MatchSet, sort: SortOrder, keys: Float64Array): Collapsed {
    const groups = this.dups?.groups;
    const groupOf = groups ? (d: number) => groups.groupOf(d) : (d: number) => d;
    return collapseCollector(groupOf, pageOrder(sort, all.score, keys), this.ix.numDocs).collect(all);
  }

  /** Adds the date histogram (and its comparison series) of a counted match set to a result. */
  private addHistogram(result: SearchResult<SchemaDefinition>, counted: MatchSet, dateSlot: number, o: ResolvedSearchOptions, h: ResolvedHistogramOptions): void {
    const dates = this.ix.dateMs.data;
    const keysOf = (interval: HistogramInterval): BucketKeys => this.bucketKeys(interval);
    const main = dateHistogramCollector(dates, keysOf, h.interval, dateSlot).collect(counted);
    const series: DateCounts[] = [main];
    if (h.compare !== undefined) {
      const other = this.evaluate(h.compare, o, false);
      let counts: DateCounts = { interval: main.interval, counts: new Map() };
      if (other) {
        const c = o.collapse ? this.collapse(other.all, other.sort, other.keys) : undefined;
        const set = c && o.collapseCount === 'groups' ? c.groups : other.all;
        counts = dateHistogramCollector(dates, keysOf, main.interval, other.filtered.length).collect(set);
      }
      series.push(counts);
    }
    const live = h.normalize ? this.liveBuckets(main.interval) : undefined;
    const [buckets, compare] = histogramBuckets(series, main.interval, live);
    result.dateHistogram = buckets;
    if (h.explicit) result.dateHistogramInterval = main.interval;
    if (compare) result.dateHistogramCompare = compare;
  }

  /** Live articles per bucket of an interval, kept until the index changes. */
  private liveBuckets(interval: HistogramInterval): Map<number, number> {
    const cache = this.histogramCache();
    let counts = cache.live.get(interval);
    if (!counts) {
      counts = liveBucketCounts(this.ix.dateMs.data, this.ix.alive.data, this.ix.numDocs, interval);
      cache.live.set(interval, counts);
    }
    return counts;
  }

  /** Every document's bucket key for an interval, kept until the index changes. */
  private bucketKeys(interval: HistogramInterval): BucketKeys {
    const cache = this.histogramCache();
    let keys = cache.keys.get(interval);
    if (!keys) {
      keys = bucketKeysOf(this.ix.dateMs.data, this.ix.numDocs, interval);
      cache.keys.set(interval, keys);
    }
    return keys;
  }

  private histogramCache(): { live: Map<HistogramInterval, Map<number, number>>; keys: Map<HistogramInterval, BucketKeys> } {
    if (this.liveCache.version !== this.version) this.liveCache = { version: this.version, live: new Map(), keys: new Map() };
    return this.liveCache;
  }

  /**
   * Proximity pairs (lib/ranking/proximity.ts) of a query: consecutive query words that both are
   * scored words of it (excluded words and field clauses such as `topics:crude` take part in
   * none, nor do the words on either side of them). A query with phrases, NEAR or SAME is scored
   * on those instead, so that a quoted name is not rewarded twice.
   */
  private plainPairs(query: string, plan: QueryPlan): QueryPair<number>[] | undefined {
    if (this.ranking.proximityWeight <= 0 || plan.proximity.length > 0 || plan.slots.length < 2) return undefined;
    const ids = new Set<number>();
    for (const s of plan.slots) if (!s.prefix) for (const t of s.termIds) ids.add(t);
    return proximityPairs(query, this.analyzer, this.ix.dict, (t) => this.ix.df.data[t]).filter((p) => ids.has(p.a) && ids.has(p.b));
  }

  /** Parses and binds a query (see query-plan.ts). */
  private plan(query: string, matchAll: boolean, optionFilterFields: ReadonlySet<string>): QueryPlan {
    this.matcher.reset();
    return planQuery(query, this.analyzer, this.ix, this.matcher, {
      analyzer: this.analyzer,
      dict: this.ix.dict,
      df: this.ix.df.data,
      facets: this.facets,
      optionFilterFields,
      matchAll,
      textFields: this.ix.textFields,
    }, this.evaluator, this.ranking);
  }

  /** The answer to a query with text but nothing searchable in it (`the`, `!!!`). */
  private unsearchableResult(query: string, o: ResolvedSearchOptions, t0: number): SearchResult<SchemaDefinition> {
    const facets: Record<string, FacetValue[]> = {};
    for (const f of o.facets) facets[f] = [];
    const result: SearchResult<SchemaDefinition> = { query, total: 0, totalExact: true, tookMs: 0, hits: [], facets, interpretedAs: '', unsearchable: true };
    if (o.dateHistogram) {
      result.dateHistogram = [];
      if (o.dateHistogram.explicit && o.dateHistogram.interval !== 'auto') result.dateHistogramInterval = o.dateHistogram.interval;
      if (o.dateHistogram.compare !== undefined) result.dateHistogramCompare = [];
    }
    if (o.collapse) result.totalArticles = 0;
    if (o.stats.length > 0) result.stats = Object.fromEntries(o.stats.map((f) => [f, { count: 0 }]));
    result.tookMs = Math.round((performance.now() - t0) * 1000) / 1000;
    return result;
  }

  facetValues(fields: readonly string[] = this.schema.facetFields, limit = 0): Record<string, FacetValue[]> {
    const list: unknown = fields;
    if (!Array.isArray(list)) throw invalidArgument('fields', 'an array of facet field names', list);
    checkCount('limit', limit);
    const out: Record<string, FacetValue[]> = {};
    for (const field of fields) {
      const col = this.facets.byField.get(field);
      if (!col) throw new InvalidQueryError(`unknown facet field "${String(field)}"`, { parameter: 'facets' });
      out[field] = rankValues(col.values, col.liveCount, limit);
    }
    return out;
  }

  suggest(prefix: string, limit = 10): string[] {
    checkString('prefix', prefix);
    checkCount('limit', limit);
    const word = this.analyzer.normalize(prefix.trim());
    if (!word) return [];
    const dict = this.ix.dict;
    const df = this.ix.df.data;
    const ids = dict.prefix(word, 200).filter((id) => df[id] > 0);
    ids.sort((a, b) => df[b] - df[a] || (dict.display[a] < dict.display[b] ? -1 : 1));
    const seen = new Set<string>();
    const out: string[] = [];
    for (const id of ids) {
      const w = dict.display[id];
      if (seen.has(w)) continue;
      seen.add(w);
      out.push(w);
      if (out.length >= limit) break;
    }
    return out;
  }

  highlightArticle(id: string, query: string): HighlightedArticle | undefined {
    checkString('id', id);
    checkString('query', query);
    const article = this.get(id);
    if (!article) return undefined;
    this.settle();
    const plan = this.plan(query, false, new Set());
    const doc = this.docOf(id);
    const highlighter = this.highlighterOf(plan);
    const out: HighlightedArticle = {
      article,
      titleHtml: highlighter.highlightTitle(doc, article.title).html,
      paragraphs: article.paragraphs.map((p, k) => {
        const h = highlighter.highlightParagraph(doc, k, p);
        return { html: h.html, matches: h.matches, matched: h.matches.length > 0 };
      }),
    };
    const fieldsHtml = this.schema.textFields.length > 0 ? highlighter.highlightFields(doc, article, true) : undefined;
    if (fieldsHtml) out.fieldsHtml = fieldsHtml;
    return out;
  }

  duplicatesOf(id: string): string[] {
    const doc = this.docOf(id);
    return (this.dups?.othersOf(doc) ?? []).map((d) => this.article(d)?.id as string);
  }

  similar(id: string, options: SimilarOptions = {}): SearchResult<SchemaDefinition> {
    const doc = this.docOf(id);
    const article = this.article(doc) as Article;
    this.settle();
    const ix = this.ix;
    const query = moreLikeThisQuery(article, this.analyzer, {
      termId: (t) => ix.dict.get(t), docFreq: (t) => ix.df.data[t], display: (t) => ix.dict.display[t], numDocs: ix.numLive,
    }, options.moreLikeThis);
    const { withinDays: _w, moreLikeThis: _m, ...searchOptions } = options;
    const exclude = new Set([id, ...this.duplicatesOf(id)]);
    return searchExcluding((q, o) => this.search(q, o), query, { ...searchOptions, ...similarDateRange(article.date, options) }, exclude);
  }

  private docOf(id: string): number {
    const doc = this.idToDoc.get(id);
    if (doc === undefined) throw new NotFoundError(`no article with id "${id}"`, { id });
    return doc;
  }

  /** The inverted index's state with the duplicate signatures stored beside its arrays. */
  private exportIndexState(): InvertedIndexState {
    const s = this.ix.exportState();
    return this.dups ? { ...s, arrays: { ...s.arrays, ...this.dups.exportArrays() } } : s;
  }

  /** Seals pending postings and refreshes length norms after any change. */
  private settle(): void {
    if (this.ix.dirty) this.ix.seal();
    this.evaluator.prepare(this.version);
  }


  private makeHit(doc: number, score: number, plan: QueryPlan, o: ResolvedSearchOptions, others?: readonly number[]): Hit {
    const a = this.article(doc) as Article;
    // Assigned in the answer's key order, without a throwaway object per optional field.
    const hit = { id: a.id, title: a.title } as Hit;
    if (a.date !== undefined) hit.date = a.date;
    if (a.publisher !== undefined) hit.publisher = a.publisher;
    if (a.source !== undefined) hit.source = a.source;
    if (a.category !== undefined) hit.category = a.category;
    hit.score = Math.round(score * 1e6) / 1e6;
    hit.titleHtml = o.highlight ? this.highlighterOf(plan).highlightTitle(doc, a.title).html : escapeHtml(a.title);
    hit.snippets = [];
    const fields = this.returnedFields(a);
    if (fields) hit.fields = fields;
    if (o.highlight && this.schema.textFields.length > 0) {
      const marked = this.highlighterOf(plan).highlightFields(doc, a);
      if (marked) hit.fieldsHtml = marked;
    }
    if (o.collapse) {
      hit.duplicates = (others ?? []).map((d) => duplicateRef(this.article(d) as Article));
      hit.duplicateCount = hit.duplicates.length;
    }
    if (o.snippets > 0 && o.highlight) {
      const snippets = this.highlighterOf(plan).snippets(doc, a.paragraphs, this.rankParagraphs(doc, plan.slots), {
        count: o.snippets,
        length: o.snippetLength,
      });
      hit.snippets = o.snippetParts ? snippets.map((s) => keepParts(s, o.snippetParts as ReadonlySet<SnippetPart>)) : snippets;
    }
    return hit;
  }

  /** The highlighter of a query's hits, made once per plan (so its terms are bound once). */
  private highlighterOf(plan: QueryPlan): HitHighlighter {
    let h = this.highlighters.get(plan);
    if (!h) {
      h = new HitHighlighter(this.ix, this.analyzer, plan);
      this.highlighters.set(plan, h);
    }
    return h;
  }

  /** The declared fields marked `returned` that an article has, or undefined when none. */
  private returnedFields(a: Article): Record<string, FieldValue> | undefined {
    const fields = a.fields;
    if (!fields) return undefined;
    let out: Record<string, FieldValue> | undefined;
    for (const f of this.schema.returnedFields) {
      if (Object.hasOwn(fields, f.name)) (out ??= {})[f.name] = fields[f.name];
    }
    return out;
  }

  /** The matching paragraphs of one document, best first, by paragraph BM25. */
  private rankParagraphs(doc: number, slots: readonly QuerySlot[]): number[] {
    return this.evaluator.rankedParagraphs(doc, slots);
  }



}

/** The short description of a copy carried by a collapsed hit. */
function duplicateRef(a: Article): DuplicateRef {
  return {
    id: a.id,
    title: a.title,
    ...(a.date !== undefined ? { date: a.date } : {}),
    ...(a.source !== undefined ? { source: a.source } : {}),
    ...(a.publisher !== undefined ? { publisher: a.publisher } : {}),
  };
}

/** A snippet with only `paragraph` and the asked-for parts (absent keys, not undefined ones, so JSON omits them). */
function keepParts(s: Snippet, parts: ReadonlySet<SnippetPart>): HitSnippet {
  const out: HitSnippet = { paragraph: s.paragraph };
  if (parts.has('text')) out.text = s.text;
  if (parts.has('html')) out.html = s.html;
  if (parts.has('matches')) out.matches = s.matches;
  return out;
}

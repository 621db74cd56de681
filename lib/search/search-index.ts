/**
 * The engine facade: wires analysis → inverted index → ranking → facets → highlighting behind
 * the {@link SearchIndex} interface that callers use.
 */
import { createAnalyzer, type Analyzer, type AnalyzerOptions } from '../analysis/analyzer.js';
import { DuplicateIndex } from '../duplicates/duplicate-index.js';
import type { DuplicateOptions } from '../duplicates/duplicate-options.js';
import { InvalidQueryError, NotFoundError, SearchError } from '../errors.js';
import { FacetStore, type FacetStoreState } from '../facets/facet-store.js';
import { countFacets, countMonths, rankValues } from '../facets/count-facets.js';
import { escapeHtml } from '../highlight/escape-html.js';
import { highlightText, makeSnippets } from '../highlight/snippet.js';
import { InvertedIndex, type InvertedIndexState } from '../index/inverted-index.js';
import { resolveRanking, type RankingOptions, type ResolvedRankingOptions } from '../ranking/bm25.js';
import {
  FACET_FIELDS,
  type Article,
  type FacetField,
  type FacetValue,
  type Hit,
  type Range,
  type SearchOptions,
  type SearchResult,
} from '../types.js';
import { checkArticle } from './check-article.js';
import { didYouMean } from './did-you-mean.js';
import { pageOrder, refineTopK } from './page-order.js';
import { parseQuery, type ParsedQuery } from './parse-query.js';
import { QueryEvaluator, type FieldFilter } from './query-evaluator.js';
import { resolveSearchOptions, type ResolvedSearchOptions } from './search-options.js';
import { moreLikeThisQuery, searchExcluding, similarDateRange, type SimilarOptions } from './similar-articles.js';
import { topK } from './top-k.js';

/** Options of {@link createSearchIndex}. All optional. */
export interface SearchIndexOptions {
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

/** An article with the words of a query marked, for an article view. */
export interface HighlightedArticle {
  article: Article;
  /** The title, HTML-escaped, query terms in `<mark>`. */
  titleHtml: string;
  /** Every paragraph, HTML-escaped and marked, with its match ranges and whether it matched. */
  paragraphs: { html: string; matches: Range[]; matched: boolean }[];
}

/** A searchable collection of articles. Create one with {@link createSearchIndex}. */
export interface SearchIndex {
  /** Number of articles. */
  readonly size: number;
  /** Adds an article. Throws SearchError `duplicate_id` or `invalid_article`. */
  add(article: Article): void;
  /** Adds many articles (faster than repeated `add`: statistics are settled once). */
  addAll(articles: Iterable<Article>): void;
  /** Removes an article; returns false when the id was not present. */
  remove(id: string): boolean;
  /** The stored article, or undefined. */
  get(id: string): Article | undefined;
  /** True when an article with this id is present. */
  has(id: string): boolean;
  /** Every stored article, in insertion order. */
  articles(): IterableIterator<Article>;
  /** Ranked, filtered, faceted search. An empty query with filters browses (newest first). */
  search(query: string, options?: SearchOptions): SearchResult;
  /** Values and counts of every (or the given) facet field over the whole index. */
  facetValues(fields?: readonly FacetField[], limit?: number): Partial<Record<FacetField, FacetValue[]>>;
  /** Completions of a word prefix from the index vocabulary, most frequent first. */
  suggest(prefix: string, limit?: number): string[];
  /** An article with a query's terms marked in its title and every paragraph. */
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
  similar(id: string, options?: SimilarOptions): SearchResult;
  /** The analyzer this index uses. */
  readonly analyzer: Analyzer;
  /** The ranking parameters in force. */
  readonly ranking: Readonly<ResolvedRankingOptions>;
}

/**
 * Pages up to this deep (offset + limit) are ranked with bounded paragraph evidence and exact
 * refinement of the top candidates; deeper ones (an evaluation ranking to depth 1000) score
 * every paragraph outright, which is cheaper than refining most of the match set.
 */
const MAX_BOUNDED_PAGE = 100;

/**
 * Articles kept as bytes, like a search engine's stored fields: document d's UTF-8 JSON, empty
 * for a removed one. A page of hits decodes ten articles, not all of them.
 */
export interface StoredArticles {
  readonly numDocs: number;
  bytes(doc: number): Uint8Array;
}

/** Stored articles over one array of byte strings per document. */
function storedFromParts(parts: readonly Uint8Array[]): StoredArticles {
  return { numDocs: parts.length, bytes: (doc) => parts[doc] };
}
const EMPTY = new Uint8Array(0);

/** Creates an empty search index. */
export function createSearchIndex(options: SearchIndexOptions = {}): SearchIndex {
  return new Engine(options);
}

/** An index's complete state as plain data: what a snapshot stores. Internal to the library. */
export interface EngineState {
  options: SearchIndexOptions;
  /** Article id by document id; null where one was removed. */
  ids: (string | null)[];
  /** Every article as UTF-8 JSON; after a load they stay bytes until first used. */
  articles: StoredArticles;
  index: InvertedIndexState;
  facets: FacetStoreState;
}

/** Exports the state of an index made by {@link createSearchIndex}. */
export function exportEngineState(index: SearchIndex): EngineState {
  if (!(index instanceof Engine)) throw new Error('internal: not an index created by createSearchIndex');
  return index.exportState();
}

/** Rebuilds an index from exported state, without re-analysing any text. */
export function importEngineState(state: EngineState): SearchIndex {
  const engine = new Engine(state.options);
  engine.importState(state);
  return engine;
}

class Engine implements SearchIndex {
  readonly analyzer: Analyzer;
  readonly ranking: Readonly<ResolvedRankingOptions>;
  private readonly ix: InvertedIndex;
  private readonly facets = new FacetStore();
  private readonly docs: (Article | undefined)[] = [];
  /** Articles restored from a snapshot and not decoded yet (see EngineState.articles). */
  private stored: StoredArticles | undefined;
  private readonly idToDoc = new Map<string, number>();
  private readonly evaluator: QueryEvaluator;
  private version = 0;
  private readonly options: SearchIndexOptions;
  private readonly dups: DuplicateIndex | undefined;

  constructor(options: SearchIndexOptions) {
    this.options = { analyzer: options.analyzer, ranking: options.ranking, duplicates: options.duplicates };
    this.dups = DuplicateIndex.create(options.duplicates);
    this.analyzer = createAnalyzer(options.analyzer);
    this.ranking = Object.freeze(resolveRanking(options.ranking));
    this.ix = new InvertedIndex(this.analyzer);
    this.evaluator = new QueryEvaluator(this.ix, this.ranking);
  }

  get size(): number {
    return this.idToDoc.size;
  }

  exportState(): EngineState {
    const n = this.ix.numDocs;
    const parts: Uint8Array[] = [];
    for (let d = 0; d < n; d++) {
      let bytes: Uint8Array = EMPTY;
      if (this.ix.alive.data[d]) {
        const parsed = this.docs[d];
        const stored = this.stored;
        // An article never read since a load is passed on as the bytes it came in.
        if (parsed) bytes = Buffer.from(JSON.stringify(parsed));
        else if (stored) bytes = stored.bytes(d);
        else throw new Error(`internal: live document ${d} has no article`);
      }
      parts.push(bytes);
    }
    const ids: (string | null)[] = new Array<string | null>(n).fill(null);
    for (const [id, d] of this.idToDoc) ids[d] = id;
    return {
      options: this.options,
      ids,
      articles: storedFromParts(parts),
      index: this.exportIndexState(),
      facets: this.facets.exportState(),
    };
  }

  importState(state: EngineState): void {
    this.ix.importState(state.index);
    const n = this.ix.numDocs;
    if (state.ids.length !== n || state.articles.numDocs !== n) {
      throw new Error('internal: snapshot documents and index disagree');
    }
    this.facets.importState(state.facets, this.ix.alive.data);
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

  add(article: Article): void {
    checkArticle(article);
    if (this.idToDoc.has(article.id)) {
      throw new SearchError('duplicate_id', `duplicate article id "${article.id}"`, { id: article.id });
    }
    const doc = this.ix.addDocument(article);
    this.docs[doc] = article;
    this.idToDoc.set(article.id, doc);
    this.facets.add(doc, article);
    this.dups?.add(doc, this.ix.lastBodyTerms);
    this.version++;
  }

  addAll(articles: Iterable<Article>): void {
    if (Array.isArray(articles) && articles.length > 1000) {
      let chars = 0;
      for (const a of articles as Article[]) {
        chars += typeof a?.title === 'string' ? a.title.length : 0;
        if (Array.isArray(a?.paragraphs)) for (const p of a.paragraphs) chars += typeof p === 'string' ? p.length : 0;
      }
      this.ix.reserveForText(chars);
    }
    this.dups?.beginBatch();
    try {
      for (const a of articles) this.add(a);
    } finally {
      this.dups?.endBatch();
    }
    this.ix.seal();
    this.dups?.trim();
  }

  remove(id: string): boolean {
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
    const doc = this.idToDoc.get(id);
    return doc === undefined ? undefined : this.article(doc);
  }

  has(id: string): boolean {
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

  search(query: string, options: SearchOptions = {}): SearchResult {
    const t0 = performance.now();
    if (typeof query !== 'string') throw new InvalidQueryError('query must be a string', { parameter: 'q' });
    const o = resolveSearchOptions(options);
    this.settle();
    const parsed = parseQuery(query, this.analyzer, this.ix.dict, (t) => this.ix.df.data[t]);
    const filtered = (Object.keys(o.filters) as FacetField[]).filter((f) => o.filters[f].length > 0);
    const fieldFilters: FieldFilter[] = filtered.map((field, slot) => {
      const col = this.facets.byField.get(field) as NonNullable<ReturnType<FacetStore['byField']['get']>>;
      const docLists: number[][] = [];
      for (const v of o.filters[field]) {
        const id = col.valueIds.get(v);
        if (id !== undefined) docLists.push(col.valueDocs[id]);
      }
      return { slot, docLists };
    });
    // Ranking an empty query by "relevance" means nothing: browse newest first instead.
    const sort = parsed.slots.length === 0 && o.sort === 'relevance' ? 'date' : o.sort;
    const k = o.offset + o.limit;
    const out = this.evaluator.evaluate({
      slots: parsed.slots,
      fieldFilters,
      dateFrom: o.dateFrom,
      dateTo: o.dateTo,
      matchAll: o.match === 'all',
      boundParagraphs: sort === 'relevance' && k <= MAX_BOUNDED_PAGE,
    });
    // Relevance pages go through refineTopK whether scores are bounds or exact: its numeric heap
    // beats a comparator heap over large match sets, and with exact scores it refines nothing.
    const score = out.score;
    const pageDocs = (sort === 'relevance' && k <= MAX_BOUNDED_PAGE
      ? refineTopK(out.matches, out.numMatches, k, score, this.ix.dateMs.data,
          out.scoreIsBound ? (d) => this.evaluator.exactScore(d) : (d) => score[d])
      : topK(out.matches, out.numMatches, k, pageOrder(sort, score, this.ix.dateMs.data))).slice(o.offset);

    const near = { docs: out.near, fail: out.nearFail, n: out.numNear };
    const facets = countFacets(this.facets, o.facets, out.matches, out.numMatches, near, (f) => filtered.indexOf(f), o.facetLimit);
    const result: SearchResult = {
      query,
      total: out.numMatches,
      tookMs: 0,
      hits: pageDocs.map((d) => this.makeHit(d, out.score[d], parsed, o)),
      facets,
    };
    if (o.dateHistogram) result.dateHistogram = countMonths(this.facets, out.matches, out.numMatches, near, filtered.length);
    if (out.numMatches === 0 && parsed.slots.length > 0) {
      const suggestion = didYouMean(query, parsed, this.ix.dict, this.ix.df.data, this.analyzer);
      if (suggestion) result.didYouMean = suggestion;
    }
    result.tookMs = Math.round((performance.now() - t0) * 1000) / 1000;
    return result;
  }

  facetValues(fields: readonly FacetField[] = FACET_FIELDS, limit = 0): Partial<Record<FacetField, FacetValue[]>> {
    const out: Partial<Record<FacetField, FacetValue[]>> = {};
    for (const field of fields) {
      const col = this.facets.byField.get(field);
      if (!col) throw new InvalidQueryError(`unknown facet field "${String(field)}"`, { parameter: 'facets' });
      out[field] = rankValues(col.values, col.liveCount, limit);
    }
    return out;
  }

  suggest(prefix: string, limit = 10): string[] {
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
    const article = this.get(id);
    if (!article) return undefined;
    this.settle();
    const parsed = parseQuery(query, this.analyzer, this.ix.dict, (t) => this.ix.df.data[t]);
    const terms = parsed.highlightTerms;
    return {
      article,
      titleHtml: highlightText(article.title, terms, this.analyzer).html,
      paragraphs: article.paragraphs.map((p) => {
        const h = highlightText(p, terms, this.analyzer);
        return { html: h.html, matches: h.matches, matched: h.matches.length > 0 };
      }),
    };
  }

  duplicatesOf(id: string): string[] {
    const doc = this.docOf(id);
    return (this.dups?.othersOf(doc) ?? []).map((d) => this.article(d)?.id as string);
  }

  similar(id: string, options: SimilarOptions = {}): SearchResult {
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


  private makeHit(doc: number, score: number, parsed: ParsedQuery, o: ResolvedSearchOptions): Hit {
    const a = this.article(doc) as Article;
    const hit: Hit = {
      id: a.id,
      title: a.title,
      ...(a.date !== undefined ? { date: a.date } : {}),
      ...(a.publisher !== undefined ? { publisher: a.publisher } : {}),
      ...(a.source !== undefined ? { source: a.source } : {}),
      ...(a.category !== undefined ? { category: a.category } : {}),
      score: Math.round(score * 1e6) / 1e6,
      titleHtml: o.highlight ? highlightText(a.title, parsed.highlightTerms, this.analyzer).html : escapeHtml(a.title),
      snippets: [],
    };
    if (o.snippets > 0 && o.highlight) {
      const candidates = this.rankParagraphs(doc, parsed);
      hit.snippets = makeSnippets(a.paragraphs, candidates, parsed.highlightTerms, this.analyzer, {
        count: o.snippets,
        length: o.snippetLength,
      });
    }
    return hit;
  }

  /** The matching paragraphs of one document, best first, by paragraph BM25. */
  private rankParagraphs(doc: number, parsed: ParsedQuery): number[] {
    const scores = this.evaluator.paragraphScores(doc, parsed.slots);
    const order: number[] = [];
    for (let i = 0; i < scores.length; i++) if (scores[i] > 0) order.push(i);
    return order.sort((x, y) => scores[y] - scores[x] || x - y);
  }



}

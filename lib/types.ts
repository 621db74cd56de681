/**
 * The data types of ledesearch's public API: articles, search options, results.
 *
 * Everything here is plain data (no classes) so it can cross a JSON boundary unchanged:
 * the server returns these shapes as they are.
 */
import type { FieldValue, NumberBucket } from './schema/field-schema.js';
import type { DefaultSchema, FacetFieldOf, FilterFieldOf, RangeFieldOf, SortOrderOf } from './schema/schema-types.js';

/** Names of the list-valued metadata fields an article may carry; each is a facet. */
export const LIST_FIELDS = ['category', 'topics', 'places', 'people', 'organisations', 'exchanges'] as const;
/** Every facet field, in the order facet listings show them. */
export const FACET_FIELDS = [
  'category', 'publisher', 'source', 'topics', 'places', 'people', 'organisations', 'exchanges',
  'author', 'dateline',
] as const;

/** A list-valued metadata field name. */
export type ListField = (typeof LIST_FIELDS)[number];
/** A facet field name. */
export type FacetField = (typeof FACET_FIELDS)[number];

/**
 * A news article, as loaded from the corpus and as stored in the index.
 *
 * Only `id`, `title` and `paragraphs` are always present; every other field is absent when the
 * source did not give it (or gave it in a form that could not be read), never an empty string.
 */
export interface Article {
  /** Stable identifier, unique within an index. */
  id: string;
  /** Headline. May be empty only when the source had no title line. */
  title: string;
  /** Body paragraphs in reading order, boilerplate and empty paragraphs removed. */
  paragraphs: string[];
  /** Publication date, ISO 8601: `2019-10-10` or `2019-10-10T06:02:00` when a time was given. */
  date?: string;
  /** Who published it (`Intellasia`, `Reuters`). */
  publisher?: string;
  /** The outlet the story came from (`KoreaTimes`). */
  source?: string;
  /** Byline. */
  author?: string;
  /** Dateline city (`NEW YORK`). */
  dateline?: string;
  /** Canonical URL. */
  url?: string;
  /** Categories (`Korea`). */
  category?: string[];
  /** Subject codes (`earn`, `acq`). */
  topics?: string[];
  /** Places named (`usa`, `japan`). */
  places?: string[];
  /** People named. */
  people?: string[];
  /** Organisations named. */
  organisations?: string[];
  /** Stock exchanges named. */
  exchanges?: string[];
  /** Where the article was read from, relative to the corpus folder (`reuters/0001.txt:3`). */
  origin?: string;
  /** Values of the fields a declared schema adds (lib/schema), by field name; absent when none. */
  fields?: Record<string, FieldValue>;
}

/** A character range in a string: `start` inclusive, `end` exclusive (UTF-16 code units). */
export interface Range {
  start: number;
  end: number;
}

/** One token produced by the analyzer. */
export interface Token {
  /** The normalised, stemmed term (what the index stores). */
  term: string;
  /** Start offset of the token's surface form in the analysed text (inclusive). */
  start: number;
  /** End offset of the token's surface form in the analysed text (exclusive). */
  end: number;
  /** Ordinal position among the tokens of the text, counting stop words too. */
  position: number;
}

/** Why a corpus file, or a line of it, could not be read. */
export type CorpusErrorCode =
  | 'read_failed' // the file could not be read at all
  | 'empty' // the file (or line) had no content
  | 'binary' // the file looks binary, not text
  | 'invalid_encoding' // the bytes are not valid UTF-8
  | 'invalid_json' // JSON that does not parse
  | 'invalid_article' // parsed, but does not describe an article (schema violation)
  | 'missing_title' // no title line
  | 'too_large' // a file, an article or one of its fields past a configured size limit
  | 'duplicate_id' // an id another article already had
  | 'too_many_errors'; // the file's problems past the per-file limit, counted but not listed

/** One problem found while loading a corpus. Loading goes on past it. */
export interface CorpusError {
  /** Path of the file, relative to the corpus folder. */
  file: string;
  /** 1-based line number within the file, where the problem is tied to a line. */
  line?: number;
  /** Machine-readable reason. */
  code: CorpusErrorCode;
  /** Human-readable reason naming the offending value. */
  reason: string;
}

/**
 * Something about a whole corpus worth telling its owner, given once per load, not per article:
 * `undeclared_fields`, properties (JSON) or trailer keys (reference format) that no default or
 * declared field reads, so they were ignored.
 */
export interface CorpusWarning {
  code: 'undeclared_fields';
  /** The ignored property or trailer key names, sorted. */
  fields: string[];
  /** How many articles carried at least one of them. */
  articles: number;
  /** Human-readable: the names, how many articles had each, and how to keep them. */
  reason: string;
}

/** What {@link loadCorpus} returns: every article that could be read, and every problem. */
export interface CorpusLoadResult {
  articles: Article[];
  errors: CorpusError[];
  /** Once-per-corpus warnings (see {@link CorpusWarning}); absent when there are none. */
  warnings?: CorpusWarning[];
}

/**
 * Sort orders for search results: `relevance`, `date` (newest first), `date_asc`, or a declared
 * number or date field, ascending (`wordCount`) or descending (`-wordCount`).
 */
export type SortOrder = 'relevance' | 'date' | 'date_asc' | (string & {});

/**
 * A range filter over a declared number or date field (or `date`): `gte`/`lte` inclusive,
 * `gt`/`lt` exclusive; numbers for number fields, ISO 8601 strings for date fields.
 */
export interface RangeFilter {
  gte?: number | string;
  lte?: number | string;
  gt?: number | string;
  lt?: number | string;
}

/** Min and max of a number or date field over the match set (`SearchOptions.stats`). */
export interface FieldStats {
  /** Matching articles that have a value. */
  count: number;
  min?: number | string;
  max?: number | string;
}

/**
 * Filters: for each field, the accepted values. Values of one field OR; fields AND. `S`, the
 * declared schema's type, adds its keyword fields (see lib/schema/schema-types.ts).
 */
export type Filters<S = DefaultSchema> = Partial<Record<FilterFieldOf<S>, readonly string[]>>;

/**
 * Options of {@link SearchIndex.search}. All optional. `S` is the declared schema's type: field
 * names in `filters`, `facets`, `ranges`, `sort` and `stats` are checked against it.
 */
export interface SearchOptions<S = DefaultSchema> {
  /** Facet filters. Values of one field OR together, different fields AND. */
  filters?: Filters<S>;
  /** Earliest date, inclusive (ISO 8601, `2019-01-01`). */
  dateFrom?: string;
  /** Latest date, inclusive (ISO 8601; a bare date includes the whole day). */
  dateTo?: string;
  /**
   * Facet fields to count over the whole match set: default facet fields and declared keyword
   * fields (values), declared number fields (range buckets, see `facetBuckets`). Default: none.
   */
  facets?: readonly FacetFieldOf<S>[];
  /**
   * Range filters over `date` and declared number and date fields, by field name. Fields AND
   * with each other and with `filters`; `ranges.date` ANDs with `dateFrom`/`dateTo`.
   */
  ranges?: Partial<Record<RangeFieldOf<S>, RangeFilter>>;
  /** Buckets of a number field's range facet for this query, overriding the field's declared `buckets`. */
  facetBuckets?: Partial<Record<FacetFieldOf<S>, readonly NumberBucket[]>>;
  /** Number and date fields (or `date`) whose min/max over the match set to return in `result.stats`. */
  stats?: readonly RangeFieldOf<S>[];
  /**
   * Also count matches over time. `true`: per calendar month (`YYYY-MM`), as
   * `{ interval: 'month' }`; an object chooses the interval, shares and a comparison series (see
   * {@link DateHistogramOptions}). Default: false. The histogram ignores `dateFrom`/`dateTo` (it
   * shows the whole timeline of the query, so a range can be picked from it); every other filter applies.
   */
  dateHistogram?: boolean | DateHistogramOptions;
  /**
   * `'duplicates'`: one hit per near-duplicate group (syndicated copies), the best-ranked matching
   * copy, carrying the other matching copies in `hit.duplicates`. Default: no collapsing.
   */
  collapse?: 'duplicates';
  /**
   * With `collapse`, what `total`, facet counts and the date histogram count: `'groups'` (default)
   * or `'articles'`. `result.totalArticles` always counts articles.
   */
  collapseCount?: 'groups' | 'articles';
  /** Maximum number of facet values returned per field. Default 20; 0 for all. */
  facetLimit?: number;
  /**
   * Result order. Default `relevance` (ties broken by newer date, then id). A number or date
   * field sorts ascending (`wordCount`) or descending (`-wordCount`), missing values last either
   * way, ties by score then index order.
   */
  sort?: SortOrderOf<S>;
  /** Number of hits to return. Default 10. The library sets no upper bound. */
  limit?: number;
  /** Number of hits to skip. Default 0. */
  offset?: number;
  /** Snippets per hit. Default 3; 0 for none. */
  snippets?: number;
  /** Maximum snippet length in characters. Default 200. */
  snippetLength?: number;
  /**
   * What each snippet of a hit carries besides `paragraph`: any of `text`, `html`, `matches`
   * (see {@link SNIPPET_PARTS}). Default: all three. A part left out is absent from the snippet,
   * which is how an answer stays small when its reader uses only one representation (the search
   * page needs `html` alone).
   */
  snippetParts?: readonly SnippetPart[];
  /**
   * Default true. `false` skips highlighting altogether, for callers that only need the ranked
   * ids and scores: `titleHtml` is then the escaped title without marks, and there are no
   * snippets whatever `snippets` says.
   */
  highlight?: boolean;
  /**
   * Which articles match a multi-term query. `any` (default): at least one term, ranked so that
   * articles matching more terms come first. `all`: every term.
   */
  match?: 'any' | 'all';
  /**
   * How far `total` is counted exactly (Elasticsearch's `track_total_hits`). A whole number ≥ 0:
   * matches are counted up to this many; when there are at least that many, `total` is this
   * number and `totalExact` is false ("10,000+ results"), which lets a relevance page skip the
   * postings that cannot reach it. `true`: always count exactly; `false`: as 0. Default
   * {@link DEFAULT_TRACK_TOTAL} (10,000). Answers that need every match anyway (facets, date
   * histogram, stats, collapse, filters and date or number ranges, sorts other than relevance,
   * pages deeper than 100, phrases and boolean queries, more than 16 terms with prefix
   * expansions) always count exactly.
   */
  trackTotal?: number | boolean;
}

/** The default of `SearchOptions.trackTotal`: totals are exact up to 10,000 matches (Elasticsearch's default). */
export const DEFAULT_TRACK_TOTAL = 10_000;

/** The bucket width of a date histogram; `auto` picks one by the span of the match set. */
export type HistogramInterval = 'day' | 'week' | 'month' | 'year';

/** Options of the date histogram ({@link SearchOptions.dateHistogram}). All optional. */
export interface DateHistogramOptions {
  /**
   * Bucket width. Default `month`. `auto` picks the finest of day, week, month, year that gives
   * at most 60 buckets over the span of the match set (so roughly 10–60 buckets).
   */
  interval?: HistogramInterval | 'auto';
  /**
   * Default false. `true` gives each bucket a `share`: its count divided by the number of live
   * articles of the whole index in that bucket (normalised attention: a busier month does not
   * look like more interest).
   */
  normalize?: boolean;
  /**
   * A second query whose histogram (same filters, interval and `normalize`) comes back in
   * `result.dateHistogramCompare`, both series over the same buckets, for two queries on one chart.
   */
  compare?: string;
}

/**
 * One bucket of a date histogram. `value`: `YYYY-MM-DD` (day), the ISO week's Monday
 * `YYYY-MM-DD` (week), `YYYY-MM` (month) or `YYYY` (year), in UTC (lib/dates).
 */
export interface HistogramBucket {
  value: string;
  count: number;
  /** `count` / live articles dated in this bucket, when `normalize` was asked for (0 when none). */
  share?: number;
}

/** Another copy of a collapsed hit's story (see {@link SearchOptions.collapse}). */
export interface DuplicateRef {
  id: string;
  title: string;
  date?: string;
  source?: string;
  publisher?: string;
}

/** One row of {@link SearchIndex.searchAll}: a matching article (or group) in sort order. */
export interface ExportRow {
  id: string;
  /** Relevance score, rounded as in hits (0 for an empty query). */
  score: number;
  article: Article;
  /** With `collapse`, the number of other matching copies of this article's story. */
  duplicateCount?: number;
}

/** Options of {@link SearchIndex.searchAll}: search options without paging, snippets or facets. */
export type ExportOptions<S = DefaultSchema> = Omit<SearchOptions<S>, 'limit' | 'offset' | 'snippets' | 'snippetLength' | 'snippetParts' | 'highlight' | 'facets' | 'facetLimit' | 'facetBuckets' | 'stats' | 'dateHistogram'>;

/** One value of a facet and how many matching articles carry it. */
export interface FacetValue {
  /** The value; for a number field's range bucket, its label (`300..800`, `..300`, `800..`). */
  value: string;
  count: number;
  /** A range bucket's lower bound (inclusive), when it has one. */
  from?: number;
  /** A range bucket's upper bound (exclusive), when it has one. */
  to?: number;
}

/** The representations a snippet can carry; {@link SearchOptions.snippetParts} picks among them. */
export const SNIPPET_PARTS = ['text', 'html', 'matches'] as const;

/** One of {@link SNIPPET_PARTS}. */
export type SnippetPart = (typeof SNIPPET_PARTS)[number];

/**
 * A snippet of a hit: `paragraph` always, and the parts of {@link Snippet} that
 * {@link SearchOptions.snippetParts} asked for (all of them by default).
 */
export type HitSnippet = Pick<Snippet, 'paragraph'> & Partial<Pick<Snippet, SnippetPart>>;

/** A highlighted passage from one paragraph of a hit. */
export interface Snippet {
  /** Index of the paragraph in `Article.paragraphs`; -1 for the title. */
  paragraph: number;
  /** The passage as plain text (with `…` where it was cut). */
  text: string;
  /** The passage HTML-escaped, matched words wrapped in `<mark>`. */
  html: string;
  /** Matched ranges in `text`, sorted, non-overlapping, adjacent matches merged. */
  matches: Range[];
}

/** One search result: an article with its score and best passages. */
export interface Hit {
  id: string;
  title: string;
  date?: string;
  publisher?: string;
  source?: string;
  category?: string[];
  /** Relevance score (higher is better); 0 when the query was empty. */
  score: number;
  /** The title HTML-escaped with matched words marked (unmarked with `highlight: false`). */
  titleHtml: string;
  /** The best passages, in document order; see {@link SearchOptions.snippetParts} for their parts. */
  snippets: HitSnippet[];
  /** With `collapse`: the other matching copies of this story, in rank order. */
  duplicates?: DuplicateRef[];
  /** With `collapse`: `duplicates.length`. */
  duplicateCount?: number;
  /** The declared fields marked `returned` that the article has (lib/schema). */
  fields?: Record<string, FieldValue>;
  /**
   * The declared `text` fields the query matched in (a word or phrase of it, unscoped or scoped
   * to that field), each whole, HTML-escaped, matched words in `<mark>`, as `titleHtml` is;
   * whatever the field's `returned` says, as snippets show unreturned paragraphs. Absent when
   * none matched or with `highlight: false`.
   */
  fieldsHtml?: Record<string, string>;
}

/** An article with the words of a query marked, for an article view ({@link SearchIndex.highlightArticle}). */
export interface HighlightedArticle {
  article: Article;
  /** The title, HTML-escaped, query terms in `<mark>`. */
  titleHtml: string;
  /** Every paragraph, HTML-escaped and marked, with its match ranges and whether it matched. */
  paragraphs: { html: string; matches: Range[]; matched: boolean }[];
  /**
   * Every declared `text` field the article has a value for (lib/schema), in schema order, each
   * whole, HTML-escaped, the query's matches in `<mark>` exactly as in a hit's
   * {@link Hit.fieldsHtml} (a clause scoped to a field marks only that field); unmarked when the
   * query does not match in it. Absent when the article has no text field value (always with
   * the default schema).
   */
  fieldsHtml?: Record<string, string>;
}

/** What {@link SearchIndex.search} returns. */
export interface SearchResult<S = DefaultSchema> {
  /** The query as given. */
  query: string;
  /**
   * Number of matching articles (after filters); with `collapse`, of groups unless
   * `collapseCount: 'articles'`. Exact when `totalExact`; otherwise a lower bound equal to
   * `trackTotal` (there are at least that many; see `SearchOptions.trackTotal`).
   */
  total: number;
  /** True when `total` is the exact number of matches, false when it is only "at least `total`". */
  totalExact: boolean;
  /** Time the search took, in milliseconds. */
  tookMs: number;
  /** The requested page of hits. */
  hits: Hit[];
  /** Counts per requested facet field over the whole match set, most frequent first. */
  facets: Partial<Record<FacetFieldOf<S>, FacetValue[]>>;
  /**
   * Matches per bucket, ascending, when `dateHistogram` was asked for; buckets between the first
   * and the last are all present (count 0 when empty), so a chart has no gaps.
   */
  dateHistogram?: HistogramBucket[];
  /** The interval the histogram used (`auto` resolved); absent for `dateHistogram: true` (months). */
  dateHistogramInterval?: HistogramInterval;
  /** The histogram of `dateHistogram.compare`, over the same buckets as `dateHistogram`. */
  dateHistogramCompare?: HistogramBucket[];
  /** With `collapse`: the number of matching articles (`total` may count groups). */
  totalArticles?: number;
  /** Min/max per field named in `SearchOptions.stats`. */
  stats?: Partial<Record<RangeFieldOf<S>, FieldStats>>;
  /** A corrected query, when the query matched nothing and a close spelling exists. */
  didYouMean?: string;
  /**
   * The query as the parser understood it, normalised (see README "Query syntax"): present
   * whenever the query is not blank; "" when nothing in it could be searched. A page shows it
   * when it differs from what was typed.
   */
  interpretedAs?: string;
  /**
   * True when the query had text but nothing in it could be searched (only stop words,
   * punctuation or emoji: `the`, `!!!`): `total` is then 0 and there are no hits.
   */
  unsearchable?: boolean;
}

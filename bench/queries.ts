/**
 * The query set: 1–3 word queries sampled from article titles with a seeded generator, and a
 * slice of them with a facet filter and a date range.
 */
import type { Article, Filters } from '../lib/index.js';
import type { Rng } from './rng.js';

/** A query with a facet filter (one topic or place) and a date range. */
export interface FilteredQuery {
  q: string;
  filters: Filters;
  dateFrom: string;
  dateTo: string;
}

/** What {@link buildQuerySet} returns. */
export interface QuerySet {
  /** Distinct free-text queries, in sampling order. */
  queries: string[];
  /** Queries with filters; their text is sampled the same way (and may repeat a plain query). */
  filtered: FilteredQuery[];
  /** How many queries have 1, 2 and 3 words. */
  numByLength: [number, number, number];
}

/** Options of {@link buildQuerySet}. */
export interface QuerySetOptions {
  /** Number of distinct plain queries. Default 1000. */
  numQueries?: number;
  /** Number of filtered queries. Default 200. */
  numFiltered?: number;
}

const WORD = /[a-z]+/g;
const DAY_MS = 86_400_000;
/** Half-width of the date window around the source article's date, in days (drawn uniformly). */
const MAX_HALF_WINDOW_DAYS = 60;

/** The lower-cased title words usable in a query: letters only, 2+ characters, no stop words. */
export function titleWords(title: string, stopWords: ReadonlySet<string>): string[] {
  return (title.toLowerCase().match(WORD) ?? []).filter((w) => w.length > 1 && !stopWords.has(w));
}

/**
 * Samples a query: a random article's title words, then a window of 1–3 consecutive ones
 * (consecutive, because people type phrases from headlines, not scattered words).
 */
function sampleQuery(candidates: readonly { article: Article; words: string[] }[], rng: Rng): { q: string; article: Article } {
  const { article, words } = rng.pick(candidates);
  const n = Math.min(words.length, 1 + rng.int(3));
  const start = rng.int(words.length - n + 1);
  return { q: words.slice(start, start + n).join(' '), article };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Builds the query set. Filtered queries take their filter value from the article the query was
 * sampled from (a topic when it has one, else a place; articles with neither are redrawn) and a
 * date window of ±0–60 days around its date, so most of them match something, as real ones do.
 */
export function buildQuerySet(
  articles: readonly Article[],
  stopWords: ReadonlySet<string>,
  rng: Rng,
  options: QuerySetOptions = {},
): QuerySet {
  const numQueries = options.numQueries ?? 1000;
  const numFiltered = options.numFiltered ?? 200;
  const candidates = articles
    .map((article) => ({ article, words: titleWords(article.title, stopWords) }))
    .filter((c) => c.words.length > 0);
  if (candidates.length === 0) throw new Error('no article title has a usable word: cannot sample queries');

  const seen = new Set<string>();
  const queries: string[] = [];
  const numByLength: [number, number, number] = [0, 0, 0];
  const maxAttempts = numQueries * 50;
  for (let attempt = 0; queries.length < numQueries && attempt < maxAttempts; attempt++) {
    const { q } = sampleQuery(candidates, rng);
    if (seen.has(q)) continue;
    seen.add(q);
    queries.push(q);
    numByLength[q.split(' ').length - 1]++;
  }

  const dated = candidates.filter(
    (c) => c.article.date !== undefined && ((c.article.topics?.length ?? 0) > 0 || (c.article.places?.length ?? 0) > 0),
  );
  // Not reachable with Reuters (every record is dated and most carry a topic or place), but a
  // corpus without dates or facets gets no filtered queries rather than an endless loop.
  const filtered: FilteredQuery[] = [];
  if (dated.length > 0) {
    while (filtered.length < numFiltered) {
      const { q, article } = sampleQuery(dated, rng);
      const topics = article.topics ?? [];
      const places = article.places ?? [];
      const filters: Filters = topics.length > 0 ? { topics: [rng.pick(topics)] } : { places: [rng.pick(places)] };
      const day = Date.parse(`${(article.date ?? '').slice(0, 10)}T00:00:00Z`);
      filtered.push({
        q,
        filters,
        dateFrom: isoDay(day - rng.int(MAX_HALF_WINDOW_DAYS + 1) * DAY_MS),
        dateTo: isoDay(day + rng.int(MAX_HALF_WINDOW_DAYS + 1) * DAY_MS),
      });
    }
  }
  return { queries, filtered, numByLength };
}

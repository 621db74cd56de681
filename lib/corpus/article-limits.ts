/**
 * Size limits on every part of an article, so that one malformed or hostile file cannot put a
 * 50 MB "title" in the index (every search that hits it would return it) or a hundred thousand
 * category values in the facets.
 */
import type { ListField } from '../types.js';
import type { ArticleDraft } from './article-draft.js';

/** The limits an article is checked against, all in characters (UTF-16 code units) or counts. */
export interface ArticleLimits {
  /** Longest title. */
  maxTitleChars: number;
  /** Longest paragraph, and longest value of a declared text field. */
  maxParagraphChars: number;
  /** Most paragraphs. */
  maxParagraphs: number;
  /**
   * Longest id, publisher, source, author, dateline or url, longest value of a list field, and
   * longest value of a declared field other than a text field.
   */
  maxFieldChars: number;
  /** Most values in one list field (category, topics, places, people, organisations, exchanges, or a declared list). */
  maxListValues: number;
  /** Largest article: title, paragraphs and every field value together. */
  maxArticleChars: number;
}

/** Default {@link ArticleLimits.maxTitleChars}: 1 000 (headlines run to about 200). */
export const DEFAULT_MAX_TITLE_CHARS = 1_000;
/** Default {@link ArticleLimits.maxParagraphChars}: 100 000. */
export const DEFAULT_MAX_PARAGRAPH_CHARS = 100_000;
/** Default {@link ArticleLimits.maxParagraphs}: 10 000. */
export const DEFAULT_MAX_PARAGRAPHS = 10_000;
/** Default {@link ArticleLimits.maxFieldChars}: 2 000 (the longest URL browsers reliably take). */
export const DEFAULT_MAX_FIELD_CHARS = 2_000;
/** Default {@link ArticleLimits.maxListValues}: 1 000 (Reuters articles carry at most a few dozen). */
export const DEFAULT_MAX_LIST_VALUES = 1_000;
/** Default {@link ArticleLimits.maxArticleChars}: 1 000 000 (a long feature is about 50 000). */
export const DEFAULT_MAX_ARTICLE_CHARS = 1_000_000;

const SCALAR_FIELDS = ['id', 'publisher', 'source', 'author', 'dateline', 'url'] as const;
const LIST_FIELDS: readonly ListField[] = ['category', 'topics', 'places', 'people', 'organisations', 'exchanges'];

const over = (what: string, size: number, unit: string, limit: number, option: string): string =>
  `${what} is ${size} ${unit}, over the limit of ${limit} (${option})`;

const NO_FIELDS: ReadonlySet<string> = new Set();

/** The characters of an article's declared field values, or the reason one is past its limit. */
function declaredChars(article: ArticleDraft, limits: ArticleLimits, textFields: ReadonlySet<string>): number | string {
  let total = 0;
  for (const [name, value] of Object.entries(article.fields ?? {})) {
    if (typeof value === 'string') {
      const text = textFields.has(name);
      const limit = text ? limits.maxParagraphChars : limits.maxFieldChars;
      if (value.length > limit) {
        return over(`field "${name}"`, value.length, 'characters', limit, text ? 'maxParagraphChars' : 'maxFieldChars');
      }
      total += value.length;
    } else if (typeof value !== 'number' && typeof value !== 'boolean') {
      const chars = listChars(name, value, limits);
      if (typeof chars === 'string') return chars;
      total += chars;
    }
  }
  return total;
}

/** The characters of a list field's values, or the reason the list or a value is past its limit. */
function listChars(field: string, values: readonly string[], limits: ArticleLimits): number | string {
  if (values.length > limits.maxListValues) {
    return over(`field "${field}"`, values.length, 'values', limits.maxListValues, 'maxListValues');
  }
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i].length > limits.maxFieldChars) {
      return over(`field "${field}[${i}]"`, values[i].length, 'characters', limits.maxFieldChars, 'maxFieldChars');
    }
    total += values[i].length;
  }
  return total;
}

/**
 * Checks an article against the limits; declared fields named in `textFields` are held to the
 * paragraph limit, other declared string values to the field limit.
 *
 * @returns undefined when the article is within every limit, else a reason naming the first
 *   field past its limit, its size and the limit (`field "title" is 52428800 characters, over
 *   the limit of 1000 (maxTitleChars)`).
 */
export function findLimitBreach(article: ArticleDraft, limits: ArticleLimits, textFields: ReadonlySet<string> = NO_FIELDS): string | undefined {
  let total = article.title.length;
  if (article.title.length > limits.maxTitleChars) {
    return over('field "title"', article.title.length, 'characters', limits.maxTitleChars, 'maxTitleChars');
  }
  const { paragraphs } = article;
  if (paragraphs.length > limits.maxParagraphs) {
    return over('the article', paragraphs.length, 'paragraphs', limits.maxParagraphs, 'maxParagraphs');
  }
  for (let i = 0; i < paragraphs.length; i++) {
    const { length } = paragraphs[i];
    if (length > limits.maxParagraphChars) {
      return over(`paragraph ${i + 1}`, length, 'characters', limits.maxParagraphChars, 'maxParagraphChars');
    }
    total += length;
  }
  for (const field of SCALAR_FIELDS) {
    const value = article[field];
    if (value === undefined) continue;
    if (value.length > limits.maxFieldChars) {
      return over(`field "${field}"`, value.length, 'characters', limits.maxFieldChars, 'maxFieldChars');
    }
    total += value.length;
  }
  for (const field of LIST_FIELDS) {
    const values = article[field];
    if (values === undefined) continue;
    const chars = listChars(field, values, limits);
    if (typeof chars === 'string') return chars;
    total += chars;
  }
  const declared = declaredChars(article, limits, textFields);
  if (typeof declared === 'string') return declared;
  total += declared;
  if (total > limits.maxArticleChars) {
    return over('the article', total, 'characters', limits.maxArticleChars, 'maxArticleChars');
  }
  return undefined;
}

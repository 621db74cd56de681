/**
 * JSON corpus files: a `.json` file holds one article object or an array of them; a `.jsonl` or
 * `.ndjson` file holds one article object per line. Every article is checked against
 * `schema/article.schema.json` and normalised to the `Article` shape.
 */
import type { CorpusError, ListField } from '../types.js';
import type { ArticleDraft } from './article-draft.js';
import { validateArticleRecord } from './article-schema.js';
import { normaliseIsoDate } from './iso-date.js';
import { normaliseText, toOneLine } from './normalise-text.js';

/** How a JSON corpus file is laid out: one document (`json`) or one document per line (`ndjson`). */
export type JsonArticlesKind = 'json' | 'ndjson';

/** An article read from a JSON file, with where in the file it was. */
export interface ArticleWithLine {
  /** The article; `id` is present only when the JSON gave one. */
  article: ArticleDraft;
  /** 1-based line, for NDJSON files. */
  line?: number;
  /** 0-based position in the top-level array, for `.json` files holding an array. */
  index?: number;
}

/** What {@link parseJsonArticles} returns: the articles that could be read, and the problems. */
export interface JsonParseResult {
  articles: ArticleWithLine[];
  errors: CorpusError[];
}

const SCALAR_FIELDS = ['publisher', 'source', 'author', 'dateline', 'url'] as const;
const LIST_FIELDS: readonly ListField[] = ['category', 'topics', 'places', 'people', 'organisations', 'exchanges'];

/** A list field's items: a lone string is a list of one; trimmed, empty items and repeats dropped. */
function stringList(value: unknown): string[] {
  const items: readonly unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  const strings = items.filter((item): item is string => typeof item === 'string');
  return [...new Set(strings.map((item) => item.trim()).filter((item) => item !== ''))];
}

/**
 * Builds an article from a record the schema accepted: strings trimmed (ids kept exactly),
 * empty strings and lists dropped, `category` made a list, `body` split into paragraphs on blank
 * lines when `paragraphs` is absent, the date in canonical ISO form.
 *
 * @returns the article, or a reason when a value the schema lets through is still unusable.
 */
export function normaliseJsonArticle(record: Readonly<Record<string, unknown>>): ArticleDraft | string {
  const title = typeof record.title === 'string' ? record.title.trim() : '';
  let paragraphs: string[];
  if (Array.isArray(record.paragraphs)) {
    paragraphs = record.paragraphs.filter((p: unknown): p is string => typeof p === 'string').map(toOneLine);
  } else if (typeof record.body === 'string') {
    paragraphs = normaliseText(record.body).split(/\n[^\S\n]*\n\s*/).map(toOneLine);
  } else {
    throw new Error('internal: schema let an article without paragraphs or body through');
  }
  const article: ArticleDraft = { title, paragraphs: paragraphs.filter((p) => p !== '') };
  if (typeof record.id === 'string') article.id = record.id;

  if (typeof record.date === 'string') {
    const date = normaliseIsoDate(record.date.trim());
    if (date === undefined) return `field "date" is not a valid date or date-time, got ${JSON.stringify(record.date)}`;
    article.date = date;
  }
  for (const field of SCALAR_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value.trim() !== '') article[field] = value.trim();
  }
  for (const field of LIST_FIELDS) {
    const values = stringList(record[field]);
    if (values.length > 0) article[field] = values;
  }
  return article;
}

/** Validates and normalises one parsed value; returns the article or the reason it is not one. */
function readArticle(value: unknown): ArticleDraft | string {
  const checked = validateArticleRecord(value);
  return checked.ok ? normaliseJsonArticle(checked.record) : checked.reason;
}

/**
 * The message of a JSON.parse failure, and the 1-based line it points at when the message says
 * (V8 gives a position for some failures, a context excerpt for others; that one has no line).
 */
function describeSyntaxError(error: unknown, text: string): { message: string; line?: number } {
  const message = error instanceof Error ? error.message : String(error);
  // A failure at the very end points past the trailing newline; the last line with text is
  // where the reader should look.
  const lastLine = text.trimEnd().split('\n').length;
  const lineMatch = /\bline (\d+)/.exec(message);
  if (lineMatch) return { message, line: Math.min(Number(lineMatch[1]), lastLine) };
  const position = /\bposition (\d+)/.exec(message);
  if (position) return { message, line: Math.min(text.slice(0, Number(position[1])).split('\n').length, lastLine) };
  if (/end of JSON input/.test(message)) return { message, line: lastLine };
  return { message };
}

function parseJsonDocument(text: string, file: string): JsonParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { message, line } = describeSyntaxError(error, text);
    const reason = `not valid JSON: ${message}`;
    return { articles: [], errors: [line === undefined ? { file, code: 'invalid_json', reason } : { file, line, code: 'invalid_json', reason }] };
  }
  const result: JsonParseResult = { articles: [], errors: [] };
  if (!Array.isArray(value)) {
    const article = readArticle(value);
    if (typeof article === 'string') result.errors.push({ file, code: 'invalid_article', reason: article });
    else result.articles.push({ article });
    return result;
  }
  value.forEach((item: unknown, index) => {
    const article = readArticle(item);
    if (typeof article === 'string') result.errors.push({ file, code: 'invalid_article', reason: `article [${index}]: ${article}` });
    else result.articles.push({ article, index });
  });
  return result;
}

function parseNdjson(text: string, file: string): JsonParseResult {
  const result: JsonParseResult = { articles: [], errors: [] };
  text.split('\n').forEach((lineText, i) => {
    const line = i + 1;
    if (lineText.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      const reason = `line ${line} is not valid JSON: ${describeSyntaxError(error, lineText).message}`;
      result.errors.push({ file, line, code: 'invalid_json', reason });
      return;
    }
    const article = readArticle(value);
    if (typeof article === 'string') result.errors.push({ file, line, code: 'invalid_article', reason: article });
    else result.articles.push({ article, line });
  });
  return result;
}

/**
 * Reads the articles of a JSON or NDJSON corpus file.
 *
 * A bad article (schema violation: `invalid_article`) or NDJSON line (`invalid_json`, with its
 * 1-based line) is reported and the others still load; blank NDJSON lines are skipped. Extra
 * properties an article carries beyond the schema's are ignored.
 *
 * @param text - the whole file (a BOM and CRLF line ends are tolerated).
 * @param file - the file's path, used in the errors.
 * @param kind - `json` for one document (an article or an array of them), `ndjson` for one
 *   article per line.
 */
export function parseJsonArticles(text: string, file: string, kind: JsonArticlesKind): JsonParseResult {
  const normalised = normaliseText(text);
  if (normalised.trim() === '') {
    return { articles: [], errors: [{ file, code: 'empty', reason: 'the file has no text' }] };
  }
  return kind === 'json' ? parseJsonDocument(normalised, file) : parseNdjson(normalised, file);
}

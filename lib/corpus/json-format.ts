/**
 * JSON corpus files: a `.json` file holds one article object or an array of them; a `.jsonl` or
 * `.ndjson` file holds one article object per line. Every article is checked against the article
 * JSON Schema of the declared schema (`schema/article.schema.json` for the default) and
 * normalised to the `Article` shape, declared properties going to `Article.fields`.
 */
import type { CorpusError, ListField } from '../types.js';
import type { SchemaDefinition } from '../schema/field-schema.js';
import { resolveSchema } from '../schema/resolve-schema.js';
import type { ArticleDraft } from './article-draft.js';
import { validateArticleRecord } from './article-schema.js';
import { corpusSchema, readJsonFields, stringList, type CorpusSchema } from './declared-fields.js';
import { DEFAULT_MAX_ERRORS_PER_FILE, FileErrors } from './file-errors.js';
import { findExcessJsonDepth, MAX_JSON_DEPTH } from './json-depth.js';
import { normaliseIsoDate } from '../dates/iso-date.js';
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
  /** Its properties that neither the default fields nor the declared schema read; absent when none. */
  undeclared?: string[];
}

/** What {@link parseJsonArticles} returns: the articles that could be read, and the problems. */
export interface JsonParseResult {
  articles: ArticleWithLine[];
  errors: CorpusError[];
}

const SCALAR_FIELDS = ['publisher', 'source', 'author', 'dateline', 'url'] as const;
const LIST_FIELDS: readonly ListField[] = ['category', 'topics', 'places', 'people', 'organisations', 'exchanges'];

/** What {@link normaliseJsonArticle} gives: the article and the properties it did not read. */
export interface NormalisedJsonArticle {
  article: ArticleDraft;
  /** Properties neither a default field nor a declared one. */
  undeclared: string[];
}

const DEFAULT_SCHEMA = corpusSchema();

/**
 * Builds an article from a record the schema accepted: strings trimmed (ids kept exactly),
 * empty strings and lists dropped, `category` made a list, `body` split into paragraphs on blank
 * lines when `paragraphs` is absent, the date in canonical ISO form; default fields the schema
 * drops left out, declared fields read into `fields` (see `declared-fields.ts`).
 *
 * @returns the article, or a reason when a value the schema lets through is still unusable.
 */
export function normaliseJsonArticle(record: Readonly<Record<string, unknown>>, schema: CorpusSchema = DEFAULT_SCHEMA): NormalisedJsonArticle | string {
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
    if (typeof value === 'string' && value.trim() !== '' && !schema.dropped.has(field)) article[field] = value.trim();
  }
  for (const field of LIST_FIELDS) {
    const values = stringList(record[field]);
    if (values.length > 0 && !schema.dropped.has(field)) article[field] = values;
  }
  const declared = readJsonFields(record, schema);
  if (typeof declared === 'string') return declared;
  if (declared.fields !== undefined) article.fields = declared.fields;
  return { article, undeclared: declared.undeclared };
}

/** Validates and normalises one parsed value; returns the article or the reason it is not one. */
function readArticle(value: unknown, schema: CorpusSchema): NormalisedJsonArticle | string {
  const checked = validateArticleRecord(value, schema.resolved.definition);
  return checked.ok ? normaliseJsonArticle(checked.record, schema) : checked.reason;
}

/** An article read from a file, at `where`, with its undeclared properties when it has some. */
function located(read: NormalisedJsonArticle, where: { line?: number; index?: number }): ArticleWithLine {
  const result: ArticleWithLine = { article: read.article, ...where };
  if (read.undeclared.length > 0) result.undeclared = read.undeclared;
  return result;
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

/** The error for text nested past {@link MAX_JSON_DEPTH}, or undefined when it is not. */
function tooDeep(text: string, file: string, line: number | undefined): CorpusError | undefined {
  const offset = findExcessJsonDepth(text);
  if (offset === -1) return undefined;
  const reason = `JSON nested more than ${MAX_JSON_DEPTH} levels deep (at character ${offset}); an article needs 3`;
  return line === undefined ? { file, code: 'too_large', reason } : { file, line, code: 'too_large', reason };
}

function readJsonDocument(text: string, file: string, errors: FileErrors, schema: CorpusSchema): ArticleWithLine[] {
  const deep = tooDeep(text, file, undefined);
  if (deep) {
    errors.push(deep);
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { message, line } = describeSyntaxError(error, text);
    const reason = `not valid JSON: ${message}`;
    errors.push(line === undefined ? { file, code: 'invalid_json', reason } : { file, line, code: 'invalid_json', reason });
    return [];
  }
  if (!Array.isArray(value)) {
    const article = readArticle(value, schema);
    if (typeof article === 'string') {
      errors.push({ file, code: 'invalid_article', reason: article });
      return [];
    }
    return [located(article, {})];
  }
  if (value.length === 0) {
    // Valid JSON, but a file that adds nothing should say so rather than pass unnoticed.
    errors.push({ file, code: 'empty', reason: 'the file holds an empty array: no articles' });
    return [];
  }
  const articles: ArticleWithLine[] = [];
  value.forEach((item: unknown, index) => {
    const article = readArticle(item, schema);
    if (typeof article === 'string') errors.push({ file, code: 'invalid_article', reason: `article [${index}]: ${article}` });
    else articles.push(located(article, { index }));
  });
  return articles;
}

function readNdjson(text: string, file: string, errors: FileErrors, schema: CorpusSchema): ArticleWithLine[] {
  const articles: ArticleWithLine[] = [];
  text.split('\n').forEach((lineText, i) => {
    const line = i + 1;
    if (lineText.trim() === '') return;
    const deep = tooDeep(lineText, file, line);
    if (deep) {
      errors.push(deep);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      const reason = `line ${line} is not valid JSON: ${describeSyntaxError(error, lineText).message}`;
      errors.push({ file, line, code: 'invalid_json', reason });
      return;
    }
    const article = readArticle(value, schema);
    if (typeof article === 'string') errors.push({ file, line, code: 'invalid_article', reason: article });
    else articles.push(located(article, { line }));
  });
  return articles;
}

/**
 * Reads the articles of a JSON or NDJSON corpus file into `errors`, a bounded list the caller
 * may go on adding to (the loader adds duplicate ids and size limits). See
 * {@link parseJsonArticles}.
 */
export function readJsonArticles(text: string, file: string, kind: JsonArticlesKind, errors: FileErrors, schema: CorpusSchema = DEFAULT_SCHEMA): ArticleWithLine[] {
  const normalised = normaliseText(text);
  if (normalised.trim() === '') {
    errors.push({ file, code: 'empty', reason: 'the file has no text' });
    return [];
  }
  return kind === 'json' ? readJsonDocument(normalised, file, errors, schema) : readNdjson(normalised, file, errors, schema);
}

/** Options of {@link parseJsonArticles}. All optional. */
export interface ParseJsonArticlesOptions {
  /**
   * How many problems are listed; past it they are counted in one last `too_many_errors`
   * entry. Default 100; a positive integer.
   */
  maxErrors?: number;
  /** The declared schema to read with (see `LoadCorpusOptions.schema`). Default: the default schema. */
  schema?: SchemaDefinition;
}

/**
 * Reads the articles of a JSON or NDJSON corpus file.
 *
 * A bad article (schema violation: `invalid_article`) or NDJSON line (`invalid_json`, with its
 * 1-based line) is reported and the others still load; blank NDJSON lines are skipped. Extra
 * properties an article carries beyond the schema's are ignored (and named in `undeclared`). JSON nested more than 64
 * levels deep ({@link MAX_JSON_DEPTH}) is refused as `too_large` before it is parsed. Never
 * throws on the content of `text`.
 *
 * @param text - the whole file (a BOM and CRLF line ends are tolerated).
 * @param file - the file's path, used in the errors.
 * @param kind - `json` for one document (an article or an array of them), `ndjson` for one
 *   article per line.
 * @throws RangeError when `options.maxErrors` is not a positive integer; SearchError
 *   `invalid_schema` when `options.schema` is not a valid schema.
 */
export function parseJsonArticles(text: string, file: string, kind: JsonArticlesKind, options: ParseJsonArticlesOptions = {}): JsonParseResult {
  const { maxErrors = DEFAULT_MAX_ERRORS_PER_FILE, schema } = options;
  if (!Number.isSafeInteger(maxErrors) || maxErrors < 1) {
    throw new RangeError(`parseJsonArticles option maxErrors must be a positive integer, got ${String(maxErrors)}`);
  }
  const errors = new FileErrors(file, maxErrors);
  const read = readJsonArticles(text, file, kind, errors, schema === undefined ? DEFAULT_SCHEMA : corpusSchema(resolveSchema(schema)));
  // The undeclared names are the loader's, for its once-per-corpus warning.
  const articles = read.map(({ undeclared: _undeclared, ...located }) => located);
  return { articles, errors: errors.list() };
}

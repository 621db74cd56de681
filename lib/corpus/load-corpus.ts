/**
 * Loading a whole corpus folder: every article file in it, in a deterministic order, with every
 * problem reported rather than thrown.
 */
import { open, stat } from 'node:fs/promises';
import { SearchError } from '../errors.js';
import type { Article, CorpusError, CorpusLoadResult, CorpusWarning } from '../types.js';
import type { SchemaDefinition } from '../schema/field-schema.js';
import { corpusSchema, type CorpusSchema } from './declared-fields.js';
import { resolveSchema } from '../schema/resolve-schema.js';
import type { ArticleDraft } from './article-draft.js';
import {
  DEFAULT_MAX_ARTICLE_CHARS,
  DEFAULT_MAX_FIELD_CHARS,
  DEFAULT_MAX_LIST_VALUES,
  DEFAULT_MAX_PARAGRAPH_CHARS,
  DEFAULT_MAX_PARAGRAPHS,
  DEFAULT_MAX_TITLE_CHARS,
  findLimitBreach,
  type ArticleLimits,
} from './article-limits.js';
import { ByteBudget } from './byte-budget.js';
import { decodeCorpusBytes } from './decode-corpus-bytes.js';
import { DEFAULT_MAX_ERRORS_PER_FILE, FileErrors } from './file-errors.js';
import { readJsonArticles } from './json-format.js';
import { listCorpusFiles, type CorpusFile, type CorpusFileListing } from './list-corpus-files.js';
import { mapConcurrent } from './map-concurrent.js';
import { parseReferenceArticle } from './reference-format.js';
import { checkOptions, checkString, rangeToSearchError } from '../check-argument.js';

/** How a corpus file is read: the plain-text reference format, one JSON document, or NDJSON. */
export type CorpusFileFormat = 'reference' | 'json' | 'ndjson';

/** Default {@link LoadCorpusOptions.maxFileBytes}: 64 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Default {@link LoadCorpusOptions.concurrency}: 16 files read at a time. */
export const DEFAULT_READ_CONCURRENCY = 16;
/** Default {@link LoadCorpusOptions.extensions}. */
export const DEFAULT_CORPUS_EXTENSIONS: Readonly<Record<string, CorpusFileFormat>> = {
  '.txt': 'reference',
  '.json': 'json',
  '.jsonl': 'ndjson',
  '.ndjson': 'ndjson',
};

/**
 * Options of {@link loadCorpus}. All optional. Every size limit is a positive integer; an
 * article past any of them is skipped (never truncated: a cut title, URL or id would be wrong
 * rather than short) and reported as `too_large`, naming the field, its size and the limit.
 */
export interface LoadCorpusOptions {
  /**
   * Largest file read, in bytes; a larger file is reported as `too_large` without being read.
   * Also the most bytes of files read and parsed at the same time (a larger file waits until
   * it is alone), since parsing can take some fifteen times a file's size in memory.
   * Default 64 MiB ({@link DEFAULT_MAX_FILE_BYTES}).
   */
  maxFileBytes?: number;
  /**
   * Longest title, in characters (UTF-16 code units). Default 1 000
   * ({@link DEFAULT_MAX_TITLE_CHARS}): a longer "title" is nearly always a file that is one
   * long line, and every search hitting it would return all of it.
   */
  maxTitleChars?: number;
  /**
   * Longest paragraph, in characters. Such a "paragraph" is nearly always a file whose
   * paragraph breaks were lost, and it would make every snippet of it useless. Default 100 000
   * ({@link DEFAULT_MAX_PARAGRAPH_CHARS}).
   */
  maxParagraphChars?: number;
  /** Most paragraphs in one article. Default 10 000 ({@link DEFAULT_MAX_PARAGRAPHS}). */
  maxParagraphs?: number;
  /**
   * Longest value of every other text field, in characters: id, publisher, source, author,
   * dateline, url, and each value of a list field. Default 2 000 ({@link DEFAULT_MAX_FIELD_CHARS}).
   */
  maxFieldChars?: number;
  /**
   * Most values in one list field (category, topics, places, people, organisations, exchanges).
   * Default 1 000 ({@link DEFAULT_MAX_LIST_VALUES}).
   */
  maxListValues?: number;
  /**
   * Largest article in characters: title, paragraphs and every field value together. Default
   * 1 000 000 ({@link DEFAULT_MAX_ARTICLE_CHARS}).
   */
  maxArticleChars?: number;
  /**
   * Most problems listed for one file; past it they are only counted, in one last
   * `too_many_errors` entry for the file, so a file of millions of bad lines costs bounded
   * memory. Default 100 ({@link DEFAULT_MAX_ERRORS_PER_FILE}).
   */
  maxErrorsPerFile?: number;
  /**
   * Which file extensions are read, and how: keys are extensions (`.txt`; the dot is optional,
   * case does not matter), values the format. Replaces the default map entirely
   * ({@link DEFAULT_CORPUS_EXTENSIONS}: `.txt` reference, `.json` JSON, `.jsonl` and `.ndjson`
   * NDJSON). Files with other extensions are ignored.
   */
  extensions?: Readonly<Record<string, CorpusFileFormat>>;
  /**
   * How many files are read at the same time. Default 16 ({@link DEFAULT_READ_CONCURRENCY}),
   * enough to keep a local disk busy without exhausting file handles; a positive integer.
   * The result does not depend on it.
   */
  concurrency?: number;
  /**
   * Reads only the files whose relative path (`/` separators) this approves; the others are
   * not opened. Default: every file. For incremental updates, which re-read only the files that
   * changed (see {@link listCorpus}); ids, origins and errors are as a full load gives them,
   * except that a duplicate id is only found among the files read.
   */
  only?: (relative: string) => boolean;
  /**
   * The declared schema (lib/schema) to read with: JSON articles are validated against the
   * article JSON Schema generated from it and their declared properties go to `Article.fields`;
   * reference-format trailer lines whose key is a declared field's name or label
   * (case-insensitive; `Tags: a, b` for a multiple keyword) likewise; dropped default fields are
   * not read. Default: the default schema.
   */
  schema?: SchemaDefinition;
}

interface ResolvedOptions {
  schema: CorpusSchema;
  maxFileBytes: number;
  limits: ArticleLimits;
  maxErrorsPerFile: number;
  extensions: ReadonlyMap<string, CorpusFileFormat>;
  concurrency: number;
  only: (relative: string) => boolean;
}

const isFormat = (value: unknown): value is CorpusFileFormat => value === 'reference' || value === 'json' || value === 'ndjson';

function positiveInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`loadCorpus option ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

function resolveExtensions(value: unknown): Map<string, CorpusFileFormat> {
  const extensions = new Map<string, CorpusFileFormat>();
  if (value === undefined) value = DEFAULT_CORPUS_EXTENSIONS;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RangeError('loadCorpus option extensions must be an object mapping extensions to formats');
  }
  for (const [ext, format] of Object.entries(value)) {
    if (!isFormat(format)) {
      throw new RangeError(`loadCorpus option extensions: "${ext}" must map to reference, json or ndjson, got ${String(format)}`);
    }
    extensions.set((ext.startsWith('.') ? ext : `.${ext}`).toLowerCase(), format);
  }
  return extensions;
}

function resolveOnly(value: unknown): (relative: string) => boolean {
  if (value === undefined) return () => true;
  if (typeof value !== 'function') throw new RangeError(`loadCorpus option only must be a function, got ${typeof value}`);
  return value as (relative: string) => boolean;
}

function resolveOptions(options: LoadCorpusOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new RangeError('loadCorpus options must be an object');
  const n = (name: keyof LoadCorpusOptions, fallback: number): number => positiveInteger(name, options[name], fallback);
  return {
    maxFileBytes: n('maxFileBytes', DEFAULT_MAX_FILE_BYTES),
    limits: {
      maxTitleChars: n('maxTitleChars', DEFAULT_MAX_TITLE_CHARS),
      maxParagraphChars: n('maxParagraphChars', DEFAULT_MAX_PARAGRAPH_CHARS),
      maxParagraphs: n('maxParagraphs', DEFAULT_MAX_PARAGRAPHS),
      maxFieldChars: n('maxFieldChars', DEFAULT_MAX_FIELD_CHARS),
      maxListValues: n('maxListValues', DEFAULT_MAX_LIST_VALUES),
      maxArticleChars: n('maxArticleChars', DEFAULT_MAX_ARTICLE_CHARS),
    },
    maxErrorsPerFile: n('maxErrorsPerFile', DEFAULT_MAX_ERRORS_PER_FILE),
    extensions: resolveExtensions(options.extensions),
    concurrency: n('concurrency', DEFAULT_READ_CONCURRENCY),
    only: resolveOnly(options.only),
    schema: corpusSchema(resolveSchema(options.schema)),
  };
}

/** The extension of the last path segment, with its dot (`.txt`), or '' when it has none. */
function extensionOf(relative: string): string {
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/** What reading one file gave. */
interface FileOutcome {
  file: string;
  /** The articles, each with its NDJSON line or JSON array index when it has one. */
  articles: Array<{ article: Article; line?: number; index?: number; undeclared?: string[] }>;
  errors: FileErrors;
}

/** A draft with where it came from, before it gets its id. */
interface Located {
  draft: ArticleDraft;
  line?: number;
  index?: number;
  /** Its properties or trailer keys nothing reads. */
  undeclared?: string[];
}

function describeFsError(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  return `could not read the file${code ? ` (${code})` : ''}`;
}

/**
 * Reads a file's bytes, unless it is over the size limit (checked before reading). The bytes
 * are taken from `budget` before reading: on success the caller must release `held` once it has
 * parsed them; on failure nothing is held.
 */
async function readBytes(file: CorpusFile, maxFileBytes: number, budget: ByteBudget): Promise<{ bytes: Uint8Array; held: number } | CorpusError> {
  const tooLarge = (size: number): CorpusError => ({
    file: file.relative,
    code: 'too_large',
    reason: `the file is ${size} bytes, over the limit of ${maxFileBytes} (maxFileBytes)`,
  });
  try {
    const handle = await open(file.path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxFileBytes) return tooLarge(size);
      await budget.acquire(size);
      let bytes: Uint8Array;
      try {
        bytes = await handle.readFile();
      } catch (error) {
        budget.release(size);
        throw error;
      }
      // The file may have grown since stat.
      if (bytes.length > maxFileBytes) {
        budget.release(size);
        return tooLarge(bytes.length);
      }
      return { bytes, held: size };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { file: file.relative, code: 'read_failed', reason: describeFsError(error) };
  }
}

/** Parses decoded text into drafts, by format, its problems going to `errors`. */
function parseText(text: string, file: string, format: CorpusFileFormat, errors: FileErrors, limits: ArticleLimits, schema: CorpusSchema): Located[] {
  if (format === 'reference') {
    const parsed = parseReferenceArticle(text, file, { ...limits, schema });
    for (const error of parsed.errors) errors.push(error);
    return parsed.article ? [{ draft: parsed.article, undeclared: parsed.undeclared }] : [];
  }
  return readJsonArticles(text, file, format, errors, schema).map(({ article, line, index, undeclared }) => ({ draft: article, line, index, undeclared }));
}

/** Reads, decodes and parses one file, checks its articles' sizes, and gives them ids and origins. */
async function readCorpusFile(file: CorpusFile, format: CorpusFileFormat, options: ResolvedOptions, budget: ByteBudget): Promise<FileOutcome> {
  const errors = new FileErrors(file.relative, options.maxErrorsPerFile);
  const articles: FileOutcome['articles'] = [];
  const read = await readBytes(file, options.maxFileBytes, budget);
  if (!('bytes' in read)) {
    errors.push(read);
    return { file: file.relative, articles, errors };
  }
  const { bytes, held } = read;
  try {
    const decoded = decodeCorpusBytes(bytes);
    if (!decoded.ok) {
      const { code, reason, line } = decoded;
      errors.push(line === undefined ? { file: file.relative, code, reason } : { file: file.relative, line, code, reason });
      return { file: file.relative, articles, errors };
    }
    const located = parseText(decoded.text, file.relative, format, errors, options.limits, options.schema);
    const base = file.relative.slice(0, file.relative.length - extensionOf(file.relative).length);
    for (const { draft, line, index, undeclared } of located) {
      const where = line !== undefined ? `:${line}` : index !== undefined ? `[${index}]` : '';
      const breach = findLimitBreach(draft, options.limits, options.schema.textFields);
      if (breach !== undefined) {
        const reason = (index !== undefined ? `article [${index}]: ` : '') + breach;
        errors.push(line === undefined ? { file: file.relative, code: 'too_large', reason } : { file: file.relative, line, code: 'too_large', reason });
        continue;
      }
      const { id, ...fields } = draft;
      const article: Article = { id: id ?? `${base}${where}`, ...fields, origin: `${file.relative}${where}` };
      articles.push({ article, line, index, undeclared });
    }
  } catch (error) {
    // The readers report everything they know of as errors; this is the last line of defence,
    // so that whatever a file holds, it costs that file and never the whole load.
    const message = error instanceof Error ? error.message : String(error);
    errors.push({ file: file.relative, code: 'read_failed', reason: `could not be read: ${message}` });
    articles.length = 0;
  } finally {
    budget.release(held);
  }
  return { file: file.relative, articles, errors };
}

/** The files of `dir` that a load with `resolved` reads. */
async function listAccepted(dir: string, resolved: ResolvedOptions): Promise<CorpusFileListing> {
  const isFolder = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isFolder) {
    throw new SearchError('corpus_not_found', `corpus folder "${dir}" does not exist or is not a folder`, { path: dir });
  }
  return listCorpusFiles(dir, (relative) => resolved.extensions.has(extensionOf(relative).toLowerCase()) && resolved.only(relative));
}

/**
 * The files {@link loadCorpus} would read with the same options, sorted by relative path,
 * without reading them; and the sub-folders that could not be listed.
 *
 * @throws SearchError `corpus_not_found` when `dir` does not exist or is not a folder;
 *   SearchError `invalid_argument` for an argument of the wrong type or an option out of range.
 */
export async function listCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<CorpusFileListing> {
  checkString('dir', dir);
  checkOptions('options', options);
  return listAccepted(dir, rangeToSearchError('options', () => resolveOptions(options)));
}

/**
 * Loads every article of a corpus folder.
 *
 * The folder is read recursively; dot-files, dot-folders and README files are skipped, and each
 * file is read by its extension (see {@link LoadCorpusOptions.extensions}). Files are read
 * concurrently but the result is in the order of their relative paths, then of their position
 * in the file, whatever the timing.
 *
 * Ids: a JSON article's own `id` is kept; otherwise the id is the file's path relative to `dir`
 * without its extension, with `/` separators (`seed/000_db3d054a026eb58a`), plus `:<line>` for
 * an NDJSON line or `[<index>]` for an element of a JSON array. `origin` is the relative path
 * with the same suffix. When two articles share an id the first one is kept and the second is
 * reported as `duplicate_id`.
 *
 * Every bad file, or bad line or article within a file, gives one {@link CorpusError} and
 * loading goes on: `read_failed`, `empty`, `binary`, `invalid_encoding`, `too_large` (the file,
 * its JSON nesting, or an article past one of the size limits of {@link LoadCorpusOptions}),
 * `missing_title`, `invalid_json`, `invalid_article`, `duplicate_id`. At most
 * `maxErrorsPerFile` are listed per file, then one `too_many_errors` entry counts the rest.
 * Nothing a file contains makes this function throw.
 *
 * With a declared schema (`options.schema`) declared values go to `Article.fields` and a wrong
 * type is an `invalid_article`; properties and trailer keys that nothing reads are named once,
 * with how many articles had them, in `warnings` (`undeclared_fields`).
 *
 * @param dir - the corpus folder.
 * @throws SearchError `corpus_not_found` when `dir` does not exist or is not a folder;
 *   SearchError `invalid_argument` for an argument of the wrong type or an option out of range;
 *   SearchError `invalid_schema` when `options.schema` is not a valid schema.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<CorpusLoadResult> {
  checkString('dir', dir);
  checkOptions('options', options);
  const resolved = rangeToSearchError('options', () => resolveOptions(options));
  const listing = await listAccepted(dir, resolved);
  // At most maxFileBytes of files in flight: one large file at a time, many small ones together.
  const budget = new ByteBudget(resolved.maxFileBytes);
  const outcomes = await mapConcurrent(listing.files, resolved.concurrency, (file) => {
    const format = resolved.extensions.get(extensionOf(file.relative).toLowerCase());
    if (format === undefined) throw new Error(`internal: unaccepted file listed: ${file.relative}`);
    return readCorpusFile(file, format, resolved, budget);
  });

  const articles: Article[] = [];
  const errors: CorpusError[] = [...listing.errors];
  const firstOrigin = new Map<string, string>();
  const undeclared = new UndeclaredTally();
  for (const outcome of outcomes) {
    const fileErrors = outcome.errors;
    for (const { article, line, index, undeclared: names } of outcome.articles) {
      const first = firstOrigin.get(article.id);
      if (first === undefined) {
        firstOrigin.set(article.id, article.origin ?? outcome.file);
        articles.push(article);
        if (names !== undefined) undeclared.add(names);
        continue;
      }
      const at = index !== undefined ? `article [${index}]: ` : '';
      const reason = `${at}duplicate article id "${article.id}" (first read from ${first})`;
      const file = outcome.file;
      fileErrors.push(line === undefined ? { file, code: 'duplicate_id', reason } : { file, line, code: 'duplicate_id', reason });
    }
    errors.push(...fileErrors.list());
  }
  const warning = undeclared.warning();
  return warning === undefined ? { articles, errors } : { articles, errors, warnings: [warning] };
}

/** Most undeclared names a warning lists; past it, the count of the others. */
const MAX_WARNING_NAMES = 50;

/** Counts, over the articles loaded, the names nothing read and how many articles had any. */
class UndeclaredTally {
  private readonly byName = new Map<string, number>();
  private articles = 0;

  add(names: readonly string[]): void {
    if (names.length === 0) return;
    this.articles++;
    for (const name of new Set(names)) this.byName.set(name, (this.byName.get(name) ?? 0) + 1);
  }

  /** The `undeclared_fields` warning, or undefined when every name was read. */
  warning(): CorpusWarning | undefined {
    if (this.byName.size === 0) return undefined;
    const fields = [...this.byName.keys()].sort();
    const listed = fields.slice(0, MAX_WARNING_NAMES).map((name) => `${name} (${this.byName.get(name)})`);
    const more = fields.length > MAX_WARNING_NAMES ? ` and ${fields.length - MAX_WARNING_NAMES} more` : '';
    const reason =
      `${this.articles} article${this.articles === 1 ? '' : 's'} carried fields the schema does not declare, ignored: ` +
      `${listed.join(', ')}${more} (articles per field in brackets); declare them in ledesearch.config.json to keep them`;
    return { code: 'undeclared_fields', fields, articles: this.articles, reason };
  }
}

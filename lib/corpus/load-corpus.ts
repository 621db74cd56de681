/**
 * Loading a whole corpus folder: every article file in it, in a deterministic order, with every
 * problem reported rather than thrown.
 */
import { open, stat } from 'node:fs/promises';
import { SearchError } from '../errors.js';
import type { Article, CorpusError, CorpusLoadResult } from '../types.js';
import type { ArticleDraft } from './article-draft.js';
import { decodeCorpusBytes } from './decode-corpus-bytes.js';
import { parseJsonArticles } from './json-format.js';
import { listCorpusFiles, type CorpusFile } from './list-corpus-files.js';
import { mapConcurrent } from './map-concurrent.js';
import { parseReferenceArticle } from './reference-format.js';
import { checkOptions, checkString, rangeToSearchError } from '../check-argument.js';

/** How a corpus file is read: the plain-text reference format, one JSON document, or NDJSON. */
export type CorpusFileFormat = 'reference' | 'json' | 'ndjson';

/** Default {@link LoadCorpusOptions.maxFileBytes}: 64 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Default {@link LoadCorpusOptions.maxParagraphChars}: 100 000. */
export const DEFAULT_MAX_PARAGRAPH_CHARS = 100_000;
/** Default {@link LoadCorpusOptions.concurrency}: 16 files read at a time. */
export const DEFAULT_READ_CONCURRENCY = 16;
/** Default {@link LoadCorpusOptions.extensions}. */
export const DEFAULT_CORPUS_EXTENSIONS: Readonly<Record<string, CorpusFileFormat>> = {
  '.txt': 'reference',
  '.json': 'json',
  '.jsonl': 'ndjson',
  '.ndjson': 'ndjson',
};

/** Options of {@link loadCorpus}. All optional. */
export interface LoadCorpusOptions {
  /**
   * Largest file read, in bytes; a larger file is reported as `too_large` without being read.
   * Default 64 MiB ({@link DEFAULT_MAX_FILE_BYTES}); a positive integer.
   */
  maxFileBytes?: number;
  /**
   * Longest paragraph accepted, in characters (UTF-16 code units). An article with a longer one
   * is rejected as `too_large`: such a "paragraph" is nearly always a file whose paragraph
   * breaks were lost, and it would make every snippet of it useless. Default 100 000
   * ({@link DEFAULT_MAX_PARAGRAPH_CHARS}); a positive integer.
   */
  maxParagraphChars?: number;
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
}

interface ResolvedOptions {
  maxFileBytes: number;
  maxParagraphChars: number;
  extensions: ReadonlyMap<string, CorpusFileFormat>;
  concurrency: number;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`loadCorpus option ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

function resolveOptions(options: LoadCorpusOptions): ResolvedOptions {
  const extensions = new Map<string, CorpusFileFormat>();
  for (const [ext, format] of Object.entries(options.extensions ?? DEFAULT_CORPUS_EXTENSIONS)) {
    extensions.set((ext.startsWith('.') ? ext : `.${ext}`).toLowerCase(), format);
  }
  return {
    maxFileBytes: positiveInteger('maxFileBytes', options.maxFileBytes, DEFAULT_MAX_FILE_BYTES),
    maxParagraphChars: positiveInteger('maxParagraphChars', options.maxParagraphChars, DEFAULT_MAX_PARAGRAPH_CHARS),
    extensions,
    concurrency: positiveInteger('concurrency', options.concurrency, DEFAULT_READ_CONCURRENCY),
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
  articles: Array<{ article: Article; line?: number; index?: number }>;
  errors: CorpusError[];
}

/** A draft with where it came from, before it gets its id. */
interface Located {
  draft: ArticleDraft;
  line?: number;
  index?: number;
}

function describeFsError(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  return `could not read the file${code ? ` (${code})` : ''}`;
}

/** Reads a file's bytes, unless it is over the size limit (checked before reading). */
async function readBytes(file: CorpusFile, maxFileBytes: number): Promise<Uint8Array | CorpusError> {
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
      const bytes = await handle.readFile();
      // The file may have grown since stat.
      return bytes.length > maxFileBytes ? tooLarge(bytes.length) : bytes;
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { file: file.relative, code: 'read_failed', reason: describeFsError(error) };
  }
}

/** Parses decoded text into drafts, by format. */
function parseText(text: string, file: string, format: CorpusFileFormat): { located: Located[]; errors: CorpusError[] } {
  if (format === 'reference') {
    const { article, errors } = parseReferenceArticle(text, file);
    return { located: article ? [{ draft: article }] : [], errors };
  }
  const { articles, errors } = parseJsonArticles(text, file, format);
  return { located: articles.map(({ article, line, index }) => ({ draft: article, line, index })), errors };
}

/** Reads, decodes and parses one file, and gives its articles ids and origins. */
async function readCorpusFile(file: CorpusFile, format: CorpusFileFormat, options: ResolvedOptions): Promise<FileOutcome> {
  const bytes = await readBytes(file, options.maxFileBytes);
  if (!(bytes instanceof Uint8Array)) return { file: file.relative, articles: [], errors: [bytes] };
  const decoded = decodeCorpusBytes(bytes);
  if (!decoded.ok) {
    const { code, reason, line } = decoded;
    const error: CorpusError = line === undefined ? { file: file.relative, code, reason } : { file: file.relative, line, code, reason };
    return { file: file.relative, articles: [], errors: [error] };
  }
  const { located, errors } = parseText(decoded.text, file.relative, format);

  const base = file.relative.slice(0, file.relative.length - extensionOf(file.relative).length);
  const articles: FileOutcome['articles'] = [];
  for (const { draft, line, index } of located) {
    const where = line !== undefined ? `:${line}` : index !== undefined ? `[${index}]` : '';
    const longest = draft.paragraphs.findIndex((p) => p.length > options.maxParagraphChars);
    if (longest !== -1) {
      const reason =
        `paragraph ${longest + 1} is ${draft.paragraphs[longest].length} characters, ` +
        `over the limit of ${options.maxParagraphChars} (maxParagraphChars)`;
      const at = index !== undefined ? `article [${index}]: ` : '';
      errors.push(line === undefined ? { file: file.relative, code: 'too_large', reason: at + reason } : { file: file.relative, line, code: 'too_large', reason });
      continue;
    }
    const { id, ...fields } = draft;
    const article: Article = { id: id ?? `${base}${where}`, ...fields, origin: `${file.relative}${where}` };
    articles.push({ article, line, index });
  }
  return { file: file.relative, articles, errors };
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
 * loading goes on: `read_failed`, `empty`, `binary`, `invalid_encoding`, `too_large` (file or
 * paragraph), `missing_title`, `invalid_json`, `invalid_article`, `duplicate_id`.
 *
 * @param dir - the corpus folder.
 * @throws SearchError `corpus_not_found` when `dir` does not exist or is not a folder;
 *   SearchError `invalid_argument` for an argument of the wrong type or an option out of range.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<CorpusLoadResult> {
  checkString('dir', dir);
  checkOptions('options', options);
  const resolved = rangeToSearchError('options', () => resolveOptions(options));
  const isFolder = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isFolder) {
    throw new SearchError('corpus_not_found', `corpus folder "${dir}" does not exist or is not a folder`, { path: dir });
  }
  const listing = await listCorpusFiles(dir, (relative) => resolved.extensions.has(extensionOf(relative).toLowerCase()));
  const outcomes = await mapConcurrent(listing.files, resolved.concurrency, (file) => {
    const format = resolved.extensions.get(extensionOf(file.relative).toLowerCase());
    if (format === undefined) throw new Error(`internal: unaccepted file listed: ${file.relative}`);
    return readCorpusFile(file, format, resolved);
  });

  const articles: Article[] = [];
  const errors: CorpusError[] = [...listing.errors];
  const firstOrigin = new Map<string, string>();
  for (const outcome of outcomes) {
    const fileErrors = [...outcome.errors];
    for (const { article, line, index } of outcome.articles) {
      const first = firstOrigin.get(article.id);
      if (first === undefined) {
        firstOrigin.set(article.id, article.origin ?? outcome.file);
        articles.push(article);
        continue;
      }
      const at = index !== undefined ? `article [${index}]: ` : '';
      const reason = `${at}duplicate article id "${article.id}" (first read from ${first})`;
      const file = outcome.file;
      fileErrors.push(line === undefined ? { file, code: 'duplicate_id', reason } : { file, line, code: 'duplicate_id', reason });
    }
    // Errors of a file in line order; stable, so file-level errors (no line) come first.
    fileErrors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    errors.push(...fileErrors);
  }
  return { articles, errors };
}

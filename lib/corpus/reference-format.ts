/**
 * The reference article format: the plain-text layout news sites export articles in.
 *
 * ```text
 * Korea, US, Japan discuss security coordination after Sweden talks
 *
 * 10-Oct-2019 Intellasia | KoreaTimes | 6:02 AM Print This Post
 *
 * Korea, the US and Japan began to coordinate their response …
 *
 * It remains unknown when Washington and Pyongyang will restart their talks …
 *
 * Category: Korea
 * ```
 *
 * Line 1 is the title; then, blocks separated by blank lines: an optional dateline (see
 * `dateline.ts`), the paragraphs, and a trailer of `Key: value` lines (see
 * `reference-trailer.ts`). Site boilerplate ("Print This Post") is dropped.
 */
import type { Article, CorpusError } from '../types.js';
import { formatDateline, looksLikeDateline, parseDateline, type Dateline } from './dateline.js';
import { normaliseText, toOneLine } from './normalise-text.js';
import { collectTrailer, formatTrailer, parseTrailerLine, unknownTrailerKey, type TrailerLine } from './reference-trailer.js';
import { trailerFieldValue, type CorpusSchema } from './declared-fields.js';
import type { FieldValue } from '../schema/field-schema.js';

/** An article as the reference format holds it: everything but the id and origin. */
export type ReferenceArticle = Omit<Article, 'id' | 'origin'>;

/** What {@link parseReferenceArticle} returns: the article, or the errors that prevented it. */
export interface ReferenceParseResult {
  /** The article; absent exactly when `errors` is not empty. */
  article?: ReferenceArticle;
  errors: CorpusError[];
  /** Keys of `Key: value` lines just above the trailer that nothing reads (`Mood`); absent when none. */
  undeclared?: string[];
}

// Boilerplate the sites append to lines (any case); dropped when it is a whole line or ends one.
const BOILERPLATE = 'print this post';

/**
 * Drops the line (undefined) if it is all boilerplate, else strips a boilerplate suffix and the
 * spacing around it. String ends rather than /\s*Print This Post\s*$/i, which retried its
 * leading \s* from every position: quadratic on a long run of spaces (40 000: 11 s).
 */
function withoutBoilerplate(line: string): string | undefined {
  const end = line.trimEnd();
  if (end.length < BOILERPLATE.length || end.slice(end.length - BOILERPLATE.length).toLowerCase() !== BOILERPLATE) return line;
  const stripped = end.slice(0, end.length - BOILERPLATE.length).trimEnd();
  return stripped.trim() === '' ? undefined : stripped;
}

/**
 * Limits under which {@link parseReferenceArticle} stops reading a file as soon as it is sure the
 * article is past them, so that a file of millions of short lines never has to be held whole
 * (one million one-line paragraphs took 430 MB and 4 s). The exact limits stay the caller's to
 * check on the result; this only cuts reading short, with room to spare: reading stops, as
 * `too_large`, past `2 × maxParagraphs + 2` blocks of text (blank-line separated: the dateline
 * and trailer blocks are not paragraphs) or past `2 × maxArticleChars` non-blank lines after
 * the title (each paragraph line adds at least one character to the article).
 */
export interface ReferenceParseOptions {
  /** The caller's paragraph limit. Default: none. */
  maxParagraphs?: number;
  /** The caller's article size limit, in characters. Default: none. */
  maxArticleChars?: number;
  /** A declared schema whose fields trailer lines may set (`Tags: a, b`). Default: the default schema. */
  schema?: CorpusSchema;
}

/**
 * Groups the lines of `text` from `start` into blocks of consecutive non-blank lines, each line
 * trimmed, boilerplate dropped; one pass with no array of all the lines.
 *
 * @returns the blocks, or the reason reading stopped (see {@link ReferenceParseOptions}).
 */
function readBlocks(text: string, start: number, options: ReferenceParseOptions): string[][] | string {
  const maxBlocks = 2 * (options.maxParagraphs ?? Infinity) + 2;
  const maxLines = 2 * (options.maxArticleChars ?? Infinity);
  const blocks: string[][] = [];
  let current: string[] = [];
  let numLines = 0;
  for (let pos = start; pos <= text.length; ) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line = withoutBoilerplate(text.slice(pos, end));
    pos = end + 1;
    if (line === undefined) continue;
    const trimmed = line.trim();
    if (trimmed === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
      continue;
    }
    if (current.length === 0 && blocks.length >= maxBlocks) {
      return `the file has more than ${maxBlocks} blocks of text, more than an article within the limit of ${options.maxParagraphs} paragraphs can have (maxParagraphs)`;
    }
    if (++numLines > maxLines) {
      return `the file has more than ${maxLines} lines of text, more than an article within the limit of ${options.maxArticleChars} characters can have (maxArticleChars)`;
    }
    current.push(trimmed);
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/**
 * Removes the trailer lines from the end of `blocks` (in place) and returns them in order, with
 * the key of the line the trailer stopped at when it looks like `Key: value` with a key nothing
 * reads (it stays a paragraph, as it always did, but the loader reports the key).
 */
function takeTrailer(blocks: string[][], declaredKeys: ReadonlyMap<string, string> | undefined): { lines: TrailerLine[]; unknownKey?: string } {
  // Collected last first and reversed once: unshift per line is quadratic in the line count.
  const trailer: TrailerLine[] = [];
  while (blocks.length > 0) {
    const block = blocks[blocks.length - 1];
    while (block.length > 0) {
      const entry = parseTrailerLine(block[block.length - 1], declaredKeys);
      if (!entry) break;
      trailer.push(entry);
      block.pop();
    }
    if (block.length > 0) {
      const unknownKey = trailer.length > 0 ? unknownTrailerKey(block[block.length - 1]) : undefined;
      return unknownKey === undefined ? { lines: trailer.reverse() } : { lines: trailer.reverse(), unknownKey };
    }
    blocks.pop();
  }
  return { lines: trailer.reverse() };
}

/** The declared fields' values of the trailer, or a reason naming the first unusable one. */
function declaredTrailerFields(lines: readonly TrailerLine[], schema: CorpusSchema): Record<string, FieldValue> | undefined | string {
  const byField = new Map<string, string[]>();
  for (const line of lines) {
    if (line.declared === undefined) continue;
    let values = byField.get(line.declared);
    if (values === undefined) byField.set(line.declared, (values = []));
    values.push(line.value);
  }
  let fields: Record<string, FieldValue> | undefined;
  for (const spec of schema.fields) {
    const { name } = spec;
    const values = byField.get(name);
    if (values === undefined) continue;
    const value = trailerFieldValue(name, spec, values);
    if (value === undefined) continue;
    if (typeof value === 'object' && 'reason' in value) return value.reason;
    (fields ??= {})[name] = value;
  }
  return fields;
}

/**
 * Parses one article in the reference format.
 *
 * Tolerant of what real exports do: CRLF line ends, a byte-order mark, a dateline without time
 * or source, a dateline whose date is impossible (`31-Feb-2019`: `date` is left absent, the
 * publisher and source are kept), paragraphs wrapped over several lines (joined with a space),
 * and "Print This Post" boilerplate. A first line that is not a title is an error rather than a
 * guess, because taking a paragraph for the headline would mislead every search result.
 *
 * @param text - the whole file.
 * @param file - the file's path, used in the errors.
 * @param options - limits past which reading stops early (see {@link ReferenceParseOptions}).
 * @returns the article, or errors: `empty` (nothing but whitespace), `missing_title`
 *   (the first line is blank or is the dateline) or `too_large` (reading stopped early).
 */
export function parseReferenceArticle(text: string, file: string, options: ReferenceParseOptions = {}): ReferenceParseResult {
  const normalised = normaliseText(text);
  if (normalised.trim() === '') {
    return { errors: [{ file, code: 'empty', reason: 'the file has no text' }] };
  }
  const firstBreak = normalised.indexOf('\n');
  const firstLine = firstBreak === -1 ? normalised : normalised.slice(0, firstBreak);
  const title = (withoutBoilerplate(firstLine) ?? '').trim();
  if (title === '') {
    const reason = 'the first line is blank; expected the title there';
    return { errors: [{ file, line: 1, code: 'missing_title', reason }] };
  }
  if (looksLikeDateline(title)) {
    const reason = `the first line is a dateline ("${title}"); expected the title before it`;
    return { errors: [{ file, line: 1, code: 'missing_title', reason }] };
  }

  const blocks = readBlocks(normalised, firstBreak === -1 ? normalised.length + 1 : firstBreak + 1, options);
  if (typeof blocks === 'string') return { errors: [{ file, code: 'too_large', reason: blocks }] };
  let dateline: Dateline = {};
  if (blocks.length > 0) {
    const parsed = parseDateline(blocks[0][0]);
    if (parsed) {
      dateline = parsed;
      blocks[0].shift();
      if (blocks[0].length === 0) blocks.shift();
    }
  }
  const taken = takeTrailer(blocks, options.schema?.trailerKeys);
  const trailer = collectTrailer(taken.lines);
  const declared = options.schema ? declaredTrailerFields(taken.lines, options.schema) : undefined;
  if (typeof declared === 'string') return { errors: [{ file, code: 'invalid_article', reason: declared }] };
  const paragraphs = blocks.map((block) => block.join(' '));
  const dropped = options.schema?.dropped;

  const article: ReferenceArticle = { title, paragraphs };
  const date = dateline.date;
  if (date !== undefined) article.date = date;
  const publisher = dateline.publisher ?? trailer.publisher;
  if (publisher !== undefined) article.publisher = publisher;
  const source = dateline.source ?? trailer.source;
  if (source !== undefined) article.source = source;
  for (const field of ['author', 'dateline', 'url'] as const) {
    const value = trailer[field];
    if (value !== undefined) article[field] = value;
  }
  for (const field of ['category', 'topics', 'places', 'people', 'organisations', 'exchanges'] as const) {
    const value = trailer[field];
    if (value !== undefined) article[field] = value;
  }
  if (dropped !== undefined) for (const field of dropped) delete (article as Partial<ReferenceArticle>)[field as keyof ReferenceArticle];
  if (declared !== undefined) article.fields = declared;
  return taken.unknownKey === undefined ? { article, errors: [] } : { article, errors: [], undeclared: [taken.unknownKey] };
}

/**
 * Writes an article in the reference format, the inverse of {@link parseReferenceArticle}:
 * title, blank line, dateline `DD-Mon-YYYY Publisher | Source | h:mm AM` (when there is a date),
 * blank line, paragraphs separated by blank lines, blank line, trailer lines. Absent fields are
 * omitted; without a date, publisher and source go to the trailer instead.
 *
 * The format has no escapes, so some articles cannot round-trip exactly: line breaks become
 * spaces, `,`/`;` inside list items and `|` in publisher or source become spaces, and a title
 * that looks like a dateline, a last paragraph that looks like a trailer line (`Author: …`), a
 * first paragraph that looks like a dateline when there is no date, or text ending in
 * "Print This Post" read back differently.
 */
export function formatReferenceArticle(article: ReferenceArticle): string {
  const lines = [toOneLine(article.title), ''];
  const dateline = formatDateline(article);
  if (dateline !== undefined) lines.push(dateline, '');
  for (const paragraph of article.paragraphs) {
    const text = toOneLine(paragraph);
    if (text !== '') lines.push(text, '');
  }
  const trailer = formatTrailer({
    category: article.category,
    topics: article.topics,
    places: article.places,
    people: article.people,
    organisations: article.organisations,
    exchanges: article.exchanges,
    author: article.author,
    dateline: article.dateline,
    url: article.url,
    // The dateline carries these when it is written; otherwise the trailer must.
    publisher: dateline === undefined ? article.publisher : undefined,
    source: dateline === undefined ? article.source : undefined,
  });
  if (trailer.length > 0) lines.push(...trailer);
  else lines.pop();
  return `${lines.join('\n')}\n`;
}

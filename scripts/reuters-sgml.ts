/**
 * A reader for the SGML files of the Reuters-21578 collection (`reut2-000.sgm` … `reut2-021.sgm`).
 *
 * Used by the corpus converter, the benchmarks and the evaluation scripts, so it reads every
 * record of a file faithfully and leaves sampling to its callers. Format: `README.txt` §VI and
 * `lewis.dtd` of the distribution.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../lib/types.js';

/** The `TYPE` of a record's `<TEXT>`: `NORM` (title, dateline, body), `BRIEF` (title only), `UNPROC`. */
export type ReutersTextType = 'NORM' | 'BRIEF' | 'UNPROC';

/** One `<REUTERS>` record, entities decoded and whitespace tidied. Absent fields are `undefined`. */
export interface ReutersRecord {
  /** `NEWID`: the record's number in Reuters-21578, chronological (1 … 21578). */
  newId: number;
  /** `OLDID`: the number in the older Reuters-22173 collection. */
  oldId: number;
  /** `LEWISSPLIT` (`TRAIN`, `TEST`, `NOT-USED`): the ModLewis / ModApte split. */
  lewisSplit: string;
  /** `CGISPLIT` (`TRAINING-SET`, `PUBLISHED-TESTSET`). */
  cgiSplit: string;
  /** The `TOPICS` attribute (`YES`, `NO`, `BYPASS`): whether the *original* data had topics. */
  topicsAttribute: string;
  /** `<DATE>` as ISO 8601 to the second (`1987-02-26T15:01:01`), when it could be read. */
  date?: string;
  textType: ReutersTextType;
  /** `<TITLE>`, as written (upper case in Reuters); may be empty. */
  title?: string;
  /** The dateline city, upper-cased (`NEW YORK`), when the `<DATELINE>` names one. */
  dateline?: string;
  /** `<AUTHOR>` without `By ` and `, Reuters` (`Chaitanya Kalbag`). */
  author?: string;
  /** Body paragraphs; empty when the record has no `<BODY>`. */
  paragraphs: string[];
  topics: string[];
  places: string[];
  people: string[];
  /** `<ORGS>`. */
  organisations: string[];
  exchanges: string[];
}

const RECORD = /<REUTERS\b([^>]*)>([\s\S]*?)<\/REUTERS>/g;
const ATTRIBUTE = /([A-Z]+)="([^"]*)"/g;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
// C0 controls (tab and newline kept), DEL and C1: wire-service junk such as &#3; (end of text).
const CONTROL_CHARS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// The sign-off closing almost every body: `Reuter`, `REUTER`, `reuter...`, `REUTERS`, `REUTE`,
// `Reuter4`, on a line of its own or after the last sentence (`… in 1986. REUTER`), never a word
// of it (`… told Reuters.`). Some bodies carry two.
const SIGN_OFF = /(?:(?:^|\n)[ \t]*|(?<=[^A-Za-z\s])[ \t]+)reut(?:ers?|e)?\d?\.{0,3}$/i;
// In a dateline, the dash closing the date (`Feb 26 -`, `March 4, -`), else the first ` - `.
const DATE_DASH = /\d\s*,?\s*(?:reuters?\s*)?-+\s*/i;
const PLAIN_DASH = /\s-+(?:\s+|$)/;

/** Decodes SGML/HTML character references (`&lt;`, `&#60;`, `&#x3c;`) and drops control characters. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(CONTROL_CHARS, '');
}

/** Collapses every run of whitespace to one space and trims. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Reads a `<DATE>` (`26-FEB-1987 15:01:01.79`, maybe padded or followed by noise) as ISO 8601
 * to the second; only the day when the time is garbled (`31-MAR-1987 605:12:19.12`).
 */
export function parseReutersDate(text: string): string | undefined {
  const m = /(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\d{2}):(\d{2}):(\d{2})\b)?/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2].toUpperCase()) + 1;
  if (month === 0) return undefined;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${m[3]}-${pad(month)}-${pad(Number(m[1]))}`;
  const [hour, minute, second] = [m[4], m[5], m[6]].map(Number);
  if (m[4] === undefined || hour > 23 || minute > 59 || second > 59) return day;
  return `${day}T${m[4]}:${m[5]}:${m[6]}`;
}

/** Cleans an `<AUTHOR>` byline: `By Rich Miller, Reuters` → `Rich Miller`. */
export function cleanAuthor(text: string): string | undefined {
  const name = collapse(decodeEntities(text))
    .replace(/^by\s+/i, '')
    .replace(/[,\s]+reut[a-z]*\.?$/i, '')
    .trim();
  return name || undefined;
}

/**
 * Splits a `<DATELINE>` into its city and any story text the SGML markup wrongly left in it.
 *
 * `SALVADOR, Feb 26 - ` gives `{ city: 'SALVADOR', spill: '' }`; `CALAIS, March 31 - <Eurotunnel>,
 * the Anglo- ` gives the city and `<Eurotunnel>, the Anglo-`, the start of the body. The city is
 * the text before the first comma; without a comma it is accepted only when a date follows it
 * (`JOHANNESBURG March 13 -`), because comma-less datelines are mostly table headings
 * (`COPPER GRADE A -`). Cities are upper-cased: Reuters writes them so, bar a few slips.
 */
export function parseDateline(text: string): { city?: string; spill: string } {
  const line = collapse(decodeEntities(text));
  let head = line;
  let rest = '';
  const dateDash = DATE_DASH.exec(line);
  const plainDash = dateDash ? null : PLAIN_DASH.exec(line);
  if (dateDash) {
    head = line.slice(0, dateDash.index + 1); // keep the day's last digit
    rest = line.slice(dateDash.index + dateDash[0].length);
  } else if (plainDash) {
    head = line.slice(0, plainDash.index);
    rest = line.slice(plainDash.index + plainDash[0].length);
  }
  const spill = /[a-z0-9]/i.test(rest) ? rest.trim() : '';
  const comma = head.indexOf(',');
  let raw: string | undefined;
  if (comma >= 0) raw = head.slice(0, comma);
  else raw = /^(.+?)\s+[A-Za-z]{3,9}\.?\s*\d{1,2}$/.exec(head.trim())?.[1];
  if (raw === undefined) return { spill };
  const city = collapse(
    raw
      .replace(/^[^A-Za-z]+/, '') // `****LONDON`, `0 LONDON`
      .replace(/^[a-z]\s+(?=[A-Z])/, '') // `c LONDON`
      .replace(/[^A-Za-z .'&/-]/g, ''), // `ME}LBOURNE`
  ).toUpperCase();
  return /^[A-Z][A-Z .'&/-]+$/.test(city) ? { city, spill } : { spill };
}

/**
 * Splits a decoded `<BODY>` into paragraphs and drops the closing `Reuter`.
 *
 * Reuters indents the first line of each paragraph (4 spaces; a tab would do too), so an indented
 * line or a blank line starts a new paragraph; the lines of one paragraph are joined with single
 * spaces, except after a line ending in a hyphenated word part (`English-` / `language`), which
 * was wrapped at its hyphen.
 */
export function splitBodyParagraphs(body: string): string[] {
  return groupLines(stripSignOff(body).split('\n'), (line) => /^[ \t]/.test(line));
}

/** Splits an unprocessed (`UNPROC`) body on blank lines only: its indentation means nothing. */
export function splitUnprocessedBody(body: string): string[] {
  return groupLines(stripSignOff(body).split('\n'), () => false);
}

function stripSignOff(body: string): string {
  let text = body.trimEnd();
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(SIGN_OFF, '').trimEnd();
  }
  return text;
}

function groupLines(lines: string[], startsParagraph: (line: string) => boolean): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const text = collapse(current);
    if (text) paragraphs.push(text);
    current = '';
  };
  for (const line of lines) {
    if (!line.trim()) {
      flush();
      continue;
    }
    if (startsParagraph(line)) flush();
    const text = line.trim();
    current = current === '' ? text : /[A-Za-z0-9]-$/.test(current) && /^[A-Za-z0-9]/.test(text) ? current + text : `${current} ${text}`;
  }
  flush();
  return paragraphs;
}

/** The inner text of the first `<tag …>…</tag>` in `sgml`, raw. */
function element(sgml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(sgml)?.[1];
}

/** The decoded, de-duplicated `<D>` values of a category list such as `<TOPICS>`. */
function categories(sgml: string, tag: string): string[] {
  const inner = element(sgml, tag) ?? '';
  const values = [...inner.matchAll(/<D>([\s\S]*?)<\/D>/g)].map((m) => collapse(decodeEntities(m[1])));
  return [...new Set(values.filter((v) => v !== ''))];
}

/** Parses the records of one SGML file's text (already decoded as latin-1). */
export function parseReutersSgml(sgml: string): ReutersRecord[] {
  const records: ReutersRecord[] = [];
  for (const [, attributeText, inner] of sgml.matchAll(RECORD)) {
    const attributes = new Map([...attributeText.matchAll(ATTRIBUTE)].map((m) => [m[1], m[2]] as const));
    const newId = Number(attributes.get('NEWID'));
    if (!Number.isInteger(newId)) throw new Error(`Reuters record without a numeric NEWID: <REUTERS${attributeText}>`);
    const typeMatch = /<TEXT(?:\s+TYPE="(\w+)")?\s*>/.exec(inner)?.[1] ?? 'NORM';
    const textType: ReutersTextType = typeMatch === 'BRIEF' || typeMatch === 'UNPROC' ? typeMatch : 'NORM';
    const text = element(inner, 'TEXT') ?? '';
    const rawTitle = element(text, 'TITLE');
    const rawDateline = element(text, 'DATELINE');
    const rawAuthor = element(text, 'AUTHOR');
    const rawBody = element(text, 'BODY');
    const { city, spill } = rawDateline === undefined ? { city: undefined, spill: '' } : parseDateline(rawDateline);
    let paragraphs: string[] = [];
    if (rawBody !== undefined) {
      const body = (spill ? `${spill} ` : '') + decodeEntities(rawBody);
      paragraphs = textType === 'UNPROC' ? splitUnprocessedBody(body) : splitBodyParagraphs(body);
    }
    const rawDate = element(inner, 'DATE');
    records.push({
      newId,
      oldId: Number(attributes.get('OLDID')),
      lewisSplit: attributes.get('LEWISSPLIT') ?? '',
      cgiSplit: attributes.get('CGISPLIT') ?? '',
      topicsAttribute: attributes.get('TOPICS') ?? '',
      date: rawDate === undefined ? undefined : parseReutersDate(rawDate),
      textType,
      title: rawTitle === undefined ? undefined : collapse(decodeEntities(rawTitle)),
      dateline: city,
      author: rawAuthor === undefined ? undefined : cleanAuthor(rawAuthor),
      paragraphs,
      topics: categories(inner, 'TOPICS'),
      places: categories(inner, 'PLACES'),
      people: categories(inner, 'PEOPLE'),
      organisations: categories(inner, 'ORGS'),
      exchanges: categories(inner, 'EXCHANGES'),
    });
  }
  return records;
}

/** Reads one `reut2-NNN.sgm` file. It is decoded as latin-1: one byte (0xFC, `ü`) is not ASCII. */
export function readReutersFile(path: string): ReutersRecord[] {
  return parseReutersSgml(readFileSync(path, 'latin1'));
}

/** The `reut2-NNN.sgm` file names in `dir`, sorted. */
export function listReutersFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^reut2-\d{3}\.sgm$/.test(name))
    .sort();
}

/** Reads every `reut2-NNN.sgm` file of `dir`, in file order (which is `NEWID` order). */
export function readReutersDir(dir: string): ReutersRecord[] {
  return listReutersFiles(dir).flatMap((name) => readReutersFile(join(dir, name)));
}

/**
 * Converts a record to an {@link Article} with id `reuters/<NEWID>`, publisher and source
 * `Reuters`; `undefined` for records with no article: `BRIEF` ones and those with no body text.
 */
export function reutersToArticle(record: ReutersRecord): Article | undefined {
  if (record.textType === 'BRIEF' || record.paragraphs.length === 0) return undefined;
  const article: Article = { id: `reuters/${record.newId}`, title: record.title ?? '', paragraphs: [...record.paragraphs] };
  if (record.date !== undefined) article.date = record.date;
  article.publisher = 'Reuters';
  article.source = 'Reuters';
  if (record.author !== undefined) article.author = record.author;
  if (record.dateline !== undefined) article.dateline = record.dateline;
  for (const field of ['topics', 'places', 'people', 'organisations', 'exchanges'] as const) {
    if (record[field].length > 0) article[field] = [...record[field]];
  }
  return article;
}

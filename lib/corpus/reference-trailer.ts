/**
 * The trailer of the reference article format: `Key: value` lines after the last paragraph
 * (`Category: Korea`, `Author: Jane Doe`, `URL: https://…`).
 */
import type { ListField } from '../types.js';
import { toOneLine } from './normalise-text.js';
import { stringList } from './declared-fields.js';

/** A scalar field the trailer can carry. */
export type TrailerScalarField = 'author' | 'dateline' | 'url' | 'publisher' | 'source';
/** Any field the trailer can carry. */
export type TrailerField = ListField | TrailerScalarField;

/** The fields a trailer can carry, as read from it. */
export type TrailerFields = Partial<Record<ListField, string[]> & Record<TrailerScalarField, string>>;

// Only these keys make a line part of the trailer, so that a last paragraph such as
// "Note: prices are in US dollars." stays a paragraph. `Publisher` and `Source` are read so that
// an article without a date (hence without a dateline) still round-trips them.
const KEYS: Readonly<Record<string, TrailerField>> = {
  category: 'category', categories: 'category', topics: 'topics', places: 'places',
  people: 'people', organisations: 'organisations', organizations: 'organisations',
  orgs: 'organisations', exchanges: 'exchanges', author: 'author', dateline: 'dateline',
  url: 'url', publisher: 'publisher', source: 'source',
};

const LIST_FIELD_SET: ReadonlySet<string> = new Set<TrailerField>([
  'category', 'topics', 'places', 'people', 'organisations', 'exchanges',
]);

/** How the formatter writes each key, in the order it writes them. */
const WRITTEN_KEYS: ReadonlyArray<readonly [TrailerField, string]> = [
  ['category', 'Category'], ['topics', 'Topics'], ['places', 'Places'], ['people', 'People'],
  ['organisations', 'Organisations'], ['exchanges', 'Exchanges'], ['author', 'Author'],
  ['dateline', 'Dateline'], ['url', 'URL'], ['publisher', 'Publisher'], ['source', 'Source'],
];

const LINE = /^\s*([A-Za-z]+)\s*:(.*)$/s;
// A declared field's key may be its name (`word_count2`) or its label (`Word count`).
const DECLARED_LINE = /^\s*([A-Za-z][A-Za-z0-9_ -]{0,63}?)\s*:(.*)$/s;

/** A recognised trailer line: the default field it sets, or the declared field, and its raw value. */
export type TrailerLine =
  | { field: TrailerField; declared?: undefined; value: string }
  | { field?: undefined; declared: string; value: string };

/**
 * Reads one trailer line. Keys are matched case-insensitively (`CATEGORY:`), and
 * `Organizations`/`Orgs` mean `Organisations`. With `declaredKeys` (lower-case key → declared
 * field name, see `declared-fields.ts`), a declared field's name or label is a key too; a
 * default key wins over a declared label that spells the same.
 *
 * @returns the field and trimmed value, or undefined when the line is not `Key: value` with a
 *   known key.
 */
export function parseTrailerLine(line: string, declaredKeys?: ReadonlyMap<string, string>): TrailerLine | undefined {
  const m = LINE.exec(line);
  const field = m ? KEYS[m[1].toLowerCase()] : undefined;
  if (m && field !== undefined) return { field, value: m[2].trim() };
  if (declaredKeys === undefined || declaredKeys.size === 0) return undefined;
  const d = DECLARED_LINE.exec(line);
  const declared = d ? declaredKeys.get(d[1].toLowerCase()) : undefined;
  return d && declared !== undefined ? { declared, value: d[2].trim() } : undefined;
}

/** Lines of a trailer block that look like `Key: value` with a key nothing reads: one capitalised word. */
const UNKNOWN_KEY_LINE = /^([A-Z][A-Za-z]{0,31})\s*:\s*\S/;

/** The key of a line that looks like a trailer line whose key nothing reads (`Mood: calm` → `Mood`), else undefined. */
export function unknownTrailerKey(line: string): string | undefined {
  return UNKNOWN_KEY_LINE.exec(line)?.[1];
}

/** Splits a list value on `,` or `;`, trimming items and dropping empty ones and repeats. */
export function splitListValue(value: string): string[] {
  return stringList(value.split(/[,;]/));
}

/**
 * Folds trailer lines into the default fields (declared fields' lines are skipped: see
 * `declared-fields.ts`). List fields given twice accumulate; for a scalar given twice the first
 * value wins. Empty values are ignored.
 */
export function collectTrailer(lines: readonly TrailerLine[]): TrailerFields {
  const fields: TrailerFields = {};
  // One set per list field, made a list at the end: re-spreading the list on every line was
  // quadratic, and 20 000 `Category:` lines took 53 s.
  const lists = new Map<ListField, Set<string>>();
  for (const { field, value } of lines) {
    if (field === undefined) continue;
    if (isListField(field)) {
      const items = splitListValue(value);
      if (items.length === 0) continue;
      let set = lists.get(field);
      if (set === undefined) lists.set(field, (set = new Set()));
      for (const item of items) set.add(item);
    } else if (value !== '' && fields[field] === undefined) {
      fields[field] = value;
    }
  }
  for (const [field, set] of lists) fields[field] = [...set];
  return fields;
}

function isListField(field: TrailerField): field is ListField {
  return LIST_FIELD_SET.has(field);
}

// Item separators inside an item would split it in two on reading.
const listItem = (value: string): string => toOneLine(value.replace(/[,;]/g, ' '));

/**
 * Writes the trailer lines for the given fields, in a fixed key order, omitting absent and
 * empty fields. Lists are joined with `, `; commas or semicolons inside an item, and line
 * breaks anywhere, become spaces, since the format has no escape for them.
 */
export function formatTrailer(fields: TrailerFields): string[] {
  const lines: string[] = [];
  for (const [field, key] of WRITTEN_KEYS) {
    let value: string;
    if (isListField(field)) {
      value = (fields[field] ?? []).map(listItem).filter((item) => item !== '').join(', ');
    } else {
      value = toOneLine(fields[field] ?? '');
    }
    if (value !== '') lines.push(`${key}: ${value}`);
  }
  return lines;
}

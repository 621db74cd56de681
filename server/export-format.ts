/**
 * Rows of an export (GET /api/export, `ledesearch search --all`) as CSV (RFC 4180) or NDJSON:
 * pure functions, shared by the server and the CLI.
 */
import { DEFAULT_SCHEMA, type Article, type ExportRow, type FieldValue, type ResolvedSchema } from '../lib/index.js';

/** Export formats. */
export type ExportFormat = 'csv' | 'ndjson';

/** Article fields that may be added as extra columns (`fields=`), beyond the fixed ones. */
export const EXPORT_EXTRA_FIELDS = [
  'author',
  'dateline',
  'category',
  'topics',
  'places',
  'people',
  'organisations',
  'exchanges',
  'origin',
  'text',
] as const;

/** An extra export column of the default schema. */
export type ExportExtraField = (typeof EXPORT_EXTRA_FIELDS)[number];

/**
 * An extra export column: a default one ({@link ExportExtraField}) or, under a declared schema,
 * the name of a declared field returned in hits (see {@link exportExtraFields}).
 */
export type ExportField = ExportExtraField | (string & Record<never, never>);

/**
 * The extra columns `fields=` (and `--fields`) take under `schema`: the default ones the schema
 * keeps (not dropped), then its declared fields that are returned in hits, in declaration order.
 */
export function exportExtraFields(schema: ResolvedSchema = DEFAULT_SCHEMA): ExportField[] {
  return [...EXPORT_EXTRA_FIELDS.filter((f) => !schema.dropped.has(f)), ...schema.returnedFields.map((f) => f.name)];
}

/** The columns every export has, in order. */
export const EXPORT_BASE_COLUMNS = ['id', 'date', 'title', 'source', 'publisher', 'url', 'score'] as const;

/** Columns read from the article's own properties (a declared field is never named like one: lib/schema reserves them). */
const ARTICLE_COLUMNS: ReadonlySet<string> = new Set(['date', 'title', 'source', 'publisher', 'url', ...EXPORT_EXTRA_FIELDS]);

/** A cell value: text, a number, a yes/no, a list (joined with "; "), or nothing. */
type Cell = FieldValue | undefined;

/** The value of `column` for `row`: an article property, or a declared field's value. */
function cellOf(row: ExportRow, column: ExportColumn): Cell {
  const a = row.article;
  switch (column) {
    case 'id':
      return row.id;
    case 'score':
      return row.score;
    case 'duplicateCount':
      return row.duplicateCount ?? 0;
    case 'text':
      return a.paragraphs.join('\n\n');
    default:
      return ARTICLE_COLUMNS.has(column) ? (a[column as keyof Article] as Cell) : a.fields?.[column];
  }
}

/** A column of an export: a fixed one, an extra field, or the copies count (with collapse). */
export type ExportColumn = (typeof EXPORT_BASE_COLUMNS)[number] | ExportField | 'duplicateCount';

/** The columns of an export with these extra fields (`duplicateCount` last when collapsing). */
export function exportColumns(fields: readonly ExportField[], collapsed: boolean): ExportColumn[] {
  const out: ExportColumn[] = [...EXPORT_BASE_COLUMNS];
  for (const f of fields) if (!out.includes(f)) out.push(f);
  if (collapsed) out.push('duplicateCount');
  return out;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * Text starting with = + - @ (or a tab or CR) gets a leading `'`, so that a spreadsheet shows it
 * rather than evaluating it (a headline "=HYPERLINK(…)" must not become a link). Numbers and
 * yes/no values are written as they are: `String()` of a number is digits, a sign, a point and
 * an exponent, which a spreadsheet reads as that number (a negative one included), never a formula.
 */
export function csvField(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : value.join('; ');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV record with its CRLF line end (RFC 4180). */
export function csvRecord(values: readonly Cell[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The header line of a CSV export. */
export function csvHeader(columns: readonly ExportColumn[]): string {
  return csvRecord(columns);
}

/** One row in `format`, line end included. */
export function formatExportRow(format: ExportFormat, row: ExportRow, columns: readonly ExportColumn[]): string {
  if (format === 'csv') return csvRecord(columns.map((c) => cellOf(row, c)));
  const out: Record<string, Cell> = {};
  for (const c of columns) {
    const v = cellOf(row, c);
    if (v !== undefined) out[c] = v;
  }
  return `${JSON.stringify(out)}\n`;
}

/**
 * The download name: `ledesearch-<query>-<YYYY-MM-DD>.<ext>`, the query reduced to lower-case
 * letters, digits and dashes (at most 40), `all` when nothing is left; safe in a quoted header.
 */
export function exportFileName(query: string, format: ExportFormat, now: Date = new Date()): string {
  const slug = query.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return `ledesearch-${slug || 'all'}-${now.toISOString().slice(0, 10)}.${format === 'csv' ? 'csv' : 'ndjson'}`;
}

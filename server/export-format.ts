/**
 * Rows of an export (GET /api/export, `ledesearch search --all`) as CSV (RFC 4180) or NDJSON:
 * pure functions, shared by the server and the CLI.
 */
import type { ExportRow } from '../lib/index.js';

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

/** An extra export column. */
export type ExportExtraField = (typeof EXPORT_EXTRA_FIELDS)[number];

/** The columns every export has, in order. */
export const EXPORT_BASE_COLUMNS = ['id', 'date', 'title', 'source', 'publisher', 'url', 'score'] as const;

/** A cell value: text, a number, a list (joined with "; "), or nothing. */
type Cell = string | number | readonly string[] | undefined;

/** The value of `column` for `row`. */
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
      return a[column];
  }
}

/** A column of an export: a fixed one, an extra field, or the copies count (with collapse). */
export type ExportColumn = (typeof EXPORT_BASE_COLUMNS)[number] | ExportExtraField | 'duplicateCount';

/** The columns of an export with these extra fields (`duplicateCount` last when collapsing). */
export function exportColumns(fields: readonly ExportExtraField[], collapsed: boolean): ExportColumn[] {
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
 * rather than evaluating it (a headline "=HYPERLINK(…)" must not become a link). Numbers are
 * written as they are: they are ours, not the corpus's, and a score is never negative.
 */
export function csvField(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
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

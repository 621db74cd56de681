/**
 * Search results as readable terminal text: title, date, facets, snippets with the matches
 * emphasised (bold inverse on a terminal, `[brackets]` otherwise).
 */
import type { FacetField, Hit, Range, SearchResult } from '../lib/index.js';

/** Options of {@link formatResults}. */
export interface FormatOptions {
  /** Use ANSI styles (for a terminal). Default false: plain text with `[...]` around matches. */
  color?: boolean;
  /** Values shown per facet field. Default 5. */
  facetValues?: number;
  /** Hits skipped before this page, so ranks continue across pages. Default 0. */
  offset?: number;
  /** The comparison query of the histogram (`--compare`), to name its series. */
  compareQuery?: string;
}

const BOLD = '\x1b[1m';
const MATCH = '\x1b[1;7m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * Replaces control characters with U+FFFD so article text can never drive the terminal (an
 * ESC in a corpus file would otherwise be an escape sequence). One code unit for one, so match
 * ranges stay valid.
 */
export function sanitizeForTerminal(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** `text` with each range wrapped: in ANSI bold inverse, or in brackets. */
export function emphasise(text: string, matches: readonly Range[], color: boolean): string {
  const open = color ? MATCH : '[';
  const close = color ? RESET : ']';
  let out = '';
  let last = 0;
  for (const { start, end } of matches) {
    if (start < last || end > text.length || end <= start) continue;
    out += text.slice(last, start) + open + text.slice(start, end) + close;
    last = end;
  }
  return out + text.slice(last);
}

/** A declared field's value on one line: at most 120 characters. */
function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function hitLines(hit: Hit, rank: number, color: boolean): string[] {
  const style = (s: string, code: string): string => (color ? `${code}${s}${RESET}` : s);
  const indent = ' '.repeat(String(rank).length + 2);
  const meta = [hit.date?.replace('T', ' ').replace(/:00$/, ''), hit.publisher, hit.source, hit.category?.join(', ')].filter(
    (x): x is string => Boolean(x),
  );
  const lines = [`${rank}. ${style(sanitizeForTerminal(hit.title || '(untitled)'), BOLD)}`];
  if (meta.length > 0) lines.push(indent + sanitizeForTerminal(meta.join(' · ')));
  // Declared fields marked returned (ledesearch.config.json): `section: World · tags: ai, chips`.
  const declared = Object.entries(hit.fields ?? {}).map(([name, value]) => `${name}: ${shorten(Array.isArray(value) ? value.join(', ') : String(value))}`);
  if (declared.length > 0) lines.push(indent + sanitizeForTerminal(declared.join(' · ')));
  lines.push(indent + style(sanitizeForTerminal(hit.id), DIM));
  // The CLI asks for every part (the library's default), so text and matches are there.
  for (const s of hit.snippets) lines.push(`${indent}${emphasise(sanitizeForTerminal(s.text ?? ''), s.matches ?? [], color)}`);
  return lines;
}

/** The whole result as text, ending with a newline. */
export function formatResults(result: SearchResult, options: FormatOptions = {}): string {
  const color = options.color ?? false;
  const perFacet = options.facetValues ?? 5;
  const out: string[] = [];
  // The query as understood, when that differs from what was typed (`"north korea` → `"north korea"`).
  const understood = result.interpretedAs !== undefined && result.interpretedAs !== result.query.trim() && !result.unsearchable
    ? ` (read as ${JSON.stringify(sanitizeForTerminal(result.interpretedAs))})`
    : '';
  const q = JSON.stringify(sanitizeForTerminal(result.query)) + understood;
  if (result.unsearchable) {
    out.push(`Nothing in ${q} could be searched: it has only stop words or punctuation.`);
    return `${out.join('\n')}\n`;
  }
  if (result.total === 0 && result.totalExact !== false) {
    out.push(`No results for ${q}.`);
    if (result.didYouMean) out.push(`Did you mean ${JSON.stringify(sanitizeForTerminal(result.didYouMean))}?`);
    return `${out.join('\n')}\n`;
  }
  const first = result.hits.length > 0 ? result.hits[0] : undefined;
  const shown = first ? `, showing ${result.hits.length}` : '';
  // A total counted only up to `trackTotal` is a lower bound: "10000+ results".
  const count = result.totalExact === false ? `${result.total}+ results` : `${result.total} result${result.total === 1 ? '' : 's'}`;
  out.push(`${count} for ${q} (${result.tookMs} ms${shown})`);
  const offset = options.offset ?? 0;
  result.hits.forEach((hit, i) => {
    out.push('');
    out.push(...hitLines(hit, offset + i + 1, color));
  });
  const facetLines: string[] = [];
  for (const [field, values] of Object.entries(result.facets) as [FacetField, { value: string; count: number }[]][]) {
    if (!values || values.length === 0) continue;
    const list = values.slice(0, perFacet).map((v) => `${sanitizeForTerminal(v.value)} (${v.count})`).join(', ');
    facetLines.push(`  ${field}: ${list}${values.length > perFacet ? ', …' : ''}`);
  }
  if (facetLines.length > 0) out.push('', color ? `${BOLD}Facets${RESET}` : 'Facets', ...facetLines);
  if (result.dateHistogram && result.dateHistogram.length > 0) out.push('', ...histogramLines(result, color, options.compareQuery));
  const stats = Object.entries(result.stats ?? {}).map(([field, s]) =>
    `  ${field}: ${s === undefined || s.count === 0 ? 'no values' : `${String(s.min)} to ${String(s.max)} (${s.count} with a value)`}`);
  if (stats.length > 0) out.push('', color ? `${BOLD}Stats${RESET}` : 'Stats', ...stats);
  return `${out.join('\n')}\n`;
}

/** Characters of the longest bar of the timeline. */
export const HISTOGRAM_BAR_WIDTH = 40;

/** "12.5%" of a share in [0, 1]. */
function percent(share: number | undefined): string {
  return `${(100 * (share ?? 0)).toFixed(share !== undefined && share > 0 && share < 0.001 ? 3 : 1)}%`;
}

/**
 * The date histogram as a text chart: a line per bucket with a bar (scaled to the largest
 * bucket, by share when shares were asked for), the count and the share; with a comparison
 * query, a second bar of `░` under each bucket for it.
 */
export function histogramLines(result: SearchResult, color = false, compareQuery = ''): string[] {
  const main = result.dateHistogram ?? [];
  const other = result.dateHistogramCompare;
  const byShare = main.some((b) => b.share !== undefined);
  const size = (b: { count: number; share?: number } | undefined): number => (b === undefined ? 0 : byShare ? b.share ?? 0 : b.count);
  const compareOf = new Map((other ?? []).map((b) => [b.value, b]));
  const max = Math.max(...main.map(size), ...(other ?? []).map(size));
  const bar = (b: { count: number; share?: number } | undefined, ch: string): string => {
    const n = max > 0 && size(b) > 0 ? Math.max(1, Math.round((size(b) / max) * HISTOGRAM_BAR_WIDTH)) : 0;
    return ch.repeat(n).padEnd(HISTOGRAM_BAR_WIDTH);
  };
  const numbers = (b: { count: number; share?: number } | undefined): string =>
    `${String(b?.count ?? 0).padStart(6)}${byShare ? `  ${percent(b?.share).padStart(7)}` : ''}`;
  const labelWidth = Math.max(...main.map((b) => b.value.length));
  const interval = result.dateHistogramInterval ?? 'month';
  const what = byShare ? `share of all articles per ${interval}` : `matches per ${interval}`;
  const title = other
    ? `Timeline, ${what}: ${JSON.stringify(sanitizeForTerminal(result.query))} █, ${JSON.stringify(sanitizeForTerminal(compareQuery))} ░`
    : `Timeline, ${what}`;
  const lines = [color ? `${BOLD}${title}${RESET}` : title];
  for (const b of main) {
    lines.push(`  ${b.value.padEnd(labelWidth)}  ${bar(b, '█')}${numbers(b)}`);
    if (other) lines.push(`  ${''.padEnd(labelWidth)}  ${bar(compareOf.get(b.value), '░')}${numbers(compareOf.get(b.value))}`);
  }
  return lines;
}

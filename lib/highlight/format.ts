/**
 * Rendering a plain text and its matched ranges as HTML: escape first, then mark.
 */
import type { Range } from '../types.js';
import { escapeHtml, needsEscaping } from './escape-html.js';

/** The element {@link toHtml} wraps matches in unless told otherwise. */
export const DEFAULT_MARK_TAG = 'mark';
const DEFAULT_OPEN = `<${DEFAULT_MARK_TAG}>`;
const DEFAULT_CLOSE = `</${DEFAULT_MARK_TAG}>`;

// A bare element name: whatever the caller passes ends up verbatim in the HTML, so nothing that
// could carry attributes or close the tag early is accepted.
const TAG_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Renders `text` as HTML with every range of `matches` wrapped in `<tag>…</tag>`.
 *
 * Each segment of the raw text is escaped on its own with {@link escapeHtml} and the tags are
 * added between segments, so a range boundary can never fall inside an entity and markup in the
 * text (`<script>`) always comes out escaped.
 *
 * @param text - The plain text.
 * @param matches - Ranges in `text` to wrap, sorted by `start`. Ranges are clamped to the text;
 *   a range that overlaps the one before it is trimmed to start where that one ended, and an empty
 *   range is skipped, so the output is well-formed whatever the input.
 * @param tag - Element name to wrap matches in. Default `mark`. Must be a bare element name
 *   (a letter, then letters, digits or `-`).
 * @returns The HTML fragment.
 * @throws Error when `tag` is not a bare element name.
 */
export function toHtml(text: string, matches: readonly Range[], tag: string = DEFAULT_MARK_TAG): string {
  // The default tag (every snippet and title of an answer) needs no check and no new strings.
  const isDefault = tag === DEFAULT_MARK_TAG;
  if (!isDefault && !TAG_NAME.test(tag)) throw new Error(`invalid tag name "${tag}": expected a bare element name`);
  if (matches.length === 0) return escapeHtml(text);
  const open = isDefault ? DEFAULT_OPEN : `<${tag}>`;
  const close = isDefault ? DEFAULT_CLOSE : `</${tag}>`;
  return marked(text, matches, 0, open, close);
}

/**
 * {@link toHtml} with the default tag of `text` whose ranges are offsets into a longer string in
 * which `text` starts at `shift` (a snippet's passage after its leading `…`).
 *
 * A snippet's HTML is made from its raw slice of the paragraph rather than from its passage
 * (`…` + slice + `…`): the `…` makes the passage a two-byte string that had to be flattened
 * (copied) to be sliced, ~0.4 KB a snippet, and with the default HTTP parts (`html` alone) it
 * is never sent.
 */
export function markedHtml(text: string, matches: readonly Range[], shift: number): string {
  return marked(text, matches, shift, DEFAULT_OPEN, DEFAULT_CLOSE);
}

function marked(text: string, matches: readonly Range[], shift: number, open: string, close: string): string {
  // A text with nothing to escape (most news text) has no segment to escape either: one test
  // of the whole text instead of one per segment.
  const escape = needsEscaping(text) ? escapeHtml : keep;
  let html = '';
  let cursor = 0;
  for (const range of matches) {
    const start = Math.max(range.start - shift, cursor);
    const end = Math.min(range.end - shift, text.length);
    if (end <= start) continue;
    html += escape(text.slice(cursor, start)) + open + escape(text.slice(start, end)) + close;
    cursor = end;
  }
  return html + escape(text.slice(cursor));
}

function keep(s: string): string {
  return s;
}

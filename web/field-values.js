/**
 * A declared field's value as the page shows it, in hits and in the article view: lists joined,
 * numbers and dates formatted, and an http(s) URL as a link. Everything goes in as text (the
 * values are the archive's, not the server's markup), and only `http:`/`https:` URLs become an
 * `href`, so a `javascript:` URL in the data is never something to click.
 */
import { formatDate, h } from './dom.js';

/** Longest text value shown in a hit before it is cut with "…" (the article view shows it whole). */
export const HIT_VALUE_CHARS = 200;

/**
 * The value as a node or string, or null when there is nothing to show.
 * @param {import('./page-schema.js').DeclaredField} field
 * @param {unknown} value
 * @param {number} [maxChars] cut longer text here
 * @returns {Node | string | null}
 */
export function fieldValue(field, value, maxChars = Infinity) {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) {
    const parts = value.filter((v) => v !== null && v !== undefined && v !== '').map(String);
    return parts.length > 0 ? cut(parts.join(', '), maxChars) : null;
  }
  if (typeof value === 'number') return value.toLocaleString('en-GB');
  const text = String(value);
  if (field.type === 'date') return h('time', { datetime: text, text: formatDate(text) });
  if (isWebUrl(text)) return h('a', { href: text, rel: 'noopener noreferrer', text: cut(hostOf(text), maxChars) });
  return cut(text, maxChars);
}

/**
 * True for an absolute http(s) URL, the only kind that becomes a link.
 * @param {string} text
 */
export function isWebUrl(text) {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The host of a URL plus its path, or the URL whole when it cannot be parsed.
 * @param {string} text
 */
function hostOf(text) {
  try {
    const url = new URL(text);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return text;
  }
}

/**
 * @param {string} text
 * @param {number} max
 */
function cut(text, max) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

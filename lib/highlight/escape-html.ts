/**
 * HTML escaping for text that is placed between tags or inside a quoted attribute.
 */

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_GLOBAL = /[&<>"']/g;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // `&#39;` rather than `&apos;`: the latter is not an HTML 4 entity and some consumers of
  // snippets (mail clients, old renderers) still parse HTML 4.
  "'": '&#39;',
};

function entityOf(ch: string): string {
  return ENTITIES[ch] ?? ch;
}

/**
 * Escapes the five characters that are special in HTML text and attribute values:
 * `&`, `<`, `>`, `"` and `'`. Everything else, including non-ASCII, is returned unchanged.
 *
 * @param s - Raw text.
 * @returns The text, safe to place between tags or inside a quoted attribute value.
 */
export function escapeHtml(s: string): string {
  // Most snippet segments contain none of the five characters: skip the allocation.
  if (!HTML_SPECIAL.test(s)) return s;
  return s.replace(HTML_SPECIAL_GLOBAL, entityOf);
}

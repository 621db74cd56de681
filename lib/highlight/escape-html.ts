/**
 * HTML escaping for text that is placed between tags or inside a quoted attribute.
 */

const HTML_SPECIAL = /[&<>"']/;
/** The largest UTF-16 code of the five special characters (`>`). */
const MAX_SPECIAL_CODE = 62;

/**
 * The entity of UTF-16 code `c` when it is one of the five special characters, else null.
 * `&#39;` rather than `&apos;`: the latter is not an HTML 4 entity and some consumers of
 * snippets (mail clients, old renderers) still parse HTML 4.
 */
function entityOfCode(c: number): string | null {
  switch (c) {
    case 38: return '&amp;';
    case 60: return '&lt;';
    case 62: return '&gt;';
    case 34: return '&quot;';
    case 39: return '&#39;';
    default: return null;
  }
}

/**
 * Escapes the five characters that are special in HTML text and attribute values:
 * `&`, `<`, `>`, `"` and `'`. Everything else, including non-ASCII, is returned unchanged.
 *
 * @param s - Raw text.
 * @returns The text, safe to place between tags or inside a quoted attribute value.
 */
export function escapeHtml(s: string): string {
  // Most snippet segments contain none of the five characters: skip the allocation. `search`
  // gives where the first one is without allocating a match.
  const first = s.search(HTML_SPECIAL);
  if (first < 0) return s;
  // Copying the runs between special characters costs less than `replace` with a callback,
  // which calls back into JavaScript for every character replaced.
  let out = '';
  let from = first;
  for (let i = first; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > MAX_SPECIAL_CODE) continue; // letters: the bulk of the text
    const entity = entityOfCode(c);
    if (entity === null) continue;
    out += s.slice(from, i) + entity;
    from = i + 1;
  }
  return s.slice(0, first) + out + s.slice(from);
}

/** Whether `s` holds one of the characters {@link escapeHtml} replaces (else it returns `s` unchanged). */
export function needsEscaping(s: string): boolean {
  return HTML_SPECIAL.test(s);
}

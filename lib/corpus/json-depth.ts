/**
 * A guard against deeply nested JSON. `JSON.parse` itself copes with deep nesting, but every
 * recursive walk after it (schema validation, `JSON.stringify` of a value quoted in an error
 * message) overflows the stack on `[[[[…` a few thousand levels deep, and the exception would
 * stop the whole corpus load. An article needs three levels (an array of articles, an article,
 * a list field), so anything much deeper is refused before it is parsed.
 */

/** Deepest JSON nesting of arrays and objects a corpus file (or NDJSON line) may have: 64. */
export const MAX_JSON_DEPTH = 64;

/**
 * Finds where JSON text nests deeper than `maxDepth` arrays/objects, in one pass that skips
 * string contents (escapes included). The text need not be valid JSON.
 *
 * @returns the offset of the bracket that goes past `maxDepth`, or -1 when none does.
 */
export function findExcessJsonDepth(text: string, maxDepth: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      // Unbalanced closers are JSON.parse's to report; depth never goes below zero here.
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/**
 * Splits a query string into syntax tokens: words, quoted phrases, parentheses, the operators
 * `AND` `OR` `NOT` `NEAR/n` `SAME(`, the signs `+` `-`, and `field:` prefixes for known fields.
 * Never throws: an unclosed quote runs to the end, and a character that means nothing here is
 * left inside a word for the analyzer to drop.
 */

/** One syntax token of a query string. */
export type LexToken =
  | { t: 'lparen' }
  | { t: 'rparen' }
  | { t: 'and' }
  | { t: 'or' }
  | { t: 'not' }
  | { t: 'plus' }
  | { t: 'minus' }
  | { t: 'near'; distance: number }
  | { t: 'same' }
  /** A bare word; `prefix` when it ended in `*`; `field` when it had a known `field:` before it. */
  | { t: 'word'; text: string; prefix: boolean; field: string | null }
  /** A quoted phrase (quotes removed). */
  | { t: 'phrase'; text: string; field: string | null };

/** Largest `n` of `NEAR/n`: larger values are lowered to it (a paragraph is rarely longer). */
export const MAX_NEAR_DISTANCE = 100;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\u3000';
}

/** Characters that end a bare word. */
function isBreak(c: string): boolean {
  return isSpace(c) || c === '"' || c === '(' || c === ')';
}

/**
 * Tokenises `query`. `isField` says whether a lower-cased name before `:` is a field (`title`
 * or a facet field); any other `word:` stays text (`re: talks`, `6:02`).
 */
export function lexQuery(query: string, isField: (name: string) => boolean): LexToken[] {
  const out: LexToken[] = [];
  const n = query.length;
  let i = 0;
  while (i < n) {
    const c = query[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(') {
      out.push({ t: 'lparen' });
      i++;
      continue;
    }
    if (c === ')') {
      out.push({ t: 'rparen' });
      i++;
      continue;
    }
    if (c === '"') {
      i = readPhrase(query, i + 1, null, out);
      continue;
    }
    // A sign counts only when something follows it directly ("- " is a dash, not an exclusion).
    if ((c === '+' || c === '-') && i + 1 < n && !isSpace(query[i + 1]) && query[i + 1] !== ')') {
      out.push({ t: c === '+' ? 'plus' : 'minus' });
      i++;
      continue;
    }
    let j = i;
    while (j < n && !isBreak(query[j])) j++;
    const chunk = query.slice(i, j);
    if (chunk === 'AND' || chunk === 'OR' || chunk === 'NOT') {
      out.push({ t: chunk === 'AND' ? 'and' : chunk === 'OR' ? 'or' : 'not' });
      i = j;
      continue;
    }
    const near = /^NEAR\/(\d{1,6})$/.exec(chunk);
    if (near) {
      out.push({ t: 'near', distance: Math.min(MAX_NEAR_DISTANCE, Math.max(1, Number(near[1]))) });
      i = j;
      continue;
    }
    if (chunk === 'SAME' && query[j] === '(') {
      out.push({ t: 'same' });
      i = j + 1;
      continue;
    }
    const colon = chunk.indexOf(':');
    if (colon > 0) {
      const name = chunk.slice(0, colon).toLowerCase();
      if (isField(name)) {
        const rest = chunk.slice(colon + 1);
        if (rest === '' && query[j] === '"') {
          i = readPhrase(query, j + 1, name, out);
          continue;
        }
        if (rest !== '') {
          pushWord(rest, name, out);
          i = j;
          continue;
        }
      }
    }
    pushWord(chunk, null, out);
    i = j;
  }
  return out;
}

function pushWord(chunk: string, field: string | null, out: LexToken[]): void {
  let end = chunk.length;
  while (end > 0 && chunk[end - 1] === '*') end--;
  if (end === 0) return; // a lone "*" means nothing
  out.push({ t: 'word', text: chunk.slice(0, end), prefix: end < chunk.length, field });
}

/** Reads a phrase body from `start` to the closing quote (or the end); returns where to go on. */
function readPhrase(query: string, start: number, field: string | null, out: LexToken[]): number {
  let end = query.indexOf('"', start);
  const next = end < 0 ? query.length : end + 1;
  if (end < 0) end = query.length;
  out.push({ t: 'phrase', text: query.slice(start, end), field });
  return next;
}

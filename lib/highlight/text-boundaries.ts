/**
 * Word and sentence boundaries in raw text, as the snippet window needs them: where a passage may
 * start or end without cutting a word, and where sentences begin.
 *
 * Words here are runs of non-whitespace, not analyzer tokens: the analyzer drops stop words and
 * punctuation, but a passage must not cut "(Reuters)" or "U.S.-led" in half either.
 */

/**
 * Whether the UTF-16 code unit `c` is whitespace, exactly as the `\s` regular-expression class
 * defines it (so line and paragraph separators, no-break and ideographic spaces included).
 */
export function isWhitespaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Whether the UTF-16 code unit `c` is a hyphen that joins words (`-`, U+2010 hyphen, U+2011
 * non-breaking hyphen). Dashes (– —) are not: they separate clauses, not parts of a name.
 */
export function isHyphenCode(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

/** Index of the first non-whitespace character of `text`, or `text.length` when there is none. */
export function contentStart(text: string): number {
  let i = 0;
  while (i < text.length && isWhitespaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the last non-whitespace character of `text`, or 0 when there is none. */
export function contentEnd(text: string): number {
  let i = text.length;
  while (i > 0 && isWhitespaceCode(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * Start of the word that contains the character at `pos`, looking back at most `limit`
 * characters; -1 when the word starts further back than that.
 */
export function wordStartAround(text: string, pos: number, limit: number): number {
  const stop = Math.max(0, pos - limit);
  let i = pos;
  while (i > stop && !isWhitespaceCode(text.charCodeAt(i - 1))) i--;
  return i === 0 || isWhitespaceCode(text.charCodeAt(i - 1)) ? i : -1;
}

/**
 * End (exclusive) of the word that contains the character at `end - 1`, looking ahead at most
 * `limit` characters; -1 when the word ends further on than that.
 */
export function wordEndAround(text: string, end: number, limit: number): number {
  const stop = Math.min(text.length, end + limit);
  let i = end;
  while (i < stop && !isWhitespaceCode(text.charCodeAt(i))) i++;
  return i === text.length || isWhitespaceCode(text.charCodeAt(i)) ? i : -1;
}

/**
 * The first word start at or after `pos`, or `max` when none comes before it. `max` must itself
 * be a word start (or the end of the text).
 */
export function nextWordStart(text: string, pos: number, max: number): number {
  let i = Math.max(0, pos);
  // Inside a word: skip to its end.
  if (i > 0) while (i < max && !isWhitespaceCode(text.charCodeAt(i - 1))) i++;
  while (i < max && isWhitespaceCode(text.charCodeAt(i))) i++;
  return Math.min(i, max);
}

/**
 * The last word end at or before `pos`, or `min` when none comes after it. `min` must itself be
 * a word end (or the start of the text).
 */
export function previousWordEnd(text: string, pos: number, min: number): number {
  let i = Math.min(text.length, pos);
  // Inside a word: back up to its start.
  if (i < text.length) while (i > min && !isWhitespaceCode(text.charCodeAt(i))) i--;
  while (i > min && isWhitespaceCode(text.charCodeAt(i - 1))) i--;
  return Math.max(i, min);
}

// A sentence ends with . ! ? or …, maybe followed by closing quotes or brackets, then whitespace;
// the next one starts with an upper-case letter or a digit, maybe after an opening quote.
// One regular expression (rather than a hand-written scan) measured several times faster.
const SENTENCE_BREAK = /[.!?\u2026]["'\u201d\u2019\u00bb)\]]*\s+(?=["'\u201c\u2018\u00ab(\[]?[\p{Lu}\p{Nd}])/gu;

// Titles that are followed by a full stop and a capitalised name far more often than they end a
// sentence. Company suffixes (Inc., Corp., Ltd.) are deliberately absent: in news copy they end
// sentences about as often as not.
const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'sgt', 'capt', 'cmdr',
  'adm', 'maj', 'st', 'jr', 'sr', 'rev', 'hon', 'pres', 'no', 'vs', 'messrs',
]);

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
}

/** Whether the full stop at `dot` more likely ends an abbreviation (`U.S.`, `Mr.`) than a sentence. */
function endsAbbreviation(text: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && dot - i <= 8 && isLetterCode(text.charCodeAt(i - 1))) i--;
  const word = text.slice(i, dot);
  if (word.length === 1) return true; // an initial: "J. Smith", the "S." of "U.S."
  return TITLE_ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Offsets where sentences start in `text`, ascending. The first non-whitespace character always
 * counts as one. A heuristic, tuned for English news copy: a sentence break is `.`, `!`, `?` or
 * `…` (plus closing quotes or brackets), whitespace, then a capital or a digit; initials and
 * common titles (`Mr.`, `Gen.`) are not breaks.
 */
export function sentenceStarts(text: string): number[] {
  const starts: number[] = [];
  const first = contentStart(text);
  if (first < text.length) starts.push(first);
  SENTENCE_BREAK.lastIndex = first;
  for (let m = SENTENCE_BREAK.exec(text); m !== null; m = SENTENCE_BREAK.exec(text)) {
    if (text.charCodeAt(m.index) === 46 && endsAbbreviation(text, m.index)) continue;
    starts.push(m.index + m[0].length);
  }
  return starts;
}

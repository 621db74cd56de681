/**
 * Character classification for the tokenizer: what role a UTF-16 code unit (or the code point
 * starting at it) plays in a word.
 *
 * ASCII is answered from a 128-entry table; other Basic Multilingual Plane characters are
 * classified once with Unicode property regexes and memoised in a 64 KiB table, so a long text
 * full of curly quotes and dashes costs one regex test per distinct character, not per
 * occurrence. Astral code points (emoji, rare CJK, mathematical letters) are rare enough to be
 * tested every time.
 */

/** Not part of any word: spaces, punctuation, symbols, emoji, unpaired surrogates. */
export const SEPARATOR = 1;
/** A letter (`\p{L}`) that is not an ideograph; starts or continues a word. */
export const LETTER = 2;
/** A digit or other number character (`\p{N}`); starts or continues a word. */
export const DIGIT = 3;
/** A combining mark (`\p{M}`): continues a word, never starts one. */
export const MARK = 4;
/**
 * A Han ideograph or Hiragana character: a token of its own, as in Lucene's StandardTokenizer
 * (CJK text has no spaces between words).
 */
export const IDEOGRAPH = 5;
/** An apostrophe (`'`, `’`, `ʼ`): joins two word parts ("don't"), never starts or ends a word. */
export const APOSTROPHE = 6;
/** An invisible joiner (soft hyphen, ZWJ, ZWNJ, word joiner): inside a word it is dropped, elsewhere a separator. */
export const JOINER = 7;

/** The class of ASCII code units, indexed by code. */
export const ASCII_CLASS: Uint8Array = buildAsciiTable();

// 0 means "not classified yet"; filled lazily by classifyBmp.
const bmpClass = new Uint8Array(0x10000);

const MARK_RE = /^\p{M}$/u;
const IDEOGRAPH_RE = /^[\p{Script=Han}\p{Script=Hiragana}]$/u;
const LETTER_RE = /^\p{L}$/u;
const NUMBER_RE = /^\p{N}$/u;

function buildAsciiTable(): Uint8Array {
  const table = new Uint8Array(128).fill(SEPARATOR);
  for (let c = 48; c <= 57; c++) table[c] = DIGIT;
  for (let c = 65; c <= 90; c++) table[c] = LETTER;
  for (let c = 97; c <= 122; c++) table[c] = LETTER;
  table[39] = APOSTROPHE;
  return table;
}

/** Classifies one code point by its Unicode properties (the slow path, memoised by callers). */
function classifyCodePoint(cp: number): number {
  // U+2019 and U+02BC are how news text spells apostrophes; U+02BC is formally a letter (Lm),
  // but treating it as one would glue "Korea" and "s" into a word with no possessive to strip.
  if (cp === 0x2019 || cp === 0x02bc) return APOSTROPHE;
  // Soft hyphens and zero-width (non-)joiners sit inside words in scraped and Indic/Persian text.
  if (cp === 0x00ad || cp === 0x200c || cp === 0x200d || cp === 0x2060) return JOINER;
  const ch = String.fromCodePoint(cp);
  if (MARK_RE.test(ch)) return MARK;
  if (LETTER_RE.test(ch)) return IDEOGRAPH_RE.test(ch) ? IDEOGRAPH : LETTER;
  if (NUMBER_RE.test(ch)) return IDEOGRAPH_RE.test(ch) ? IDEOGRAPH : DIGIT;
  return SEPARATOR;
}

/**
 * The class of the non-ASCII character starting at `text[i]`, whose code unit `c` (≥ 128) the
 * caller has already read. A high surrogate followed by a low one is classified as the astral
 * code point they form (the caller then advances by 2); an unpaired surrogate is a
 * {@link SEPARATOR}.
 */
export function classifyNonAscii(text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) {
    if (c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        return classifyCodePoint(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
      }
    }
    return SEPARATOR;
  }
  let cls = bmpClass[c];
  if (cls === 0) {
    cls = classifyCodePoint(c);
    bmpClass[c] = cls;
  }
  return cls;
}

/** The class of the character starting at `text[i]` (`i` must be in range). */
export function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_CLASS[c] : classifyNonAscii(text, i, c);
}

/** Whether `c` is the code unit of one of the {@link APOSTROPHE} characters. */
export function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x02bc;
}

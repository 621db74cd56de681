/**
 * The tokenizer: finds word boundaries in a text, with exact UTF-16 offsets.
 *
 * It is a cursor, like Lucene's `incrementToken`: {@link Tokenizer.next} advances to the next
 * token and exposes `start`, `end` and `flags` as fields, so scanning a text allocates nothing
 * per token. The flags tell the normaliser which (rare) clean-ups a token needs, so the common
 * case, a run of ASCII letters, can skip them all.
 */
import { WORD_HASH_PRIME, WORD_HASH_SEED } from './term-cache.js';
import {
  APOSTROPHE, ASCII_CLASS, DIGIT, IDEOGRAPH, JOINER, LETTER, MARK, SEPARATOR, classAt, classifyNonAscii, isApostrophe,
} from './char-class.js';

/** The token has an ASCII upper-case letter. */
export const TOKEN_UPPER = 1;
/** The token has a digit (of any script): it is a number or mixed ("G7"), and is not stemmed. */
export const TOKEN_DIGIT = 2;
/** The token has a non-ASCII letter, digit or mark: it needs Unicode lower-casing and folding. */
export const TOKEN_NON_ASCII = 4;
/** The token has an apostrophe inside it, or a possessive `'s` at its end. */
export const TOKEN_APOSTROPHE = 8;
/** The token is a number with thousands separators ("1,000"): the commas are dropped. */
export const TOKEN_COMMA = 16;
/** The token has `.` or `:` between digits ("3.5", "6:02"): kept as they are. */
export const TOKEN_NUMBER_PUNCT = 32;
/** The token is a dotted acronym ("U.S."): the dots are dropped. */
export const TOKEN_ACRONYM = 64;
/** The token has an invisible joiner (soft hyphen, ZWJ …) inside it, to be dropped. */
export const TOKEN_JOINER = 128;

// A high surrogate whose class is not SEPARATOR is always followed by its low half (see
// classifyNonAscii), so the character it starts is two code units wide.
function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Whether a letter or digit (not an ideograph, not a mark) starts at `text[i]`. */
function isWordPartStart(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const cls = classAt(text, i);
  return cls === LETTER || cls === DIGIT;
}

/** Whether the character at `text[i]` would extend a word that ends just before it. */
function extendsWord(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const cls = classAt(text, i);
  if (cls === LETTER || cls === DIGIT || cls === MARK) return true;
  return (cls === APOSTROPHE || cls === JOINER) && isWordPartStart(text, i + 1);
}

/**
 * A reusable cursor over the tokens of a text.
 *
 * Rules, in the order the scanner applies them:
 * - A token starts at a letter or digit of any script; combining marks continue it but never
 *   start it. Everything else (spaces, punctuation, hyphens, emoji) separates tokens, so
 *   "US-North" gives "US" and "North", each with its own offsets.
 * - Han ideographs and Hiragana are one token each, as CJK text has no spaces.
 * - An apostrophe between two word characters joins them ("don't", "Seoul’s"); a trailing or
 *   leading one is not part of the token ("Koreans’" ends before the `’`).
 * - `.` and `:` between ASCII digits join ("3.5", "6:02"); `,` joins when followed by exactly
 *   three digits ("1,000", but not "1,2"). A sentence-final dot ("2009.") is not included.
 * - Two or more single ASCII letters each followed by a dot form one acronym token covering
 *   the dots ("U.S.", "D.C."); the final dot is optional ("U.S-led"), and a possessive after it
 *   ("U.S.’s") is included.
 * - Soft hyphens and zero-width joiners between word characters are kept inside the token.
 *
 * `start` is inclusive and `end` exclusive, in UTF-16 code units of the text given to
 * {@link Tokenizer.reset}; a token never starts or ends inside a surrogate pair.
 */
export class Tokenizer {
  /** Start offset of the current token (inclusive). */
  start = 0;
  /** End offset of the current token (exclusive). */
  end = 0;
  /** `TOKEN_*` bits describing the current token. */
  flags = 0;
  /**
   * {@link wordHash} of the current token, computed while scanning, when its flags are only
   * {@link TOKEN_UPPER} or none (a word of ASCII letters); meaningless otherwise.
   */
  hash = 0;
  private text = '';
  private pos = 0;

  /**
   * Starts scanning `text` from its beginning, or from `from`: a token found there is the one a
   * scan from the beginning finds when a token starts at `from` (no rule looks back before a
   * token's start).
   */
  reset(text: string, from = 0): void {
    this.text = text;
    this.pos = from;
    this.start = 0;
    this.end = 0;
    this.flags = 0;
    this.hash = 0;
  }

  /** Advances to the next token; false when the text has no more. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    let c = 0;
    let cls = SEPARATOR;
    while (i < n) {
      c = text.charCodeAt(i);
      // Lower-case ASCII letters are most of any English text: test them before the table.
      if (c >= 97 && c <= 122) {
        cls = LETTER;
        break;
      }
      cls = c < 128 ? ASCII_CLASS[c] : classifyNonAscii(text, i, c);
      if (cls === LETTER || cls === DIGIT || cls === IDEOGRAPH) break;
      i += cls !== SEPARATOR && isHighSurrogate(c) ? 2 : 1;
    }
    if (i >= n) {
      this.pos = n;
      return false;
    }
    this.start = i;
    if (cls === IDEOGRAPH) return this.finishIdeograph(i, c);
    if (c < 128 && cls === LETTER && i + 2 < n && text.charCodeAt(i + 1) === 46) {
      if (this.scanAcronym(i)) return true;
    }
    this.scanWord(i);
    return true;
  }

  private finishIdeograph(i: number, c: number): boolean {
    const text = this.text;
    let j = i + (isHighSurrogate(c) ? 2 : 1);
    // Marks after an ideograph (variation selectors, dakuten in NFD text) belong to it.
    while (j < text.length && classAt(text, j) === MARK) j += isHighSurrogate(text.charCodeAt(j)) ? 2 : 1;
    this.end = j;
    this.pos = j;
    this.flags = TOKEN_NON_ASCII;
    return true;
  }

  /** Tries to read a dotted acronym at `i` (a letter followed by "."); false if there is none. */
  private scanAcronym(i: number): boolean {
    const text = this.text;
    const n = text.length;
    if (!isAsciiLetter(text.charCodeAt(i + 2)) || extendsWord(text, i + 3)) return false;
    let flags = TOKEN_ACRONYM;
    let j = i + 3;
    while (j + 1 < n && text.charCodeAt(j) === 46 && isAsciiLetter(text.charCodeAt(j + 1)) && !extendsWord(text, j + 2)) {
      j += 2;
    }
    if (j < n && text.charCodeAt(j) === 46) j++;
    const possessive = j + 1 < n && isApostrophe(text.charCodeAt(j)) && (text.charCodeAt(j + 1) | 32) === 115;
    if (possessive && !extendsWord(text, j + 2)) {
      j += 2;
      flags |= TOKEN_APOSTROPHE;
    }
    this.end = j;
    this.pos = j;
    this.flags = flags;
    return true;
  }

  /** Reads an ordinary word (letters, digits, marks and the joins between them) from `i`. */
  private scanWord(i: number): void {
    const text = this.text;
    const n = text.length;
    let flags = 0;
    let hash = WORD_HASH_SEED;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 97 && c <= 122) {
        hash = Math.imul(hash ^ c, WORD_HASH_PRIME);
        i++;
        continue;
      }
      if (c < 128) {
        const cls = ASCII_CLASS[c];
        if (cls === LETTER) {
          hash = Math.imul(hash ^ (c | 32), WORD_HASH_PRIME);
          flags |= TOKEN_UPPER;
          i++;
        } else if (cls === DIGIT) {
          flags |= TOKEN_DIGIT;
          i++;
        } else if (cls === APOSTROPHE && isWordPartStart(text, i + 1)) {
          flags |= TOKEN_APOSTROPHE;
          i++;
        } else if ((c === 46 || c === 58) && isAsciiDigit(text.charCodeAt(i - 1)) && isAsciiDigit(text.charCodeAt(i + 1))) {
          flags |= TOKEN_NUMBER_PUNCT;
          i += 2;
        } else if (c === 44 && isThousandsComma(text, i)) {
          flags |= TOKEN_COMMA | TOKEN_DIGIT;
          i += 4;
        } else {
          break;
        }
        continue;
      }
      const cls = classifyNonAscii(text, i, c);
      if (cls === LETTER || cls === MARK) {
        flags |= TOKEN_NON_ASCII;
      } else if (cls === DIGIT) {
        flags |= TOKEN_NON_ASCII | TOKEN_DIGIT;
      } else if (cls === APOSTROPHE && isWordPartStart(text, i + 1)) {
        // Not TOKEN_NON_ASCII: once the apostrophe is removed, "Seoul’s" needs no folding.
        flags |= TOKEN_APOSTROPHE;
      } else if (cls === JOINER && isWordPartStart(text, i + 1)) {
        flags |= TOKEN_JOINER;
      } else {
        break;
      }
      i += isHighSurrogate(c) ? 2 : 1;
    }
    this.end = i;
    this.pos = i;
    this.flags = flags;
    this.hash = hash | 1;
  }
}

/** Whether the `,` at `text[i]` separates thousands: a digit before, exactly three after. */
function isThousandsComma(text: string, i: number): boolean {
  return (
    i + 3 < text.length &&
    isAsciiDigit(text.charCodeAt(i - 1)) &&
    isAsciiDigit(text.charCodeAt(i + 1)) &&
    isAsciiDigit(text.charCodeAt(i + 2)) &&
    isAsciiDigit(text.charCodeAt(i + 3)) &&
    !(i + 4 < text.length && isAsciiDigit(text.charCodeAt(i + 4)))
  );
}

// One cursor for every tokenEndAt call: highlighting calls it once per matched token, and the
// call runs to completion without re-entering itself, so nothing can share the cursor mid-scan.
const endTokenizer = new Tokenizer();

/**
 * The end (exclusive) of the token that starts at `start` of `text`, found by scanning that one
 * token: how stored token start offsets give back whole tokens without running the analyzer.
 * -1 when no token starts at `start` (the text is not the one the offset was taken from).
 */
export function tokenEndAt(text: string, start: number): number {
  const tokenizer = endTokenizer;
  tokenizer.reset(text, start);
  return tokenizer.next() && tokenizer.start === start ? tokenizer.end : -1;
}

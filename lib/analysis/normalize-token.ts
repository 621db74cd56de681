/**
 * Token normalisation: from a token's surface form to its unstemmed term.
 */
import { isApostrophe } from './char-class.js';
import { foldDiacritics } from './fold-diacritics.js';
import { TOKEN_ACRONYM, TOKEN_APOSTROPHE, TOKEN_COMMA, TOKEN_JOINER, TOKEN_NON_ASCII } from './tokenizer.js';

const APOSTROPHES = /['\u2019\u02bc]/g;
const DOTS = /\./g;
const COMMAS = /,/g;
const JOINERS = /[\u00ad\u200c\u200d\u2060]/g;

/**
 * Normalises the surface form of one token, as the {@link Tokenizer} delimited it, using the
 * `flags` it reported: a possessive `'s`/`’s` at the end is removed ("Seoul’s" → "Seoul"), the
 * remaining apostrophes are dropped ("don't" → "dont"), so are acronym dots ("U.S." → "US"),
 * thousands separators ("1,000" → "1000") and invisible joiners; then the result is lower-cased
 * and, when `fold` is true, its diacritics folded ({@link foldDiacritics}); otherwise it is only
 * composed (NFC), so that precomposed and decomposed accents still agree.
 *
 * Only the steps the flags call for are run: a token of plain lower-case ASCII letters is
 * returned as it is.
 */
export function normalizeToken(surface: string, flags: number, fold: boolean): string {
  let s = surface;
  if (flags & TOKEN_APOSTROPHE) {
    const n = s.length;
    if (n >= 2 && (s.charCodeAt(n - 1) | 32) === 115 && isApostrophe(s.charCodeAt(n - 2))) s = s.slice(0, n - 2);
    s = s.replace(APOSTROPHES, '');
  }
  if (flags & TOKEN_ACRONYM) s = s.replace(DOTS, '');
  if (flags & TOKEN_COMMA) s = s.replace(COMMAS, '');
  if (flags & TOKEN_JOINER) s = s.replace(JOINERS, '');
  s = s.toLowerCase();
  if (flags & TOKEN_NON_ASCII) s = fold ? foldDiacritics(s) : s.normalize('NFC');
  return s;
}

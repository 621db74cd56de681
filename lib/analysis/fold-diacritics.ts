/**
 * Diacritic folding: "café" → "cafe", "Straße" → "Strasse", "Łódź" → "Lodz".
 */

// The generic combining-diacritics blocks (accents, cedillas, rings, carons …). Only these are
// stripped, not every \p{M}: the vowel signs of Devanagari, Thai and other scripts are combining
// marks too, and removing them would turn words into different words.
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/g;

// Letters NFD does not decompose but readers treat as a base letter with a mark, or a ligature.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T',
  ŀ: 'l', Ŀ: 'L', ſ: 's', ĳ: 'ij', Ĳ: 'IJ', ς: 'σ',
};
const LETTER_FOLD_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Folds diacritics in `text`: canonical decomposition (NFD), removal of the generic combining
 * diacritics, the ligatures and stroked letters NFD leaves alone (ß → ss, æ → ae, œ → oe,
 * ø → o, ł → l, đ/ð → d, þ → th, ı → i …), and final sigma ς → σ so that a lower-cased "ΟΔΟΣ"
 * and a typed "οδοσ" agree. Case is preserved. What remains non-ASCII is recomposed (NFC), so
 * Hangul syllables and Japanese voiced kana come back whole.
 */
export function foldDiacritics(text: string): string {
  let folded = text.normalize('NFD').replace(DIACRITICS, '');
  folded = folded.replace(LETTER_FOLD_RE, (ch) => LETTER_FOLDS[ch] ?? ch);
  return NON_ASCII.test(folded) ? folded.normalize('NFC') : folded;
}

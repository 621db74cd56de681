/**
 * Sentence splitting and grouping, used to turn unparagraphed collection text into paragraphs.
 *
 * The collections are old transcriptions: TIME puts a space before every full stop
 * (`THE U.S . FIRST`), CACM and ADI mostly do not. A sentence ends at `.`, `?` or `!` followed
 * by white space, unless the word before the stop is an abbreviation (`U.S`, `MR`, `DEC`, a single
 * letter) — good enough for grouping; a wrong split only moves a chunk boundary.
 */

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'gen', 'sen', 'rep', 'gov', 'col', 'lt', 'capt', 'sgt',
  'rev', 'prof', 'no', 'vs', 'co', 'corp', 'inc', 'ltd', 'jan', 'feb', 'mar', 'apr', 'aug', 'sept',
  'sep', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'et al', 'fig', 'ref',
]);

function isAbbreviation(word: string): boolean {
  const w = word.toLowerCase().replace(/^[("'\s]+/, '');
  // Single letters and dotted initialisms: `J`, `U.S`, `U.N`, `H.P`.
  if (/^[a-z](?:\.[a-z])*$/.test(w)) return true;
  return ABBREVIATIONS.has(w);
}

/** Splits text into sentences (trimmed, non-empty), keeping each sentence's final punctuation. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /[.?!]+["')]*(?=\s+|$)/g;
  let start = 0;
  for (let m = boundary.exec(text); m !== null; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    const before = text.slice(start, m.index).trimEnd();
    const lastWord = before.slice(before.search(/\S+$/));
    if (m[0].startsWith('.') && lastWord !== '' && isAbbreviation(lastWord)) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence !== '') sentences.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences;
}

/**
 * Groups text into paragraphs of `sentencesPerParagraph` sentences each (the last may be
 * shorter). 0 keeps the whole text as one paragraph. Empty text gives no paragraph.
 */
export function chunkSentences(text: string, sentencesPerParagraph: number): string[] {
  const whole = text.trim();
  if (whole === '') return [];
  if (sentencesPerParagraph <= 0) return [whole];
  const sentences = splitSentences(whole);
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += sentencesPerParagraph) {
    paragraphs.push(sentences.slice(i, i + sentencesPerParagraph).join(' '));
  }
  return paragraphs;
}

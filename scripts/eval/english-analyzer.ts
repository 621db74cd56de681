/**
 * The English analyzer of the reference BM25 and of the peers that take a term processor:
 * split into letter/digit runs, lower-case, drop Lucene's 33 English stop words, Porter-stem.
 */
import { stemmer } from 'stemmer';

/** Lucene's `EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`: the 33 words Anserini and Lucene drop. */
export const LUCENE_STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no',
  'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this',
  'to', 'was', 'will', 'with',
]);

/**
 * Word tokens: maximal runs of letters and digits. Simpler than Lucene's StandardTokenizer
 * (UAX #29 keeps `u.s`, `don't` and `3.5` whole), and it is the tokenization the issue's
 * baseline numbers were measured with; a UAX #29-like variant measured CACM MAP 0.3275 instead
 * of 0.3136 at k1=0.9 b=0.4 (see EVALUATION.md).
 */
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased word tokens of `text`, before stop words and stemming. */
export function tokenizeWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * One token through the rest of the chain: undefined for a stop word, else its Porter stem.
 * Exposed separately for engines that tokenize themselves and call back per term.
 */
export function processTerm(term: string): string | undefined {
  const t = term.toLowerCase();
  if (t === '' || LUCENE_STOP_WORDS.has(t)) return undefined;
  return stemmer(t);
}

/** The full chain: the indexed terms of `text`, in order, repeats kept. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenizeWords(text)) {
    const term = processTerm(token);
    if (term !== undefined) terms.push(term);
  }
  return terms;
}

/**
 * The default English stop words.
 */

/**
 * Lucene's English stop-word set (`EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`): 33 function words
 * frequent enough to carry no meaning in a query. Deliberately short, so that phrases such as
 * "who will be next" keep their content words; "us" is not in it, so "U.S." survives.
 */
export const DEFAULT_STOP_WORDS: readonly string[] = Object.freeze([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it',
  'no', 'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these',
  'they', 'this', 'to', 'was', 'will', 'with',
]);

/**
 * What highlighting marks: single terms, and phrases (each marked as one span from its first to
 * its last word, stop words between included), so that `"north korea"` marks "North Korea" and
 * not a lone "north".
 */

/**
 * A phrase pattern: per position, the terms that may stand there (several for a prefix), or
 * null for a stop word's slot, which any token (or none) fills.
 */
export type PhrasePattern = readonly (ReadonlySet<string> | null)[];

/** The terms and phrases to mark in one kind of text (titles or paragraphs). */
export interface HighlightQuery {
  /** Terms marked wherever they occur. */
  terms: ReadonlySet<string>;
  /** Phrases marked where their words stand at consecutive positions. */
  phrases: readonly PhrasePattern[];
}

/** A highlight query, or the plain set of terms older callers pass. */
export type HighlightTerms = ReadonlySet<string> | HighlightQuery;

/** The highlight query a plain set of terms stands for. */
export function toHighlightQuery(q: HighlightTerms): HighlightQuery {
  return 'phrases' in q ? q : { terms: q, phrases: [] };
}

/**
 * Finding the analyzer tokens of a text whose terms are query terms, and merging them into the
 * ranges a reader sees as one highlight.
 */
import type { Range } from '../types.js';
import { isHyphenCode, isWhitespaceCode } from './text-boundaries.js';
import { toHighlightQuery, type HighlightTerms, type PhrasePattern } from './highlight-query.js';

/**
 * What highlighting needs from an analyzer: one pass over the tokens of a text, without building
 * token objects. The analyzer of `lib/analysis` satisfies it; so does anything with the same method.
 */
export interface TokenSource {
  /**
   * Calls `fn` for every indexed token of `text`, in text order, with the normalised term and
   * the token's `[start, end)` offsets in `text`.
   */
  forEachToken(text: string, fn: (term: string, start: number, end: number, position: number) => void): void;
}

/**
 * The matched tokens of one text, as parallel arrays (one entry per matched token, in text
 * order) so that a 100k-character paragraph does not allocate an object per match.
 */
export interface TokenMatches {
  starts: number[];
  ends: number[];
  terms: string[];
}

/**
 * Collects the tokens of `text` whose term is a query term, and the spans of the query's phrases
 * (one entry from the first word's start to the last word's end), in one tokenisation pass.
 *
 * @returns Parallel arrays of starts, ends and terms, sorted by start.
 */
export function collectMatches(text: string, query: HighlightTerms, tokens: TokenSource): TokenMatches {
  const { terms: queryTerms, phrases } = toHighlightQuery(query);
  let starts: number[] = [];
  let ends: number[] = [];
  let terms: string[] = [];
  if ((queryTerms.size === 0 && phrases.length === 0) || text.length === 0) return { starts, ends, terms };
  // Every token is kept (with its position) only when there are phrases to find.
  const all = phrases.length > 0 ? { term: [] as string[], start: [] as number[], end: [] as number[], pos: [] as number[] } : null;
  let sorted = true;
  tokens.forEachToken(text, (term, start, end, position) => {
    if (all) {
      all.term.push(term);
      all.start.push(start);
      all.end.push(end);
      all.pos.push(position);
    }
    if (!queryTerms.has(term) || end <= start) return;
    if (starts.length > 0 && start < starts[starts.length - 1]) sorted = false;
    starts.push(start);
    ends.push(end);
    terms.push(term);
  });
  if (all) {
    for (const pattern of phrases) {
      for (const [s, e] of phraseSpans(all.term, all.pos, pattern)) {
        starts.push(all.start[s]);
        ends.push(all.end[e]);
        terms.push(all.term[s]);
        sorted = false;
      }
    }
  }
  // The analyzer emits tokens in text order; a TokenSource that does not is put in order here
  // rather than trusted, since every later step relies on it.
  if (!sorted) {
    const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b] || ends[a] - ends[b]);
    starts = order.map((i) => starts[i]);
    ends = order.map((i) => ends[i]);
    terms = order.map((i) => terms[i]);
  }
  return { starts, ends, terms };
}

/**
 * Where a phrase pattern occurs among tokens given by term and position: pairs of token indexes
 * (first word, last word). Positions count stop words, so a null slot is a position skipped.
 */
export function phraseSpans(terms: readonly string[], positions: readonly number[], pattern: PhrasePattern): [number, number][] {
  const out: [number, number][] = [];
  const first = pattern[0];
  if (!first) return out;
  const byPos = new Map<number, number>();
  positions.forEach((p, i) => byPos.set(p, i));
  for (let i = 0; i < terms.length; i++) {
    if (!first.has(terms[i])) continue;
    let last = i;
    let ok = true;
    for (let k = 1; k < pattern.length && ok; k++) {
      const slot = pattern[k];
      if (slot === null) continue;
      const j = byPos.get(positions[i] + k);
      if (j === undefined || !slot.has(terms[j])) ok = false;
      else last = j;
    }
    if (ok) out.push([i, last]);
  }
  return out;
}

/** Whether `text[from, to)` is empty or only whitespace and word-joining hyphens. */
function isJoiningGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isWhitespaceCode(c) && !isHyphenCode(c)) return false;
  }
  return true;
}

/**
 * Turns matched tokens into highlight ranges: clipped to `[from, to)` of `text`, shifted by
 * `shift`, sorted, and with overlapping or adjacent matches merged. Two matches are adjacent when
 * only whitespace and hyphens separate them, so "North Korea" and "Kim-Jong-un" are one highlight
 * each, while "Seoul, Tokyo" stays two.
 *
 * @param text - The text the matches were collected from.
 * @param matches - Matched tokens, sorted by start.
 * @param from - Start of the passage (inclusive). Default 0.
 * @param to - End of the passage (exclusive). Default `text.length`.
 * @param shift - Added to every offset: where `text[from]` lands in the output. Default `-from`.
 */
export function mergeMatches(
  text: string, matches: TokenMatches, from = 0, to = text.length, shift = -from,
): Range[] {
  const { starts, ends } = matches;
  const ranges = rangeScratch;
  let n = 0;
  let curStart = -1;
  let curEnd = -1;
  // Skip, by binary search, the matches that start before the passage: a snippet of a 100k
  // paragraph should not walk every match of it. A token that starts before `from` but reaches
  // into the passage (a passage cut inside a word) is picked up by stepping back over those.
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  while (lo > 0 && ends[lo - 1] > from) lo--;
  for (let k = lo; k < starts.length; k++) {
    const start = Math.max(starts[k], from);
    const end = Math.min(ends[k], to);
    if (starts[k] >= to) break;
    if (end <= start) continue;
    if (curStart >= 0 && (start <= curEnd || isJoiningGap(text, curEnd, start))) {
      if (end > curEnd) curEnd = end;
      continue;
    }
    if (curStart >= 0) ranges[n++] = { start: curStart + shift, end: curEnd + shift };
    curStart = start;
    curEnd = end;
  }
  if (curStart >= 0) ranges[n++] = { start: curStart + shift, end: curEnd + shift };
  return ranges.slice(0, n);
}

/**
 * Where {@link mergeMatches} writes its ranges (from index 0, over the last call's) before
 * copying out exactly as many as it made: an array grown by `push` reserves 17 slots at its
 * first element, and a snippet or a title has a few ranges (issue 15: ~7 KB of the ~119 KB a
 * default answer allocated).
 */
const rangeScratch: Range[] = [];

/**
 * The highlight ranges of a whole text: matched tokens merged as {@link mergeMatches} describes.
 */
export function findMatches(text: string, query: HighlightTerms, tokens: TokenSource): Range[] {
  return mergeMatches(text, collectMatches(text, query, tokens));
}

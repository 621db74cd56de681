/**
 * Snippets: the passage of a paragraph that best shows why it matched, with the matches marked.
 *
 * A passage is a window of at most `length` characters around the densest cluster of matched
 * terms, cut at word boundaries, with `…` where it was cut. Like Lucene's UnifiedHighlighter,
 * {@link makeSnippets} keeps the best passages, puts them back in document order and falls back
 * to the start of the article when nothing matched; like tantivy's `Snippet`, the result is data
 * (text and ranges) and the HTML is derived from it by {@link toHtml}.
 */
import type { Range, Snippet } from '../types.js';
import { markedHtml, toHtml } from './format.js';
import type { HighlightQuery, HighlightTerms } from './highlight-query.js';
import { collectMatches, mergeMatches, type TokenMatches, type TokenSource } from './matches.js';
import {
  contentEnd, contentStart, nextWordStart, previousWordEnd, sentenceStarts, wordEndAround, wordStartAround,
} from './text-boundaries.js';

/** Snippet length, in characters, when none is given. */
export const DEFAULT_SNIPPET_LENGTH = 200;
/** Number of snippets per article when none is given. */
export const DEFAULT_SNIPPET_COUNT = 3;
/** Shortest snippet length honoured: below this a passage cannot show a match and its context. */
export const MIN_SNIPPET_LENGTH = 10;

const ELLIPSIS = '\u2026';

/** Options of {@link makeSnippet}. */
export interface SnippetOptions {
  /**
   * Maximum length of the snippet text in UTF-16 code units, ellipses included. Default 200
   * ({@link DEFAULT_SNIPPET_LENGTH}); values below {@link MIN_SNIPPET_LENGTH} are raised to it,
   * fractions are rounded down, and a non-finite value means the default.
   */
  length?: number;
}

/** Options of {@link makeSnippets}. */
export interface SnippetsOptions extends SnippetOptions {
  /**
   * Maximum number of snippets, each from a different paragraph. Default 3
   * ({@link DEFAULT_SNIPPET_COUNT}); 0 for none; fractions are rounded down, negative values mean
   * 0 and a non-finite value means the default.
   */
  count?: number;
}

function resolveLength(length: number | undefined): number {
  if (length === undefined || !Number.isFinite(length)) return DEFAULT_SNIPPET_LENGTH;
  return Math.max(MIN_SNIPPET_LENGTH, Math.floor(length));
}

function resolveCount(count: number | undefined): number {
  if (count === undefined || !Number.isFinite(count)) return DEFAULT_SNIPPET_COUNT;
  return Math.max(0, Math.floor(count));
}

/** A passage of a paragraph: raw offsets `[start, end)`, without the ellipses. */
interface Window {
  start: number;
  end: number;
}

/** Index of the last element of ascending `xs` that is `<= x`, or -1. */
function lastAtMost(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Steps back off a low surrogate so that a cut at `i` does not split a character in two. */
function codePointBoundary(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/**
 * Finds the matches `[i, j]` that fit in `budget` characters and best show the query: most
 * distinct query terms, then most matches, then a cluster the window can start at the beginning
 * of its sentence, then the earliest. Two pointers over the matches: linear in their number.
 */
function densestCluster(m: TokenMatches, budget: number, sentences: readonly number[]): [number, number] {
  const { starts, ends, terms } = m;
  const n = starts.length;
  const counts = new Map<string, number>();
  let distinct = 0;
  let best: [number, number] = [0, 0];
  let bestDistinct = -1;
  let bestTotal = -1;
  let bestNearSentence = false;
  let sentence = 0;
  let j = -1;
  const add = (term: string): void => {
    const c = counts.get(term) ?? 0;
    if (c === 0) distinct++;
    counts.set(term, c + 1);
  };
  for (let i = 0; i < n; i++) {
    if (j < i) {
      j = i;
      add(terms[i]);
    }
    while (j + 1 < n && ends[j + 1] - starts[i] <= budget) add(terms[++j]);
    const total = j - i + 1;
    if (distinct > bestDistinct || (distinct === bestDistinct && total >= bestTotal)) {
      while (sentence + 1 < sentences.length && sentences[sentence + 1] <= starts[i]) sentence++;
      const slack = budget - (ends[j] - starts[i]);
      const nearSentence = sentences.length > 0 && starts[i] - sentences[sentence] <= slack;
      if (distinct > bestDistinct || total > bestTotal || (nearSentence && !bestNearSentence)) {
        best = [i, j];
        bestDistinct = distinct;
        bestTotal = total;
        bestNearSentence = nearSentence;
      }
    }
    const c = counts.get(terms[i]) ?? 0;
    if (c === 1) distinct--;
    counts.set(terms[i], c - 1);
  }
  return best;
}

/**
 * Chooses the passage of `text` to show: the whole text when it fits, otherwise a window around
 * the densest cluster of matches, starting at its sentence when that fits, else with a little
 * context before the first match, and cut at word boundaries.
 */
function chooseWindow(text: string, m: TokenMatches, length: number): Window {
  const first = contentStart(text);
  const last = contentEnd(text);
  if (last - first <= length) return { start: first, end: last };
  // Room for the passage itself when both ends are cut.
  const budget = length - 2;
  const sentences = sentenceStarts(text);
  let [i, j] = densestCluster(m, budget, sentences);

  // Widen the cluster to whole words; drop an edge match when that no longer fits.
  let coreStart = -1;
  let coreEnd = -1;
  for (;;) {
    const slack = budget - (m.ends[j] - m.starts[i]);
    if (slack < 0) break;
    coreStart = wordStartAround(text, m.starts[i], slack);
    coreEnd = coreStart < 0 ? -1 : wordEndAround(text, m.ends[j], slack - (m.starts[i] - coreStart));
    if (coreStart >= 0 && coreEnd >= 0) break;
    if (i === j) break;
    if (coreStart < 0) i++;
    else j--;
  }
  if (coreStart < 0 || coreEnd < 0) {
    // A single match inside a "word" longer than the passage (a URL, text without spaces): the
    // only way to show it is to cut that word.
    const start = m.starts[i];
    const max = Math.min(last, start + budget);
    // End at a word end after the match if there is one in reach; only the match's own word
    // may be cut.
    const end = previousWordEnd(text, max, start);
    return { start, end: end >= m.ends[i] ? end : codePointBoundary(text, max) };
  }

  const slack = budget - (coreEnd - coreStart);
  const sentence = sentences[lastAtMost(sentences, coreStart)];
  let start =
    sentence !== undefined && coreStart - sentence <= slack
      ? sentence
      // Mid-sentence: a third of the spare room before the match, the rest after it, which is
      // where the sentence the reader joins goes on.
      : nextWordStart(text, coreStart - Math.floor(slack / 3), coreStart);
  const endRoom = (start > first ? length - 1 : length) - 1;
  const end = previousWordEnd(text, start + endRoom, coreEnd);
  if (end >= last && start > first) {
    // The passage reaches the end of the paragraph: spend the room left on what comes before,
    // from a sentence start when one is in reach.
    const room = length - 1 - (end - start);
    if (room > 0) {
      const k = lastAtMost(sentences, start - room - 1) + 1;
      start = k < sentences.length && sentences[k] <= start ? sentences[k] : nextWordStart(text, start - room, start);
    }
  }
  return { start, end };
}

function snippetOf(text: string, window: Window, m: TokenMatches | undefined, paragraph: number): Snippet {
  const { start, end } = window;
  const lead = start > contentStart(text) ? ELLIPSIS : '';
  const trail = end < contentEnd(text) ? ELLIPSIS : '';
  const body = text.slice(start, end);
  const matches: Range[] = m === undefined ? [] : mergeMatches(text, m, start, end, lead.length - start);
  return { paragraph, text: lead + body + trail, html: lead + markedHtml(body, matches, lead.length) + trail, matches };
}

/**
 * Makes the snippet of one paragraph: the window of at most `length` characters that holds the
 * densest cluster of matched terms (most distinct query terms first, then most matches, preferring
 * a window that starts at a sentence start), cut at word boundaries, with `…` at each end where
 * the paragraph goes on.
 *
 * A token matches when its analyzed term is in `queryTerms`, so a query analyzed by the same
 * analyzer marks every inflection ("missiles" marks "Missile"). Matches separated only by
 * whitespace or hyphens are one range ("North Korea"). The HTML escapes the text before marking.
 *
 * @param text - The paragraph.
 * @param queryTerms - Analyzed query terms, or a {@link HighlightQuery} with phrases to mark as one span.
 * @param tokens - The analyzer (anything with `forEachToken`); tokenises `text` once.
 * @param options - `length` (see {@link SnippetOptions}) and the `paragraph` index to record.
 * @returns The snippet, or undefined when no token of `text` matches.
 */
export function makeSnippet(
  text: string,
  queryTerms: HighlightTerms,
  tokens: TokenSource,
  options: SnippetOptions & { paragraph: number },
): Snippet | undefined {
  return snippetFromMatches(text, collectMatches(text, queryTerms, tokens), options);
}

/**
 * The snippet of one paragraph given its matched tokens (from {@link collectMatches}, or from
 * the index's stored offsets): as {@link makeSnippet}, without finding the matches.
 *
 * @returns The snippet, or undefined when `m` holds no match.
 */
export function snippetFromMatches(text: string, m: TokenMatches, options: SnippetOptions & { paragraph: number }): Snippet | undefined {
  if (m.starts.length === 0) return undefined;
  return snippetOf(text, chooseWindow(text, m, resolveLength(options.length)), m, options.paragraph);
}

/** Candidates {@link snippetsFromMatches} checks for repeats by scanning; past them, a set. */
const MAX_SCANNED_CANDIDATES = 16;

/** The start of `text`, at most `length` characters, cut at a word boundary, nothing marked. */
function leadSnippet(text: string, paragraph: number, length: number): Snippet {
  const first = contentStart(text);
  const last = contentEnd(text);
  if (last - first <= length) return snippetOf(text, { start: first, end: last }, undefined, paragraph);
  const max = first + length - 1;
  let end = previousWordEnd(text, max, first);
  if (end <= first) end = codePointBoundary(text, max); // the first word alone is too long
  return snippetOf(text, { start: first, end }, undefined, paragraph);
}

/**
 * Makes up to `count` snippets of an article, one per paragraph, from the candidate paragraphs
 * taken best first, returned in document order.
 *
 * Candidates that are out of range, repeated, or contain no match are skipped. When no candidate
 * gives a snippet (only the title matched, or the query was empty), the result is the start of
 * the first non-blank paragraph, cut at a word boundary, with no matches, so that a hit always
 * shows some text.
 *
 * @param paragraphs - The article's paragraphs.
 * @param candidates - Paragraph indexes, best first (as ranked by the search engine).
 * @param queryTerms - Analyzed query terms, or a {@link HighlightQuery} with phrases to mark as one span.
 * @param tokens - The analyzer (anything with `forEachToken`).
 * @param options - `count` and `length`; see {@link SnippetsOptions}.
 */
export function makeSnippets(
  paragraphs: readonly string[],
  candidates: readonly number[],
  queryTerms: HighlightTerms,
  tokens: TokenSource,
  options: SnippetsOptions = {},
): Snippet[] {
  return snippetsFromMatches(paragraphs, candidates, (text) => collectMatches(text, queryTerms, tokens), options);
}

/**
 * The matched tokens of paragraph `paragraph` of an article, whose text is `text`: re-analysed
 * ({@link collectMatches}) or read from the index (`storedMatches`).
 */
export type MatchFinder = (text: string, paragraph: number) => TokenMatches;

/**
 * Makes up to `count` snippets of an article as {@link makeSnippets} does, with the matches of
 * each candidate paragraph given by `find`.
 */
export function snippetsFromMatches(
  paragraphs: readonly string[],
  candidates: readonly number[],
  find: MatchFinder,
  options: SnippetsOptions = {},
): Snippet[] {
  const count = resolveCount(options.count);
  const length = resolveLength(options.length);
  if (count === 0 || paragraphs.length === 0) return [];
  const snippets: Snippet[] = [];
  // Candidates are tried until `count` snippets are made, usually a few: a repeat is found by
  // scanning those tried, and only a long run of tries pays for a set.
  let seen: Set<number> | undefined;
  for (let i = 0; i < candidates.length; i++) {
    if (snippets.length >= count) break;
    const paragraph = candidates[i];
    if (!Number.isInteger(paragraph) || paragraph < 0 || paragraph >= paragraphs.length) continue;
    if (i < MAX_SCANNED_CANDIDATES) {
      if (i > 0 && candidates.lastIndexOf(paragraph, i - 1) >= 0) continue;
    } else {
      seen ??= new Set(candidates.slice(0, i));
      if (seen.has(paragraph)) continue;
      seen.add(paragraph);
    }
    const text = paragraphs[paragraph];
    const snippet = snippetFromMatches(text, find(text, paragraph), { length, paragraph });
    if (snippet !== undefined) snippets.push(snippet);
  }
  if (snippets.length === 0) {
    const paragraph = paragraphs.findIndex((p) => contentStart(p) < p.length);
    return paragraph < 0 ? [] : [leadSnippet(paragraphs[paragraph], paragraph, length)];
  }
  // Back in document order: a few snippets, put in place by insertion (Array.prototype.sort
  // allocates its work space on every call).
  for (let k = 1; k < snippets.length; k++) {
    const s = snippets[k];
    let j = k;
    for (; j > 0 && snippets[j - 1].paragraph > s.paragraph; j--) snippets[j] = snippets[j - 1];
    snippets[j] = s;
  }
  return snippets;
}

/**
 * Highlights a whole text (a title, or a paragraph in the article view): the text HTML-escaped
 * with every match wrapped in `<mark>`, and the match ranges, merged as in snippets.
 *
 * @param text - The text.
 * @param queryTerms - Analyzed query terms, or a {@link HighlightQuery} with phrases to mark as one span.
 * @param tokens - The analyzer (anything with `forEachToken`).
 */
export function highlightText(
  text: string,
  queryTerms: HighlightTerms,
  tokens: TokenSource,
): { html: string; matches: Range[] } {
  return highlightFromMatches(text, collectMatches(text, queryTerms, tokens));
}

/**
 * Highlights a whole text as {@link highlightText} does, given its matched tokens (from
 * {@link collectMatches}, or from the index's stored offsets).
 */
export function highlightFromMatches(text: string, m: TokenMatches): { html: string; matches: Range[] } {
  const matches = mergeMatches(text, m);
  return { html: toHtml(text, matches), matches };
}

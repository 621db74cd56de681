/**
 * Matches read from the index instead of the analyzer: the matched tokens of a paragraph or a
 * title come from the postings of the query's terms (positions and character start offsets,
 * stored at indexing time), like Lucene's UnifiedHighlighter with its "postings" offset source.
 * The text is only read to find each matched token's end (one token scanned from its start).
 *
 * The result is exactly what {@link collectMatches} gives by re-analysing the text, which stays
 * as the reference (and is used when the stored offsets do not fit the text).
 */
import { tokenEndAt } from '../analysis/tokenizer.js';
import type { HighlightQuery } from './highlight-query.js';
import { collectMatches, type TokenMatches, type TokenSource } from './matches.js';

/**
 * What the offset path reads from a posting table: the posting of a term in a text (a paragraph
 * or a title), and its positions and character starts. lib/index's `PostingTable` has it.
 */
export interface StoredTokens {
  /** The posting of term id `term` in text `id`, or -1 when the term is not in it. */
  postingOf(term: number, id: number): number;
  /** Start of posting i's range in `positions` and `charStarts`. */
  posStart(i: number): number;
  /** End (exclusive) of posting i's range. */
  posEnd(i: number): number;
  /** Token positions (stop words counted), ascending within a posting. */
  readonly positions: ArrayLike<number>;
  /** Where each position's token starts in its text, parallel to `positions`. */
  readonly charStarts: ArrayLike<number>;
}

/** A phrase slot bound to term ids: the ids that may stand there, or null for a stop word's slot. */
type BoundSlot = readonly number[] | null;

/**
 * A {@link HighlightQuery} bound to an index's term ids, made by {@link bindHighlightQuery}.
 * Terms the dictionary does not hold are left out (no text of the index contains them), and so
 * are phrases one of whose slots holds no such term.
 */
export interface BoundHighlightQuery {
  /** The query as given, for the re-analysing fallback. */
  readonly query: HighlightQuery;
  /** Term ids of the query's terms. */
  readonly terms: readonly number[];
  /** Phrases, slot by slot; the first slot is never null. */
  readonly phrases: readonly (readonly BoundSlot[])[];
  /** Term string of every id above (matches carry strings, as the re-analysing path's do). */
  readonly termOf: (term: number) => string;
}

/**
 * Binds a highlight query to term ids.
 *
 * @param query - What to mark.
 * @param termId - The id of a term, or a negative number when the index has none.
 * @param termOf - The term of an id (the inverse of `termId`).
 */
export function bindHighlightQuery(query: HighlightQuery, termId: (term: string) => number, termOf: (term: number) => string): BoundHighlightQuery {
  const ids = (terms: Iterable<string>): number[] => {
    const out: number[] = [];
    for (const t of terms) {
      const id = termId(t);
      if (id >= 0) out.push(id);
    }
    return out;
  };
  const phrases: BoundSlot[][] = [];
  for (const pattern of query.phrases) {
    const slots = pattern.map((slot) => (slot === null ? null : ids(slot)));
    // A phrase found nowhere: a slot no indexed term fills, or a first slot any token fills
    // (the re-analysing path finds nothing for that either).
    if (slots.length === 0 || slots[0] === null || slots.some((s) => s !== null && s.length === 0)) continue;
    phrases.push(slots);
  }
  return { query, terms: ids(query.terms), phrases, termOf };
}

/** The same query without its terms: only the phrases are found. */
export function phrasesOnly(q: BoundHighlightQuery): BoundHighlightQuery {
  return { ...q, query: { terms: new Set(), phrases: q.query.phrases }, terms: [] };
}

/** Matched tokens as they are gathered, before they are put in order. */
interface Gathered {
  starts: number[];
  ends: number[];
  terms: string[];
}

/**
 * What {@link storedMatches} returns for a text with no match when it was given scratch arrays;
 * frozen (in place, so the types stay those of {@link TokenMatches}) since it is shared.
 */
const NO_MATCHES: TokenMatches = { starts: [], ends: [], terms: [] };
Object.freeze(NO_MATCHES.starts);
Object.freeze(NO_MATCHES.ends);
Object.freeze(NO_MATCHES.terms);
Object.freeze(NO_MATCHES);

/**
 * The matched tokens of text `id` (a paragraph or a title whose text is `text`) and the spans of
 * the query's phrases, from the stored positions and character starts: what
 * {@link collectMatches} computes by re-analysing `text`, without analysing it.
 *
 * @param text - The text the postings of `id` were built from.
 * @param id - The text's id in `table` (paragraph id, or document id for titles).
 * @param table - Postings with positions and character starts.
 * @param q - The bound highlight query.
 * @param tokens - The analyzer, used only when a stored offset does not fit `text` (then the
 *   whole text is re-analysed, so the result is right whatever the index holds).
 * @param scratch - Arrays to refill instead of allocating new ones. The result may then be
 *   `scratch` itself (or a shared frozen empty result), valid only until the next call given the
 *   same scratch: for a caller that reads each result before asking for the next, as a hit's
 *   highlighter does (new arrays for every paragraph and title were ~16 KB of the ~118 KB a
 *   default answer allocated).
 * @returns Parallel arrays of starts, ends and terms, sorted by start (then end).
 */
export function storedMatches(
  text: string, id: number, table: StoredTokens, q: BoundHighlightQuery, tokens: TokenSource, scratch?: TokenMatches,
): TokenMatches {
  const out = scratch ?? { starts: [], ends: [], terms: [] };
  const n = gather(text, id, table, q, out);
  if (n < 0) return collectMatches(text, q.query, tokens);
  // Cut the arrays to what this text filled. Never to length 0: V8 then drops the backing
  // store, which the next text would allocate again.
  if (n === 0 && scratch !== undefined) return NO_MATCHES;
  out.starts.length = n;
  out.ends.length = n;
  out.terms.length = n;
  return inOrder(out);
}

/**
 * Writes the matched tokens of text `id` into `out` from index 0 (over what it held) and
 * returns how many, or -1 when a stored offset does not fit `text`.
 */
function gather(text: string, id: number, table: StoredTokens, q: BoundHighlightQuery, out: Gathered): number {
  if (text.length === 0) return 0;
  const { positions, charStarts } = table;
  const { starts, ends, terms } = out;
  let n = 0;
  for (const term of q.terms) {
    const i = table.postingOf(term, id);
    if (i < 0) continue;
    const word = q.termOf(term);
    for (let k = table.posStart(i), e = table.posEnd(i); k < e; k++) {
      const start = charStarts[k];
      const end = tokenEndAt(text, start);
      if (end < 0) return -1;
      starts[n] = start;
      ends[n] = end;
      terms[n++] = word;
    }
  }
  for (const pattern of q.phrases) {
    // Position → character start of the tokens that may fill each later slot.
    const slots = pattern.map((slot, k) => (k === 0 || slot === null ? null : tokensOf(table, id, slot)));
    let lastSlot = pattern.length - 1;
    while (pattern[lastSlot] === null) lastSlot--;
    for (const term of pattern[0] as readonly number[]) {
      const i = table.postingOf(term, id);
      if (i < 0) continue;
      for (let k = table.posStart(i), e = table.posEnd(i); k < e; k++) {
        const position = positions[k];
        let ok = true;
        for (let s = 1; s <= lastSlot && ok; s++) ok = slots[s] === null || (slots[s] as Map<number, number>).has(position + s);
        if (!ok) continue;
        const start = charStarts[k];
        const lastStart = lastSlot === 0 ? start : ((slots[lastSlot] as Map<number, number>).get(position + lastSlot) as number);
        const end = tokenEndAt(text, lastStart);
        if (end < 0 || tokenEndAt(text, start) < 0) return -1;
        starts[n] = start;
        ends[n] = end;
        terms[n++] = q.termOf(term);
      }
    }
  }
  return n;
}

/** Position → character start of the tokens of `text id` whose term is one of `terms`. */
function tokensOf(table: StoredTokens, id: number, terms: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const term of terms) {
    const i = table.postingOf(term, id);
    if (i < 0) continue;
    for (let k = table.posStart(i), e = table.posEnd(i); k < e; k++) m.set(table.positions[k], table.charStarts[k]);
  }
  return m;
}

/**
 * The gathered matches sorted by start, then end. Entries with the same start and end are the
 * same token (its term match and a phrase span starting and ending on it), so the order among
 * them does not matter.
 */
function inOrder(g: Gathered): TokenMatches {
  const { starts, ends, terms } = g;
  let sorted = true;
  for (let k = 1; k < starts.length && sorted; k++) sorted = starts[k - 1] < starts[k] || (starts[k - 1] === starts[k] && ends[k - 1] <= ends[k]);
  if (sorted) return g;
  // A paragraph's matches are a few short ascending runs (one per term, then the phrases):
  // sorting them in place by insertion allocates nothing, where the index sort below allocates
  // four arrays and the sort's work space. Long lists keep the n log n sort.
  if (starts.length <= INSERTION_SORT_MAX) return insertionSorted(g);
  const order = starts.map((_, k) => k).sort((a, b) => starts[a] - starts[b] || ends[a] - ends[b]);
  return { starts: order.map((k) => starts[k]), ends: order.map((k) => ends[k]), terms: order.map((k) => terms[k]) };
}

/** Longest match list {@link inOrder} sorts by insertion (quadratic, but on a handful of runs). */
const INSERTION_SORT_MAX = 64;

/** `g` itself, its parallel arrays sorted in place by start, then end. */
function insertionSorted(g: Gathered): TokenMatches {
  const { starts, ends, terms } = g;
  for (let k = 1; k < starts.length; k++) {
    const start = starts[k];
    const end = ends[k];
    const term = terms[k];
    let j = k;
    for (; j > 0 && (starts[j - 1] > start || (starts[j - 1] === start && ends[j - 1] > end)); j--) {
      starts[j] = starts[j - 1];
      ends[j] = ends[j - 1];
      terms[j] = terms[j - 1];
    }
    starts[j] = start;
    ends[j] = end;
    terms[j] = term;
  }
  return g;
}

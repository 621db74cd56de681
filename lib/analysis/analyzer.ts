/**
 * The analyzer: the one chain tokenizer → normaliser → stop words → stemmer that turns text into
 * index terms, used alike for indexing, queries and highlighting, so that the three always agree.
 */
import type { Token } from '../types.js';
import { normalizeToken } from './normalize-token.js';
import { isStemmable, porterStem } from './porter-stem.js';
import { DEFAULT_STOP_WORDS } from './stop-words.js';
import { TermCache, copyLowerAscii, wordHash } from './term-cache.js';
import { TOKEN_UPPER, Tokenizer } from './tokenizer.js';

export { DEFAULT_STOP_WORDS } from './stop-words.js';

/** Options of {@link createAnalyzer}. All optional. */
export interface AnalyzerOptions {
  /**
   * Words dropped from the terms (they still count in token positions). They are compared
   * after normalisation, so "The" and "the" are the same stop word. Default
   * {@link DEFAULT_STOP_WORDS}; `false` (or `[]`) keeps every word.
   */
  stopWords?: readonly string[] | false;
  /** Reduce English words to their Porter stem ("missiles" → "missil"). Default true. */
  stem?: boolean;
  /** Fold diacritics ("é" → "e", "ß" → "ss", "æ" → "ae" …). Default true. */
  foldDiacritics?: boolean;
  /**
   * Terms shorter than this many code points (after normalisation, before stemming) are dropped
   * like stop words. Default 1 (keep all); a positive integer.
   */
  minTermLength?: number;
}

/** {@link AnalyzerOptions} with every default filled in. */
export interface ResolvedAnalyzerOptions {
  /** The stop words as given (not normalised); empty when stop words are disabled. */
  readonly stopWords: readonly string[];
  /** Whether terms are Porter-stemmed. */
  readonly stem: boolean;
  /** Whether diacritics are folded. */
  readonly foldDiacritics: boolean;
  /** Minimum term length in code points. */
  readonly minTermLength: number;
}

/**
 * Turns text into index terms. Create one with {@link createAnalyzer}; an analyzer keeps a cache
 * of terms, so reuse one instance rather than creating one per text.
 */
export interface Analyzer {
  /** The options this analyzer was created with, defaults filled in. */
  readonly options: ResolvedAnalyzerOptions;
  /** Tokens with offsets into `text`; stop words removed (but counted in `position`). */
  analyze(text: string): Token[];
  /**
   * Calls fn(term, start, end, position, ordinal) per token without allocating Token objects.
   * `ordinal` is a small non-negative number that stands for `term` in this analyzer (a given
   * ordinal always comes with the same term), or -1 for a term without one (numbers, words
   * with non-ASCII letters): an index can map ordinals to its term ids through an array instead
   * of looking every token's term up by string.
   */
  forEachToken(text: string, fn: (term: string, start: number, end: number, position: number, ordinal: number) => void): void;
  /**
   * The term of a single word, or undefined when it is a stop word / has no term. When `word`
   * holds several tokens ("US-North"), this is the term of the first one; use
   * {@link Analyzer.analyze} for all of them. For any token of a text,
   * `term(text.slice(token.start, token.end))` is that token's term.
   */
  term(word: string): string | undefined;
  /**
   * The normalised but unstemmed form of a word (lower-cased, folded, possessive removed): for
   * did-you-mean and prefix search. Stop words are not removed; "" when `word` has no token.
   * Like {@link Analyzer.term}, only the first token of `word` counts.
   */
  normalize(word: string): string;
}

// Terms are cached because stemming dominates indexing time; news vocabulary is Zipfian, so a
// couple of hundred thousand entries catch nearly every token (see TermCache).
const MAX_CACHED_TERMS = 200_000;

/**
 * Creates an analyzer. Options are validated and resolved once, here.
 *
 * @throws RangeError when `minTermLength` is not a positive integer.
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  return new ChainAnalyzer(resolveOptions(options));
}

function resolveOptions(options: AnalyzerOptions): ResolvedAnalyzerOptions {
  const minTermLength = options.minTermLength ?? 1;
  if (!Number.isInteger(minTermLength) || minTermLength < 1) {
    throw new RangeError(`minTermLength must be a positive integer, got ${String(minTermLength)}`);
  }
  const stopWords = options.stopWords === false ? [] : (options.stopWords ?? DEFAULT_STOP_WORDS);
  return Object.freeze({
    stopWords: Object.freeze([...stopWords]),
    stem: options.stem ?? true,
    foldDiacritics: options.foldDiacritics ?? true,
    minTermLength,
  });
}

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

class ChainAnalyzer implements Analyzer {
  readonly options: ResolvedAnalyzerOptions;
  private readonly stopSet: Set<string>;
  // Word of ASCII letters (any case) → its final term, "" when dropped. A token whose normal
  // form is such a word ("Missile's" → "missile") shares the entry of that word.
  private readonly cache = new TermCache(MAX_CACHED_TERMS);
  // Used only by term/normalize/construction; the text-scanning methods take a fresh one so
  // that a forEachToken callback may call the analyzer again.
  private readonly wordTokenizer = new Tokenizer();
  // Term → ordinal, for every term that went through the cache (consulted on cache misses only).
  // Unlike the cache it is never emptied, so an ordinal keeps standing for its term.
  private readonly ordinals = new Map<string, number>();
  // The ordinal of the term termAt() returned last.
  private lastOrdinal = -1;

  constructor(options: ResolvedAnalyzerOptions) {
    this.options = options;
    this.stopSet = new Set();
    for (const word of options.stopWords) {
      const normal = this.normalize(word);
      if (normal !== '') this.stopSet.add(normal);
    }
  }

  analyze(text: string): Token[] {
    // Queries and tests only: the callback per token costs nothing worth a loop of its own here.
    const tokens: Token[] = [];
    this.forEachToken(text, (term, start, end, position) => tokens.push({ term, start, end, position }));
    return tokens;
  }

  forEachToken(text: string, fn: (term: string, start: number, end: number, position: number, ordinal: number) => void): void {
    const tokenizer = new Tokenizer();
    tokenizer.reset(text);
    let position = -1;
    while (tokenizer.next()) {
      position++;
      const term = this.termAt(text, tokenizer);
      if (term !== '') fn(term, tokenizer.start, tokenizer.end, position, this.lastOrdinal);
    }
  }

  term(word: string): string | undefined {
    const tokenizer = this.wordTokenizer;
    tokenizer.reset(word);
    if (!tokenizer.next()) return undefined;
    const term = this.termAt(word, tokenizer);
    return term === '' ? undefined : term;
  }

  normalize(word: string): string {
    const tokenizer = this.wordTokenizer;
    tokenizer.reset(word);
    if (!tokenizer.next()) return '';
    return normalizeToken(word.slice(tokenizer.start, tokenizer.end), tokenizer.flags, this.options.foldDiacritics);
  }

  /**
   * The final term of the tokenizer's current token in `text`, or "" when it is dropped; sets
   * `lastOrdinal` to the term's ordinal (-1 for terms that do not go through the cache).
   */
  private termAt(text: string, tokenizer: Tokenizer): string {
    const { start, end, flags } = tokenizer;
    // ASCII letters only, nearly every token of English text: found in the cache without
    // slicing, so a hit allocates nothing.
    if ((flags & ~TOKEN_UPPER) === 0) return this.cachedTerm(text, start, end, tokenizer.hash);
    this.lastOrdinal = -1;
    const normal = normalizeToken(text.slice(start, end), flags, this.options.foldDiacritics);
    if (!isStemmable(normal)) return this.finish(normal, false);
    return this.cachedTerm(normal, 0, normal.length, wordHash(normal, 0, normal.length));
  }

  /**
   * The term of the a–z word `text[start, end)` (any case) with its {@link wordHash}: from the
   * cache, or computed and filed there with a new or known ordinal. Sets `lastOrdinal`.
   */
  private cachedTerm(text: string, start: number, end: number, hash: number): string {
    const cache = this.cache;
    const slot = cache.find(text, start, end, hash);
    if (slot >= 0) {
      this.lastOrdinal = cache.tagAt(slot);
      return cache.valueAt(slot);
    }
    const key = copyLowerAscii(text, start, end);
    const term = this.finish(key, true);
    let ordinal = this.ordinals.get(term);
    if (ordinal === undefined) {
      ordinal = this.ordinals.size;
      this.ordinals.set(term, ordinal);
    }
    this.cache.set(key, term, ordinal);
    this.lastOrdinal = ordinal;
    return term;
  }

  /** Applies stop words, the length limit and (for a–z terms) stemming to a normalised term. */
  private finish(normal: string, stemmable: boolean): string {
    if (normal === '' || this.stopSet.has(normal)) return '';
    const minLength = this.options.minTermLength;
    if (minLength > 1 && (normal.length < minLength || codePointLength(normal) < minLength)) return '';
    return stemmable && this.options.stem ? porterStem(normal) : normal;
  }
}

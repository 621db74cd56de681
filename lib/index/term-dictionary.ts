/**
 * The term dictionary: term string ↔ dense term id, plus flexsearch indexes over the vocabulary
 * for prefix expansion (`missil*`) and typo-tolerant lookup ("did you mean").
 *
 * This is the only module that imports flexsearch. flexsearch exposes no scores, so it cannot
 * rank articles by BM25; measured as a candidate retriever it also adds a second pass over the
 * same postings we already keep. Where it earns its place is the vocabulary: its forward
 * tokenizer gives prefix lookup and its `tolerant` tokenizer with the LatinBalance encoder gives
 * typo lookup over tens of thousands of words in microseconds, which we would otherwise hand-roll
 * as a trie and a Levenshtein automaton. Both indexes are built lazily, on the first prefix or
 * typo lookup (or ahead of time, in yielding steps, by `syncVocabularyAsync`), so plain indexing
 * and searching never pay for them.
 */
import FlexSearch from 'flexsearch';

const { Index, Charset } = FlexSearch;
type FlexIndex = InstanceType<typeof Index>;

export class TermDictionary {
  private readonly ids = new Map<string, number>();
  /** Term (stemmed) per id. */
  readonly terms: string[] = [];
  /** A normalised, unstemmed surface form per id (the first one seen), for display. */
  readonly display: string[] = [];
  private prefixIndex: FlexIndex | undefined;
  private fuzzyIndex: FlexIndex | undefined;
  private vocabBuiltUpTo = 0;

  /** Number of distinct terms. */
  get size(): number {
    return this.terms.length;
  }

  /** The id of `term`, or -1. */
  get(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? -1 : id;
  }

  /** The id of `term`, adding it (with its display form, computed only when new) if absent. */
  getOrAdd(term: string, displayOf: () => string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.display.push(displayOf());
    }
    return id;
  }

  /** Ids of terms whose display form starts with `prefix` (normalised, unstemmed). */
  prefix(prefix: string, limit: number): number[] {
    if (!prefix) return [];
    this.syncVocabulary();
    return (this.prefixIndex as FlexIndex).search(prefix, { limit }) as number[];
  }

  /** Ids of terms whose display form is close to `word` (typos, missing or swapped letters). */
  similar(word: string, limit: number): number[] {
    if (!word) return [];
    this.syncVocabulary();
    return (this.fuzzyIndex as FlexIndex).search(word, { limit, suggest: true }) as number[];
  }

  /** Restores terms and display forms (from a snapshot); the dictionary must be empty. */
  load(terms: readonly string[], display: readonly string[]): void {
    if (this.terms.length > 0 || terms.length !== display.length) {
      throw new Error('internal: term dictionary load into a non-empty dictionary');
    }
    for (let i = 0; i < terms.length; i++) {
      this.ids.set(terms[i], i);
      this.terms.push(terms[i]);
      this.display.push(display[i]);
    }
  }

  /**
   * Builds the vocabulary indexes in steps of `chunk` words, yielding to the event loop between
   * steps: flexsearch's per-word insert is costly enough (a few hundred ms for 20,000 words) that
   * a server must not do it in one block while it answers searches.
   */
  async syncVocabularyAsync(chunk = 500): Promise<void> {
    while (this.vocabBuiltUpTo < this.display.length) {
      this.syncVocabulary(Math.min(this.display.length, this.vocabBuiltUpTo + chunk));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private syncVocabulary(upTo = this.display.length): void {
    if (!this.prefixIndex || !this.fuzzyIndex) {
      this.prefixIndex = new Index({ tokenize: 'forward', encoder: Charset.Exact });
      this.fuzzyIndex = new Index({ tokenize: 'tolerant', encoder: Charset.LatinBalance });
    }
    for (let id = this.vocabBuiltUpTo; id < upTo; id++) {
      const word = this.display[id];
      if (!word) continue;
      this.prefixIndex.add(id, word);
      // Numbers have no spelling to correct, and they are a large share of a news vocabulary.
      if (!HAS_DIGIT.test(word)) this.fuzzyIndex.add(id, word);
    }
    this.vocabBuiltUpTo = Math.max(this.vocabBuiltUpTo, upTo);
  }
}

const HAS_DIGIT = /\d/;

/**
 * Highlighting for one query's hits from the index's stored offsets: titles from the article
 * postings' title offsets, snippets and article-view paragraphs from the paragraph postings'
 * offsets, declared text fields from the field-text postings' offsets, so no text is re-analysed
 * (lib/highlight/stored-matches.ts). What is marked, and how snippets are chosen, is
 * lib/highlight's, unchanged.
 */
import type { HighlightQuery } from '../highlight/highlight-query.js';
import type { TokenMatches, TokenSource } from '../highlight/matches.js';
import { highlightFromMatches, snippetsFromMatches, type SnippetsOptions } from '../highlight/snippet.js';
import { bindHighlightQuery, phrasesOnly, storedMatches, type BoundHighlightQuery } from '../highlight/stored-matches.js';
import type { InvertedIndex } from '../index/inverted-index.js';
import type { Article, Range, Snippet } from '../types.js';

/** The highlighting of one query's hits; made once per query plan (term ids bound once). */
export class HitHighlighter {
  private readonly title: BoundHighlightQuery;
  private readonly body: BoundHighlightQuery;
  private readonly bodyPhrases: BoundHighlightQuery;
  /** Per text field of the index (its `textFields` order): what to mark in its texts. */
  private readonly fields: BoundHighlightQuery[];
  /**
   * Refilled by every text's matches (each is read before the next text's are asked for):
   * see storedMatches.
   */
  private readonly scratch: TokenMatches = { starts: [], ends: [], terms: [] };

  /**
   * @param ix - The sealed index the hits come from.
   * @param analyzer - The index's analyzer, used only when stored offsets do not fit a text.
   * @param plan - What to mark in titles and in paragraphs.
   */
  constructor(
    private readonly ix: InvertedIndex,
    private readonly analyzer: TokenSource,
    plan: { highlightTitle: HighlightQuery; highlightBody: HighlightQuery; highlightFields: ReadonlyMap<string, HighlightQuery> },
  ) {
    const dict = ix.dict;
    const termId = (t: string): number => dict.get(t);
    const termOf = (id: number): string => dict.terms[id];
    this.title = bindHighlightQuery(plan.highlightTitle, termId, termOf);
    this.body = bindHighlightQuery(plan.highlightBody, termId, termOf);
    this.bodyPhrases = phrasesOnly(this.body);
    this.fields = ix.textFields.map((f) => bindHighlightQuery(plan.highlightFields.get(f) ?? plan.highlightBody, termId, termOf));
  }

  /**
   * Document `doc`'s declared text fields highlighted whole (escaped HTML with `<mark>`s), by
   * field name in the schema's order; `article` is the document's article. By default only the
   * fields holding a match (a hit's `fieldsHtml`); with `all`, every text field the article has
   * a value for, marked or not (the article view's). Undefined when there is none.
   */
  highlightFields(doc: number, article: Article, all = false): Record<string, string> | undefined {
    const fields = article.fields;
    if (!fields) return undefined;
    const ix = this.ix;
    const fieldOf = ix.fieldTextField.data;
    const { start, end } = ix.fieldTextsOf(doc);
    let k = start;
    let out: Record<string, string> | undefined;
    for (let f = 0; f < ix.textFields.length; f++) {
      const name = ix.textFields[f];
      const text = fields[name];
      if (typeof text !== 'string') continue;
      // A document's field texts are contiguous and in field order; an empty value has none (-1).
      while (k < end && fieldOf[k] < f) k++;
      const id = k < end && fieldOf[k] === f ? k : -1;
      const q = this.fields[f];
      if (!all && q.terms.length === 0 && q.phrases.length === 0) continue;
      const matches = storedMatches(text, id, ix.fieldTexts, q, this.analyzer, this.scratch);
      if (all || matches.starts.length > 0) (out ??= {})[name] = highlightFromMatches(text, matches).html;
    }
    return out;
  }

  /** Document `doc`'s title (`title`) highlighted: escaped HTML with `<mark>`s, and the ranges. */
  highlightTitle(doc: number, title: string): { html: string; matches: Range[] } {
    return highlightFromMatches(title, storedMatches(title, doc, this.ix.art, this.title, this.analyzer, this.scratch));
  }

  /** Paragraph `k` (text `text`) of document `doc` highlighted whole, as in the article view. */
  highlightParagraph(doc: number, k: number, text: string): { html: string; matches: Range[] } {
    return highlightFromMatches(text, this.paragraphMatches(doc, k, text, this.body));
  }

  /**
   * Up to `options.count` snippets of document `doc`, from its paragraphs ranked best first
   * (`ranked`), those holding one of the query's phrases first (each group keeping its order):
   * a snippet should show "North Korea", not a paragraph with "north" and "korea" apart.
   */
  snippets(doc: number, paragraphs: readonly string[], ranked: readonly number[], options: SnippetsOptions): Snippet[] {
    let candidates = ranked;
    if (this.bodyPhrases.phrases.length > 0) {
      const withPhrase: number[] = [];
      const rest: number[] = [];
      for (const k of ranked) {
        const text = paragraphs[k] ?? '';
        (this.paragraphMatches(doc, k, text, this.bodyPhrases).starts.length > 0 ? withPhrase : rest).push(k);
      }
      candidates = [...withPhrase, ...rest];
    }
    return snippetsFromMatches(paragraphs, candidates, (text, k) => this.paragraphMatches(doc, k, text, this.body), options);
  }

  private paragraphMatches(doc: number, k: number, text: string, q: BoundHighlightQuery): TokenMatches {
    const ix = this.ix;
    // A paragraph index past the article's paragraphs has no postings of its own.
    const id = k >= 0 && k < ix.numParas.data[doc] ? ix.paraStart.data[doc] + k : -1;
    return storedMatches(text, id, ix.para, q, this.analyzer, this.scratch);
  }
}

/**
 * Highlighting from the index's stored offsets equals highlighting by re-analysing the text (the
 * reference, lib/highlight's collectMatches): for random articles and random highlight queries
 * at the library's level, and for random query strings through the whole search path.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createAnalyzer } from '../../lib/analysis/analyzer.js';
import type { HighlightQuery, PhrasePattern } from '../../lib/highlight/highlight-query.js';
import { collectMatches, type TokenSource } from '../../lib/highlight/matches.js';
import { highlightFromMatches, highlightText, makeSnippets, snippetsFromMatches } from '../../lib/highlight/snippet.js';
import { bindHighlightQuery, storedMatches } from '../../lib/highlight/stored-matches.js';
import { InvertedIndex } from '../../lib/index/inverted-index.js';
import { createSearchIndex, type Article, type SearchIndex } from '../../lib/index.js';
import type { QuerySlot } from '../../lib/search/bind-query.js';
import type { QueryPlan } from '../../lib/search/query-plan.js';

// Stop words, punctuation, diacritics, hyphens, acronyms, possessives, numbers, markup, astral
// characters, CJK and a token longer than 255 code units.
const WORDS = [
  'missile', 'Missiles', 'missiles', 'North', 'north', 'Korea', "Korea's", 'Korea’s', 'Koreans’', 'talks', 'talk', 'oil',
  'price', 'prices', 'Prices', 'bank', 'Bank', 'England', 'the', 'The', 'of', 'and', 'a', 'in', 'to', 'U.S.', "U.S.'s", 'U.S',
  'Jong-un', 'Kim', 'US-North', 'café', 'Café', 'Zürich', 'Ünïcödé', 'naïve', 'soft\u00adhyphen', 'don’t', "O'Neil", '1,000',
  '3.5', '6:02', '1987', '(Reuters)', '—', '-', '<b>', '&', '"quoted"', '😀', '北朝鮮', 'e.g.', 'x'.repeat(300),
];
const SEPARATORS = [' ', ' ', ' ', ' ', ', ', '. ', '! ', ' - ', '-', '\n', '  ', '\u00a0', ''];

function textOf(maxWords: number): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: maxWords })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
}

const PARAGRAPH = fc.oneof({ weight: 6, arbitrary: textOf(40) }, { weight: 1, arbitrary: textOf(600) });
const ARTICLE_DRAFT = fc.record({ title: textOf(12), paragraphs: fc.array(PARAGRAPH, { maxLength: 6 }) });

const analyzer = createAnalyzer();
const TERMS = [...new Set(WORDS.flatMap((w) => analyzer.analyze(w).map((t) => t.term)))];

const termSet = fc.subarray(TERMS, { minLength: 1, maxLength: 3 }).map((ts) => new Set(ts));
const PHRASE: fc.Arbitrary<PhrasePattern> = fc.array(fc.option(termSet, { freq: 4 }), { minLength: 1, maxLength: 4 });
const HIGHLIGHT_QUERY: fc.Arbitrary<HighlightQuery> = fc.record({
  terms: fc.subarray(TERMS).map((ts) => new Set(ts)),
  phrases: fc.array(PHRASE, { maxLength: 3 }),
});

/** Random query strings over the same words: terms, prefixes, phrases, NEAR, exclusions, title:. */
const QUERY_WORD = fc.constantFrom('missile', 'missiles', 'north', 'korea', 'talks', 'oil', 'prices', 'bank', 'england', 'the',
  'u.s.', 'jong-un', 'cafe', 'zürich', '1,000', '3.5', 'naive', 'oneil');
const QUERY_PART = fc.oneof(
  QUERY_WORD,
  fc.constantFrom('mis*', 'kor*', 'pri*', 'ta*', 'caf*', 'u*'),
  fc.array(QUERY_WORD, { minLength: 2, maxLength: 3 }).map((ws) => `"${ws.join(' ')}"`),
  fc.tuple(QUERY_WORD, fc.integer({ min: 1, max: 5 }), QUERY_WORD).map(([a, n, b]) => `${a} NEAR/${n} ${b}`),
  QUERY_WORD.map((w) => `-${w}`),
  QUERY_WORD.map((w) => `title:${w}`),
  fc.array(QUERY_WORD, { minLength: 2, maxLength: 2 }).map((ws) => `title:"${ws.join(' ')}"`),
  fc.tuple(QUERY_WORD, QUERY_WORD).map(([a, b]) => `SAME(${a}, ${b})`),
);
const QUERY = fc.array(QUERY_PART, { minLength: 1, maxLength: 4 }).map((ps) => ps.join(' '));

/** A token source for the stored path that fails the test if the path falls back to it. */
const NO_ANALYSIS: TokenSource = {
  forEachToken(text: string): void {
    throw new Error(`re-analysed ${JSON.stringify(text.slice(0, 40))}: the stored offsets were not used`);
  },
};

function indexOf(drafts: readonly { title: string; paragraphs: string[] }[]): { ix: InvertedIndex; articles: Article[] } {
  const ix = new InvertedIndex(analyzer);
  const articles = drafts.map((d, k) => ({ id: `a${k}`, ...d }));
  for (const a of articles) ix.addDocument(a);
  ix.seal();
  return { ix, articles };
}

/** The old hit path: candidates with a phrase first, then snippets, all by re-analysing. */
function referenceSnippets(paragraphs: readonly string[], ranked: readonly number[], q: HighlightQuery, count: number, length: number) {
  const phrasesOnly: HighlightQuery = { terms: new Set(), phrases: q.phrases };
  const has = (k: number): boolean => collectMatches(paragraphs[k] ?? '', phrasesOnly, analyzer).starts.length > 0;
  const candidates = q.phrases.length === 0 ? ranked : [...ranked.filter(has), ...ranked.filter((k) => !has(k))];
  return makeSnippets(paragraphs, candidates, q, analyzer, { count, length });
}

describe('highlighting from stored offsets', () => {
  it('finds exactly the matches re-analysing finds, for random articles and highlight queries', () => {
    fc.assert(
      fc.property(fc.array(ARTICLE_DRAFT, { minLength: 1, maxLength: 4 }), HIGHLIGHT_QUERY, fc.integer({ min: 10, max: 300 }), (drafts, q, length) => {
        const { ix, articles } = indexOf(drafts);
        const bound = bindHighlightQuery(q, (t) => ix.dict.get(t), (id) => ix.dict.terms[id]);
        articles.forEach((a, doc) => {
          const title = storedMatches(a.title, doc, ix.art, bound, NO_ANALYSIS);
          expect(title, 'title matches').to.deep.equal(collectMatches(a.title, q, analyzer));
          expect(highlightFromMatches(a.title, title)).to.deep.equal(highlightText(a.title, q, analyzer));
          const first = ix.paraStart.data[doc];
          a.paragraphs.forEach((p, k) => {
            expect(storedMatches(p, first + k, ix.para, bound, NO_ANALYSIS), `paragraph ${k}`).to.deep.equal(collectMatches(p, q, analyzer));
          });
          const ranked = a.paragraphs.map((_, k) => k).reverse();
          const stored = snippetsFromMatches(a.paragraphs, ranked, (text, k) => storedMatches(text, first + k, ix.para, bound, NO_ANALYSIS), { count: 3, length });
          expect(stored).to.deep.equal(makeSnippets(a.paragraphs, ranked, q, analyzer, { count: 3, length }));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('falls back to re-analysing when the text is not the one the offsets were taken from', () => {
    const { ix } = indexOf([{ title: 'Oil prices', paragraphs: ['Oil prices rose in Zürich.'] }]);
    const q: HighlightQuery = { terms: new Set([analyzer.term('oil') as string]), phrases: [] };
    const bound = bindHighlightQuery(q, (t) => ix.dict.get(t), (id) => ix.dict.terms[id]);
    // "Oil" was stored at 0; in this text no token starts there.
    const other = ' Oil and oil';
    expect(storedMatches(other, 0, ix.para, bound, analyzer)).to.deep.equal(collectMatches(other, q, analyzer));
  });

  describe('through the search path', () => {
    // The facade's own plan and paragraph ranking, so the reference sees the same query and
    // candidates as the hit path (test only: they are private).
    interface Internals {
      plan(query: string, matchAll: boolean, optionFilterFields: ReadonlySet<string>): QueryPlan;
      rankParagraphs(doc: number, slots: readonly QuerySlot[]): number[];
    }

    it('gives every hit the title and snippets the re-analysing highlighter gives, and the article view too', () => {
      let checkedHits = 0;
      fc.assert(
        fc.property(fc.array(ARTICLE_DRAFT, { minLength: 1, maxLength: 6 }), fc.array(QUERY, { minLength: 1, maxLength: 4 }), (drafts, queries) => {
          const index: SearchIndex = createSearchIndex();
          const articles = drafts.map((d, k) => ({ id: `a${k}`, ...d }));
          index.addAll(articles);
          const internals = index as unknown as Internals;
          // Every text the engine's analyzer reads: no article text may be among them (the
          // stored offsets must serve every hit, not the re-analysing fallback).
          const analysed = new Set<string>();
          const forEachToken = index.analyzer.forEachToken.bind(index.analyzer);
          Object.defineProperty(index.analyzer, 'forEachToken', {
            value: (text: string, fn: Parameters<typeof forEachToken>[1]) => {
              analysed.add(text);
              forEachToken(text, fn);
            },
          });
          const articleTexts = new Set(articles.flatMap((a) => [a.title, ...a.paragraphs]).filter((t) => t.length > 0));
          for (const query of queries) {
            analysed.clear();
            const result = index.search(query, { limit: 10, snippets: 3, snippetLength: 120 });
            for (const text of analysed) if (!query.includes(text)) expect(articleTexts.has(text), `re-analysed ${text}`).to.equal(false);
            checkedHits += result.hits.length;
            if (result.hits.length === 0) continue;
            const plan = internals.plan(query, false, new Set());
            for (const hit of result.hits) {
              const doc = articles.findIndex((a) => a.id === hit.id);
              const a = articles[doc];
              expect(hit.titleHtml, `title of ${hit.id} for ${query}`).to.equal(highlightText(a.title, plan.highlightTitle, analyzer).html);
              const ranked = internals.rankParagraphs(doc, plan.slots);
              expect(hit.snippets, `snippets of ${hit.id} for ${query}`).to.deep.equal(referenceSnippets(a.paragraphs, ranked, plan.highlightBody, 3, 120));
            }
            const viewed = index.highlightArticle(result.hits[0].id, query);
            const a = articles.find((x) => x.id === result.hits[0].id) as Article;
            expect(viewed?.titleHtml).to.equal(highlightText(a.title, plan.highlightTitle, analyzer).html);
            expect(viewed?.paragraphs.map((p) => p.html)).to.deep.equal(a.paragraphs.map((p) => highlightText(p, plan.highlightBody, analyzer).html));
          }
        }),
        { numRuns: 60 },
      );
      // The property is only as good as the hits it saw.
      expect(checkedHits).to.be.above(60);
    });
  });
});

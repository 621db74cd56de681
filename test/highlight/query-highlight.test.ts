/**
 * Highlighting follows the query (issue 10): a phrase is one mark, excluded words and words only
 * in a title: clause are not marked in paragraphs, NEAR marks its words, and snippets prefer the
 * paragraph where the phrase occurs.
 */
import { expect } from 'chai';
import { createAnalyzer, createSearchIndex, type SearchIndex } from '../../lib/index.js';
import { highlightText } from '../../lib/highlight/index.js';

const analyzer = createAnalyzer();
const set = (...words: string[]): Set<string> => new Set(words.map((w) => analyzer.term(w) as string));

describe('highlighting a query', () => {
  describe('highlightText with phrases', () => {
    it('marks a phrase as one span and not its words alone', () => {
      const h = highlightText('North Korea and North Carolina: Korea, north.', { terms: new Set(), phrases: [[set('north'), set('korea')]] }, analyzer);
      expect(h.html).to.equal('<mark>North Korea</mark> and North Carolina: Korea, north.');
    });
    it('marks the stop word inside a phrase with it', () => {
      const h = highlightText('The Bank of England said', { terms: new Set(), phrases: [[set('bank'), null, set('england')]] }, analyzer);
      expect(h.html).to.equal('The <mark>Bank of England</mark> said');
    });
    it('escapes first, then marks', () => {
      const h = highlightText('<b>North Korea</b> & co', { terms: new Set(), phrases: [[set('north'), set('korea')]] }, analyzer);
      expect(h.html).to.equal('&lt;b&gt;<mark>North Korea</mark>&lt;/b&gt; &amp; co');
    });
  });

  describe('SearchIndex', () => {
    let index: SearchIndex;
    before(() => {
      index = createSearchIndex();
      index.add({
        id: 'a',
        title: 'Seoul talks on North Korea',
        paragraphs: [
          'North Carolina sent envoys to Korea for the missile talks.',
          'Officials in Seoul said North Korea tested a missile on Tuesday.',
        ],
      });
    });

    it('marks "north korea" as one span in title and snippet, never a lone north', () => {
      const hit = index.search('"north korea"').hits[0];
      expect(hit.titleHtml).to.equal('Seoul talks on <mark>North Korea</mark>');
      const html = hit.snippets.map((s) => s.html).join(' ');
      expect(html).to.include('<mark>North Korea</mark>');
      expect(html).not.to.match(/<mark>North<\/mark>|<mark>Korea<\/mark>/);
    });

    it('prefers the paragraph holding the phrase for the first snippet', () => {
      const hit = index.search('"north korea" missile', { snippets: 1 }).hits[0];
      expect(hit.snippets[0].paragraph).to.equal(1);
    });

    it('never marks excluded words', () => {
      const hit = index.search('missile -tuesday -"north carolina"').hits;
      expect(hit).to.have.length(0);
      const h2 = index.search('missile -envoys OR seoul').hits[0];
      expect(JSON.stringify(h2)).not.to.include('<mark>envoys</mark>');
      const h3 = index.search('seoul AND NOT tokyo').hits[0];
      expect(h3.titleHtml).to.equal('<mark>Seoul</mark> talks on North Korea');
    });

    it('marks title: words in the title only', () => {
      const hit = index.search('title:seoul missile').hits[0];
      expect(hit.titleHtml).to.include('<mark>Seoul</mark>');
      for (const s of hit.snippets) expect(s.html).not.to.include('<mark>Seoul</mark>');
    });

    it('marks the words of NEAR', () => {
      const hit = index.search('seoul NEAR/3 korea').hits[0];
      const html = hit.snippets.map((s) => s.html).join(' ');
      expect(html).to.include('<mark>Seoul</mark>');
      expect(html).to.include('<mark>Korea</mark>');
    });

    it('highlightArticle follows the same rules', () => {
      const h = index.highlightArticle('a', '"north korea" -tuesday') as NonNullable<ReturnType<SearchIndex['highlightArticle']>>;
      expect(h.titleHtml).to.equal('Seoul talks on <mark>North Korea</mark>');
      expect(h.paragraphs.map((p) => p.matched)).to.deep.equal([false, true]);
      expect(h.paragraphs[1].html).to.equal('Officials in Seoul said <mark>North Korea</mark> tested a missile on Tuesday.');
    });
  });
});

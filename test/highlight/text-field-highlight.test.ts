/**
 * Declared text fields in hits (issue 11): `hit.fieldsHtml` holds each text field the query
 * matched in, highlighted from the index's stored offsets exactly as re-analysing the text would
 * (lib/highlight's collectMatches, the reference), HTML-escaped before any mark: markup in a
 * standfirst never reaches the output unescaped.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createAnalyzer } from '../../lib/analysis/analyzer.js';
import { escapeHtml } from '../../lib/highlight/escape-html.js';
import { collectMatches } from '../../lib/highlight/matches.js';
import { highlightFromMatches } from '../../lib/highlight/snippet.js';
import { createSearchIndex } from '../../lib/index.js';
import { TEXT_FIELD_SCHEMA } from '../search/text-field-corpus.js';

const analyzer = createAnalyzer();
const WORDS = ['budget', 'Budget', 'council', "council's", 'trams', 'the', 'of', '<script>', '</script>', '<b>', '&amp;', '&', '"', "'", '<mark>', '</mark>', 'é', '😀', 'U.S.'];
const SEPARATORS = [' ', ', ', '. ', '-', '<', '>', '&', '"', '\n', ''];
const text = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 20 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** The reference: the field re-analysed, the query's terms marked (undefined when nothing matches). */
function reference(value: string, terms: string[]): string | undefined {
  const m = collectMatches(value, { terms: new Set(terms), phrases: [] }, analyzer);
  return m.starts.length > 0 ? highlightFromMatches(value, m).html : undefined;
}

describe('declared text fields in hits (fieldsHtml)', () => {
  it('marks each matching text field as the re-analysing reference does, escaped before marking', () => {
    fc.assert(fc.property(text, text, fc.constantFrom('budget', 'council', 'trams', 'budget council'), (standfirst, byline, q) => {
      const ix = createSearchIndex({ schema: TEXT_FIELD_SCHEMA });
      ix.add({ id: 'a', title: 'Title', paragraphs: ['A paragraph about trams.'], fields: { standfirst, byline } });
      const hit = ix.search(q).hits.find((h) => h.id === 'a');
      const terms = analyzer.analyze(q).map((t) => t.term);
      const want: Record<string, string> = {};
      for (const [name, value] of [['standfirst', standfirst], ['byline', byline]]) {
        const html = reference(value, terms);
        if (html !== undefined) want[name] = html;
      }
      expect(hit?.fieldsHtml ?? {}, q).to.deep.equal(want);
      for (const [name, html] of Object.entries(hit?.fieldsHtml ?? {})) {
        const value = name === 'standfirst' ? standfirst : byline;
        // Without its marks the output is the escaped text: no markup of the value survives.
        expect(html.replace(/<\/?mark>/g, ''), name).to.equal(escapeHtml(value));
        expect(html.replace(/<\/?mark>/g, ''), name).not.to.match(/[<>"]/);
      }
    }), { numRuns: 300 });
  });

  it('marks a scoped clause only in its field, unscoped words in every field, and leaves unmatched fields out', () => {
    const ix = createSearchIndex({ schema: TEXT_FIELD_SCHEMA });
    ix.add({ id: 'a', title: 'Budget day', paragraphs: ['The council met.'], fields: { standfirst: 'A budget for <trams>', byline: 'Budget desk' } });
    ix.add({ id: 'b', title: 'Other news', paragraphs: ['Nothing here.'], fields: { standfirst: 'Weather report', byline: 'Staff' } });
    const hitOf = (q: string) => ix.search(q, { limit: 10 }).hits.find((h) => h.id === 'a');
    expect(hitOf('budget')?.fieldsHtml).to.deep.equal({ standfirst: 'A <mark>budget</mark> for &lt;trams&gt;', byline: '<mark>Budget</mark> desk' });
    expect(hitOf('standfirst:budget')?.fieldsHtml).to.deep.equal({ standfirst: 'A <mark>budget</mark> for &lt;trams&gt;' });
    expect(hitOf('standfirst:budget')?.titleHtml).to.equal('Budget day');
    expect(hitOf('byline:"budget desk"')?.fieldsHtml).to.deep.equal({ byline: '<mark>Budget desk</mark>' });
    expect(hitOf('council')?.fieldsHtml).to.equal(undefined);
    expect(ix.search('budget', { highlight: false }).hits[0].fieldsHtml).to.equal(undefined);
    expect(ix.search('budget -desk').hits.find((h) => h.id === 'a')).to.equal(undefined);
    expect(ix.search('budget -byline:desk').hits.find((h) => h.id === 'a')).to.equal(undefined);
  });

  it('marks text fields the schema does not return (as snippets show paragraphs)', () => {
    const ix = createSearchIndex({ schema: { fields: { standfirst: { type: 'text' } } } });
    ix.add({ id: 'a', title: 'T', paragraphs: ['p'], fields: { standfirst: 'zephyr <b>bold</b>' } });
    const hit = ix.search('zephyr').hits[0];
    expect(hit.fields).to.equal(undefined);
    expect(hit.fieldsHtml).to.deep.equal({ standfirst: '<mark>zephyr</mark> &lt;b&gt;bold&lt;/b&gt;' });
  });
});

describe('declared text fields in the article view (highlightArticle → fieldsHtml)', () => {
  function newsIndex() {
    const ix = createSearchIndex({ schema: TEXT_FIELD_SCHEMA });
    ix.add({ id: 'a', title: 'Budget day', paragraphs: ['The council met about trams.'], fields: { standfirst: 'A budget for <trams> & "buses"', byline: 'Budget desk', section: 'World' } });
    ix.add({ id: 'b', title: 'Other news', paragraphs: ['Nothing here.'], fields: { byline: 'Staff' } });
    ix.add({ id: 'c', title: 'No fields', paragraphs: ['A budget story.'] });
    return ix;
  }

  it('marks the query in every text field the article has, as the title is marked', () => {
    const ix = newsIndex();
    const a = ix.highlightArticle('a', 'budget');
    expect(a?.titleHtml).to.equal('<mark>Budget</mark> day');
    expect(a?.fieldsHtml).to.deep.equal({ standfirst: 'A <mark>budget</mark> for &lt;trams&gt; &amp; &quot;buses&quot;', byline: '<mark>Budget</mark> desk' });
    expect(Object.keys(a?.fieldsHtml ?? {}), 'schema order').to.deep.equal(['standfirst', 'byline']);
    // The same formula as a hit's: a field that matches is marked the same in both.
    expect(ix.search('budget').hits.find((h) => h.id === 'a')?.fieldsHtml).to.deep.equal(a?.fieldsHtml);
  });

  it('shows a field unmarked (still escaped) when only the body matches, and every field with no query', () => {
    const ix = newsIndex();
    const a = ix.highlightArticle('a', 'council');
    expect(a?.paragraphs[0].html).to.equal('The <mark>council</mark> met about trams.');
    expect(a?.fieldsHtml).to.deep.equal({ standfirst: 'A budget for &lt;trams&gt; &amp; &quot;buses&quot;', byline: 'Budget desk' });
    expect(JSON.stringify(a?.fieldsHtml)).not.to.contain('<mark>');
    expect(ix.highlightArticle('a', '')?.fieldsHtml).to.deep.equal(a?.fieldsHtml);
    expect(ix.highlightArticle('b', 'budget')?.fieldsHtml).to.deep.equal({ byline: 'Staff' });
    // No text field value: no fieldsHtml at all.
    expect(ix.highlightArticle('c', 'budget')).to.not.have.property('fieldsHtml');
  });

  it('marks a scoped clause only in its field, and phrases as one span', () => {
    const ix = newsIndex();
    const scoped = ix.highlightArticle('a', 'standfirst:budget');
    expect(scoped?.fieldsHtml).to.deep.equal({ standfirst: 'A <mark>budget</mark> for &lt;trams&gt; &amp; &quot;buses&quot;', byline: 'Budget desk' });
    expect(scoped?.titleHtml).to.equal('Budget day');
    expect(ix.highlightArticle('a', 'byline:budget')?.fieldsHtml?.standfirst).to.equal('A budget for &lt;trams&gt; &amp; &quot;buses&quot;');
    expect(ix.highlightArticle('a', 'byline:"budget desk"')?.fieldsHtml?.byline).to.equal('<mark>Budget desk</mark>');
    expect(ix.highlightArticle('a', '"budget for trams"')?.fieldsHtml?.standfirst).to.equal('A <mark>budget for &lt;trams</mark>&gt; &amp; &quot;buses&quot;');
    expect(ix.highlightArticle('a', '"desk budget"')?.fieldsHtml?.byline).to.equal('Budget desk');
  });

  it('escapes any markup of a field value before marking, as the re-analysing reference does', () => {
    fc.assert(fc.property(text, text, fc.constantFrom('', 'budget', 'council', 'trams', 'budget council', 'standfirst:budget', 'byline:council'), (standfirst, byline, q) => {
      const ix = createSearchIndex({ schema: TEXT_FIELD_SCHEMA });
      ix.add({ id: 'a', title: 'Title', paragraphs: ['A paragraph about trams.'], fields: { standfirst, byline } });
      const got = ix.highlightArticle('a', q)?.fieldsHtml ?? {};
      expect(Object.keys(got)).to.deep.equal(['standfirst', 'byline']);
      const scope = /^(\w+):(.*)$/.exec(q);
      const terms = analyzer.analyze(scope ? scope[2] : q).map((t) => t.term);
      for (const [name, value] of [['standfirst', standfirst], ['byline', byline]]) {
        const want = scope && scope[1] !== name ? escapeHtml(value) : (reference(value, terms) ?? escapeHtml(value));
        expect(got[name], `${name} for ${q}`).to.equal(want);
        expect(got[name].replace(/<\/?mark>/g, ''), name).to.equal(escapeHtml(value));
      }
    }), { numRuns: 200 });
  });

  it('adds nothing to the article view with the default schema', () => {
    const ix = createSearchIndex();
    ix.add({ id: 'a', title: 'Budget day', paragraphs: ['A budget.'] });
    expect(Object.keys(ix.highlightArticle('a', 'budget') ?? {})).to.deep.equal(['article', 'titleHtml', 'paragraphs']);
  });
});

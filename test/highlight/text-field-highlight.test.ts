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

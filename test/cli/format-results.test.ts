import { expect } from 'chai';
import type { SearchResult } from '../../lib/index.js';
import { emphasise, formatResults, sanitizeForTerminal } from '../../cli/format-results.js';
import { toJsonText } from '../../cli/search-command.js';

const result: SearchResult = {
  query: 'missile',
  total: 12,
  tookMs: 1.5,
  hits: [
    {
      id: 'reuters/123',
      title: 'NORTH KOREA TESTS NEW MISSILE',
      date: '1987-03-19T04:56:00',
      publisher: 'Reuters',
      category: ['Korea'],
      score: 3.2,
      titleHtml: 'NORTH KOREA TESTS NEW <mark>MISSILE</mark>',
      snippets: [{ paragraph: 0, text: 'fired a missile off', html: 'fired a <mark>missile</mark> off', matches: [{ start: 8, end: 15 }] }],
    },
  ],
  facets: { category: [{ value: 'Korea', count: 7 }], places: [] },
};

describe('formatResults', () => {
  it('shows count, rank, title, date, id, snippet with [matches] and facets', () => {
    const text = formatResults(result, { offset: 10 });
    expect(text).to.contain('12 results for "missile" (1.5 ms, showing 1)');
    expect(text).to.contain('11. NORTH KOREA TESTS NEW MISSILE');
    expect(text).to.contain('1987-03-19 04:56 · Reuters · Korea');
    expect(text).to.contain('fired a [missile] off');
    expect(text).to.contain('category: Korea (7)');
    expect(text).to.not.contain('places:');
  });

  it('uses bold inverse for matches on a terminal', () => {
    const text = formatResults(result, { color: true });
    expect(text).to.contain('fired a \x1b[1;7mmissile\x1b[0m off');
    expect(text).to.not.contain('[missile]');
  });

  it('says so when nothing matched, with the spelling suggestion', () => {
    const text = formatResults({ query: 'misile', total: 0, tookMs: 0, hits: [], facets: {}, didYouMean: 'missile' });
    expect(text).to.equal('No results for "misile".\nDid you mean "missile"?\n');
  });

  it('shows how the query was read when that differs from what was typed', () => {
    expect(formatResults({ ...result, query: '"north korea', interpretedAs: '"north korea"' })).to.contain('12 results for "\\"north korea" (read as "\\"north korea\\"")');
    expect(formatResults({ ...result, interpretedAs: 'missile' })).to.contain('12 results for "missile" (1.5 ms');
  });

  it('says when nothing in the query could be searched', () => {
    const text = formatResults({ query: 'the', total: 0, tookMs: 0, hits: [], facets: {}, interpretedAs: '', unsearchable: true });
    expect(text).to.equal('Nothing in "the" could be searched: it has only stop words or punctuation.\n');
  });
});

describe('emphasise / sanitizeForTerminal', () => {
  it('wraps each range and ignores a range out of order or out of bounds', () => {
    expect(emphasise('a b c', [{ start: 0, end: 1 }, { start: 4, end: 5 }], false)).to.equal('[a] b [c]');
    expect(emphasise('abc', [{ start: 1, end: 2 }, { start: 0, end: 1 }, { start: 2, end: 9 }], false)).to.equal('a[b]c');
  });

  it('neutralises control characters one for one, so ranges stay right', () => {
    const text = 'x\x1b[31mred';
    const clean = sanitizeForTerminal(text);
    expect(clean).to.have.length(text.length);
    expect(clean).to.not.contain('\x1b');
    expect(sanitizeForTerminal('tab\tand\nnewline\u0007')).to.equal('tab\tand\nnewline\ufffd');
  });
});

describe('toJsonText', () => {
  it('escapes <, > and & as Express does', () => {
    expect(toJsonText({ t: '<b>&</b>' })).to.equal('{"t":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"}');
    expect(JSON.parse(toJsonText({ t: '<b>&</b>' }))).to.deep.equal({ t: '<b>&</b>' });
  });
});

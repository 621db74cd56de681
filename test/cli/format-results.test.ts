import { expect } from 'chai';
import type { SearchResult } from '../../lib/index.js';
import { emphasise, formatResults, HISTOGRAM_BAR_WIDTH, histogramLines, sanitizeForTerminal } from '../../cli/format-results.js';
import { toJsonText } from '../../cli/search-command.js';

const result: SearchResult = {
  query: 'missile',
  total: 12,
  totalExact: true,
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

describe('histogramLines', () => {
  const bars = (line: string, ch: string): number => [...line].filter((c) => c === ch).length;

  it('draws a bar per bucket scaled to the largest, with its count', () => {
    const buckets = [{ value: '1987-02', count: 3 }, { value: '1987-03', count: 12 }, { value: '1987-04', count: 0 }, { value: '1987-05', count: 7 }];
    const lines = histogramLines({ ...result, dateHistogram: buckets, dateHistogramInterval: 'month' });
    expect(lines[0]).to.equal('Timeline, matches per month');
    expect(lines).to.have.length(1 + buckets.length);
    buckets.forEach((b, i) => {
      const line = lines[i + 1];
      expect(line.startsWith(`  ${b.value}  `), line).to.equal(true);
      expect(line.trimEnd().endsWith(` ${b.count}`), line).to.equal(true);
      expect(bars(line, '█')).to.equal(b.count === 0 ? 0 : Math.max(1, Math.round((b.count / 12) * HISTOGRAM_BAR_WIDTH)));
    });
  });

  it('scales by share when shares were asked for, and draws the comparison under each bucket', () => {
    const main = [{ value: '1987', count: 10, share: 0.5 }, { value: '1988', count: 40, share: 0.25 }];
    const other = [{ value: '1987', count: 2, share: 0.1 }, { value: '1988', count: 8, share: 0.05 }];
    const lines = histogramLines({ ...result, dateHistogram: main, dateHistogramCompare: other, dateHistogramInterval: 'year' }, false, 'oil');
    expect(lines[0]).to.equal('Timeline, share of all articles per year: "missile" █, "oil" ░');
    expect(lines).to.have.length(1 + 2 * main.length);
    main.forEach((b, i) => {
      const mine = lines[1 + 2 * i];
      const theirs = lines[2 + 2 * i];
      expect(bars(mine, '█')).to.equal(Math.round((b.share / 0.5) * HISTOGRAM_BAR_WIDTH));
      expect(bars(theirs, '░')).to.equal(Math.max(1, Math.round((other[i].share / 0.5) * HISTOGRAM_BAR_WIDTH)));
      expect(mine).to.contain(` ${b.count} `).and.to.contain(`${(100 * b.share).toFixed(1)}%`);
      expect(theirs).to.contain(` ${other[i].count} `).and.to.contain(`${(100 * other[i].share).toFixed(1)}%`);
    });
  });

  it('is printed after the hits only when the result has a histogram', () => {
    expect(formatResults(result)).to.not.contain('Timeline');
    expect(formatResults({ ...result, dateHistogram: [{ value: '1987-03', count: 1 }] })).to.contain('Timeline, matches per month');
  });
});

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
    const text = formatResults({ query: 'misile', total: 0, totalExact: true, tookMs: 0, hits: [], facets: {}, didYouMean: 'missile' });
    expect(text).to.equal('No results for "misile".\nDid you mean "missile"?\n');
  });

  it('marks a total counted only up to trackTotal as a lower bound', () => {
    expect(formatResults({ ...result, total: 10000, totalExact: false })).to.contain('10000+ results for "missile"');
    expect(formatResults({ ...result, total: 0, totalExact: false })).to.contain('0+ results for "missile"');
  });

  it('shows how the query was read when that differs from what was typed', () => {
    expect(formatResults({ ...result, query: '"north korea', interpretedAs: '"north korea"' })).to.contain('12 results for "\\"north korea" (read as "\\"north korea\\"")');
    expect(formatResults({ ...result, interpretedAs: 'missile' })).to.contain('12 results for "missile" (1.5 ms');
  });

  it('says when nothing in the query could be searched', () => {
    const text = formatResults({ query: 'the', total: 0, totalExact: true, tookMs: 0, hits: [], facets: {}, interpretedAs: '', unsearchable: true });
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

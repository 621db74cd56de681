import { expect } from 'chai';
import fc from 'fast-check';
import { createSearchIndex, type Article, type DateHistogramOptions, type HistogramBucket, type HistogramInterval, type SearchIndex } from '../../lib/index.js';
import { rng } from '../search/synthetic-corpus.js';

const WORDS = ['oil', 'wheat', 'korea', 'talks', 'price', 'bank', 'market', 'summit'];
const SOURCES = ['Reuters', 'KoreaTimes', 'Yonhap'];
const DAY = 86_400_000;

/** Articles with dates spread over a few years, some with times and offsets, some undated. */
function corpus(n: number, seed: number, spanDays: number): Article[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const base = Date.UTC(2018, 11, 20);
  return Array.from({ length: n }, (_, i) => {
    const a: Article = {
      id: `a${i}`,
      title: `${pick(WORDS)} ${pick(WORDS)}`,
      paragraphs: [Array.from({ length: 6 }, () => pick(WORDS)).join(' ')],
      source: pick(SOURCES),
    };
    if (rand() < 0.9) {
      const t = new Date(base + Math.floor(rand() * spanDays * DAY) + Math.floor(rand() * DAY));
      // Half with an offset: the instant decides the bucket, not the local calendar date.
      a.date = rand() < 0.5 ? t.toISOString().slice(0, 10) : `${t.toISOString().slice(0, 19)}-05:00`;
    }
    return a;
  });
}

/** The bucket of a date, by the JavaScript Date API (an oracle independent of lib/dates). */
function label(date: string, interval: HistogramInterval): string {
  const t = new Date(Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date));
  const day = t.toISOString().slice(0, 10);
  if (interval === 'day') return day;
  if (interval === 'month') return day.slice(0, 7);
  if (interval === 'year') return day.slice(0, 4);
  const monday = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()) - ((t.getUTCDay() + 6) % 7) * DAY);
  return monday.toISOString().slice(0, 10);
}

/** The label after `value`, stepping with Date. */
function next(value: string, interval: HistogramInterval): string {
  if (interval === 'year') return String(Number(value) + 1);
  if (interval === 'month') {
    const [y, m] = value.split('-').map(Number);
    return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  }
  const step = interval === 'day' ? DAY : 7 * DAY;
  return new Date(Date.parse(`${value}T00:00:00Z`) + step).toISOString().slice(0, 10);
}

/** Buckets counted directly from dates, gaps filled between the first and last. */
function expected(dates: string[], interval: HistogramInterval, all?: string[]): HistogramBucket[] {
  const counts = new Map<string, number>();
  for (const d of dates) counts.set(label(d, interval), (counts.get(label(d, interval)) ?? 0) + 1);
  const live = new Map<string, number>();
  for (const d of all ?? []) live.set(label(d, interval), (live.get(label(d, interval)) ?? 0) + 1);
  const keys = [...counts.keys()].sort();
  const out: HistogramBucket[] = [];
  if (keys.length === 0) return out;
  for (let v = keys[0]; ; v = next(v, interval)) {
    const count = counts.get(v) ?? 0;
    const b: HistogramBucket = { value: v, count };
    if (all) b.share = (live.get(v) ?? 0) > 0 ? count / (live.get(v) as number) : 0;
    out.push(b);
    if (v === keys[keys.length - 1]) break;
  }
  return out;
}

function matchingDates(ix: SearchIndex, q: string, source: string | undefined): string[] {
  const filters = source ? { source: [source] } : {};
  const r = ix.search(q, { filters, limit: 100_000, snippets: 0, highlight: false });
  return r.hits.map((h) => h.date).filter((d): d is string => d !== undefined);
}

describe('date histogram collector (SearchOptions.dateHistogram)', () => {
  it('counts every interval as counting the dates of the matches directly, gaps filled', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom<HistogramInterval>('day', 'week', 'month', 'year'),
        fc.constantFrom(...WORDS),
        fc.option(fc.constantFrom(...SOURCES), { nil: undefined }),
        fc.boolean(),
        (seed, interval, q, source, normalize) => {
          const articles = corpus(60, seed, interval === 'day' ? 40 : interval === 'week' ? 200 : 1500);
          const ix = createSearchIndex();
          ix.addAll(articles);
          // A removed article counts neither in the matches nor in the shares' denominators.
          ix.remove('a0');
          const live = articles.slice(1).map((a) => a.date).filter((d): d is string => d !== undefined);
          const r = ix.search(q, { filters: source ? { source: [source] } : {}, dateHistogram: { interval, normalize }, limit: 0 });
          expect(r.dateHistogramInterval).to.equal(interval);
          expect(r.dateHistogram).to.deep.equal(expected(matchingDates(ix, q, source), interval, normalize ? live : undefined));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('ignores the date range (the whole timeline), as months always did', () => {
    const ix = createSearchIndex();
    ix.addAll(corpus(80, 7, 1500));
    const whole = ix.search('oil', { dateHistogram: { interval: 'year' } }).dateHistogram;
    const ranged = ix.search('oil', { dateHistogram: { interval: 'year' }, dateFrom: '2020-01-01', dateTo: '2020-12-31' });
    expect(ranged.dateHistogram).to.deep.equal(whole);
    expect(ranged.total).to.be.lessThan(ix.search('oil').total);
  });

  it('`true` stays per month', () => {
    const ix = createSearchIndex();
    ix.addAll(corpus(80, 3, 1500));
    const r = ix.search('korea', { dateHistogram: true });
    expect(r.dateHistogram).to.deep.equal(expected(matchingDates(ix, 'korea', undefined), 'month'));
    expect(r.dateHistogram).to.deep.equal(ix.search('korea', { dateHistogram: { interval: 'month' } }).dateHistogram);
  });

  it('auto picks the finest interval with at most 60 buckets', () => {
    for (const [span, interval] of [[30, 'day'], [300, 'week'], [1500, 'month']] as const) {
      const ix = createSearchIndex();
      ix.addAll(corpus(200, 11, span));
      const r = ix.search('', { filters: { source: SOURCES }, dateHistogram: { interval: 'auto' } });
      expect(r.dateHistogramInterval, `span ${span}`).to.equal(interval);
      expect(r.dateHistogram?.length).to.be.within(1, 60);
      expect(r.dateHistogram).to.deep.equal(ix.search('', { filters: { source: SOURCES }, dateHistogram: { interval } }).dateHistogram);
    }
    const years = createSearchIndex();
    years.addAll([
      { id: 'old', title: 'oil', paragraphs: ['oil'], date: '1950-01-01' },
      { id: 'new', title: 'oil', paragraphs: ['oil'], date: '2019-01-01' },
    ]);
    const r = years.search('oil', { dateHistogram: { interval: 'auto' } });
    expect(r.dateHistogramInterval).to.equal('year');
    expect(r.dateHistogram).to.have.length(70);
  });

  it('compare gives a second series over the same buckets', () => {
    const ix = createSearchIndex();
    ix.addAll(corpus(120, 5, 1500));
    const r = ix.search('oil', { dateHistogram: { interval: 'month', compare: 'wheat' }, filters: { source: ['Reuters'] } });
    const main = r.dateHistogram as HistogramBucket[];
    const cmp = r.dateHistogramCompare as HistogramBucket[];
    expect(cmp.map((b) => b.value)).to.deep.equal(main.map((b) => b.value));
    const count = (q: string): Map<string, number> => {
      const m = new Map<string, number>();
      for (const d of matchingDates(ix, q, 'Reuters')) m.set(label(d, 'month'), (m.get(label(d, 'month')) ?? 0) + 1);
      return m;
    };
    const oil = count('oil');
    const wheat = count('wheat');
    expect(main.map((b) => b.count)).to.deep.equal(main.map((b) => oil.get(b.value) ?? 0));
    expect(cmp.map((b) => b.count)).to.deep.equal(main.map((b) => wheat.get(b.value) ?? 0));
    expect([...wheat.keys()].every((k) => main.some((b) => b.value === k))).to.equal(true);
  });

  it('rejects bad histogram options with a clear error', () => {
    const ix = createSearchIndex();
    ix.addAll(corpus(5, 1, 10));
    expect(() => ix.search('oil', { dateHistogram: { interval: 'hour' as 'day' } })).to.throw(/interval must be day, week, month, year or auto/);
    expect(() => ix.search('oil', { dateHistogram: JSON.parse('{ "normalize": "yes" }') as DateHistogramOptions })).to.throw(/normalize must be true or false/);
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import { createSearchIndex, SearchError } from '../../lib/index.js';
import { arbitraryBoundaryDate } from './arbitrary-dates.js';

/** The last day of a `YYYY-MM` month, as `YYYY-MM-DD`. */
function lastDay(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

describe('dates: histogram and filter (issue 13)', () => {
  it('puts 2019-10-31T23:30:00-05:00 in November in both', () => {
    const index = createSearchIndex();
    index.add({ id: 'a', title: 'alpha', paragraphs: ['p'], date: '2019-10-31T23:30:00-05:00' });
    expect(index.search('alpha', { dateHistogram: true }).dateHistogram).to.deep.equal([{ value: '2019-11', count: 1 }]);
    expect(index.search('alpha', { dateFrom: '2019-11', dateTo: '2019-11' }).total).to.equal(1);
    expect(index.search('alpha', { dateFrom: '2019-10-01', dateTo: '2019-10-31' }).total).to.equal(0);
  });

  it('refuses to index a date the date reader cannot read, rather than reading it another way', () => {
    const index = createSearchIndex();
    for (const date of ['October 10, 2019', '2019-10-10T06:02', '2019-02-29']) {
      expect(() => index.add({ id: date, title: 'alpha', paragraphs: ['p'], date }), date)
        .to.throw(SearchError).with.property('code', 'invalid_article');
    }
    expect(index.size).to.equal(0);
  });

  it('counts in each histogram month exactly the articles a filter on that month finds', () => {
    fc.assert(
      fc.property(fc.array(arbitraryBoundaryDate(), { minLength: 1, maxLength: 25 }), (dates) => {
        const index = createSearchIndex();
        dates.forEach((date, i) => index.add({ id: `a${i}`, title: 'alpha', paragraphs: ['p'], date }));
        const histogram = index.search('alpha', { dateHistogram: true }).dateHistogram ?? [];
        expect(histogram.reduce((sum, bucket) => sum + bucket.count, 0)).to.equal(dates.length);
        // Every month a date is written in or falls in.
        const months = new Set(histogram.map((b) => b.value));
        for (const date of dates) months.add(date.slice(0, 7));
        for (const month of months) {
          const count = histogram.find((b) => b.value === month)?.count ?? 0;
          expect(index.search('alpha', { dateFrom: month, dateTo: month }).total, `${month} as months`).to.equal(count);
          const byDays = index.search('alpha', { dateFrom: `${month}-01`, dateTo: lastDay(month) }).total;
          expect(byDays, `${month} as days`).to.equal(count);
        }
      }),
      { numRuns: 100 },
    );
  });
});

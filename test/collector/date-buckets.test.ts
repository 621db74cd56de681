import { expect } from 'chai';
import fc from 'fast-check';
import { autoInterval, bucketKey, bucketLabel, HISTOGRAM_INTERVALS } from '../../lib/collector/date-buckets.js';

const DAY = 86_400_000;

/** The label of an instant by the Date API, an oracle independent of lib/dates. */
function dateLabel(t: number, interval: string): string {
  const day = new Date(t).toISOString().slice(0, 10);
  if (interval === 'day') return day;
  if (interval === 'month') return day.slice(0, 7);
  if (interval === 'year') return day.slice(0, 4);
  const d = new Date(t);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
}

describe('date buckets (lib/collector/date-buckets.ts)', () => {
  const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });

  it('labels every instant as the Date API does, for every interval', () => {
    fc.assert(fc.property(instant, fc.constantFrom(...HISTOGRAM_INTERVALS), (t, interval) => {
      expect(bucketLabel(bucketKey(t, interval), interval)).to.equal(dateLabel(t, interval));
    }), { numRuns: 2000 });
  });

  it('numbers buckets consecutively: the key after an instant\'s is the next bucket\'s', () => {
    fc.assert(fc.property(instant, fc.constantFrom(...HISTOGRAM_INTERVALS), (t, interval) => {
      const k = bucketKey(t, interval);
      // Step forward a day at a time to the first instant of another bucket.
      let u = t;
      while (bucketKey(u, interval) === k) u += DAY;
      expect(bucketKey(u, interval)).to.equal(k + 1);
      expect(bucketLabel(k + 1, interval)).to.equal(dateLabel(u, interval));
    }), { numRuns: 200 });
  });

  it('auto picks the finest interval with at most 60 buckets', () => {
    const t = Date.UTC(2019, 0, 1);
    expect(autoInterval(t, t + 59 * DAY)).to.equal('day');
    expect(autoInterval(t, t + 60 * DAY)).to.equal('week');
    expect(autoInterval(t, t + 400 * DAY)).to.equal('week');
    expect(autoInterval(t, t + 800 * DAY)).to.equal('month');
    expect(autoInterval(t, t + 80 * 365 * DAY)).to.equal('year');
    expect(autoInterval(Infinity, -Infinity)).to.equal('month');
  });
});

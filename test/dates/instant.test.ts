import { expect } from 'chai';
import fc from 'fast-check';
import { arbitraryIsoDate } from './arbitrary-dates.js';
import { civilFromDays, daysFromCivil, isoDateToEpochMs, utcMonthOf } from '../../lib/dates/instant.js';

describe('instant', () => {
  describe('#isoDateToEpochMs', () => {
    it('reads the example of issue 13 as the instant it names', () => {
      expect(isoDateToEpochMs('2019-10-31T23:30:00-05:00')).to.equal(Date.UTC(2019, 10, 1, 4, 30));
      expect(isoDateToEpochMs('2019-10-10')).to.equal(Date.UTC(2019, 9, 10));
      expect(isoDateToEpochMs('2019-10-10T06:02:00')).to.equal(Date.UTC(2019, 9, 10, 6, 2));
      expect(isoDateToEpochMs('2019-10-10T06:02:00.123456+09:30')).to.equal(Date.UTC(2019, 9, 9, 20, 32, 0, 123));
    });

    it('gives NaN for no date and for what is not an ISO date', () => {
      for (const text of [undefined, '', 'October 10, 2019', '2019-02-29', '2019-10-10T06:02', '10/10/2019']) {
        expect(isoDateToEpochMs(text), String(text)).to.be.NaN;
      }
    });

    it('agrees with Date.parse read as UTC for every valid date', () => {
      fc.assert(
        fc.property(arbitraryIsoDate(), (text) => {
          const withZone = text.length === 10 || /(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`;
          expect(isoDateToEpochMs(text)).to.equal(Date.parse(withZone));
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('#utcMonthOf', () => {
    it('puts an instant in its UTC month, as toISOString does', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
          expect(utcMonthOf(ms)).to.equal(new Date(ms).toISOString().slice(0, 7));
        }),
        { numRuns: 500 },
      );
    });

    it('counts years below 100 and 0 as themselves, not as 19xx', () => {
      expect(utcMonthOf(isoDateToEpochMs('0050-03-01'))).to.equal('0050-03');
      expect(utcMonthOf(isoDateToEpochMs('0000-01-01T00:30:00+01:00'))).to.equal('-0001-12');
      expect(utcMonthOf(Number.NaN)).to.equal(undefined);
    });
  });

  describe('#daysFromCivil', () => {
    it('is undone by civilFromDays', () => {
      fc.assert(
        fc.property(fc.integer({ min: -800_000, max: 3_000_000 }), (days) => {
          const { year, month, day } = civilFromDays(days);
          expect(daysFromCivil(year, month, day)).to.equal(days);
        }),
        { numRuns: 500 },
      );
      expect(daysFromCivil(1970, 1, 1)).to.equal(0);
      expect(daysFromCivil(2000, 3, 1)).to.equal(11_017);
    });
  });
});

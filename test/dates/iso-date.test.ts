import { expect } from 'chai';
import { isCalendarDate, normaliseIsoDate } from '../../lib/dates/iso-date.js';

describe('isCalendarDate', () => {
  describe('#check', () => {
    it('knows month lengths and leap years', () => {
      expect(isCalendarDate(2019, 2, 28)).to.equal(true);
      expect(isCalendarDate(2019, 2, 29)).to.equal(false);
      expect(isCalendarDate(2020, 2, 29)).to.equal(true);
      expect(isCalendarDate(1900, 2, 29)).to.equal(false);
      expect(isCalendarDate(2000, 2, 29)).to.equal(true);
      expect(isCalendarDate(2019, 4, 31)).to.equal(false);
      expect(isCalendarDate(2019, 13, 1)).to.equal(false);
      expect(isCalendarDate(2019, 12, 0)).to.equal(false);
    });
  });
});

describe('normaliseIsoDate', () => {
  describe('#normalise', () => {
    it('writes the canonical spelling and keeps the meaning', () => {
      expect(normaliseIsoDate('2019-10-10')).to.equal('2019-10-10');
      expect(normaliseIsoDate('2019-10-10 06:02:00')).to.equal('2019-10-10T06:02:00');
      expect(normaliseIsoDate('2019-10-10t06:02:00.5z')).to.equal('2019-10-10T06:02:00.5Z');
      expect(normaliseIsoDate('2019-10-10T06:02:00+0930')).to.equal('2019-10-10T06:02:00+09:30');
    });

    it('rejects what is not a date or names no real day or time', () => {
      for (const text of ['10/10/2019', '2019-10-10T06:02', '2019-02-29', '2019-10-10T24:00:00', '2019-10-10T06:02:00+25:00', '']) {
        expect(normaliseIsoDate(text), text).to.equal(undefined);
      }
    });
  });
});

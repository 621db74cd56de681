import { expect } from 'chai';
import { dateBoundToEpochMs } from '../../lib/dates/date-bound.js';

describe('dateBoundToEpochMs', () => {
  describe('#read', () => {
    it('takes a month from its first to its last millisecond, UTC', () => {
      expect(dateBoundToEpochMs('2019-10', 'from')).to.equal(Date.UTC(2019, 9, 1));
      expect(dateBoundToEpochMs('2019-10', 'to')).to.equal(Date.UTC(2019, 10, 1) - 1);
      expect(dateBoundToEpochMs('2019-12', 'to')).to.equal(Date.UTC(2020, 0, 1) - 1);
    });

    it('takes a bare date as its whole UTC day', () => {
      expect(dateBoundToEpochMs('2020-02-29', 'from')).to.equal(Date.UTC(2020, 1, 29));
      expect(dateBoundToEpochMs('2020-02-29', 'to')).to.equal(Date.UTC(2020, 2, 1) - 1);
    });

    it('takes a date-time as its instant, with or without seconds and zone', () => {
      expect(dateBoundToEpochMs('2019-10-10T06:02', 'to')).to.equal(Date.UTC(2019, 9, 10, 6, 2));
      expect(dateBoundToEpochMs('2019-10-10T06:02-05:00', 'from')).to.equal(Date.UTC(2019, 9, 10, 11, 2));
      expect(dateBoundToEpochMs('2019-10-10T06:02:30Z', 'from')).to.equal(Date.UTC(2019, 9, 10, 6, 2, 30));
    });

    it('refuses what names no real month, day or time', () => {
      for (const text of ['2019-13', '2019-00', '2019-02-30', '2019-10-10T25:00', 'yesterday', '2019', '2019-10-10T06:02+25:00']) {
        expect(dateBoundToEpochMs(text, 'from'), text).to.equal(undefined);
      }
    });
  });
});

/**
 * The page's date formatting (web/dom.js), in Node: formatDate touches no DOM. It must follow
 * the library's date rule (lib/dates/instant.ts: a date-time without a zone is UTC), whatever
 * the reader's time zone.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './harness.js';

interface DomModule {
  formatDate(iso: string | undefined): string;
}

describe('web/dom.js', () => {
  describe('#formatDate', () => {
    let m: DomModule;
    const savedTz = process.env.TZ;
    before(async () => {
      m = (await import(pathToFileURL(join(repoRoot(), 'web', 'dom.js')).href)) as DomModule;
    });
    afterEach(() => {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    });

    it('prints the UTC day of a date-time without a zone, in any reader time zone', () => {
      for (const tz of ['America/Los_Angeles', 'Asia/Tokyo', 'UTC']) {
        process.env.TZ = tz;
        expect(m.formatDate('2019-10-10T23:30:00'), tz).to.equal('10 Oct 2019');
        expect(m.formatDate('2019-10-10T00:30:00.5'), tz).to.equal('10 Oct 2019');
      }
    });

    it('prints the UTC day of a zoned date-time and the day of a bare date', () => {
      process.env.TZ = 'America/Los_Angeles';
      expect(m.formatDate('2019-10-31T23:30:00-05:00')).to.equal('1 Nov 2019');
      expect(m.formatDate('2019-10-10')).to.equal('10 Oct 2019');
      expect(m.formatDate('not a date')).to.equal('not a date');
    });
  });
});

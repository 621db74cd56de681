import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertReuters, evenlySpaced, toReferenceText } from '../../scripts/convert-reuters.js';
import {
  cleanAuthor,
  decodeEntities,
  parseDateline,
  parseReutersDate,
  readReutersDir,
  readReutersFile,
  reutersToArticle,
  splitBodyParagraphs,
  type ReutersRecord,
} from '../../scripts/reuters-sgml.js';

// Three levels up from <outDir>/test/scripts/ is the repository root.
const FIXTURE_DIR = fileURLToPath(new URL('../../../test/fixtures/reuters/', import.meta.url));
const MINI = join(FIXTURE_DIR, 'mini.sgm');

function record(records: ReutersRecord[], newId: number): ReutersRecord {
  const found = records.find((r) => r.newId === newId);
  if (!found) throw new Error(`no record ${newId} in the fixture`);
  return found;
}

describe('reuters-sgml', () => {
  describe('#readReutersFile', () => {
    const records = readReutersFile(MINI);

    it('reads every <REUTERS> record, in file order', () => {
      expect(records.map((r) => r.newId)).to.deep.equal([1, 2, 3, 4, 5, 6]);
      expect(records.map((r) => r.textType)).to.deep.equal(['NORM', 'BRIEF', 'NORM', 'NORM', 'UNPROC', 'UNPROC']);
    });

    it('reads the attributes, date, title, author, dateline and category lists', () => {
      const r = record(records, 1);
      expect(r).to.include({ oldId: 5544, lewisSplit: 'TRAIN', cgiSplit: 'TRAINING-SET', topicsAttribute: 'YES' });
      expect(r.date).to.equal('1987-02-26T15:01:01');
      expect(r.title).to.equal('ACME <ACM> TO BUY WIDGET & CO');
      expect(r.author).to.equal('Jane Doe');
      expect(r.dateline).to.equal('NEW YORK');
      expect(r.topics).to.deep.equal(['earn', 'acq']);
      expect(r.places).to.deep.equal(['usa']);
      expect(r.people).to.deep.equal(['volcker']);
      expect(r.organisations).to.deep.equal(['fed']);
      expect(r.exchanges).to.deep.equal(['nyse']);
    });

    it('splits the body into paragraphs at indented lines (spaces or tab) and drops "Reuter"', () => {
      expect(record(records, 1).paragraphs).to.deep.equal([
        'Acme Corp <ACM> said it agreed to buy Widget & Co for 12 mln dlrs in an English-language statement.',
        'The price is 3 > 2 dlrs a share, the company said.',
        'Closing is expected in April.',
      ]);
    });

    it('decodes the file as latin-1 and drops a sign-off ending the last sentence', () => {
      expect(record(records, 3).paragraphs).to.deep.equal([
        'Bank Zürich AG said 1986 net profit rose to 50 mln francs from 45 mln.',
      ]);
      expect(record(records, 3).date).to.equal('1987-03-02T09:05:00');
    });

    it('puts story text the markup left in the dateline back at the start of the body', () => {
      const r = record(records, 4);
      expect(r.dateline).to.equal('CALAIS');
      expect(r.author).to.equal('John Smith');
      expect(r.paragraphs).to.deep.equal([
        '<Eurotunnel>, the Anglo- French tunnel consortium, needs more capital, the spokesman told Reuters.',
      ]);
    });

    it('keeps the title of a BRIEF record, on one line, and gives it no paragraphs', () => {
      const r = record(records, 2);
      expect(r.title).to.equal('ASSETS OF MONEY MARKET FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK');
      expect(r.paragraphs).to.deep.equal([]);
    });

    it('leaves no control characters anywhere', () => {
      for (const r of records) {
        expect([r.title ?? '', ...r.paragraphs].join('\n')).not.to.match(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      }
    });
  });

  describe('#readReutersDir', () => {
    it('reads every reut2-NNN.sgm of a folder and ignores other files', () => {
      const dir = mkdtempSync(join(tmpdir(), 'reuters-'));
      try {
        copyFileSync(MINI, join(dir, 'reut2-000.sgm'));
        copyFileSync(MINI, join(dir, 'reut2-001.sgm'));
        copyFileSync(MINI, join(dir, 'mini.sgm'));
        expect(readReutersDir(dir)).to.have.length(12);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('#reutersToArticle', () => {
    const records = readReutersFile(MINI);

    it('maps a record to an Article with only the fields present', () => {
      expect(reutersToArticle(record(records, 3))).to.deep.equal({
        id: 'reuters/3',
        title: 'SWISS BANK REPORTS PROFIT',
        paragraphs: ['Bank Zürich AG said 1986 net profit rose to 50 mln francs from 45 mln.'],
        date: '1987-03-02T09:05:00',
        publisher: 'Reuters',
        source: 'Reuters',
        dateline: 'ZURICH',
        places: ['switzerland'],
      });
      expect(reutersToArticle(record(records, 1))).to.include({ id: 'reuters/1', author: 'Jane Doe', dateline: 'NEW YORK' });
    });

    it('splits the body of an UNPROC record on blank lines only', () => {
      expect(reutersToArticle(record(records, 6))?.paragraphs).to.deep.equal([
        'Ships waiting at the ports to load grain were:',
        'Port of Houston 12',
      ]);
    });

    it('gives no article for BRIEF records and records without a body', () => {
      expect(reutersToArticle(record(records, 2))).to.equal(undefined);
      expect(reutersToArticle(record(records, 5))).to.equal(undefined);
    });
  });

  describe('helpers', () => {
    it('decodeEntities decodes named and numeric references and drops control characters', () => {
      expect(decodeEntities('a &lt;b&gt; &amp; &#65;&#x42; x&#3;&#127;y\x1fz &bogus;')).to.equal('a <b> & AB xyz &bogus;');
    });

    it('parseReutersDate tolerates padding and noise, and keeps only the day of a garbled time', () => {
      expect(parseReutersDate(' 3-MAR-1987  09:15:05.40')).to.equal('1987-03-03T09:15:05');
      expect(parseReutersDate('31-MAR-1987 605:12:19.12')).to.equal('1987-03-31');
      expect(parseReutersDate('soon')).to.equal(undefined);
    });

    it('cleanAuthor strips "By" and the ", Reuters" noise', () => {
      expect(cleanAuthor('    By Rich Miller, Reuters')).to.equal('Rich Miller');
      expect(cleanAuthor(' BY SUSAN ZEIDLER, REUTERS')).to.equal('SUSAN ZEIDLER');
      expect(cleanAuthor('By Colin Brinsden, Reuters.')).to.equal('Colin Brinsden');
      expect(cleanAuthor('By Peter Torday')).to.equal('Peter Torday');
    });

    it('parseDateline takes the city before the first comma, and refuses table headings', () => {
      expect(parseDateline('    SANTA CRUZ, Calif., Feb 26 - ')).to.deep.equal({ city: 'SANTA CRUZ', spill: '' });
      expect(parseDateline('    New York, March 3 -')).to.deep.equal({ city: 'NEW YORK', spill: '' });
      expect(parseDateline('    ****LONDON, April 2 - ').city).to.equal('LONDON');
      expect(parseDateline('    JOHANNESBURG March 13 - ').city).to.equal('JOHANNESBURG');
      expect(parseDateline('    COPPER GRADE A - ').city).to.equal(undefined);
      expect(parseDateline('    KANSAS CITY, Mo. - March 13 - ')).to.deep.equal({ city: 'KANSAS CITY', spill: '' });
      expect(parseDateline('    PHILADELPHIA, March 25 - Pep Boys - ')).to.deep.equal({
        city: 'PHILADELPHIA',
        spill: 'Pep Boys -',
      });
    });

    it('splitBodyParagraphs keeps "Reuters" that ends a sentence', () => {
      expect(splitBodyParagraphs('He told Reuters.\n Reuter\n')).to.deep.equal(['He told Reuters.']);
      expect(splitBodyParagraphs('Text.\n Reuter4\n')).to.deep.equal(['Text.']);
    });
  });
});

describe('convert-reuters', () => {
  describe('#evenlySpaced', () => {
    it('picks the middle of each equal stretch, and everything when asked for more', () => {
      expect(evenlySpaced(10, 2)).to.deep.equal([2, 7]);
      expect(evenlySpaced(3, 5)).to.deep.equal([0, 1, 2]);
    });
  });

  describe('#toReferenceText', () => {
    const base = { id: 'reuters/9', title: 'T', date: '1987-02-26T15:01:01', publisher: 'Reuters', source: 'Reuters' };

    it('writes the title, the dateline and the trailer', () => {
      const result = toReferenceText({ ...base, paragraphs: ['One.'], topics: ['earn', 'acq'], dateline: 'NEW YORK' });
      expect(result).to.have.property('text').that.matches(/^T\n\n26-Feb-1987 Reuters \| Reuters \| 3:01(:01)? PM\n\nOne\.\n/);
      expect(result).to.have.property('text').that.includes('Topics: earn, acq\n').and.includes('Dateline: NEW YORK');
    });

    it('refuses an article whose paragraph would be read as metadata', () => {
      expect(toReferenceText({ ...base, paragraphs: ['One.', 'Topics: x'] })).to.have.property('problem');
    });
  });

  describe('#convertReuters', () => {
    it('writes .txt files for even-numbered files, .jsonl for odd ones, and is re-runnable', () => {
      const src = mkdtempSync(join(tmpdir(), 'reuters-src-'));
      const out = mkdtempSync(join(tmpdir(), 'reuters-out-'));
      try {
        copyFileSync(MINI, join(src, 'reut2-000.sgm'));
        copyFileSync(MINI, join(src, 'reut2-001.sgm'));
        const first = convertReuters(src, out, 2);
        const files = readdirSync(out).sort();
        const snapshot = files.map((f) => readFileSync(join(out, f), 'utf8'));
        // Four records have an article (1, 3, 4, 6); two evenly spaced picks are the 2nd and 4th.
        expect(files).to.deep.equal(['3.txt', '6.txt', 'reut2-001.jsonl']);
        expect(first).to.include({ numTextFiles: 2, numJsonArticles: 2, numJsonFiles: 1 });
        expect([first.firstDate, first.lastDate]).to.deep.equal(['1987-03-02T09:05:00', '1987-10-20T22:53:18']);
        const lines = readFileSync(join(out, 'reut2-001.jsonl'), 'utf8').trimEnd().split('\n');
        expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).to.deep.equal(['reuters/3', 'reuters/6']);
        convertReuters(src, out, 2);
        expect(readdirSync(out).sort()).to.deep.equal(files);
        expect(files.map((f) => readFileSync(join(out, f), 'utf8'))).to.deep.equal(snapshot);
      } finally {
        rmSync(src, { recursive: true, force: true });
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
});

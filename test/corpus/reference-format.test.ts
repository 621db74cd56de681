import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import {
  formatReferenceArticle,
  parseReferenceArticle,
  type ReferenceArticle,
} from '../../lib/corpus/reference-format.js';
import { fixturesDir } from './fixtures.js';


const SEED_FILE = 'seed/000_db3d054a026eb58a.txt';
const SEED_TEXT = readFileSync(join(fixturesDir(), 'good', SEED_FILE), 'utf8');

/** Parses and insists on success, so each test can go straight to the article. */
function parseOk(text: string): ReferenceArticle {
  const { article, errors } = parseReferenceArticle(text, 'a.txt');
  expect(errors).to.deep.equal([]);
  if (!article) throw new Error('expected an article');
  return article;
}

/** A one-paragraph article with the given dateline, to test dateline variants. */
const withDateline = (dateline: string): string => `A title\n\n${dateline}\n\nThe only paragraph.\n`;

describe('parseReferenceArticle', () => {
  describe('#seed article', () => {
    const article = parseOk(SEED_TEXT);

    it('reads the title', () => {
      expect(article.title).to.equal('Korea, US, Japan discuss security coordination after Sweden talks');
    });

    it('reads date, publisher and source from the dateline', () => {
      expect(article.date).to.equal('2019-10-10T06:02:00');
      expect(article.publisher).to.equal('Intellasia');
      expect(article.source).to.equal('KoreaTimes');
    });

    it('reads the category from the trailer', () => {
      expect(article.category).to.deep.equal(['Korea']);
    });

    it('reads every paragraph between the dateline and the trailer, in order', () => {
      // Counted by hand in the file: 20 non-empty blocks between the dateline and "Category:".
      expect(article.paragraphs).to.have.length(20);
      expect(article.paragraphs[0]).to.match(/^Korea, the US and Japan began/);
      expect(article.paragraphs[1]).to.match(/^The US State Department confirmed/);
      expect(article.paragraphs[19]).to.equal(
        'It remains unknown when Washington and Pyongyang will restart their talks on denuclearisation ' +
          'of the peninsula after the failure in Sweden.',
      );
    });

    it('drops the "Print This Post" boilerplate', () => {
      for (const paragraph of article.paragraphs) expect(paragraph).not.to.include('Print This Post');
      expect(article.source).not.to.include('Print');
      expect(article.category).to.deep.equal(['Korea']);
    });

    it('sets no field the file does not give', () => {
      expect(Object.keys(article).sort()).to.deep.equal(
        ['category', 'date', 'paragraphs', 'publisher', 'source', 'title'],
      );
    });

    it('reads the same article from CRLF line ends and a BOM', () => {
      const windows = `\uFEFF${SEED_TEXT.replace(/\n/g, '\r\n')}`;
      expect(parseOk(windows)).to.deep.equal(article);
    });
  });

  describe('#dateline', () => {
    it('accepts a dateline without a time', () => {
      const article = parseOk(withDateline('10-Oct-2019 Intellasia | KoreaTimes'));
      expect(article.date).to.equal('2019-10-10');
      expect(article.publisher).to.equal('Intellasia');
      expect(article.source).to.equal('KoreaTimes');
    });

    it('accepts a dateline without a source', () => {
      const article = parseOk(withDateline('10-Oct-2019 Intellasia | 6:02 AM'));
      expect(article).to.include({ date: '2019-10-10T06:02:00', publisher: 'Intellasia' });
      expect(article).not.to.have.property('source');
    });

    it('accepts a date alone', () => {
      const article = parseOk(withDateline('5-Mar-1987'));
      expect(article.date).to.equal('1987-03-05');
      expect(article).not.to.have.property('publisher');
      expect(article.paragraphs).to.deep.equal(['The only paragraph.']);
    });

    it('accepts month names in any case, abbreviated or not', () => {
      expect(parseOk(withDateline('10-OCT-2019 Intellasia')).date).to.equal('2019-10-10');
      expect(parseOk(withDateline('10-october-2019 Intellasia')).date).to.equal('2019-10-10');
      expect(parseOk(withDateline('1-Sept-2019 Intellasia')).date).to.equal('2019-09-01');
    });

    it('reads 24-hour and 12-hour times', () => {
      expect(parseOk(withDateline('10-Oct-2019 Intellasia | KoreaTimes | 15:01')).date).to.equal('2019-10-10T15:01:00');
      expect(parseOk(withDateline('10-Oct-2019 Intellasia | KoreaTimes | 3:01 PM')).date).to.equal('2019-10-10T15:01:00');
      expect(parseOk(withDateline('10-Oct-2019 Intellasia | KoreaTimes | 12:30 AM')).date).to.equal('2019-10-10T00:30:00');
      expect(parseOk(withDateline('10-Oct-2019 Intellasia | KoreaTimes | 12:30 pm')).date).to.equal('2019-10-10T12:30:00');
    });

    it('drops a trailing "Print This Post"', () => {
      const article = parseOk(withDateline('10-Oct-2019 Intellasia | KoreaTimes Print This Post'));
      expect(article).to.include({ date: '2019-10-10', publisher: 'Intellasia', source: 'KoreaTimes' });
    });

    it('leaves the date absent but keeps publisher and source when the date is impossible', () => {
      const { article, errors } = parseReferenceArticle(withDateline('31-Feb-2019 Intellasia | KoreaTimes | 6:02 AM'), 'a.txt');
      expect(errors).to.deep.equal([]);
      expect(article).not.to.have.property('date');
      expect(article).to.include({ title: 'A title', publisher: 'Intellasia', source: 'KoreaTimes' });
      expect(article?.paragraphs).to.deep.equal(['The only paragraph.']);
    });

    it('keeps the date but drops an impossible time', () => {
      expect(parseOk(withDateline('10-Oct-2019 Intellasia | 25:61')).date).to.equal('2019-10-10');
    });

    it('reads a line that is not a dateline as a paragraph', () => {
      const article = parseOk('A title\n\n12 people were hurt, police said.\n\nMore later.\n');
      expect(article).not.to.have.property('date');
      expect(article.paragraphs).to.deep.equal(['12 people were hurt, police said.', 'More later.']);
    });
  });

  describe('#paragraphs', () => {
    it('joins the lines of a block with a space', () => {
      const article = parseOk('Title\n\nfirst line\n  second line  \n\nnext\n');
      expect(article.paragraphs).to.deep.equal(['first line second line', 'next']);
    });

    it('treats several blank or whitespace-only lines as one separator', () => {
      const article = parseOk('Title\n\n\n \t\none\n\n\n\ntwo\n\n');
      expect(article.paragraphs).to.deep.equal(['one', 'two']);
    });

    it('removes "Print This Post" on its own line and at the end of a line', () => {
      const article = parseOk('Title\n\nPrint This Post\n\none Print This Post\n\ntwo\nPrint This Post\nthree\n');
      expect(article.paragraphs).to.deep.equal(['one', 'two three']);
    });
  });

  describe('#trailer', () => {
    it('reads every known key, case-insensitively', () => {
      const text = [
        'Title', '', 'Body.', '',
        'CATEGORY: Korea; Asia', 'topics: earn, acq,, ', 'Places: usa ; japan', 'People: Kim',
        'Organizations: UN, ', 'Exchanges: nyse', 'Author: Jane Doe', 'Dateline: NEW YORK',
        'URL: https://example.com/a?b=c:d', '',
      ].join('\n');
      const article = parseOk(text);
      expect(article).to.deep.equal({
        title: 'Title',
        paragraphs: ['Body.'],
        category: ['Korea', 'Asia'],
        topics: ['earn', 'acq'],
        places: ['usa', 'japan'],
        people: ['Kim'],
        organisations: ['UN'],
        exchanges: ['nyse'],
        author: 'Jane Doe',
        dateline: 'NEW YORK',
        url: 'https://example.com/a?b=c:d',
      });
    });

    it('accepts Orgs and Organisations, and trailer lines separated by blank lines', () => {
      expect(parseOk('T\n\nBody.\n\nOrgs: fed\n\nCategory: X\n').organisations).to.deep.equal(['fed']);
      expect(parseOk('T\n\nBody.\n\nOrganisations: ecb\n').organisations).to.deep.equal(['ecb']);
    });

    it('keeps a last paragraph with an unknown key as a paragraph', () => {
      const article = parseOk('T\n\nBody.\n\nNote: prices are in US dollars.\n\nCategory: Markets\n');
      expect(article.paragraphs).to.deep.equal(['Body.', 'Note: prices are in US dollars.']);
      expect(article.category).to.deep.equal(['Markets']);
    });

    it('does not read a known key in the middle of the body as trailer', () => {
      const article = parseOk('T\n\nAuthor: not a trailer here.\n\nBody.\n');
      expect(article.paragraphs).to.deep.equal(['Author: not a trailer here.', 'Body.']);
      expect(article).not.to.have.property('author');
    });
  });

  describe('#errors', () => {
    it('reports an empty file', () => {
      expect(parseReferenceArticle('', 'e.txt')).to.deep.equal({
        errors: [{ file: 'e.txt', code: 'empty', reason: 'the file has no text' }],
      });
      expect(parseReferenceArticle(' \n\t\n', 'e.txt').errors.map((e) => e.code)).to.deep.equal(['empty']);
    });

    it('reports missing_title when the file starts with a blank line', () => {
      const { article, errors } = parseReferenceArticle('\nTitle?\n\nBody.\n', 'n.txt');
      expect(article).to.equal(undefined);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'n.txt', line: 1, code: 'missing_title' });
    });

    it('reports missing_title when the first line is the dateline', () => {
      const { article, errors } = parseReferenceArticle('10-Oct-2019 Intellasia | KoreaTimes\n\nBody.\n', 'n.txt');
      expect(article).to.equal(undefined);
      expect(errors.map((e) => e.code)).to.deep.equal(['missing_title']);
      expect(errors[0].reason).to.include('10-Oct-2019');
    });
  });
});

describe('formatReferenceArticle', () => {
  describe('#format', () => {
    it('writes title, dateline, paragraphs and trailer separated by blank lines', () => {
      const text = formatReferenceArticle({
        title: 'Title',
        paragraphs: ['One.', 'Two.'],
        date: '2019-10-10T18:02:00',
        publisher: 'Intellasia',
        source: 'KoreaTimes',
        category: ['Korea', 'Asia'],
        author: 'Jane Doe',
      });
      expect(text).to.equal(
        'Title\n\n10-Oct-2019 Intellasia | KoreaTimes | 6:02 PM\n\nOne.\n\nTwo.\n\nCategory: Korea, Asia\nAuthor: Jane Doe\n',
      );
    });

    it('omits absent fields, writing publisher and source in the trailer when there is no date', () => {
      expect(formatReferenceArticle({ title: 'T', paragraphs: ['P.'] })).to.equal('T\n\nP.\n');
      expect(formatReferenceArticle({ title: 'T', paragraphs: [], publisher: 'Reuters' })).to.equal('T\n\nPublisher: Reuters\n');
      expect(formatReferenceArticle({ title: 'T', paragraphs: ['P.'], date: '1987-03-05' })).to.equal('T\n\n05-Mar-1987\n\nP.\n');
    });

    it('writes the seed article so that it reads back the same', () => {
      const article = parseOk(SEED_TEXT);
      expect(parseOk(formatReferenceArticle(article))).to.deep.equal(article);
    });
  });

  describe('#round trip', () => {
    // What the format can hold: one-line text without `|`, trimmed, not ending in the site
    // boilerplate, and (for paragraphs) not shaped like a dateline or a `Key:` trailer line.
    const text = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .filter((s) => s === s.trim() && s !== '' && !/[\n\r|]/.test(s) && !/print this post$/i.test(s));
    const name = fc.oneof(text, fc.constantFrom('Intellasia', 'Radio 1:30', 'KoreaTimes 6:02 AM', 'Le Monde'));
    const paragraph = text.filter((s) => !/^\s*[A-Za-z]+\s*:/.test(s) && !/^\d{1,2}-[A-Za-z]+-\d{4}/.test(s));
    const title = text.filter((s) => !/^\d{1,2}-[A-Za-z]+-\d{4}/.test(s));
    const listItem = text.filter((s) => !/[,;]/.test(s));
    const list = fc.uniqueArray(listItem, { minLength: 1, maxLength: 4 });
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    const date = fc
      .record({
        day: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
        time: fc.option(
          fc.record({
            hour: fc.integer({ min: 0, max: 23 }),
            minute: fc.integer({ min: 0, max: 59 }),
            second: fc.constantFrom(0, 0, 30, 59),
            fraction: fc.option(fc.stringMatching(/^\d{1,3}$/), { nil: undefined }),
            zone: fc.option(fc.constantFrom('Z', '+09:00', '-05:30'), { nil: undefined }),
          }),
          { nil: undefined },
        ),
      })
      .map(({ day, time }) => {
        const iso = day.toISOString().slice(0, 10);
        if (!time) return iso;
        const frac = time.fraction === undefined ? '' : `.${time.fraction}`;
        return `${iso}T${pad(time.hour, 2)}:${pad(time.minute, 2)}:${pad(time.second, 2)}${frac}${time.zone ?? ''}`;
      });
    const article: fc.Arbitrary<ReferenceArticle> = fc.record(
      {
        title,
        paragraphs: fc.array(paragraph, { maxLength: 5 }),
        date,
        publisher: name,
        source: name,
        author: text,
        dateline: text,
        url: text,
        category: list,
        topics: list,
        places: list,
        people: list,
        organisations: list,
        exchanges: list,
      },
      { requiredKeys: ['title', 'paragraphs'] },
    );

    it('parses what it formats back to the same article', () => {
      fc.assert(
        fc.property(article, (original) => {
          const { article: parsed, errors } = parseReferenceArticle(formatReferenceArticle(original), 'p.txt');
          expect(errors).to.deep.equal([]);
          expect(parsed).to.deep.equal(original);
        }),
        { numRuns: 500 },
      );
    });
  });
});

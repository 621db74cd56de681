import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { loadCollection, loadTime, missingFiles } from '../../scripts/eval/collections.js';
import { chunkSentences, splitSentences } from '../../scripts/eval/sentences.js';
import { parseSmart } from '../../scripts/eval/smart-format.js';

/** A folder under test/fixtures/eval, found from the compiled test (`<outDir>/test/eval/*.js`). */
function evalFixture(name: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/eval/${name}`, import.meta.url));
}

describe('collections', () => {
  describe('loadTime', () => {
    const time = loadTime(evalFixture('time-mini'), 0);

    it('reads every *TEXT article, ids from their numbers, including a header with a space for a slash', () => {
      expect(time.articles.map((a) => a.id)).to.deep.equal(['17', '20', '431']);
      expect(time.articles[0].date).to.equal('1963-01-04');
      expect(time.articles[2].date).to.equal('1963-08-30');
    });

    it('joins the line-spaced text into one paragraph when asked for whole articles', () => {
      expect(time.articles[1].paragraphs).to.deep.equal(['BUDDHIST MONKS PROTESTED IN SAIGON . DIEM REFUSED .']);
      expect(time.articles[0].title).to.equal('');
    });

    it('maps TIME.REL positions to article ids and drops positions past the end', () => {
      // "1  1 424": position 1 is *TEXT 017; 424 is past the 3 articles.
      expect([...(time.qrels.get('1') ?? new Map()).keys()]).to.deep.equal(['17']);
      // "2  2 3": positions 2 and 3 are *TEXT 020 and *TEXT 431, not documents "2" and "3".
      expect([...(time.qrels.get('2') ?? new Map()).keys()]).to.deep.equal(['20', '431']);
      // "3  425": nothing left, so the query has no relevant document.
      expect(time.qrels.get('3')?.size).to.equal(0);
    });

    it('reads the queries up to *STOP', () => {
      expect(time.queries).to.deep.equal([
        { id: '1', text: 'NUCLEAR FORCE FOR NATO .' },
        { id: '2', text: 'BUDDHISTS IN SAIGON .' },
      ]);
    });

    it('splits articles into paragraphs of N sentences when asked', () => {
      const chunked = loadTime(evalFixture('time-mini'), 1);
      // "U.S ." does not end a sentence.
      expect(chunked.articles[0].paragraphs).to.deep.equal([
        'THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST PROPOSED A NUCLEAR FORCE .',
        'BUT EUROPE MADE NO ATTEMPT .',
      ]);
    });
  });

  describe('loadCollection ir-cacm', () => {
    const cacm = loadCollection('ir-cacm', evalFixture('cacm-mini'));

    it('keeps .T as the title and .W as the text, ignores the stray final .I', () => {
      expect(cacm.articles).to.deep.equal([
        { id: '1', title: 'Preliminary Report-International Algebraic Language', paragraphs: [] },
        {
          id: '2',
          title: 'Extraction of Roots by Repeated Subtractions for Digital Computers',
          paragraphs: ['A method of extracting roots by repeated subtraction.'],
        },
      ]);
    });

    it('reads the queries from .W only and normalises qrels ids', () => {
      expect(cacm.queries).to.deep.equal([
        { id: '1', text: 'Roots of numbers by subtraction' },
        { id: '2', text: 'algebraic languages' },
      ]);
      expect([...(cacm.qrels.get('2') ?? new Map())]).to.deep.equal([['1', 1], ['2', 1]]);
    });
  });

  describe('loadCollection ir-adi', () => {
    const adi = loadCollection('ir-adi', evalFixture('adi'));

    it('reads the 82 documents, 35 queries and 170 judgements', () => {
      expect(adi.articles).to.have.length(82);
      expect(adi.queries).to.have.length(35);
      const pairs = [...adi.qrels.values()].reduce((n, j) => n + j.size, 0);
      expect(pairs).to.equal(170);
    });

    it('joins a title given twice (document 67)', () => {
      const doc = adi.articles.find((a) => a.id === '67');
      expect(doc?.title).to.equal(
        'a national plan for science abstracting and indexing services . a national plan for science abstracting and indexing services .',
      );
    });
  });

  describe('missingFiles', () => {
    it('names the missing folder or files', () => {
      expect(missingFiles('ir-adi', evalFixture('adi'))).to.equal(undefined);
      expect(missingFiles('ir-adi', evalFixture('no-such-folder'))).to.match(/not found/);
      expect(missingFiles('ir-cacm', evalFixture('adi'))).to.match(/missing cacm\.all, query\.text, qrels\.text/);
    });
  });

  describe('parseSmart', () => {
    it('collects multi-line fields and skips lines outside records', () => {
      const records = parseSmart('junk\n.I 7\n.T\nTwo\nlines\n.W\n  body  \n');
      expect(records).to.have.length(1);
      expect(records[0].id).to.equal('7');
      expect(Object.fromEntries(records[0].fields)).to.deep.equal({ T: 'Two lines', W: 'body' });
    });
  });

  describe('splitSentences', () => {
    it('splits at spaced or unspaced stops, not after initials and abbreviations', () => {
      expect(splitSentences('MR. SMITH WENT TO THE U.S . HE LEFT ! DID HE? yes.')).to.deep.equal([
        'MR. SMITH WENT TO THE U.S . HE LEFT !',
        'DID HE?',
        'yes.',
      ]);
    });
  });

  describe('chunkSentences', () => {
    it('groups N sentences per paragraph, 0 keeping the whole text', () => {
      const text = 'One . Two . Three .';
      expect(chunkSentences(text, 2)).to.deep.equal(['One . Two .', 'Three .']);
      expect(chunkSentences(text, 0)).to.deep.equal([text]);
      expect(chunkSentences('  ', 3)).to.deep.equal([]);
    });
  });
});

import { expect } from 'chai';
import { TermCache, copyLowerAscii, wordHash } from '../../lib/analysis/term-cache.js';

/** A distinct word of letters for every number (its base-26 digits, least significant first). */
function lettersOf(n: number): string {
  let word = '';
  do {
    word += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  } while (n > 0);
  return word;
}

describe('TermCache', () => {
  describe('#get', () => {
    it('finds a word by a range of a text, in any letter case', () => {
      const cache = new TermCache();
      cache.set('missiles', 'missil');
      expect(cache.get('two Missiles fired', 4, 12)).to.equal('missil');
      expect(cache.get('MISSILES', 0, 8)).to.equal('missil');
      expect(cache.get('missile', 0, 7)).to.equal(undefined);
      expect(cache.get('missiless', 0, 9)).to.equal(undefined);
    });

    it('returns stored empty strings (dropped words) as such', () => {
      const cache = new TermCache();
      cache.set('the', '');
      expect(cache.get('The', 0, 3)).to.equal('');
    });
  });

  describe('#set', () => {
    it('keeps every entry, with its tag, while growing', () => {
      const cache = new TermCache(100_000);
      const words = Array.from({ length: 20_000 }, (_, i) => lettersOf(i));
      words.forEach((w, i) => cache.set(w, `term of ${w}`, i));
      expect(cache.size).to.equal(words.length);
      words.forEach((w, i) => {
        expect(cache.get(w.toUpperCase(), 0, w.length)).to.equal(`term of ${w}`);
        const slot = cache.find(w, 0, w.length, wordHash(w, 0, w.length));
        expect(cache.valueAt(slot)).to.equal(`term of ${w}`);
        expect(cache.tagAt(slot)).to.equal(i);
      });
      expect(cache.find('zzzzzz', 0, 6, wordHash('zzzzzz', 0, 6))).to.equal(-1);
    });

    it('empties itself when maxEntries is reached', () => {
      const cache = new TermCache(3);
      cache.set('a', 'A');
      cache.set('b', 'B');
      cache.set('c', 'C');
      expect(cache.size).to.equal(3);
      cache.set('d', 'D');
      expect(cache.size).to.equal(1);
      expect(cache.get('a', 0, 1)).to.equal(undefined);
      expect(cache.get('d', 0, 1)).to.equal('D');
    });
  });

  describe('copyLowerAscii', () => {
    it('lower-cases a range of ASCII letters', () => {
      expect(copyLowerAscii('the MisSiles!', 4, 12)).to.equal('missiles');
    });
  });
});

import { expect } from 'chai';
import { wordHash } from '../../lib/analysis/term-cache.js';
import {
  TOKEN_ACRONYM, TOKEN_APOSTROPHE, TOKEN_COMMA, TOKEN_DIGIT, TOKEN_JOINER, TOKEN_NON_ASCII, TOKEN_NUMBER_PUNCT, TOKEN_UPPER,
  Tokenizer,
} from '../../lib/analysis/tokenizer.js';

/** Every token of `text` as [surface, flags]. */
function scan(text: string): [string, number][] {
  const tokenizer = new Tokenizer();
  tokenizer.reset(text);
  const out: [string, number][] = [];
  while (tokenizer.next()) out.push([text.slice(tokenizer.start, tokenizer.end), tokenizer.flags]);
  return out;
}

describe('Tokenizer', () => {
  describe('#next', () => {
    it('reports plain lower-case ASCII words with no flags', () => {
      expect(scan('north korea')).to.deep.equal([['north', 0], ['korea', 0]]);
    });

    it('reports the word hash of a word of ASCII letters', () => {
      const tokenizer = new Tokenizer();
      const text = 'Missiles, missiles and MISSILES';
      tokenizer.reset(text);
      const hashes: number[] = [];
      while (tokenizer.next()) {
        expect(tokenizer.hash).to.equal(wordHash(text, tokenizer.start, tokenizer.end));
        hashes.push(tokenizer.hash);
      }
      expect(hashes[0]).to.equal(hashes[1]).and.to.equal(hashes[3]).and.not.to.equal(hashes[2]);
    });

    it('flags what the normaliser has to clean up', () => {
      expect(scan("Seoul U.S. 1,000 3.5 don't café G7 infor\u00ADmation Seoul’s")).to.deep.equal([
        ['Seoul', TOKEN_UPPER],
        ['U.S.', TOKEN_ACRONYM],
        ['1,000', TOKEN_DIGIT | TOKEN_COMMA],
        ['3.5', TOKEN_DIGIT | TOKEN_NUMBER_PUNCT],
        ["don't", TOKEN_APOSTROPHE],
        ['café', TOKEN_NON_ASCII],
        ['G7', TOKEN_UPPER | TOKEN_DIGIT],
        ['infor\u00ADmation', TOKEN_JOINER],
        ['Seoul’s', TOKEN_UPPER | TOKEN_APOSTROPHE],
      ]);
    });

    it('can be reset and reused', () => {
      const tokenizer = new Tokenizer();
      tokenizer.reset('one two');
      expect(tokenizer.next()).to.equal(true);
      tokenizer.reset('three');
      expect(tokenizer.next()).to.equal(true);
      expect([tokenizer.start, tokenizer.end]).to.deep.equal([0, 5]);
      expect(tokenizer.next()).to.equal(false);
      expect(tokenizer.next()).to.equal(false);
    });

    it('does not start a token with a combining mark', () => {
      expect(scan('\u0301abc \u0301')).to.deep.equal([['abc', 0]]);
    });
  });
});

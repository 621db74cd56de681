import { expect } from 'chai';
import fc from 'fast-check';
import { toOneLine } from '../../lib/corpus/normalise-text.js';

/** The definition toOneLine had as one regular expression (quadratic on long runs of spaces). */
const byRegex = (text: string): string => text.replace(/[^\S\r\n]*[\r\n]\s*/g, ' ').trim();

describe('toOneLine', () => {
  describe('#join', () => {
    it('turns each line break and the spacing around it into one space, and trims', () => {
      expect(toOneLine('  a  b \r\n\n \t c\rd  ')).to.equal('a  b c d');
      expect(toOneLine(' \n \n ')).to.equal('');
    });

    it('gives what the one-regex definition gave, on any mix of text, spaces and breaks', () => {
      const piece = fc.constantFrom('a', 'b c', ' ', '  ', '\t', '\n', '\r', '\r\n', '\u00a0', '\u2028', '|');
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
          expect(toOneLine(text)).to.equal(byRegex(text));
        }),
        { numRuns: 1000 },
      );
    });
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import { toJsonBytes } from '../../server/json-text.js';

/** The plain computation: JSON.stringify, then each of <, > and & as its \u escape, as UTF-8. */
function oracle(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'utf8');
}

describe('toJsonBytes', () => {
  it('equals stringifying and escaping <, > and & as text, for any JSON value', () => {
    const text = fc.string({ unit: fc.constantFrom('<', '>', '&', 'a', 'é', '…', '😀', '"', '\\', '\u2028', '\n') });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(text, fc.oneof(text, fc.array(text)))), (value) => {
        const bytes = toJsonBytes(value);
        expect(bytes.equals(oracle(value))).to.equal(true);
        expect(bytes.includes('<')).to.equal(false);
        expect(bytes.includes('>')).to.equal(false);
        expect(bytes.includes('&')).to.equal(false);
        expect(JSON.parse(bytes.toString('utf8'))).to.deep.equal(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});

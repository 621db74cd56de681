import { expect } from 'chai';
import fc from 'fast-check';
import { decodeCorpusBytes, findInvalidUtf8 } from '../../lib/corpus/decode-corpus-bytes.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodeCorpusBytes', () => {
  describe('#decode', () => {
    it('strips a BOM and turns CRLF and CR into LF', () => {
      expect(decodeCorpusBytes(bytes(0xef, 0xbb, 0xbf, ...utf8('a\r\nb\rc')))).to.deep.equal({ ok: true, text: 'a\nb\nc' });
    });

    it('reports empty, whitespace-only, binary and invalid UTF-8 input', () => {
      expect(decodeCorpusBytes(bytes())).to.include({ ok: false, code: 'empty' });
      expect(decodeCorpusBytes(utf8(' \r\n\t'))).to.include({ ok: false, code: 'empty' });
      expect(decodeCorpusBytes(utf8('text\u0000more'))).to.include({ ok: false, code: 'binary' });
      expect(decodeCorpusBytes(bytes(0x61, 0x0a, 0x0a, 0xff))).to.include({ ok: false, code: 'invalid_encoding', line: 3 });
    });
  });
});

describe('findInvalidUtf8', () => {
  describe('#find', () => {
    it('finds overlong forms, surrogates, truncated sequences and stray continuation bytes', () => {
      expect(findInvalidUtf8(utf8('plain ascii, é, 한국, 😀'))).to.equal(-1);
      expect(findInvalidUtf8(bytes(0x61, 0xc0, 0xaf))).to.equal(1); // overlong '/'
      expect(findInvalidUtf8(bytes(0xed, 0xa0, 0x80))).to.equal(0); // UTF-16 surrogate D800
      expect(findInvalidUtf8(bytes(0x61, 0x62, 0xe2, 0x82))).to.equal(2); // truncated '€'
      expect(findInvalidUtf8(bytes(0x80))).to.equal(0);
      expect(findInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).to.equal(0); // past U+10FFFF
    });

    it('agrees with a fatal TextDecoder on arbitrary bytes', () => {
      const decoder = new TextDecoder('utf-8', { fatal: true });
      const valid = (input: Uint8Array): boolean => {
        try {
          decoder.decode(input);
          return true;
        } catch {
          return false;
        }
      };
      const mostlyUtf8 = fc.oneof(
        fc.uint8Array({ maxLength: 12 }),
        fc.tuple(fc.string({ unit: 'binary', maxLength: 6 }), fc.uint8Array({ maxLength: 2 }), fc.string({ maxLength: 4 }))
          .map(([a, noise, b]) => Uint8Array.from([...utf8(a), ...noise, ...utf8(b)])),
      );
      fc.assert(
        fc.property(mostlyUtf8, (input) => {
          expect(findInvalidUtf8(input) === -1).to.equal(valid(input));
        }),
        { numRuns: 2000 },
      );
    });
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import { createAnalyzer, type Analyzer } from '../../lib/analysis/analyzer.js';
import type { Token } from '../../lib/types.js';
import { termsOf } from './terms-of.js';

// Characters the tokenizer treats specially, mixed with arbitrary code points and arbitrary
// UTF-16 code units (so unpaired surrogates appear too).
const SPECIAL_CHARS = [
  'a', 'Z', 's', 'S', 'e', '0', '7', ' ', '\n', '-', '\u2010', '\u2013', "'", '\u2019', '\u02bc', '.', ':', ',',
  '\u0301', '\u0308', '\u00ad', '\u200d', '\u200b', 'é', 'ß', 'Æ', 'İ', 'ς', '東', 'が', 'カ', '한', 'ह', 'ि',
  '٣', '😀', '👍🏽', '𠀀', '𝐀', '\ud800', '\udc00', '“', '”', '(', ')',
];
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SPECIAL_CHARS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);
const texts = fc.string({ unit, maxLength: 60 });
// Word-like runs joined by separators: more acronyms, numbers and possessives than random soup.
const wordy = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'U.S.', 'D.C.', '1,000', '3.5', '6:02', "Korea's", 'Seoul’s', 'Koreans’', 'Jong-un', 'F-16', 'G7', 'SLBMs', 'the', 'café',
      ),
      fc.string({ unit: fc.constantFrom('a', 'B', '1', '.', ',', ':', "'", '’', '-', 's', 'é', '\u0301'), maxLength: 6 }),
    ),
    { maxLength: 12 },
  )
  .chain((words) => fc.constantFrom(' ', '-', '', '.', '’').map((sep) => words.join(sep)));
const anyText = fc.oneof(texts, wordy);

function collect(analyzer: Analyzer, text: string): Token[] {
  const tokens: Token[] = [];
  analyzer.forEachToken(text, (term, start, end, position) => tokens.push({ term, start, end, position }));
  return tokens;
}

describe('Analyzer', () => {
  const configurations: [string, Analyzer][] = [
    ['default', createAnalyzer()],
    ['no stop words, no stemming', createAnalyzer({ stopWords: false, stem: false })],
    ['no folding, minTermLength 2', createAnalyzer({ foldDiacritics: false, minTermLength: 2 })],
  ];

  for (const [name, analyzer] of configurations) {
    describe(`properties (${name})`, () => {
      it('#analyze gives in-range, increasing, non-overlapping tokens with increasing positions', () => {
        fc.assert(
          fc.property(anyText, (text) => {
            let lastEnd = 0;
            let lastPosition = -1;
            for (const token of analyzer.analyze(text)) {
              expect(token.start).to.be.at.least(lastEnd);
              expect(token.end).to.be.above(token.start);
              expect(token.end).to.be.at.most(text.length);
              expect(token.position).to.be.above(lastPosition);
              expect(token.term).to.not.equal('');
              lastEnd = token.end;
              lastPosition = token.position;
            }
          }),
          { numRuns: 500 },
        );
      });

      it('#analyze never cuts a surrogate pair and covers a letter or digit', () => {
        fc.assert(
          fc.property(anyText, (text) => {
            for (const { start, end } of analyzer.analyze(text)) {
              const before = text.charCodeAt(start - 1);
              const first = text.charCodeAt(start);
              const last = text.charCodeAt(end - 1);
              const startsInPair = first >= 0xdc00 && first <= 0xdfff && before >= 0xd800 && before <= 0xdbff;
              expect(startsInPair, 'starts in a pair').to.equal(false);
              expect(last >= 0xd800 && last <= 0xdbff && end < text.length, 'ends in a pair').to.equal(false);
              expect(/[\p{L}\p{N}]/u.test(text.slice(start, end))).to.equal(true);
            }
          }),
          { numRuns: 500 },
        );
      });


      it('#forEachToken agrees with #analyze', () => {
        fc.assert(
          fc.property(anyText, (text) => {
            expect(collect(analyzer, text)).to.deep.equal(analyzer.analyze(text));
          }),
          { numRuns: 500 },
        );
      });

      it('#forEachToken gives one ordinal per term: an ordinal always comes with the same term', () => {
        // One analyzer across all runs, so ordinals handed out by earlier texts are checked too.
        const termOf = new Map<number, string>();
        const ordinalOf = new Map<string, number>();
        fc.assert(
          fc.property(anyText, (text) => {
            analyzer.forEachToken(text, (term, _start, _end, _position, ordinal) => {
              if (ordinal < 0) return;
              expect(Number.isInteger(ordinal)).to.equal(true);
              if (!termOf.has(ordinal)) termOf.set(ordinal, term);
              expect(termOf.get(ordinal), `ordinal ${ordinal}`).to.equal(term);
              if (!ordinalOf.has(term)) ordinalOf.set(term, ordinal);
              expect(ordinalOf.get(term), `term ${term}`).to.equal(ordinal);
            });
          }),
          { numRuns: 500 },
        );
        expect(termOf.size, 'ordinals seen').to.be.greaterThan(10);
      });

      // Holds without exception: a token's boundaries never depend on characters outside it
      // (hyphen parts are tokens of their own, acronym dots and possessives are inside the token).
      it('#term of a token\'s surface form is the token\'s term', () => {
        fc.assert(
          fc.property(anyText, (text) => {
            for (const token of analyzer.analyze(text)) {
              const surface = text.slice(token.start, token.end);
              expect(analyzer.term(surface), JSON.stringify(surface)).to.equal(token.term);
            }
          }),
          { numRuns: 500 },
        );
      });
    });
  }

  describe('properties (no stop words, no stemming)', () => {
    const analyzer = createAnalyzer({ stopWords: false, stem: false });

    it('puts every letter and digit of the text inside a token', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const covered = new Uint8Array(text.length);
          for (const { start, end } of analyzer.analyze(text)) covered.fill(1, start, end);
          for (const match of text.matchAll(/[\p{L}\p{N}]/gu)) {
            if (match[0] === '\u02bc') continue; // a letter by category, an apostrophe by use
            expect(covered[match.index], `${JSON.stringify(match[0])} at ${match.index}`).to.equal(1);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('#normalize of a token\'s surface form is its term', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          for (const token of analyzer.analyze(text)) {
            expect(analyzer.normalize(text.slice(token.start, token.end))).to.equal(token.term);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('numbers positions 0, 1, 2 … when nothing is dropped', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const tokens = analyzer.analyze(text);
          expect(tokens.map((t) => t.position)).to.deep.equal(tokens.map((_, i) => i));
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('properties (cache)', () => {
    it('gives the same terms from a fresh analyzer and from one whose cache is full of other words', () => {
      const warm = createAnalyzer();
      termsOf(warm, 'Missiles missile launches talks the Seoul’s KOREA');
      fc.assert(
        fc.property(anyText, (text) => {
          expect(termsOf(warm, text)).to.deep.equal(termsOf(createAnalyzer(), text));
        }),
        { numRuns: 300 },
      );
    });
  });
});

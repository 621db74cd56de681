import { expect } from 'chai';
import fc from 'fast-check';
import type { Range, Snippet } from '../../lib/types.js';
import { createAnalyzer } from '../../lib/analysis/analyzer.js';
import { highlightText, makeSnippet, makeSnippets } from '../../lib/highlight/snippet.js';
import { termsOf } from '../analysis/terms-of.js';

const analyzer = createAnalyzer();

// Words chosen to exercise the hard cases: markup and entities, stems, possessives, hyphens,
// acronyms, non-ASCII and astral characters, and a word longer than short snippets.
const WORDS = [
  'missile', 'Missiles', 'missiles', 'North', 'Korea', "Korea's", 'launch', 'launched', 'Seoul', 'the', 'of', 'and',
  '<script>alert(1)</script>', '<img', 'src=x', 'onerror=alert(1)>', '&amp;', '&', '"quoted"', "'single'",
  'U.S.', 'Mr.', 'Kim', 'Jong-un', 'café', 'Ünïcödé', '😀', '北朝鮮', 'x'.repeat(40), '…', '—', '-', '3.5', '1,000',
];
const SHORT_WORDS = WORDS.filter((w) => w.length <= 12);
const SEPARATORS = [' ', ' ', ' ', ' ', ', ', '. ', '! ', ' - ', '-', '\n', '  ', '\u00a0', '\t', ''];

const TERMS = [...new Set(WORDS.flatMap((w) => termsOf(analyzer, w)))];

function wordyText(words: readonly string[], maxWords: number): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...SEPARATORS)), { maxLength: maxWords })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
}

const anyText = fc.oneof(
  { weight: 4, arbitrary: wordyText(WORDS, 120) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', ' ', '<', '&', '-', '.', 'A'), maxLength: 300 }) },
);
const queryTerms = fc.subarray(TERMS).map((terms) => new Set(terms));

const isWhitespace = (ch: string): boolean => /\s/.test(ch);
const isJoiner = (ch: string): boolean => /[\s\-\u2010\u2011]/.test(ch);

function unescapeHtml(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Checks what holds of any rendered text: ranges, their html, and its escaping. */
function checkRendering(text: string, html: string, matches: readonly Range[]): void {
  let previousEnd = -1;
  for (const r of matches) {
    expect(r.start).to.be.at.least(0);
    expect(r.end).to.be.at.most(text.length);
    expect(r.start).to.be.below(r.end);
    if (previousEnd >= 0) {
      expect(r.start, 'sorted, apart').to.be.above(previousEnd);
      // Merged: the gap must hold something other than whitespace and hyphens.
      expect([...text.slice(previousEnd, r.start)].every(isJoiner), 'unmerged neighbours').to.equal(false);
    }
    expect(isLowSurrogate(text, r.start) || isLowSurrogate(text, r.end), 'splits a character').to.equal(false);
    previousEnd = r.end;
  }
  const unmarked = html.replace(/<\/?mark>/g, '');
  expect(unmarked, 'only mark tags are markup').to.not.match(/[<>]/);
  expect(unescapeHtml(unmarked)).to.equal(text);
  const markedParts = [...html.matchAll(/<mark>([\s\S]*?)<\/mark>/g)].map((m) => unescapeHtml(m[1]));
  expect(markedParts).to.deep.equal(matches.map((r) => text.slice(r.start, r.end)));
}

/** Matched tokens of `paragraph` (term in `terms`) as ranges. */
function matchedTokens(paragraph: string, terms: ReadonlySet<string>): Range[] {
  const out: Range[] = [];
  analyzer.forEachToken(paragraph, (term, start, end) => {
    if (terms.has(term)) out.push({ start, end });
  });
  return out;
}

/**
 * Why `matches` (ranges in `text`) are not exactly the matched tokens of `paragraph` seen through
 * the window at `offset` (where `text[shift]` is `paragraph[offset]`), or undefined when they are.
 */
function mismatch(paragraph: string, tokens: readonly Range[], offset: number, shift: number, length: number, matches: readonly Range[]): string | undefined {
  const inWindow = tokens
    .map((t) => ({ start: Math.max(t.start, offset) - offset + shift, end: Math.min(t.end, offset + length) - offset + shift }))
    .filter((t) => t.start < t.end);
  for (const t of inWindow) {
    if (!matches.some((r) => r.start <= t.start && t.end <= r.end)) return `token ${t.start}-${t.end} unmarked`;
  }
  for (const r of matches) {
    if (!inWindow.some((t) => t.start === r.start)) return `range ${r.start} does not start a token`;
    if (!inWindow.some((t) => t.end === r.end)) return `range ${r.end} does not end a token`;
    for (let i = r.start; i < r.end; i++) {
      const inToken = inWindow.some((t) => t.start <= i && i < t.end);
      if (!inToken && !isJoiner(paragraph[i - shift + offset])) return `range ${r.start}-${r.end} covers a separator`;
    }
  }
  return undefined;
}

/** Checks a snippet against its paragraph; `wordBoundaries` when every word fits in a snippet. */
function checkSnippet(paragraph: string, terms: ReadonlySet<string>, length: number, s: Snippet, wordBoundaries: boolean): void {
  checkRendering(s.text, s.html, s.matches);
  expect(s.text.length).to.be.at.most(Math.max(length, 10));
  const lead = s.text.startsWith('…') && !paragraph.trim().startsWith('…') ? 1 : s.text.startsWith('…') ? -1 : 0;
  const tokens = matchedTokens(paragraph, terms);
  const reasons: string[] = [];
  // The passage may occur more than once in the paragraph (and the paragraph may itself start
  // or end with `…`): accept the snippet if it is right for one reading of where it came from.
  for (const leadLength of lead === -1 ? [0, 1] : [lead]) {
    for (const trailLength of s.text.endsWith('…') ? [0, 1] : [0]) {
      const passage = s.text.slice(leadLength, s.text.length - trailLength);
      for (let o = paragraph.indexOf(passage); o >= 0; o = paragraph.indexOf(passage, o + 1)) {
        const cutBefore = paragraph.slice(0, o).trim() !== '';
        const cutAfter = paragraph.slice(o + passage.length).trim() !== '';
        if (cutBefore !== (leadLength === 1) || cutAfter !== (trailLength === 1)) {
          reasons.push(`${o}: ellipses do not match the cuts`);
          continue;
        }
        if (passage !== passage.trim()) {
          reasons.push(`${o}: passage has untrimmed whitespace`);
          continue;
        }
        if (wordBoundaries && ((cutBefore && !isWhitespace(paragraph[o - 1])) || (cutAfter && !isWhitespace(paragraph[o + passage.length])))) {
          reasons.push(`${o}: cut inside a word`);
          continue;
        }
        const why = mismatch(paragraph, tokens, o, leadLength, passage.length, s.matches);
        if (why === undefined) return;
        reasons.push(`${o}: ${why}`);
      }
    }
  }
  expect.fail(`no reading of ${JSON.stringify(s.text)} fits the paragraph: ${reasons.join('; ') || 'passage not found'}`);
}

describe('makeSnippet (properties)', () => {
  it('gives in-bounds, sorted, merged ranges; html that un-marks and un-escapes to text; only marks as markup', () => {
    fc.assert(
      fc.property(anyText, queryTerms, fc.integer({ min: 1, max: 300 }), (paragraph, terms, length) => {
        const s = makeSnippet(paragraph, terms, analyzer, { paragraph: 7, length });
        if (matchedTokens(paragraph, terms).length === 0) {
          expect(s).to.equal(undefined);
          return;
        }
        expect(s).to.not.equal(undefined);
        expect((s as Snippet).paragraph).to.equal(7);
        checkSnippet(paragraph, terms, length, s as Snippet, false);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts only at word boundaries when every word fits in the snippet', () => {
    fc.assert(
      fc.property(wordyText(SHORT_WORDS, 150), queryTerms, fc.integer({ min: 40, max: 300 }), (paragraph, terms, length) => {
        const s = makeSnippet(paragraph, terms, analyzer, { paragraph: 0, length });
        if (s !== undefined) checkSnippet(paragraph, terms, length, s, true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('highlightText (properties)', () => {
  it('marks exactly the matched tokens of the whole text, escaped first', () => {
    fc.assert(
      fc.property(anyText, queryTerms, (text, terms) => {
        const { html, matches } = highlightText(text, terms, analyzer);
        checkRendering(text, html, matches);
        expect(mismatch(text, matchedTokens(text, terms), 0, 0, text.length, matches)).to.equal(undefined);
      }),
      { numRuns: 300 },
    );
  });
});

describe('makeSnippets (properties)', () => {
  it('returns at most count snippets from distinct candidate paragraphs in document order, or the fallback', () => {
    const paragraphsArb = fc.array(wordyText(WORDS, 40), { minLength: 0, maxLength: 6 });
    fc.assert(
      fc.property(paragraphsArb, fc.array(fc.integer({ min: -1, max: 7 }), { maxLength: 8 }), queryTerms, fc.integer({ min: 0, max: 4 }), (paragraphs, candidates, terms, count) => {
        const snippets = makeSnippets(paragraphs, candidates, terms, analyzer, { count, length: 80 });
        expect(snippets.length).to.be.at.most(count);
        const order = snippets.map((s) => s.paragraph);
        expect(order).to.deep.equal([...new Set(order)].sort((a, b) => a - b));
        const matching = candidates.filter((p) => p >= 0 && p < paragraphs.length && matchedTokens(paragraphs[p], terms).length > 0);
        if (count > 0 && matching.length === 0 && paragraphs.some((p) => p.trim() !== '')) {
          expect(snippets).to.have.length(1);
          expect(snippets[0].matches).to.deep.equal([]);
          expect(snippets[0].paragraph).to.equal(paragraphs.findIndex((p) => p.trim() !== ''));
          checkRendering(snippets[0].text, snippets[0].html, []);
          return;
        }
        const best = [...new Set(matching)].slice(0, count).sort((a, b) => a - b);
        expect(order).to.deep.equal(best);
        for (const s of snippets) {
          expect(s).to.deep.equal(makeSnippet(paragraphs[s.paragraph], terms, analyzer, { paragraph: s.paragraph, length: 80 }));
        }
      }),
      { numRuns: 300 },
    );
  });
});

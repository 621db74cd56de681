import { expect } from 'chai';
import fc from 'fast-check';
import { createAnalyzer } from '../../lib/analysis/analyzer.js';
import { InvertedIndex } from '../../lib/index/inverted-index.js';
import type { Article } from '../../lib/types.js';
import { checkIndex } from './check-positions.js';

// A small vocabulary, stop words and punctuation included, so terms repeat within a paragraph
// and stop words leave gaps in the positions.
const WORD = fc.constantFrom('north', 'korea', 'Korean', 'missile', 'missiles', 'the', 'of', 'bank', 'England', 'oil',
  'price', 'prices', '1987', 'U.S.', '-', '!!', 'a', 'and', 'Zürich', 'talks');
const TEXT = fc.array(WORD, { maxLength: 30 }).map((ws) => ws.join(' '));
const ARTICLE = fc.record({ title: TEXT, paragraphs: fc.array(TEXT, { maxLength: 5 }) });

describe('InvertedIndex positions and character offsets', () => {
  it('stores each paragraph posting\'s and title\'s positions (a tiny example)', () => {
    const analyzer = createAnalyzer();
    const ix = new InvertedIndex(analyzer);
    ix.addDocument({ id: 'a', title: 'Bank of England raises the bank rate', paragraphs: ['The Bank of England said', 'bank, bank and bank'] });
    ix.seal();
    const bank = ix.dict.get('bank');
    const england = ix.dict.get('england');
    // Paragraph 0: "The Bank of England said" → bank at 1, england at 3 (stop words keep their slots).
    let i = ix.para.lowerBound(bank, 0);
    expect(Array.from(ix.para.positions.subarray(ix.para.posStart(i), ix.para.posEnd(i)))).to.deep.equal([1]);
    i = ix.para.lowerBound(england, 0);
    expect(Array.from(ix.para.positions.subarray(ix.para.posStart(i), ix.para.posEnd(i)))).to.deep.equal([3]);
    // Paragraph 1: "bank, bank and bank" → 0, 1, 3.
    i = ix.para.lowerBound(bank, 1);
    expect(ix.para.ids[i]).to.equal(1);
    expect(Array.from(ix.para.positions.subarray(ix.para.posStart(i), ix.para.posEnd(i)))).to.deep.equal([0, 1, 3]);
    // Title: "Bank of England raises the bank rate" → bank at 0 and 5.
    i = ix.art.lowerBound(bank, 0);
    expect(Array.from(ix.art.positions.subarray(ix.art.posStart(i), ix.art.posEnd(i)))).to.deep.equal([0, 5]);
    // "said" is only in the body: its article posting has no title positions.
    i = ix.art.lowerBound(ix.dict.get('said'), 0);
    expect(ix.art.posEnd(i)).to.equal(ix.art.posStart(i));
  });

  it('reads back the analyzer\'s positions, after incremental seals, removals and a state round trip', () => {
    fc.assert(
      fc.property(fc.array(ARTICLE, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 4 }), fc.nat(), (drafts, removals, sealEvery) => {
        const analyzer = createAnalyzer();
        const ix = new InvertedIndex(analyzer);
        const docs: (Article | undefined)[] = [];
        drafts.forEach((draft, k) => {
          const a: Article = { id: `a${k}`, ...draft };
          docs[ix.addDocument(a)] = a;
          // Seal at varying points, so sealed and pending postings get merged.
          if (sealEvery % 3 !== 0 && k % ((sealEvery % 3) + 1) === 0) ix.seal();
        });
        for (const r of removals) {
          const d = r % docs.length;
          const a = docs[d];
          if (a) ix.removeDocument(d, a);
          docs[d] = undefined;
        }
        ix.seal();
        checkIndex(ix, analyzer, docs);
        const copy = new InvertedIndex(analyzer);
        copy.importState(ix.exportState());
        checkIndex(copy, analyzer, docs);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps positions beyond 65,535 (a very long paragraph) exact', () => {
    const analyzer = createAnalyzer();
    const ix = new InvertedIndex(analyzer);
    const text = `${'word '.repeat(70_000)}missile`;
    ix.addDocument({ id: 'long', title: 'missile', paragraphs: [text] });
    ix.seal();
    const i = ix.para.lowerBound(ix.dict.get('missil'), 0);
    expect(Array.from(ix.para.positions.subarray(ix.para.posStart(i), ix.para.posEnd(i)))).to.deep.equal([70_000]);
    expect(Array.from(ix.para.charStarts.subarray(ix.para.posStart(i), ix.para.posEnd(i)))).to.deep.equal([text.indexOf('missile')]);
  });

  it('stores character starts in 16 bits while every text is shorter than 65,536 units, wider after', () => {
    const analyzer = createAnalyzer();
    const ix = new InvertedIndex(analyzer);
    ix.addDocument({ id: 'short', title: 'Oil prices', paragraphs: ['Oil prices rose.'] });
    ix.seal();
    expect(ix.para.charStarts).to.be.instanceOf(Uint16Array);
    expect(ix.art.charStarts).to.be.instanceOf(Uint16Array);
    // Few tokens but a long text: the offset, not the position, needs the wide type.
    const text = `${' '.repeat(70_000)}oil`;
    ix.addDocument({ id: 'wide', title: 'oil', paragraphs: [text] });
    ix.seal();
    expect(ix.para.charStarts).to.be.instanceOf(Int32Array);
    expect(ix.para.positions).to.be.instanceOf(Uint16Array);
    const oil = ix.dict.get('oil');
    const i = ix.para.postingOf(oil, 1);
    expect(Array.from(ix.para.charStarts.subarray(ix.para.posStart(i), ix.para.posEnd(i)))).to.deep.equal([70_000]);
    // The short paragraph's offsets survive the widening.
    const j = ix.para.postingOf(oil, 0);
    expect(Array.from(ix.para.charStarts.subarray(ix.para.posStart(j), ix.para.posEnd(j)))).to.deep.equal([0]);
    expect(ix.para.postingOf(oil, 2)).to.equal(-1);
  });
});

import { expect } from 'chai';
import type { Article } from '../../lib/types.js';
import { analyze } from '../../scripts/eval/english-analyzer.js';
import { bm25Idf, bm25TermScore, ReferenceBm25 } from '../../scripts/eval/reference-bm25.js';

const article = (id: string, text: string): Article => ({ id, title: '', paragraphs: [text] });
const DOCS = [
  article('d1', 'apple banana apple'), // 3 terms
  article('d2', 'banana cherry'), // 2 terms
  article('d3', 'cherry date elderberry fig'), // 4 terms; avgdl = 9 / 3 = 3
];

describe('ReferenceBm25', () => {
  describe('analyze', () => {
    it('splits on non-alphanumerics, lower-cases, drops Lucene stop words and Porter-stems', () => {
      expect(analyze("The U.S. missiles aren't in the Fleet's hands")).to.deep.equal(
        ['u', 's', 'missil', 'aren', 't', 'fleet', 's', 'hand'],
      );
    });
  });

  describe('bm25TermScore', () => {
    it('matches a hand computation', () => {
      // idf = ln(1 + (3 − 1 + 0.5) / (1 + 0.5)) = ln(2.6667) = 0.9808293
      const idf = bm25Idf(3, 1);
      expect(idf).to.be.closeTo(0.9808293, 1e-6);
      // tf 2, dl 3 = avgdl, k1 1.2, b 0.75: 0.9808293 · 2 · 2.2 / (2 + 1.2 · 1) = 0.9808293 · 1.375 = 1.3486402
      expect(bm25TermScore(2, 3, 3, idf, { k1: 1.2, b: 0.75 })).to.be.closeTo(1.3486402, 1e-6);
    });
  });

  describe('#search', () => {
    const engine = new ReferenceBm25({ k1: 1.2, b: 0.75 });
    engine.build(DOCS);

    it('ranks the documents with the query terms, best first', () => {
      // "banana cherry": d2 has both, d1 one banana (tf 1, shorter than d3), d3 one cherry.
      expect(engine.search('banana cherry', 10)).to.deep.equal(['d2', 'd1', 'd3']);
      expect(engine.search('apples', 10)).to.deep.equal(['d1']);
    });

    it('returns at most k ids and nothing for stop words only', () => {
      expect(engine.search('banana cherry', 1)).to.deep.equal(['d2']);
      expect(engine.search('the of and', 10)).to.deep.equal([]);
    });
  });
});

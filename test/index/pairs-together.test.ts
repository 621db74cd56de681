/**
 * Where two terms stand together: the per-document check (`pairTogetherIn`, for the pruned
 * top-k's exact scores) and the walk over a term pair (`forEachPairTogether`, for the exhaustive
 * path) against the analysed text itself.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createAnalyzer } from '../../lib/analysis/analyzer.js';
import { InvertedIndex } from '../../lib/index/inverted-index.js';
import { forEachPairTogether, pairTogetherIn, paragraphMasks } from '../../lib/index/pairs-together.js';

const WORD = fc.constantFrom('north', 'korea', 'missile', 'the', 'of', 'bank', 'england', 'oil', 'price', 'talks');
const TEXT = fc.array(WORD, { maxLength: 20 }).map((ws) => ws.join(' '));
// Up to 12 paragraphs, so that paragraph masks (a bit per paragraph number mod 8) alias too.
const ARTICLE = fc.record({ title: TEXT, paragraphs: fc.array(TEXT, { maxLength: 12 }) });
const TERMS = ['north', 'korea', 'missil', 'bank', 'england', 'oil', 'price', 'talk'];

describe('pairs together', () => {
  it('finds b after a within the distance in one title or paragraph, per document and per pair walk', () => {
    const analyzer = createAnalyzer();
    fc.assert(fc.property(fc.array(ARTICLE, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (articles, dist) => {
      const ix = new InvertedIndex(analyzer);
      articles.forEach((a, i) => ix.addDocument({ id: `d${i}`, ...a }));
      ix.seal();
      const masks = paragraphMasks(ix);
      const together = (text: string, a: string, b: string): boolean => {
        const toks = analyzer.analyze(text);
        return toks.some((x) => x.term === a && toks.some((y) => y.term === b && y.position - x.position >= 1 && y.position - x.position <= dist));
      };
      for (const a of TERMS) {
        for (const b of TERMS) {
          const ta = ix.dict.get(a);
          const tb = ix.dict.get(b);
          if (a === b || ta < 0 || tb < 0) continue;
          const walked = new Set<number>();
          forEachPairTogether(ix, ta, tb, dist, () => true, undefined, (d) => walked.add(d));
          const walkedWithMasks: number[] = [];
          forEachPairTogether(ix, ta, tb, dist, () => true, masks, (d) => walkedWithMasks.push(d));
          expect(walkedWithMasks, `${a} ${b} with paragraph masks`).to.deep.equal([...walked]);
          articles.forEach((art, d) => {
            const want = [art.title, ...art.paragraphs].some((t) => together(t, a, b));
            expect(pairTogetherIn(ix, ta, tb, d, dist), `${a} ${b} in d${d}`).to.equal(want);
            expect(walked.has(d), `${a} ${b} walked d${d}`).to.equal(want);
          });
        }
      }
    }), { numRuns: 60 });
  });
});

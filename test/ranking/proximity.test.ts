import { expect } from 'chai';
import fc from 'fast-check';
import { createSearchIndex, type Article, type RankingOptions } from '../../lib/index.js';
import { idf, resolveRanking } from '../../lib/ranking/bm25.js';
import { pairWeight, proximityBonus, queryPairs, standsTogether } from '../../lib/ranking/proximity.js';
import { referenceScores } from '../search/reference-scorer.js';
import { rng, syntheticCorpus, WORDS } from '../search/synthetic-corpus.js';

describe('proximity', () => {
  describe('#queryPairs', () => {
    it('pairs consecutive tokens with their query distance, stop-word slots included', () => {
      // "bank of england rate": bank 0, england 2, rate 3 (of is a stop word, its slot kept).
      const tokens = [{ term: 'bank', position: 0 }, { term: 'england', position: 2 }, { term: 'rate', position: 3 }];
      expect(queryPairs(tokens)).to.deep.equal([{ a: 'bank', b: 'england', gap: 2 }, { a: 'england', b: 'rate', gap: 1 }]);
    });
    it('skips a word next to itself and lists a repeated pair once', () => {
      const t = (term: string, position: number) => ({ term, position });
      expect(queryPairs([t('korea', 0), t('korea', 1), t('talks', 2), t('korea', 3), t('talks', 4)])).to.deep.equal([
        { a: 'korea', b: 'talks', gap: 1 },
        { a: 'talks', b: 'korea', gap: 1 },
      ]);
    });
  });

  describe('#standsTogether', () => {
    it('finds b 1 … maxDistance positions after a, in order only', () => {
      expect(standsTogether([3], 0, 1, [4], 0, 1, 1)).to.equal(true);
      expect(standsTogether([3], 0, 1, [5], 0, 1, 1)).to.equal(false);
      expect(standsTogether([3], 0, 1, [5], 0, 1, 2)).to.equal(true);
      expect(standsTogether([4], 0, 1, [3], 0, 1, 5)).to.equal(false); // b before a
      expect(standsTogether([4], 0, 1, [4], 0, 1, 5)).to.equal(false);
    });
    it('equals a check of every pair of positions', () => {
      const sorted = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 12 }).map((xs) => xs.sort((x, y) => x - y));
      fc.assert(
        fc.property(sorted, sorted, fc.integer({ min: 1, max: 6 }), (a, b, dist) => {
          const expected = a.some((p) => b.some((q) => q - p >= 1 && q - p <= dist));
          expect(standsTogether(a, 0, a.length, b, 0, b.length, dist)).to.equal(expected);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('#proximityBonus', () => {
    it('adds weight × the rarer word\'s idf per pair found', () => {
      expect([pairWeight(2, 3), pairWeight(5, 1.5)]).to.deep.equal([2, 1.5]);
      expect(proximityBonus(2, 0.5)).to.equal(1);
      expect(proximityBonus(2 + 1.5, 0.5)).to.equal(1.75);
      expect(proximityBonus(0, 0.5)).to.equal(0);
    });
  });

  describe('in the engine', () => {
    const scattered: Article = {
      id: 'scattered', title: 'Results',
      paragraphs: ['The bank reported results for England and the bank said so.', 'In England the weather was fine.'],
    };
    const named: Article = { id: 'named', title: 'Rates', paragraphs: ['The Bank of England kept its rate.'] };
    const filler = Array.from({ length: 30 }, (_, i): Article => ({ id: `f${i}`, title: `Note ${i}`, paragraphs: [`Weather note ${i}.`] }));

    it('puts the article holding the name first when the words are typed without quotes', () => {
      const off = createSearchIndex({ ranking: { proximityWeight: 0 } });
      const on = createSearchIndex({ ranking: { proximityWeight: 1 } });
      for (const ix of [off, on]) ix.addAll([scattered, named, ...filler]);
      // Without proximity the article with more of both words wins.
      expect(off.search('bank of england').hits[0].id).to.equal('scattered');
      expect(on.search('bank of england').hits[0].id).to.equal('named');
      // By hand: N = 32, both words in 2 articles: the bonus is 1 × idf(32, 2).
      const gain = on.search('bank of england').hits.find((h) => h.id === 'named')!.score -
        off.search('bank of england').hits.find((h) => h.id === 'named')!.score;
      expect(gain).to.be.closeTo(idf(32, 2), 1e-5);
      // "england bank" is in the other order in `named`: no bonus there.
      const gain2 = on.search('england bank').hits.find((h) => h.id === 'named')!.score -
        off.search('england bank').hits.find((h) => h.id === 'named')!.score;
      expect(gain2).to.be.closeTo(0, 1e-9);
    });

    it('rejects a fractional proximitySlack', () => {
      expect(() => resolveRanking({ proximitySlack: 1.5 })).to.throw(RangeError, /proximitySlack/);
    });

    // The bounded top-k and the exhaustive path against the plain reference, proximity included.
    const settings: RankingOptions[] = [{ proximityWeight: 0.5 }, { proximityWeight: 2, proximitySlack: 2 }];
    const corpus = syntheticCorpus(200, 13);
    const sample = (rand: () => number): string[] =>
      Array.from({ length: 20 }, () =>
        Array.from({ length: 2 + Math.floor(rand() * 3) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' '),
      );
    for (const ranking of settings) {
      it(`ranks exactly like the reference with ${JSON.stringify(ranking)}, top 10 and deep, with removals`, () => {
        const ix = createSearchIndex({ ranking });
        ix.addAll(corpus);
        const removed = new Set(corpus.filter((_, i) => i % 9 === 4).map((a) => a.id));
        for (const id of removed) ix.remove(id);
        const kept = corpus.filter((a) => !removed.has(a.id));
        let withBonus = 0;
        for (const q of ['north korea missile', 'the bank rate', 'oil price', ...sample(rng(17))]) {
          if (ix.analyzer.analyze(q).length === 0) continue;
          const ref = referenceScores(kept, q, ix.analyzer, ix.ranking);
          const plain = referenceScores(kept, q, ix.analyzer, resolveRanking({ ...ranking, proximityWeight: 0 }));
          for (const [id, s] of ref) if (s > (plain.get(id) as number) + 1e-9) withBonus++;
          const expected = [...ref.values()].sort((a, b) => b - a);
          const top = ix.search(q, { limit: 10, snippets: 0 });
          expect(top.total, q).to.equal(expected.length);
          top.hits.forEach((h, i) => expect(h.score, q).to.be.closeTo(expected[i], 1e-5));
          const deep = ix.search(q, { limit: 1000, snippets: 0 });
          for (const h of deep.hits) expect(h.score, q).to.be.closeTo(ref.get(h.id) as number, 1e-5);
        }
        // The check is not vacuous: many articles did get a proximity bonus.
        expect(withBonus).to.be.greaterThan(30);
      });
    }
  });
});

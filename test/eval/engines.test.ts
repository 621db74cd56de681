import { expect } from 'chai';
import type { Article } from '../../lib/types.js';
import type { EvalEngine } from '../../scripts/eval/engine.js';
import { createLedesearchEngine } from '../../scripts/eval/ledesearch-engine.js';
import {
  createFlexSearchEngine,
  createLunrEngine,
  createMiniSearchEngine,
  createOramaEngine,
} from '../../scripts/eval/peers.js';
import { ReferenceBm25 } from '../../scripts/eval/reference-bm25.js';

const ARTICLES: Article[] = [
  { id: 'a', title: 'Harvest report', paragraphs: ['Wheat and barley prices fell.', 'Farmers were worried.'] },
  { id: 'b', title: 'Missile talks', paragraphs: ['The Polaris missiles were offered to Britain.'] },
  { id: 'c', title: 'Weather', paragraphs: ['Rain fell across the north.'] },
];

const ENGINES: Array<() => EvalEngine> = [
  () => createLedesearchEngine(),
  () => new ReferenceBm25({ k1: 0.9, b: 0.4 }),
  createMiniSearchEngine,
  createLunrEngine,
  createOramaEngine,
  createFlexSearchEngine,
];

describe('evaluation engines', () => {
  for (const make of ENGINES) {
    const engine = make();
    describe(engine.name, () => {
      before(async () => {
        await engine.build(ARTICLES);
      });

      it('finds an article by a stemmed body word and by a title word', async () => {
        // "missile" only matches "missiles" through stemming.
        expect((await engine.search('missile', 10))[0]).to.equal('b');
        expect((await engine.search('harvest', 10))[0]).to.equal('a');
      });

      it('matches any term', async () => {
        const ids = await engine.search('barley: (rain)', 10);
        expect(ids).to.include.members(['a', 'c']);
        expect(ids).to.not.include('b');
      });

      it('does not throw on query-syntax characters', async () => {
        // lunr's own query parser would throw on several of these.
        const ids = await engine.search('+rain* ~weather^2 -x title:y "polaris', 10);
        expect(ids).to.be.an('array');
        expect(ids).to.not.include('a');
      });

      it('returns at most k ids', async () => {
        expect(await engine.search('fell', 1)).to.have.length(1);
      });
    });
  }
});

import { expect } from 'chai';
import { createAnalyzer, createSearchIndex, type Article } from '../../lib/index.js';
import { adjacentShare, holdsAdjacent } from '../../scripts/eval/news-proximity.js';

describe('news proximity check', () => {
  const analyzer = createAnalyzer();
  const art = (id: string, title: string, ...paragraphs: string[]): Article => ({ id, title, paragraphs });

  describe('#holdsAdjacent', () => {
    it('finds a name as a phrase in the title or one paragraph, stop-word slots kept', () => {
      expect(holdsAdjacent(art('a', 'Rates', 'The Bank of England said'), 'bank of england', analyzer)).to.equal(true);
      expect(holdsAdjacent(art('b', 'BANK OF ENGLAND ACTS', 'Nothing.'), 'bank of england', analyzer)).to.equal(true);
    });
    it('rejects the words apart, reversed, or split across paragraphs', () => {
      expect(holdsAdjacent(art('c', 'Rates', 'The bank and then England said'), 'bank of england', analyzer)).to.equal(false);
      expect(holdsAdjacent(art('d', 'Rates', 'England bank'), 'bank of england', analyzer)).to.equal(false);
      expect(holdsAdjacent(art('e', 'Rates', 'north', 'korea talks'), 'north korea', analyzer)).to.equal(false);
      expect(holdsAdjacent(art('f', 'Rates', 'talks in North Korea'), 'north korea', analyzer)).to.equal(true);
    });
  });

  describe('#adjacentShare', () => {
    it('is the share of the top hits holding the name', () => {
      const ix = createSearchIndex({ ranking: { proximityWeight: 0 } });
      ix.addAll([art('in', 'North Korea talks', 'x'), art('apart', 'North and south', 'Korea talks'), art('none', 'Weather', 'fine')]);
      expect(adjacentShare(ix, 'north korea')).to.deep.equal({ share: 0.5, hits: 2 });
      expect(adjacentShare(ix, 'zebra')).to.deep.equal({ share: 0, hits: 0 });
    });
  });
});

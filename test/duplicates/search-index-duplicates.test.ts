import { expect } from 'chai';
import { createSearchIndex, NotFoundError, snapshotFromBytes, snapshotToBytes, type Article } from '../../lib/index.js';

const SAUDI = [
  'Saudi Arabia will keep its crude oil output within the OPEC quota of 4.133 mln barrels per day, oil minister Hisham Nazer said on Tuesday.',
  'He told reporters in Riyadh that the kingdom was committed to the December pact and would not sell below official prices.',
  'Nazer said the market had strengthened since the start of the year and he expected prices to stay near 18 dlrs a barrel.',
  'Industry sources said Saudi production averaged about 3.5 mln bpd in February, well under the quota.',
];
const articles: Article[] = [
  { id: 'saudi', title: 'SAUDI TO KEEP OUTPUT WITHIN OPEC QUOTA', date: '1987-03-03', topics: ['crude'], paragraphs: SAUDI },
  {
    id: 'saudi-copy', title: 'Riyadh pledges OPEC discipline', date: '1987-03-04', topics: ['crude'],
    paragraphs: [`(Reuters) - ${SAUDI[0]}`, SAUDI[1].replace('reporters', 'journalists'), SAUDI[2]],
  },
  {
    id: 'kuwait', title: 'KUWAIT OIL OUTPUT ABOVE OPEC QUOTA', date: '1987-03-05', topics: ['crude'],
    paragraphs: [
      'Kuwait raised its crude oil output above its OPEC quota in February, oil industry sources said.',
      'Production averaged 1.2 mln barrels per day against a quota of 948,000 bpd set in the December pact.',
      'Analysts expected prices near 18 dlrs a barrel to test OPEC before its June meeting.',
    ],
  },
  {
    id: 'opec-june', title: 'OPEC MINISTERS TO MEET IN JUNE ON QUOTA', date: '1987-05-20', topics: ['crude'],
    paragraphs: ['OPEC oil ministers will meet in Vienna in June to review the quota pact and official prices, a spokesman said.'],
  },
  {
    id: 'wheat', title: 'EGYPT BUYS U.S. WHEAT', date: '1987-03-03', topics: ['grain'],
    paragraphs: ['Egypt bought 200,000 tonnes of U.S. wheat under the export enhancement program, the USDA said.', 'Delivery is set for April.'],
  },
];
const MLT = { minDocFreq: 1, maxDocFreqRatio: 0.7 };

describe('SearchIndex duplicates and related stories', () => {
  describe('#duplicatesOf', () => {
    it('lists the other copies of a story, [] for an article alone', () => {
      const ix = createSearchIndex();
      ix.addAll(articles);
      expect(ix.duplicatesOf('saudi')).to.deep.equal(['saudi-copy']);
      expect(ix.duplicatesOf('saudi-copy')).to.deep.equal(['saudi']);
      expect(ix.duplicatesOf('kuwait')).to.deep.equal([]);
    });

    it('follows removal and re-adding', () => {
      const ix = createSearchIndex();
      ix.addAll(articles);
      ix.remove('saudi-copy');
      expect(ix.duplicatesOf('saudi')).to.deep.equal([]);
      ix.add(articles[1]);
      expect(ix.duplicatesOf('saudi')).to.deep.equal(['saudi-copy']);
    });

    it('throws NotFoundError for an unknown id, and finds nothing when turned off', () => {
      const ix = createSearchIndex({ duplicates: false });
      ix.addAll(articles);
      expect(ix.duplicatesOf('saudi')).to.deep.equal([]);
      expect(() => ix.duplicatesOf('nope')).to.throw(NotFoundError, /"nope"/);
    });

    it('survives a snapshot, and an article added after the load joins its group', () => {
      const ix = createSearchIndex();
      ix.addAll(articles.filter((a) => a.id !== 'saudi-copy'));
      const back = snapshotFromBytes(snapshotToBytes(ix));
      back.add(articles[1]);
      expect(back.duplicatesOf('saudi')).to.deep.equal(['saudi-copy']);
      const again = snapshotFromBytes(snapshotToBytes(back));
      expect(again.duplicatesOf('saudi-copy')).to.deep.equal(['saudi']);
    });
  });

  describe('#similar', () => {
    it('finds stories on the same subject, the article and its copies left out', () => {
      const ix = createSearchIndex();
      ix.addAll(articles);
      const r = ix.similar('saudi', { moreLikeThis: MLT });
      const ids = r.hits.map((h) => h.id);
      expect(ids).to.not.include('saudi');
      expect(ids).to.not.include('saudi-copy');
      expect(ids[0]).to.equal('kuwait');
      expect(ids).to.not.include('wheat');
      expect(r.total).to.equal(ids.length);
    });

    it('pages after leaving the article out, and honours filters and a date window', () => {
      const ix = createSearchIndex();
      ix.addAll(articles);
      const all = ix.similar('saudi', { moreLikeThis: MLT }).hits.map((h) => h.id);
      expect(ix.similar('saudi', { moreLikeThis: MLT, offset: 1, limit: 1 }).hits.map((h) => h.id)).to.deep.equal(all.slice(1, 2));
      const near = ix.similar('saudi', { moreLikeThis: MLT, withinDays: 7 }).hits.map((h) => h.id);
      expect(near).to.include('kuwait');
      expect(near).to.not.include('opec-june');
      expect(ix.similar('saudi', { moreLikeThis: MLT, filters: { topics: ['grain'] } }).total).to.equal(0);
    });

    it('answers nothing when no term is distinctive enough, and rejects bad ids and options', () => {
      const ix = createSearchIndex();
      ix.addAll(articles);
      // Default minDocFreq 5: no term of this five-article index qualifies.
      expect(ix.similar('saudi')).to.include({ total: 0 });
      expect(() => ix.similar('nope')).to.throw(NotFoundError);
      expect(() => ix.similar('saudi', { withinDays: -1 })).to.throw(/withinDays/);
      expect(() => ix.similar('saudi', { moreLikeThis: MLT, limit: -1 })).to.throw(/limit/);
    });
  });
});

/**
 * The facts about the fixture archive that the browser tests count on, checked against the
 * library, so a change to the fixture (or to analysis) fails here, plainly, first.
 */
import { expect } from 'chai';
import { createSearchIndex, type SearchIndex } from '../../lib/index.js';
import { fixtureArticles, IMG_TEXT, MALICIOUS_ID, SCRIPT_TEXT } from './fixture-corpus.js';

describe('browser test fixture archive', () => {
  let index: SearchIndex;
  before(() => {
    index = createSearchIndex();
    index.addAll(fixtureArticles());
  });

  it('has twelve articles over January to June 2020', () => {
    const r = index.search('', { dateHistogram: true, limit: 0 });
    expect(r.total).to.equal(12);
    expect(r.dateHistogram?.map((b) => b.value)).to.deep.equal(['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06']);
  });

  it('finds "oil" in five articles, none in March or May', () => {
    const r = index.search('oil', { dateHistogram: true, facets: ['topics'] });
    expect(r.total).to.equal(5);
    expect(r.dateHistogram).to.deep.include.members([
      { value: '2020-01', count: 1 }, { value: '2020-02', count: 2 }, { value: '2020-04', count: 1 }, { value: '2020-06', count: 1 },
    ]);
    expect(r.dateHistogram?.filter((b) => b.count > 0).map((b) => b.value)).to.not.include.members(['2020-03', '2020-05']);
    expect(r.facets.topics).to.deep.include.members([{ value: 'shipping', count: 1 }, { value: 'earnings', count: 1 }]);
  });

  it('suggests "oil" for "oill"', () => {
    const r = index.search('oill');
    expect(r.total).to.equal(0);
    expect(r.didYouMean).to.equal('oil');
  });

  it('has one article carrying markup in its title and text', () => {
    const a = index.get(MALICIOUS_ID);
    expect(a?.title).to.contain(IMG_TEXT);
    expect(a?.paragraphs.join('\n')).to.contain(SCRIPT_TEXT);
  });
});

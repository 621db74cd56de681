/**
 * Issue 13, "The query path": stop-word prefixes expand, unsearchable queries say so, wrong
 * argument types give SearchError, and the documented limits on a query's size hold.
 */
import { expect } from 'chai';
import {
  createSearchIndex, InvalidQueryError, loadCorpus, loadSnapshot, MAX_PREFIX_EXPANSIONS, MAX_QUERY_CLAUSES, MAX_QUERY_EXPANSIONS,
  saveSnapshot, SearchError, snapshotFromBytes, type SearchIndex,
} from '../../lib/index.js';
import { syntheticCorpus } from './synthetic-corpus.js';

/** Calls `fn` with arguments of any type, as a JavaScript caller could. */
function callLoosely(target: object, fn: unknown, ...args: unknown[]): unknown {
  return Reflect.apply(fn as (...a: unknown[]) => unknown, target, args);
}

function expectSearchError(f: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'should throw').to.be.instanceOf(SearchError);
  expect((thrown as SearchError).code).to.equal(code);
}

async function expectRejects(p: () => Promise<unknown>, code: string): Promise<void> {
  let thrown: unknown;
  try {
    await p();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'should reject').to.be.instanceOf(SearchError);
  expect((thrown as SearchError).code).to.equal(code);
}

describe('the query path (issue 13)', () => {
  let index: SearchIndex;
  before(() => {
    index = createSearchIndex();
    index.addAll(syntheticCorpus(200, 3));
    index.add({ id: 'form', title: 'Formal talks', paragraphs: ['The foreign ministers met in Seoul for talks.'] });
  });

  describe('prefixes that are stop words', () => {
    it('expands for* like any other prefix, and oil for* differs from oil', () => {
      const r = index.search('for*', { limit: 50 });
      expect(r.total).to.equal(1);
      expect(r.hits[0].id).to.equal('form');
      expect(r.hits[0].score).to.be.greaterThan(0);
      expect(index.search('oil for*').total).to.equal(index.search('oil').total + 1);
    });
  });

  describe('unsearchable queries', () => {
    for (const q of ['the', '!!!', '🙂', '-', 'the of and', '"the"']) {
      it(`says nothing in ${JSON.stringify(q)} could be searched`, () => {
        const r = index.search(q, { facets: ['category'], dateHistogram: true });
        expect(r).to.deep.include({ total: 0, hits: [], unsearchable: true, interpretedAs: '' });
        expect(r.facets).to.deep.equal({ category: [] });
        expect(r.dateHistogram).to.deep.equal([]);
      });
    }
    it('still browses a blank query, without interpretedAs', () => {
      const r = index.search('  ');
      expect(r.total).to.equal(index.size);
      expect(r).not.to.have.property('unsearchable');
      expect(r).not.to.have.property('interpretedAs');
    });
    it('gives interpretedAs for every other query', () => {
      expect(index.search('korea AND  seoul').interpretedAs).to.equal('korea AND seoul');
    });
  });

  describe('arguments of the wrong type', () => {
    const bad: [string, unknown[]][] = [
      ['search', [42]], ['search', [null]], ['search', [{}]], ['search', ['x', 'opts']],
      ['add', [null]], ['add', ['x']], ['addAll', [null]], ['addAll', [42]],
      ['remove', [1]], ['get', [undefined]], ['has', [{}]],
      ['facetValues', ['category']], ['facetValues', [['category'], -1]],
      ['suggest', [null]], ['suggest', ['ko', 'ten']], ['highlightArticle', [1, 'x']], ['highlightArticle', ['syn-1', 7]],
    ];
    for (const [method, args] of bad) {
      it(`${method}(${args.map((a) => JSON.stringify(a) ?? 'undefined').join(', ')}) throws a SearchError`, () => {
        let thrown: unknown;
        try {
          callLoosely(index, Reflect.get(index, method), ...args);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).to.be.instanceOf(SearchError);
      });
    }
    it('refuses ranking options out of range with SearchError, not RangeError', () => {
      expectSearchError(() => createSearchIndex({ ranking: { k1: -1 } }), 'invalid_argument');
      expectSearchError(() => createSearchIndex({ ranking: { b: 2 } }), 'invalid_argument');
      expectSearchError(() => createSearchIndex({ analyzer: { minTermLength: 0 } }), 'invalid_argument');
      expectSearchError(() => callLoosely({}, createSearchIndex, 'x'), 'invalid_argument');
    });
    it('checks the arguments of the corpus and snapshot functions', async () => {
      await expectRejects(() => callLoosely({}, loadCorpus, 42) as Promise<unknown>, 'invalid_argument');
      await expectRejects(() => callLoosely({}, loadCorpus, '.', { concurrency: 0 }) as Promise<unknown>, 'invalid_argument');
      await expectRejects(() => callLoosely({}, loadSnapshot, null) as Promise<unknown>, 'invalid_argument');
      await expectRejects(() => callLoosely({}, saveSnapshot, index, 7) as Promise<unknown>, 'invalid_argument');
      await expectRejects(() => callLoosely({}, saveSnapshot, {}, 'x.snap') as Promise<unknown>, 'invalid_argument');
      expectSearchError(() => callLoosely({}, snapshotFromBytes, 'bytes'), 'invalid_argument');
    });
  });

  describe('limits', () => {
    let wide: SearchIndex;
    before(() => {
      wide = createSearchIndex();
      // Five nested prefixes of 300 distinct words: each expands to MAX_PREFIX_EXPANSIONS.
      const words = Array.from({ length: 300 }, (_, i) => `alpha${i.toString(36)}x`);
      wide.addAll(words.map((w, i) => ({ id: `w${i}`, title: w, paragraphs: [`${w} beta`] })));
    });

    it(`accepts ${MAX_QUERY_CLAUSES} words and refuses one more with query_too_complex`, () => {
      const words = Array.from({ length: MAX_QUERY_CLAUSES + 1 }, (_, i) => `w${i}`);
      expect(() => index.search(words.slice(0, MAX_QUERY_CLAUSES).join(' '))).not.to.throw();
      let thrown: unknown;
      try {
        index.search(words.join(' '));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).to.be.instanceOf(InvalidQueryError);
      expect((thrown as SearchError).code).to.equal('query_too_complex');
    });

    it(`caps each prefix at ${MAX_PREFIX_EXPANSIONS} expansions and a query's at ${MAX_QUERY_EXPANSIONS}`, () => {
      expect(wide.search('alpha*', { limit: 1000 }).total).to.equal(MAX_PREFIX_EXPANSIONS);
      const fits = ['alpha*', 'alph*', 'alp*', 'al*'].slice(0, Math.floor(MAX_QUERY_EXPANSIONS / MAX_PREFIX_EXPANSIONS));
      expect(() => wide.search(fits.join(' '))).not.to.throw();
      expectSearchError(() => wide.search([...fits, 'a*'].join(' ')), 'query_too_complex');
    });
  });
});

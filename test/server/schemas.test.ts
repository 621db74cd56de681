import { expect } from 'chai';
import { FACET_FIELDS } from '../../lib/index.js';
import { HttpError } from '../../server/http-error.js';
import { SCHEMA_BASE, SCHEMA_NAMES } from '../../server/schemas.js';
import { parseSearchParams, splitListParameters, toSearchOptions } from '../../server/search-params.js';
import { schemas } from './helpers.js';

describe('schemas', () => {
  it('gives every schema an $id under the common base', () => {
    for (const name of SCHEMA_NAMES) {
      expect(schemas.documents.get(name)?.$id).to.equal(`${SCHEMA_BASE}${name}.schema.json`);
    }
  });

  it('knows the same facet fields as the library', () => {
    const common = schemas.documents.get('common') as { $defs: { facetField: { enum: string[] } } };
    expect(common.$defs.facetField.enum).to.deep.equal([...FACET_FIELDS]);
    const props = Object.keys((schemas.documents.get('search-request') as { properties: object }).properties);
    for (const field of FACET_FIELDS) expect(props, field).to.include(field);
  });

  it('accepts the interpreted query and the unsearchable flag of a search result (issue 10)', () => {
    const base = { query: 'the', total: 0, totalExact: true, tookMs: 0, hits: [], facets: {} };
    expect(schemas.checkResponse('search-response', { ...base, interpretedAs: 'the', unsearchable: true })).to.deep.equal([]);
    expect(schemas.checkResponse('search-response', { ...base, query: '"north korea', interpretedAs: '"north korea"' })).to.deep.equal([]);
    expect(schemas.checkResponse('search-response', { ...base, interpretedAs: 3 })).to.not.deep.equal([]);
    expect(schemas.checkResponse('search-response', { ...base, unsearchable: 'yes' })).to.not.deep.equal([]);
  });

  it('rejects a response that breaks its schema', () => {
    expect(schemas.checkResponse('search-response', { query: 'x', total: -1, totalExact: true, tookMs: 0, hits: [], facets: {} })).to.not.deep.equal([]);
    expect(schemas.checkResponse('search-response', { query: 'x', total: 1, tookMs: 0, hits: [], facets: {} }), 'totalExact is required').to.not.deep.equal([]);
    expect(schemas.checkResponse('error', { error: 'x', code: 'internal', stack: 'at …' })).to.not.deep.equal([]);
  });
});

describe('search parameters', () => {
  it('fills in defaults and coerces query-string text', () => {
    const p = parseSearchParams(schemas, { q: 'korea', limit: '5', category: 'Korea' });
    expect(p).to.deep.include({ q: 'korea', limit: 5, offset: 0, sort: 'relevance', snippets: 3, match: 'any', category: ['Korea'] });
  });

  it('splits comma-separated lists and drops empty items', () => {
    expect(splitListParameters({ facets: ['category,places', 'topics'], q: 'a,b' })).to.deep.equal({
      facets: ['category', 'places', 'topics'],
      q: 'a,b',
    });
    expect(splitListParameters({ facets: '' })).to.deep.equal({ facets: [] });
  });

  it('maps parameters to the library options', () => {
    const { query, options } = toSearchOptions(
      parseSearchParams(schemas, { q: 'oil', places: ['usa', 'uk'], from: '2019-01-01', to: '2019-12-31', histogram: '1', sort: 'date' }),
    );
    expect(query).to.equal('oil');
    expect(options).to.deep.include({ dateFrom: '2019-01-01', dateTo: '2019-12-31', dateHistogram: true, sort: 'date', limit: 10 });
    expect(options.filters).to.deep.equal({ places: ['usa', 'uk'] });
    // Facets are counted only when asked for; `*` asks for every field.
    expect(options.facets).to.deep.equal([]);
    expect(toSearchOptions(parseSearchParams(schemas, { q: 'oil', facets: '*' })).options.facets).to.deep.equal([...FACET_FIELDS]);
    expect(toSearchOptions(parseSearchParams(schemas, { q: 'oil', facets: 'places,*' })).options.facets).to.deep.equal([...FACET_FIELDS]);
    expect(toSearchOptions(parseSearchParams(schemas, { q: 'oil', facets: 'places' })).options.facets).to.deep.equal(['places']);
  });

  it('throws a 400 HttpError listing every bad parameter', () => {
    try {
      parseSearchParams(schemas, { limit: '1000', sort: 'x', colour: 'red' });
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(HttpError);
      const e = error as HttpError;
      expect(e.status).to.equal(400);
      expect(e.details?.map((d) => d.parameter).sort()).to.deep.equal(['colour', 'limit', 'sort']);
    }
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import {
  DEFAULT_SCHEMA, FACET_FIELDS, MAX_DECLARED_FIELDS, resolveSchema, sameSchema, SearchError,
} from '../../lib/index.js';

/** The SearchError `fn` throws (fails when it throws nothing or something else). */
function schemaError(fn: () => unknown): SearchError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(SearchError);
    expect((e as SearchError).code).to.equal('invalid_schema');
    return e as SearchError;
  }
  throw new Error('expected an invalid_schema error');
}

const NEWSROOM = {
  fields: {
    section: { type: 'keyword' },
    tags: { type: 'keyword', multiple: true },
    wordCount: { type: 'number', buckets: [{ to: 300 }, { from: 300, to: 800 }, { from: 800 }] },
    updated: { type: 'date' },
    standfirst: { type: 'text', weight: 2 },
    imageUrl: { type: 'stored' },
  },
  drop: ['exchanges', 'people'],
};

describe('resolveSchema', () => {
  it('gives the default schema for no definition: today\'s facet fields, nothing declared', () => {
    for (const s of [resolveSchema(), resolveSchema(undefined), resolveSchema({}), resolveSchema({ fields: {}, drop: [] })]) {
      expect(s.facetFields).to.deep.equal([...FACET_FIELDS]);
      expect(s.fields).to.have.length(0);
      expect(s.isDefault).to.equal(true);
      expect(sameSchema(s, DEFAULT_SCHEMA)).to.equal(true);
      expect(s.fingerprint).to.equal(DEFAULT_SCHEMA.fingerprint);
    }
  });

  it('lists declared fields by kind, fills defaults, applies drop', () => {
    const s = resolveSchema(NEWSROOM);
    expect(s.keywordFields.map((f) => f.name)).to.deep.equal(['section', 'tags']);
    expect(s.numberFields.map((f) => f.name)).to.deep.equal(['wordCount']);
    expect(s.dateFields.map((f) => f.name)).to.deep.equal(['updated']);
    expect(s.textFields.map((f) => f.name)).to.deep.equal(['standfirst']);
    expect(s.storedFields.map((f) => f.name)).to.deep.equal(['imageUrl']);
    expect(s.facetFields).to.deep.equal([...FACET_FIELDS.filter((f) => f !== 'exchanges' && f !== 'people'), 'section', 'tags']);
    expect(s.byName.get('tags')?.multiple).to.equal(true);
    expect(s.byName.get('section')?.multiple).to.equal(false);
    expect(s.byName.get('standfirst')?.weight).to.equal(2);
    // returned: every kind but text by default
    expect(s.returnedFields.map((f) => f.name)).to.deep.equal(['section', 'tags', 'wordCount', 'updated', 'imageUrl']);
    expect(s.byName.get('wordCount')?.buckets).to.deep.equal([{ to: 300 }, { from: 300, to: 800 }, { from: 800 }]);
    expect([...s.dropped].sort()).to.deep.equal(['exchanges', 'people']);
    expect(s.isDefault).to.equal(false);
  });

  it('round-trips through its definition (what a snapshot stores) to an equal schema', () => {
    const s = resolveSchema(NEWSROOM);
    const again = resolveSchema(JSON.parse(JSON.stringify(s.definition)));
    expect(sameSchema(s, again)).to.equal(true);
    expect(again.fingerprint).to.equal(s.fingerprint);
  });

  it('fingerprints ignore field order and spelled-out defaults, but see every real difference', () => {
    const a = resolveSchema({ fields: { a: { type: 'keyword' }, b: { type: 'number' } } });
    const b = resolveSchema({ fields: { b: { type: 'number', returned: true }, a: { type: 'keyword', multiple: false } } });
    expect(a.fingerprint).to.equal(b.fingerprint);
    expect(sameSchema(a, b)).to.equal(true);
    const variants = [
      { fields: { a: { type: 'keyword', multiple: true }, b: { type: 'number' } } },
      { fields: { a: { type: 'keyword' }, b: { type: 'date' } } },
      { fields: { a: { type: 'keyword' }, b: { type: 'number', returned: false } } },
      { fields: { a: { type: 'keyword' }, b: { type: 'number' } }, drop: ['url'] },
      { fields: { a: { type: 'keyword' } } },
    ];
    for (const v of variants) {
      const r = resolveSchema(v);
      expect(sameSchema(a, r), JSON.stringify(v)).to.equal(false);
      expect(r.fingerprint, JSON.stringify(v)).to.not.equal(a.fingerprint);
    }
  });

  describe('rejects, naming the field and the problem', () => {
    const cases: [string, unknown, RegExp][] = [
      ['not an object', 'fields', /must be an object/],
      ['an array', [], /must be an object/],
      ['unknown top-level property', { field: {} }, /unknown property "field"/],
      ['fields not an object', { fields: [] }, /fields must be an object/],
      ['unknown type', { fields: { section: { type: 'keywords' } } }, /"section".*type "keywords"/],
      ['missing type', { fields: { section: {} } }, /"section".*type undefined/],
      ['spec not an object', { fields: { section: 'keyword' } }, /"section" must be an object/],
      ['unknown property', { fields: { tags: { type: 'keyword', mutliple: true } } }, /"tags".*unknown property "mutliple"/],
      ['property of another kind', { fields: { n: { type: 'number', weight: 2 } } }, /"n".*unknown property "weight"/],
      ['name starting with a digit', { fields: { '1st': { type: 'keyword' } } }, /"1st" must start with a letter/],
      ['name with a dash', { fields: { 'word-count': { type: 'number' } } }, /"word-count"/],
      ['empty name', { fields: { '': { type: 'number' } } }, /field name ""/],
      ['a too long name', { fields: { ['a'.repeat(65)]: { type: 'number' } } }, /longer than 64/],
      ['a default name', { fields: { title: { type: 'text' } } }, /"title" has a default or reserved name/],
      ['a default facet name', { fields: { topics: { type: 'keyword' } } }, /"topics" has a default or reserved name/],
      ['a reserved name', { fields: { score: { type: 'number' } } }, /"score" has a default or reserved name/],
      ['the query tree\'s unscoped name', { fields: { any: { type: 'text' } } }, /"any" has a default or reserved name/],
      ['an HTTP parameter name', { fields: { limit: { type: 'number' } } }, /"limit"/],
      ['an Object.prototype name', { fields: { constructor: { type: 'keyword' } } }, /"constructor"/],
      ['weight 0', { fields: { s: { type: 'text', weight: 0 } } }, /"s".*weight must be a number above 0/],
      ['negative weight', { fields: { s: { type: 'text', weight: -1 } } }, /"s".*weight/],
      ['infinite weight', { fields: { s: { type: 'text', weight: Infinity } } }, /"s".*weight/],
      ['NaN weight', { fields: { s: { type: 'text', weight: NaN } } }, /"s".*weight/],
      ['string weight', { fields: { s: { type: 'text', weight: '2' } } }, /"s".*weight/],
      ['returned not boolean', { fields: { s: { type: 'stored', returned: 'yes' } } }, /"s".*returned must be true or false/],
      ['multiple not boolean', { fields: { s: { type: 'keyword', multiple: 1 } } }, /"s".*multiple/],
      ['empty label', { fields: { s: { type: 'keyword', label: ' ' } } }, /"s".*label/],
      ['buckets not a list', { fields: { n: { type: 'number', buckets: { from: 1 } } } }, /"n".*buckets must be a list/],
      ['bucket from ≥ to', { fields: { n: { type: 'number', buckets: [{ from: 800, to: 300 }] } } }, /"n".*buckets\[0\] has from 800 not below to 300/],
      ['bucket from = to', { fields: { n: { type: 'number', buckets: [{ from: 3, to: 3 }] } } }, /"n".*not below/],
      ['bucket bound not a number', { fields: { n: { type: 'number', buckets: [{ from: 'low' }] } } }, /"n".*buckets\[0\]\.from must be a finite number/],
      ['bucket bound NaN', { fields: { n: { type: 'number', buckets: [{ to: NaN }] } } }, /"n".*buckets\[0\]\.to/],
      ['empty bucket', { fields: { n: { type: 'number', buckets: [{}] } } }, /"n".*needs from or to/],
      ['bucket with another key', { fields: { n: { type: 'number', buckets: [{ from: 1, label: 'x' }] } } }, /unknown property "label"/],
      ['too many buckets', { fields: { n: { type: 'number', buckets: Array.from({ length: 101 }, (_, i) => ({ from: i })) } } }, /more than the limit of 100/],
      ['drop not a list', { drop: 'people' }, /drop must be a list/],
      ['drop of an unknown name', { drop: ['peple'] }, /drop names "peple"/],
      ['drop of the title', { drop: ['title'] }, /drop names "title"/],
      ['drop of the date', { drop: ['date'] }, /drop names "date"/],
    ];
    for (const [what, definition, message] of cases) {
      it(what, () => {
        expect(schemaError(() => resolveSchema(definition)).message).to.match(message);
      });
    }

    it(`more than ${MAX_DECLARED_FIELDS} fields`, () => {
      const fields = Object.fromEntries(Array.from({ length: MAX_DECLARED_FIELDS + 1 }, (_, i) => [`f${i}`, { type: 'keyword' }]));
      expect(schemaError(() => resolveSchema({ fields })).message).to.match(/65 declared fields, more than the limit of 64/);
      delete fields[`f${MAX_DECLARED_FIELDS}`];
      expect(resolveSchema({ fields }).fields).to.have.length(MAX_DECLARED_FIELDS);
    });

    it('puts the field name in details', () => {
      expect(schemaError(() => resolveSchema({ fields: { s: { type: 'text', weight: 0 } } })).details).to.deep.equal({ field: 's' });
    });
  });

  it('never throws anything but invalid_schema on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      try {
        resolveSchema(v);
      } catch (e) {
        return e instanceof SearchError && e.code === 'invalid_schema';
      }
      return true;
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.record({ type: fc.constantFrom('keyword', 'number', 'date', 'text', 'stored', 'x'), weight: fc.oneof(fc.double(), fc.string()) }, { requiredKeys: ['type'] })), (fields) => {
      try {
        resolveSchema({ fields });
      } catch (e) {
        return e instanceof SearchError && e.code === 'invalid_schema';
      }
      return true;
    }), { numRuns: 300 });
  });
});

/**
 * `field:` scope for declared text fields (issue 11): `standfirst:word`, `standfirst:"a phrase"`,
 * `standfirst:pre*` match only in that field, unscoped clauses also in every field text, and the
 * engine's match sets equal the reference evaluation's (test/query/reference-matcher.ts, sets
 * computed from the analysed texts), on an index with removed articles.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createSearchIndex, type SearchIndex, type SchemaDefinition } from '../../lib/index.js';
import { parseQueryString } from '../../lib/query/parse-query-string.js';
import { printQuery } from '../../lib/query/print-query.js';
import { rng } from '../search/synthetic-corpus.js';
import { FIELD_ONLY_WORDS, TEXT_FIELD_SCHEMA, textFieldCorpus } from '../search/text-field-corpus.js';
import { itMatchesExamples, refDocs, referenceCheck, type RefDoc } from './reference-matcher.js';

const TEXT_FIELDS = ['standfirst', 'byline'];
const all = textFieldCorpus(400, 17);
const removed = new Set(all.filter((_, i) => i % 9 === 4).map((a) => a.id));
const live = all.filter((a) => !removed.has(a.id));
let index: SearchIndex<SchemaDefinition>;
let docs: RefDoc[];

const parse = (q: string): ReturnType<typeof parseQueryString> =>
  parseQueryString(q, index.analyzer, (name) => index.schema.facetFields.includes(name), TEXT_FIELDS);

const check = referenceCheck(() => ({ index, docs }), (q) => parse(q).root);

describe('text field scope in the query language', () => {
  before(() => {
    index = createSearchIndex({ schema: TEXT_FIELD_SCHEMA });
    index.addAll(all);
    for (const id of removed) index.remove(id);
    docs = refDocs(live, index.analyzer, TEXT_FIELDS);
  });

  const examples: [string, string][] = [
    ['a scoped word', 'standfirst:korea'],
    ['a word only in text fields, unscoped', 'zephyr'],
    ['a scoped phrase', 'standfirst:"north korea"'],
    ['an unscoped phrase (found in field texts too)', '"zephyr korea" OR "quorum oil"'],
    ['a scoped prefix', 'standfirst:mis*'],
    ['a scoped phrase with a prefix', 'byline:"north kor*"'],
    ['scopes in OR', 'byline:korea OR title:korea OR standfirst:halcyon'],
    ['a scoped exclusion', 'korea -standfirst:korea'],
    ['a scoped word with a filter', 'standfirst:oil section:World'],
    ['NEAR inside one field', 'standfirst:korea NEAR/3 standfirst:missile'],
    ['NEAR of a scoped and an unscoped word', 'standfirst:zephyr NEAR/4 oil'],
    ['SAME in one field', 'SAME(standfirst:korea, oil)'],
    ['a field name in capitals', 'Standfirst:korea'],
    ['AND across fields', 'standfirst:oil AND byline:korea'],
  ];
  itMatchesExamples(examples, check);

  it('matches nothing for a clause whose items are scoped to two different fields', () => {
    expect(check('standfirst:korea NEAR/5 title:korea')).to.deep.equal([]);
    expect(check('SAME(standfirst:oil, byline:oil)')).to.deep.equal([]);
  });

  it('finds a scoped word only where the field holds it', () => {
    const inStandfirst = check('standfirst:zephyr');
    const inByline = check('byline:zephyr');
    const anywhere = check('zephyr');
    expect(inStandfirst.length).to.be.greaterThan(0);
    expect(inByline.length).to.be.greaterThan(0);
    expect(anywhere).to.deep.equal([...new Set([...inStandfirst, ...inByline])].sort());
    for (const id of inStandfirst) {
      const a = index.get(id);
      expect(String(a?.fields?.standfirst).toLowerCase(), id).to.include('zephyr');
    }
  });

  it('reads a word before a colon that is not a field as text', () => {
    const r = index.search('nosuchfield:korea', { limit: 1 });
    expect(r.interpretedAs).not.to.match(/^nosuchfield:/);
  });

  it('prints scoped clauses in interpretedAs, which parse back to the same tree', () => {
    for (const [q, printed] of [
      ['standfirst:korea', 'standfirst:korea'],
      ['Standfirst:"north korea"', 'standfirst:"north korea"'],
      ['byline:mis*', 'byline:mis*'],
      ['oil -standfirst:gold', 'oil -standfirst:gold'],
    ]) {
      const r = index.search(q, { limit: 1 });
      expect(r.interpretedAs, q).to.equal(printed);
      expect(parse(printed).root, q).to.deep.equal(parse(q).root);
    }
  });

  it('random scoped trees match what the reference matches, and print back to the same tree', () => {
    const word = fc.constantFrom('korea', 'north', 'missile', 'oil', 'gold', 'seoul', 'the', ...FIELD_ONLY_WORDS);
    const scope = fc.constantFrom('', 'title:', 'standfirst:', 'byline:');
    const leaf = fc.oneof(
      fc.tuple(scope, word).map(([s, w]) => `${s}${w}`),
      fc.tuple(scope, word).map(([s, w]) => `${s}${w.slice(0, 3)}*`),
      fc.tuple(scope, fc.array(word, { minLength: 2, maxLength: 3 })).map(([s, ws]) => `${s}"${ws.join(' ')}"`),
      fc.tuple(scope, word, fc.integer({ min: 1, max: 6 }), scope, word).map(([s1, a, n, s2, b]) => `${s1}${a} NEAR/${n} ${s2}${b}`),
    );
    const tree = fc.tuple(leaf, fc.constantFrom(' AND ', ' OR ', ' ', ' -'), leaf).map(([a, op, b]) => `(${a}${op}${b})`);
    fc.assert(fc.property(fc.oneof(leaf, tree), fc.boolean(), (q, matchAll) => {
      check(q, matchAll);
      const { root } = parse(q);
      if (root !== null) expect(parse(printQuery(root)).root, q).to.deep.equal(root);
    }), { numRuns: 300 });
  });

  it('random phrases drawn from standfirsts find their article when scoped to it, and exactly the reference set', () => {
    const rand = rng(23);
    let found = 0;
    for (let n = 0; n < 150; n++) {
      const a = all[Math.floor(rand() * all.length)];
      const text = a.fields?.standfirst;
      if (typeof text !== 'string') continue;
      const words = text.split(' ');
      const len = 2 + Math.floor(rand() * 3);
      const start = Math.floor(rand() * Math.max(1, words.length - len + 1));
      const q = `standfirst:"${words.slice(start, start + len).join(' ')}"`;
      const ids = check(q);
      if (parse(q).root !== null) {
        expect(ids.includes(a.id), `${q} in ${a.id}`).to.equal(!removed.has(a.id));
        found++;
      }
    }
    expect(found).to.be.greaterThan(50);
  });
});

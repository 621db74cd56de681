import { expect } from 'chai';
import fc from 'fast-check';
import { createAnalyzer } from '../../lib/index.js';
import { parseQueryString } from '../../lib/query/parse-query-string.js';
import type { QueryNode } from '../../lib/query/query-node.js';

const analyzer = createAnalyzer();
const parse = (q: string) => parseQueryString(q, analyzer);
const term = (text: string, t = text, field: 'any' | 'title' = 'any'): QueryNode => ({ kind: 'term', field, text, term: t });

describe('parseQueryString', () => {
  describe('words side by side', () => {
    it('keeps a bag of words as optional clauses of one juxt node', () => {
      expect(parse('oil prices').root).to.deep.equal({
        kind: 'bool', op: 'juxt', must: [], should: [term('oil'), term('prices', 'price')], mustNot: [], filter: [],
      });
    });
    it('turns -word into an exclusion and +word into a requirement', () => {
      const root = parse('oil -gas +opec').root;
      expect(root).to.deep.include({ should: [term('oil')], must: [term('opec')], mustNot: [term('gas', 'ga')] });
    });
    it('reads a query of only exclusions as "everything except"', () => {
      expect(parse('-gas').root).to.deep.equal({ kind: 'bool', op: 'and', must: [], should: [], mustNot: [term('gas', 'ga')], filter: [] });
    });
    it('keeps the words of a hyphenated word side by side separate, and makes it a phrase with a sign', () => {
      expect(parse('time-sharing systems').root).to.deep.include({ should: [term('time'), term('sharing', 'share'), term('systems', 'system')] });
      expect(parse('-time-sharing').interpretedAs).to.equal('NOT "time-sharing"');
      expect(parse('title:US-North').root).to.deep.include({ kind: 'phrase', field: 'title', terms: ['us', 'north'] });
    });
    it('keeps a dash followed by a space as text, not an exclusion', () => {
      expect(parse('oil - gas').interpretedAs).to.equal('oil gas');
    });
  });

  describe('operators', () => {
    it('binds NOT tighter than AND, and AND tighter than OR', () => {
      expect(parse('a1 OR b1 AND NOT c1').interpretedAs).to.equal('a1 OR (b1 AND NOT c1)');
    });
    it('groups with parentheses', () => {
      const root = parse('(opec OR cartel) AND price').root;
      expect(root).to.deep.include({ op: 'and' });
      expect(parse('(opec OR cartel) AND price').interpretedAs).to.equal('(opec OR cartel) AND price');
    });
    it('treats lower-case and/or/not as words', () => {
      expect(parse('bread or butter').interpretedAs).to.equal('bread butter');
    });
    it('drops dangling operators and closes an unclosed parenthesis', () => {
      expect(parse('AND oil OR').interpretedAs).to.equal('oil');
      expect(parse('(oil OR gas').interpretedAs).to.equal('oil OR gas');
      expect(parse('oil) gas').interpretedAs).to.equal('oil gas');
    });
  });

  describe('phrases', () => {
    it('keeps the slot of a stop word', () => {
      expect(parse('"bank of england"').root).to.deep.equal({
        kind: 'phrase', field: 'any', text: 'bank of england', terms: ['bank', null, 'england'], prefix: null,
      });
    });
    it('closes an unclosed quote at the end', () => {
      expect(parse('"north korea').interpretedAs).to.equal('"north korea"');
    });
    it('takes a prefix on the last word', () => {
      expect(parse('"north kor*"').root).to.deep.include({ terms: ['north'], prefix: 'kor' });
    });
    it('makes a one-word phrase a term', () => {
      expect(parse('"Korea"').root).to.deep.equal(term('Korea', 'korea'));
    });
  });

  describe('fields', () => {
    it('scopes title: to the title', () => {
      expect(parse('title:oil').root).to.deep.equal(term('oil', 'oil', 'title'));
    });
    it('makes facet fields filter clauses, quoted values included', () => {
      expect(parse('oil topics:crude category:"north america"').root).to.deep.include({
        filter: [{ kind: 'field', field: 'topics', value: 'crude' }, { kind: 'field', field: 'category', value: 'north america' }],
      });
    });
    it('keeps an unknown word: as ordinary text', () => {
      expect(parse('re: talks').interpretedAs).to.equal('re talks');
      expect(parse('6:02').root).to.deep.equal(term('6:02'));
      expect(parse('U.S.').root).to.deep.equal(term('U.S.', 'us'));
    });
  });

  describe('prefixes, NEAR and SAME', () => {
    it('expands a prefix that is a stop word like any other', () => {
      expect(parse('for*').root).to.deep.equal({ kind: 'prefix', field: 'any', prefix: 'for' });
    });
    it('reads NEAR/n between two positional clauses', () => {
      expect(parse('"north korea" NEAR/5 missile').root).to.deep.include({ kind: 'near', distance: 5 });
    });
    it('reads SAME( with items split at commas', () => {
      const root = parse('SAME(oil, "crude price", gas*)').root;
      expect(root).to.have.property('kind', 'same');
      expect(root).to.have.nested.property('items.length', 3);
    });
  });

  describe('nothing searchable', () => {
    for (const q of ['', 'the', '!!!', '-', '🙂', 'AND OR NOT', '()']) {
      it(`gives a null root for ${JSON.stringify(q)}`, () => {
        expect(parse(q)).to.deep.equal({ root: null, interpretedAs: '' });
      });
    }
  });

  describe('properties', () => {
    const pieces = fc.constantFrom(
      'oil', 'gas', 'North', 'korea', 'the', 'of', 'AND', 'OR', 'NOT', '(', ')', '"', '-', '+', '*', 'title:', 'topics:',
      'category:', 're:', 'NEAR/3', 'SAME(', ',', ' ', 'U.S.', '6:02', 'US-North', 'kor*', 'for*', ':', '/', 'é', '🙂',
    );
    const queries = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 20 }).map((xs) => xs.join('')), fc.array(pieces, { maxLength: 20 }).map((xs) => xs.join(' ')));

    it('never throws, whatever the string', () => {
      fc.assert(fc.property(fc.oneof(queries, fc.string({ unit: 'binary' })), (q) => {
        parse(q);
      }), { numRuns: 2000 });
    });

    it('parses interpretedAs back to the same tree', () => {
      fc.assert(fc.property(queries, (q) => {
        const first = parse(q);
        const again = parse(first.interpretedAs);
        expect(again.root).to.deep.equal(first.root);
        expect(again.interpretedAs).to.equal(first.interpretedAs);
      }), { numRuns: 2000 });
    });
  });
});

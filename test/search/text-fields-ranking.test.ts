/**
 * Declared text fields in BM25F (issue 11): the engine's scores against the reference scorer
 * (test/search/reference-scorer.ts, BM25F computed from the analysed texts with the text fields
 * as further fields), for random queries on random articles with a standfirst (weight 2) and a
 * byline (weight 0.5), fresh, after removals and after a snapshot round trip.
 */
import { expect } from 'chai';
import {
  createSearchIndex, snapshotFromBytes, snapshotToBytes, type Article, type SearchIndex, type SchemaDefinition,
} from '../../lib/index.js';
import { fieldOccurrenceWeight, idf, saturate } from '../../lib/ranking/bm25.js';
import { termsOf } from '../analysis/terms-of.js';
import { referenceScores } from './reference-scorer.js';
import { WORDS, rng, syntheticCorpus } from './synthetic-corpus.js';
import { FIELD_ONLY_WORDS, TEXT_FIELDS, TEXT_FIELD_SCHEMA, textFieldCorpus } from './text-field-corpus.js';

function randomQueries(seed: number, count: number): string[] {
  const rand = rng(seed);
  const words = [...WORDS, ...FIELD_ONLY_WORDS, ...FIELD_ONLY_WORDS];
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(rand() * 4) }, () => words[Math.floor(rand() * words.length)]).join(' '),
  );
}

/** Every hit of `q` (ids and scores) against the reference, and the bounded top 10 against its best 10. */
function expectReferenceScores(ix: SearchIndex<SchemaDefinition>, articles: Article[], q: string): number {
  if (termsOf(ix.analyzer, q).length === 0) return 0; // only stop words: that browses, it does not rank
  const expected = referenceScores(articles, q, ix.analyzer, ix.ranking, TEXT_FIELDS);
  const res = ix.search(q, { limit: 1000, snippets: 0, highlight: false });
  expect(res.total, q).to.equal(expected.size);
  expect(new Set(res.hits.map((h) => h.id)), q).to.deep.equal(new Set(expected.keys()));
  for (const hit of res.hits) expect(hit.score, `${q}: ${hit.id}`).to.be.closeTo(expected.get(hit.id) as number, 1e-5);
  const best = [...expected.values()].sort((a, b) => b - a).slice(0, 10);
  const top = ix.search(q, { limit: 10, snippets: 0, highlight: false }).hits;
  expect(top.map((h) => h.score), q).to.have.length(best.length);
  top.forEach((h, i) => expect(h.score, q).to.be.closeTo(best[i], 1e-5));
  return res.total;
}

describe('declared text fields in BM25F', () => {
  const corpus = textFieldCorpus(300, 11);
  const build = (articles: Article[] = corpus): SearchIndex<SchemaDefinition> => {
    const ix = createSearchIndex({ schema: TEXT_FIELD_SCHEMA });
    ix.addAll(articles);
    return ix;
  };

  it('scores random queries as the reference BM25F does', () => {
    const ix = build();
    let matched = 0;
    for (const q of randomQueries(3, 60)) matched += expectReferenceScores(ix, corpus, q);
    expect(matched, 'the queries should match something').to.be.greaterThan(500);
  });

  it('scores random queries as the reference BM25F does after removals (field statistics decremented)', () => {
    const ix = build();
    const removed = new Set(corpus.filter((_, i) => i % 5 === 2).map((a) => a.id));
    for (const id of removed) ix.remove(id);
    const kept = corpus.filter((a) => !removed.has(a.id));
    for (const q of randomQueries(5, 60)) expectReferenceScores(ix, kept, q);
  });

  it('scores random queries as the reference BM25F does after a snapshot round trip (with removals)', () => {
    const ix = build();
    const removed = new Set(corpus.filter((_, i) => i % 6 === 1).map((a) => a.id));
    for (const id of removed) ix.remove(id);
    const loaded = snapshotFromBytes(snapshotToBytes(ix));
    const kept = corpus.filter((a) => !removed.has(a.id));
    for (const q of randomQueries(7, 40)) {
      expectReferenceScores(loaded, kept, q);
      const a = ix.search(q, { limit: 1000, snippets: 0 }).hits.map((h) => [h.id, h.score]);
      expect(loaded.search(q, { limit: 1000, snippets: 0 }).hits.map((h) => [h.id, h.score]), q).to.deep.equal(a);
    }
  });

  it('finds an article by a word that is only in its standfirst', () => {
    const ix = build();
    for (const word of FIELD_ONLY_WORDS) {
      const want = corpus.filter((a) => termsOf(ix.analyzer, String(a.fields?.standfirst ?? '')).includes(word)).map((a) => a.id);
      expect(want.length, word).to.be.greaterThan(0);
      const got = new Set(ix.search(word, { limit: 1000, snippets: 0 }).hits.map((h) => h.id));
      for (const id of want) expect(got.has(id), `${word} in ${id}'s standfirst`).to.equal(true);
    }
  });

  it('ranks a standfirst match (weight 2) above the same match in a byline (weight 0.5)', () => {
    const ix = createSearchIndex({ schema: TEXT_FIELD_SCHEMA });
    const base = { title: 'Council meets', paragraphs: ['The council met on Monday.'] };
    ix.addAll([
      { id: 'in-byline', ...base, fields: { standfirst: 'A short note', byline: 'zephyr report' } },
      { id: 'in-standfirst', ...base, fields: { standfirst: 'zephyr report', byline: 'A short note' } },
      { id: 'neither', ...base, fields: { standfirst: 'A short note', byline: 'staff report' } },
    ]);
    const hits = ix.search('zephyr', { snippets: 0 }).hits;
    expect(hits.map((h) => h.id)).to.deep.equal(['in-standfirst', 'in-byline']);
    expect(hits[0].score).to.be.greaterThan(hits[1].score);
  });

  it('adds a phrase found in a field text as a BM25 term weighted like the field\'s words (hand-computed)', () => {
    const ix = createSearchIndex({ schema: TEXT_FIELD_SCHEMA });
    const base = { title: 'Council meets', paragraphs: ['The council met on Monday.'] };
    ix.addAll([
      { id: 'phrase', ...base, fields: { standfirst: 'zephyr quorum rises' } },
      { id: 'apart', ...base, fields: { standfirst: 'quorum zephyr' } },
      { id: 'none', ...base },
    ]);
    const r = ix.ranking;
    // The words score alike in both queries (no pair of them is adjacent in a title or paragraph),
    // so the phrase query adds exactly its own term: idf(zephyr) + idf(quorum) (N 3, df 2 each)
    // times its one occurrence, weighted and length-normalised as a standfirst word (length 3, average 2.5).
    const expected = 2 * idf(3, 2) * saturate(fieldOccurrenceWeight(2, r.textFieldB, 3, 2.5), r.k1);
    const phrase = ix.search('"zephyr quorum"', { snippets: 0 }).hits;
    const words = ix.search('zephyr quorum', { snippets: 0 }).hits;
    expect(phrase.map((h) => h.id)).to.deep.equal(['phrase']);
    const plain = words.find((h) => h.id === 'phrase')?.score as number;
    expect(phrase[0].score - plain).to.be.closeTo(expected, 1e-5);
  });

  it('gives exactly the default schema\'s ids and scores when no article has the declared text field', () => {
    const plain = syntheticCorpus(300, 13);
    const withDefault = createSearchIndex();
    withDefault.addAll(plain);
    const withField = createSearchIndex({ schema: { fields: { standfirst: { type: 'text', weight: 2 } } } });
    withField.addAll(plain);
    for (const q of randomQueries(9, 40)) {
      const a = withDefault.search(q, { limit: 50, snippets: 0 }).hits.map((h) => [h.id, h.score]);
      const b = withField.search(q, { limit: 50, snippets: 0 }).hits.map((h) => [h.id, h.score]);
      expect(b, q).to.deep.equal(a);
    }
  });
});

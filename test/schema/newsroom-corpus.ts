/** A seeded newsroom-style corpus with declared fields, and its schema, for the schema tests. */
import type { Article } from '../../lib/index.js';
import { rng, syntheticCorpus } from '../search/synthetic-corpus.js';

export const SECTIONS = ['World', 'Business', 'Sport', 'Culture'];
export const TAGS = ['ai', 'climate', 'election', 'markets', 'health'];

/** The newsroom schema (a literal, so field names are checked at compile time). */
export const NEWSROOM_SCHEMA = {
  fields: {
    section: { type: 'keyword' },
    tags: { type: 'keyword', multiple: true },
    wordCount: { type: 'number', buckets: [{ to: 300 }, { from: 300, to: 800 }, { from: 800 }] },
    pageNumber: { type: 'number' },
    updated: { type: 'date' },
    imageUrl: { type: 'stored' },
    internalNote: { type: 'stored', returned: false },
  },
  drop: ['exchanges'],
} as const;

/** `n` synthetic articles with declared values; some values are missing on purpose. */
export function newsroomCorpus(n: number, seed = 5): Article[] {
  const rand = rng(seed * 7919 + 1);
  return syntheticCorpus(n, seed).map((a, i) => {
    const fields: NonNullable<Article['fields']> = {};
    if (rand() < 0.85) fields.section = SECTIONS[Math.floor(rand() * SECTIONS.length)];
    const tags = TAGS.filter(() => rand() < 0.3);
    if (tags.length > 0) fields.tags = tags;
    if (rand() < 0.8) fields.wordCount = Math.floor(rand() * 1500);
    if (rand() < 0.5) fields.pageNumber = 1 + Math.floor(rand() * 40) + (rand() < 0.2 ? 0.5 : 0);
    if (rand() < 0.6) fields.updated = `2020-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}T10:00:00Z`;
    fields.imageUrl = `https://img.example/${i}.jpg`;
    if (rand() < 0.3) fields.internalNote = 'check';
    return { ...a, fields, ...(rand() < 0.3 ? { exchanges: ['nyse'] } : {}) };
  });
}

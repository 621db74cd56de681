/** A seeded corpus with declared text fields (a standfirst, weight 2; a byline, weight 0.5), for the text-field tests. */
import type { Article, SchemaDefinition } from '../../lib/index.js';
import { WORDS, rng, syntheticCorpus } from './synthetic-corpus.js';

/** The schema: two text fields and a keyword field. */
export const TEXT_FIELD_SCHEMA = {
  fields: {
    standfirst: { type: 'text', weight: 2 },
    byline: { type: 'text', weight: 0.5 },
    section: { type: 'keyword' },
  },
} as const satisfies SchemaDefinition;

/** The text fields of {@link TEXT_FIELD_SCHEMA}, in order, with their weights. */
export const TEXT_FIELDS = [{ name: 'standfirst', weight: 2 }, { name: 'byline', weight: 0.5 }] as const;

/** Words that occur only in standfirsts and bylines, never in a title or a paragraph. */
export const FIELD_ONLY_WORDS = ['zephyr', 'quorum', 'halcyon'];

/** The synthetic corpus with standfirsts and bylines on some articles (and none on others). */
export function textFieldCorpus(n: number, seed: number): Article[] {
  const rand = rng(seed);
  const words = [...WORDS, ...FIELD_ONLY_WORDS];
  const sentence = (len: number): string => Array.from({ length: len }, () => words[Math.floor(rand() * words.length)]).join(' ');
  return syntheticCorpus(n, seed).map((a) => {
    const fields: NonNullable<Article['fields']> = { section: rand() < 0.5 ? 'World' : 'Business' };
    if (rand() < 0.7) fields.standfirst = sentence(3 + Math.floor(rand() * 15));
    if (rand() < 0.5) fields.byline = sentence(1 + Math.floor(rand() * 3));
    return { ...a, fields };
  });
}

/** A seeded synthetic corpus: many overlapping matches, facets and dates, for property tests. */
import type { Article } from '../../lib/index.js';
import { createRng } from '../../bench/rng.js';

export const WORDS = [
  'missile', 'missiles', 'korea', 'north', 'talks', 'trade', 'oil', 'price', 'prices', 'bank', 'rate', 'rates',
  'grain', 'wheat', 'export', 'exports', 'security', 'council', 'nuclear', 'summit', 'market', 'shares', 'profit',
  'the', 'of', 'and', 'a', 'test', 'tests', 'tested', 'seoul', 'tokyo', 'japan', 'coffee', 'sugar', 'gold',
];
export const CATEGORIES = ['Korea', 'Japan', 'Economy', 'Energy'];
export const TOPICS = ['earn', 'acq', 'crude', 'grain', 'trade', 'money-fx'];

/** The benchmark's seeded generator (mulberry32), so test data is the same on every run. */
export function rng(seed: number): () => number {
  return createRng(seed).next;
}

export function syntheticCorpus(n: number, seed = 42): Article[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const sentence = (len: number): string => Array.from({ length: len }, () => pick(WORDS)).join(' ');
  const subset = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => rand() < p);
  return Array.from({ length: n }, (_, i) => {
    const a: Article = {
      id: `syn-${i}`,
      title: sentence(2 + Math.floor(rand() * 5)),
      paragraphs: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => sentence(3 + Math.floor(rand() * 25))),
      publisher: pick(['Reuters', 'Intellasia']),
    };
    const cats = subset(CATEGORIES, 0.35);
    if (cats.length) a.category = cats;
    const topics = subset(TOPICS, 0.3);
    if (topics.length) a.topics = topics;
    if (rand() < 0.9) {
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      a.date = `2019-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
    return a;
  });
}

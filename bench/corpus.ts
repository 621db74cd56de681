/**
 * The benchmark corpus: the full Reuters-21578 collection when `../shared/corpora` is there,
 * else the project's bundled `corpus/` folder (much smaller: numbers from it are not comparable).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCorpus, type Article } from '../lib/index.js';
import { readReutersDir, reutersToArticle } from '../scripts/reuters-sgml.js';

/** The default corpora folder, relative to the working directory (the project root). */
export const DEFAULT_CORPORA_DIR = '../shared/corpora';

/** The articles the benchmark runs on, and where they came from. */
export interface BenchCorpus {
  articles: Article[];
  /** `reuters`: Reuters-21578 from the corpora folder; `bundled`: the fallback `corpus/` folder. */
  kind: 'reuters' | 'bundled';
  /** Human-readable description of the source, for the report. */
  description: string;
  /** Time to read and parse the source into `Article`s, in milliseconds. */
  parseMs: number;
  numParagraphs: number;
  /** Characters of title and paragraph text. */
  numChars: number;
  /** Why the fallback was used, when it was. */
  fallbackReason?: string;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * Loads Reuters-21578 from `<corporaDir>/reuters21578`, timing SGML → `Article` conversion;
 * falls back to `loadCorpus(fallbackDir)` when that folder does not exist.
 */
export async function loadBenchCorpus(corporaDir: string, fallbackDir = 'corpus'): Promise<BenchCorpus> {
  const reutersDir = join(corporaDir, 'reuters21578');
  if (isDirectory(reutersDir)) {
    const t0 = performance.now();
    const articles: Article[] = [];
    for (const record of readReutersDir(reutersDir)) {
      const article = reutersToArticle(record);
      if (article) articles.push(article);
    }
    const parseMs = performance.now() - t0;
    return { articles, kind: 'reuters', description: `Reuters-21578 (${reutersDir})`, parseMs, ...countText(articles) };
  }
  const t0 = performance.now();
  const { articles, errors } = await loadCorpus(fallbackDir);
  const parseMs = performance.now() - t0;
  const reason = `${reutersDir} not found`;
  const skipped = errors.length > 0 ? `, ${errors.length} files or lines skipped` : '';
  return {
    articles,
    kind: 'bundled',
    description: `bundled corpus folder ${fallbackDir}/ (fallback: ${reason}${skipped})`,
    parseMs,
    fallbackReason: reason,
    ...countText(articles),
  };
}

function countText(articles: readonly Article[]): { numParagraphs: number; numChars: number } {
  let numParagraphs = 0;
  let numChars = 0;
  for (const a of articles) {
    numParagraphs += a.paragraphs.length;
    numChars += a.title.length;
    for (const p of a.paragraphs) numChars += p.length;
  }
  return { numParagraphs, numChars };
}

/**
 * The corpus repeated `factor` times. Copy 1 keeps the original ids; copy n > 1 gets the suffix
 * `#n`. The copies share the original strings and arrays, so replicating costs little memory
 * beyond the article objects themselves.
 */
export function replicateArticles(articles: readonly Article[], factor: number): Article[] {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`replication factor must be a positive integer, got ${factor}`);
  const out: Article[] = articles.slice();
  for (let copy = 2; copy <= factor; copy++) {
    for (const a of articles) out.push({ ...a, id: `${a.id}#${copy}` });
  }
  return out;
}

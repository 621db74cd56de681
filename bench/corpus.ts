/**
 * The benchmark corpus: the full Reuters-21578 collection when `../shared/corpora` is there,
 * else the project's bundled `corpus/` folder (much smaller: numbers from it are not comparable).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCorpus, type Article } from '../lib/index.js';
import { readReutersDir, reutersToArticle } from '../scripts/reuters-sgml.js';
import { createRng, type Rng } from './rng.js';

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

/** Share of words replaced in each synthesised copy (see {@link replicateArticles}). */
export const REPLICA_WORD_CHANGE = 1 / 3;
/** How far back each further copy is dated, in days: copy n is (n − 1) quarters older. */
export const REPLICA_DATE_STEP_DAYS = 91;

/** Options of {@link replicateArticles}. */
export interface ReplicateOptions {
  /** Seed of the word perturbation. Default 1. */
  seed?: number;
  /** Share of words replaced in copies 2…n, in [0, 1]. Default {@link REPLICA_WORD_CHANGE}. */
  wordChange?: number;
}

/** Every word of the corpus (titles and paragraphs), repeats kept: drawing from it follows word frequency. */
function wordPool(articles: readonly Article[]): string[] {
  const pool: string[] = [];
  for (const a of articles) {
    for (const w of a.title.split(' ')) if (w) pool.push(w);
    for (const p of a.paragraphs) for (const w of p.split(' ')) if (w) pool.push(w);
  }
  return pool;
}

/** `text` with each space-separated word replaced, with probability `rate`, by one drawn from `pool`. */
function perturb(text: string, rate: number, pool: readonly string[], rng: Rng): string {
  if (rate === 0 || pool.length === 0) return text;
  const words = text.split(' ');
  for (let i = 0; i < words.length; i++) if (words[i] && rng.next() < rate) words[i] = rng.pick(pool);
  return words.join(' ');
}

/** An ISO date (`YYYY-MM-DD` with an optional time after it) moved `days` back; other strings as given. */
export function shiftDate(date: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10) + date.slice(10);
}

/**
 * The corpus synthesised `factor` times larger. Copy 1 is the corpus as given; copy n > 1 of an
 * article gets the id suffix `#n`, a date (n − 1) × {@link REPLICA_DATE_STEP_DAYS} days earlier,
 * and a third of its words (title and paragraphs) replaced by words drawn from the whole corpus
 * by frequency (seeded). Byte-identical copies would make every article a member of a
 * `factor`-copy near-duplicate group, which no real archive is; perturbed copies keep the
 * vocabulary, word frequencies and article lengths of the original while reading as distinct
 * articles (the near-duplicate groups Reuters itself has are copied with it).
 */
export function replicateArticles(articles: readonly Article[], factor: number, options: ReplicateOptions = {}): Article[] {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`replication factor must be a positive integer, got ${factor}`);
  const rate = options.wordChange ?? REPLICA_WORD_CHANGE;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`wordChange must be in [0, 1], got ${rate}`);
  const out: Article[] = articles.slice();
  if (factor === 1) return out;
  const rng = createRng(options.seed ?? 1);
  const pool = wordPool(articles);
  for (let copy = 2; copy <= factor; copy++) {
    for (const a of articles) {
      out.push({
        ...a,
        id: `${a.id}#${copy}`,
        ...(a.date === undefined ? {} : { date: shiftDate(a.date, (copy - 1) * REPLICA_DATE_STEP_DAYS) }),
        title: perturb(a.title, rate, pool, rng),
        paragraphs: a.paragraphs.map((p) => perturb(p, rate, pool, rng)),
      });
    }
  }
  return out;
}

/**
 * The news check of term proximity: unquoted two- and three-word names on Reuters-21578 (the
 * archive this engine is for), and what share of each top 10 holds the words adjacent, as the
 * name — with proximity off and on. TIME, CACM and ADI ask long natural-language questions;
 * this asks what a news reader types.
 *
 * Usage (after a build): node dist/scripts/eval/news-proximity.js [--corpora DIR]
 *          [--weight W] [--slack S]
 * Prints a markdown table (paste into EVALUATION.md, section "Term proximity on news names").
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSearchIndex, DEFAULT_RANKING, type Analyzer, type Article, type SearchIndex } from '../../lib/index.js';
import { readReutersDir, reutersToArticle } from '../reuters-sgml.js';

/** Names a reader of 1987 business news types without quotes. */
export const NEWS_NAMES = [
  'federal reserve', 'bank of england', 'white house', 'north korea', 'wall street', 'soviet union',
  'new york stock exchange', 'west germany', 'bank of japan', 'european community', 'saudi arabia',
  'south africa', 'hong kong', 'world bank', 'general motors', 'american express', 'supreme court',
  'london stock exchange', 'prime minister', 'trade deficit',
];

/**
 * True when the analysed `name` occurs as a phrase in the title or in one paragraph of `article`:
 * its terms in order, at the same relative positions (stop words keep their slots).
 */
export function holdsAdjacent(article: Article, name: string, analyzer: Pick<Analyzer, 'analyze'>): boolean {
  const want = analyzer.analyze(name);
  if (want.length === 0) return false;
  const base = want[0].position;
  return [article.title, ...article.paragraphs].some((text) => {
    const toks = analyzer.analyze(text);
    const at = new Map<number, string>(toks.map((t) => [t.position, t.term]));
    return toks.some((t) => t.term === want[0].term && want.every((w) => at.get(t.position + w.position - base) === w.term));
  });
}

/** Share of the top `k` hits of `name` that hold it adjacent, and how many hits there were. */
export function adjacentShare(index: SearchIndex, name: string, k = 10): { share: number; hits: number } {
  const hits = index.search(name, { limit: k, snippets: 0, highlight: false }).hits;
  if (hits.length === 0) return { share: 0, hits: 0 };
  const n = hits.filter((h) => holdsAdjacent(index.get(h.id) as Article, name, index.analyzer)).length;
  return { share: n / hits.length, hits: hits.length };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpora: { type: 'string', default: join('..', 'shared', 'corpora') },
      weight: { type: 'string', default: '' },
      slack: { type: 'string', default: '0' },
    },
  });
  const articles: Article[] = [];
  for (const record of readReutersDir(join(values.corpora as string, 'reuters21578'))) {
    const a = reutersToArticle(record);
    if (a) articles.push(a);
  }
  const weight = values.weight ? Number(values.weight) : DEFAULT_RANKING.proximityWeight;
  const slack = Number(values.slack);
  const off = createSearchIndex({ ranking: { proximityWeight: 0 } });
  const on = createSearchIndex({ ranking: { proximityWeight: weight, proximitySlack: slack } });
  off.addAll(articles);
  on.addAll(articles);
  console.log(`Reuters-21578, ${articles.length} articles; proximityWeight ${weight}, proximitySlack ${slack}\n`);
  console.log('| query (unquoted) | matches | top 10 adjacent, proximity off | on |');
  console.log('|---|---:|---:|---:|');
  let sumOff = 0;
  let sumOn = 0;
  let n = 0;
  for (const name of NEWS_NAMES) {
    const a = adjacentShare(off, name);
    const b = adjacentShare(on, name);
    const total = off.search(name, { limit: 0, snippets: 0, trackTotal: true }).total;
    if (a.hits === 0) continue;
    console.log(`| ${name} | ${total} | ${(a.share * 100).toFixed(0)}% | ${(b.share * 100).toFixed(0)}% |`);
    sumOff += a.share;
    sumOn += b.share;
    n++;
  }
  console.log(`| **mean of ${n} names** | | **${((sumOff / n) * 100).toFixed(1)}%** | **${((sumOn / n) * 100).toFixed(1)}%** |`);
}

if (process.argv[1]?.endsWith('news-proximity.js')) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

/**
 * The near-duplicate evaluation (EVALUATION.md, "Near-duplicate groups"): precision and recall of
 * the duplicate groups on a labelled set built from Reuters-21578, the real near-duplicate groups
 * of the collection, and the cost of signatures and groups at index time.
 *
 * Usage: npm run build && node --expose-gc dist/scripts/eval/duplicates.js [--corpora DIR]
 *          [--seed N] [--originals N] [--threshold X] [--min-jaccard X] [--band-size N] [--num-bands N]
 *          [--num-hashes N] [--shingle-size N] [--min-shingles N] [--no-cost]
 *
 * Reads `<corpora>/reuters21578` (default `../shared/corpora`, relative to the working
 * directory); when it is missing, says so and exits 0.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { duplicateCostRows, measureDuplicateCost } from '../../bench/duplicate-cost.js';
import { canCollect } from '../../bench/measure.js';
import { createRng } from '../../bench/rng.js';
import { createAnalyzer } from '../../lib/analysis/analyzer.js';
import { bodyTermCodes } from '../../lib/duplicates/body-terms.js';
import { DuplicateGroups } from '../../lib/duplicates/duplicate-groups.js';
import { resolveDuplicateOptions, type DuplicateOptions } from '../../lib/duplicates/duplicate-options.js';
import { signatureOverlap } from '../../lib/duplicates/estimate-overlap.js';
import { computeSignature, type DuplicateSignature } from '../../lib/duplicates/shingle-signature.js';
import type { Article } from '../../lib/types.js';
import { readReutersDir, reutersToArticle } from '../reuters-sgml.js';
import { makeCopy, weekNumber, type CopyEdits } from './syndicated-copies.js';

const { values: args } = parseArgs({
  options: {
    corpora: { type: 'string', default: '../shared/corpora' },
    seed: { type: 'string', default: '1987' },
    originals: { type: 'string', default: '500' },
    threshold: { type: 'string' },
    'min-jaccard': { type: 'string' },
    'band-size': { type: 'string' },
    'num-bands': { type: 'string' },
    'num-hashes': { type: 'string' },
    'shingle-size': { type: 'string' },
    'min-shingles': { type: 'string' },
    'min-copy-shingles': { type: 'string' },
    'no-cost': { type: 'boolean', default: false },
  },
});
const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));
const overrides: DuplicateOptions = {
  threshold: num(args.threshold),
  minJaccard: num(args['min-jaccard']),
  bandSize: num(args['band-size']),
  numBands: num(args['num-bands']),
  numHashes: num(args['num-hashes']),
  shingleSize: num(args['shingle-size']),
  minShingles: num(args['min-shingles']),
  minCopyShingles: num(args['min-copy-shingles']),
};
const options = resolveDuplicateOptions(overrides);

const dir = join(args.corpora, 'reuters21578');
if (!existsSync(dir)) {
  console.log(`Reuters-21578 not found at ${dir}: nothing to evaluate (see ${args.corpora}/README.md; pass --corpora DIR).`);
  process.exit(0);
}
const articles: Article[] = [];
for (const r of readReutersDir(dir)) {
  const a = reutersToArticle(r);
  if (a) articles.push(a);
}
const analyzer = createAnalyzer();
const codes = new Map<string, number>();
const terms = articles.map((a) => bodyTermCodes(a.paragraphs, analyzer, codes));
const signature = (t: readonly number[]): DuplicateSignature | undefined => computeSignature(t, t.length, options);

/** Exact shingle sets and overlap: the straightforward truth the estimates are checked against. */
function shingles(t: readonly number[]): Set<string> {
  const k = options.shingleSize;
  const out = new Set<string>();
  for (let i = 0; i + k <= Math.max(k, t.length); i++) out.add(t.slice(i, i + k).join(' '));
  return out;
}
function exactOverlap(a: readonly number[], b: readonly number[]): { jaccard: number; containment: number } {
  const sa = shingles(a);
  const sb = shingles(b);
  let inter = 0;
  for (const s of sa) if (sb.has(s)) inter++;
  const min = Math.min(sa.size, sb.size);
  return { jaccard: inter / (sa.size + sb.size - inter || 1), containment: min === 0 ? 0 : inter / min };
}
const isExactCopy = (a: readonly number[], b: readonly number[]): boolean => {
  const o = exactOverlap(a, b);
  return o.containment >= options.threshold && o.jaccard >= options.minJaccard;
};

// --- The labelled set -------------------------------------------------------------------------
const rng = createRng(Number(args.seed));
const byTopicWeek = new Map<string, number[]>();
articles.forEach((a, d) => {
  if (!a.date || !a.topics) return;
  for (const t of a.topics) {
    const key = `${t}|${weekNumber(a.date)}`;
    const list = byTopicWeek.get(key);
    if (list) list.push(d);
    else byTopicWeek.set(key, [d]);
  }
});
const eligible = articles.map((_, d) => d).filter((d) => {
  const a = articles[d];
  return a.date !== undefined && a.topics !== undefined && a.paragraphs.length >= 2 && terms[d].length >= 30;
});
for (let i = eligible.length - 1; i > 0; i--) {
  const j = rng.int(i + 1);
  [eligible[i], eligible[j]] = [eligible[j], eligible[i]];
}
const originals = eligible.slice(0, Number(args.originals));
const cluster = new Map<number, number>(); // labelled document → its story (the original's doc id)
for (const d of originals) cluster.set(d, d);
const copies: { doc: number; of: number; article: Article; edits: CopyEdits }[] = [];
let excludedNegatives = 0;
let numNegatives = 0;
for (const o of originals) {
  for (let c = 1 + rng.int(3); c > 0; c--) {
    const { copy, edits } = makeCopy(rng, articles[o], articles[rng.int(articles.length)], `${articles[o].id}#copy${c}`);
    copies.push({ doc: articles.length + copies.length, of: o, article: copy, edits });
  }
  const a = articles[o];
  const pool = new Set<number>();
  for (const t of a.topics ?? []) for (const d of byTopicWeek.get(`${t}|${weekNumber(a.date as string)}`) ?? []) pool.add(d);
  pool.delete(o);
  const candidates = [...pool];
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  let taken = 0;
  for (const d of candidates) {
    if (taken >= 8) break;
    if (cluster.has(d)) continue;
    // A real copy of the original is not a negative: Reuters itself repeats stories.
    if (isExactCopy(terms[o], terms[d])) { excludedNegatives++; continue; }
    cluster.set(d, d);
    taken++;
    numNegatives++;
  }
}
for (const c of copies) cluster.set(c.doc, c.of);
const allTerms = [...terms, ...copies.map((c) => bodyTermCodes(c.article.paragraphs, analyzer, codes))];

// --- Groups over the whole collection plus the copies ------------------------------------------
const t0 = performance.now();
const realSigs = terms.map(signature);
const t1 = performance.now();
const groups = new DuplicateGroups(options);
realSigs.forEach((s, d) => groups.add(d, s));
const t2 = performance.now();
const realGroups = [...groups.groups()].map((g) => [...g]);
for (const c of copies) groups.add(c.doc, signature(allTerms[c.doc]));

// Pairwise precision and recall over the labelled documents.
const labelledByGroup = new Map<number, number[]>();
for (const d of cluster.keys()) {
  const g = groups.groupOf(d);
  const list = labelledByGroup.get(g);
  if (list) list.push(d);
  else labelledByGroup.set(g, [d]);
}
let tp = 0;
let fp = 0;
let realPairsSkipped = 0;
const falsePositives: [number, number][] = [];
for (const members of labelledByGroup.values()) {
  for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) {
    const [a, b] = [members[i], members[j]];
    const [sa, sb] = [cluster.get(a) as number, cluster.get(b) as number];
    if (sa === sb) tp++;
    // Reuters repeats some stories itself: grouping a copy of one with the other is right.
    else if (isExactCopy(allTerms[sa], allTerms[sb])) realPairsSkipped++;
    else { fp++; falsePositives.push([a, b]); }
  }
}
const clusterSizes = new Map<number, number>();
for (const c of cluster.values()) clusterSizes.set(c, (clusterSizes.get(c) ?? 0) + 1);
let truePairs = 0;
for (const n of clusterSizes.values()) truePairs += (n * (n - 1)) / 2;
const precision = tp / (tp + fp || 1);
const recall = tp / (truePairs || 1);

// Recall per copy (found in its original's group), by how much of the original it keeps.
const buckets = [
  { name: 'whole body kept', test: (e: CopyEdits) => e.droppedParagraphs === 0 },
  { name: 'cut, ≥ 75% kept', test: (e: CopyEdits) => e.droppedParagraphs > 0 && e.keptShare >= 0.75 },
  { name: 'cut, 50–75% kept', test: (e: CopyEdits) => e.droppedParagraphs > 0 && e.keptShare >= 0.5 && e.keptShare < 0.75 },
  { name: 'cut, < 50% kept', test: (e: CopyEdits) => e.droppedParagraphs > 0 && e.keptShare < 0.5 },
];
const pct = (x: number): string => (100 * x).toFixed(1);
const f3 = (x: number): string => x.toFixed(3);

console.log(`Options: ${JSON.stringify(options)}; seed ${args.seed}`);
console.log(`\nLabelled set: ${originals.length} Reuters articles, ${copies.length} syndicated copies, ${numNegatives} hard negatives ` +
  `(same topic, same week; ${excludedNegatives} candidates left out as real copies of their original)`);
console.log(`\n| measure | value |\n|---|---:|`);
console.log(`| pairs that are copies (truth) | ${truePairs} |`);
console.log(`| pairs grouped, correct | ${tp} |`);
console.log(`| pairs grouped, wrong | ${fp} |`);
console.log(`| pairs grouped whose source articles are themselves copies in Reuters (not scored) | ${realPairsSkipped} |`);
console.log(`| **precision** | **${f3(precision)}** |`);
console.log(`| **recall** | **${f3(recall)}** |`);
console.log(`\n| copies | n | found with their original |\n|---|---:|---:|`);
for (const b of buckets) {
  const inB = copies.filter((c) => b.test(c.edits));
  const found = inB.filter((c) => groups.groupOf(c.doc) === groups.groupOf(c.of)).length;
  console.log(`| ${b.name} | ${inB.length} | ${inB.length ? pct(found / inB.length) : '–'}% |`);
}
for (const [a, b] of falsePositives.slice(0, 5)) {
  const o = exactOverlap(allTerms[a], allTerms[b]);
  const title = (d: number) => (d < articles.length ? articles[d] : copies[d - articles.length].article).title;
  console.log(`  wrongly grouped: ${a} "${title(a)}" / ${b} "${title(b)}" (exact J ${f3(o.jaccard)}, containment ${f3(o.containment)})`);
}
const missed = copies.filter((c) => groups.groupOf(c.doc) !== groups.groupOf(c.of));
for (const c of missed.slice(0, 5)) {
  const o = exactOverlap(allTerms[c.of], allTerms[c.doc]);
  const [sa, sb] = [signature(allTerms[c.of]), signature(allTerms[c.doc])];
  const e = sa && sb ? signatureOverlap(sa, sb) : undefined;
  console.log(`  missed: copy of ${articles[c.of].id} (${JSON.stringify(c.edits)}; shingles ${sa?.numShingles ?? '<min'}/${sb?.numShingles ?? '<min'}; ` +
    `exact J ${f3(o.jaccard)}, containment ${f3(o.containment)}; estimated ${e ? `J ${f3(e.jaccard)}, containment ${f3(e.containment)}` : '–'})`);
}

// --- Real near-duplicate groups of Reuters-21578 -----------------------------------------------
const inGroups = realGroups.reduce((n, g) => n + g.length, 0);
let linkPairs = 0;
let exactLinkPairs = 0;
for (const g of realGroups) for (const d of g) for (const o of groups.linksOf(d)) {
  if (o < articles.length && d < o) {
    linkPairs++;
    if (isExactCopy(terms[d], terms[o])) exactLinkPairs++;
  }
}
const sizes = new Map<number, number>();
for (const g of realGroups) sizes.set(g.length, (sizes.get(g.length) ?? 0) + 1);
console.log(`\nReal groups in Reuters-21578 (${articles.length} articles with a body): ${realGroups.length} groups of 2 or more, ` +
  `${inGroups} articles; sizes ${[...sizes].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ')}; ` +
  `${exactLinkPairs} of ${linkPairs} links pass the thresholds on exact shingle sets`);
const show = [...realGroups].sort((a, b) => b.length - a.length || a[0] - b[0]);
const examples = [...show.slice(0, 2), ...show.filter((g) => g.length === 2).filter((_, i) => i % 97 === 0).slice(0, 3)];
for (const g of examples) {
  console.log(`- ${g.map((d) => `${articles[d].id} (${articles[d].date?.slice(0, 10)}) "${articles[d].title}"`).join('; ')}`);
}

console.log(`\nStandalone cost on ${articles.length} articles: signatures ${(t1 - t0).toFixed(0)} ms (from term codes), ` +
  `groups ${(t2 - t1).toFixed(0)} ms`);
if (!args['no-cost']) {
  if (!canCollect()) console.log('\n(index cost not measured: run node with --expose-gc)');
  else {
    const rows = duplicateCostRows(await measureDuplicateCost(articles));
    console.log(`\n| index build of ${articles.length} articles | without duplicates | with | with / without | added |\n|---|---:|---:|---:|---:|`);
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  }
}

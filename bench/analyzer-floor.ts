/**
 * Micro-benchmark of the analyzer: the floor the indexer is measured against.
 *
 * Usage, from the project root after `tsc`:
 * `node <outDir>/bench/analyzer-floor.js [--chars N] [--generated] [--save out.txt] [file ...]`
 * (`--save` writes the text that would be measured, and measures nothing).
 *
 * The text, cut to N characters (default 16 M) and repeated if shorter:
 * - the given files, as plain text; else
 * - the `<BODY>`s of Reuters-21578 from `../shared/corpora/reuters21578/` when that folder
 *   exists (it is not part of the project; the script says when it is absent); else, or with
 *   `--generated`,
 * - a deterministic news-like text: Zipf-distributed vocabulary with a long tail of rare words (so the
 * stem cache sees misses as on a real archive), capitalised sentence starts and names, numbers
 * ("1,000", "3.5", "6:02"), possessives with curly apostrophes, hyphenated words, "U.S.",
 * accented names. The text is cut into paragraphs of a few hundred characters, as the indexer
 * sees it, and each method is timed on a fresh analyzer (cold cache) and again (warm cache).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnalyzer, type Analyzer } from '../lib/analysis/analyzer.js';
import { createRng } from './rng.js';

const COMMON = (
  'the of to and a in that is for on was with he it as at by said from his be have has an are ' +
  'not but were they this who their which its been had will would more after year new one two ' +
  'government people president first over also up than about into last other could when percent ' +
  'north korea south korean missile missiles launch nuclear talks military officials minister ' +
  'united states china japan seoul pyongyang washington election market shares company billion ' +
  'million prices economy trade report police court state week month day time told news agency ' +
  'international security council sanctions test tested testing submarine ballistic defence ' +
  'meeting leaders summit statement during against between while under since before where'
).split(' ');
const NAMES = [
  'Moon', 'Kim', 'Trump', 'Abe', 'Xi', 'Reuters', 'Yonhap', 'Jong-un', 'Pyongyang', 'Seoul', 'Tokyo', 'Beijing', 'Müller',
  'Łukasz', 'José', 'Zoë',
];
const SYLLABLES = 'ka lo mi ne ta ri so ver an tion ment er ing al de pro con ex in ul tra struct port form cap'.split(' ');

/** A small deterministic PRNG (mulberry32, from bench/rng.ts), so every run is the same. */
function random(seed: number): () => number {
  return createRng(seed).next;
}

function generateText(numChars: number): string {
  const rnd = random(42);
  const vocabulary = [...COMMON];
  while (vocabulary.length < 80_000) {
    let word = '';
    const numSyllables = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < numSyllables; i++) word += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    vocabulary.push(word + ['', 's', 'ed', 'ing', 'ly'][Math.floor(rnd() * 5)]);
  }
  // Zipf (s = 1) over ranks, sampled through its cumulative distribution.
  const cdf = new Float64Array(vocabulary.length);
  let sum = 0;
  for (let r = 0; r < vocabulary.length; r++) cdf[r] = sum += 1 / (r + 1);
  const pickWord = (): string => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo];
  };
  const parts: string[] = [];
  let length = 0;
  while (length < numChars) {
    const words: string[] = [];
    const numWords = 8 + Math.floor(rnd() * 25);
    for (let i = 0; i < numWords; i++) {
      const x = rnd();
      let word: string;
      if (x < 0.06) word = NAMES[Math.floor(rnd() * NAMES.length)] + (rnd() < 0.3 ? '’s' : '');
      else if (x < 0.075) word = ['1,000', '3.5', '6:02', '2019', '17', '1874', 'G7', 'F-16'][Math.floor(rnd() * 8)];
      else if (x < 0.08) word = 'U.S.';
      else if (x < 0.085) word = 'anti-missile';
      else word = pickWord();
      words.push(word);
    }
    let sentence = words.join(' ');
    sentence = sentence[0].toUpperCase() + sentence.slice(1) + (rnd() < 0.1 ? '?”' : '.');
    parts.push(sentence);
    length += sentence.length + 1;
  }
  return parts.join(' ');
}

const REUTERS_DIR = join('..', 'shared', 'corpora', 'reuters21578');
const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&#3;': '' };

/** The article bodies of Reuters-21578, or undefined when the corpus is not there. */
function readReutersBodies(): string | undefined {
  if (!existsSync(REUTERS_DIR)) return undefined;
  const bodies: string[] = [];
  for (const file of readdirSync(REUTERS_DIR).filter((f) => f.endsWith('.sgm')).sort()) {
    // latin-1: the corpus is ASCII but for one 0xFC byte, which is not valid UTF-8.
    const sgml = readFileSync(join(REUTERS_DIR, file), 'latin1');
    for (const match of sgml.matchAll(/<BODY>([\s\S]*?)<\/BODY>/g)) {
      bodies.push(match[1].replace(/&lt;|&gt;|&amp;|&#3;/g, (e) => ENTITIES[e] ?? e));
    }
  }
  return bodies.join('\n');
}

function paragraphs(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) {
    let end = Math.min(text.length, i + size);
    while (end < text.length && text.charCodeAt(end) !== 32) end++;
    out.push(text.slice(i, end));
    i = end - size;
  }
  return out;
}

// CPU time as well as wall time: on a shared machine the wall clock also measures the
// neighbours. CPU time includes V8's helper threads (GC), which is the honest cost.
function time(label: string, numChars: number, run: () => number): void {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const numTokens = run();
  const wall = (performance.now() - t0) / 1000;
  const cpuUsed = process.cpuUsage(cpu0);
  const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
  const rate = (seconds: number): string => `${(numChars / seconds / 1e6).toFixed(1)} M chars/s`;
  console.log(
    `${label.padEnd(26)} wall ${wall.toFixed(3)} s (${rate(wall)})  cpu ${cpu.toFixed(3)} s (${rate(cpu)})  ${numTokens} terms`,
  );
}

function main(): void {
  const args = process.argv.slice(2);
  let numChars = 16_000_000;
  const files: string[] = [];
  let saveTo: string | undefined;
  let generated = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--chars') numChars = Number(args[++i]);
    else if (args[i] === '--save') saveTo = args[++i];
    else if (args[i] === '--generated') generated = true;
    else files.push(args[i]);
  }
  let source: string | undefined;
  let sourceName: string;
  if (files.length > 0) {
    source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    sourceName = files.join(', ');
  } else if (!generated && (source = readReutersBodies()) !== undefined) {
    sourceName = `Reuters-21578 bodies (${source.length} characters)`;
  } else {
    if (!generated) console.log(`${REUTERS_DIR} not found: measuring generated text`);
    source = generateText(numChars);
    sourceName = 'generated';
  }
  const text = source.repeat(Math.max(1, Math.ceil(numChars / source.length))).slice(0, numChars);
  if (saveTo !== undefined) {
    writeFileSync(saveTo, text);
    console.log(`text written to ${saveTo}`);
    return;
  }
  const paras = paragraphs(text, 400);
  const total = paras.reduce((n, p) => n + p.length, 0);
  console.log(`${total} characters in ${paras.length} paragraphs (${sourceName})`);

  // Warm up the JIT on a different analyzer so that the "cold" runs below start with an empty
  // cache but optimised code.
  const warm = createAnalyzer();
  for (let i = 0; i < Math.min(paras.length, 5000); i++) warm.terms(paras[i]);

  const countTerms = (a: Analyzer): number => {
    let n = 0;
    for (const p of paras) n += a.terms(p).length;
    return n;
  };
  const cold = createAnalyzer();
  time('terms (cold cache)', total, () => countTerms(cold));
  time('terms (warm cache)', total, () => countTerms(cold));
  const each = createAnalyzer();
  time('forEachToken (cold cache)', total, () => {
    let n = 0;
    for (const p of paras) each.forEachToken(p, () => n++);
    return n;
  });
  const full = createAnalyzer();
  time('analyze (cold cache)', total, () => {
    let n = 0;
    for (const p of paras) n += full.analyze(p).length;
    return n;
  });
  const unstemmed = createAnalyzer({ stem: false });
  time('terms, stem: false', total, () => countTerms(unstemmed));
}

main();

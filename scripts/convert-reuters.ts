/**
 * Builds the bundled Reuters corpus (`corpus/reuters/`) from the Reuters-21578 SGML files.
 *
 * Usage: `node dist/scripts/convert-reuters.js [--src ../shared/corpora/reuters21578]
 * [--out corpus/reuters] [--per-file 140]`. From each of the 22 files it takes an evenly spaced
 * sample of the records that have a body: even-numbered files become one reference-format `.txt`
 * per article (`<NEWID>.txt`), odd-numbered ones one NDJSON file each (`reut2-NNN.jsonl`). The
 * output is a pure function of the input: running it twice gives byte-identical files.
 *
 * The `.txt` files are written by the library's own `formatReferenceArticle`, so the shipped corpus
 * is exactly what `loadCorpus` reads; an article the format cannot hold unchanged is skipped.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatReferenceArticle, parseReferenceArticle } from '../lib/corpus/reference-format.js';
import type { Article } from '../lib/types.js';
import { listReutersFiles, readReutersFile, reutersToArticle } from './reuters-sgml.js';

/** Articles taken from each SGML file unless `--per-file` says otherwise. */
export const DEFAULT_PER_FILE = 140;

/**
 * `Evenly spaced` picks: `count` indices out of `0 … total-1`, each the middle of its stretch, so
 * the sample covers the whole file (and so the whole date range) without favouring either end.
 */
export function evenlySpaced(total: number, count: number): number[] {
  const k = Math.min(total, count);
  return Array.from({ length: k }, (_, i) => Math.floor(((i + 0.5) * total) / k));
}

/**
 * Writes `article` in the reference text format, or says why it cannot be: the format has no
 * escapes, so an article whose text would read back differently (a paragraph such as
 * `Topics: x`, a title shaped like a dateline …) is refused rather than shipped altered. The test
 * is a round trip through the library's own reader, so writer and reader cannot disagree.
 */
export function toReferenceText(article: Article): { text: string } | { problem: string } {
  const { id, ...fields } = article;
  const text = formatReferenceArticle(fields);
  const parsed = parseReferenceArticle(text, `${id}.txt`);
  if (parsed.article === undefined) {
    return { problem: parsed.errors.map((e) => e.reason).join('; ') || 'unreadable' };
  }
  const readBack: Record<string, unknown> = { ...parsed.article };
  const written: Record<string, unknown> = { ...fields };
  for (const key of new Set([...Object.keys(written), ...Object.keys(readBack)])) {
    if (JSON.stringify(written[key]) !== JSON.stringify(readBack[key])) {
      return { problem: `its ${key} would read back differently` };
    }
  }
  return { text };
}

/** What one run produced, for the summary. */
export interface ConversionSummary {
  numTextFiles: number;
  numJsonArticles: number;
  numJsonFiles: number;
  skipped: Array<{ id: string; reason: string }>;
  firstDate?: string;
  lastDate?: string;
  numBytes: number;
}

/** Removes the files an earlier run generated in `outDir` (and nothing else). */
function wipeGenerated(outDir: string): void {
  if (!existsSync(outDir)) return;
  for (const name of readdirSync(outDir)) {
    if (/^\d+\.txt$/.test(name) || /^reut2-\d{3}\.jsonl$/.test(name)) rmSync(join(outDir, name));
  }
}

/** Converts a sample of every `reut2-NNN.sgm` in `srcDir` into `outDir`. */
export function convertReuters(srcDir: string, outDir: string, perFile: number): ConversionSummary {
  wipeGenerated(outDir);
  mkdirSync(outDir, { recursive: true });
  const summary: ConversionSummary = { numTextFiles: 0, numJsonArticles: 0, numJsonFiles: 0, skipped: [], numBytes: 0 };
  const noteDate = (date: string | undefined): void => {
    if (date === undefined) return;
    if (summary.firstDate === undefined || date < summary.firstDate) summary.firstDate = date;
    if (summary.lastDate === undefined || date > summary.lastDate) summary.lastDate = date;
  };
  for (const name of listReutersFiles(srcDir)) {
    const fileNumber = Number(/\d{3}/.exec(name)?.[0]);
    const articles = readReutersFile(join(srcDir, name))
      .map(reutersToArticle)
      .filter((a): a is Article => a !== undefined);
    const sample = evenlySpaced(articles.length, perFile).map((i) => articles[i]);
    const jsonLines: string[] = [];
    for (const article of sample) {
      if (fileNumber % 2 === 0) {
        const result = toReferenceText(article);
        if ('problem' in result) {
          summary.skipped.push({ id: article.id, reason: result.problem });
          continue;
        }
        noteDate(article.date);
        const { text } = result;
        writeFileSync(join(outDir, `${article.id.slice('reuters/'.length)}.txt`), text);
        summary.numTextFiles += 1;
        summary.numBytes += Buffer.byteLength(text);
      } else {
        noteDate(article.date);
        jsonLines.push(JSON.stringify(article));
      }
    }
    if (jsonLines.length > 0) {
      const text = `${jsonLines.join('\n')}\n`;
      writeFileSync(join(outDir, name.replace(/\.sgm$/, '.jsonl')), text);
      summary.numJsonFiles += 1;
      summary.numJsonArticles += jsonLines.length;
      summary.numBytes += Buffer.byteLength(text);
    }
  }
  return summary;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      src: { type: 'string', default: '../shared/corpora/reuters21578' },
      out: { type: 'string', default: 'corpus/reuters' },
      'per-file': { type: 'string', default: String(DEFAULT_PER_FILE) },
    },
  });
  const srcDir = resolve(values.src);
  const perFile = Number(values['per-file']);
  if (!Number.isInteger(perFile) || perFile < 1) {
    console.error(`--per-file must be a positive integer, got "${values['per-file']}"`);
    process.exit(1);
  }
  if (!existsSync(srcDir) || !statSync(srcDir).isDirectory() || listReutersFiles(srcDir).length === 0) {
    console.error(
      `Reuters-21578 not found: "${srcDir}" has no reut2-NNN.sgm files.\n` +
        'Pass --src <folder of the Reuters-21578 distribution> (default ../shared/corpora/reuters21578).',
    );
    process.exit(1);
  }
  const s = convertReuters(srcDir, resolve(values.out), perFile);
  console.log(`Reuters-21578 -> ${values.out}`);
  console.log(`  reference text: ${s.numTextFiles} articles (${s.numTextFiles} .txt files)`);
  console.log(`  NDJSON:         ${s.numJsonArticles} articles (${s.numJsonFiles} .jsonl files)`);
  console.log(`  total:          ${s.numTextFiles + s.numJsonArticles} articles, ${(s.numBytes / 1e6).toFixed(2)} MB`);
  console.log(`  skipped:        ${s.skipped.length} (would break the reference format)`);
  for (const { id, reason } of s.skipped) console.log(`    ${id}: ${reason}`);
  console.log(`  dates:          ${s.firstDate ?? '-'} … ${s.lastDate ?? '-'}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();

/**
 * `npm run eval`: retrieval quality of ledesearch against a reference BM25 and peer libraries on
 * the TIME, CACM and ADI test collections. Prints one markdown table per collection and writes
 * them into EVALUATION.md between its markers.
 *
 * Usage: node dist/scripts/eval.js [--corpora DIR] [--collections ir-time,ir-cacm,ir-adi]
 *          [--engines ledesearch,bm25,lunr,minisearch,orama,flexsearch] [--out FILE]
 *          [--write | --dry-run] [--time-sentences N]
 *
 * The collections are read from `../shared/corpora` (relative to the working directory) unless
 * `--corpora` says otherwise. A missing collection is skipped with a message and the exit code
 * stays 0. EVALUATION.md is rewritten only when every requested collection ran (so a checkout
 * without the data never wipes the published tables), or when `--write` forces it.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  COLLECTION_NAMES,
  DEFAULT_PARAGRAPH_OPTIONS,
  loadCollection,
  missingFiles,
  type CollectionName,
} from './eval/collections.js';
import type { EvalEngine } from './eval/engine.js';
import { createLedesearchEngine } from './eval/ledesearch-engine.js';
import { createFlexSearchEngine, createLunrEngine, createMiniSearchEngine, createOramaEngine } from './eval/peers.js';
import { ReferenceBm25 } from './eval/reference-bm25.js';
import { replaceGenerated, resultsTable } from './eval/report.js';
import { runEngine, type EngineResult } from './eval/run-engine.js';

/** Engine keys accepted by `--engines`, each giving one or more table rows. */
const ENGINE_FACTORIES: Record<string, () => EvalEngine[]> = {
  ledesearch: () => [createLedesearchEngine()],
  bm25: () => [new ReferenceBm25({ k1: 0.9, b: 0.4 }), new ReferenceBm25({ k1: 1.2, b: 0.75 })],
  lunr: () => [createLunrEngine()],
  minisearch: () => [createMiniSearchEngine()],
  orama: () => [createOramaEngine()],
  flexsearch: () => [createFlexSearchEngine()],
};

const COLLECTION_TITLES: Record<CollectionName, string> = {
  'ir-time': 'TIME (423 TIME magazine articles, 1963)',
  'ir-cacm': 'CACM (3,204 CACM titles and abstracts)',
  'ir-adi': 'ADI (82 documentation-science abstracts)',
};

function usageError(message: string): never {
  console.error(`eval: ${message}`);
  process.exit(2);
}

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] {
  if (value === undefined) return [...allowed];
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) usageError(`unknown ${what} "${item}" (known: ${allowed.join(', ')})`);
  }
  return items as T[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpora: { type: 'string', default: join('..', 'shared', 'corpora') },
      collections: { type: 'string' },
      engines: { type: 'string' },
      out: { type: 'string', default: 'EVALUATION.md' },
      write: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'time-sentences': { type: 'string' },
    },
  });
  const collections = parseList(values.collections, COLLECTION_NAMES, 'collection');
  const engineKeys = parseList(values.engines, Object.keys(ENGINE_FACTORIES), 'engine');
  const timeSentences = values['time-sentences'] === undefined
    ? DEFAULT_PARAGRAPH_OPTIONS.timeSentencesPerParagraph
    : Number(values['time-sentences']);
  if (!Number.isInteger(timeSentences) || timeSentences < 0) usageError('--time-sentences must be an integer ≥ 0');

  const sections: string[] = [];
  const skipped: string[] = [];
  const settings = new Map<string, string>();
  for (const name of collections) {
    const dir = join(values.corpora, name);
    const why = missingFiles(name, dir);
    if (why !== undefined) {
      skipped.push(`${name}: ${why}`);
      console.log(`skipped ${name}: ${why}`);
      continue;
    }
    const collection = loadCollection(name, dir, { timeSentencesPerParagraph: timeSentences });
    const results: EngineResult[] = [];
    for (const key of engineKeys) {
      for (const engine of ENGINE_FACTORIES[key]()) {
        const result = await runEngine(engine, collection);
        results.push(result);
        settings.set(result.engine, result.settings);
      }
    }
    const numScored = results[0]?.metrics.numQueries ?? 0;
    const section =
      `### ${COLLECTION_TITLES[name]}\n\n` +
      `${collection.articles.length} documents, ${numScored} queries with at least one relevant document.\n\n` +
      resultsTable(results);
    sections.push(section);
    console.log(`\n${section}\n`);
  }

  if (skipped.length > 0) {
    console.log(`\nSkipped ${skipped.length} of ${collections.length} collection(s):\n${skipped.map((s) => `  - ${s}`).join('\n')}`);
    console.log('The collections live in ../shared/corpora (see its README.md); pass --corpora DIR to point elsewhere.');
  }
  if (sections.length === 0) {
    console.log('Nothing was evaluated; EVALUATION.md left unchanged.');
    return;
  }

  const command = ['npm run eval', ...process.argv.slice(2)].join(' ');
  const generated = [
    `Generated ${new Date().toISOString().slice(0, 10)} by \`${command}\` ` +
      `(Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}; TIME paragraphs of ${timeSentences} sentences).`,
    'Metrics as trec_eval: MAP over the ranking to depth 1000, nDCG@10, P@10, Recall@100, means over the queries ' +
      'with at least one relevant document. Times: wall clock, build = indexing every document, query = mean per query ' +
      '(1000 results asked for).',
    ...(skipped.length > 0 ? [`**Skipped:** ${skipped.join('; ')}.`] : []),
    ...sections,
    '### Engine settings\n\n' + [...settings].map(([engine, s]) => `- **${engine}**: ${s}`).join('\n'),
  ].join('\n\n');

  const write = !values['dry-run'] && (skipped.length === 0 || values.write);
  if (!write) {
    console.log(`\n${values.out} not written (${values['dry-run'] ? '--dry-run' : 'some collections were skipped; --write forces it'}).`);
    return;
  }
  const previous = existsSync(values.out) ? readFileSync(values.out, 'utf8') : '# Evaluation\n';
  writeFileSync(values.out, replaceGenerated(previous, generated));
  console.log(`\nWrote the tables into ${values.out}.`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

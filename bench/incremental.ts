/**
 * By-hand measurement (not part of `npm run bench`, not a test): how long bringing a snapshot
 * up to date takes when 1% new articles arrive, against a full rebuild, on Reuters replicated
 * 10× and written as a corpus folder of NDJSON files (1,000 articles a file).
 *
 *   npm run build && node --expose-gc dist/bench/incremental.js [--factor 10] [--corpora ../shared/corpora] [--keep DIR]
 *
 * Both sides run what `ledesearch index` runs (`loadOrBuildIndex`): the full side scans, reads
 * and indexes every file and writes the snapshot; the incremental side loads the snapshot,
 * scans the folder (stat only for unchanged files), reads the new files, adds their articles
 * and writes the snapshot again.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../lib/index.js';
import { loadOrBuildIndex, type LoadReporter } from '../lifecycle/load-index.js';
import { DEFAULT_CORPORA_DIR, loadBenchCorpus, replicateArticles } from './corpus.js';

const ARTICLES_PER_FILE = 1000;

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function writeFiles(dir: string, prefix: string, articles: readonly Article[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < articles.length; i += ARTICLES_PER_FILE) {
    const lines = articles.slice(i, i + ARTICLES_PER_FILE).map((a) => JSON.stringify({ ...a, origin: undefined }));
    await writeFile(join(dir, `${prefix}-${String(n++).padStart(5, '0')}.jsonl`), `${lines.join('\n')}\n`);
  }
  return n;
}

const quiet: LoadReporter = { info: () => {}, warn: (m) => console.error(`warning: ${m}`) };

async function timed<T>(label: string, run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const result = await run();
  const ms = performance.now() - t0;
  console.log(`${label}: ${(ms / 1000).toFixed(2)} s`);
  return { result, ms };
}

const factor = Number(flag('--factor') ?? 10);
const corpus = await loadBenchCorpus(flag('--corpora') ?? DEFAULT_CORPORA_DIR);
const all = replicateArticles(corpus.articles, factor);
const keep = flag('--keep');
const work = keep ?? (await mkdtemp(join(tmpdir(), 'ledesearch-incremental-')));
const dir = join(work, 'corpus');
const snapshot = join(work, 'index.snapshot');
await mkdir(dir, { recursive: true });
try {
  const numFiles = await writeFiles(dir, 'base', all);
  console.log(`${corpus.description} ×${factor}: ${all.length} articles in ${numFiles} files`);
  const full = await timed('full build (ledesearch index --full)', () => loadOrBuildIndex({ corpus: dir, snapshot, reporter: quiet, full: true }));

  const numNew = Math.round(all.length / 100);
  const fresh = corpus.articles.slice(0, numNew).map((a) => ({ ...a, id: `${a.id}#new` }));
  const newFiles = await writeFiles(dir, 'new', fresh);
  const incr = await timed(`incremental update with ${numNew} new articles in ${newFiles} files (ledesearch index)`, () =>
    loadOrBuildIndex({ corpus: dir, snapshot, reporter: quiet }),
  );
  const again = await timed('full rebuild of the same folder (ledesearch index --full)', () => loadOrBuildIndex({ corpus: dir, snapshot, reporter: quiet, full: true }));
  console.log(`modes: ${full.result.mode}, ${incr.result.mode}, ${again.result.mode}; articles ${incr.result.loaded.index.size} vs ${again.result.loaded.index.size}`);
  console.log(`incremental / full rebuild: ${((100 * incr.ms) / again.ms).toFixed(1)}% (target <= 10%)`);
} finally {
  if (!keep) await rm(work, { recursive: true, force: true });
}

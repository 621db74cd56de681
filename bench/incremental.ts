/**
 * By-hand measurement (not part of `npm run bench`, not a test): how long bringing a snapshot
 * up to date takes when 1% new articles arrive, against a full rebuild, on Reuters replicated
 * 10× and written as a corpus folder of NDJSON files (1,000 articles a file).
 *
 *   npm run build && node --expose-gc dist/bench/incremental.js [--factor 10] [--corpora ../shared/corpora] [--keep DIR]
 *
 * Each side runs what `ledesearch index` runs (`refreshSnapshot`): the full side scans, reads
 * and indexes every file and writes the snapshot; the incremental side scans the folder (stat
 * only for unchanged files), reads the new files and writes them to the snapshot's journal
 * without loading the snapshot. Then, for the whole picture: loading the snapshot with its
 * journal (what `serve` does next), and a second 1% written whole instead (`--journal-ratio 0`:
 * load, apply the journal and the update, write the snapshot: what the update that passes the
 * journal's share, or one with `--publish`, costs).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../lib/index.js';
import { loadOrBuildIndex, refreshSnapshot, type LoadReporter } from '../lifecycle/load-index.js';
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
  const full = await timed('full build (ledesearch index --full)', () => refreshSnapshot({ corpus: dir, snapshot, reporter: quiet, full: true }));

  const numNew = Math.round(all.length / 100);
  const batch = (tag: string): Article[] => corpus.articles.slice(0, numNew).map((a) => ({ ...a, id: `${a.id}#${tag}` }));
  const newFiles = await writeFiles(dir, 'new', batch('new'));
  const incr = await timed(`incremental update with ${numNew} new articles in ${newFiles} files, kept in the journal (ledesearch index)`, () =>
    refreshSnapshot({ corpus: dir, snapshot, reporter: quiet }),
  );
  const load = await timed('load of the snapshot and its journal (what serve does)', () => loadOrBuildIndex({ corpus: dir, snapshot, reporter: quiet }));
  await writeFiles(dir, 'more', batch('more'));
  const whole = await timed(`second update with ${numNew} new articles, written whole (ledesearch index --journal-ratio 0)`, () =>
    refreshSnapshot({ corpus: dir, snapshot, reporter: quiet, journalRatio: 0 }),
  );
  const again = await timed('full rebuild of the same folder (ledesearch index --full)', () => refreshSnapshot({ corpus: dir, snapshot, reporter: quiet, full: true }));
  console.log(`modes: ${full.result.mode}, ${incr.result.mode} (journal: ${incr.result.wroteJournal ? 'yes' : 'no'}), ${load.result.mode}, ${whole.result.mode}, ${again.result.mode}; articles ${load.result.loaded.index.size} + ${numNew} = ${whole.result.numArticles} vs ${again.result.numArticles}`);
  console.log(`incremental (journal) / full rebuild: ${((100 * incr.ms) / again.ms).toFixed(1)}% (target <= 10%)`);
  console.log(`update written whole / full rebuild: ${((100 * whole.ms) / again.ms).toFixed(1)}%`);
} finally {
  if (!keep) await rm(work, { recursive: true, force: true });
}

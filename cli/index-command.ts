/**
 * `ledesearch index [corpusDir] [--out FILE]`: rebuild the index and write the snapshot.
 */
import { stat } from 'node:fs/promises';
import { Command } from 'commander';
import { buildIndexFromCorpus } from '../server/build-index.js';
import { formatCorpusError, writeSnapshot } from '../server/load-index.js';
import type { CliIo } from './cli-io.js';
import { DEFAULT_CORPUS, DEFAULT_SNAPSHOT_HELP, defaultSnapshotFor, EXIT_FAILURE, EXIT_OK, UsageError } from './cli-options.js';
import { createProgress } from './progress.js';

/** Builds the `index` command; its action sets `process.exitCode` via `setExit`. */
export function createIndexCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('index')
    .description('rebuild the index from a corpus folder and write it as a snapshot')
    .argument('[corpusDir]', 'folder of article files (.txt reference format, .json, .jsonl)', DEFAULT_CORPUS)
    .option('-o, --out <file>', `snapshot file to write (default: ${DEFAULT_SNAPSHOT_HELP})`)
    .addHelpText(
      'after',
      '\nExit status: 0 when articles were indexed (even if some files were skipped; each is listed on stderr),\n1 when no article could be read, 2 for a usage error such as a missing folder.',
    )
    .action(async (corpusDir: string, opts: { out?: string }) => {
      const out = opts.out ?? defaultSnapshotFor(corpusDir);
      const isDir = await stat(corpusDir).then((s) => s.isDirectory(), () => false);
      if (!isDir) throw new UsageError(`corpus folder "${corpusDir}" does not exist or is not a folder`);
      const progress = createProgress(io.stderr, 'indexing');
      let built;
      try {
        built = await buildIndexFromCorpus(corpusDir, { onProgress: (done, total) => progress.update(done, total) });
      } finally {
        progress.stop();
      }
      const { errors, ...loaded } = built;
      for (const e of errors) io.stderr.write(`skipped ${formatCorpusError(e)}\n`);
      const stats = loaded.index.stats();
      if (stats.numArticles === 0) {
        io.stderr.write(`error: no article could be read from "${corpusDir}" (${errors.length} file${errors.length === 1 ? '' : 's'} or lines skipped); no snapshot written\n`);
        setExit(EXIT_FAILURE);
        return;
      }
      io.stdout.write(
        `indexed ${stats.numArticles} articles (${stats.numParagraphs} paragraphs, ${stats.numTerms} terms) from ${corpusDir} ` +
          `in ${(loaded.buildMs / 1000).toFixed(1)} s; ${errors.length} skipped\n`,
      );
      let wrote = '';
      const ok = await writeSnapshot(loaded, out, corpusDir, {
        info: (m) => (wrote = m),
        warn: (m) => io.stderr.write(`error: ${m}\n`),
      });
      if (!ok) {
        setExit(EXIT_FAILURE);
        return;
      }
      io.stdout.write(`${wrote}\n`);
      setExit(EXIT_OK);
    });
}

/**
 * `ledesearch index [corpusDir] [--out FILE] [--full]`: bring the snapshot up to date with the
 * corpus folder (only new, changed or gone files are read), or rebuild it.
 */
import { stat } from 'node:fs/promises';
import { Command } from 'commander';
import { formatBytes, formatCorpusError, refreshSnapshot } from '../lifecycle/load-index.js';
import { publishSnapshot } from '../lifecycle/publish.js';
import { DEFAULT_JOURNAL_RATIO } from '../lifecycle/update-journal.js';
import { schemaForCorpus } from '../lifecycle/schema-config.js';
import { CORPUS_CONFIG_FILE } from '../lib/index.js';
import type { CliIo } from './cli-io.js';
import { DEFAULT_CORPUS, DEFAULT_SNAPSHOT_HELP, defaultSnapshotFor, EXIT_FAILURE, EXIT_OK, UsageError } from './cli-options.js';
import { createProgress } from './progress.js';

/** Builds the `index` command; its action sets `process.exitCode` via `setExit`. */
export function createIndexCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('index')
    .description('index a corpus folder into a snapshot: an existing snapshot of the folder is updated (only new, changed or removed files are read)')
    .argument('[corpusDir]', 'folder of article files (.txt reference format, .json, .jsonl)', DEFAULT_CORPUS)
    .option('-o, --out <file>', `snapshot file to write (default: ${DEFAULT_SNAPSHOT_HELP})`)
    .option('--full', 'rebuild from every file, whatever the snapshot records')
    .option('--schema <file>', `configuration file declaring the corpus's fields ({ "schema": … }; default: ${CORPUS_CONFIG_FILE} in the corpus folder, when there is one)`)
    .option('--journal-ratio <share>', 'keep an update in the snapshot\'s journal while it holds at most this share of the snapshot\'s articles; 0 writes the snapshot whole every time', String(DEFAULT_JOURNAL_RATIO))
    .option('--publish <dir>', 'then publish the snapshot into this folder as its next generation, for replicas running serve --follow')
    .addHelpText(
      'after',
      '\nExit status: 0 when articles were indexed (even if some files were skipped; each is listed on stderr),\n1 when no article could be read, 2 for a usage error such as a missing folder.',
    )
    .action(async (corpusDir: string, opts: { out?: string; full?: boolean; publish?: string; schema?: string; journalRatio: string }) => {
      const journalRatio = Number(opts.journalRatio);
      if (!(opts.journalRatio.trim() !== '' && journalRatio >= 0 && journalRatio <= 1)) throw new UsageError(`--journal-ratio must be a number from 0 to 1, got "${opts.journalRatio}"`);
      const out = opts.out ?? defaultSnapshotFor(corpusDir);
      const isDir = await stat(corpusDir).then((s) => s.isDirectory(), () => false);
      if (!isDir) throw new UsageError(`corpus folder "${corpusDir}" does not exist or is not a folder`);
      const { schema } = await schemaForCorpus(corpusDir, opts.schema);
      const progress = createProgress(io.stderr, 'indexing');
      const t0 = performance.now();
      let wrote = '';
      let result;
      try {
        result = await refreshSnapshot({
          corpus: corpusDir,
          snapshot: out,
          full: opts.full === true,
          // Replicas load one file: a snapshot to publish is written whole, its journal folded in.
          whole: opts.publish !== undefined,
          journalRatio,
          schema,
          reporter: {
            // Why a snapshot is rebuilt is told when the schema is the reason (other reasons stay quiet, as before).
            info: (m) => (m.startsWith('wrote snapshot') ? (wrote = m) : m.startsWith('building the index') && / schema/.test(m) && io.stderr.write(`${m}\n`)),
            warn: (m) => io.stderr.write(`warning: ${m}\n`),
            progress: (done, total) => progress.update(done, total),
            problem: (e) => io.stderr.write(`skipped ${formatCorpusError(e)}\n`),
          },
        });
      } finally {
        progress.stop();
      }
      const { loaded, errors, mode, changes, wroteJournal } = result;
      const stats = loaded?.index.stats();
      const counts = stats ? `${stats.numArticles} articles (${stats.numParagraphs} paragraphs, ${stats.numTerms} terms)` : `${result.numArticles} articles`;
      const took = `${((loaded?.buildMs ?? performance.now() - t0) / 1000).toFixed(1)} s`;
      const publish = async (): Promise<void> => {
        if (opts.publish === undefined) return;
        const published = await publishSnapshot(out, opts.publish);
        io.stdout.write(`published generation ${published.generation} to ${opts.publish} (${published.file})\n`);
      };
      if (mode === 'snapshot') {
        io.stdout.write(`${out} is up to date with ${corpusDir}: ${counts}\n`);
        await publish();
        setExit(EXIT_OK);
        return;
      }
      if (mode === 'full') {
        io.stdout.write(`indexed ${counts} from ${corpusDir} in ${took}; ${errors.length} skipped\n`);
      } else {
        const c = changes ?? { filesRead: 0, filesRemoved: 0, added: 0, removed: 0 };
        io.stdout.write(
          `updated ${counts} from ${corpusDir} in ${took}: ${c.filesRead} new or changed files read, ${c.filesRemoved} gone; ` +
            `${c.added} articles added, ${c.removed} removed${mode === 'compacted' ? '; compacted' : ''}; ${errors.length} skipped\n`,
        );
      }
      if (wroteJournal) {
        io.stdout.write(
          `wrote the update to the journal of ${out} (${formatBytes(wroteJournal.bytes)}: ${wroteJournal.articles} articles added and ${wroteJournal.removed} removed since the snapshot was written whole)\n`,
        );
        setExit(EXIT_OK);
        return;
      }
      if (!result.wroteSnapshot) {
        setExit(EXIT_FAILURE);
        return;
      }
      io.stdout.write(`${wrote}\n`);
      await publish();
      setExit(EXIT_OK);
    });
}

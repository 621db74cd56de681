/**
 * `ledesearch search "query" [filters…] [--json]`: query the index from the terminal.
 *
 * The flags are turned into the very parameters GET /api/search takes and go through the same
 * schema and the same conversion, so `--json` prints what the HTTP endpoint would answer.
 */
import { Command, Option } from 'commander';
import { FACET_FIELDS, type SearchResult } from '../lib/index.js';
import { loadOrBuildIndex } from '../lifecycle/load-index.js';
import { createSchemaRegistry } from '../server/schemas.js';
import { parseSearchParams, toSearchOptions } from '../server/search-params.js';
import type { CliIo } from './cli-io.js';
import { collect, DEFAULT_CORPUS, DEFAULT_SNAPSHOT, parseCount } from './cli-options.js';
import { formatResults } from './format-results.js';
import { createProgress } from './progress.js';

/** The flags of `search`, as commander gives them. */
interface SearchFlags extends Partial<Record<(typeof FACET_FIELDS)[number], string[]>> {
  from?: string;
  to?: string;
  sort?: string;
  limit?: number;
  offset?: number;
  facets?: string;
  snippets?: number;
  match?: string;
  histogram?: boolean;
  json?: boolean;
  corpus: string;
  snapshot: string | false;
}

/**
 * JSON text as Express sends it with `json escape` on: `<`, `>` and `&` as \u escapes, so the
 * output is byte for byte an HTTP body.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Builds the `search` command. */
export function createSearchCommand(io: CliIo): Command {
  const command = new Command('search')
    .description('search the index and print the hits (or the HTTP response body with --json)')
    .argument('<query>', 'the words to search for; a trailing * makes a prefix (missil*)');
  for (const field of FACET_FIELDS) {
    command.option(`--${field} <value>`, `keep articles whose ${field} include this value (repeatable: values OR together)`, collect);
  }
  command
    .option('--from <date>', 'earliest date, inclusive (YYYY-MM-DD)')
    .option('--to <date>', 'latest date, inclusive (YYYY-MM-DD)')
    .addOption(new Option('--sort <order>', 'result order').choices(['relevance', 'date', 'date_asc']))
    .option('-n, --limit <n>', 'number of hits (at most 100)', parseCount)
    .option('--offset <n>', 'hits to skip', parseCount)
    .option('--facets <fields>', 'comma-separated facet fields to count (default: all; "" for none)')
    .option('--snippets <n>', 'snippets per hit', parseCount)
    .addOption(new Option('--match <mode>', 'any word (ranked by how many) or all words').choices(['any', 'all']))
    .option('--histogram', 'also count matches per month')
    .option('--json', 'print the result as JSON, exactly as GET /api/search returns it')
    .option('--corpus <dir>', 'corpus folder, used when the snapshot is missing or stale', DEFAULT_CORPUS)
    .option('--snapshot <file>', 'snapshot file to load (and to write after a rebuild)', DEFAULT_SNAPSHOT)
    .option('--no-snapshot', 'always build from the corpus, write no snapshot')
    .action(async (query: string, flags: SearchFlags) => {
      // Same parameters as the HTTP query string; the schema reports a bad one by name.
      const raw: Record<string, unknown> = { q: query };
      for (const field of FACET_FIELDS) if (flags[field]) raw[field] = flags[field];
      for (const key of ['from', 'to', 'sort', 'limit', 'offset', 'facets', 'snippets', 'match'] as const) {
        if (flags[key] !== undefined) raw[key] = String(flags[key]);
      }
      if (flags.histogram) raw.histogram = '1';
      const params = parseSearchParams(createSchemaRegistry(), raw);
      const { query: q, options } = toSearchOptions(params);

      const progress = createProgress(io.stderr, 'indexing');
      let skipped = 0;
      let loaded;
      try {
        ({ loaded } = await loadOrBuildIndex({
          corpus: flags.corpus,
          snapshot: flags.snapshot,
          reporter: {
            info: () => {},
            warn: (m) => io.stderr.write(`warning: ${m}\n`),
            progress: (done, total) => progress.update(done, total),
            problem: () => skipped++,
          },
        }));
      } finally {
        progress.stop();
      }
      if (skipped > 0) io.stderr.write(`warning: ${skipped} corpus files or lines were skipped (ledesearch index lists them)\n`);

      const result: SearchResult = loaded.index.search(q, options);
      if (flags.json) io.stdout.write(`${toJsonText(result)}\n`);
      else io.stdout.write(formatResults(result, { color: io.stdout.isTTY === true, offset: params.offset }));
    });
  return command;
}

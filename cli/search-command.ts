/**
 * `ledesearch search "query" [filters…] [--json]`: query the index from the terminal.
 *
 * The flags are turned into the very parameters GET /api/search takes and go through the same
 * schema and the same conversion, so `--json` prints what the HTTP endpoint would answer.
 */
import { Command, Option } from 'commander';
import { createSearchIndex, FACET_FIELDS, InvalidQueryError, type ResolvedSchema, type SearchIndex, type SearchOptions, type SearchResult } from '../lib/index.js';
import { FACET_BUCKETS_PREFIX, sortableFields } from '../server/declared-schemas.js';
import { loadOrBuildIndex } from '../lifecycle/load-index.js';
import { schemaForCorpus } from '../lifecycle/schema-config.js';
import { csvHeader, exportColumns, exportExtraFields, formatExportRow, type ExportField, type ExportFormat } from '../server/export-format.js';
import { HttpError } from '../server/http-error.js';
import { createSchemaRegistry } from '../server/schemas.js';
import { EVERY_FACET, parseSearchParams, toSearchOptions, type SearchParams } from '../server/search-params.js';
import type { CliIo, TextOut } from './cli-io.js';
import { collect, DEFAULT_CORPUS, DEFAULT_SNAPSHOT_HELP, defaultSnapshotFor, parseCount, UsageError } from './cli-options.js';
import { formatResults } from './format-results.js';
import { createProgress } from './progress.js';

/** The flags of `search`, as commander gives them. */
interface SearchFlags extends Partial<Record<(typeof FACET_FIELDS)[number], string[]>> {
  from?: string;
  to?: string;
  sort?: string;
  /** `field=value` for declared keyword fields (repeatable). */
  filter?: string[];
  /** `field=a..b` for declared number and date fields (repeatable). */
  range?: string[];
  /** Facet fields to count, one per flag (repeatable; added to --facets). */
  facet?: string[];
  /** `field=a..b,c..d` range-facet buckets of declared number fields (repeatable). */
  facetBuckets?: string[];
  /** Comma-separated number or date fields whose min and max to print. */
  stats?: string;
  limit?: number;
  offset?: number;
  facets?: string;
  snippets?: number;
  match?: string;
  /** `true` for a bare `--histogram` (months). */
  histogram?: boolean | string;
  share?: boolean;
  compare?: string;
  json?: boolean;
  all?: boolean;
  format?: ExportFormat;
  fields?: string;
  collapse?: boolean;
  corpus: string;
  schema?: string;
  /** Undefined: the corpus folder's default snapshot. */
  snapshot?: string | false;
}

/**
 * JSON text as Express sends it with `json escape` on: `<`, `>` and `&` as \u escapes, so the
 * output is byte for byte an HTTP body.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The library's option names in a message, spelled as the flags are (`dateFrom` → `--from`). */
function toFlagNames(message: string): string {
  return message.replace(/\bdateFrom\b/g, '--from').replace(/\bdateTo\b/g, '--to');
}

/**
 * The flags as search parameters, through the HTTP API's schema. A date the schema's pattern
 * refuses is reported in words rather than as the pattern.
 *
 * @throws HttpError (exit 2) naming the bad parameter; UsageError for a malformed date.
 */
function searchParams(raw: Record<string, unknown>, schema: ResolvedSchema): SearchParams {
  try {
    return parseSearchParams(createSchemaRegistry(undefined, schema), raw);
  } catch (error) {
    const bad = error instanceof HttpError ? error.details?.find((d) => d.parameter === 'from' || d.parameter === 'to') : undefined;
    if (bad?.parameter !== undefined && /pattern/.test(bad.message)) {
      throw new UsageError(`--${bad.parameter} ${JSON.stringify(raw[bad.parameter])} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY-MM-DDTHH:MM`);
    }
    throw error;
  }
}

/**
 * Checks the options by the library's own rules (an impossible date, `--from` after `--to` …)
 * on an empty index, so such a value is a usage error before any index is loaded or built.
 *
 * @throws UsageError with the library's message, in flag names.
 */
function checkOptions(query: string, options: SearchOptions, schema: ResolvedSchema): void {
  try {
    (schema.isDefault ? createSearchIndex() : (createSearchIndex({ schema: schema.definition }) as unknown as SearchIndex)).search(query, options);
  } catch (error) {
    if (error instanceof InvalidQueryError) throw new UsageError(toFlagNames(error.message));
    throw error;
  }
}

/** The extra export columns of `--fields`, checked against the HTTP API's list under `schema`. */
function exportFields(text: string, schema: ResolvedSchema): ExportField[] {
  const names = text.split(',').map((f) => f.trim()).filter((f) => f !== '');
  const known = exportExtraFields(schema);
  for (const name of names) {
    if (!known.includes(name)) throw new UsageError(`--fields: unknown field ${JSON.stringify(name)} (one of ${known.join(', ')})`);
  }
  return names;
}

/** Waits until `out` has taken what was written, when it is a stream that says it is full. */
async function drained(out: TextOut): Promise<void> {
  const stream = out as Partial<Pick<NodeJS.WritableStream, 'once'>>;
  if (typeof stream.once !== 'function') return;
  await new Promise<void>((resolve) => {
    stream.once?.('drain', () => resolve());
  });
}

/** Bytes gathered before a write to stdout. */
const CHUNK_BYTES = 64 * 1024;

/**
 * `--all`: every matching article (or group) to stdout in `format`, row by row from the
 * library's `searchAll` (no whole answer in memory), waiting for stdout when it is full; a
 * progress bar on stderr when that is a terminal. No row limit: the server's export cap guards
 * a shared service, not the user's own machine.
 */
async function writeExport(io: CliIo, index: SearchIndex, query: string, options: SearchOptions, format: ExportFormat, fields: ExportField[], collapsed: boolean): Promise<void> {
  const { limit: _l, offset: _o, snippets: _s, snippetLength: _sl, snippetParts: _sp, facets: _f, facetLimit: _fl, dateHistogram: _h, ...exportOptions } = options;
  const total = index.search(query, { ...exportOptions, collapseCount: 'groups', limit: 0, facets: [], snippets: 0, highlight: false, trackTotal: true }).total;
  const columns = exportColumns(fields, collapsed);
  const progress = createProgress(io.stderr, 'exporting');
  try {
    let chunk = format === 'csv' ? csvHeader(columns) : '';
    let done = 0;
    for (const row of index.searchAll(query, exportOptions)) {
      chunk += formatExportRow(format, row, columns);
      done += 1;
      if (chunk.length >= CHUNK_BYTES) {
        progress.update(done, total);
        const ok = io.stdout.write(chunk);
        chunk = '';
        if (ok === false) await drained(io.stdout);
      }
    }
    if (chunk !== '') io.stdout.write(chunk);
  } finally {
    progress.stop();
  }
}

/** `field=value` → [field, value], or a usage error naming the flag. */
function fieldAndValue(flag: string, text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--${flag} ${JSON.stringify(text)}: expected field=value`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
}

/**
 * Adds `--sort`, `--filter`, `--range`, `--facet`, `--facet-buckets` and `--stats` to the raw
 * parameters, as the HTTP query string spells them (`section=World`, `wordCount=300..800`,
 * `facetBuckets.wordCount=..300,300..`), so the schema generated
 * from the declared schema checks them and names a bad one. A `--sort` the schema does not
 * take is refused here in commander's words, with the orders it does take.
 */
function addDeclaredFlags(raw: Record<string, unknown>, flags: SearchFlags, schema: ResolvedSchema): void {
  if (flags.sort !== undefined) {
    const orders = ['relevance', 'date', 'date_asc', ...sortableFields(schema).flatMap((f) => [f.name, `-${f.name}`])];
    if (!orders.includes(flags.sort)) {
      throw new UsageError(`option '--sort <order>' argument '${flags.sort}' is invalid. Allowed choices are ${orders.join(', ')}.`);
    }
  }
  for (const text of flags.filter ?? []) {
    const [field, value] = fieldAndValue('filter', text);
    const before = raw[field];
    raw[field] = [...(Array.isArray(before) ? before : typeof before === 'string' ? [before] : []), value];
  }
  for (const text of flags.range ?? []) {
    const [field, value] = fieldAndValue('range', text);
    raw[field] = value;
  }
  for (const text of flags.facetBuckets ?? []) {
    const [field, value] = fieldAndValue('facet-buckets', text);
    raw[`${FACET_BUCKETS_PREFIX}${field}`] = value;
  }
  if (flags.facet !== undefined) raw.facets = [...(typeof raw.facets === 'string' ? [raw.facets] : []), ...flags.facet].join(',');
  if (flags.stats !== undefined) raw.stats = flags.stats;
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
    .option('--sort <order>', 'result order: relevance, date, date_asc, or a declared number or date field (wordCount ascending, -wordCount descending)')
    .option('--filter <field=value>', 'keep articles whose declared keyword field has this value (repeatable: values of one field OR together)', collect)
    .option('--range <field=a..b>', 'keep articles whose declared number or date field is within a..b, inclusive (either end may be left out; repeatable)', collect)
    .option('--facet <field>', 'count this facet field, declared ones included (repeatable; added to --facets, else instead of all)', collect)
    .option('--facet-buckets <field=buckets>', 'range-facet buckets of a declared number field for this search, from inclusive, to exclusive (wordCount=..300,300..800,800..); counts the field (repeatable)', collect)
    .option('--stats <fields>', 'comma-separated declared number or date fields whose min and max over the matches to print')
    .option('-n, --limit <n>', 'number of hits (at most 100)', parseCount)
    .option('--offset <n>', 'hits to skip', parseCount)
    .option('--facets <fields>', 'comma-separated facet fields to count, * for all (default: all in the terminal; none with --json, as GET /api/search; "" for none)')
    .option('--snippets <n>', 'snippets per hit', parseCount)
    .addOption(new Option('--match <mode>', 'any word (ranked by how many) or all words').choices(['any', 'all']))
    .addOption(new Option('--histogram [interval]', 'also count matches per interval (default month; auto: by the span of the matches)').choices(['day', 'week', 'month', 'year', 'auto']))
    .option('--share', 'with the histogram: each bucket\'s share of all articles dated in it (implies --histogram)')
    .option('--compare <query>', 'with the histogram: a second query counted over the same buckets (implies --histogram)')
    .option('--json', 'print the result as JSON, exactly as GET /api/search returns it')
    .option('--all', 'print every matching article (no paging) as CSV or NDJSON, as GET /api/export does')
    .addOption(new Option('--format <format>', 'with --all: csv (RFC 4180) or ndjson').choices(['csv', 'ndjson']).default('csv'))
    .option('--fields <fields>', 'with --all: comma-separated extra columns (author, dateline, category, topics, places, people, organisations, exchanges, origin, text, and declared fields returned in hits)')
    .option('--collapse', 'one hit (or row) per near-duplicate group, the other copies listed (counted with --all)')
    .option('--corpus <dir>', 'corpus folder, used when the snapshot is missing or stale', DEFAULT_CORPUS)
    .option('--schema <file>', 'configuration file declaring the corpus\'s fields (default: ledesearch.config.json in the corpus folder, when there is one)')
    .option('--snapshot <file>', `snapshot file to load (and to write after a rebuild) (default: ${DEFAULT_SNAPSHOT_HELP})`)
    .option('--no-snapshot', 'always build from the corpus, write no snapshot')
    .action(async (query: string, flags: SearchFlags) => {
      // Same parameters as the HTTP query string; the schema reports a bad one by name.
      const raw: Record<string, unknown> = { q: query };
      for (const field of FACET_FIELDS) if (flags[field]) raw[field] = flags[field];
      for (const key of ['from', 'to', 'sort', 'limit', 'offset', 'facets', 'snippets', 'match'] as const) {
        if (flags[key] !== undefined) raw[key] = String(flags[key]);
      }
      if (flags.histogram !== undefined || flags.share || flags.compare !== undefined) {
        raw.histogram = typeof flags.histogram === 'string' ? flags.histogram : '1';
      }
      if (flags.share) raw.histogramNormalize = '1';
      if (flags.compare !== undefined) raw.compare = flags.compare;
      // The terminal shows text with its matches emphasised, so it asks for those parts; --json
      // keeps the HTTP default, to print exactly what GET /api/search answers.
      if (!flags.json) raw.parts = 'text,matches';
      // The terminal lists facets under the hits; --json counts only those asked for, as HTTP does.
      if (!flags.json && flags.facets === undefined && flags.facet === undefined) raw.facets = EVERY_FACET;
      if (flags.collapse) raw.collapse = 'duplicates';
      if (flags.all && (flags.json || flags.limit !== undefined || flags.offset !== undefined)) {
        throw new UsageError('--all prints every match: it takes --format, not --json, --limit or --offset');
      }
      const { schema } = await schemaForCorpus(flags.corpus, flags.schema);
      const fields = flags.fields === undefined ? [] : exportFields(flags.fields, schema);
      addDeclaredFlags(raw, flags, schema);
      const params = searchParams(raw, schema);
      const { query: q, options } = toSearchOptions(params, schema);
      checkOptions(q, options, schema);

      const progress = createProgress(io.stderr, 'indexing');
      let skipped = 0;
      let loaded;
      try {
        ({ loaded } = await loadOrBuildIndex({
          corpus: flags.corpus,
          snapshot: flags.snapshot ?? defaultSnapshotFor(flags.corpus),
          schema,
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

      if (flags.all) {
        await writeExport(io, loaded.index, q, options, flags.format ?? 'csv', fields, flags.collapse === true);
        return;
      }
      const result: SearchResult = loaded.index.search(q, options);
      if (flags.json) io.stdout.write(`${toJsonText(result)}\n`);
      else io.stdout.write(formatResults(result, { color: io.stdout.isTTY === true, offset: params.offset, compareQuery: flags.compare }));
    });
  return command;
}

/**
 * The declared schema a corpus is indexed with, read from a configuration file: `--schema FILE`
 * when given, else `ledesearch.config.json` in the corpus folder, else the default schema.
 * Reading the file is here (I/O); what a schema means and whether it is valid is lib/schema's
 * (`resolveSchema`).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CORPUS_CONFIG_FILE, DEFAULT_SCHEMA, resolveSchema, SearchError, type ResolvedSchema } from '../lib/index.js';

/** Largest configuration file read, in bytes: 1 MiB (64 fields with labels and buckets take a few KiB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The properties a configuration file may have. */
const CONFIG_KEYS = ['schema'] as const;

/** Where a schema came from: a file, or nowhere (the default). */
export interface SchemaSource {
  /** The schema, resolved. */
  schema: ResolvedSchema;
  /** The file it was read from; absent for the default schema. */
  file?: string;
}

function invalid(file: string, message: string, details: Record<string, unknown> = {}): SearchError {
  return new SearchError('invalid_schema', `${file}: ${message}`, { ...details, file });
}

/**
 * Reads and checks a configuration file: `{ "schema": { "fields": { … }, "drop": [ … ] } }`.
 *
 * @throws SearchError `invalid_schema` whose message starts with the file's path and names the
 *   problem: unreadable, past {@link MAX_CONFIG_BYTES}, not JSON, not an object, an unknown
 *   property, or a schema `resolveSchema` refuses (naming the field).
 */
export async function readSchemaConfig(file: string): Promise<SchemaSource> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_CONFIG_BYTES) throw invalid(file, `the file is ${size} bytes, over the limit of ${MAX_CONFIG_BYTES}`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof SearchError) throw error;
    const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw invalid(file, `could not read the configuration file${code}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalid(file, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw invalid(file, 'expected an object like { "schema": { "fields": { … } } }');
  }
  const unknown = Object.keys(config).filter((key) => !(CONFIG_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw invalid(file, `unknown propert${unknown.length === 1 ? 'y' : 'ies'} ${unknown.map((k) => `"${k}"`).join(', ')} (a configuration file has: ${CONFIG_KEYS.join(', ')})`);
  }
  try {
    return { schema: resolveSchema((config as { schema?: unknown }).schema), file };
  } catch (error) {
    if (error instanceof SearchError) throw invalid(file, `schema: ${error.message}`, error.details);
    throw error;
  }
}

/**
 * The schema to index `corpus` with: from `schemaFile` when given, else from the corpus folder's
 * `ledesearch.config.json` when there is one, else the default schema.
 *
 * @throws SearchError `invalid_schema` for a bad configuration file (see {@link readSchemaConfig}).
 */
export async function schemaForCorpus(corpus: string, schemaFile?: string): Promise<SchemaSource> {
  if (schemaFile !== undefined) return readSchemaConfig(schemaFile);
  const inFolder = join(corpus, CORPUS_CONFIG_FILE);
  const exists = await stat(inFolder).then((s) => s.isFile(), () => false);
  return exists ? readSchemaConfig(inFolder) : { schema: DEFAULT_SCHEMA };
}

/** Names the declared fields of a schema for a log line: `section (keyword), wordCount (number)`, or `the default news fields`. */
export function describeSchema(schema: ResolvedSchema): string {
  if (schema.isDefault) return 'the default news fields';
  const fields = schema.fields.map((f) => `${f.name} (${f.type})`).join(', ');
  const dropped = [...schema.dropped];
  return `${fields || 'no declared fields'}${dropped.length > 0 ? `; dropping ${dropped.join(', ')}` : ''}`;
}

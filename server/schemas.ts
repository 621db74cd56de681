/**
 * The JSON Schemas of the HTTP API, read from `schema/` and compiled once at start-up.
 *
 * Two ajv instances, on purpose: requests are validated with type coercion (query strings are
 * all text, and a parameter given once is a string where the schema wants an array) and with
 * defaults filled in; responses are checked as they are, without coercion, so a test that
 * validates a body sees exactly what a client would get.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { HttpError } from './http-error.js';
import { DEFAULT_SCHEMA, type ResolvedSchema } from '../lib/index.js';
import { declareSchemaDocuments } from './declared-schemas.js';

/** The base every schema `$id` starts with. */
export const SCHEMA_BASE = 'https://ledesearch.dev/schema/';

/** The schema files of the API, by short name (`search-request` → `schema/search-request.schema.json`). */
export const SCHEMA_NAMES = [
  'common',
  'error',
  'empty-request',
  'search-request',
  'search-response',
  'article-request',
  'article-response',
  'similar-request',
  'export-request',
  'facets-request',
  'facets-response',
  'suggest-request',
  'suggest-response',
  'health-response',
  'reindex-request',
  'reindex-response',
  'openapi-response',
  'live-response',
  'ready-response',
  'schema-response',
] as const;

/** A short schema name. */
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** One problem with a request, naming the parameter when there is one. */
export interface RequestProblem {
  parameter?: string;
  message: string;
}

/** A JSON Schema document, as read from disk. */
export type SchemaDocument = Record<string, unknown>;

/** The compiled schemas of the API. Create one with {@link createSchemaRegistry}. */
export interface SchemaRegistry {
  /** The schema documents as read, by short name (used to assemble the OpenAPI document). */
  readonly documents: ReadonlyMap<SchemaName, SchemaDocument>;
  /**
   * Validates request parameters (a query string's object or a JSON body) and returns a copy
   * with types coerced and defaults filled in. Throws a 400 {@link HttpError} naming every bad
   * parameter.
   */
  parseRequest<T>(name: SchemaName, input: Record<string, unknown>): T;
  /** The problems of a response body against its schema; empty when it is valid. */
  checkResponse(name: SchemaName, body: unknown): RequestProblem[];
}

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, which is the
// plugin and also carries it as `.default` (the form TypeScript's types describe).
const addFormats = ajvFormats.default;

/** The `schema/` folder of the package: two levels up from the compiled `<outDir>/server/`. */
export function defaultSchemaDir(): string {
  return fileURLToPath(new URL('../../schema/', import.meta.url));
}

/**
 * Reads the schema files from `dir` and compiles them, for the declared schema `declared`
 * (default: the default schema; see `declared-schemas.ts`). Throws if one is missing or invalid.
 */
export function createSchemaRegistry(dir: string = defaultSchemaDir(), declared: ResolvedSchema = DEFAULT_SCHEMA): SchemaRegistry {
  const read = new Map<SchemaName, SchemaDocument>();
  for (const name of SCHEMA_NAMES) {
    const doc = JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8')) as SchemaDocument;
    if (doc.$id !== `${SCHEMA_BASE}${name}.schema.json`) {
      throw new Error(`schema ${name}.schema.json has $id ${JSON.stringify(doc.$id)}, expected ${SCHEMA_BASE}${name}.schema.json`);
    }
    read.set(name, doc);
  }
  const documents = declareSchemaDocuments(read, declared);
  const requestAjv = makeAjv({ coerceTypes: 'array', useDefaults: true });
  const responseAjv = makeAjv({});
  for (const doc of documents.values()) {
    requestAjv.addSchema(doc);
    responseAjv.addSchema(doc);
  }
  // Compile everything now, so a broken schema stops start-up rather than a request.
  const requests = new Map<SchemaName, ValidateFunction>();
  const responses = new Map<SchemaName, ValidateFunction>();
  for (const name of SCHEMA_NAMES) {
    requests.set(name, compiled(requestAjv, name));
    responses.set(name, compiled(responseAjv, name));
  }

  return {
    documents,
    parseRequest<T>(name: SchemaName, input: Record<string, unknown>): T {
      const validate = requests.get(name) as ValidateFunction;
      const copy: Record<string, unknown> = { ...input };
      if (validate(copy)) return copy as T;
      const details = toProblems(validate.errors ?? []);
      const first = details[0];
      const message = first?.parameter ? `invalid parameter "${first.parameter}": ${first.message}` : `invalid request: ${first?.message ?? 'rejected'}`;
      throw new HttpError(400, 'invalid_request', message, details);
    },
    checkResponse(name: SchemaName, body: unknown): RequestProblem[] {
      const validate = responses.get(name) as ValidateFunction;
      return validate(body) ? [] : toProblems(validate.errors ?? []);
    },
  };
}

function makeAjv(extra: { coerceTypes?: 'array'; useDefaults?: boolean }): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, ...extra });
  addFormats(ajv);
  return ajv;
}

function compiled(ajv: Ajv2020, name: SchemaName): ValidateFunction {
  const validate = ajv.getSchema(`${SCHEMA_BASE}${name}.schema.json`);
  if (!validate) throw new Error(`internal: schema ${name} was not registered`);
  return validate;
}

/** Turns ajv errors into one problem per parameter, in a form a client can show. */
function toProblems(errors: readonly ErrorObject[]): RequestProblem[] {
  const out: RequestProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // ajv reports the branches of an enum/anyOf separately; one line per parameter is enough.
    let parameter = e.instancePath.split('/')[1];
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      parameter = String((e.params as { additionalProperty: string }).additionalProperty);
      message = 'is not a known parameter';
    } else if (e.keyword === 'required') {
      parameter = String((e.params as { missingProperty: string }).missingProperty);
      message = 'is required';
    } else if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'type' && e.instancePath.split('/').length === 2 && (e.params as { type: string }).type !== 'array') {
      // A scalar parameter given several times arrives as an array.
      message = `must be a single ${String((e.params as { type: string }).type)}`;
    }
    const key = `${parameter ?? ''}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(parameter ? { parameter: decodePointer(parameter), message } : { message });
  }
  return out;
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

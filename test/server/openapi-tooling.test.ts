/**
 * Issue 13, "The server": the OpenAPI document passes Redocly's recommended lint, and a client
 * generated from it (openapi-typescript types + openapi-fetch) type-checks and makes real calls.
 */
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import request from 'supertest';
import ts from 'typescript';
import { closeGracefully, listen } from '../../server/http-server.js';
import { fixtureApp, REPO_ROOT } from './helpers.js';

type Json = Record<string, unknown>;

/** The document exactly as the server serves it. */
async function servedDocument<T = Json>(): Promise<T> {
  const { app } = await fixtureApp();
  const res = await request(app).get('/api/openapi.json');
  expect(res.status).to.equal(200);
  return res.body as T;
}

/** What `redocly lint --format=json` reports for one file. */
interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

/** Runs `@redocly/cli lint` with its built-in recommended rules on `file`, offline. */
function redoclyLint(file: string, cwd: string): Promise<LintReport> {
  const cli = join(REPO_ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  // No telemetry, no update check: the tests run without a network.
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'lint', file, '--format=json', '--extends=recommended'], { cwd, env }, (error, stdout, stderr) => {
      // Errors in the document give a non-zero exit with the report on stdout, which is what we want to see.
      try {
        resolve(JSON.parse(stdout) as LintReport);
      } catch {
        reject(new Error(`redocly lint gave no report (${error?.message ?? 'exit 0'}): ${stderr}`));
      }
    });
  });
}

describe('the OpenAPI document with third-party tools (issue 13)', () => {
  let scratch = '';
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'ledesearch-openapi-'));
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("passes Redocly's recommended lint with no error and no warning", async () => {
    const file = join(scratch, 'openapi.json');
    await writeFile(file, JSON.stringify(await servedDocument(), null, 2));
    const report = await redoclyLint(file, scratch);
    const problems = report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).to.deep.equal([]);
    expect(report.totals).to.deep.include({ errors: 0, warnings: 0 });
  }).timeout(120_000);

  it('lint finds what the document used to lack (the check is live)', async () => {
    const doc = await servedDocument();
    delete doc.servers;
    delete ((doc.paths as Json)['/api/search'] as { get: Json }).get.operationId;
    const file = join(scratch, 'broken.json');
    await writeFile(file, JSON.stringify(doc, null, 2));
    const report = await redoclyLint(file, scratch);
    expect(report.problems.map((p) => p.ruleId).sort()).to.deep.equal(['no-empty-servers', 'operation-operationId']);
  }).timeout(120_000);

  describe('a client generated with openapi-typescript and openapi-fetch', () => {
    let server: Server | undefined;
    afterEach(async () => {
      if (server) await closeGracefully(server, 100);
      server = undefined;
    });

    it('type-checks, rejects wrong calls at compile time, and searches the running server', async () => {
      const types = astToString(await openapiTS(await servedDocument<OpenAPI3>()));
      // Inside the repository, so that the client resolves openapi-fetch from its node_modules.
      const dir = join(REPO_ROOT, 'test-output', 'openapi-client');
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      await writeFile(join(dir, 'api.d.ts'), types);
      await writeFile(join(dir, 'client.ts'), CLIENT_SOURCE);

      const program = ts.createProgram([join(dir, 'client.ts')], {
        strict: true,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
        skipLibCheck: true,
        outDir: dir,
        rootDir: dir,
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      // Every @ts-expect-error in the client must be needed: the types reject those calls.
      expect(diagnostics).to.deep.equal([]);
      expect(program.emit().emitSkipped).to.equal(false);

      const { app } = await fixtureApp();
      const started = await listen(app, { port: 0, host: '127.0.0.1' });
      server = started.server;
      const client = (await import(pathToFileURL(join(dir, 'client.js')).href)) as ClientModule;

      const found = await client.search(started.url, 'oil');
      expect(found.total).to.be.greaterThan(0);
      expect(found.ids).to.include('markets/oil-1');
      const article = await client.article(started.url, found.ids[0], 'oil');
      expect(article.id).to.equal(found.ids[0]);
      expect(article.titleHtml).to.contain('<mark>');
      const failure = await client.badLimit(started.url);
      expect(failure).to.deep.equal({ status: 400, code: 'invalid_request', parameter: 'limit' });
    }).timeout(120_000);
  });
});

/** What the generated client module exports (the test's view of CLIENT_SOURCE). */
interface ClientModule {
  search(baseUrl: string, q: string): Promise<{ total: number; ids: string[] }>;
  article(baseUrl: string, id: string, q: string): Promise<{ id: string; titleHtml: string }>;
  badLimit(baseUrl: string): Promise<{ status: number; code: string; parameter?: string }>;
}

/** A small consumer of the generated types, as a user of the API would write it. */
const CLIENT_SOURCE = `
import createClient from 'openapi-fetch';
import type { operations, paths } from './api.js';

/** Operations are named by their operationId. */
type SearchResponse = operations['searchArticles']['responses'][200]['content']['application/json'];

function summarise(result: SearchResponse): { total: number; ids: string[] } {
  return { total: result.total, ids: result.hits.map((hit) => hit.id) };
}

export async function search(baseUrl: string, q: string): Promise<{ total: number; ids: string[] }> {
  const client = createClient<paths>({ baseUrl });
  const { data, error } = await client.GET('/api/search', { params: { query: { q, limit: 5, sort: 'relevance', facets: ['topics'] } } });
  if (error) throw new Error(error.code + ': ' + error.error);
  return summarise(data);
}

export async function article(baseUrl: string, id: string, q: string): Promise<{ id: string; titleHtml: string }> {
  const client = createClient<paths>({ baseUrl });
  const { data, error } = await client.GET('/api/articles/{id}', { params: { path: { id }, query: { q } } });
  if (error) throw new Error(error.code + ': ' + error.error);
  return { id: data.article.id, titleHtml: data.titleHtml };
}

export async function badLimit(baseUrl: string): Promise<{ status: number; code: string; parameter?: string }> {
  const client = createClient<paths>({ baseUrl });
  // limit is an integer to the types as well; past 100 only the server can say no.
  const { error, response } = await client.GET('/api/search', { params: { query: { q: 'oil', limit: 1000 } } });
  if (!error) throw new Error('expected a 400');
  return { status: response.status, code: error.code, parameter: error.details?.[0]?.parameter };
}

export function wrongCalls(): void {
  const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });
  // @ts-expect-error no such path
  void client.GET('/api/nothing');
  // @ts-expect-error sort has three values
  void client.GET('/api/search', { params: { query: { sort: 'sideways' } } });
  // @ts-expect-error limit is a number
  void client.GET('/api/search', { params: { query: { limit: 'ten' } } });
  // @ts-expect-error the article route needs its id
  void client.GET('/api/articles/{id}', { params: { path: {} } });
  // @ts-expect-error reindex is a POST
  void client.GET('/api/reindex');
}
`;

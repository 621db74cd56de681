/**
 * Shared by the server and CLI tests: paths (relative to the compiled test file, so any outDir
 * works), the fixture index, schema checks.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { createSearchIndex, loadCorpus, type Article, type SearchIndex } from '../../lib/index.js';
import { createApp, type AppOptions, type SearchApp } from '../../server/app.js';
import { createIndexHolder, type IndexHolder } from '../../server/index-holder.js';
import { createSchemaRegistry, type SchemaName } from '../../server/schemas.js';

/** The repository root: compiled tests live in `<outDir>/test/server/`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The compiled output folder the tests run from (dist/ or another outDir). */
export const OUT_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** The server fixtures. */
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'server');
/** A small corpus: 8 articles and one bad file. */
export const FIXTURE_CORPUS = join(FIXTURES, 'corpus');
/** A corpus of only bad files. */
export const BAD_CORPUS = join(FIXTURES, 'bad-corpus');
/** The newsroom example of a declared schema (issue 11): 13 articles and a ledesearch.config.json. */
export const NEWSROOM_EXAMPLE = join(REPO_ROOT, 'examples', 'newsroom');

/** The schemas, read once from the repository's `schema/` folder. */
export const schemas = createSchemaRegistry(join(REPO_ROOT, 'schema'));

let fixtureArticles: Promise<Article[]> | undefined;

/** The articles of the fixture corpus (read once). */
export function loadFixtureArticles(): Promise<Article[]> {
  fixtureArticles ??= loadCorpus(FIXTURE_CORPUS).then((r) => r.articles);
  return fixtureArticles;
}

/** A new index of the fixture articles (or of those `keep` accepts). */
export async function fixtureIndex(keep: (a: Article) => boolean = () => true): Promise<SearchIndex> {
  const index = createSearchIndex();
  index.addAll((await loadFixtureArticles()).filter(keep));
  return index;
}

/** An app over the fixture index, silent, with the tests' schema registry. */
export async function fixtureApp(options: AppOptions = {}): Promise<{ app: SearchApp; holder: IndexHolder }> {
  const holder = createIndexHolder(await fixtureIndex());
  return { app: createApp(holder, { logger: false, schemas, ...options }), holder };
}

/** Asserts `body` is valid against schema `name`, listing the problems if not. */
export function expectValid(name: SchemaName, body: unknown): void {
  const problems = schemas.checkResponse(name, body);
  expect(problems, `${name}: ${JSON.stringify(problems)}`).to.deep.equal([]);
}

/** Asserts an error response: status, JSON error body valid against its schema, code. */
export function expectError(res: { status: number; body: unknown; headers: Record<string, string> }, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/json/);
  expectValid('error', res.body);
  expect((res.body as { code: string }).code).to.equal(code);
}

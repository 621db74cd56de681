/**
 * The declared schema in service (issue 11): the configuration file (`ledesearch.config.json` in
 * the corpus folder or `--schema FILE`), checked with a clear error naming the file and field;
 * a snapshot built with another schema rebuilt, with a log line saying why; updates keeping it.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DEFAULT_SCHEMA, loadCorpus, readSnapshotMetadata, SearchError } from '../../lib/index.js';
import { manifestOf } from '../../lifecycle/corpus-manifest.js';
import { loadOrBuildIndex } from '../../lifecycle/load-index.js';
import { readSchemaConfig, schemaForCorpus } from '../../lifecycle/schema-config.js';
import { NEWSROOM_EXAMPLE as NEWSROOM } from '../server/helpers.js';
import { recorder } from './recorder.js';

async function failure(promise: Promise<unknown>): Promise<SearchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SearchError) return error;
    throw error;
  }
  throw new Error('expected a SearchError');
}

describe('schema configuration (lifecycle/schema-config.ts)', () => {
  let work = '';
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-schema-config-'));
  });
  afterEach(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('refuses a bad configuration file with invalid_schema, naming the file and the field', async () => {
    const file = join(work, 'bad.json');
    const cases: Array<[string, RegExp]> = [
      ['{ "schema": ', /not valid JSON/],
      ['[]', /expected an object/],
      ['{ "schema": {}, "fieldz": {} }', /unknown property "fieldz"/],
      ['{ "schema": { "fields": { "wordCount": { "type": "integer" } } } }', /wordCount/],
      ['{ "schema": { "fields": { "title": { "type": "text" } } } }', /title/],
      ['{ "schema": { "drop": ["body"] } }', /body/],
    ];
    for (const [text, pattern] of cases) {
      await writeFile(file, text);
      const error = await failure(readSchemaConfig(file));
      expect(error.code, text).to.equal('invalid_schema');
      expect(error.message.startsWith(`${file}: `), error.message).to.equal(true);
      expect(error.message, text).to.match(pattern);
      expect(error.details?.file).to.equal(file);
    }
    expect((await failure(readSchemaConfig(join(work, 'missing.json')))).message).to.contain('could not read');
  });

  it('takes --schema first, then the corpus folder\'s ledesearch.config.json, else the default schema', async () => {
    const fromFolder = await schemaForCorpus(NEWSROOM);
    expect(fromFolder.file).to.equal(join(NEWSROOM, 'ledesearch.config.json'));
    expect(fromFolder.schema.fields.map((f) => f.name)).to.include.members(['section', 'tags', 'wordCount', 'standfirst', 'imageUrl']);
    expect(fromFolder.schema.dropped.has('exchanges')).to.equal(true);

    const other = join(work, 'other.json');
    await writeFile(other, JSON.stringify({ schema: { fields: { section: { type: 'keyword' } } } }));
    const given = await schemaForCorpus(NEWSROOM, other);
    expect(given.schema.fields.map((f) => f.name)).to.deep.equal(['section']);

    const none = await schemaForCorpus(work);
    expect(none.schema).to.equal(DEFAULT_SCHEMA);
    expect(none.file).to.equal(undefined);
  });

  it('never reads the configuration file as an article', async () => {
    const { articles, errors } = await loadCorpus(NEWSROOM);
    expect(errors).to.deep.equal([]);
    expect(articles.some((a) => a.origin?.startsWith('ledesearch.config'))).to.equal(false);
    expect(articles).to.have.length(13);
  });

  it('rebuilds a snapshot built with another schema, saying why, and keeps the schema through updates', async () => {
    const corpus = join(work, 'newsroom');
    await cp(NEWSROOM, corpus, { recursive: true });
    const config = join(corpus, 'ledesearch.config.json');
    const snapshot = join(work, 'index.snapshot');

    // First with the default schema (as if the config were not there yet).
    const plain = recorder();
    const first = await loadOrBuildIndex({ corpus, snapshot, reporter: plain, schema: DEFAULT_SCHEMA });
    expect(first.mode).to.equal('full');
    expect(manifestOf(await readSnapshotMetadata(snapshot))?.schema).to.equal(undefined);
    // Undeclared fields are reported once, naming them.
    expect(plain.warnings.filter((w) => /declare/.test(w))).to.have.length(1);
    expect(plain.warnings[0]).to.contain('wordCount').and.contain('section');

    const { schema } = await readSchemaConfig(config);
    const custom = recorder();
    const second = await loadOrBuildIndex({ corpus, snapshot, reporter: custom, schema });
    expect(second.mode).to.equal('full');
    const why = custom.infos.find((m) => m.startsWith('building the index'));
    expect(why).to.match(/built with the default schema/).and.to.contain('wordCount (number)');
    expect(custom.warnings).to.deep.equal([]);
    expect(manifestOf(await readSnapshotMetadata(snapshot))?.schema).to.equal(schema.fingerprint);

    const again = await loadOrBuildIndex({ corpus, snapshot, reporter: recorder(), schema });
    expect(again.mode).to.equal('snapshot');

    // A changed file is an incremental update that keeps the schema.
    await writeFile(join(corpus, 'late.ndjson'), `${JSON.stringify({ id: 'late', title: 'Late budget news', body: 'More on the budget.', wordCount: 90, section: 'World' })}\n`);
    const updated = await loadOrBuildIndex({ corpus, snapshot, reporter: recorder(), schema });
    expect(updated.mode).to.equal('incremental');
    expect(updated.loaded.index.size).to.equal(14);
    expect(manifestOf(await readSnapshotMetadata(snapshot))?.schema).to.equal(schema.fingerprint);

    // Back to the default schema: rebuilt again, saying so.
    const back = recorder();
    expect((await loadOrBuildIndex({ corpus, snapshot, reporter: back, schema: DEFAULT_SCHEMA })).mode).to.equal('full');
    expect(back.infos.find((m) => m.startsWith('building the index'))).to.match(/another declared schema, and the default schema is asked for now/);
  });
});

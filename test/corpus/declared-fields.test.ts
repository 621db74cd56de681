/**
 * Reading a corpus with a declared schema (issue 11): JSON properties and reference-format
 * trailer lines into `Article.fields`, wrong types reported with file, line and field while the
 * rest loads, undeclared names warned about once per corpus, size limits on declared fields.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadCorpus } from '../../lib/corpus/load-corpus.js';
import { parseJsonArticles } from '../../lib/corpus/json-format.js';
import type { SchemaDefinition } from '../../lib/schema/field-schema.js';

const SCHEMA: SchemaDefinition = {
  fields: {
    section: { type: 'keyword' },
    tags: { type: 'keyword', multiple: true, label: 'Tags' },
    wordCount: { type: 'number', label: 'Word count' },
    updated: { type: 'date' },
    standfirst: { type: 'text', weight: 2 },
    imageUrl: { type: 'stored' },
  },
  drop: ['people'],
};

describe('loadCorpus with a declared schema', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledesearch-declared-'));
  });
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('maps JSON properties to fields, reports a wrong type with file, line and field, and loads the rest', async () => {
    const lines = [
      { id: 'a', title: 'A', body: 'x', section: ' World ', tags: ['ai', 'ai', ' chips '], wordCount: 512, updated: '2024-03-01T10:00:00Z', standfirst: 'Lead', imageUrl: 'https://i/a.png', people: ['dropped'] },
      { id: 'b', title: 'B', body: 'y', wordCount: 'long' },
      { id: 'c', title: 'C', body: 'z', tags: 'solo', mood: 'calm', colour: 'red' },
      { id: 'd', title: 'D', body: 'w', mood: 'grim' },
    ];
    await writeFile(join(dir, 'feed.ndjson'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const { articles, errors, warnings } = await loadCorpus(dir, { schema: SCHEMA });
    expect(articles.map((a) => a.id)).to.deep.equal(['a', 'c', 'd']);
    expect(articles[0].fields).to.deep.equal({
      section: 'World', tags: ['ai', 'chips'], wordCount: 512, updated: '2024-03-01T10:00:00Z', standfirst: 'Lead', imageUrl: 'https://i/a.png',
    });
    expect(articles[0]).to.not.have.property('people');
    expect(articles[1].fields).to.deep.equal({ tags: ['solo'] });
    expect(articles[2]).to.not.have.property('fields');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ file: 'feed.ndjson', line: 2, code: 'invalid_article' });
    expect(errors[0].reason).to.contain('wordCount').and.contain('long');
    expect(warnings).to.have.length(1);
    expect(warnings?.[0]).to.include({ code: 'undeclared_fields', articles: 2 });
    expect(warnings?.[0].fields).to.deep.equal(['colour', 'mood']);
    expect(warnings?.[0].reason).to.contain('mood (2)').and.contain('colour (1)');
  });

  it('reads declared trailer keys of the reference format by name or label, case-insensitively', async () => {
    const text = [
      'A title', '', 'A paragraph.', '', 'Mood: calm', 'Category: Korea', 'TAGS: ai, chips', 'tags: ai; robots', 'Word count: 1200', 'Updated: 2024-03-01', 'Section: World', 'People: dropped', '',
    ].join('\n');
    await writeFile(join(dir, 'one.txt'), text);
    await writeFile(join(dir, 'two.txt'), 'Two\n\nBody.\n\nWord count: many\n');
    const { articles, errors, warnings } = await loadCorpus(dir, { schema: SCHEMA });
    expect(articles.map((a) => a.id)).to.deep.equal(['one']);
    const [one] = articles;
    expect(one.category).to.deep.equal(['Korea']);
    expect(one).to.not.have.property('people');
    expect(one.fields).to.deep.equal({ section: 'World', tags: ['ai', 'chips', 'robots'], wordCount: 1200, updated: '2024-03-01' });
    // The unknown key stays where it always was: in the last paragraph block, and is reported.
    expect(one.paragraphs).to.deep.equal(['A paragraph.', 'Mood: calm']);
    expect(warnings?.[0].fields).to.deep.equal(['Mood']);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ file: 'two.txt', code: 'invalid_article' });
    expect(errors[0].reason).to.contain('wordCount').and.contain('many');
  });

  it('reads the default schema exactly as before: no fields, no warnings for default properties', async () => {
    await writeFile(join(dir, 'a.json'), JSON.stringify({ title: 'T', body: 'b', people: ['P'], section: 'World' }));
    await writeFile(join(dir, 'b.txt'), 'T\n\nBody.\n\nTags: a\nCategory: C\n');
    const { articles, warnings } = await loadCorpus(dir);
    expect(articles[0]).to.deep.equal({ id: 'a', title: 'T', paragraphs: ['b'], people: ['P'], origin: 'a.json' });
    expect(articles[1].paragraphs).to.deep.equal(['Body.', 'Tags: a']);
    expect(warnings?.[0].fields).to.deep.equal(['Tags', 'section']);
  });

  it('holds declared values to the field limits (text fields to the paragraph limit)', async () => {
    const long = 'x'.repeat(50);
    await writeFile(join(dir, 'a.ndjson'), [
      { id: 'keyword', title: 'T', body: 'b', section: long },
      { id: 'list', title: 'T', body: 'b', tags: ['1', '2', '3', '4'] },
      { id: 'text', title: 'T', body: 'b', standfirst: long },
      { id: 'textTooLong', title: 'T', body: 'b', standfirst: long.repeat(3) },
    ].map((l) => JSON.stringify(l)).join('\n'));
    const { articles, errors } = await loadCorpus(dir, { schema: SCHEMA, maxFieldChars: 40, maxListValues: 3, maxParagraphChars: 100 });
    expect(articles.map((a) => a.id)).to.deep.equal(['text']);
    expect(errors.map((e) => [e.line, e.code])).to.deep.equal([[1, 'too_large'], [2, 'too_large'], [4, 'too_large']]);
    expect(errors[0].reason).to.contain('"section"').and.contain('maxFieldChars');
    expect(errors[1].reason).to.contain('"tags"').and.contain('maxListValues');
    expect(errors[2].reason).to.contain('"standfirst"').and.contain('maxParagraphChars');
  });

  it('refuses an invalid schema with invalid_schema naming the field, before reading', async () => {
    const bad = { fields: { wordCount: { type: 'integer' } } } as unknown as SchemaDefinition;
    let caught: unknown;
    try {
      await loadCorpus(dir, { schema: bad });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.have.property('code', 'invalid_schema');
    expect(String((caught as Error).message)).to.contain('wordCount');
  });

  it('parseJsonArticles takes the schema too', () => {
    const { articles, errors } = parseJsonArticles(JSON.stringify([{ title: 'T', body: 'b', wordCount: 3 }, { title: 'T', body: 'b', updated: '2019-02-30' }]), 'f.json', 'json', { schema: SCHEMA });
    expect(articles.map((a) => a.article.fields)).to.deep.equal([{ wordCount: 3 }]);
    expect(errors[0].reason).to.contain('article [1]').and.contain('updated');
  });
});

import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { articleJsonSchema } from '../../lib/schema/article-json-schema.js';
import type { SchemaDefinition } from '../../lib/schema/field-schema.js';
import { NEWSROOM_SCHEMA } from './newsroom-corpus.js';

/** schema/article.schema.json, found from the compiled test's place (dist/test/schema/). */
const committed: unknown = JSON.parse(readFileSync(new URL('../../../schema/article.schema.json', import.meta.url), 'utf8'));

/** schemalib's newsroom schema, with a text field and a second drop. */
const NEWSROOM: SchemaDefinition = {
  fields: { ...NEWSROOM_SCHEMA.fields, standfirst: { type: 'text', weight: 2 } },
  drop: ['people', ...NEWSROOM_SCHEMA.drop],
};

function compile(schema: Record<string, unknown>): (value: unknown) => boolean {
  const ajv = new Ajv2020({ strict: true });
  addFormats.default(ajv, ['date', 'iso-date-time']);
  const validate = ajv.compile(schema);
  return (value) => validate(value);
}

describe('articleJsonSchema', () => {
  it('is schema/article.schema.json for the default schema, with or without an empty definition', () => {
    expect(articleJsonSchema()).to.deep.equal(committed);
    expect(articleJsonSchema({ fields: {}, drop: [] })).to.deep.equal(committed);
  });

  it('types every declared field and leaves dropped fields out, compiling in strict mode', () => {
    const schema = articleJsonSchema(NEWSROOM);
    const properties = schema.properties as Record<string, unknown>;
    for (const name of Object.keys(NEWSROOM.fields ?? {})) expect(properties, name).to.have.property(name);
    expect(properties).to.not.have.property('people');
    expect(properties).to.not.have.property('exchanges');
    expect(properties).to.have.property('places');
    expect(schema.$id).to.not.equal((committed as { $id: string }).$id);

    const validate = compile(schema);
    const base = { title: 'T', body: 'B' };
    const good = { ...base, section: 'World', tags: ['ai', 'chips'], wordCount: 512.5, updated: '2024-03-01T10:00:00Z', standfirst: 'S', imageUrl: 'https://x/y.png' };
    expect(validate(good)).to.equal(true);
    expect(validate({ ...base, tags: 'ai' }), 'a lone string for a multiple keyword').to.equal(true);
    expect(validate({ ...base, imageUrl: ['a', 'b'] }), 'a stored list of strings').to.equal(true);
    expect(validate({ ...base, imageUrl: 3 }), 'a stored number').to.equal(true);
    // Wrong types, each alone.
    for (const [field, value] of [
      ['wordCount', 'long'], ['wordCount', '300'], ['section', ['a']], ['section', 3], ['tags', [1]],
      ['updated', 'yesterday'], ['updated', 5], ['standfirst', { a: 1 }], ['imageUrl', { a: 1 }], ['imageUrl', [1]],
    ] as const) {
      expect(validate({ ...base, [field]: value }), `${field}: ${JSON.stringify(value)}`).to.equal(false);
    }
    // A dropped field is ignored like any other unknown property.
    expect(validate({ ...base, people: 7 })).to.equal(true);
  });

  it('gives different $ids to different field lists, so two generated schemas can sit in one ajv', () => {
    const a = articleJsonSchema({ fields: { a: { type: 'keyword' } } });
    const b = articleJsonSchema({ fields: { b: { type: 'keyword' } } });
    expect(a.$id).to.not.equal(b.$id);
    const ajv = new Ajv2020({ strict: true });
    addFormats.default(ajv, ['date', 'iso-date-time']);
    ajv.addSchema(a).addSchema(b);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'chai';
import { parseJsonArticles } from '../../lib/corpus/json-format.js';

/** The repository root, found by walking up from this file (works from any build folder). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'schema', 'article.schema.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('schema/article.schema.json not found above the test file');
    dir = parent;
  }
  return dir;
}

const one = (value: unknown): string => JSON.stringify(value);
const GOOD = { title: 'Grain exports rise', paragraphs: ['First.', 'Second.'] };

describe('parseJsonArticles', () => {
  describe('#json', () => {
    it('reads one article object and normalises it', () => {
      const { articles, errors } = parseJsonArticles(
        one({
          id: 'a-1',
          title: '  Grain exports rise ',
          body: 'First line\nwraps.\n\n \nSecond.\n',
          date: '2019-10-10 06:02:00z',
          publisher: ' Reuters ',
          author: '',
          category: 'Markets',
          topics: ['grain', ' wheat ', '', 'grain'],
          wordCount: 12,
          extra: { nested: true },
        }),
        'a.json',
        'json',
      );
      expect(errors).to.deep.equal([]);
      expect(articles).to.deep.equal([
        {
          article: {
            id: 'a-1',
            title: 'Grain exports rise',
            paragraphs: ['First line wraps.', 'Second.'],
            date: '2019-10-10T06:02:00Z',
            publisher: 'Reuters',
            category: ['Markets'],
            topics: ['grain', 'wheat'],
          },
        },
      ]);
    });

    it('prefers paragraphs to body, keeps repeated paragraphs and drops empty ones', () => {
      const { articles } = parseJsonArticles(one({ title: 'T', paragraphs: ['A.', '', 'A.'], body: 'ignored' }), 'a.json', 'json');
      expect(articles[0].article.paragraphs).to.deep.equal(['A.', 'A.']);
      expect(articles[0].article).not.to.have.property('id');
    });

    it('normalises dates without changing their meaning', () => {
      const dateOf = (date: string): string | undefined =>
        parseJsonArticles(one({ ...GOOD, date }), 'a.json', 'json').articles[0]?.article.date;
      expect(dateOf('2019-10-10')).to.equal('2019-10-10');
      expect(dateOf('2019-10-10T06:02:00')).to.equal('2019-10-10T06:02:00');
      expect(dateOf('2019-10-10T06:02:00.250+0900')).to.equal('2019-10-10T06:02:00.250+09:00');
      expect(dateOf('2019-10-10t06:02:00-05')).to.equal('2019-10-10T06:02:00-05:00');
    });

    it('reads an array of articles, reporting a bad one by its index while the others load', () => {
      const { articles, errors } = parseJsonArticles(one([GOOD, { title: 'No body' }, { ...GOOD, id: 'x' }]), 'b.json', 'json');
      expect(articles.map((a) => a.index)).to.deep.equal([0, 2]);
      expect(articles[1].article.id).to.equal('x');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'b.json', code: 'invalid_article' });
      expect(errors[0].reason).to.equal('article [1]: missing required field "paragraphs" or "body"');
    });

    it('reports JSON that does not parse, with the line it breaks on', () => {
      const { articles, errors } = parseJsonArticles('{\n  "title": "T",\n  "paragraphs": ["x"],\n}\n', 'c.json', 'json');
      expect(articles).to.deep.equal([]);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'c.json', code: 'invalid_json', line: 4 });
      const truncated = parseJsonArticles('[\n  {"title": "T",\n', 't.json', 'json').errors;
      expect(truncated).to.have.length(1);
      expect(truncated[0]).to.include({ file: 't.json', code: 'invalid_json', line: 2 });
    });

    it('reports an empty or whitespace-only file', () => {
      expect(parseJsonArticles(' \n', 'e.json', 'json').errors).to.deep.equal([
        { file: 'e.json', code: 'empty', reason: 'the file has no text' },
      ]);
    });

    it('reports an empty array, which adds no article (found by the corpus fuzz test)', () => {
      expect(parseJsonArticles('[ ]', 'e.json', 'json')).to.deep.equal({
        articles: [],
        errors: [{ file: 'e.json', code: 'empty', reason: 'the file holds an empty array: no articles' }],
      });
    });

    it('reports a document that is not an article', () => {
      const { errors } = parseJsonArticles('42', 'n.json', 'json');
      expect(errors).to.deep.equal([{ file: 'n.json', code: 'invalid_article', reason: 'article must be object, got 42' }]);
    });
  });

  describe('#ndjson', () => {
    it('reads one article per line, skipping blank lines, with 1-based line numbers', () => {
      const text = `${one(GOOD)}\n\n  \n${one({ ...GOOD, id: 'k' })}\r\n`;
      const { articles, errors } = parseJsonArticles(text, 'd.ndjson', 'ndjson');
      expect(errors).to.deep.equal([]);
      expect(articles.map((a) => a.line)).to.deep.equal([1, 4]);
      expect(articles[1].article.id).to.equal('k');
    });

    it('reports a broken line with its line number while the other lines load', () => {
      const text = [one(GOOD), '{"title": "broken", ', one({ ...GOOD, title: 'Third' })].join('\n');
      const { articles, errors } = parseJsonArticles(text, 'd.ndjson', 'ndjson');
      expect(articles.map((a) => [a.line, a.article.title])).to.deep.equal([[1, 'Grain exports rise'], [3, 'Third']]);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'd.ndjson', line: 2, code: 'invalid_json' });
      expect(errors[0].reason).to.match(/^line 2 is not valid JSON: /);
    });
  });

  describe('#schema violations', () => {
    /** The single error a one-line NDJSON file with this article gives. */
    const violation = (value: unknown): { code: string; line?: number; reason: string } => {
      const { articles, errors } = parseJsonArticles(one(value), 'v.ndjson', 'ndjson');
      expect(articles).to.deep.equal([]);
      expect(errors).to.have.length(1);
      return errors[0];
    };

    it('names a missing title', () => {
      expect(violation({ paragraphs: ['x'] })).to.deep.equal({
        file: 'v.ndjson', line: 1, code: 'invalid_article', reason: 'missing required field "title"',
      });
    });

    it('names a blank title', () => {
      expect(violation({ title: '  ', paragraphs: ['x'] }).reason).to.match(/^field "title" is invalid .*got " {2}"$/);
    });

    it('names a paragraph that is not a string, with its index', () => {
      expect(violation({ title: 'T', paragraphs: ['x', 3] }).reason).to.equal('field "paragraphs[1]" must be string, got 3');
    });

    it('names a date that is not ISO 8601 or not a real day', () => {
      expect(violation({ ...GOOD, date: '10/10/2019' }).reason).to.match(/^field "date" is invalid .*got "10\/10\/2019"$/);
      expect(violation({ ...GOOD, date: '2019-02-29' }).reason).to.match(/^field "date" .*"2019-02-29"$/);
      expect(violation({ ...GOOD, date: '2019-02-31T10:00:00' }).code).to.equal('invalid_article');
    });

    it('names list and scalar fields of the wrong type', () => {
      expect(violation({ ...GOOD, topics: 'earn' }).reason).to.equal('field "topics" must be array, got "earn"');
      expect(violation({ ...GOOD, id: 7 }).reason).to.equal('field "id" must be string, got 7');
      expect(violation({ ...GOOD, category: [1] }).reason).to.match(/^field "category" is invalid/);
      expect(violation({ ...GOOD, publisher: null }).reason).to.equal('field "publisher" must be string, got null');
    });
  });

  describe('#hostile input (issue 13)', () => {
    it('refuses JSON nested past 64 levels before parsing it, as too_large', () => {
      const { articles, errors } = parseJsonArticles(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`, 'deep.json', 'json');
      expect(articles).to.deep.equal([]);
      expect(errors.map((e) => [e.file, e.code])).to.deep.equal([['deep.json', 'too_large']]);
    });

    it('quotes at most 60 characters of a long offending value', () => {
      const { errors } = parseJsonArticles(one({ title: 'T', paragraphs: 'x'.repeat(1_000_000) }), 'a.json', 'json');
      expect(errors).to.have.length(1);
      expect(errors[0].reason.length).to.be.below(200);
    });

    it('lists at most maxErrors problems and counts the rest', () => {
      const text = Array.from({ length: 30 }, () => '{').join('\n');
      const { errors } = parseJsonArticles(text, 'a.ndjson', 'ndjson', { maxErrors: 10 });
      expect(errors.map((e) => e.line)).to.deep.equal([...Array.from({ length: 10 }, (_, i) => i + 1), undefined]);
      expect(errors[10]).to.include({ code: 'too_many_errors' });
      expect(errors[10].reason).to.include('20 more problems');
    });

    it('rejects a maxErrors that is not a positive integer', () => {
      expect(() => parseJsonArticles('{}', 'a.json', 'json', { maxErrors: 0 })).to.throw(RangeError, 'maxErrors');
    });
  });
});

describe('article.schema.json', () => {
  const schema: unknown = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'article.schema.json'), 'utf8'));

  describe('#compile', () => {
    it('is a draft 2020-12 schema with its $id', () => {
      expect(schema).to.include({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'https://ledesearch.dev/schema/article.schema.json',
      });
    });

    it('compiles in ajv strict mode, as the server will use it', () => {
      const ajv = new Ajv2020({ strict: true });
      addFormats.default(ajv);
      if (typeof schema !== 'object' || schema === null) throw new Error('schema is not an object');
      const validate = ajv.compile(schema);
      expect(validate({ title: 'T', body: 'B', date: '2019-10-10T06:02:00', extra: 1 })).to.equal(true);
      expect(validate({ title: 'T' })).to.equal(false);
    });
  });
});

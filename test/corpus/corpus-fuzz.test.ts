/**
 * Fuzzing the corpus reader (issue 13): whatever a file holds — random bytes, random JSON
 * (deep, wide, wrong types), random text in the shape of the reference format — the readers
 * never throw, every input gives articles or errors, and good files beside it always load.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { parseJsonArticles } from '../../lib/corpus/json-format.js';
import { loadCorpus } from '../../lib/corpus/load-corpus.js';
import { parseReferenceArticle } from '../../lib/corpus/reference-format.js';
import { createSearchIndex } from '../../lib/search/search-index.js';
import type { Article, CorpusError } from '../../lib/types.js';
import type { SchemaDefinition } from '../../lib/schema/field-schema.js';

const CODES = new Set([
  'read_failed', 'empty', 'binary', 'invalid_encoding', 'invalid_json', 'invalid_article',
  'missing_title', 'too_large', 'duplicate_id', 'too_many_errors',
]);

/** Checks one error is well formed and belongs to `file`. */
function expectError(error: CorpusError, file: string): void {
  expect(error.file).to.equal(file);
  expect(CODES.has(error.code), error.code).to.equal(true);
  expect(error.reason).to.be.a('string').that.is.not.empty;
  if (error.line !== undefined) expect(Number.isInteger(error.line) && error.line >= 1, String(error.line)).to.equal(true);
}

/** A value of a wrong or right type for an article field. */
const fieldValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.string(),
    fc.constantFrom('', '   ', '2019-10-10', '2019-10-31T23:30:00-05:00', '2019-02-30', 'yesterday'),
    fc.array(fc.string(), { maxLength: 5 }),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  );

/** Something shaped like an article, with any field of any type, or missing. */
const articleLike = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      id: fieldValue(), title: fieldValue(), paragraphs: fieldValue(), body: fieldValue(), date: fieldValue(),
      publisher: fieldValue(), url: fieldValue(), category: fieldValue(), topics: fieldValue(), extra: fc.jsonValue({ maxDepth: 3 }),
    },
    { requiredKeys: [] },
  );

/** JSON nested `depth` levels deep, by arrays or by objects. */
const deepJson = (): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean()).map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

/** Random JSON text: any value, an article-like object or an array of them, deep, or wide. */
const randomJsonText = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
    articleLike().map((v) => JSON.stringify(v)),
    fc.array(articleLike(), { maxLength: 8 }).map((v) => JSON.stringify(v)),
    deepJson(),
    fc.integer({ min: 0, max: 5_000 }).map((n) => JSON.stringify({ title: 'Wide', paragraphs: ['p'], category: Array.from({ length: n }, (_, i) => `c${i}`) })),
  );

/** Random NDJSON text: lines of random JSON, broken JSON and blanks. */
const randomNdjsonText = (): fc.Arbitrary<string> =>
  fc.array(fc.oneof(randomJsonText(), fc.string(), fc.constant('')), { maxLength: 12 }).map((lines) => lines.join('\n'));

/** Text shaped like the reference format: title, dateline, paragraphs, trailer lines, noise. */
const referenceText = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('\n', '\r\n'),
      fc.array(
      fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.constantFrom('', ' ', '\t', 'Print This Post', 'Category: Korea', 'Topics: grain; wheat', 'Author:', 'Url: x'),
        fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('Oct', 'Feb', 'Foo', 'september'), fc.integer({ min: 0, max: 9999 }), fc.string({ maxLength: 30 }))
          .map(([d, m, y, rest]) => `${d}-${m}-${y} ${rest}`),
        fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map((cols) => `10-Oct-2019 ${cols.join(' | ')} 6:02 AM`),
        fc.tuple(fc.constantFrom('Category', 'Places', 'People', 'Dateline', 'Source', 'X'), fc.string()).map(([k, v]) => `${k}: ${v}`),
      ),
        { maxLength: 20 },
      ),
    )
    .map(([eol, lines]) => lines.join(eol));

/** Valid article JSON with a few bytes overwritten. */
const corruptedJsonBytes = (): fc.Arbitrary<Uint8Array> =>
  fc
    .tuple(
      articleLike().map((v) => new TextEncoder().encode(JSON.stringify({ title: 'T', paragraphs: ['p'], ...v }))),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    )
    .map(([bytes, flips]) => {
      const out = Uint8Array.from(bytes);
      for (const [at, byte] of flips) out[at % out.length] = byte;
      return out;
    });

describe('corpus reader fuzz (issue 13)', () => {
  describe('#parseJsonArticles', () => {
    it('never throws on random JSON or random text, and reports every failure as an error of the file', () => {
      fc.assert(
        fc.property(fc.oneof(randomJsonText(), randomNdjsonText(), fc.string(), fc.string({ unit: 'binary' })), fc.constantFrom('json', 'ndjson') as fc.Arbitrary<'json' | 'ndjson'>, (text, kind) => {
          const { articles, errors } = parseJsonArticles(text, 'f.json', kind);
          for (const error of errors) expectError(error, 'f.json');
          if (text.trim() !== '') expect(articles.length + errors.length).to.be.above(0);
          for (const { article } of articles) {
            expect(article.title.trim()).to.not.equal('');
            expect(article.paragraphs.every((p) => typeof p === 'string')).to.equal(true);
          }
        }),
        { numRuns: 800 },
      );
    });
  });

  describe('#parseJsonArticles with a declared schema (issue 11)', () => {
    const schema: SchemaDefinition = {
      fields: {
        section: { type: 'keyword' }, tags: { type: 'keyword', multiple: true }, wordCount: { type: 'number' },
        updated: { type: 'date' }, standfirst: { type: 'text' }, imageUrl: { type: 'stored' },
      },
      drop: ['topics'],
    };
    const declaredLike = (): fc.Arbitrary<Record<string, unknown>> =>
      fc.tuple(articleLike(), fc.record(
        { section: fieldValue(), tags: fieldValue(), wordCount: fc.oneof(fieldValue(), fc.double()), updated: fieldValue(), standfirst: fieldValue(), imageUrl: fieldValue() },
        { requiredKeys: [] },
      )).map(([a, b]) => ({ ...a, ...b }));

    it('never throws, and every field it keeps has its declared type', () => {
      fc.assert(
        fc.property(fc.array(declaredLike(), { maxLength: 6 }), (records) => {
          const text = records.map((r) => JSON.stringify(r)).join('\n');
          const { articles, errors } = parseJsonArticles(text, 'f.ndjson', 'ndjson', { schema });
          for (const error of errors) expectError(error, 'f.ndjson');
          for (const { article } of articles) {
            expect(article).to.not.have.property('topics');
            const f = article.fields ?? {};
            if ('section' in f) expect(f.section).to.be.a('string').that.is.not.empty;
            if ('tags' in f) expect(Array.isArray(f.tags) && (f.tags as unknown[]).every((t) => typeof t === 'string' && t !== '')).to.equal(true);
            if ('wordCount' in f) expect(Number.isFinite(f.wordCount)).to.equal(true);
            if ('updated' in f) expect(f.updated).to.match(/^\d{4}-\d{2}-\d{2}/);
            if ('standfirst' in f) expect(f.standfirst).to.be.a('string');
            expect(Object.keys(f).every((k) => k in (schema.fields ?? {}))).to.equal(true);
          }
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('#parseReferenceArticle', () => {
    it('never throws on random reference-format text, and gives an article or errors', () => {
      fc.assert(
        fc.property(
          fc.oneof(referenceText(), fc.string(), fc.string({ unit: 'binary' })),
          fc.record({ maxParagraphs: fc.integer({ min: 1, max: 5 }), maxArticleChars: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: [] }),
          (text, options) => {
            const { article, errors } = parseReferenceArticle(text, 'f.txt', options);
            for (const error of errors) expectError(error, 'f.txt');
            expect(article === undefined).to.equal(errors.length > 0);
            if (article) expect(article.title.trim()).to.not.equal('');
          },
        ),
        { numRuns: 2000 },
      );
    });
  });

  describe('#loadCorpus', () => {
    let root = '';
    let numCorpora = 0;
    before(async () => {
      root = await mkdtemp(join(tmpdir(), 'ledesearch-fuzz-'));
    });
    after(async () => {
      if (root) await rm(root, { recursive: true, force: true });
    });

    const GOOD: Record<string, string> = {
      'good.txt': 'Good title\n\n10-Oct-2019 Intellasia | KoreaTimes | 6:02 AM\n\nA good paragraph.\n\nCategory: Korea\n',
      'good.ndjson': `${JSON.stringify({ title: 'Good line', body: 'p' })}\n`,
    };
    // In path order: good.ndjson sorts before good.txt.
    const GOOD_IDS = ['good:1', 'good'];

    /** A random file: its name (sorting after the good files, so it cannot take their ids) and bytes. */
    const randomFile = (): fc.Arbitrary<[string, string | Uint8Array]> =>
      fc.oneof(
        fc.tuple(fc.constantFrom('txt', 'json', 'ndjson'), fc.uint8Array({ maxLength: 3000 })),
        fc.tuple(fc.constant('json'), randomJsonText()),
        fc.tuple(fc.constant('ndjson'), randomNdjsonText()),
        fc.tuple(fc.constant('json'), corruptedJsonBytes()),
        fc.tuple(fc.constant('txt'), referenceText()),
      ).map(([ext, content]): [string, string | Uint8Array] => [ext, content]);

    it('loads the good files beside any random files, and gives each random file articles or errors', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(randomFile(), { minLength: 1, maxLength: 4 }), async (files) => {
          const dir = join(root, `c${numCorpora++}`);
          await mkdir(dir);
          const names = files.map(([ext], i) => `z-fuzz-${i}.${ext}`);
          await Promise.all([
            ...Object.entries(GOOD).map(([name, text]) => writeFile(join(dir, name), text)),
            ...files.map(([, content], i) => writeFile(join(dir, names[i]), content)),
          ]);
          const { articles, errors } = await loadCorpus(dir);
          expect(articles.slice(0, 2).map((a: Article) => a.id)).to.deep.equal(GOOD_IDS);
          for (const error of errors) {
            expect(names, error.file).to.include(error.file);
            expectError(error, error.file);
          }
          for (const name of names) {
            const had = articles.some((a) => a.origin?.startsWith(name)) || errors.some((e) => e.file === name);
            expect(had, name).to.equal(true);
          }
          for (const article of articles) expect(article.title.length).to.be.within(1, 1_000);
          // What the loader accepts the index accepts too (same date reader, same checks).
          const index = createSearchIndex();
          for (const article of articles) index.add(article);
          expect(index.size).to.equal(articles.length);
          await rm(dir, { recursive: true, force: true });
        }),
        { numRuns: 150 },
      );
    });
  });
});

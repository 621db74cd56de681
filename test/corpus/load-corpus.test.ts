import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { SearchError } from '../../lib/errors.js';
import { loadCorpus, type LoadCorpusOptions } from '../../lib/corpus/load-corpus.js';
import type { Article, CorpusError, CorpusLoadResult } from '../../lib/types.js';
import { fixturesDir } from './fixtures.js';


const GOOD_DIR = join(fixturesDir(), 'good');
const GOOD_TXT = 'Good title\n\n10-Oct-2019 Intellasia | KoreaTimes | 6:02 AM\n\nA good paragraph.\n\nCategory: Korea\n';
const ndjsonLine = (value: unknown): string => JSON.stringify(value);

let tempRoot = '';
let numCorpora = 0;
/** Writes a corpus folder under the temp root: relative path → content. */
async function makeCorpus(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = join(tempRoot, `corpus-${numCorpora++}`);
  for (const [relative, content] of Object.entries(files)) {
    const path = join(dir, ...relative.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return dir;
}

/** Loads a corpus made of `good.txt` plus the given files, and checks `good.txt` still loaded. */
async function loadWithGood(files: Record<string, string | Uint8Array>): Promise<CorpusLoadResult> {
  const result = await loadCorpus(await makeCorpus({ 'good.txt': GOOD_TXT, ...files }));
  const good = result.articles.find((a) => a.id === 'good');
  expect(good, 'good.txt should still load').to.include({ title: 'Good title', origin: 'good.txt' });
  return result;
}

describe('loadCorpus', () => {
  before(async () => {
    tempRoot = await mkdtemp(join(tmpdir(), 'ledesearch-corpus-'));
  });
  after(async () => {
    if (tempRoot) await rm(tempRoot, { recursive: true, force: true });
  });

  describe('#fixture corpus', () => {
    let result: CorpusLoadResult;
    let byId: Map<string, Article>;
    before(async () => {
      result = await loadCorpus(GOOD_DIR);
      byId = new Map(result.articles.map((a) => [a.id, a]));
    });

    it('loads every article with no errors, in path then file order', () => {
      expect(result.errors).to.deep.equal([]);
      expect(result.articles.map((a) => a.id)).to.deep.equal([
        'seed/000_db3d054a026eb58a', 'wire-1', 'wire/batch[1]', 'wire-3', 'wire/stream:3',
      ]);
    });

    it('reads every field of the seed article', () => {
      const seed = byId.get('seed/000_db3d054a026eb58a');
      if (!seed) throw new Error('seed article not loaded');
      expect(seed.origin).to.equal('seed/000_db3d054a026eb58a.txt');
      expect(seed.title).to.equal('Korea, US, Japan discuss security coordination after Sweden talks');
      expect(seed.date).to.equal('2019-10-10T06:02:00');
      expect(seed.publisher).to.equal('Intellasia');
      expect(seed.source).to.equal('KoreaTimes');
      expect(seed.category).to.deep.equal(['Korea']);
      expect(seed.paragraphs).to.have.length(20);
      expect(seed.paragraphs[0]).to.match(/^Korea, the US and Japan began/);
      expect(seed.paragraphs[19]).to.equal(
        'It remains unknown when Washington and Pyongyang will restart their talks on denuclearisation ' +
          'of the peninsula after the failure in Sweden.',
      );
      for (const paragraph of seed.paragraphs) expect(paragraph).not.to.include('Print This Post');
      expect(Object.keys(seed).sort()).to.deep.equal(
        ['category', 'date', 'id', 'origin', 'paragraphs', 'publisher', 'source', 'title'],
      );
    });

    it('keeps JSON ids and derives the others from path, array index and NDJSON line', () => {
      expect(byId.get('wire-1')).to.deep.equal({
        id: 'wire-1',
        title: 'Grain exports rise in March',
        paragraphs: ['U.S. grain exports rose in March, the Agriculture Department said.', 'Wheat led the rise.'],
        date: '1987-03-26T14:05:00Z',
        publisher: 'Reuters',
        dateline: 'CHICAGO',
        topics: ['grain', 'wheat'],
        places: ['usa'],
        origin: 'wire/batch.json[0]',
      });
      expect(byId.get('wire/batch[1]')).to.include({ origin: 'wire/batch.json[1]', date: '1987-03-27' });
      expect(byId.get('wire/batch[1]')?.category).to.deep.equal(['Markets']);
      expect(byId.get('wire-3')).to.include({ origin: 'wire/stream.ndjson:1' });
      expect(byId.get('wire/stream:3')).to.include({ origin: 'wire/stream.ndjson:3', title: 'Oil prices steady' });
    });

    it('gives the same result whatever the read concurrency', async () => {
      expect(await loadCorpus(GOOD_DIR, { concurrency: 1 })).to.deep.equal(result);
    });
  });

  describe('#missing folder', () => {
    it('throws corpus_not_found naming the path', async () => {
      const missing = join(tempRoot, 'no-such-folder');
      const error: unknown = await loadCorpus(missing).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(SearchError);
      expect(error).to.have.property('code', 'corpus_not_found');
      expect(error).to.have.property('message').that.includes(missing);
    });

    it('throws corpus_not_found for a file', async () => {
      const dir = await makeCorpus({ 'a.txt': GOOD_TXT });
      const error: unknown = await loadCorpus(join(dir, 'a.txt')).then(() => undefined, (e: unknown) => e);
      expect(error).to.have.property('code', 'corpus_not_found');
    });
  });

  describe('#malformed files', () => {
    it('reports an empty file and a whitespace-only file', async () => {
      const { errors } = await loadWithGood({ 'empty.txt': '', 'blank.json': ' \r\n\t\n' });
      expect(errors.map((e) => [e.file, e.code])).to.deep.equal([['blank.json', 'empty'], ['empty.txt', 'empty']]);
    });

    it('reports a binary file', async () => {
      const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
      const { articles, errors } = await loadWithGood({ 'image.txt': png });
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'image.txt', code: 'binary' });
      expect(articles).to.have.length(1);
    });

    it('reports a file without a title', async () => {
      const { errors } = await loadWithGood({ 'untitled.txt': '\n10-Oct-2019 Intellasia\n\nBody.\n' });
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'untitled.txt', line: 1, code: 'missing_title' });
    });

    it('loads an article with an impossible date, without the date', async () => {
      const text = 'Bad date\n\n31-Feb-2019 Intellasia | KoreaTimes | 6:02 AM\n\nStill a paragraph.\n\nCategory: Korea\n';
      const { articles, errors } = await loadWithGood({ 'bad-date.txt': text });
      expect(errors).to.deep.equal([]);
      expect(articles.find((a) => a.id === 'bad-date')).to.deep.equal({
        id: 'bad-date',
        title: 'Bad date',
        paragraphs: ['Still a paragraph.'],
        publisher: 'Intellasia',
        source: 'KoreaTimes',
        category: ['Korea'],
        origin: 'bad-date.txt',
      });
    });

    it('reports invalid UTF-8 with its line', async () => {
      const bytes = new Uint8Array([...new TextEncoder().encode('Title\n\nBody '), 0xc3, 0x28, 0x0a]);
      const { errors } = await loadWithGood({ 'latin.txt': bytes });
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'latin.txt', line: 3, code: 'invalid_encoding' });
      expect(errors[0].reason).to.include('0xc3');
    });

    it('rejects an article with a 5 MB paragraph, naming the paragraph and its length', async () => {
      const huge = 'word '.repeat(1_000_000).trim();
      const { articles, errors } = await loadWithGood({ 'huge.txt': `Huge\n\nShort first.\n\n${huge}\n` });
      expect(articles.map((a) => a.id)).to.deep.equal(['good']);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'huge.txt', code: 'too_large' });
      expect(errors[0].reason).to.include(`paragraph 2 is ${huge.length} characters`);
    });

    it('reports a file over maxFileBytes without loading it', async () => {
      const dir = await makeCorpus({ 'big.txt': `Big\n\n${'x'.repeat(2000)}\n`, 'small.txt': GOOD_TXT });
      const { articles, errors } = await loadCorpus(dir, { maxFileBytes: 1000 });
      expect(articles.map((a) => a.id)).to.deep.equal(['small']);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'big.txt', code: 'too_large' });
      expect(errors[0].reason).to.include('2006 bytes');
    });

    it('reports a broken NDJSON line and loads the others', async () => {
      const text = [
        ndjsonLine({ title: 'One', paragraphs: ['p'] }),
        '{"title": "Two", "paragraphs": [',
        ndjsonLine({ title: 'Three', body: 'p' }),
      ].join('\n');
      const { articles, errors } = await loadWithGood({ 'feed/stream.jsonl': text });
      expect(articles.map((a) => a.id)).to.deep.equal(['feed/stream:1', 'feed/stream:3', 'good']);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'feed/stream.jsonl', line: 2, code: 'invalid_json' });
    });

    it('reports JSON that fails the schema, naming the field', async () => {
      const { errors } = await loadWithGood({
        'bad.json': JSON.stringify({ title: 'T', paragraphs: 'not a list' }),
        'lines.ndjson': `${ndjsonLine({ title: 'T', paragraphs: ['p'], date: 'yesterday' })}\n`,
      });
      expect(errors.map((e) => [e.file, e.line, e.code])).to.deep.equal([
        ['bad.json', undefined, 'invalid_article'],
        ['lines.ndjson', 1, 'invalid_article'],
      ]);
      expect(errors[0].reason).to.include('"paragraphs"');
      expect(errors[1].reason).to.include('"date"');
    });

    it('keeps the first of two articles with the same id and reports the second', async () => {
      // c.json sorts before good.txt, so its explicit id "good" takes the id good.txt derives.
      const { articles, errors } = await loadCorpus(await makeCorpus({
        'a.json': JSON.stringify({ id: 'same', title: 'First', paragraphs: ['p'] }),
        'b.ndjson': `\n${ndjsonLine({ id: 'same', title: 'Second', paragraphs: ['p'] })}\n`,
        'c.json': JSON.stringify({ id: 'good', title: 'Clashes with good.txt', paragraphs: ['p'] }),
        'good.txt': GOOD_TXT,
      }));
      expect(articles.map((a) => [a.id, a.title])).to.deep.equal([['same', 'First'], ['good', 'Clashes with good.txt']]);
      expect(errors.map((e) => [e.file, e.line, e.code])).to.deep.equal([
        ['b.ndjson', 2, 'duplicate_id'],
        ['good.txt', undefined, 'duplicate_id'],
      ]);
      expect(errors[0].reason).to.equal('duplicate article id "same" (first read from a.json)');
    });

    it('reports an unreadable file (a dangling link) and loads the rest', async () => {
      const dir = await makeCorpus({ 'good.txt': GOOD_TXT });
      const { symlink } = await import('node:fs/promises');
      await symlink(join(dir, 'missing-target.txt'), join(dir, 'broken.txt'));
      const { articles, errors } = await loadCorpus(dir);
      expect(errors.map((e) => [e.file, e.code])).to.deep.equal([['broken.txt', 'read_failed']]);
      expect(articles.map((a) => a.id)).to.deep.equal(['good']);
    });
  });

  describe('#hostile files (issue 13)', () => {
    it('reports JSON nested 100 000 levels deep instead of overflowing the stack', async () => {
      const { articles, errors } = await loadWithGood({ 'deep.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}` });
      expect(articles.map((a) => a.id)).to.deep.equal(['good']);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'deep.json', code: 'too_large' });
      expect(errors[0].reason).to.include('nested more than 64 levels');
    });

    it('reports a deeply nested field on one NDJSON line and loads the other lines', async () => {
      const deep = `{"title":"T","paragraphs":["p"],"category":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const text = [ndjsonLine({ title: 'One', body: 'p' }), deep, ndjsonLine({ title: 'Three', body: 'p' })].join('\n');
      const { articles, errors } = await loadWithGood({ 'feed.ndjson': text });
      expect(articles.map((a) => a.id)).to.deep.equal(['feed:1', 'feed:3', 'good']);
      expect(errors.map((e) => [e.file, e.line, e.code])).to.deep.equal([['feed.ndjson', 2, 'too_large']]);
    });

    it('reports a deep object inside an array element without stringifying it whole', async () => {
      const deep = `[{"title":"T","paragraphs":["p"]},{"title":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}]`;
      const { articles, errors } = await loadWithGood({ 'batch.json': deep });
      expect(articles.map((a) => a.id)).to.deep.equal(['good']);
      expect(errors.map((e) => [e.file, e.code])).to.deep.equal([['batch.json', 'too_large']]);
    });

    // Long runs of spaces made two regular expressions quadratic (40 000 spaces: 11-13 s, so
    // these 90 000 took about a minute each and ran into mocha's timeout); now linear. 90 000
    // keeps the paragraph under maxParagraphChars.
    it('reads runs of 90 000 spaces in a .txt line and in a JSON paragraph', async () => {
      const spaces = ' '.repeat(90_000);
      const { articles, errors } = await loadWithGood({
        'spaces.txt': `Spaced title${spaces}x\n\nA paragraph${spaces}y\n\nLast words${spaces}Print This Post\n`,
        'spaces.json': JSON.stringify({ title: 'T', paragraphs: [`a${spaces}\n${spaces}b`] }),
      });
      expect(errors.map((e) => [e.file, e.code])).to.deep.equal([['spaces.txt', 'too_large']]);
      expect(errors[0].reason).to.include('field "title"');
      expect(articles.find((a) => a.id === 'spaces')?.paragraphs).to.deep.equal(['a b']);
      const { articles: again } = await loadWithGood({ 'spaces.txt': `Title\n\nA paragraph${spaces}y\n\nLast words${spaces}Print This Post\n` });
      expect(again.find((a) => a.id === 'spaces')?.paragraphs).to.deep.equal([`A paragraph${spaces}y`, 'Last words']);
    });

    it('reads 20 000 trailer lines in linear time and applies maxListValues to them', async () => {
      // collectTrailer re-spread its list on every line: 20 000 lines took 53 s before.
      const trailer = Array.from({ length: 20_000 }, (_, i) => `Category: c${i}`).join('\n');
      const { errors } = await loadWithGood({ 'tags.txt': `Tagged\n\nBody.\n\n${trailer}\n` });
      expect(errors.map((e) => [e.file, e.code, e.reason])).to.deep.equal([
        ['tags.txt', 'too_large', 'field "category" is 20000 values, over the limit of 1000 (maxListValues)'],
      ]);
    });

    it('stops reading a .txt file as soon as it is surely past maxParagraphs or maxArticleChars', async () => {
      const paragraphs = (n: number): string => Array.from({ length: n }, (_, i) => `p${i}`).join('\n\n');
      const dir = await makeCorpus({
        'a-within.txt': `T\n\n${paragraphs(5)}\n`,
        'b-exact.txt': `T\n\n${paragraphs(11)}\n`,
        'c-blocks.txt': `T\n\n${paragraphs(1_000_000)}\n`,
        'd-lines.txt': `T\n\n${'a\n'.repeat(1_000_000)}`,
      });
      const { articles, errors } = await loadCorpus(dir, { maxParagraphs: 5, maxArticleChars: 100 });
      expect(articles.map((a) => a.id)).to.deep.equal(['a-within']);
      expect(errors.map((e) => [e.file, e.code, e.reason])).to.deep.equal([
        ['b-exact.txt', 'too_large', 'the article is 11 paragraphs, over the limit of 5 (maxParagraphs)'],
        ['c-blocks.txt', 'too_large', 'the file has more than 12 blocks of text, more than an article within the limit of 5 paragraphs can have (maxParagraphs)'],
        ['d-lines.txt', 'too_large', 'the file has more than 200 lines of text, more than an article within the limit of 100 characters can have (maxArticleChars)'],
      ]);
    });

    it('lists at most 100 problems of a file of 50 000 bad lines, and counts the rest', async () => {
      const bad = Array.from({ length: 50_000 }, (_, i) => `not json ${i}`).join('\n');
      const { errors } = await loadWithGood({ 'junk.ndjson': `${ndjsonLine({ title: 'Fine', body: 'p' })}\n${bad}\n` });
      expect(errors).to.have.length(101);
      expect(errors.slice(0, 100).map((e) => e.line)).to.deep.equal(Array.from({ length: 100 }, (_, i) => i + 2));
      expect(errors.slice(0, 100).every((e) => e.code === 'invalid_json')).to.equal(true);
      expect(errors[100]).to.include({ file: 'junk.ndjson', code: 'too_many_errors' });
      expect(errors[100].reason).to.include('49900 more problems').and.include('50000 in all').and.include('maxErrorsPerFile');
    });

    it('counts duplicate ids against maxErrorsPerFile too', async () => {
      const same = Array.from({ length: 10 }, () => ndjsonLine({ id: 'same', title: 'T', body: 'p' })).join('\n');
      const dir = await makeCorpus({ 'a.ndjson': same, 'good.txt': GOOD_TXT });
      const { articles, errors } = await loadCorpus(dir, { maxErrorsPerFile: 3 });
      expect(articles.map((a) => a.id)).to.deep.equal(['same', 'good']);
      expect(errors.map((e) => [e.line, e.code])).to.deep.equal([
        [2, 'duplicate_id'], [3, 'duplicate_id'], [4, 'duplicate_id'], [undefined, 'too_many_errors'],
      ]);
      expect(errors[3].reason).to.include('6 more problems');
    });
  });

  describe('#size limits (issue 13)', () => {
    /** Loads a corpus of one NDJSON article and returns its errors, checking it loaded exactly when there are none. */
    async function loadOne(article: Record<string, unknown>, options: LoadCorpusOptions = {}): Promise<CorpusError[]> {
      const { articles, errors } = await loadCorpus(await makeCorpus({ 'one.ndjson': ndjsonLine(article) }), options);
      expect(articles).to.have.length(errors.length === 0 ? 1 : 0);
      return errors;
    }
    const base = { title: 'T', paragraphs: ['p'] };

    it('skips a one-line .txt file whose title is 2 MB, naming the field and the limit', async () => {
      const line = 'word '.repeat(400_000);
      const { articles, errors } = await loadWithGood({ 'one-line.txt': line });
      expect(articles.map((a) => a.id)).to.deep.equal(['good']);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ file: 'one-line.txt', code: 'too_large' });
      expect(errors[0].reason).to.equal(`field "title" is ${line.trim().length} characters, over the limit of 1000 (maxTitleChars)`);
    });

    it('skips an article with a 5 MB dateline (maxFieldChars)', async () => {
      const errors = await loadOne({ ...base, dateline: 'x'.repeat(5_000_000) });
      expect(errors.map((e) => e.code)).to.deep.equal(['too_large']);
      expect(errors[0].reason).to.equal('field "dateline" is 5000000 characters, over the limit of 2000 (maxFieldChars)');
    });

    for (const field of ['id', 'publisher', 'source', 'author', 'url'] as const) {
      it(`applies maxFieldChars to ${field}`, async () => {
        expect(await loadOne({ ...base, [field]: 'y'.repeat(20) }, { maxFieldChars: 20 })).to.deep.equal([]);
        const errors = await loadOne({ ...base, [field]: 'y'.repeat(21) }, { maxFieldChars: 20 });
        expect(errors.map((e) => e.reason)).to.deep.equal([`field "${field}" is 21 characters, over the limit of 20 (maxFieldChars)`]);
      });
    }

    it('skips an article with 100 000 category values (maxListValues)', async () => {
      const errors = await loadOne({ ...base, category: Array.from({ length: 100_000 }, (_, i) => `c${i}`) });
      expect(errors.map((e) => e.reason)).to.deep.equal(['field "category" is 100000 values, over the limit of 1000 (maxListValues)']);
    });

    it('applies maxFieldChars to each value of a list field', async () => {
      const errors = await loadOne({ ...base, topics: ['ok', 'z'.repeat(11)] }, { maxFieldChars: 10 });
      expect(errors.map((e) => e.reason)).to.deep.equal(['field "topics[1]" is 11 characters, over the limit of 10 (maxFieldChars)']);
    });

    it('applies maxParagraphs and maxArticleChars', async () => {
      const three = { title: 'T', paragraphs: ['aaaa', 'bbbb', 'cccc'] };
      expect(await loadOne(three, { maxParagraphs: 3, maxArticleChars: 13 })).to.deep.equal([]);
      expect((await loadOne(three, { maxParagraphs: 2 })).map((e) => e.reason))
        .to.deep.equal(['the article is 3 paragraphs, over the limit of 2 (maxParagraphs)']);
      expect((await loadOne(three, { maxArticleChars: 12 })).map((e) => e.reason))
        .to.deep.equal(['the article is 13 characters, over the limit of 12 (maxArticleChars)']);
    });

    it('names the array element of a .json file past a limit and keeps the others', async () => {
      const dir = await makeCorpus({ 'batch.json': JSON.stringify([base, { ...base, title: 'x'.repeat(11) }, base]) });
      const { articles, errors } = await loadCorpus(dir, { maxTitleChars: 10 });
      expect(articles.map((a) => a.id)).to.deep.equal(['batch[0]', 'batch[2]']);
      expect(errors.map((e) => e.reason)).to.deep.equal(['article [1]: field "title" is 11 characters, over the limit of 10 (maxTitleChars)']);
    });
  });

  describe('#files', () => {
    it('strips a BOM and reads CRLF line ends', async () => {
      const { articles, errors } = await loadWithGood({ 'win.txt': `\uFEFF${GOOD_TXT.replace(/\n/g, '\r\n')}` });
      expect(errors).to.deep.equal([]);
      const win = articles.find((a) => a.id === 'win');
      const good = articles.find((a) => a.id === 'good');
      expect(win).to.deep.equal({ ...good, id: 'win', origin: 'win.txt' });
    });

    it('skips dot-files, dot-folders, README files and other extensions', async () => {
      const dir = await makeCorpus({
        'a.txt': GOOD_TXT,
        '.hidden.txt': GOOD_TXT,
        '.git/b.txt': GOOD_TXT,
        'README.md': '# about this corpus\n',
        'sub/readme.txt': 'not an article\n',
        'notes.csv': 'a,b\n',
        'sub/c.TXT': GOOD_TXT,
      });
      const { articles, errors } = await loadCorpus(dir);
      expect(errors).to.deep.equal([]);
      expect(articles.map((a) => a.origin)).to.deep.equal(['a.txt', 'sub/c.TXT']);
    });

    it('reads nested folders in sorted path order', async () => {
      const dir = await makeCorpus({ 'b/2.txt': GOOD_TXT, 'a/z/1.txt': GOOD_TXT, 'a/y.txt': GOOD_TXT, 'a.txt': GOOD_TXT });
      const { articles } = await loadCorpus(dir, { concurrency: 3 });
      expect(articles.map((a) => a.id)).to.deep.equal(['a', 'a/y', 'a/z/1', 'b/2']);
    });

    it('follows a link to a file but not a link to a folder', async () => {
      const dir = await makeCorpus({ 'a/one.txt': GOOD_TXT });
      await symlink(join(dir, 'a', 'one.txt'), join(dir, 'linked.txt'));
      await symlink(join(dir, 'a'), join(dir, 'loop'));
      const { articles } = await loadCorpus(dir);
      expect(articles.map((a) => a.id)).to.deep.equal(['a/one', 'linked']);
    });
  });

  describe('#options', () => {
    it('reads only the given extensions, with the given formats', async () => {
      const dir = await makeCorpus({ 'a.text': GOOD_TXT, 'b.txt': GOOD_TXT, 'c.log': ndjsonLine({ title: 'T', body: 'p' }) });
      const { articles, errors } = await loadCorpus(dir, { extensions: { text: 'reference', '.LOG': 'ndjson' } });
      expect(errors).to.deep.equal([]);
      expect(articles.map((a) => a.id)).to.deep.equal(['a', 'c:1']);
    });

    it('applies maxParagraphChars', async () => {
      const dir = await makeCorpus({ 'a.txt': 'T\n\n12345\n', 'b.txt': 'T\n\n123456\n' });
      const { articles, errors } = await loadCorpus(dir, { maxParagraphChars: 5 });
      expect(articles.map((a) => a.id)).to.deep.equal(['a']);
      expect(errors.map((e) => [e.file, e.code])).to.deep.equal([['b.txt', 'too_large']]);
    });

    it('rejects limits that are not positive integers, and options of the wrong type', async () => {
      const dir = await makeCorpus({ 'a.txt': GOOD_TXT });
      const bad: unknown[] = [
        { maxFileBytes: 0 }, { maxParagraphChars: 1.5 }, { concurrency: Number.NaN }, { maxTitleChars: -1 },
        { maxFieldChars: '10' }, { maxListValues: 2 ** 60 }, { maxParagraphs: 0 }, { maxArticleChars: Infinity },
        { maxErrorsPerFile: 0 }, { extensions: { '.txt': 'yaml' } }, { extensions: ['txt'] }, null,
      ];
      for (const options of bad) {
        const error: unknown = await loadCorpus(dir, options as LoadCorpusOptions).then(() => undefined, (e: unknown) => e);
        // Issue 13: out-of-range options are SearchError invalid_argument, not RangeError.
        expect(error, JSON.stringify(options)).to.be.instanceOf(SearchError);
        expect((error as SearchError).code).to.equal('invalid_argument');
      }
    });
  });
});

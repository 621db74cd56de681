import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { BAD_CORPUS, expectValid, fixtureApp, FIXTURE_CORPUS, REPO_ROOT } from '../server/helpers.js';
import { childEnv, runCli, SERVER_MAIN, startUntil } from './run-cli.js';
import { createSearchIndex, loadCorpus } from '../../lib/index.js';

/** stderr as lines, without the trailing empty one. */
const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

describe('ledesearch (command line)', () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-cli-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  describe('--help', () => {
    for (const command of [[], ['index'], ['search'], ['serve']]) {
      it(`prints usage for ${['ledesearch', ...command].join(' ')} and exits 0`, async () => {
        const r = await runCli([...command, '--help'], work);
        expect(r.code).to.equal(0);
        expect(r.stdout).to.contain(`Usage: ledesearch${command.length ? ` ${command[0]}` : ''}`);
      });
    }
  });

  describe('index', () => {
    it('indexes a corpus, lists the bad file on stderr, writes the snapshot and exits 0', async () => {
      const out = join(work, 'good', 'index.snapshot');
      const r = await runCli(['index', FIXTURE_CORPUS, '--out', out], work);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^indexed 8 articles \(\d+ paragraphs, \d+ terms\)/);
      expect(r.stdout).to.contain(`wrote snapshot ${out}`);
      expect(lines(r.stderr)).to.deep.equal(['skipped wire/broken.json:1: invalid_json: not valid JSON: Unexpected end of JSON input']);
      expect((await stat(out)).size).to.be.greaterThan(0);
    });

    it('exits non-zero, listing every bad file, when nothing could be indexed', async () => {
      const out = join(work, 'bad', 'index.snapshot');
      const r = await runCli(['index', BAD_CORPUS, '--out', out], work);
      expect(r.code).to.equal(1);
      const err = lines(r.stderr);
      for (const file of ['broken.json', 'empty.txt', 'lines.jsonl:1', 'lines.jsonl:2']) {
        expect(err.some((l) => l.startsWith(`skipped ${file}:`)), file).to.equal(true);
      }
      expect(err[err.length - 1]).to.match(/^error: no article could be read/);
      expect(await stat(out).then(() => true, () => false)).to.equal(false);
    });

    it('exits 2 with a one-line error for a missing folder', async () => {
      const r = await runCli(['index', join(work, 'no-such-folder')], work);
      expect(r.code).to.equal(2);
      expect(lines(r.stderr)).to.have.length(1);
      expect(r.stderr).to.match(/^error: corpus folder ".*no-such-folder" does not exist/);
    });

    it('exits 2 with a one-line error for a wrong flag', async () => {
      const r = await runCli(['index', FIXTURE_CORPUS, '--output', 'x'], work);
      expect(r.code).to.equal(2);
      expect(lines(r.stderr)).to.have.length(1);
      expect(r.stderr).to.match(/^error: unknown option '--output'/);
    });
  });

  describe('search', () => {
    it('prints with --json exactly the body GET /api/search answers', async () => {
      const r = await runCli(
        ['search', 'north korea missile', '--category', 'Korea', '--category', 'Politics', '--limit', '5', '--facets', 'category,places', '--json', '--corpus', FIXTURE_CORPUS, '--no-snapshot'],
        work,
      );
      expect(r.code, r.stderr).to.equal(0);
      const cli = JSON.parse(r.stdout);
      expectValid('search-response', cli);
      const { app } = await fixtureApp();
      const http = await request(app).get('/api/search?q=north+korea+missile&category=Korea&category=Politics&limit=5&facets=category,places');
      expect(http.status).to.equal(200);
      expect({ ...cli, tookMs: 0 }).to.deep.equal({ ...http.body, tookMs: 0 });
      expect(cli.hits[0].id).to.equal('korea/seed-talks');
      // Same escaping as the HTTP body, so the bytes match too (but for tookMs).
      expect(r.stdout.trimEnd().replace(/"tookMs":[\d.]+/, '')).to.equal(http.text.replace(/"tookMs":[\d.]+/, ''));
    });

    it('takes the query syntax: a phrase with an exclusion answers as the library does', async () => {
      const q = '"north korea" -seoul';
      const r = await runCli(['search', q, '--json', '--corpus', FIXTURE_CORPUS, '--no-snapshot'], work);
      expect(r.code, r.stderr).to.equal(0);
      const cli = JSON.parse(r.stdout);
      expect(cli.interpretedAs).to.equal(q);
      const index = createSearchIndex();
      index.addAll((await loadCorpus(FIXTURE_CORPUS)).articles);
      const lib = index.search(q);
      expect(lib.total).to.be.greaterThan(0);
      expect(cli.hits.map((h: { id: string }) => h.id)).to.deep.equal(lib.hits.map((h) => h.id));
      expect(JSON.stringify(cli.hits)).not.to.match(/<mark>seoul<\/mark>/i);
    });

    it('prints readable hits with matches in [brackets] when stdout is not a terminal', async () => {
      const r = await runCli(['search', 'missile', '--corpus', FIXTURE_CORPUS, '--no-snapshot'], work);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^\d+ results? for "missile"/);
      expect(r.stdout).to.contain('NORTH KOREA TESTS NEW MISSILE, SEOUL SAYS');
      expect(r.stdout).to.contain('reuters/123');
      expect(r.stdout).to.contain('[missile]');
      expect(r.stdout).to.contain('Facets');
      expect(r.stdout).to.not.contain('\x1b[');
      expect(r.stderr).to.contain('1 corpus files or lines were skipped');
    });

    it('prints the histogram with --histogram INTERVAL --share --compare, bucket by bucket as --json has it', async () => {
      const args = ['search', '', '--histogram', 'year', '--share', '--compare', 'oil', '--facets', '', '-n', '0', '--corpus', FIXTURE_CORPUS, '--no-snapshot'];
      const json = await runCli([...args, '--json'], work);
      const text = await runCli(args, work);
      expect(json.code, json.stderr).to.equal(0);
      expect(text.code, text.stderr).to.equal(0);
      const body = JSON.parse(json.stdout) as { dateHistogram: { value: string; count: number; share: number }[]; dateHistogramCompare: { value: string; count: number }[]; dateHistogramInterval: string };
      expect(body.dateHistogramInterval).to.equal('year');
      expect(body.dateHistogram.length).to.be.greaterThan(0);
      const out = lines(text.stdout);
      const start = out.findIndex((l) => l.startsWith('Timeline, share of all articles per year'));
      expect(start, text.stdout).to.be.greaterThan(-1);
      body.dateHistogram.forEach((b, i) => {
        const mine = out[start + 1 + 2 * i];
        const theirs = out[start + 2 + 2 * i];
        expect(mine.trimStart().startsWith(b.value), mine).to.equal(true);
        expect(mine).to.match(new RegExp(` ${b.count} +${(100 * b.share).toFixed(1)}%$`));
        expect(theirs).to.match(new RegExp(` ${body.dateHistogramCompare[i].count} +[0-9.]+%$`));
      });
    });

    it('exits 2 naming the value for a bad --histogram interval', async () => {
      const r = await runCli(['search', 'oil', '--histogram', 'hour', '--corpus', FIXTURE_CORPUS, '--no-snapshot'], work);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain('hour');
    });

    it('loads the snapshot written by index', async () => {
      const out = join(work, 'search', 'index.snapshot');
      expect((await runCli(['index', FIXTURE_CORPUS, '--out', out], work)).code).to.equal(0);
      // A corpus path that does not exist: only the snapshot can answer.
      const r = await runCli(['search', 'cocoa', '--corpus', join(work, 'gone'), '--snapshot', out, '--json'], work);
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout).hits[0].id).to.equal('reuters/124');
    });

    it('exits 2 naming the parameter for an out-of-range value', async () => {
      const r = await runCli(['search', 'oil', '--limit', '500', '--corpus', FIXTURE_CORPUS, '--no-snapshot'], work);
      expect(r.code).to.equal(2);
      expect(lines(r.stderr)).to.deep.equal(['error: invalid parameter "limit": must be <= 100']);
    });

    it('exits 2 with a one-line error for a bad flag value or a wrong flag', async () => {
      const bad = await runCli(['search', 'oil', '--sort', 'random'], work);
      expect(bad.code).to.equal(2);
      expect(lines(bad.stderr)).to.have.length(1);
      expect(bad.stderr).to.contain("'random' is invalid");
      const wrong = await runCli(['search', 'oil', '--catgory', 'Korea'], work);
      expect(wrong.code).to.equal(2);
      expect(lines(wrong.stderr)).to.deep.equal(["error: unknown option '--catgory' (Did you mean --category?)"]);
    });

    // Issue 13: an impossible date and a reversed range exited 1, after the whole index was loaded.
    // The corpus folder given does not exist: were the dates checked after loading, the error
    // would be about the folder.
    // The library's wording may change; the flag (and the value) must be named, in flag terms.
    for (const [flags, message] of [
      [['--from', '1987-02-30'], /^error: --from "1987-02-30" is not a valid/],
      [['--to', '1987-03-05T25:00'], /^error: --to "1987-03-05T25:00" is not a valid/],
      [['--from', '1987-03-05', '--to', '1987-03-01'], /^error: .*--from.* --to/],
      [['--from', '1987-3-5'], /^error: --from "1987-3-5" is not a date: use YYYY-MM-DD, YYYY-MM or YYYY-MM-DDTHH:MM\n/],
    ] as const) {
      it(`exits 2 before loading any index for ${flags.join(' ')}`, async () => {
        const r = await runCli(['search', 'oil', ...flags, '--corpus', join(work, 'none'), '--no-snapshot'], work);
        expect(r.code).to.equal(2);
        expect(lines(r.stderr)).to.have.length(1);
        expect(r.stderr).to.match(message);
        expect(r.stderr).to.not.match(/dateFrom|dateTo|corpus folder/);
      });
    }

    // Issue 13: searching another corpus replaced the one default snapshot of the first.
    it('keeps one default snapshot per corpus folder', async () => {
      const cwd = join(work, 'per-corpus');
      await mkdir(cwd);
      const first = join(cwd, 'first');
      await cp(FIXTURE_CORPUS, first, { recursive: true });
      expect((await runCli(['index', 'first'], cwd)).code).to.equal(0);
      const other = await runCli(['search', 'grain', '--corpus', join(REPO_ROOT, 'test', 'fixtures', 'corpus', 'good'), '--json'], cwd);
      expect(other.code, other.stderr).to.equal(0);
      const snapshots = (await readdir(join(cwd, '.ledesearch'))).filter((f) => f.endsWith('.snapshot'));
      expect(snapshots).to.have.length(2);
      expect(snapshots.filter((f) => f.startsWith('first-'))).to.have.length(1);
      // With its folder gone, only the first corpus's own snapshot can answer, and it does.
      await rm(first, { recursive: true });
      const r = await runCli(['search', 'cocoa', '--corpus', './first/', '--json'], cwd);
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout).hits[0].id).to.equal('reuters/124');
    });

    it('exits 2 when the corpus folder is missing and there is no snapshot', async () => {
      const r = await runCli(['search', 'oil', '--corpus', join(work, 'none'), '--no-snapshot'], work);
      expect(r.code).to.equal(2);
      expect(lines(r.stderr)).to.have.length(1);
      expect(r.stderr).to.match(/^error: corpus folder .* does not exist/);
    });
  });

  describe('serve (server/main.js)', () => {
    it('serves on a free port, answers searches, and exits 0 on SIGTERM', async () => {
      const { child, line } = await startUntil(
        SERVER_MAIN,
        ['--corpus', FIXTURE_CORPUS, '--no-snapshot', '--port', '0', '--no-web', '--cache-mb', '0.5'],
        work,
        childEnv({ LEDESEARCH_REINDEX_TOKEN: 'secret-token' }),
        (l) => l.includes('"port"'),
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        const { url, reindex } = JSON.parse(line) as { url: string; reindex: boolean };
        expect(reindex).to.equal(true);
        const res = await fetch(`${url}/api/search?q=north+korea+missile`);
        expect(res.status).to.equal(200);
        const body = await res.json();
        expectValid('search-response', body);
        expect((body as { hits: { id: string }[] }).hits.map((h) => h.id)).to.include('korea/seed-talks');
        const health = (await (await fetch(`${url}/api/health`)).json()) as { resultCache: { maxBytes: number } };
        expect(health.resultCache.maxBytes).to.equal(2 ** 19);
        const reindexed = await fetch(`${url}/api/reindex`, { method: 'POST', headers: { Authorization: 'Bearer secret-token' } });
        expect(reindexed.status).to.equal(202);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).to.equal(0);
    });

    it('exits 2 with a one-line error for a bad cache size', async () => {
      const r = await runCli(['serve', '--cache-mb', '-1'], work);
      expect(r.code).to.equal(2);
      expect(lines(r.stderr)).to.have.length(1);
      expect(r.stderr).to.contain('must be a number of MiB');
    });

    // Issue 13: a bad host failed only once the whole index was built. 192.0.2.1 (TEST-NET-1,
    // RFC 5737) is never an address of this machine; nothing is sent to it.
    it('exits 2 for a host it cannot listen on, before building the index', async () => {
      const r = await runCli(['serve', '--host', '192.0.2.1', '--port', '0', '--corpus', FIXTURE_CORPUS, '--no-snapshot', '--no-web'], work);
      expect(r.code).to.equal(2);
      expect(lines(r.stderr)).to.deep.equal(['error: cannot listen on --host "192.0.2.1": not an address of this machine']);
      expect(r.stdout).to.not.contain('building the index');
    });

    it('exits 2 with a one-line error for a bad port', async () => {
      const r = await runCli(['serve', '--port', 'http'], work);
      expect(r.code).to.equal(2);
      expect(lines(r.stderr)).to.have.length(1);
      expect(r.stderr).to.contain('must be a port number');
    });
  });
});

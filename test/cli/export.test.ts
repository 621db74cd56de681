import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { fixtureApp, FIXTURE_CORPUS } from '../server/helpers.js';
import { runCli } from './run-cli.js';

describe('ledesearch search --all (issue 14)', () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-export-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('prints as CSV exactly what GET /api/export answers', async () => {
    const r = await runCli(['search', 'korea', '--all', '--source', 'Reuters', '--fields', 'places', '--corpus', FIXTURE_CORPUS, '--no-snapshot'], work);
    expect(r.code, r.stderr).to.equal(0);
    const { app } = await fixtureApp();
    const http = await request(app).get('/api/export?q=korea&source=Reuters&fields=places');
    expect(http.status).to.equal(200);
    expect(r.stdout).to.equal(http.text);
    // Not a terminal: no progress bar, only the fixture's bad file reported.
    expect(r.stderr).to.not.match(/exporting/);
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning:'))).to.deep.equal([]);
  });

  it('prints NDJSON, one line per match of the search', async () => {
    const r = await runCli(['search', '', '--all', '--format', 'ndjson', '--corpus', FIXTURE_CORPUS, '--no-snapshot'], work);
    expect(r.code, r.stderr).to.equal(0);
    const rows = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { id: string });
    const { app } = await fixtureApp();
    const total = (await request(app).get('/api/search?q=')).body.total as number;
    expect(rows).to.have.length(total);
    expect(new Set(rows.map((x) => x.id)).size).to.equal(total);
  });

  it('refuses --all with --json or paging, and an unknown field', async () => {
    const withJson = await runCli(['search', 'oil', '--all', '--json', '--corpus', FIXTURE_CORPUS, '--no-snapshot'], work);
    expect(withJson.code).to.not.equal(0);
    expect(withJson.stderr).to.match(/--all/);
    const bad = await runCli(['search', 'oil', '--all', '--fields', 'password', '--corpus', FIXTURE_CORPUS, '--no-snapshot'], work);
    expect(bad.code).to.not.equal(0);
    expect(bad.stderr).to.match(/unknown field "password"/);
  });
});

import { expect } from 'chai';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { createSearchIndex, type SearchIndex } from '../../lib/index.js';
import { createApp } from '../../server/app.js';
import { createIndexHolder } from '../../server/index-holder.js';
import { fixtureApp, schemas } from './helpers.js';

/** A pino logger at `level` that keeps every line it writes, parsed. */
function recordingLogger(level: string): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino<never>({ level }, sink), lines };
}

describe('request logging', () => {
  it('writes nothing for a successful request at the default level, a warning for a 4xx', async () => {
    const { logger, lines } = recordingLogger('info');
    const { app } = await fixtureApp({ logger });
    expect((await request(app).get('/api/search?q=missile')).status).to.equal(200);
    expect(lines).to.deep.equal([]);
    expect((await request(app).get('/api/search?q=a&snippets=11')).status).to.equal(400);
    expect(lines.map((l) => [l.level, (l.res as { statusCode: number }).statusCode])).to.deep.equal([[40, 400]]);
  });

  it('at the default level still logs a 404 at warn and a 500 at error, with its stack once', async () => {
    const { logger, lines } = recordingLogger('info');
    const broken = Object.assign(Object.create(createSearchIndex()) as SearchIndex, {
      search: () => {
        throw new Error('internal: broken on purpose');
      },
    });
    const app = createApp(createIndexHolder(broken), { logger, schemas });
    expect((await request(app).get('/api/no-such-route')).status).to.equal(404);
    expect((await request(app).get('/api/search?q=x')).status).to.equal(500);
    const completed = lines.filter((l) => l.msg === 'request completed');
    expect(completed.map((l) => [l.level, (l.res as { statusCode: number }).statusCode, (l.req as { url: string }).url])).to.deep.equal([
      [40, 404, '/api/no-such-route'],
      [50, 500, '/api/search?q=x'],
    ]);
    expect(completed.every((l) => typeof l.responseTime === 'number' && l.responseTime >= 0)).to.equal(true);
    const failed = lines.filter((l) => l.msg === 'request failed');
    expect(failed).to.have.length(1);
    expect(JSON.stringify(failed[0].err)).to.contain('broken on purpose');
  });

  it('logs every request at debug, with method, URL and status but no headers', async () => {
    const { logger, lines } = recordingLogger('debug');
    const { app } = await fixtureApp({ logger });
    await request(app).get('/api/search?q=missile').set('Authorization', 'Bearer secret-token');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({ level: 20, req: { method: 'GET', url: '/api/search?q=missile' }, res: { statusCode: 200 } });
    expect(JSON.stringify(lines)).to.not.contain('secret-token');
  });
});

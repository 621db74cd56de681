import { expect } from 'chai';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { fixtureApp } from './helpers.js';

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

  it('logs every request at debug, with method, URL and status but no headers', async () => {
    const { logger, lines } = recordingLogger('debug');
    const { app } = await fixtureApp({ logger });
    await request(app).get('/api/search?q=missile').set('Authorization', 'Bearer secret-token');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({ level: 20, req: { method: 'GET', url: '/api/search?q=missile' }, res: { statusCode: 200 } });
    expect(JSON.stringify(lines)).to.not.contain('secret-token');
  });
});

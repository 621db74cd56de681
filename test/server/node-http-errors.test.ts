/**
 * Issue 13, "The server": errors Node's HTTP server answers before Express sees a request, and
 * its request timeouts. Driven over raw sockets, since no HTTP client sends such requests.
 */
import { connect } from 'node:net';
import type { Server } from 'node:http';
import { expect } from 'chai';
import { closeGracefully, listen, type ListenOptions } from '../../server/http-server.js';
import { expectValid, fixtureApp } from './helpers.js';

/** A raw HTTP response as read off the socket until the server closed it. */
interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `chunks` over a new connection to `port` (each after the previous one is written, the
 * last one left hanging unless the server answers) and reads everything until the server closes.
 */
function exchange(port: number, chunks: readonly string[]): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    // The server may close while we are still writing an oversized request: that is its answer.
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) {
        reject(new Error(`no complete response: ${JSON.stringify(text)}`));
        return;
      }
      const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) });
    });
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}

/** Asserts a JSON error answer with `status` and `code`, valid against the error schema. */
function expectJsonError(res: RawResponse, status: number, code: string): void {
  expect(res.status, res.body).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/json/);
  expect(Number(res.headers['content-length'])).to.equal(Buffer.byteLength(res.body));
  expect(res.headers.connection).to.equal('close');
  const body: unknown = JSON.parse(res.body);
  expectValid('error', body);
  expect((body as { code: string }).code).to.equal(code);
}

describe("Node's own HTTP errors (issue 13)", () => {
  let server: Server | undefined;

  async function start(options: Partial<ListenOptions> = {}): Promise<number> {
    const { app } = await fixtureApp();
    const started = await listen(app, { port: 0, host: '127.0.0.1', ...options });
    server = started.server;
    return started.port;
  }

  afterEach(async () => {
    if (server) await closeGracefully(server, 100);
    server = undefined;
  });

  it('answers a URL larger than the header limit with a JSON 431', async () => {
    const port = await start();
    const res = await exchange(port, [`GET /api/search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`]);
    expectJsonError(res, 431, 'headers_too_large');
    expect(JSON.parse(res.body).error).to.contain(String(16 * 1024));
  });

  it('answers too many header bytes with a JSON 431, under a configured limit too', async () => {
    const port = await start({ maxHeaderBytes: 2048 });
    const headers = Array.from({ length: 40 }, (_, i) => `X-Pad-${i}: ${'p'.repeat(60)}\r\n`).join('');
    expectJsonError(await exchange(port, [`GET /api/health HTTP/1.1\r\nHost: localhost\r\n${headers}\r\n`]), 431, 'headers_too_large');
  });

  for (const [what, request] of [
    ['a malformed request line', 'GARBAGE\r\n\r\n'],
    ['a bad HTTP version', 'GET /api/health HTTP/9.9\r\nHost: localhost\r\n\r\n'],
    ['a header without a colon', 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n'],
    ['a bad Content-Length', 'POST /api/reindex HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n'],
  ] as const) {
    it(`answers ${what} with a JSON 400`, async () => {
      const port = await start();
      expectJsonError(await exchange(port, [request]), 400, 'invalid_request');
    });
  }

  it('answers oversized chunk extensions in a body with a JSON 413', async () => {
    const port = await start();
    const head = 'POST /api/reindex HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    expectJsonError(await exchange(port, [head, `2;ext=${'x'.repeat(40_000)}\r\n{}\r\n0\r\n\r\n`]), 413, 'payload_too_large');
  });

  it('answers an HTTP/1.1 request without Host with a JSON 400, and one over HTTP/1.0 normally', async () => {
    const port = await start();
    const res = await exchange(port, ['GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n']);
    expectJsonError(res, 400, 'invalid_request');
    expect(JSON.parse(res.body).error).to.contain('Host');
    expect((await exchange(port, ['GET /api/health HTTP/1.0\r\n\r\n'])).status).to.equal(200);
  });

  it('answers CONNECT (a proxy tunnel) with a JSON 404 instead of dropping the connection', async () => {
    const port = await start();
    expectJsonError(await exchange(port, ['CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n']), 404, 'not_found');
  });

  it('answers headers that stop arriving with a JSON 408 once the headers timeout is past', async () => {
    // With Node's 30 s check interval this would not come within the test's time limit.
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    expectJsonError(await exchange(port, ['GET /api/health HTTP/1.1\r\nHost: localhost\r\n']), 408, 'request_timeout');
  }).timeout(10_000);

  it('answers a body that stops arriving with a JSON 408 once the request timeout is past', async () => {
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const res = await exchange(port, ['POST /api/reindex HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":']);
    expectJsonError(res, 408, 'request_timeout');
  }).timeout(10_000);

  it('tells the onClientError observer what it answered', async () => {
    const seen: [number, string, string | undefined][] = [];
    const port = await start({ onClientError: (answer, nodeCode) => seen.push([answer.status, answer.code, nodeCode]) });
    await exchange(port, ['GARBAGE\r\n\r\n']);
    await exchange(port, [`GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`]);
    expect(seen).to.have.length(2);
    expect(seen[0].slice(0, 2)).to.deep.equal([400, 'invalid_request']);
    expect(seen[0][2]).to.match(/^HPE_/);
    expect(seen[1]).to.deep.equal([431, 'headers_too_large', 'HPE_HEADER_OVERFLOW']);
  });

  it('still answers a well-formed request normally on the same server', async () => {
    const port = await start();
    const res = await exchange(port, ['GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n']);
    expect(res.status).to.equal(200);
    expect(res.body).to.contain('"status":"ok"');
  });
});

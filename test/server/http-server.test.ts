import { expect } from 'chai';
import { closeGracefully, DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, listen } from '../../server/http-server.js';
import { fixtureApp } from './helpers.js';

describe('listen / closeGracefully', () => {
  it('listens on a free port with request and header timeouts, and closes', async () => {
    const { app } = await fixtureApp();
    const { server, port, url } = await listen(app, { port: 0, host: '127.0.0.1' });
    try {
      expect(port).to.be.greaterThan(0);
      expect(url).to.equal(`http://127.0.0.1:${port}`);
      expect(server.requestTimeout).to.equal(DEFAULT_REQUEST_TIMEOUT_MS);
      expect(server.headersTimeout).to.equal(DEFAULT_HEADERS_TIMEOUT_MS);
      const res = await fetch(`${url}/api/health`);
      expect(res.status).to.equal(200);
    } finally {
      await closeGracefully(server);
    }
    expect(server.listening).to.equal(false);
  });

  it('closes without cutting off a request being answered', async () => {
    const { app } = await fixtureApp();
    const { server, url } = await listen(app, { port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${url}/api/search?q=missile`);
    // Wait until the server has the connection, then close while the request is being handled.
    await new Promise<void>((resolve) => server.once('request', () => resolve()));
    const closed = closeGracefully(server);
    const res = await inFlight;
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { total: number }).total).to.be.greaterThan(0);
    await closed;
    expect(server.listening).to.equal(false);
  });
});

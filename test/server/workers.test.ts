import { expect } from 'chai';
import { childEnv, runCli, SERVER_MAIN, startUntil } from '../cli/run-cli.js';
import { FIXTURE_CORPUS, OUT_DIR } from './helpers.js';

describe('serve --workers (spawned)', () => {
  it('runs two worker processes on one port, each answering, and stops them all on SIGTERM with exit 0', async () => {
    const servingPids = new Set<number>();
    let port = 0;
    const { child, output } = await startUntil(
      SERVER_MAIN,
      ['--corpus', FIXTURE_CORPUS, '--no-snapshot', '--port', '0', '--no-web', '--workers', '2'],
      OUT_DIR,
      childEnv(),
      (line) => {
        if (!line.includes('serving on')) return false;
        const log = JSON.parse(line) as { pid: number; port: number };
        servingPids.add(log.pid);
        port = log.port;
        return servingPids.size === 2;
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      expect(servingPids.size).to.equal(2);
      expect(servingPids.has(child.pid as number)).to.equal(false);
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/api/search?q=missile`, { headers: { Connection: 'close' } });
        expect(res.status).to.equal(200);
      }
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    child.kill('SIGTERM');
    expect(await exited, output()).to.equal(0);
    expect(output()).to.contain('all workers stopped');
  });

  it('refuses --workers 0 with exit 2', async () => {
    const r = await runCli(['serve', '--workers', '0'], OUT_DIR);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('from 1 to 64');
  });
});

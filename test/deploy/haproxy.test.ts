/**
 * A tested deployment: three replicas following one publish folder behind Debian's haproxy,
 * all on ephemeral loopback ports. A bounded client loop through haproxy must see zero failed
 * requests while (a) a new generation is published and every replica converges to it, and
 * (b) one replica is killed with SIGKILL and another is restarted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { saveSnapshot } from '../../lib/index.js';
import { buildIndexFromCorpus } from '../../lifecycle/build-index.js';
import { publishSnapshot } from '../../lifecycle/publish.js';
import { childEnv, SERVER_MAIN, startUntil } from '../cli/run-cli.js';
import { FIXTURE_CORPUS, OUT_DIR } from '../server/helpers.js';
import { haproxyConfig } from './haproxy-config.js';

/** Debian's haproxy (override with LEDESEARCH_HAPROXY). */
const HAPROXY = process.env.LEDESEARCH_HAPROXY || '/usr/sbin/haproxy';

/** A port free right now on loopback (the kernel's pick, released for haproxy to bind). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Replica {
  child: ChildProcess;
  port: number;
}

describe('deployment: three replicas behind haproxy', function () {
  this.timeout(90_000);
  let work: string;
  let pub: string;
  const replicas: Replica[] = [];
  let haproxy: ChildProcess | undefined;

  async function startReplica(port = 0): Promise<Replica> {
    const { child, line } = await startUntil(
      SERVER_MAIN,
      ['--follow', pub, '--follow-interval', '100', '--port', String(port), '--no-web', '--cache-mb', '0'],
      OUT_DIR,
      childEnv(),
      (l) => l.includes('serving on'),
    );
    return { child, port: (JSON.parse(line) as { port: number }).port };
  }

  async function generationOf(port: number): Promise<number | undefined> {
    try {
      return ((await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { generation?: number }).generation;
    } catch {
      return undefined;
    }
  }

  before(async () => {
    if (!existsSync(HAPROXY)) {
      throw new Error(`haproxy is not installed at ${HAPROXY}, so the deployment test cannot run. Install it with \`bash scripts/install-haproxy.sh\` (Debian: apt-get install haproxy), or point LEDESEARCH_HAPROXY at an haproxy binary.`);
    }
    work = await mkdtemp(join(tmpdir(), 'ledesearch-deploy-'));
    pub = join(work, 'published');
    const built = await buildIndexFromCorpus(FIXTURE_CORPUS);
    const snapshot = join(work, 'index.snapshot');
    await saveSnapshot(built.index, snapshot);
    await publishSnapshot(snapshot, pub);
    for (let i = 0; i < 3; i++) replicas.push(await startReplica());
  });

  after(async () => {
    haproxy?.kill('SIGKILL');
    for (const r of replicas) r.child.kill('SIGKILL');
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('loses no request while a generation rolls out, a replica is SIGKILLed and another restarted', async () => {
    const port = await freePort();
    const config = join(work, 'haproxy.cfg');
    await writeFile(config, haproxyConfig(port, replicas.map((r) => r.port)));
    haproxy = spawn(HAPROXY, ['-f', config, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let haproxyErr = '';
    haproxy.stderr?.setEncoding('utf8').on('data', (d: string) => (haproxyErr += d));
    const front = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${front}/api/ready`).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (i > 100) throw new Error(`haproxy did not come up:\n${haproxyErr}`);
      await sleep(100);
    }
    // haproxy starts with every server up; one check round (inter 1 s) before the loop starts.
    await sleep(1200);

    let stop = false;
    const failures: string[] = [];
    const generations = new Set<string>();
    let requests = 0;
    const client = async (): Promise<void> => {
      while (!stop && requests < 20_000) {
        requests++;
        try {
          const res = await fetch(`${front}/api/search?q=${requests % 2 ? 'missile' : 'cocoa'}&limit=3`);
          const body = await res.text();
          if (res.status !== 200) failures.push(`${res.status} ${body.slice(0, 120)}`);
          generations.add(res.headers.get('x-index-generation') ?? 'none');
        } catch (error) {
          failures.push(String(error));
        }
      }
    };
    const clients = [client(), client(), client()];
    try {
      // (a) A new generation: every replica converges to it.
      const built = await buildIndexFromCorpus(FIXTURE_CORPUS);
      built.index.remove('reuters/124');
      const snapshot = join(work, 'index-2.snapshot');
      await saveSnapshot(built.index, snapshot);
      expect((await publishSnapshot(snapshot, pub)).generation).to.equal(2);
      for (let i = 0; ; i++) {
        const gens = await Promise.all(replicas.map((r) => generationOf(r.port)));
        if (gens.every((g) => g === 2)) break;
        if (i > 100) throw new Error(`replicas did not converge: ${gens.join(', ')}`);
        await sleep(100);
      }
      await sleep(500);

      // (b) One replica killed outright, another restarted (SIGTERM, then started again on its port).
      replicas[0].child.kill('SIGKILL');
      await sleep(500);
      const restarting = replicas[1];
      const exited = new Promise((resolve) => restarting.child.once('exit', resolve));
      restarting.child.kill('SIGTERM');
      await exited;
      await sleep(300);
      replicas[1] = await startReplica(restarting.port);
      await sleep(1000);
    } finally {
      stop = true;
      await Promise.all(clients);
    }
    expect(failures, failures.slice(0, 5).join('\n')).to.deep.equal([]);
    expect(requests).to.be.greaterThan(100);
    expect([...generations]).to.include.members(['1', '2']);
    // The restarted replica follows the newest generation too.
    expect(await generationOf(replicas[1].port)).to.equal(2);
  });
});

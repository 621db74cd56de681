import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { childEnv, startUntil } from '../cli/run-cli.js';
import {
  CORPUS_FILE,
  DYNAMIC_IMPORT_CONSUMER,
  ESM_CONSUMER,
  REQUIRE_CONSUMER,
  SERVER_CONSUMER,
  TSCONFIG,
  TSCONFIG_REQUIRE,
} from './consumers.js';
import { devDependencyRange, exec, execNode, execOk, packInto, REPO_ROOT, type PackedTarball } from './scratch-project.js';

const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PUBLINT = join(REPO_ROOT, 'node_modules', 'publint', 'src', 'cli.js');
const ATTW = join(REPO_ROOT, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');

/** The last line of a child's stdout, parsed as JSON. */
function lastJson(stdout: string): unknown {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

describe('the package as installed from npm (npm pack, then npm install in a scratch project)', function () {
  // Packing, installing (from npm's cache or the registry) and two tsc runs: tens of seconds.
  this.timeout(240_000);

  let work: string;
  let project: string;
  let tarball: PackedTarball;
  /** The installed CLI, run through node as npm's bin link would. */
  let cli: string;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ledesearch-pack-'));
    tarball = await packInto(work);
    project = join(work, 'project');
    await mkdir(join(project, 'src'), { recursive: true });
    await mkdir(join(project, 'corpus'));
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    await writeFile(join(project, 'tsconfig.require.json'), JSON.stringify(TSCONFIG_REQUIRE));
    await writeFile(join(project, 'src', 'esm.ts'), ESM_CONSUMER);
    await writeFile(join(project, 'src', 'server.ts'), SERVER_CONSUMER);
    await writeFile(join(project, 'src', 'dynamic.cts'), DYNAMIC_IMPORT_CONSUMER);
    await writeFile(join(project, 'src', 'require.cts'), REQUIRE_CONSUMER);
    await writeFile(join(project, 'corpus', 'wire.json'), CORPUS_FILE);
    // The consumer's own type packages, as a TypeScript user of Node and Express has them.
    const types = [`@types/node@${await devDependencyRange('@types/node')}`, `@types/express@${await devDependencyRange('@types/express')}`];
    await execOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball.file, ...types], project);
    cli = join(project, 'node_modules', '.bin', 'ledesearch');
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  describe('the tarball', () => {
    it('holds the licence, every compiled entry and the runtime data, and no tests or source maps', () => {
      for (const file of [
        'LICENSE',
        'README.md',
        'package.json',
        'dist/bin/ledesearch.js',
        'dist/cli/program.js',
        'dist/lib/index.js',
        'dist/lib/index.d.ts',
        'dist/lifecycle/load-index.js',
        'dist/server/index.js',
        'dist/server/index.d.ts',
        'dist/server/main.js',
        'schema/article.schema.json',
        'schema/search-response.schema.json',
        'web/index.html',
      ]) {
        expect(tarball.files, file).to.include(file);
      }
      expect(tarball.files.filter((f) => f.endsWith('.map') || f.startsWith('dist/test/') || f.startsWith('dist/bench/'))).to.deep.equal([]);
    });

    it('passes publint with warnings counted as errors', async () => {
      const r = await execNode(PUBLINT, [tarball.file, '--strict'], work);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.stdout).to.contain('All good');
    });

    it('passes @arethetypeswrong/cli as ESM-only: resolves under node16 ESM and bundlers, and under CommonJS not at all', async () => {
      const r = await execNode(ATTW, [tarball.file, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'json'], work);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      const { analysis } = JSON.parse(r.stdout) as {
        analysis: { problems: { kind: string; resolutionKind?: string; entrypoint?: string }[]; entrypoints: Record<string, unknown> };
      };
      expect(Object.keys(analysis.entrypoints)).to.include.members(['.', './server']);
      // The only problems are the intended ones: require() and pre-exports resolution find nothing
      // for either entry, exactly what Node does (no "types promise what the runtime refuses").
      const problems = analysis.problems.map((p) => `${p.kind} ${p.entrypoint} ${p.resolutionKind}`).sort();
      expect(problems).to.deep.equal([
        'NoResolution . node10',
        'NoResolution . node16-cjs',
        'NoResolution ./server node10',
        'NoResolution ./server node16-cjs',
      ]);
    });
  });

  describe('the installed ledesearch command', () => {
    it('prints its usage with --help', async () => {
      const r = await execNode(cli, ['--help'], project);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.contain('Usage: ledesearch');
      for (const command of ['index', 'search', 'serve']) expect(r.stdout).to.contain(command);
    });

    it('indexes a corpus, then searches the snapshot it wrote', async () => {
      const indexed = await execNode(cli, ['index', 'corpus'], project);
      expect(indexed.code, indexed.stderr).to.equal(0);
      expect(indexed.stdout).to.match(/^indexed 2 articles/);
      const found = await execNode(cli, ['search', 'oil', '--json'], project);
      expect(found.code, found.stderr).to.equal(0);
      const body = JSON.parse(found.stdout) as { total: number; hits: { id: string }[] };
      expect(body.hits.map((h) => h.id)).to.deep.equal(['pk-oil']);
    });

    it('serves with dist/server/main.js on a free loopback port, answers /api/health, and stops on SIGTERM', async () => {
      const main = join(project, 'node_modules', 'ledesearch', 'dist', 'server', 'main.js');
      const { child, line } = await startUntil(main, ['--corpus', 'corpus', '--no-snapshot', '--port', '0', '--host', '127.0.0.1'], project, childEnv(), (l) =>
        l.includes('"port"'),
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        const { url } = JSON.parse(line) as { url: string };
        const res = await fetch(`${url}/api/health`);
        expect(res.status).to.equal(200);
        expect(((await res.json()) as { numArticles: number }).numArticles).to.equal(2);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).to.equal(0);
    });
  });

  describe('TypeScript and JavaScript consumers (strict, module and moduleResolution nodenext)', () => {
    before(async () => {
      const r = await execNode(TSC, ['-p', 'tsconfig.json'], project);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
    });

    it('an ES module consumer type-checks (readonly facet lists included) and runs', async () => {
      const r = await execNode(join('out', 'esm.js'), [], project);
      expect(r.code, r.stderr).to.equal(0);
      const out = lastJson(r.stdout) as { ids: string[]; topics: { value: string; count: number }[]; code: string };
      expect(out.ids).to.deep.equal(['a/1']);
      expect(out.topics).to.deep.include({ value: 'crude', count: 1 });
      expect(out.code).to.equal('invalid_query');
    });

    it('a consumer of ledesearch/server mounts createApp in its own Express app', async () => {
      const r = await execNode(join('out', 'server.js'), [], project);
      expect(r.code, r.stderr).to.equal(0);
      expect(lastJson(r.stdout)).to.deep.equal({ hello: 'outer app', status: 200, ids: ['s/1'] });
    });

    it('a CommonJS consumer loads it with await import()', async () => {
      const r = await execNode(join('out', 'dynamic.cjs'), [], project);
      expect(r.code, r.stderr).to.equal(0);
      expect(lastJson(r.stdout)).to.deep.equal(['c/1']);
    });

    it('require() is refused alike by tsc and by Node', async () => {
      const checked = await execNode(TSC, ['-p', 'tsconfig.require.json'], project);
      expect(checked.code).to.not.equal(0);
      expect(checked.stdout).to.match(/require\.cts\(1,\d+\): error TS2307: Cannot find module 'ledesearch'/);
      for (const entry of ['ledesearch', 'ledesearch/server']) {
        const r = await exec(process.execPath, ['--input-type=commonjs', '-e', `require(${JSON.stringify(entry)})`], project);
        expect(r.code, entry).to.not.equal(0);
        expect(r.stderr, entry).to.contain('ERR_PACKAGE_PATH_NOT_EXPORTED');
      }
    });
  });
});

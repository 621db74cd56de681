import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';

// Compiled to <outDir>/test/readme.test.js; the repository root is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('README', () => {
  it('the library example runs: the seed article ranks first, "missile" is marked, facets print', async function () {
    this.timeout(60_000);
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const block = /<!-- example:quickstart[^>]*-->\s*```ts\n([\s\S]*?)```/.exec(readme);
    expect(block, 'README has the quickstart block').to.not.equal(null);
    const js = ts.transpileModule((block as RegExpExecArray)[1], {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    // Written inside the package so `import 'ledesearch'` resolves by package self-reference,
    // exactly as it does for a user who installed the package.
    const dir = path.join(root, 'test-output');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'readme-example.mjs');
    await writeFile(file, js);
    const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: root });
    const lines = stdout.split('\n');
    const firstHit = lines.find((l) => /^\d+\.\d\d {2}/.test(l));
    expect(firstHit).to.contain('seed/000_db3d054a026eb58a');
    expect(firstHit).to.contain('Korea, US, Japan discuss security coordination after Sweden talks');
    expect(stdout).to.match(/<mark>missiles?<\/mark>/i);
    expect(stdout).to.match(/category: \[ \{ value: 'Korea', count: 1 \} \]/);
    expect(stdout).to.match(/topics: \[\s*\{ value: '[a-z-]+', count: \d+ \}/);
  });
});

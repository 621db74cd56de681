import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const lib = path.join(root, 'lib');

/** Every .ts file under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The relative module specifiers a file imports or re-exports (static and dynamic). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) specs.push(m[1]);
  return specs;
}

describe('imports inside lib/', () => {
  it('finds the imports it checks (the scan itself works)', () => {
    const entry = importsOf(path.join(lib, 'index.ts'));
    expect(entry.some((s) => s.startsWith('./search/'))).to.equal(true);
    expect(sources(lib).length).to.be.greaterThan(20);
  });

  it('run one way: nothing under lib/ but the entry point imports the facade in lib/search/', () => {
    const search = path.join(lib, 'search') + path.sep;
    const offenders: string[] = [];
    for (const file of sources(lib)) {
      if (file === path.join(lib, 'index.ts') || file.startsWith(search)) continue;
      for (const spec of importsOf(file)) {
        const target = path.resolve(path.dirname(file), spec);
        if (target.startsWith(search)) offenders.push(`${path.relative(root, file)} imports ${spec}`);
      }
    }
    expect(offenders).to.deep.equal([]);
  });
});

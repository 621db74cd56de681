/**
 * The layering rule of ARCHITECTURE.md, checked on the sources: lib ← lifecycle ← server / cli.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

/** The repository root: the compiled test sits in <outDir>/test/lifecycle/. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Every .ts source under `folder` (relative to the root), recursively. */
function sources(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
    }
  };
  walk(folder);
  return out;
}

/** Static imports, re-exports and dynamic imports of a source file. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const re = /\b(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

/** The top-level folder (`lib`, `server` …) a relative import of `file` lands in, and its path. */
function target(file: string, specifier: string): { folder: string; path: string } | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const path = relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(sep).join('/');
  return { folder: path.split('/')[0], path };
}

/** Every import of `folder` that lands in a folder `allowed` rejects, as "file -> specifier". */
function violations(folder: string, allowed: (t: { folder: string; path: string }) => boolean): string[] {
  const bad: string[] = [];
  for (const file of sources(folder)) {
    for (const s of specifiers(readFileSync(join(ROOT, file), 'utf8'))) {
      const t = target(file, s);
      if (t && !allowed(t)) bad.push(`${file} -> ${s}`);
    }
  }
  return bad;
}

describe('import direction (lib ← lifecycle ← server / cli)', () => {
  it('finds the imports it checks (the scanner itself works)', () => {
    expect(specifiers(`import { a } from './a.js';\nexport * from "../b.js";\nconst c = await import('./c.js');\nimport type {\n  D,\n} from './d.js';`)).to.deep.equal([
      './a.js',
      '../b.js',
      './c.js',
      './d.js',
    ]);
    expect(violations('server', (t) => t.folder !== 'lifecycle')).to.not.be.empty;
  });

  it('lib/ imports nothing outside lib/ (but the JSON Schemas it validates articles with)', () => {
    expect(violations('lib', (t) => t.folder === 'lib' || t.path.startsWith('schema/'))).to.deep.equal([]);
  });

  it('lifecycle/ uses only the library entry and itself', () => {
    expect(violations('lifecycle', (t) => t.folder === 'lifecycle' || t.path === 'lib/index.js')).to.deep.equal([]);
  });

  it('server/ never imports cli/ or bin/, and reaches the library only through its entry', () => {
    expect(violations('server', (t) => ['server', 'lifecycle', 'schema'].includes(t.folder) || t.path === 'lib/index.js')).to.deep.equal([]);
  });

  it('cli/ never imports bin/, and reaches the library only through its entry', () => {
    expect(violations('cli', (t) => ['cli', 'server', 'lifecycle'].includes(t.folder) || t.path === 'lib/index.js')).to.deep.equal([]);
  });
});

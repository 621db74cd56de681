/**
 * Packing this repository and installing the tarball into a throw-away project, as a user of
 * the published package would get it.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, type RunResult } from '../cli/run-cli.js';

/** The repository root: three levels up from the compiled `<outDir>/test/packaging/`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `command args…` in `cwd` (no shell) and collects its output; never rejects on a non-zero exit. */
export function exec(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `node <script> args…` in `cwd`. */
export function execNode(script: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return exec(process.execPath, [script, ...args], cwd);
}

/** Like {@link exec}, but rejects with the command's output when it exits non-zero. */
export async function execOk(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  const r = await exec(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** What `npm pack --json` says about the tarball it wrote. */
export interface PackedTarball {
  /** Absolute path of the .tgz. */
  file: string;
  /** Paths of the files inside, relative to the package root. */
  files: string[];
}

/**
 * Packs the repository's current build into `dir`. Without `prepack`: its clean rebuild would
 * delete the compiled tests mocha is running (`npm test` has just built everything).
 */
export async function packInto(dir: string): Promise<PackedTarball> {
  const r = await execOk('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], REPO_ROOT);
  const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
  return { file: join(dir, info.filename), files: info.files.map((f) => f.path) };
}

/** The version range this repository's package.json gives a devDependency, so the install hits npm's cache. */
export async function devDependencyRange(name: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const range = pkg.devDependencies[name];
  if (range === undefined) throw new Error(`internal: ${name} is not a devDependency`);
  return range;
}

/**
 * Runs the built `ledesearch` executable (or the server's main) as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { OUT_DIR } from '../server/helpers.js';

/** The compiled CLI, next to these compiled tests in the same outDir. */
export const CLI = join(OUT_DIR, 'bin', 'ledesearch.js');
/** The compiled server entry point. */
export const SERVER_MAIN = join(OUT_DIR, 'server', 'main.js');

/** What a finished run gave. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for children: no inherited PORT, token or log level to change their behaviour. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['PORT', 'HOST', 'LEDESEARCH_REINDEX_TOKEN', 'LEDESEARCH_CORS_ORIGINS', 'LOG_LEVEL']) delete env[key];
  return { ...env, ...extra };
}

/** Runs `node <script> ...args` in `cwd` and collects its output. */
export function run(script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = childEnv()): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI. */
export function runCli(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return run(CLI, args, cwd, env);
}

/** Starts a long-running child and resolves with it once a stdout line satisfies `ready`. */
export function startUntil(
  script: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  ready: (line: string) => boolean,
): Promise<{ child: ChildProcess; line: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let all = '';
    let pending = '';
    let done = false;
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      all += d;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!done && ready(line)) {
          done = true;
          resolve({ child, line, output: () => all });
        }
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (all += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!done) reject(new Error(`exited with ${code} before it was ready:\n${all}`));
    });
  });
}

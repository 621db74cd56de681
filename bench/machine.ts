/**
 * The machine and invocation a run was made on, for the report.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { relative } from 'node:path';

/** Machine details and how the benchmark was started. */
export interface MachineInfo {
  cpuModel: string;
  numCores: number;
  memoryBytes: number;
  node: string;
  os: string;
  date: string;
  command: string;
  /** 1, 5 and 15-minute load averages when the run started. */
  loadAvg: number[];
  /** The git commit of the working directory, and whether lib/ or server/ had uncommitted changes. */
  revision: string;
}

/** `abc1234`, `abc1234 + uncommitted changes in lib/ or server/`, or `unknown` outside a git checkout. */
function describeRevision(): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'lib', 'server') !== '';
    return dirty ? `${head} + uncommitted changes in lib/ or server/` : head;
  } catch {
    return 'unknown';
  }
}

/** Describes this machine and reconstructs the command line (paths relative to the working directory). */
export function describeMachine(): MachineInfo {
  const cpuList = cpus();
  const script = process.argv[1] ? relative(process.cwd(), process.argv[1]) : '';
  const nodeCommand = ['node', ...process.execArgv, script, ...process.argv.slice(2)].join(' ');
  const viaNpm = process.env.npm_lifecycle_event === 'bench' ? `npm run bench (${nodeCommand})` : nodeCommand;
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    numCores: cpuList.length,
    memoryBytes: totalmem(),
    node: process.version,
    os: `${osType()} ${release()}`,
    date: new Date().toISOString(),
    command: viaNpm,
    loadAvg: loadavg(),
    revision: describeRevision(),
  };
}

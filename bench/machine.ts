/**
 * The machine and invocation a run was made on, for the report.
 */
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
  };
}

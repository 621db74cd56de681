/**
 * The scale step run by hand (`npm run bench -- --scale-only --factors 1,100`): too long for a
 * regular run, so its results are kept in a file of their own, which every later report includes
 * until the step is run again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { MachineInfo } from './machine.js';
import type { ScalePoint } from './scale.js';

/** Where a by-hand scale run is kept, relative to the project root (the benchmark's working directory). */
export const SCALE_BY_HAND_FILE = 'bench/scale-by-hand.json';

/** A by-hand scale run: its points and the machine and load it ran under. */
export interface ScaleByHandRun {
  machine: MachineInfo;
  /** 1, 5 and 15-minute load averages when the run ended. */
  loadAvgEnd: number[];
  points: ScalePoint[];
}

/** The kept by-hand run, or undefined when there is none (or the file is unreadable, said on stderr). */
export function readScaleByHand(file = SCALE_BY_HAND_FILE): ScaleByHandRun | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const run = JSON.parse(readFileSync(file, 'utf8')) as ScaleByHandRun;
    return Array.isArray(run.points) ? run : undefined;
  } catch (err) {
    console.error(`ignoring ${file}: ${(err as Error).message}`);
    return undefined;
  }
}

/** Keeps a by-hand run, replacing the previous one. */
export function writeScaleByHand(run: ScaleByHandRun, file = SCALE_BY_HAND_FILE): void {
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
}

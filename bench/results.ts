/**
 * The data a benchmark run collects, gathered in one object that the report renders.
 */
import type { DuplicateCost } from './duplicate-cost.js';
import type { SchemaRun } from './schema-run.js';
import type { QueryLanguageRun } from './query-language.js';
import type { EngineKey } from './args.js';
import type { AnalyzerFloor } from './floor.js';
import type { HttpRun } from './http.js';
import type { WorkersHttpRun } from './workers-http.js';
import type { MachineInfo } from './machine.js';
import type { QueryRun } from './measure.js';
import type { ScalePoint } from './scale.js';
import type { ScaleByHandRun } from './scale-by-hand.js';
import type { SnapshotMeasure } from './snapshot.js';

/** One engine's 1× measurements; absent numbers where it failed or was not run. */
export interface EngineResult {
  key: EngineKey;
  name: string;
  config: string;
  /** The fastest of the timed builds (see `buildTimesMs`). */
  buildMs?: number;
  /** Every timed build, in order (the first runs on a cold JIT). */
  buildTimesMs?: number[];
  /** Process CPU time during the fastest build. */
  buildCpuMs?: number;
  heapBytes?: number;
  /** The first query after the build, before the warm-up pass: lazily built structures show here. */
  firstQueryMs?: number;
  ranked?: QueryRun;
  error?: string;
}

/** A part of the run that did not happen, and why. */
export interface Skipped {
  skipped: string;
}

/** Everything one run measured. */
export interface BenchResults {
  machine: MachineInfo;
  seed: number;
  quick: boolean;
  gcExposed: boolean;
  corpus: {
    kind: 'reuters' | 'bundled';
    description: string;
    fallbackReason?: string;
    numArticles: number;
    numParagraphs: number;
    numChars: number;
    parseMs: number;
  };
  queries: { numQueries: number; numByLength: [number, number, number]; numFiltered: number; examples: string[] };
  floor?: AnalyzerFloor;
  engines: EngineResult[];
  lede: {
    full?: QueryRun;
    filtered?: QueryRun;
    /** `index.prepare()`: the optional typo/prefix vocabulary, which the server builds before serving. */
    prepareMs?: number;
    snapshot?: SnapshotMeasure;
    /** Phrase, boolean and worst-case queries (bench/query-language.ts). */
    queryLanguage?: QueryLanguageRun;
    /** Builds with and without duplicate groups (bench/duplicate-cost.ts). */
    duplicateCost?: DuplicateCost | Skipped;
    /** The declared-schema run: 5 keyword + 2 number fields (bench/schema-run.ts). */
    schema?: SchemaRun;
  };
  http: HttpRun[] | Skipped;
  /** Cache-off search and a trivial route at 50 connections for 1 and 2 server processes (`serve --workers`). */
  httpWorkers?: WorkersHttpRun[] | Skipped;
  scale: ScalePoint[] | Skipped;
  /** The scale step last run by hand (bench/scale-by-hand.json), when there is one. */
  scaleByHand?: ScaleByHandRun;
  /** 1, 5 and 15-minute load averages when the run ended (the machine's, not only this process's). */
  loadAvgEnd?: number[];
}

/** True for a part of the run that was skipped. */
export function isSkipped(value: unknown): value is Skipped {
  return typeof value === 'object' && value !== null && 'skipped' in value;
}

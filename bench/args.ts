/**
 * Command-line options of the benchmark (`npm run bench -- [options]`).
 */
import { DEFAULT_CORPORA_DIR } from './corpus.js';

/** Engines the benchmark knows, by their command-line key. */
export const ENGINE_KEYS = ['ledesearch', 'minisearch', 'orama', 'lunr', 'flexsearch'] as const;
/** An engine's command-line key. */
export type EngineKey = (typeof ENGINE_KEYS)[number];

/** Resolved benchmark options. */
export interface BenchOptions {
  /** Folder holding `reuters21578/`. Default `../shared/corpora`, relative to the working directory. */
  corporaDir: string;
  /** Seed of the query sampler. Default 42. */
  seed: number;
  /** Plain queries. Default 1000. */
  numQueries: number;
  /** Filtered queries (ledesearch only). Default 200. */
  numFiltered: number;
  /** Engines to run, in order. Default all. */
  engines: EngineKey[];
  /** HTTP benchmark: `auto` runs it when the compiled server app exists. */
  http: boolean | 'auto';
  /** Seconds per autocannon run. Default 10 (3 with `--quick`). */
  httpDurationS: number;
  /** Scale benchmark. Default on; off with `--quick` or `--no-scale`. */
  scale: boolean;
  /** Replication factors of the scale benchmark. Default 1, 4, 10. */
  factors: number[];
  /**
   * Only the scale step, for a by-hand run (e.g. `--factors 1,100`): its results go to
   * bench/scale-by-hand.json, which every later report includes, not to the report file.
   */
  scaleOnly: boolean;
  /**
   * Only the HTTP step (by hand, while working on the server): the corpus and queries as usual,
   * then the HTTP and workers runs, their lines printed; no engines, no scale, no report file.
   */
  httpOnly: boolean;
  /** Markdown report path, or undefined for none. Default `BENCHMARKS.md`. */
  out?: string;
  quick: boolean;
}

/** Usage text. */
export const USAGE = `Usage: node --expose-gc dist/bench/run.js [options]

  --corpora DIR        folder with reuters21578/ (default ${DEFAULT_CORPORA_DIR}); without it the
                       bundled corpus/ folder is used and the report says so
  --seed N             query sampler seed (default 42)
  --queries N          plain queries (default 1000)
  --filtered N         filtered queries for ledesearch (default 200)
  --engines a,b        subset of ${ENGINE_KEYS.join(',')} (default all)
  --http | --no-http   HTTP benchmark (default: on when dist/server/app.js exists)
  --http-duration S    seconds per autocannon run (default 10; 3 with --quick)
  --scale | --no-scale ledesearch at 1x/4x/10x Reuters (default on; off with --quick)
  --factors 1,4,10     replication factors for --scale
  --scale-only         only the scale step (by hand, e.g. --factors 1,100); results go to
                       bench/scale-by-hand.json, which later reports include
  --http-only          only the HTTP runs (by hand): no engines, no scale, no report file
  --out FILE           markdown report (default BENCHMARKS.md); --no-write for none
  --quick              no scale run, 3 s HTTP runs
  --help`;

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

/** Parses `argv` (without node and script). Throws on unknown flags or bad values. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const opts: BenchOptions = {
    corporaDir: DEFAULT_CORPORA_DIR,
    seed: 42,
    numQueries: 1000,
    numFiltered: 200,
    engines: [...ENGINE_KEYS],
    http: 'auto',
    httpDurationS: 10,
    scale: true,
    factors: [1, 4, 10],
    scaleOnly: false,
    httpOnly: false,
    out: 'BENCHMARKS.md',
    quick: false,
  };
  let httpDurationSet = false;
  let scaleSet = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--corpora': {
        const v = value();
        if (!v) throw new Error('--corpora needs a folder');
        opts.corporaDir = v;
        break;
      }
      case '--seed': opts.seed = positiveInt(flag, value()); break;
      case '--queries': opts.numQueries = positiveInt(flag, value()); break;
      case '--filtered': opts.numFiltered = positiveInt(flag, value()); break;
      case '--engines': {
        const keys = (value() ?? '').split(',').filter(Boolean);
        const unknown = keys.filter((k) => !(ENGINE_KEYS as readonly string[]).includes(k));
        if (keys.length === 0 || unknown.length > 0) throw new Error(`--engines: unknown engine(s) ${JSON.stringify(unknown)}; known: ${ENGINE_KEYS.join(',')}`);
        opts.engines = keys as EngineKey[];
        break;
      }
      case '--http': opts.http = true; break;
      case '--no-http': opts.http = false; break;
      case '--http-duration': opts.httpDurationS = positiveInt(flag, value()); httpDurationSet = true; break;
      case '--scale': opts.scale = true; scaleSet = true; break;
      case '--no-scale': opts.scale = false; scaleSet = true; break;
      case '--scale-only': opts.scaleOnly = true; break;
      case '--http-only': opts.httpOnly = true; break;
      case '--factors': {
        const factors = (value() ?? '').split(',').map((f) => positiveInt(flag, f));
        if (factors.some((f) => f < 1)) throw new Error('--factors must be positive');
        opts.factors = factors;
        break;
      }
      case '--out': {
        const v = value();
        if (!v) throw new Error('--out needs a file');
        opts.out = v;
        break;
      }
      case '--no-write': opts.out = undefined; break;
      case '--quick': opts.quick = true; break;
      case '--help': case '-h': return 'help';
      default: throw new Error(`unknown option ${JSON.stringify(flag)}\n\n${USAGE}`);
    }
  }
  if (opts.httpOnly && opts.scaleOnly) throw new Error('--http-only and --scale-only exclude each other');
  if (opts.httpOnly && opts.http === false) throw new Error('--http-only and --no-http exclude each other');
  if (opts.quick) {
    if (!httpDurationSet) opts.httpDurationS = 3;
    if (!scaleSet) opts.scale = false;
  }
  return opts;
}

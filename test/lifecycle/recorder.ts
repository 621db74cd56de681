/**
 * A LoadReporter that records what it is told, for the lifecycle tests.
 */
import type { CorpusError } from '../../lib/index.js';
import type { LoadReporter } from '../../lifecycle/load-index.js';

/** A reporter that records its infos, warnings and problems. */
export function recorder(): LoadReporter & { infos: string[]; warnings: string[]; problems: CorpusError[] } {
  const r = {
    infos: [] as string[],
    warnings: [] as string[],
    problems: [] as CorpusError[],
    info: (m: string) => r.infos.push(m),
    warn: (m: string) => r.warnings.push(m),
    problem: (e: CorpusError) => r.problems.push(e),
  };
  return r;
}

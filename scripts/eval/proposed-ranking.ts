/**
 * The ranking this evaluation proposes as ledesearch's defaults, found with scripts/eval/sweep.ts
 * (EVALUATION.md, "Tuning"). One setting for TIME, CACM and ADI together.
 *
 * `npm run eval` adds a "ledesearch (proposed)" row while the engine's defaults differ from it;
 * once the defaults are these values, the row disappears by itself.
 */
import type { RankingOptions } from '../../lib/index.js';

/** Proposed defaults; measured MAP TIME 0.6128, CACM 0.3508, ADI 0.4391. */
export const PROPOSED_RANKING: Readonly<Required<RankingOptions>> = Object.freeze({
  k1: 1.6,
  b: 0.85,
  titleB: 0.5,
  titleWeight: 6,
  paragraphWeight: 0.2,
  paragraphB: 0.5,
  coordination: 0,
});

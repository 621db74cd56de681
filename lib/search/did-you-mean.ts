/**
 * "Did you mean": for a query that matched nothing, replace each unknown word by the closest
 * frequent word of the vocabulary (typo lookup through the term dictionary, then edit distance).
 */
import type { Analyzer } from '../analysis/analyzer.js';
import type { TermDictionary } from '../index/term-dictionary.js';
import { editDistance } from './edit-distance.js';
import type { QuerySlot } from './bind-query.js';

/** A corrected query when some words are unknown and a close, frequent word exists. */
export function didYouMean(
  query: string,
  slots: readonly QuerySlot[],
  dict: TermDictionary,
  df: ArrayLike<number>,
  analyzer: Pick<Analyzer, 'normalize'>,
): string | undefined {
  let out = '';
  let last = 0;
  let changed = false;
  for (const slot of slots) {
    if (slot.termIds.length > 0 || slot.prefix) continue;
    // The word as typed, found again in the query after the words already replaced.
    const start = query.indexOf(slot.text, last);
    if (start < 0) continue;
    const word = analyzer.normalize(slot.text);
    const maxEdits = word.length <= 4 ? 1 : 2;
    let best = -1;
    let bestDist = maxEdits + 1;
    for (const id of dict.similar(word, 20)) {
      if (df[id] <= 0) continue;
      const dist = editDistance(word, dict.display[id], maxEdits);
      if (dist < bestDist || (dist === bestDist && best >= 0 && df[id] > df[best])) {
        best = id;
        bestDist = dist;
      }
    }
    if (best < 0 || bestDist > maxEdits) continue;
    out += query.slice(last, start) + dict.display[best];
    last = start + slot.text.length;
    changed = true;
  }
  return changed ? out + query.slice(last) : undefined;
}

/**
 * MiniSearch 7 as a benchmark peer: fields title + text, English stop words and Porter stemming
 * through `processTerm`, default search options (OR of terms, no prefix or fuzzy matching).
 */
import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import type { BenchDoc, Engine, EngineInput } from './engine.js';

/** Creates the MiniSearch engine. */
export function createMiniSearchEngine(input: EngineInput): Engine {
  const { stopWords } = input;
  const index = new MiniSearch<BenchDoc>({
    fields: ['title', 'text'],
    idField: 'id',
    processTerm: (term) => {
      const lower = term.toLowerCase();
      return stopWords.has(lower) ? null : stemmer(lower);
    },
  });
  return {
    name: 'MiniSearch 7',
    config: 'fields title+text; stop words + Porter (stemmer) in processTerm; default search options',
    async build() {
      index.addAll(input.docs as BenchDoc[]);
    },
    search(q) {
      // MiniSearch returns every match, sorted; a caller wanting ten takes ten.
      return index.search(q).slice(0, 10).length;
    },
  };
}

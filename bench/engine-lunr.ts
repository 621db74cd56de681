/**
 * lunr 2 as a benchmark peer: fields title + text with its default pipeline (trimmer, English
 * stop words, Porter stemmer); queries go through `idx.query()` so that no query syntax applies.
 */
import lunr from 'lunr';
import type { Engine, EngineInput } from './engine.js';

/** Creates the lunr engine. */
export function createLunrEngine(input: EngineInput): Engine {
  let idx: lunr.Index | undefined;
  return {
    name: 'lunr 2',
    config: 'fields title+text; default pipeline (stop words, Porter); idx.query() with OR terms',
    async build() {
      const docs = input.docs;
      idx = lunr(function () {
        this.ref('id');
        this.field('title');
        this.field('text');
        for (const d of docs) this.add(d);
      });
    },
    search(q) {
      if (!idx) throw new Error('internal: lunr searched before build');
      const tokens = lunr.tokenizer(q);
      return idx.query((query) => query.term(tokens, {})).slice(0, 10).length;
    },
  };
}

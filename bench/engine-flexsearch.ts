/**
 * Raw flexsearch 0.8 as a benchmark peer: one `Index` with default options over title + text,
 * `search(q, { limit: 10 })`. It is the floor ledesearch's own index is built on.
 */
import { Index } from 'flexsearch';
import type { Engine, EngineInput } from './engine.js';

/** Creates the flexsearch engine. */
export function createFlexSearchEngine(input: EngineInput): Engine {
  const index = new Index();
  return {
    name: 'flexsearch 0.8 (raw)',
    config: 'new Index() defaults (strict tokenizer, no stemming; multi-word queries intersect); title + "\\n" + text per article; search(q, { limit: 10 })',
    async build() {
      const docs = input.docs;
      for (let i = 0; i < docs.length; i++) index.add(i, `${docs[i].title}\n${docs[i].text}`);
    },
    search(q) {
      return index.search(q, { limit: 10 }).length;
    },
  };
}

/**
 * Orama 3 as a benchmark peer: schema title + text, its built-in English stemmer and the same
 * stop words as ledesearch, `search({ term, limit: 10 })`.
 */
import { create, insertMultiple, search } from '@orama/orama';
import type { Engine, EngineInput } from './engine.js';
import { isPromise } from './engine.js';

/** Creates the Orama engine. */
export function createOramaEngine(input: EngineInput): Engine {
  const db = create({
    schema: { title: 'string', text: 'string' } as const,
    components: { tokenizer: { language: 'english', stemming: true, stopWords: [...input.stopWords] } },
  });
  return {
    name: 'Orama 3',
    config: 'schema title+text; English stemmer + same stop words; search({ term, limit: 10 })',
    async build() {
      const docs = input.docs.map((d) => ({ id: d.id, title: d.title, text: d.text }));
      await insertMultiple(db, docs, 1000);
    },
    search(q) {
      const result = search(db, { term: q, limit: 10 });
      return isPromise(result) ? result.then((r) => r.hits.length) : result.hits.length;
    },
  };
}

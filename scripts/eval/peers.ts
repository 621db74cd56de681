/**
 * The peer libraries, each configured as fairly as its API allows: English stop words, an
 * English stemmer, title and text indexed, any-term (OR) queries, up to `k` results.
 */
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { Encoder, Index as FlexIndex } from 'flexsearch';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import type { Article } from '../../lib/types.js';
import { LUCENE_STOP_WORDS, processTerm } from './english-analyzer.js';
import { articleText, type EvalEngine } from './engine.js';

/** MiniSearch 7: its own tokenizer and BM25+ scoring, our stop words and Porter stemmer. */
export function createMiniSearchEngine(): EvalEngine {
  let index: MiniSearch | undefined;
  return {
    name: 'MiniSearch',
    settings:
      'MiniSearch 7, fields title+text, processTerm = lower-case, Lucene 33 stop words, Porter ' +
      '(`stemmer`); default BM25+ scoring (k=1.2, b=0.7, d=0.5), no boosts, combineWith OR, no prefix/fuzzy',
    build(articles: readonly Article[]): void {
      index = new MiniSearch({
        fields: ['title', 'text'],
        processTerm: (term) => processTerm(term) ?? null,
        searchOptions: { combineWith: 'OR' },
      });
      index.addAll(articles.map((a) => ({ id: a.id, title: a.title, text: articleText(a) })));
    },
    search(query: string, k: number): string[] {
      if (!index) throw new Error('internal: search before build');
      return index.search(query).slice(0, k).map((r) => String(r.id));
    },
  };
}

/** lunr 2: its default English pipeline (trimmer, stop words, Porter stemmer), BM25 per field. */
export function createLunrEngine(): EvalEngine {
  let index: lunr.Index | undefined;
  // lunr's search pipeline only stems; the query terms get the indexing chain instead, and go in
  // through the query builder so that `:`, `~`, `^`, `*`, `+`, `-` in a query cannot make it throw.
  const queryPipeline = new lunr.Pipeline();
  queryPipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  return {
    name: 'lunr',
    settings:
      'lunr 2.3, fields title+text, default pipeline (trimmer, English stop words, Porter stemmer), ' +
      'BM25 k1=1.2 b=0.75; each analysed query term added as an optional clause via idx.query()',
    build(articles: readonly Article[]): void {
      index = lunr(function () {
        this.ref('id');
        this.field('title');
        this.field('text');
        for (const a of articles) this.add({ id: a.id, title: a.title, text: articleText(a) });
      });
    },
    search(query: string, k: number): string[] {
      if (!index) throw new Error('internal: search before build');
      const terms = queryPipeline.run(lunr.tokenizer(query)).map((t) => t.toString()).filter((t) => t !== '');
      if (terms.length === 0) return [];
      return index
        .query((q) => {
          for (const term of terms) q.term(term, { usePipeline: false });
        })
        .slice(0, k)
        .map((r) => r.ref);
    },
  };
}

/** Orama 3: its English tokenizer with its stemmer and our stop words, default BM25. */
export function createOramaEngine(): EvalEngine {
  const schema = { id: 'string', title: 'string', text: 'string' } as const;
  const makeDb = () =>
    create({
      schema,
      components: { tokenizer: { language: 'english', stemming: true, stopWords: [...LUCENE_STOP_WORDS] } },
    });
  let db: ReturnType<typeof makeDb> | undefined;
  return {
    name: 'Orama',
    settings:
      "Orama 3, schema title+text, tokenizer { language: 'english', stemming: true, stopWords: Lucene 33 }, " +
      'default BM25 (k=1.2, b=0.75, d=0.5), threshold 1 (documents matching any term), no boosts',
    async build(articles: readonly Article[]): Promise<void> {
      db = makeDb();
      await insertMultiple(db, articles.map((a) => ({ id: a.id, title: a.title, text: articleText(a) })));
    },
    async search(query: string, k: number): Promise<string[]> {
      if (!db) throw new Error('internal: search before build');
      const result = await oramaSearch(db, { term: query, properties: ['title', 'text'], limit: k, threshold: 1 });
      return result.hits.map((h) => String(h.id));
    },
  };
}

/** flexsearch 0.8 Index: no BM25; its resolution-based scoring with `suggest` (any-term) search. */
export function createFlexSearchEngine(): EvalEngine {
  let index: FlexIndex | undefined;
  return {
    name: 'flexsearch',
    settings:
      "flexsearch 0.8 Index, tokenize 'strict', Encoder (normalize, Lucene 33 stop words as filter, Porter " +
      '(`stemmer`) in finalize, no letter dedupe), title+text as one field; search with suggest: true',
    build(articles: readonly Article[]): void {
      const encoder = new Encoder({
        normalize: true,
        dedupe: false,
        filter: new Set(LUCENE_STOP_WORDS),
        finalize: (terms) => terms.map((t) => stemmer(t)),
      });
      index = new FlexIndex({ tokenize: 'strict', encoder });
      for (const a of articles) index.add(a.id, `${a.title}\n${articleText(a)}`);
    },
    search(query: string, k: number): string[] {
      if (!index) throw new Error('internal: search before build');
      return index.search(query, { limit: k, suggest: true }).map((id) => String(id));
    },
  };
}

/**
 * The common shape of every search engine the benchmark compares.
 */
import type { Article } from '../lib/index.js';

/** What a peer engine indexes for one article: its title, and its paragraphs as one text. */
export interface BenchDoc {
  id: string;
  title: string;
  /** The paragraphs joined with blank lines. */
  text: string;
}

/** Everything an engine may build from; built once, before any engine's heap baseline. */
export interface EngineInput {
  articles: readonly Article[];
  docs: readonly BenchDoc[];
  /** The stop words ledesearch uses, given to the peers that take a list. */
  stopWords: ReadonlySet<string>;
}

/** One engine instance under test. */
export interface Engine {
  /** Display name (`MiniSearch 7`). */
  readonly name: string;
  /** How it is configured, in a few words, for the report. */
  readonly config: string;
  /** Indexes every article of the input. */
  build(): Promise<void>;
  /** Runs a ranked top-10 query and returns the number of hits it gave back. */
  search(q: string): number | Promise<number>;
}

/** Creates an engine over an input, without building it yet. */
export type EngineFactory = (input: EngineInput) => Engine;

/** Maps articles to peer documents (title + paragraphs joined by blank lines). */
export function toBenchDocs(articles: readonly Article[]): BenchDoc[] {
  return articles.map((a) => ({ id: a.id, title: a.title, text: a.paragraphs.join('\n\n') }));
}

/** Awaits a value only when it is a promise, so synchronous engines are timed without a microtask. */
export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

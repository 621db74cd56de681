/**
 * Random corpus edits for the property tests of incremental updates: files of random articles
 * written, rewritten and deleted, and what two indexes of the same articles must agree on.
 */
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { FACET_FIELDS, type SearchIndex } from '../../lib/index.js';

const WORDS = ['oil', 'price', 'korea', 'missile', 'bank', 'rate', 'grain', 'export', 'gold', 'talks', 'strike', 'port'];
const QUERIES = ['oil', 'korea missile', 'bank rate export', 'gold', 'strike port talks', 'grain price', ''];

const words = (min: number, max: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));

/** One article as a JSON object; now and then with an id of its own from a small pool (so ids can collide). */
const article = fc.record(
  {
    id: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('shared-1', 'shared-2') }),
    title: words(1, 4),
    paragraphs: fc.array(words(2, 12), { minLength: 1, maxLength: 3 }),
    date: fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2019-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    topics: fc.subarray(['crude', 'grain', 'trade', 'earn']),
    category: fc.subarray(['Korea', 'Energy', 'Economy']),
  },
  { requiredKeys: ['id', 'title', 'paragraphs'] },
).map(({ id, ...rest }) => (id === undefined ? rest : { id, ...rest }));

/** A corpus file's content: NDJSON lines, or one reference-format text article. */
export const fileContent = fc.oneof(
  fc.array(article, { minLength: 1, maxLength: 4 }).map((as) => ({ ext: 'jsonl', text: as.map((a) => JSON.stringify(a)).join('\n') + '\n' })),
  fc.tuple(words(1, 4), fc.array(words(3, 12), { minLength: 1, maxLength: 3 })).map(([title, paras]) => ({ ext: 'txt', text: `${title.toUpperCase()}\n\n${paras.join('\n\n')}\n` })),
);

const NAMES = ['a', 'b', 'c', 'd/e', 'd/f', 'g'];
export type Step = { kind: 'write'; name: string; content: { ext: string; text: string } } | { kind: 'delete'; name: string };
export const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), name: fc.constantFrom(...NAMES), content: fileContent }),
  fc.record({ kind: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }),
);

/** What two indexes of the same articles must agree on, ties in score ordered by id. */
export function answers(index: SearchIndex): unknown[] {
  return QUERIES.map((q) => {
    const r = index.search(q, { limit: 100, facets: [...FACET_FIELDS], dateHistogram: true, snippets: 0 });
    const hits = r.hits.map((h) => ({ id: h.id, score: Math.round(h.score * 1e9) / 1e9 }));
    if (q !== '') hits.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    else hits.sort((x, y) => (x.id < y.id ? -1 : 1)); // browsing is by date; same-date order is insertion order
    return { q, total: r.total, hits, facets: r.facets, histogram: r.dateHistogram };
  });
}


/**
 * Plays steps on corpus folder `dir`: a name is one file at a time (a rewrite may change its
 * extension), with distinct, increasing mtimes so a rewrite is never hidden by a coarse clock.
 */
export function corpusWriter(dir: string): { write(name: string, content: { ext: string; text: string }): Promise<void>; apply(s: Step): Promise<void> } {
  let clock = Date.parse('2020-01-01T00:00:00Z');
  const files = new Map<string, string>();
  const write = async (name: string, content: { ext: string; text: string }): Promise<void> => {
    const old = files.get(name);
    if (old) await rm(join(dir, old), { force: true });
    const path = `${name}.${content.ext}`;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content.text);
    const t = new Date((clock += 1000));
    await utimes(join(dir, path), t, t);
    files.set(name, path);
  };
  const apply = async (s: Step): Promise<void> => {
    if (s.kind === 'write') await write(s.name, s.content);
    else if (files.has(s.name)) {
      await rm(join(dir, files.get(s.name) as string));
      files.delete(s.name);
    }
  };
  return { write, apply };
}

/** The seed file every run starts from. */
export const SEED = { ext: 'jsonl', text: `${JSON.stringify({ title: 'Oil price talks', paragraphs: ['Oil and gold at the port.'], date: '2019-05-05' })}\n` };

/**
 * The files of the scratch project that installs the packed tarball: a tiny corpus and the
 * consumers a user would write, as TypeScript sources type-checked there with this repo's tsc.
 */

/** Compiler options of a strict consumer on Node's own module rules. */
const COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  strict: true,
  // The package's declaration files are checked too: a broken .d.ts must fail here.
  skipLibCheck: false,
  types: ['node'],
  rootDir: 'src',
  outDir: 'out',
};

/** tsconfig of the consumers that must type-check (and then run). */
export const TSCONFIG = { compilerOptions: COMPILER_OPTIONS, include: ['src/esm.ts', 'src/server.ts', 'src/dynamic.cts'] };

/** tsconfig of the CommonJS `require()` consumer alone, which must be refused. */
export const TSCONFIG_REQUIRE = { compilerOptions: { ...COMPILER_OPTIONS, outDir: 'out-require' }, include: ['src/require.cts'] };

/** Two articles in the JSON corpus format, one about oil, one about wheat. */
export const CORPUS_FILE = JSON.stringify([
  { id: 'pk-oil', title: 'Oil prices rise', date: '1987-03-02', topics: ['crude'], body: 'Crude oil prices rose in Tokyo trading.\n\nTraders expect more.' },
  { id: 'pk-wheat', title: 'Wheat harvest is large', date: '1987-03-03', topics: ['grain'], body: 'The wheat harvest was the largest in years.' },
]);

/**
 * An ES module consumer of the root entry: indexes, searches with an `as const` facet list and
 * filter (readonly arrays must be accepted), and catches a SearchError by class. Prints JSON.
 */
export const ESM_CONSUMER = `import { createSearchIndex, FACET_FIELDS, SearchError, type Article, type SearchResult } from 'ledesearch';

const articles: Article[] = [
  { id: 'a/1', title: 'Oil prices rise', paragraphs: ['Crude oil rose in Tokyo trading.'], topics: ['crude'] },
  { id: 'a/2', title: 'Oil and wheat', paragraphs: ['Wheat and oil were both traded.'], topics: ['grain'] },
];
const index = createSearchIndex();
index.addAll(articles);
const topics = ['crude'] as const;
const result: SearchResult = index.search('oil', { facets: FACET_FIELDS, filters: { topics } });
let code = '';
try {
  index.search('oil', { dateFrom: 'not a date' });
} catch (error) {
  if (error instanceof SearchError) code = error.code;
}
console.log(JSON.stringify({ ids: result.hits.map((h) => h.id), topics: result.facets.topics, code }));
`;

/**
 * A consumer of \`ledesearch/server\`: mounts createApp under /search in its own Express app,
 * beside a route of its own, on an ephemeral loopback port; prints what both answered.
 */
export const SERVER_CONSUMER = `import express from 'express';
import { createSearchIndex } from 'ledesearch';
import { createApp, createIndexHolder, type AppOptions } from 'ledesearch/server';

const index = createSearchIndex();
index.add({ id: 's/1', title: 'Oil', paragraphs: ['Oil prices rose.'] });
const options: AppOptions = { resultCacheBytes: 0 };
const outer = express();
outer.get('/hello', (_req, res) => {
  res.send('outer app');
});
outer.use('/search', createApp(createIndexHolder(index), options));
const server = outer.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const base = \`http://127.0.0.1:\${typeof address === 'object' && address ? address.port : 0}\`;
  void (async () => {
    const hello = await (await fetch(\`\${base}/hello\`)).text();
    const res = await fetch(\`\${base}/search/api/search?q=oil\`);
    const body = (await res.json()) as { hits: { id: string }[] };
    console.log(JSON.stringify({ hello, status: res.status, ids: body.hits.map((h) => h.id) }));
    server.close();
  })();
});
`;

/** A CommonJS consumer that loads the package the way Node allows: \`await import()\`. */
export const DYNAMIC_IMPORT_CONSUMER = `async function main(): Promise<void> {
  const { createSearchIndex } = await import('ledesearch');
  const index = createSearchIndex();
  index.add({ id: 'c/1', title: 'Cocoa', paragraphs: ['Cocoa prices fell.'] });
  console.log(JSON.stringify(index.search('cocoa').hits.map((h) => h.id)));
}
void main();
`;

/** A CommonJS consumer that \`require()\`s the package: refused by tsc and by Node alike. */
export const REQUIRE_CONSUMER = `import ledesearch = require('ledesearch');
console.log(typeof ledesearch.createSearchIndex);
`;

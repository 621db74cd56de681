/**
 * The newsroom example (examples/newsroom, with its ledesearch.config.json) as the browser tests
 * serve it: the articles read with the declared schema, and an index made with it, as the
 * server builds one from that folder.
 */
import { join } from 'node:path';
import { createSearchIndex, loadCorpus, type Article, type SearchIndex } from '../../lib/index.js';
import { readSchemaConfig } from '../../lifecycle/schema-config.js';
import { repoRoot } from './harness.js';

/**
 * An article whose declared values must stay text: a script-like section, a `javascript:` URL and
 * a standfirst with markup around a word found nowhere else (`breakwater`).
 */
export const HOSTILE_ARTICLE_ID = 'hostile-fields';

/** The newsroom articles (plus {@link HOSTILE_ARTICLE_ID}) and an index of them. */
export async function newsroomIndex(): Promise<{ articles: Article[]; index: SearchIndex }> {
  const dir = join(repoRoot(), 'examples', 'newsroom');
  const { schema } = await readSchemaConfig(join(dir, 'ledesearch.config.json'));
  const { articles } = await loadCorpus(dir, { schema: schema.definition });
  articles.push({
    id: HOSTILE_ARTICLE_ID,
    title: 'Council notes on the harbour wall',
    paragraphs: ['The council published its notes on the harbour wall repairs.'],
    date: '2024-02-02',
    publisher: 'Example Daily',
    fields: {
      section: '<img src=x onerror=alert(1)>', wordCount: 90, imageUrl: 'javascript:alert(1)',
      standfirst: '<b>Breakwater</b> & <script>alert(1)</script> costs rise',
    },
  });
  const index = createSearchIndex({ schema: schema.definition }) as unknown as SearchIndex;
  index.addAll(articles);
  return { articles, index };
}

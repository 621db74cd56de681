/**
 * The small archive the browser tests search: twelve articles over January–June 2020, two
 * publishers, four categories, topics and places, and one article whose title and text carry
 * markup that must show as text and never run.
 *
 * Facts the tests rely on (kept true by construction, checked in `fixture-corpus.test.ts`):
 * - "oil" occurs in exactly five articles: January (1), February (2), April (1), June (1), none
 *   in March or May.
 * - Among those five, topics `shipping` and `earnings` each tag exactly one article.
 */
import type { Article } from '../../lib/index.js';

/** The markup planted in {@link MALICIOUS_ID}'s text; it must show as these exact characters. */
export const SCRIPT_TEXT = '<script>window.__pwned=1</script>';
/** The image planted next to it. */
export const IMG_TEXT = '<img src=x onerror="window.__pwned=1">';
/** The article with markup in its title and a paragraph. */
export const MALICIOUS_ID = 'reuters/1007';

const reuters = { publisher: 'Reuters', source: 'Reuters' };
const koreaTimes = { publisher: 'Intellasia', source: 'KoreaTimes' };

/** Builds the fixture articles (fresh objects every call). */
export function fixtureArticles(): Article[] {
  return [
    {
      id: 'reuters/1001',
      title: 'Oil prices climb as OPEC trims output',
      date: '2020-01-15',
      ...reuters,
      dateline: 'LONDON',
      category: ['Economy'],
      topics: ['oil', 'opec'],
      places: ['saudi-arabia', 'uk'],
      paragraphs: [
        'Benchmark crude rose for a third day after producers agreed to trim output further.',
        'Traders said the oil market had priced in a smaller cut, so the decision came as a surprise.',
        'Analysts expect prices to stay firm until the spring.',
      ],
    },
    {
      id: 'reuters/1002',
      title: 'Crude slides on demand worries',
      date: '2020-02-03',
      ...reuters,
      dateline: 'NEW YORK',
      category: ['Economy'],
      topics: ['oil'],
      places: ['usa'],
      paragraphs: [
        'Futures fell sharply as factories in several countries slowed production.',
        'Oil demand could shrink this quarter for the first time in a decade, one bank warned.',
      ],
    },
    {
      id: 'reuters/1003',
      title: 'Refinery strike lifts gasoline prices',
      date: '2020-02-20',
      ...reuters,
      dateline: 'PARIS',
      category: ['Economy'],
      topics: ['oil', 'gasoline'],
      places: ['france'],
      paragraphs: [
        'Workers at four refineries walked out over pension plans.',
        'Pump prices jumped as refined oil products ran short in the north of the country.',
      ],
    },
    {
      id: 'kt/2001',
      title: 'Seoul and Washington resume trade talks',
      date: '2020-01-28',
      ...koreaTimes,
      dateline: 'SEOUL',
      category: ['Politics'],
      topics: ['trade'],
      places: ['korea', 'usa'],
      paragraphs: [
        'Negotiators met for two days to settle tariffs on steel and cars.',
        'Both sides called the talks constructive and agreed to meet again in April.',
      ],
    },
    {
      id: 'kt/2002',
      title: 'North Korea fires short-range missile',
      date: '2020-03-02',
      ...koreaTimes,
      dateline: 'SEOUL',
      category: ['Politics'],
      topics: ['defence'],
      places: ['korea'],
      paragraphs: [
        'The launch was the first this year, the joint chiefs of staff said.',
        'Neighbouring governments condemned the test and called for talks.',
      ],
    },
    {
      id: 'reuters/1004',
      title: 'Chipmakers report record quarter',
      date: '2020-04-10',
      ...reuters,
      dateline: 'TAIPEI',
      category: ['Technology'],
      topics: ['chips', 'earnings'],
      places: ['korea', 'taiwan'],
      paragraphs: [
        'Memory chip prices rose as data centres expanded.',
        'Both of the largest makers reported record earnings for the quarter.',
      ],
    },
    {
      id: 'reuters/1005',
      title: 'Tanker traffic returns to the strait',
      date: '2020-04-22',
      ...reuters,
      dateline: 'DUBAI',
      category: ['Economy'],
      topics: ['oil', 'shipping'],
      places: ['oman', 'iran'],
      paragraphs: [
        'Ship trackers counted forty tankers passing the strait on Tuesday.',
        'Insurers cut premiums for oil cargoes after a quiet month.',
      ],
    },
    {
      id: 'kt/2003',
      title: 'Parliament passes budget after long debate',
      date: '2020-05-05',
      ...koreaTimes,
      dateline: 'SEOUL',
      category: ['Politics'],
      topics: ['budget'],
      places: ['korea'],
      paragraphs: [
        'Lawmakers approved the spending plan by a narrow margin.',
        'The budget adds money for schools and roads.',
      ],
    },
    {
      id: 'kt/2004',
      title: 'Football league restarts without fans',
      date: '2020-05-09',
      ...koreaTimes,
      dateline: 'BUSAN',
      category: ['Sports'],
      topics: ['football'],
      places: ['korea'],
      paragraphs: [
        'The first match of the season was played in an empty stadium.',
        'Clubs streamed the games online for supporters at home.',
      ],
    },
    {
      id: 'reuters/1006',
      title: 'Energy majors cut spending plans',
      date: '2020-06-01',
      ...reuters,
      dateline: 'HOUSTON',
      category: ['Economy'],
      topics: ['oil', 'earnings'],
      places: ['usa'],
      paragraphs: [
        'Three of the largest companies announced deep cuts to drilling budgets.',
        'Executives said oil would stay cheap for longer than expected.',
        'Shares rose on the news.',
      ],
    },
    {
      id: MALICIOUS_ID,
      title: `Reader letter: ${IMG_TEXT} in a headline`,
      date: '2020-03-18',
      ...reuters,
      dateline: 'LONDON',
      category: ['Technology'],
      topics: ['security'],
      places: ['uk'],
      url: 'javascript:window.__pwned=1',
      paragraphs: [
        'A reader wrote to the desk about how browsers treat text from strangers.',
        `The letter quoted ${SCRIPT_TEXT} and ${IMG_TEXT} as examples of markup in an archive.`,
        'Our archive shows such markup as plain characters.',
      ],
    },
    {
      id: 'kt/2005',
      title: 'Election campaign opens in Busan',
      date: '2020-06-15',
      ...koreaTimes,
      dateline: 'BUSAN',
      category: ['Politics'],
      topics: ['elections'],
      places: ['korea'],
      paragraphs: [
        'Candidates toured markets on the first day of the campaign.',
        'Turnout is expected to be high.',
      ],
    },
  ];
}

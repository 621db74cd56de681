/**
 * Loaders for the three test collections with relevance judgements: TIME, CACM and ADI.
 *
 * Each loader reads one folder (as laid out in `../shared/corpora`) and returns the documents as
 * ledesearch {@link Article}s, the queries, and the judgements. Every engine under evaluation
 * gets exactly these articles and these query strings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../../lib/types.js';
import type { Judgements } from './metrics.js';
import { chunkSentences } from './sentences.js';
import { parseSmart, parseSmartQrels, type SmartRecord } from './smart-format.js';

/** A query of a test collection. */
export interface EvalQuery {
  id: string;
  text: string;
}

/** A loaded test collection. */
export interface Collection {
  /** Folder name: `ir-time`, `ir-cacm`, `ir-adi`. */
  name: CollectionName;
  articles: Article[];
  queries: EvalQuery[];
  /** Query id -> judged documents (document id -> grade, > 0 relevant). */
  qrels: Map<string, Judgements>;
}

/** The collections this harness knows, by folder name. */
export const COLLECTION_NAMES = ['ir-time', 'ir-cacm', 'ir-adi'] as const;
/** A collection folder name. */
export type CollectionName = (typeof COLLECTION_NAMES)[number];

/** How collection text becomes paragraphs. */
export interface ParagraphOptions {
  /**
   * TIME: sentences per paragraph. TIME has no paragraph breaks (its blank lines are line
   * spacing), so paragraphs are made of consecutive sentences. 0 keeps the article whole.
   * Default {@link DEFAULT_PARAGRAPH_OPTIONS}.
   */
  timeSentencesPerParagraph?: number;
  /** CACM and ADI: sentences per paragraph of the abstract. 0 (default) keeps it whole. */
  abstractSentencesPerParagraph?: number;
}

/** The paragraphing used by `npm run eval`; EVALUATION.md explains the choice. */
export const DEFAULT_PARAGRAPH_OPTIONS: Required<ParagraphOptions> = {
  timeSentencesPerParagraph: 4,
  abstractSentencesPerParagraph: 0,
};

/** The files each collection needs, relative to its folder. */
export const COLLECTION_FILES: Record<CollectionName, readonly string[]> = {
  'ir-time': ['TIME.ALL', 'TIME.QUE', 'TIME.REL'],
  'ir-cacm': ['cacm.all', 'query.text', 'qrels.text'],
  'ir-adi': ['ADI.ALL', 'ADI.QRY', 'ADI.REL'],
};

/** Why a collection cannot be loaded from `dir` (a missing file), or undefined when it can. */
export function missingFiles(name: CollectionName, dir: string): string | undefined {
  if (!existsSync(dir)) return `folder ${dir} not found`;
  const missing = COLLECTION_FILES[name].filter((f) => !existsSync(join(dir, f)));
  return missing.length === 0 ? undefined : `missing ${missing.join(', ')} in ${dir}`;
}

function read(dir: string, file: string): string {
  // All three collections are plain ASCII; latin1 never fails on a stray byte.
  return readFileSync(join(dir, file), 'latin1');
}

function normaliseId(id: string): string {
  return /^\d+$/.test(id) ? String(Number(id)) : id;
}

/** Loads the collection `name` from its folder `dir`. Throws when a file is missing. */
export function loadCollection(name: CollectionName, dir: string, options: ParagraphOptions = {}): Collection {
  const opts = { ...DEFAULT_PARAGRAPH_OPTIONS, ...options };
  switch (name) {
    case 'ir-time':
      return loadTime(dir, opts.timeSentencesPerParagraph);
    case 'ir-cacm':
      return loadSmartCollection(name, dir, ['cacm.all', 'query.text', 'qrels.text'], opts.abstractSentencesPerParagraph);
    case 'ir-adi':
      return loadSmartCollection(name, dir, ['ADI.ALL', 'ADI.QRY', 'ADI.REL'], opts.abstractSentencesPerParagraph);
  }
}

/** TIME's line-spaced upper-case text: every line is followed by a blank line. */
function joinLines(lines: readonly string[]): string {
  return lines.join(' ').replace(/\s+/g, ' ').trim();
}

// One header has a space for a slash (`*TEXT 431 08/30 63`): the date separators are lenient.
const TIME_HEADER = /^\*TEXT\s+(\d+)(?:\s+(\d\d)[/ ](\d\d)[/ ](\d\d))?/;

/**
 * TIME: articles start `*TEXT <no> <mm/dd/yy> PAGE <p>`; ids are the `*TEXT` numbers (`17`).
 * TIME.REL lists article *positions* in TIME.ALL (1-based), so they are mapped to ids here;
 * positions past the last article (424, 425) are dropped.
 */
export function loadTime(dir: string, sentencesPerParagraph: number): Collection {
  const articles: Article[] = [];
  let lines: string[] | undefined;
  let header: RegExpExecArray | undefined;
  const flush = (): void => {
    if (!header || !lines) return;
    const [, no, mm, dd, yy] = header;
    articles.push({
      id: String(Number(no)),
      title: '',
      paragraphs: chunkSentences(joinLines(lines), sentencesPerParagraph),
      ...(yy === undefined ? {} : { date: `19${yy}-${mm}-${dd}` }),
      origin: `TIME.ALL:*TEXT ${no}`,
    });
  };
  for (const line of read(dir, 'TIME.ALL').split(/\r?\n/)) {
    const m = TIME_HEADER.exec(line);
    if (m) {
      flush();
      header = m;
      lines = [];
    } else if (line.startsWith('*STOP')) {
      flush();
      header = undefined;
    } else {
      lines?.push(line);
    }
  }
  flush();

  const queries: EvalQuery[] = [];
  let query: { id: string; lines: string[] } | undefined;
  for (const line of read(dir, 'TIME.QUE').split(/\r?\n/)) {
    const m = /^\*FIND\s+(\d+)/.exec(line);
    if (m || line.startsWith('*STOP')) {
      if (query) queries.push({ id: query.id, text: joinLines(query.lines) });
      query = m ? { id: String(Number(m[1])), lines: [] } : undefined;
    } else {
      query?.lines.push(line);
    }
  }
  if (query) queries.push({ id: query.id, text: joinLines(query.lines) });

  const qrels = new Map<string, Judgements>();
  for (const line of read(dir, 'TIME.REL').split(/\r?\n/)) {
    const [qid, ...positions] = line.trim().split(/\s+/).filter((c) => /^\d+$/.test(c));
    if (qid === undefined) continue;
    const judged = new Map<string, number>();
    for (const p of positions) {
      const article = articles[Number(p) - 1];
      if (article) judged.set(article.id, 1);
    }
    qrels.set(String(Number(qid)), judged);
  }
  return { name: 'ir-time', articles, queries, qrels };
}

function smartArticle(record: SmartRecord, sentencesPerParagraph: number): Article {
  return {
    id: normaliseId(record.id),
    title: record.fields.get('T') ?? '',
    paragraphs: chunkSentences(record.fields.get('W') ?? '', sentencesPerParagraph),
  };
}

/**
 * CACM and ADI (SMART format): title from `.T`, one abstract from `.W`; the bibliographic fields
 * (`.B`, `.A`, `.N`, `.X`, `.K`, `.C`) are not text and are left out. Queries are their `.W`.
 */
function loadSmartCollection(
  name: CollectionName,
  dir: string,
  [docsFile, queriesFile, qrelsFile]: readonly string[],
  sentencesPerParagraph: number,
): Collection {
  const articles = parseSmart(read(dir, docsFile)).map((r) => smartArticle(r, sentencesPerParagraph));
  const queries = parseSmart(read(dir, queriesFile)).map((r) => ({
    id: normaliseId(r.id),
    text: r.fields.get('W') ?? '',
  }));
  return { name, articles, queries, qrels: parseSmartQrels(read(dir, qrelsFile)) };
}

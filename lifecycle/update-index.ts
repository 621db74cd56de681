/**
 * Incremental updates: bring an index built from a corpus folder up to date by re-reading only
 * the files that are new, changed or gone since its manifest, and compacting when the removed
 * articles it still carries pass a threshold.
 */
import { loadCorpus, snapshotFromBytes, snapshotToBytes, type Article, type CorpusError, type SearchIndex } from '../lib/index.js';
import { buildIndexFromCorpus, corpusOutcome, indexArticles, manifestSchema, type BuildIndexOptions, type BuiltIndex } from './build-index.js';
import { corpusChanges, corpusKey, manifestFiles, type CorpusChanges, type CorpusManifest, type ManifestFile } from './corpus-manifest.js';
import { DEFAULT_JOURNAL_RATIO, StaleJournal, type SnapshotStamp, type UpdateJournal } from './update-journal.js';

/**
 * Default {@link UpdateIndexOptions.compactRatio}: when removed (or replaced) articles pass a
 * quarter of all the articles the index has held since it was last built whole, it is rebuilt
 * from its own live articles. Removal leaves tombstones (postings of dead articles that every
 * query still walks), so a long-lived index compacted at 25% never spends more than about a
 * third more time in posting lists than a fresh one, and never grows without bound.
 */
export const DEFAULT_COMPACT_RATIO = 0.25;

/** Options of {@link updateIndexFromCorpus}. All optional. */
export interface UpdateIndexOptions extends BuildIndexOptions {
  /** Rebuild from the whole folder, whatever changed. Default false. */
  full?: boolean;
  /** Share of dead articles above which the index is compacted. Default 0.25; from 0 to 1. */
  compactRatio?: number;
  /** The changes, when the caller has just computed them with `corpusChanges` (saves a scan). */
  changes?: CorpusChanges;
}

/** How an update was done. */
export type UpdateMode = 'unchanged' | 'incremental' | 'compacted' | 'full';

/** The updated index, what changed, and why it was done the way it was. */
export interface UpdatedIndex extends BuiltIndex {
  mode: UpdateMode;
  /** Why a full rebuild was done instead of an incremental update (mode `full`). */
  fullReason?: string;
  /** Files re-read (new or changed) and gone. */
  filesRead: number;
  filesRemoved: number;
  /** Articles added, and removed (an edited article counts once in each). */
  added: number;
  removed: number;
}

/** An independent copy of an index (through snapshot bytes: no text is analysed again). */
export function cloneIndex(index: SearchIndex): SearchIndex {
  return snapshotFromBytes(snapshotToBytes(index));
}

/**
 * The manifest's files after an update: the files `read` again from what they gave now
 * (`articles` the index holds, `problems`), the others as `manifest` recorded them, with the
 * mtime seen now (a touched file with the same content keeps its entry).
 */
function filesAfter(
  manifest: CorpusManifest, changes: CorpusChanges, read: ReadonlySet<string>, articles: readonly Article[], problems: readonly CorpusError[], isIndexed: (id: string) => boolean,
): ManifestFile[] {
  const kept = new Map(manifest.files.map((f) => [f.path, f]));
  const fresh = new Map(manifestFiles(changes.files.filter((f) => read.has(f.path)), articles, problems, isIndexed).map((f) => [f.path, f]));
  return changes.files.map((f) => fresh.get(f.path) ?? { ...(kept.get(f.path) as ManifestFile), mtimeMs: f.mtimeMs });
}

/** Sum of the problems recorded per file. */
function countErrors(files: readonly ManifestFile[]): number {
  return files.reduce((n, f) => n + f.numErrors, 0);
}

/**
 * Brings `index` (built from `dir`, as `manifest` records) up to date with the folder, and
 * gives the index with its new manifest. Only new and changed files are read: the articles of
 * changed and gone files are removed and those of new and changed files added, with the bulk
 * path. The result searches exactly as a full rebuild of the folder would (the property tests
 * check ids, scores, totals and facets), except that ties keep insertion order.
 *
 * `index` is modified in place (and returned, unless compacted or rebuilt): pass a copy
 * ({@link cloneIndex}) when the original is serving requests.
 *
 * It falls back to a full rebuild, and says why, when the manifest is of another folder, when
 * `options.full` is set, or when article ids are shared between files (which copy wins then
 * depends on the whole folder). It compacts when the dead articles pass `compactRatio`.
 *
 * @throws SearchError `corpus_not_found` when `dir` is not a folder.
 */
export async function updateIndexFromCorpus(index: SearchIndex, manifest: CorpusManifest, dir: string, options: UpdateIndexOptions = {}): Promise<UpdatedIndex> {
  const t0 = performance.now();
  const full = async (why: string): Promise<UpdatedIndex> => {
    const built = await buildIndexFromCorpus(dir, { ...options, previous: manifest });
    return { ...built, mode: 'full', fullReason: why, filesRead: built.manifest.files.length, filesRemoved: 0, added: built.index.size, removed: 0 };
  };
  if (options.full) return full('a full rebuild was asked for');
  if (manifest.corpus !== corpusKey(dir)) return full('the index was built from another corpus folder');
  if (manifest.duplicates) return full('article ids are shared between corpus files');
  if (manifest.schema !== manifestSchema(options.schema).schema) return full('the declared schema changed since the index was built');

  const changes = options.changes ?? (await corpusChanges(dir, manifest));
  const read = new Set(changes.changed);
  const gone = new Set([...changes.changed, ...changes.removed]);
  const schema = options.schema?.isDefault === false ? { schema: options.schema.definition } : {};
  const { articles, errors, warnings } = await loadCorpus(dir, { only: (relative) => read.has(relative), ...schema });
  if (errors.some((e) => e.code === 'duplicate_id')) return full('article ids are shared between corpus files');
  const leaving = new Set(manifest.files.filter((f) => gone.has(f.path)).flatMap((f) => f.ids));
  if (articles.some((a) => index.has(a.id) && !leaving.has(a.id))) return full('a new article has the id of one in an unchanged file');

  for (const id of leaving) index.remove(id);
  const problems: CorpusError[] = [...errors];
  let target = index;
  let mode: UpdateMode = read.size + changes.removed.length === 0 ? 'unchanged' : 'incremental';
  if (mode === 'incremental') await indexArticles(articles, problems, options, index);
  if (problems.some((e) => e.code === 'duplicate_id')) return full('article ids are shared between corpus files');

  let numRemoved = manifest.numRemoved + leaving.size;
  const ratio = options.compactRatio ?? DEFAULT_COMPACT_RATIO;
  if (numRemoved > 0 && numRemoved > ratio * (numRemoved + index.size)) {
    // Re-adding the stored live articles drops every dead posting; no file is read again.
    target = await indexArticles([...index.articles()], [], options);
    numRemoved = 0;
    mode = 'compacted';
  }

  const files = filesAfter(manifest, changes, read, articles, problems, (id) => target.has(id));
  const next: CorpusManifest = { ...manifest, files, numRemoved, numArticles: target.size };
  const numCorpusErrors = countErrors(files);
  return {
    index: target,
    manifest: next,
    ...corpusOutcome(problems, warnings, t0),
    numCorpusErrors,
    mode,
    filesRead: read.size,
    filesRemoved: changes.removed.length,
    added: articles.filter((a) => target.has(a.id)).length,
    removed: leaving.size,
  };
}

/** Options of {@link journalUpdateFromCorpus}. */
export interface JournalUpdateOptions extends UpdateIndexOptions {
  /** Share of the snapshot's articles the journal may hold. Default {@link DEFAULT_JOURNAL_RATIO}. */
  journalRatio?: number;
}

/** An update kept as a journal, with what it read and changed. */
export interface JournalUpdate extends Omit<UpdatedIndex, 'index' | 'mode' | 'fullReason'> {
  mode: 'unchanged' | 'incremental';
  journal: UpdateJournal;
}

/**
 * The journal that brings the snapshot (`base`, its manifest, and `stamp`) up to date with the
 * folder, computed without loading the snapshot: from the manifest (which ids each file gave)
 * and the files that are new, changed or gone, of which only the new and changed are read.
 * `journal` is the snapshot's current journal, when it has one: the new one carries its
 * changes forward. The articles read are indexed into a scratch index of the same schema, so
 * that the ones the index would refuse are known (and reported) exactly as an update in
 * memory finds them.
 *
 * Gives `{ why }` instead when the update must be done on the loaded index and the snapshot
 * written whole: for any reason {@link updateIndexFromCorpus} falls back to a rebuild, when the
 * journal would hold more than `journalRatio` of the snapshot's articles, or when the dead
 * articles pass `compactRatio` (compaction).
 */
export async function journalUpdateFromCorpus(
  base: CorpusManifest,
  journal: UpdateJournal | undefined,
  stamp: SnapshotStamp,
  dir: string,
  options: JournalUpdateOptions = {},
): Promise<JournalUpdate | { why: string }> {
  const t0 = performance.now();
  const current = journal?.manifest ?? base;
  if (options.full) return { why: 'a full rebuild was asked for' };
  if (current.corpus !== corpusKey(dir)) return { why: 'the index was built from another corpus folder' };
  if (current.duplicates) return { why: 'article ids are shared between corpus files' };
  if (current.schema !== manifestSchema(options.schema).schema) return { why: 'the declared schema changed since the index was built' };

  const changes = options.changes ?? (await corpusChanges(dir, current));
  const read = new Set(changes.changed);
  const gone = new Set([...changes.changed, ...changes.removed]);
  const schema = options.schema?.isDefault === false ? { schema: options.schema.definition } : {};
  const { articles, errors, warnings } = await loadCorpus(dir, { only: (relative) => read.has(relative), ...schema });
  if (errors.some((e) => e.code === 'duplicate_id')) return { why: 'article ids are shared between corpus files' };
  const leaving = new Set<string>();
  const live = new Set<string>();
  for (const f of current.files) for (const id of f.ids) (gone.has(f.path) ? leaving : live).add(id);
  if (articles.some((a) => live.has(a.id))) return { why: 'a new article has the id of one in an unchanged file' };

  const problems: CorpusError[] = [...errors];
  const scratch = await indexArticles(articles, problems, options);
  if (problems.some((e) => e.code === 'duplicate_id')) return { why: 'article ids are shared between corpus files' };
  const added = articles.filter((a) => scratch.has(a.id));

  const baseIds = new Set(base.files.flatMap((f) => f.ids));
  const removed = new Set(journal?.removed ?? []);
  for (const id of leaving) if (baseIds.has(id)) removed.add(id);
  const pending = [...(journal?.articles ?? []).filter((a) => !leaving.has(a.id)), ...added];
  const numRemoved = base.numRemoved + removed.size;
  const numArticles = current.numArticles - leaving.size + added.length;
  // An update that leaves no article is told as a build that read none (never kept in a journal).
  if (numArticles === 0) return { why: 'no article would be left' };
  const ratio = options.compactRatio ?? DEFAULT_COMPACT_RATIO;
  if (numRemoved > 0 && numRemoved > ratio * (numRemoved + numArticles)) return { why: 'dead articles passed the compaction threshold' };
  const journalRatio = options.journalRatio ?? DEFAULT_JOURNAL_RATIO;
  if (pending.length + removed.size > journalRatio * base.numArticles) return { why: `the journal would hold more than ${journalRatio} of the snapshot's articles` };

  const files = filesAfter(current, changes, read, articles, problems, (id) => scratch.has(id));
  const manifest: CorpusManifest = { ...current, files, numRemoved, numArticles };
  return {
    journal: { stamp, manifest, removed: [...removed], articles: pending },
    manifest,
    ...corpusOutcome(problems, warnings, t0),
    numCorpusErrors: countErrors(files),
    mode: read.size + changes.removed.length === 0 ? 'unchanged' : 'incremental',
    filesRead: read.size,
    filesRemoved: changes.removed.length,
    added: added.length,
    removed: leaving.size,
  };
}

/**
 * Applies a journal to the index of its snapshot, in place: the removals, then the added
 * articles through the bulk path, as the updates that wrote it applied them in memory.
 */
export async function applyJournal(index: SearchIndex, journal: UpdateJournal, options: BuildIndexOptions = {}): Promise<void> {
  for (const id of journal.removed) index.remove(id);
  const problems: CorpusError[] = [];
  await indexArticles(journal.articles, problems, options, index);
  if (problems.length > 0) throw new StaleJournal(`the journal's articles were refused (${problems[0].reason})`);
}

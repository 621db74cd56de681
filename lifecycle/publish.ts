/**
 * Publishing snapshots to a folder that read replicas follow: each publish adds a generation
 * (`index-<n>.snapshot`) and then, atomically, points the folder's manifest `CURRENT.json` at
 * it. A replica that reads the manifest always finds a complete file; the previous generation
 * stays until the next publish, so a replica still loading it is never cut short.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writeAtomically } from '../lib/index.js';

/** The manifest's file name inside a publish folder. */
export const PUBLISH_MANIFEST = 'CURRENT.json';

/** One published generation, as `CURRENT.json` records it. */
export interface PublishedGeneration {
  /** 1, 2, 3 … increasing with each publish. */
  generation: number;
  /** The snapshot's file name inside the publish folder. */
  file: string;
  size: number;
  /** SHA-256 of the snapshot file, hex. */
  sha256: string;
  publishedAt: string;
}

/** The generation `dir`'s manifest points at, or undefined when nothing was published there. */
export async function readPublished(dir: string): Promise<PublishedGeneration | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, PUBLISH_MANIFEST), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const m = JSON.parse(text) as Partial<PublishedGeneration>;
  if (!Number.isSafeInteger(m.generation) || typeof m.file !== 'string' || m.file.includes('/') || m.file.includes('\\') ||
    typeof m.size !== 'number' || typeof m.sha256 !== 'string') {
    throw new Error(`${join(dir, PUBLISH_MANIFEST)} is not a publish manifest`);
  }
  return m as PublishedGeneration;
}

/** SHA-256 of a file, hex, read as a stream. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * Publishes `snapshot` into `dir` as the next generation and gives its manifest entry. The
 * file is copied (and flushed) under a temporary name and renamed, then the manifest is
 * replaced atomically; generations older than the previous one are removed afterwards.
 */
export async function publishSnapshot(snapshot: string, dir: string): Promise<PublishedGeneration> {
  await mkdir(dir, { recursive: true });
  const previous = await readPublished(dir).catch(() => undefined);
  const generation = (previous?.generation ?? 0) + 1;
  const file = `index-${generation}.snapshot`;
  const hash = createHash('sha256');
  await writeAtomically(join(dir, file), async (fh) => {
    for await (const chunk of createReadStream(snapshot)) {
      hash.update(chunk as Buffer);
      await fh.write(chunk as Buffer);
    }
  });
  const published: PublishedGeneration = { generation, file, size: (await stat(join(dir, file))).size, sha256: hash.digest('hex'), publishedAt: new Date().toISOString() };
  await writeAtomically(join(dir, PUBLISH_MANIFEST), (fh) => fh.writeFile(`${JSON.stringify(published, null, 2)}\n`));
  // Keep this generation and the one before (a replica may be loading it right now).
  for (const name of await readdir(dir)) {
    const m = /^index-(\d+)\.snapshot$/.exec(name);
    if (m && Number(m[1]) < generation - 1) await rm(join(dir, name), { force: true });
  }
  return published;
}

/**
 * Checks that the file of `published` in `dir` is the one the manifest describes (size and
 * SHA-256), and gives its path.
 *
 * @throws Error naming the mismatch.
 */
export async function verifyPublished(dir: string, published: PublishedGeneration): Promise<string> {
  const path = join(dir, published.file);
  const { size } = await stat(path);
  if (size !== published.size) throw new Error(`${path} is ${size} bytes, the manifest says ${published.size}`);
  if ((await sha256File(path)) !== published.sha256) throw new Error(`${path} does not match the manifest's SHA-256`);
  return path;
}

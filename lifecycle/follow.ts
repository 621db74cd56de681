/**
 * Following a publish folder: load the generation its manifest points at, and poll the
 * manifest for newer ones (see `publish.ts`).
 */
import { loadSnapshot } from '../lib/index.js';
import type { LoadedIndex } from './loaded-index.js';
import { readPublished, verifyPublished, type PublishedGeneration } from './publish.js';

/** Default {@link FollowOptions.intervalMs}: the manifest is read once a second. */
export const DEFAULT_FOLLOW_INTERVAL_MS = 1000;

/** Loads a published generation after checking its file against the manifest. */
export async function loadGeneration(dir: string, published: PublishedGeneration): Promise<LoadedIndex> {
  const t0 = performance.now();
  const path = await verifyPublished(dir, published);
  const index = await loadSnapshot(path);
  return { index, builtAt: new Date().toISOString(), buildMs: Math.round(performance.now() - t0), source: 'snapshot', generation: published.generation };
}

/** Options of {@link followPublished}. */
export interface FollowOptions {
  /** How often the manifest is read, in ms. Default {@link DEFAULT_FOLLOW_INTERVAL_MS} (1000); ≥ 10. */
  intervalMs?: number;
  /** The generation in service now (undefined: none yet). */
  current(): number | undefined;
  /** Puts a newly loaded generation in service. */
  onGeneration(loaded: LoadedIndex): void | Promise<void>;
  /** A manifest or generation that could not be read; polling goes on. */
  onError?(error: unknown): void;
}

/** A running follower. */
export interface Follower {
  /** Stops polling (a load in progress finishes, but is not put in service). */
  stop(): void;
  /** Checks the manifest now; resolves when any newer generation is in service. */
  poll(): Promise<void>;
}

/**
 * Polls `dir`'s manifest and, when it names a newer generation than the one in service, loads
 * it in the background and hands it to `onGeneration`. One load at a time; a failed load is
 * reported and retried at the next poll. The timer does not keep the process alive by itself.
 */
export function followPublished(dir: string, options: FollowOptions): Follower {
  const interval = Math.max(10, options.intervalMs ?? DEFAULT_FOLLOW_INTERVAL_MS);
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const check = async (): Promise<void> => {
    try {
      const published = await readPublished(dir);
      const current = options.current();
      if (!published || (current !== undefined && published.generation <= current)) return;
      const loaded = await loadGeneration(dir, published);
      if (!stopped) await options.onGeneration(loaded);
    } catch (error) {
      options.onError?.(error);
    }
  };
  const poll = (): Promise<void> => (running ??= check().finally(() => (running = undefined)));
  const tick = (): void => {
    if (stopped) return;
    void poll().finally(() => {
      if (!stopped) timer = setTimeout(tick, interval).unref();
    });
  };
  timer = setTimeout(tick, interval).unref();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    poll,
  };
}

/** Waits until `dir` has a published generation (polling every `intervalMs`), and loads it. */
export async function waitForGeneration(dir: string, intervalMs = DEFAULT_FOLLOW_INTERVAL_MS, onError?: (error: unknown) => void): Promise<LoadedIndex> {
  for (;;) {
    try {
      const published = await readPublished(dir);
      if (published) return await loadGeneration(dir, published);
    } catch (error) {
      onError?.(error);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(10, intervalMs)));
  }
}

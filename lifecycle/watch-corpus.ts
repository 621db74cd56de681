/**
 * Watching a corpus folder for changes, for `serve --watch`: file-system events where the
 * platform gives them for a whole tree (`fs.watch` with `recursive`: Linux on Node ≥ 20, macOS,
 * Windows), else polling the folder's listing (path, size, mtime of every corpus file). Either
 * way a burst of changes (a copy of many files, an editor's save-rename dance) is debounced into
 * one call, made once the folder has been quiet for `debounceMs`.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { listCorpus } from '../lib/index.js';

/** Default {@link WatchCorpusOptions.debounceMs}: a change is acted on after 500 ms of quiet. */
export const DEFAULT_WATCH_DEBOUNCE_MS = 500;
/** Default {@link WatchCorpusOptions.pollIntervalMs}: the folder is listed every 2 s when polled. */
export const DEFAULT_WATCH_POLL_MS = 2000;

/** Options of {@link watchCorpus}. */
export interface WatchCorpusOptions {
  /** Quiet time after the last change before `onChange` is called, in ms (≥ 10). Default {@link DEFAULT_WATCH_DEBOUNCE_MS}. */
  debounceMs?: number;
  /** Poll instead of waiting for file-system events, even where events are available. Default false. */
  poll?: boolean;
  /** How often the folder is listed when polling, in ms (≥ 10). Default {@link DEFAULT_WATCH_POLL_MS}. */
  pollIntervalMs?: number;
  /** Called once per burst of changes. */
  onChange(): void;
  /** A watcher or listing error; watching goes on (by polling, when events failed). */
  onError?(error: unknown): void;
}

/** A running corpus watcher. */
export interface CorpusWatcher {
  /** `events` (fs.watch) or `polling`. */
  readonly mode: 'events' | 'polling';
  /** Stops watching; a pending debounced call is dropped. */
  stop(): void;
}

/** The listing of `dir` as one comparable string: each corpus file's path, size and mtime. */
async function fingerprint(dir: string): Promise<string> {
  const { files } = await listCorpus(dir);
  const parts: string[] = [];
  for (const f of files) {
    const s = await stat(f.path).catch(() => undefined);
    if (s) parts.push(`${f.relative}\t${s.size}\t${s.mtimeMs}`);
  }
  return parts.join('\n');
}

/**
 * Watches `dir` and calls `options.onChange` once after each burst of changes. Timers and
 * watchers do not keep the process alive by themselves.
 */
export function watchCorpus(dir: string, options: WatchCorpusOptions): CorpusWatcher {
  const debounceMs = Math.max(10, options.debounceMs ?? DEFAULT_WATCH_DEBOUNCE_MS);
  const pollMs = Math.max(10, options.pollIntervalMs ?? DEFAULT_WATCH_POLL_MS);
  let stopped = false;
  let debounce: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  const changed = (): void => {
    if (stopped) return;
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = undefined;
      if (!stopped) options.onChange();
    }, debounceMs).unref();
  };

  const startPolling = (): void => {
    let last: Promise<string> = fingerprint(dir).catch((error: unknown) => {
      options.onError?.(error);
      return '';
    });
    const tick = (): void => {
      if (stopped) return;
      void last.then(async (before) => {
        let now = before;
        try {
          now = await fingerprint(dir);
          if (now !== before) changed();
        } catch (error) {
          options.onError?.(error);
        }
        last = Promise.resolve(now);
        if (!stopped) pollTimer = setTimeout(tick, pollMs).unref();
      });
    };
    pollTimer = setTimeout(tick, pollMs).unref();
  };

  let mode: CorpusWatcher['mode'] = 'polling';
  if (!options.poll) {
    try {
      watcher = watch(dir, { recursive: true, persistent: false }, changed);
      watcher.on('error', (error) => {
        // The tree went away or ran out of watches: fall back to polling rather than go blind.
        options.onError?.(error);
        watcher?.close();
        watcher = undefined;
        mode = 'polling';
        if (!stopped && !pollTimer) startPolling();
      });
      mode = 'events';
    } catch (error) {
      options.onError?.(error);
    }
  }
  if (mode === 'polling') startPolling();

  return {
    get mode() {
      return mode;
    },
    stop() {
      stopped = true;
      if (debounce) clearTimeout(debounce);
      if (pollTimer) clearTimeout(pollTimer);
      watcher?.close();
    },
  };
}

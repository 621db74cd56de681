/**
 * Background rebuilds: at most one at a time, swapped in only when complete.
 */
import type { UpdateMode } from '../lifecycle/update-index.js';
import type { IndexHolder, LoadedIndex } from './index-holder.js';

/** The state of the last (or current) rebuild, as GET /api/health reports it. */
export interface ReindexStatus {
  state: 'idle' | 'running' | 'succeeded' | 'failed';
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  numArticles?: number;
  numErrors?: number;
  /** Why the last rebuild failed; the old index stayed in service. */
  error?: string;
  /** True when a full rebuild was asked for. */
  full?: boolean;
  /** How the index was brought up to date, after a success. */
  mode?: UpdateMode;
}

/** What a reindex was asked to do. */
export interface RebuildRequest {
  /** Rebuild from every corpus file instead of only the changed ones. */
  full: boolean;
}

/** A rebuilt index, and how it was made. */
export type RebuiltIndex = LoadedIndex & { mode?: UpdateMode };

/**
 * Builds the next index (a full rebuild, or an update of the one in service when it can);
 * called in the background by {@link Reindexer.start}.
 */
export type RebuildFunction = (request: RebuildRequest) => Promise<RebuiltIndex>;

/** Runs rebuilds one at a time and swaps each finished index into the holder. */
export class Reindexer {
  #status: ReindexStatus = { state: 'idle' };
  #running: Promise<void> | undefined;

  constructor(
    private readonly holder: IndexHolder,
    private readonly rebuild: RebuildFunction,
    /** Told how each rebuild ended, for logging. */
    private readonly onFinish: (status: ReindexStatus, error?: unknown) => void = () => {},
  ) {}

  /** A copy of the current status. */
  status(): ReindexStatus {
    return { ...this.#status };
  }

  /** True while a rebuild runs. */
  get running(): boolean {
    return this.#running !== undefined;
  }

  /**
   * Starts a rebuild unless one is running. Returns the new status, or undefined when a rebuild
   * was already running (the caller answers 409).
   */
  start(request: RebuildRequest = { full: false }): ReindexStatus | undefined {
    if (this.#running) return undefined;
    const t0 = performance.now();
    const startedAt = new Date().toISOString();
    this.#status = { state: 'running', startedAt, full: request.full };
    this.#running = this.run(t0, startedAt, request);
    return this.status();
  }

  /** Resolves when the running rebuild (if any) has finished, successfully or not. */
  async idle(): Promise<void> {
    await this.#running;
  }

  private async run(t0: number, startedAt: string, request: RebuildRequest): Promise<void> {
    // Let the caller send its 202 before any rebuild work starts.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const finished = (): Pick<ReindexStatus, 'startedAt' | 'finishedAt' | 'durationMs' | 'full'> => ({
      startedAt,
      full: request.full,
      finishedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - t0),
    });
    try {
      const { mode, ...next } = await this.rebuild(request);
      // Nothing changed: the index in service stays (and so does the result cache).
      if (next.index !== this.holder.current.index) this.holder.swap(next);
      this.#status = { state: 'succeeded', ...finished(), numArticles: next.index.size, numErrors: next.numCorpusErrors ?? 0 };
      if (mode) this.#status.mode = mode;
      this.onFinish(this.status());
    } catch (error) {
      // Only the message: health is public, and a stack trace there helps an attacker, not a user.
      const message = error instanceof Error ? error.message : String(error);
      this.#status = { state: 'failed', ...finished(), error: message };
      this.onFinish(this.status(), error);
    } finally {
      this.#running = undefined;
    }
  }
}

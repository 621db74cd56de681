/**
 * A progress bar for long index builds, shown only on a terminal.
 */
import cliProgress from 'cli-progress';
import type { TextOut } from './cli-io.js';

/**
 * Builds of fewer articles than this finish in about a second: a bar would only flicker.
 */
export const PROGRESS_MIN_ARTICLES = 1000;

/** Reports build progress; `stop` clears the bar (safe to call when none was shown). */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

function isNodeStream(out: TextOut): out is TextOut & NodeJS.WritableStream {
  return typeof (out as { on?: unknown }).on === 'function';
}

/** A progress bar on `out` when it is a terminal and the build is long; otherwise silent. */
export function createProgress(out: TextOut, label: string): Progress {
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (!bar) {
        if (!out.isTTY || !isNodeStream(out) || total < PROGRESS_MIN_ARTICLES) return;
        bar = new cliProgress.SingleBar(
          { stream: out, format: `${label} [{bar}] {value}/{total} articles {percentage}% | ETA {eta_formatted}`, clearOnComplete: true, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

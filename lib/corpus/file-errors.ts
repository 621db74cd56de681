/**
 * The problems of one corpus file, kept up to a limit: a file with millions of bad lines must
 * cost a bounded amount of memory, and a report of its first hundred problems says as much as
 * one of all of them.
 */
import type { CorpusError } from '../types.js';

/** Default {@link FileErrors} limit, and of `LoadCorpusOptions.maxErrorsPerFile`: 100. */
export const DEFAULT_MAX_ERRORS_PER_FILE = 100;

/**
 * A bounded list of one file's errors. The first `limit` errors pushed are kept; later ones are
 * only counted, and {@link FileErrors.list} ends with one `too_many_errors` entry saying how
 * many were left out.
 */
export class FileErrors {
  private readonly kept: CorpusError[] = [];
  private numDropped = 0;

  /**
   * @param file - the file's path relative to the corpus folder, for the summary entry.
   * @param limit - how many errors to keep; a positive integer.
   */
  constructor(
    readonly file: string,
    readonly limit: number = DEFAULT_MAX_ERRORS_PER_FILE,
  ) {}

  /** Records an error: kept while under the limit, otherwise counted. */
  push(error: CorpusError): void {
    if (this.kept.length < this.limit) this.kept.push(error);
    else this.numDropped++;
  }

  /** How many errors were pushed, kept or not. */
  get size(): number {
    return this.kept.length + this.numDropped;
  }

  /**
   * The kept errors in line order (file-level errors, with no line, first; the sort is stable),
   * then the summary entry when errors were left out.
   */
  list(): CorpusError[] {
    const errors = [...this.kept].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    if (this.numDropped > 0) {
      errors.push({
        file: this.file,
        code: 'too_many_errors',
        reason:
          `${this.numDropped} more problem${this.numDropped === 1 ? '' : 's'} in this file not listed ` +
          `(${this.size} in all; at most ${this.limit} are reported per file: maxErrorsPerFile)`,
      });
    }
    return errors;
  }
}

/**
 * The streams a command writes to, injectable so commands can be driven in-process.
 */

/** A writable text stream, possibly a terminal. */
export interface TextOut {
  write(text: string): unknown;
  /** True when the stream is a terminal (then colours and progress bars are used). */
  isTTY?: boolean;
}

/** Where a command writes: results on stdout, messages and problems on stderr. */
export interface CliIo {
  stdout: TextOut;
  stderr: TextOut;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}

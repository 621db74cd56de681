/**
 * The `ledesearch` command line: `index`, `search`, `serve`, with `--help` on each.
 */
import { Command, CommanderError, type OutputConfiguration } from 'commander';
import { InvalidQueryError, SearchError } from '../lib/index.js';
import { HttpError } from '../server/http-error.js';
import { processIo, type CliIo } from './cli-io.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cli-options.js';
import { createIndexCommand } from './index-command.js';
import { createSearchCommand } from './search-command.js';
import { createServeCommand } from './serve-command.js';

/** Commander's output settings: our streams, and every error on one line. */
function output(io: CliIo): OutputConfiguration {
  return {
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    // Commander puts its "(Did you mean --category?)" hint on a line of its own.
    outputError: (s, write) => write(s.replace(/\n(?=\(Did you mean)/, ' ')),
  };
}

/** Builds the program; `setExit` receives the exit code an action decides on. */
export function createProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('ledesearch')
    .description('Full-text search for news archives: build an index from a corpus folder, search it, serve it over HTTP.')
    .configureOutput(output(io))
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpCommand(false);
  // Subcommands added with addCommand do not inherit settings: give each the same output and
  // exit handling so their errors are one line and their exit codes ours.
  for (const command of [createIndexCommand(io, setExit), createSearchCommand(io), createServeCommand()]) {
    command.configureOutput(output(io)).exitOverride();
    program.addCommand(command);
  }
  return program;
}

/** The exit code and one-line message for an error thrown by an action. */
function describeFailure(error: unknown): { code: number; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  // A value the library refuses is the caller's mistake too, whatever the command.
  if (error instanceof UsageError || error instanceof HttpError || error instanceof InvalidQueryError) return { code: EXIT_USAGE, message };
  if (error instanceof SearchError && (error.code === 'corpus_not_found' || error.code === 'invalid_schema')) return { code: EXIT_USAGE, message };
  return { code: EXIT_FAILURE, message };
}

/**
 * Runs the command line on `argv` (as in `process.argv`, program path first) and resolves with
 * the exit code. For `serve`, it resolves once the server listens; the server keeps running.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exit = EXIT_OK;
  const program = createProgram(io, (code) => (exit = code));
  try {
    await program.parseAsync([...argv]);
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const { code, message } = describeFailure(error);
    io.stderr.write(`error: ${message.split('\n')[0]}\n`);
    return code;
  }
}

/**
 * The server's entry point: `node dist/server/main.js [--corpus DIR] [--port N] …`, the same
 * flags and environment as `ledesearch serve` (`--help` lists them). Exits 2 for a bad flag,
 * 1 when there is nothing to serve; otherwise runs until SIGTERM/SIGINT.
 */
import { parseServerArgs, SERVER_USAGE, ServerArgsError } from './main-args.js';
import { serveWithWorkers } from './workers.js';

try {
  const options = parseServerArgs(process.argv.slice(2), process.env);
  if (options === 'help') process.stdout.write(SERVER_USAGE);
  else await serveWithWorkers(options);
} catch (error) {
  process.stderr.write(`error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
  process.exitCode = error instanceof ServerArgsError || (error instanceof Error && 'code' in error && (error.code === 'corpus_not_found' || error.code === 'invalid_schema')) ? 2 : 1;
}

/**
 * The server's entry point: `node dist/server/main.js [--corpus DIR] [--port N] …`, the same
 * flags and environment as `ledesearch serve` (run with `--help` for the list).
 */
import { runCli } from '../cli/program.js';

process.exitCode = await runCli([process.argv[0], process.argv[1], 'serve', ...process.argv.slice(2)]);

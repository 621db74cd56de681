#!/usr/bin/env node
/**
 * The `ledesearch` executable: `index`, `search` and `serve`. See `cli/program.ts`.
 */
import { runCli } from '../cli/program.js';

process.exitCode = await runCli(process.argv);

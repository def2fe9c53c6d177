#!/usr/bin/env node
// The CLI, built by `npm run build` into lib/ (tsc output).
import { main } from '../lib/src/cli.js';

process.exitCode = await main(process.argv.slice(2));

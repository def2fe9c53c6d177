#!/usr/bin/env node
// The CLI, built by `npm run build` into lib/ (tsc output).
import { enableCompileCache } from 'node:module';

// Node keeps our modules' compiled code between runs (in the OS temp dir): a faster start.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
enableCompileCache();
const { main } = await import('../lib/src/cli.js');
process.exitCode = await main(process.argv.slice(2));

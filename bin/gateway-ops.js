#!/usr/bin/env node
// The CLI, built by `npm run build` into lib/ (tsc output).
import module from 'node:module';

// V8 keeps the compiled code of lib/ and zod between runs (in the OS temp directory), so a short
// command does not spend most of its time compiling; a missing or unwritable cache only costs that time.
module.enableCompileCache?.();
const { main } = await import('../lib/src/cli.js');

process.exitCode = await main(process.argv.slice(2));

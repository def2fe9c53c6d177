#!/usr/bin/env node
// The CLI, built by `node scripts/build.mjs` (or `npm run build`) into lib/cli/: tsc's output
// bundled into a few chunks (fewer files to load: a faster start).
import { existsSync, lstatSync, mkdirSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Node keeps our modules' compiled code between runs: a faster start. Only in a dir this user alone
// can write (code another user planted in a shared temp dir would run as us); else no cache.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
try {
  const cache = join(
    process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
    'gateway-ops',
    'node-compile-cache',
  );
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  const dir = lstatSync(cache);
  if (dir.isDirectory() && dir.uid === process.getuid?.() && (dir.mode & 0o077) === 0)
    enableCompileCache(cache);
} catch {
  // No cache: a slower start, nothing else.
}
const entry = new URL('../lib/cli/cli.js', import.meta.url);
let cli;
try {
  cli = await import(entry.href);
} catch (error) {
  if (existsSync(entry)) throw error;
  process.stderr.write(
    `gateway-ops: the CLI is not built (${fileURLToPath(entry)} is missing): run node scripts/build.mjs --no-bundle\n`,
  );
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));

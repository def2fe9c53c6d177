#!/usr/bin/env node
// The CLI, built by `npm run build` into lib/ (tsc output).
import { lstatSync, mkdirSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

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
const { main } = await import('../lib/src/cli.js');
process.exitCode = await main(process.argv.slice(2));

/**
 * Whole-process start-up benchmark, as users run it: `gateway-ops --help`, and each action
 * bundle from its start to its first log line (and to its end, failing on a missing input),
 * side by side with bare `node -e 0` on the same Node 24, in alternating pairs.
 *
 *   npm run build
 *   node --experimental-strip-types bench/startup.ts [runs]
 *
 * Prints a Markdown table of medians (wall time; on a loaded machine compare with the bare node
 * column, or run `hyperfine -N` for CPU time). Targets: --help <= 150 ms, first log line <= 200 ms.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = path.join(root, 'node_modules/.bin/node');
const runs = Number(process.argv[2] ?? 15);

interface Sample {
  firstLineMs: number;
  totalMs: number;
}

/** One process: wall time to its first stdout byte, to its exit, and its CPU time. */
function measure(args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstLineMs = Number.NaN;
    const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', () => {
      firstLineMs = performance.now() - started;
    });
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', () => {
      const totalMs = performance.now() - started;
      resolve({ firstLineMs: Number.isNaN(firstLineMs) ? totalMs : firstLineMs, totalMs });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function pairs(name: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const bare: Sample[] = [];
  const it: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await measure(['-e', 'console.log(0)'], env));
    it.push(await measure(args, env));
  }
  const row = (s: Sample[], key: keyof Sample) => Math.round(median(s.map((x) => x[key])));
  return `| ${name} | ${row(it, 'firstLineMs')} | ${row(it, 'totalMs')} | ${row(bare, 'firstLineMs')} | ${row(bare, 'totalMs')} |`;
}

const lines = [
  `Node ${process.versions.node}, ${runs} alternating pairs, load average ${loadavg()[0]!.toFixed(1)} at the start.`,
  '',
  '| process | first line (ms) | total (ms) | bare node: first line (ms) | bare node: total (ms) |',
  '|---|---|---|---|---|',
  await pairs('gateway-ops --help', [path.join(root, 'bin/gateway-ops.js'), '--help']),
  await pairs('gateway-ops backup --help', [path.join(root, 'bin/gateway-ops.js'), 'backup', '--help']),
];
for (const action of ['backup', 'migration-check', 'restore']) {
  const bundle = path.join(root, 'actions', action, 'dist/index.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'npm run build' first`);
  const dir = mkdtempSync(path.join(tmpdir(), 'gwops-startup-'));
  const env = {
    PATH: process.env['PATH'] ?? '',
    GITHUB_OUTPUT: path.join(dir, 'o'),
    GITHUB_STEP_SUMMARY: path.join(dir, 's'),
  };
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  lines.push(await pairs(`actions/${action} (missing inputs)`, [bundle], env));
  rmSync(dir, { recursive: true, force: true });
}
console.log(lines.join('\n'));

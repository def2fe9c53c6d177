/**
 * Running the demo's steps: each `gateway-ops <command>` as its own process from this checkout's
 * build (bin/ + lib/), its output shown as it comes; a progress line per step; the final table.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
export const NODE = join(root, 'node_modules/.bin/node');
export const GATEWAY_OPS = join(root, 'bin/gateway-ops.js');

export const say = (line = '') => process.stdout.write(`${line}\n`);

export interface ProcessRun {
  status: number;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  stdout: string;
}

/** As a runner shows an action's log: the values it is told to mask are never displayed. */
const shownLine = (line: string) => (line.startsWith('::add-mask::') ? '::add-mask::***' : line);

/** Runs a process, showing its output indented under the command line; never throws on exit != 0. */
export function run(
  shown: string,
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessRun> {
  say(`  $ ${shown}`);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stdout = '';
    let pending = '';
    const show = (chunk: Buffer, isStdout: boolean) => {
      const text = chunk.toString('utf8');
      output += text;
      if (isStdout) stdout += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) say(`    │ ${shownLine(line)}`);
    };
    child.stdout.on('data', (c: Buffer) => show(c, true));
    child.stderr.on('data', (c: Buffer) => show(c, false));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (pending) say(`    │ ${shownLine(pending)}`);
      resolve({ status: code ?? (signal ? 128 : 1), output, stdout });
    });
  });
}

/** `gateway-ops <args>` exactly as a user types it (the config file is named relative to `cwd`). */
export function gatewayOps(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return run(`gateway-ops ${args.map(shownArg).join(' ')}`, NODE, [GATEWAY_OPS, ...args], { cwd, env });
}

const shownArg = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** One claim a step checked, and whether it held. */
export interface Check {
  what: string;
  ok: boolean;
  /** What was found when it did not hold. */
  found?: string;
}

export const check = (what: string, ok: boolean, found?: string): Check =>
  ok ? { what, ok } : { what, ok, ...(found === undefined ? {} : { found }) };

export interface Step {
  name: string;
  run(): Promise<Check[]>;
}

export interface StepResult {
  name: string;
  checks: Check[];
  ok: boolean;
  seconds: number;
}

export async function runSteps(steps: readonly Step[]): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const [i, step] of steps.entries()) {
    say(`\n[${i + 1}/${steps.length}] ${step.name}`);
    const started = performance.now();
    let checks: Check[];
    try {
      checks = await step.run();
    } catch (error) {
      checks = [check('the step ran', false, error instanceof Error ? error.message : String(error))];
    }
    const ok = checks.length > 0 && checks.every((c) => c.ok);
    const seconds = (performance.now() - started) / 1000;
    results.push({ name: step.name, checks, ok, seconds });
    for (const c of checks) say(`  ${c.ok ? '✓' : '✗'} ${c.what}${c.ok || !c.found ? '' : `: ${c.found}`}`);
    say(`[${i + 1}/${steps.length}] ${step.name}: ${ok ? 'ok' : 'FAILED'} (${seconds.toFixed(1)} s)`);
  }
  return results;
}

/** The final table: step, what was checked, result, time. */
export function renderTable(results: readonly StepResult[]): string {
  const rows = results.flatMap((r) =>
    r.checks.map((c, i) => ({
      step: i === 0 ? r.name : '',
      checked: c.what,
      result: c.ok ? 'ok' : 'FAILED',
      time: i === 0 ? `${r.seconds.toFixed(1)} s` : '',
    })),
  );
  const head = { step: 'step', checked: 'checked', result: 'result', time: 'time' };
  const width = (k: keyof typeof head) => Math.max(head[k].length, ...rows.map((r) => r[k].length));
  const w = { step: width('step'), checked: width('checked'), result: width('result'), time: width('time') };
  const line = (r: typeof head) =>
    `| ${r.step.padEnd(w.step)} | ${r.checked.padEnd(w.checked)} | ${r.result.padEnd(w.result)} | ${r.time.padStart(w.time)} |`;
  const rule = `|${'-'.repeat(w.step + 2)}|${'-'.repeat(w.checked + 2)}|${'-'.repeat(w.result + 2)}|${'-'.repeat(w.time + 2)}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

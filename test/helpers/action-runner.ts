import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settingsFor } from '../../src/shared/settings/index.js';

const root = new URL('../../', import.meta.url).pathname;
export const node24 = join(root, 'node_modules/.bin/node');

export interface BundleRun {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** The files and environment the runner gives an action in `dir`: INPUT_* variables, output and summary files. */
export function runnerEnvironment(
  dir: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): { env: Record<string, string>; files: RunnerFiles } {
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    ...files,
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return { env, files };
}

export interface RunnerFiles {
  GITHUB_OUTPUT: string;
  GITHUB_STEP_SUMMARY: string;
}

/** What the action wrote: its job summary and its outputs. */
export function readRunnerFiles(files: RunnerFiles): { summary: string; outputs: Record<string, string> } {
  return {
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    outputs: parseOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
  };
}

function prepare(action: string, inputs: Record<string, string>, extraEnv: Record<string, string>) {
  const bundle = join(root, 'actions', action, 'dist/index.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'npm run build' first`);
  const dir = mkdtempSync(join(tmpdir(), 'gwops-runner-'));
  const { env, files } = runnerEnvironment(dir, inputs, extraEnv);
  const finish = (status: number | null, stdout: string, stderr: string): BundleRun => {
    const run = { status, stdout, stderr, ...readRunnerFiles(files) };
    rmSync(dir, { recursive: true, force: true });
    return run;
  };
  return { bundle, env, finish };
}

/** Runs an action's committed bundle as the runner does: INPUT_* variables, output and summary files. */
export function runBundle(
  action: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): BundleRun {
  const { bundle, env, finish } = prepare(action, inputs, extraEnv);
  const result = spawnSync(node24, [bundle], { env, encoding: 'utf8', timeout: 300_000 });
  return finish(result.status, result.stdout, result.stderr);
}

/** The same without blocking this process: for tests that serve the bundle themselves (a fake GitHub). */
export function runBundleAsync(
  action: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<BundleRun> {
  const { bundle, env, finish } = prepare(action, inputs, extraEnv);
  return new Promise((resolve, reject) => {
    const child = spawn(node24, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve(finish(status, stdout, stderr));
    });
  });
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^([^<\n]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) outputs[m[1]!] = m[3]!;
  return outputs;
}

/**
 * The inputs of a run in another mode of the same action (`mode: verify` after a backup): only
 * those the mode takes, since the action refuses an input its chosen mode does not use.
 */
export function inputsForMode(
  inputs: Record<string, string>,
  mode: 'backup' | 'verify' | 'status',
): Record<string, string> {
  const taken = new Set<string>(settingsFor(mode, 'action'));
  return Object.fromEntries(Object.entries(inputs).filter(([name]) => taken.has(name)));
}

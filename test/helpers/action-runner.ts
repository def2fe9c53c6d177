import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
export const node24 = join(root, 'node_modules/.bin/node');

/** Runs an action's committed bundle as the runner does: INPUT_* variables, output and summary files. */
export function runBundle(
  action: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
) {
  const bundle = join(root, 'actions', action, 'dist/index.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'npm run build' first`);
  const dir = mkdtempSync(join(tmpdir(), 'gwops-runner-'));
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
  const result = spawnSync(node24, [bundle], { env, encoding: 'utf8', timeout: 120_000 });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    outputs: parseOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
  };
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^([^<\n]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) outputs[m[1]!] = m[3]!;
  return outputs;
}

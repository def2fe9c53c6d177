import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { node24 } from '../../helpers/action-runner.js';

// Fast start (issue 12): help is text about the settings, so it loads none of the libraries that
// parse or connect (zod, yaml, ssh2, pg, the OpenSearch client), none of the commands' code and
// not the run path.
const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'bin/gateway-ops.js');
const tmp = mkdtempSync(join(tmpdir(), 'gwops-startup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The CLI runs bundled (lib/cli/, scripts/build.mjs): each chunk file holds some of tsc's modules,
// and the build lists which in lib/cli/modules.json, so a trace of chunk files reads as the source
// modules a run loaded (and a failure names the module of ours that should not have loaded).
const chunkModules = JSON.parse(readFileSync(join(root, 'lib/cli/modules.json'), 'utf8')) as Record<
  string,
  string[]
>;

/** The modules a trace names: each chunk of lib/cli/ as the source modules in it, anything else as is. */
function sourceModules(urls: string[]): string[] {
  return urls.flatMap((url) => {
    if (!url.startsWith('file:')) return [url];
    const path = relative(root, fileURLToPath(url));
    if (!path.startsWith('lib/cli/')) return [path];
    const modules = chunkModules[path.slice('lib/cli/'.length)];
    if (!modules) throw new Error(`${path} was loaded but lib/cli/modules.json does not list it: rebuild`);
    return modules;
  });
}

function trace(args: string[], name: string): string[] {
  const file = join(tmp, `${name}.txt`);
  const r = spawnSync(node24, ['--import', join(root, 'test/helpers/module-trace.mjs'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: tmp, GWOPS_MODULE_TRACE: file },
    timeout: 20_000,
  });
  expect(r.status, r.stderr).toBe(0);
  if (name.startsWith('help')) expect(r.stdout).toMatch(/^(gateway-ops \d|Usage: gateway-ops)/);
  return readFileSync(file, 'utf8').trim().split('\n');
}

function modulesLoadedBy(args: string[]): { urls: string[]; modules: string[] } {
  const urls = trace([cli, ...args], `help${args.join('_')}`);
  return { urls, modules: sourceModules(urls) };
}

describe('what help loads', () => {
  it.each([['--help'], ['backup', '--help'], ['status', '--help'], ['migration-check', '--help']])(
    'gateway-ops %s loads no dependency and no command module',
    (...args) => {
      const { urls, modules: loaded } = modulesLoadedBy(args);
      // the bundle ran (what users run), and the CLI's module is in what it loaded
      expect(urls.some((url) => url.endsWith('/lib/cli/cli.js'))).toBe(true);
      expect(loaded).toContain('lib/src/cli.js');
      expect(urls.filter((url) => url.includes('/node_modules/'))).toEqual([]);
      const commands = loaded.filter((path) => /^lib\/src\/commands\/(?!index\.js$)/.test(path));
      expect(commands).toEqual([]);
      // nor the run path (settings cross-checks, the webhook, the log): help only describes
      expect(loaded.filter((path) => /^lib\/src\/(run-command|shared\/report\/)/.test(path))).toEqual([]);
    },
  );
});

// Peak RSS of a backup or restore: the OpenSearch client (~25 MB) and the age library (~20 MB) load
// only when a run opens OpenSearch or takes secrets, not with the command's code.
describe('what a command loads before its run needs it', () => {
  // tsc's module (what the action bundles start from) and the CLI's chunk that holds it
  const chunkOf = (module: string) =>
    Object.keys(chunkModules).find((chunk) => chunkModules[chunk]!.includes(module));
  it.each([
    ['backup', 'lib/src'],
    ['restore', 'lib/src'],
    ['backup', 'lib/cli'],
    ['restore', 'lib/cli'],
  ])('the %s command (%s) loads neither the OpenSearch client nor age', (command, form) => {
    const module = `lib/src/commands/${command}.js`;
    const file = form === 'lib/src' ? module : `lib/cli/${chunkOf(module)}`;
    const urls = trace(
      ['--input-type=module', '-e', `await import(${JSON.stringify(join(root, file))});`],
      `import-${command}-${form.replace('/', '-')}`,
    );
    // the command's own code did load (the trace is not empty for a wrong reason)
    expect(sourceModules(urls)).toContain(module);
    expect(urls.some((url) => url.includes('/node_modules/ssh2/'))).toBe(true);
    expect(
      urls.filter((url) => /\/node_modules\/(@opensearch-project\/opensearch|age-encryption)\//.test(url)),
    ).toEqual([]);
  });
});

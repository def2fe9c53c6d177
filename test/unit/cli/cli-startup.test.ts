import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { node24 } from '../../helpers/action-runner.js';

// Fast start (issue 12): help is text about the settings, so it loads none of the libraries that
// parse or connect (zod, yaml, ssh2, pg, the OpenSearch client), none of the commands' code and
// not the run path.
const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'bin/gateway-ops.js');
const tmp = mkdtempSync(join(tmpdir(), 'gwops-startup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function modulesLoadedBy(args: string[]): string[] {
  const trace = join(tmp, `${args.join('_')}.txt`);
  const r = spawnSync(node24, ['--import', join(root, 'test/helpers/module-trace.mjs'), cli, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: tmp, GWOPS_MODULE_TRACE: trace },
    timeout: 20_000,
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^(gateway-ops \d|Usage: gateway-ops)/);
  return readFileSync(trace, 'utf8').trim().split('\n');
}

describe('what help loads', () => {
  it.each([['--help'], ['backup', '--help'], ['status', '--help'], ['migration-check', '--help']])(
    'gateway-ops %s loads no dependency and no command module',
    (...args) => {
      const loaded = modulesLoadedBy(args);
      expect(loaded.some((url) => url.endsWith('/lib/src/cli.js'))).toBe(true);
      expect(loaded.filter((url) => url.includes('/node_modules/'))).toEqual([]);
      const commands = loaded.filter((url) => /\/lib\/src\/commands\/(?!index\.js$)/.test(url));
      expect(commands).toEqual([]);
      // nor the run path (settings cross-checks, the webhook, the log): help only describes
      expect(loaded.filter((url) => /\/lib\/src\/(run-command|shared\/report\/)/.test(url))).toEqual([]);
    },
  );
});

// Peak RSS of a backup or restore: the OpenSearch client (~25 MB) and the age library (~20 MB) load
// only when a run opens OpenSearch or takes secrets, not with the command's code.
describe('what a command loads before its run needs it', () => {
  it.each([['backup'], ['restore']])(
    'the %s command loads neither the OpenSearch client nor age',
    (command) => {
      const trace = join(tmp, `import-${command}.txt`);
      const r = spawnSync(
        node24,
        [
          '--import',
          join(root, 'test/helpers/module-trace.mjs'),
          '--input-type=module',
          '-e',
          `await import(${JSON.stringify(join(root, `lib/src/commands/${command}.js`))});`,
        ],
        {
          encoding: 'utf8',
          env: { PATH: process.env['PATH'] ?? '', HOME: tmp, GWOPS_MODULE_TRACE: trace },
          timeout: 20_000,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      const loaded = readFileSync(trace, 'utf8').trim().split('\n');
      // the command's own code did load (the trace is not empty for a wrong reason)
      expect(loaded.some((url) => url.endsWith(`/lib/src/commands/${command}.js`))).toBe(true);
      expect(loaded.some((url) => url.includes('/node_modules/ssh2/'))).toBe(true);
      expect(
        loaded.filter((url) =>
          /\/node_modules\/(@opensearch-project\/opensearch|age-encryption)\//.test(url),
        ),
      ).toEqual([]);
    },
  );
});

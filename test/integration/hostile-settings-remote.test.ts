/**
 * Hostile values that validation accepts reach the host literally, on the real sshd: what ran is
 * recorded, not inferred. Host commands: a wrapper on the host logs its argv (NUL-separated);
 * container commands: the docker double's call log records argv. Seeded (printed), bounded.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  commandIn,
  connectRemoteHost,
  RemoteCommandError,
  type SshRemoteHost,
  shellJoin,
} from '../../src/shared/remote/index.js';
import { loadSettings } from '../../src/shared/settings/index.js';
import { hostileString, propertySeed } from '../helpers/hostile.js';
import { openDockerDouble } from '../services/docker.js';

const bench = inject('bench');
const seed = propertySeed();
const wrapper = `${bench.workDir}/argv-log-${process.pid}`;
const argvFile = `${wrapper}.argv`;
let remote: SshRemoteHost;

beforeAll(async () => {
  writeFileSync(wrapper, `#!/bin/bash\nprintf '%s\\0' "$@" > ${argvFile}\n`);
  chmodSync(wrapper, 0o755);
  remote = await connectRemoteHost({
    host: bench.ssh.host,
    port: bench.ssh.port,
    username: bench.ssh.username,
    privateKey: bench.ssh.clientKey.privateKey,
    knownHosts: bench.ssh.knownHostsLine,
  });
});
afterAll(async () => {
  await remote?.close();
});

/** The value as the setting accepted it, or undefined when validation refused it. */
function accepted(name: string, value: string): string | undefined {
  try {
    const { settings } = loadSettings('backup', {
      surface: 'action',
      explicit: { 'ssh-host': 'h', 'ssh-user': 'u', [name]: value },
    });
    return (settings as unknown as Record<string, string>)[name];
  } catch {
    return undefined;
  }
}

/**
 * Half hostile strings (most are refused), half strings from the path alphabet that validation
 * accepts but that are still hostile to a shell or to argument parsing (a leading '-', ':', '@',
 * '..'): without the second half a seed could draw 25 refusals and check nothing on the host.
 */
const pathValue = fc.oneof(hostileString, fc.stringMatching(/^[A-Za-z0-9_./@+-][A-Za-z0-9_./@+:-]{0,60}$/));

describe(`hostile setting values on the real sshd (seed ${seed})`, () => {
  it('path settings reach a host command as one literal argument each', async () => {
    console.log(`hostile settings remote: fast-check seed ${seed} (replay with GWOPS_FC_SEED=${seed})`);
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(pathValue, pathValue, async (deployDir, backupsDir) => {
        const values = [accepted('deploy-dir', deployDir), accepted('backups-dir', backupsDir)].filter(
          (v): v is string => v !== undefined,
        );
        if (values.length === 0) return;
        await remote.exec(`${shellJoin([wrapper, ...values])}\n`);
        const logged = readFileSync(argvFile, 'utf8').split('\0').slice(0, -1);
        expect(logged).toEqual(values);
        checked++;
      }),
      { seed, numRuns: 25 },
    );
    console.log(`hostile settings remote: ${checked} accepted path values checked`);
    expect(checked).toBeGreaterThan(0);
  });

  it('container settings are refused or reach docker exec literally', async () => {
    const docker = openDockerDouble(bench.docker.stateDir);
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString, fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,30}$/)),
        hostileString,
        async (name, value) => {
          const container = accepted('postgres-container', name);
          if (container === undefined) return;
          if (value.includes('\0')) return; // no argv can carry a NUL: shellQuote refuses it
          const mark = docker.mark();
          const argv = commandIn({ kind: 'docker', container }, ['printf', '%s', value]);
          await remote.run(argv).catch((error: unknown) => {
            if (!(error instanceof RemoteCommandError)) throw error; // an unknown container exits 1
          });
          const calls = docker.calls(mark);
          expect(calls.map((call) => call.argv)).toEqual([argv]);
          checked++;
        },
      ),
      { seed, numRuns: 25 },
    );
    console.log(`hostile settings remote: ${checked} accepted container values checked`);
    expect(checked).toBeGreaterThan(0);
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { node24 } from '../../helpers/action-runner.js';

// The CLI as users run it: a whole process of the built CLI (lib/, built by pretest).
const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'bin/gateway-ops.js');
const tmp = mkdtempSync(join(tmpdir(), 'gwops-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(node24, [cli, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: tmp, ...env },
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function keyPair(name: string, passphrase = ''): string {
  const path = join(tmp, name);
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', path], { encoding: 'utf8' });
  chmodSync(path, 0o600);
  return path;
}

const host = [
  '--ssh-host',
  '127.0.0.1',
  '--ssh-user',
  'u',
  '--ssh-host-fingerprint',
  `SHA256:${'A'.repeat(43)}`,
];

describe('the CLI as a process', () => {
  it('a mistyped command gets "did you mean"', () => {
    const r = run(['verfy']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'verfy' (did you mean 'verify'?)");
  });

  it('help quotes a default of "." instead of printing "Default: .."', () => {
    const r = run(['backup', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('Default: ..');
    expect(r.stdout).toContain("Default: '.'.");
  });

  it('a date that does not exist is refused: --snapshot-date 2026-13-01', () => {
    const r = run(['verify', ...host, '--snapshot-date', '2026-13-01']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Invalid setting 'snapshot-date'");
    expect(r.stderr).toContain("found '2026-13-01'");
  });

  it('rejected values are echoed escaped and capped', () => {
    const r = run(['backup', '--postgres-container', `x\u001b[31m\u202E\nreboot${'A'.repeat(100_000)}`]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain('\u001b[31m');
    expect(r.stderr).not.toContain('\u202E');
    expect(r.stderr).toContain('\\x1b[31m\\u202e\\nreboot');
    expect(r.stderr.length).toBeLessThan(5_000);
  });

  it('--config /dev/zero returns with an error instead of reading forever', () => {
    const r = run(['backup', '--config', '/dev/zero']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("cannot read the file '/dev/zero'");
  });

  it('a config file never has its text echoed (the YAML warning about !secret stays silent)', () => {
    const config = join(tmp, 'secret.yml');
    writeFileSync(config, 'ssh-host: h\nssh-user: u\nkeep-daily: !secret CANARY-PASSPHRASE-9931\n');
    const r = run(['backup', '--config', config]);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).not.toContain('CANARY-PASSPHRASE-9931');
    expect(r.stderr).toContain('uses a YAML tag');
    expect(r.stderr).not.toContain('YAMLWarning');
  });

  it('relative paths in a --config file resolve from the file, not the current directory', () => {
    const dir = join(tmp, 'conf');
    mkdirSync(dir, { recursive: true });
    keyPair('conf/id_test');
    writeFileSync(join(dir, 'known_hosts'), '');
    const config = join(dir, 'gateway-ops.yml');
    writeFileSync(config, 'ssh-private-key-file: id_test\nssh-known-hosts-file: ./missing_hosts\n');
    const r = spawnSync(node24, [cli, 'restore', '--ssh-host', 'h', '--ssh-user', 'u', '--config', config], {
      encoding: 'utf8',
      cwd: '/',
      env: { PATH: process.env['PATH'] ?? '' },
    });
    expect(r.status).toBe(2);
    // the key is found beside the file; the missing file is named by its resolved path
    expect(r.stderr).not.toContain("'--ssh-private-key-file'");
    expect(r.stderr).toContain(`found '${join(dir, 'missing_hosts')}' (no such file)`);
  });

  it('hints name CLI flags: the host-key hint says --ssh-known-hosts-file, not ssh-known-hosts', () => {
    const key = keyPair('id_hint');
    const r = run(['backup', '--ssh-host', 'h', '--ssh-user', 'u', '--ssh-private-key-file', key]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--ssh-known-hosts-file');
    expect(r.stderr).not.toMatch(/set 'ssh-known-hosts'/);
  });

  it('bad keys are settings errors (exit 2) naming the setting: a .pub, not a key, a passphrase missing', () => {
    const key = keyPair('id_pub');
    const pub = run(['verify', ...host, '--ssh-private-key-file', `${key}.pub`]);
    expect(pub.status).toBe(2);
    expect(pub.stderr).toContain('--ssh-private-key-file');
    expect(pub.stderr).toContain('is a public key (a .pub file)');
    const junk = join(tmp, 'junk');
    writeFileSync(junk, 'not a key\n', { mode: 0o600 });
    const notKey = run(['verify', ...host, '--ssh-private-key-file', junk]);
    expect(notKey.status).toBe(2);
    expect(notKey.stderr).toContain('is not a private key ssh can read');
    const locked = keyPair('id_locked', 'pass-phrase-1');
    const noPass = run(['verify', ...host, '--ssh-private-key-file', locked]);
    expect(noPass.status).toBe(2);
    expect(noPass.stderr).toContain(
      'needs a passphrase: set the environment variable GATEWAY_OPS_SSH_PASSPHRASE',
    );
  });

  it('a key file others can read is warned about, as OpenSSH does', () => {
    const key = keyPair('id_open');
    chmodSync(key, 0o644);
    const r = run(['verify', ...host, '--ssh-private-key-file', key]);
    expect(r.stderr).toContain(`can be read by others (mode 0644): run 'chmod 600 ${key}'`);
  });

  it('a port that answers but is not SSH: "is this an SSH port?", exit 2', async () => {
    const server = createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = String((server.address() as { port: number }).port);
    const key = keyPair('id_port');
    const child = spawn(node24, [cli, 'verify', ...host, '--ssh-port', port, '--ssh-private-key-file', key], {
      env: { PATH: process.env['PATH'] ?? '', HOME: tmp },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const status = await new Promise((resolve) => child.on('exit', resolve));
    server.close();
    expect(status).toBe(2);
    expect(stderr).toContain('is this an SSH port? Check --ssh-port and --ssh-host');
  });

  it('Ctrl-C: says it was interrupted and what is left, exit 130', async () => {
    // A port that accepts and never speaks: the CLI waits in the SSH handshake.
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = String((server.address() as { port: number }).port);
    const key = keyPair('id_int');
    const child = spawn(node24, [cli, 'backup', ...host, '--ssh-port', port, '--ssh-private-key-file', key], {
      env: { PATH: process.env['PATH'] ?? '', HOME: tmp },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGINT');
    const status = await new Promise((resolve) => child.on('exit', resolve));
    server.close();
    expect(status).toBe(130);
    expect(stderr).toContain('backup interrupted (SIGINT)');
    expect(stderr).toContain('.partial');
  });

  it('package.json names no script that does not exist', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const [name, command] of Object.entries<string>(pkg.scripts)) {
      // Every file argument (a whole word ending in .ts, .mjs or .sh), e.g. ./test/services/register.mjs.
      for (const [, file] of command.matchAll(/(?:^|[\s=])((?:\.\/)?[\w-][\w./-]*\.(?:ts|mjs|sh))(?=\s|$)/g))
        expect(spawnSync('test', ['-f', join(root, file!)]).status, `${name}: ${file}`).toBe(0);
    }
  });
});

/**
 * The backup keeps the production host's lock through the off-host copy: a second run started
 * while the copy is under way (here a forced one, which would swap today's snapshot, then prune)
 * is refused, and the copy in progress ends verified with the very snapshot it started from.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { bench, copyHost, treeOf, unique } from './copy-helpers.js';
import { newDeployDir } from './postgres-helpers.js';

/** A TCP relay to the copy host's sshd that can be held still: while held, no byte moves either way. */
function pausableRelay(): { server: Server; hold(): void; release(): void; ready: Promise<number> } {
  const sockets = new Set<Socket>();
  let held = false;
  const server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(copyHost().port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      if (held) s.pause();
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  const ready = new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return {
    server,
    hold() {
      held = true;
      for (const s of sockets) s.pause();
    },
    release() {
      held = false;
      for (const s of sockets) s.resume();
    },
    ready,
  };
}

function hostFlags(deployDir: string): string[] {
  const info = bench();
  return [
    ...['--ssh-host', info.ssh.host, '--ssh-port', String(info.ssh.port)],
    ...['--ssh-user', info.ssh.username, '--ssh-host-fingerprint', info.ssh.hostFingerprint],
    ...['--deploy-dir', deployDir, '--components', 'postgres'],
  ];
}

async function cli(argv: string[], onLine: (line: string) => void = () => {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (text) => out.push(text),
    stderr: (line) => {
      err.push(line);
      onLine(line);
    },
    env: {
      GATEWAY_OPS_SSH_PRIVATE_KEY: bench().ssh.clientKey.privateKey,
      GATEWAY_OPS_COPY_TO_PRIVATE_KEY: copyHost().clientKey.privateKey,
    },
  });
  return { code, stdout: out.join(''), stderr: err.join('\n') };
}

describe('the copy runs under the host lock', () => {
  it('a forced run started during the copy is refused; the copy ends verified with the snapshot it started from', async () => {
    const { deployDir, root } = newDeployDir('copy-lock');
    const copies = join(copyHost().workDir, unique('copy-lock'));
    const relay = pausableRelay();
    const port = await relay.ready;
    let copyStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      copyStarted = resolve;
    });
    try {
      const first = cli(
        [
          'backup',
          ...hostFlags(deployDir),
          ...['--copy-to-host', '127.0.0.1', '--copy-to-port', String(port)],
          ...['--copy-to-user', copyHost().username, '--copy-to-path', copies],
          ...['--copy-to-host-fingerprint', copyHost().hostFingerprint, '--format', 'json'],
        ],
        (line) => {
          if (/Copy to the second host/.test(line)) {
            relay.hold(); // the copy cannot move until the second run is over
            copyStarted();
          }
        },
      );
      await started;
      const second = await cli(['backup', ...hostFlags(deployDir), '--force', 'true']);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/Another gateway-ops run holds the lock .*\.gateway-ops\.lock on /);
      relay.release();

      const copied = await first;
      expect(copied.code, copied.stderr).toBe(0);
      expect(copied.stderr).toMatch(/Copy on .*: verified there/);
      const path = JSON.parse(copied.stdout)['snapshot-path'] as string;
      expect(path.startsWith(root)).toBe(true);
      const label = path.slice(root.length + 1);
      // The snapshot is the one the first run took (not swapped), and the copy holds exactly it.
      expect(treeOf(join(copies, label))).toEqual(treeOf(path));
      expect(JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8')).runId).toBe(
        JSON.parse(readFileSync(join(copies, label, 'manifest.json'), 'utf8')).runId,
      );
      expect(JSON.parse(readFileSync(join(root, `${label}.copy.json`), 'utf8'))).toMatchObject({
        verified: true,
      });

      // Once the first run is over, the lock is free again: a forced run goes through.
      const third = await cli(['backup', ...hostFlags(deployDir), '--force', 'true']);
      expect(third.code, third.stderr).toBe(0);
    } finally {
      relay.release();
      relay.server.close();
    }
  });
});

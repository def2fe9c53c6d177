import { createHash, randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { connectRemoteHost, type RemoteHost, type SshRemoteHost } from '../../src/shared/remote/index.js';
import type { ExecOptions } from '../../src/shared/remote/types.js';
import { buildManifest, type Manifest, serializeManifest } from '../../src/shared/snapshot/index.js';
import { copyHostOf } from '../services/copy-host.js';

export const bench = () => inject('bench');
export const copyHost = () => copyHostOf(inject('bench'));

function own(path: string): void {
  const info = bench();
  if (info.user.dedicated) chownSync(path, info.user.uid, info.user.gid);
}

/** mkdir -p, every created level owned by the SSH user. */
export function ownedDir(path: string): string {
  const parts = path.split('/');
  for (let i = 2; i <= parts.length; i++) {
    const p = parts.slice(0, i).join('/');
    try {
      statSync(p);
    } catch {
      mkdirSync(p);
      own(p);
    }
  }
  return path;
}

export function unique(name: string): string {
  return `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export interface PlantedSnapshot {
  path: string;
  label: string;
  manifest: Manifest;
  root: string;
  files: Record<string, Buffer>;
}

/** A committed snapshot on the production host (files + manifest.json written last), owned by the SSH user. */
export function plantSnapshot(
  root: string,
  label: string,
  files: Record<string, Buffer> = { 'postgres/pg_dumpall.sql.zst': randomBytes(64 * 1024) },
): PlantedSnapshot {
  const path = ownedDir(join(root, label));
  for (const [name, data] of Object.entries(files)) {
    ownedDir(join(path, name, '..'));
    writeFileSync(join(path, name), data);
    own(join(path, name));
  }
  const manifest = buildManifest({
    gatewayOpsVersion: 'test',
    runId: 'test-run',
    host: 'bench',
    date: label,
    timezone: 'UTC',
    createdAt: new Date(),
    completedAt: new Date(),
    components: [
      {
        name: 'postgres',
        verdict: 'passed',
        durationMs: 1,
        details: {},
        files: Object.entries(files).map(([name, data]) => ({
          path: name,
          size: data.length,
          sha256: createHash('sha256').update(data).digest('hex'),
          compression: 'none' as const,
          component: 'postgres',
        })),
      },
    ],
  });
  writeFileSync(join(path, 'manifest.json'), serializeManifest(manifest));
  own(join(path, 'manifest.json'));
  return { path, label, manifest, root, files };
}

export function connectProduction(): Promise<SshRemoteHost> {
  const info = bench();
  return connectRemoteHost({
    host: info.ssh.host,
    port: info.ssh.port,
    username: info.ssh.username,
    privateKey: info.ssh.clientKey.privateKey,
    hostFingerprint: info.ssh.hostFingerprint,
    connectTimeoutMs: 10_000,
  });
}

export function connectCopyHost(port = copyHost().port): Promise<SshRemoteHost> {
  const info = copyHost();
  return connectRemoteHost({
    host: info.host,
    port,
    username: info.username,
    privateKey: info.clientKey.privateKey,
    hostFingerprint: info.hostFingerprint,
    connectTimeoutMs: 10_000,
  });
}

/** Every script run on a host and every stdin string it was given, for "what did this host see" checks. */
export function recording(remote: RemoteHost): { host: RemoteHost; seen: string[] } {
  const seen: string[] = [];
  const note = (script: string, options?: ExecOptions) => {
    seen.push(script);
    if (typeof options?.stdin === 'string' || Buffer.isBuffer(options?.stdin))
      seen.push(String(options.stdin));
  };
  const host: RemoteHost = {
    description: remote.description,
    hostKeyFingerprint: remote.hostKeyFingerprint,
    exec: (script, options) => {
      note(script, options);
      return remote.exec(script, options);
    },
    run: (argv, options) => {
      note(argv.join(' '), options);
      return remote.run(argv, options);
    },
    forward: (h, p) => remote.forward(h, p),
    close: () => remote.close(),
  };
  return { host, seen };
}

/** The body lines of a private key (what a leak would contain). */
export function keyLines(privateKey: string): string[] {
  return privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
}

/** Every regular file below `dir` whose content contains one of `needles`. */
export function filesContaining(dir: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  const walk = (path: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        try {
          if (statSync(full).size > 64 * 1024 * 1024) continue;
          const text = readFileSync(full, 'latin1');
          if (needles.some((n) => text.includes(n))) hits.push(full);
        } catch {
          // unreadable: not ours
        }
      }
    }
  };
  walk(dir);
  return hits;
}

export function treeOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string, rel: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(full, name);
      else out[name] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

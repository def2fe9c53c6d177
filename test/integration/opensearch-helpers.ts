/** Helpers for the OpenSearch integration tests (not a test file itself). */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import type { Client } from '@opensearch-project/opensearch';
import type { OpenSearchLog } from '../../src/shared/opensearch/index.js';

export interface CapturedLog extends OpenSearchLog {
  lines: string[];
  text(): string;
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  return {
    lines,
    info: (line) => lines.push(`info: ${line}`),
    warn: (line) => lines.push(`warn: ${line}`),
    text: () => lines.join('\n'),
  };
}

/** Create `index` (1 shard, no replica unless told) and bulk-load `count` documents. */
export async function seedIndex(
  client: Client,
  index: string,
  count: number,
  settings: Record<string, unknown> = {},
  docBytes = 40,
): Promise<void> {
  await client.indices.create({
    index,
    body: { settings: { number_of_shards: 1, number_of_replicas: 0, ...settings } },
  } as never);
  const filler = 'x'.repeat(Math.max(0, docBytes - 20));
  for (let start = 0; start < count; start += 1000) {
    const body: unknown[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      body.push({ index: { _index: index, _id: String(i) } }, { n: i, text: `${filler}${i}` });
    }
    const response = await client.bulk({ body, refresh: 'true' } as never);
    if ((response.body as { errors?: boolean }).errors) throw new Error(`bulk into ${index} had errors`);
  }
}

/** Bytes on disk under `dir` (du -sb). */
export function diskUsage(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

export async function snapshotNames(client: Client, repository: string): Promise<string[]> {
  const response = await client.snapshot.get({ repository, snapshot: '_all' });
  return ((response.body as { snapshots?: { snapshot: string }[] }).snapshots ?? [])
    .map((s) => s.snapshot)
    .sort();
}

/** A throw-away CA and a server certificate for `names` (DNS names or IP addresses), made with openssl. */
export function makeCertificates(
  dir: string,
  names: string[],
): { caPem: string; keyPem: string; certPem: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=gwops test CA',
  );
  run(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'srv.key',
    '-out',
    'srv.csr',
    '-subj',
    `/CN=${names[0]}`,
  );
  const san = names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  writeFileSync(join(dir, 'ext'), `subjectAltName=${san}\n`);
  run(
    'x509',
    '-req',
    '-in',
    'srv.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'srv.pem',
    '-days',
    '2',
    '-extfile',
    'ext',
  );
  return {
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    keyPem: readFileSync(join(dir, 'srv.key'), 'utf8'),
    certPem: readFileSync(join(dir, 'srv.pem'), 'utf8'),
  };
}

/** A TLS-terminating proxy on 127.0.0.1 in front of the node's plain HTTP port. */
export async function startTlsProxy(
  upstreamPort: number,
  keyPem: string,
  certPem: string,
): Promise<{ port: number; close(): void }> {
  const server = createTlsServer({ key: keyPem, cert: certPem }, (socket) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
  return { port, close: () => void server.close() };
}

/**
 * A loopback double of the two services `@actions/artifact` talks to (the Twirp results service
 * and the blob store), keeping every byte uploaded, and the environment that points a run at it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ArtifactService {
  env: Record<string, string>;
  /** Names the runs asked to create. */
  created: string[];
  /** The uploaded zips' member files, unpacked (name -> content). */
  files(): Record<string, Buffer>;
  close(): Promise<void>;
}

function body(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export async function startArtifactService(): Promise<ArtifactService> {
  const created: string[] = [];
  const blobs = new Map<string, Buffer[]>();
  const server = createServer(async (request, response) => {
    const data = await body(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/twirp/')) {
      const method = url.pathname.split('/').at(-1)!;
      const input = JSON.parse(data.toString() || '{}') as { name?: string };
      if (method === 'CreateArtifact') created.push(input.name ?? '');
      const port = (server.address() as AddressInfo).port;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify(
          method === 'CreateArtifact'
            ? { ok: true, signedUploadUrl: `http://127.0.0.1:${port}/blob/${created.length}?sig=test` }
            : { ok: true, artifactId: String(created.length) },
        ),
      );
      return;
    }
    if (url.pathname.startsWith('/blob/') && request.method === 'PUT') {
      if (url.searchParams.get('comp') !== 'blocklist') {
        const list = blobs.get(url.pathname) ?? [];
        list.push(data);
        blobs.set(url.pathname, list);
      }
      response.statusCode = 201;
      response.setHeader('etag', '"1"');
      response.setHeader('last-modified', new Date().toUTCString());
      response.end();
      return;
    }
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const token = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return {
    env: {
      ACTIONS_RUNTIME_TOKEN: `${token({ alg: 'none' })}.${token({ scp: 'Actions.Results:run-1:job-1' })}.sig`,
      ACTIONS_RESULTS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    },
    created,
    files: () => {
      const out: Record<string, Buffer> = {};
      const dir = mkdtempSync(join(tmpdir(), 'gwops-artifacts-'));
      try {
        for (const [path, parts] of blobs) {
          const zip = join(dir, 'a.zip');
          writeFileSync(zip, Buffer.concat(parts));
          out[`${path}.zip`] = Buffer.concat(parts);
          // The zip itself is deflated: read its members too.
          const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
          for (const name of names) out[`${path}/${name}`] = execFileSync('unzip', ['-p', zip, name]);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return out;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

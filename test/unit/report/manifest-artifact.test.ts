import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadManifestIfAsked } from '../../../src/commands/snapshot-report.js';
import type { Log } from '../../../src/shared/report/log.js';
import { defaultArtifactUpload } from '../../../src/shared/report/manifest-artifact.js';
import type { Settings } from '../../../src/shared/settings/index.js';
import { buildManifest, serializeManifest } from '../../../src/shared/snapshot/index.js';

/**
 * The real @actions/artifact client against a loopback double of the two services it talks to:
 * the results service (Twirp: CreateArtifact, FinalizeArtifact) and the blob store it is sent to.
 */
interface Seen {
  twirp: { method: string; body: Record<string, unknown> }[];
  blob: Buffer[];
}

function body(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

const manifest = buildManifest({
  gatewayOpsVersion: 'test',
  runId: 'artifact',
  host: 'deploy@prod:22',
  date: '2026-12-01',
  timezone: 'UTC',
  createdAt: new Date('2026-12-01T03:00:00Z'),
  completedAt: new Date('2026-12-01T03:10:00Z'),
  components: [
    {
      name: 'secrets',
      verdict: 'passed',
      durationMs: 12,
      details: { files: 3, bytes: 120 },
      files: [
        {
          path: 'secrets/secrets.tar.age',
          size: 900,
          sha256: 'a'.repeat(64),
          compression: 'none',
          component: 'secrets',
        },
      ],
    },
  ],
});

const log: Log & { warnings: string[] } = {
  warnings: [],
  info() {},
  warn(message) {
    log.warnings.push(message);
  },
  error() {},
  debug() {},
  setSecret() {},
  group: (_t, b) => b(),
};

describe('upload-manifest with the real @actions/artifact client', () => {
  let server: Server;
  const seen: Seen = { twirp: [], blob: [] };
  const saved = { ...process.env };
  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const data = await body(request);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/twirp/')) {
        const method = url.pathname.split('/').at(-1)!;
        seen.twirp.push({ method, body: JSON.parse(data.toString()) });
        response.setHeader('content-type', 'application/json');
        const port = (server.address() as AddressInfo).port;
        response.end(
          JSON.stringify(
            method === 'CreateArtifact'
              ? { ok: true, signedUploadUrl: `http://127.0.0.1:${port}/blob/artifact?sig=test` }
              : { ok: true, artifactId: '4242' },
          ),
        );
        return;
      }
      if (url.pathname.startsWith('/blob/') && request.method === 'PUT') {
        if (url.searchParams.get('comp') !== 'blocklist') seen.blob.push(data);
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
    process.env['ACTIONS_RUNTIME_TOKEN'] =
      `${token({ alg: 'none' })}.${token({ scp: 'Actions.Results:run-1:job-1' })}.sig`;
    process.env['ACTIONS_RESULTS_URL'] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => server.close(resolve));
  });

  it('uploads a zip holding manifest.json and nothing else, named after the snapshot', async () => {
    const settings = { 'upload-manifest': true } as Settings;
    const lines = await uploadManifestIfAsked(
      settings,
      'action',
      manifest,
      '2026-12-01',
      log,
      defaultArtifactUpload,
    );
    expect(log.warnings).toEqual([]);
    expect(lines).toEqual([
      'Uploaded manifest.json (only it) as the artifact gateway-ops-manifest-2026-12-01 (id 4242).',
    ]);
    expect(seen.twirp.map((t) => t.method)).toEqual(['CreateArtifact', 'FinalizeArtifact']);
    expect(seen.twirp[0]!.body).toMatchObject({ name: 'gateway-ops-manifest-2026-12-01' });
    const zip = Buffer.concat(seen.blob);
    const listing = execFileSync(
      'python3',
      [
        '-c',
        'import sys,zipfile,io; z=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())); print("\\n".join(z.namelist())); sys.stdout.write(z.read("manifest.json").decode())',
      ],
      { input: zip, encoding: 'utf8' },
    );
    const [names, ...rest] = listing.split('\n');
    expect(names).toBe('manifest.json');
    expect(rest.join('\n')).toBe(serializeManifest(manifest));
  });

  it('does nothing unless asked, and never from the CLI', async () => {
    const before = seen.twirp.length;
    expect(
      await uploadManifestIfAsked({ 'upload-manifest': false } as Settings, 'action', manifest, 'x', log),
    ).toEqual([]);
    expect(
      await uploadManifestIfAsked({ 'upload-manifest': true } as Settings, 'cli', manifest, 'x', log),
    ).toEqual([]);
    expect(seen.twirp.length).toBe(before);
  });

  it('reports a failed upload as a warning and a line, without throwing', async () => {
    const url = process.env['ACTIONS_RESULTS_URL'];
    delete process.env['ACTIONS_RESULTS_URL'];
    try {
      const lines = await uploadManifestIfAsked(
        { 'upload-manifest': true } as Settings,
        'action',
        manifest,
        'y',
        log,
      );
      expect(lines[0]).toMatch(/^Manifest upload failed: Unable to get the ACTIONS_RESULTS_URL env variable/);
      expect(log.warnings[0]).toMatch(/Could not upload manifest\.json as an artifact/);
    } finally {
      process.env['ACTIONS_RESULTS_URL'] = url;
    }
  });
});

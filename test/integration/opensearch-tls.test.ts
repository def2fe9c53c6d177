import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import {
  type AddressInfo,
  connect,
  createServer as createNetServer,
  type Server as NetServer,
} from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  connectThroughTunnel,
  createOpenSearchClient,
  ensureRepository,
  OpenSearchError,
} from '../../src/shared/opensearch/index.js';
import type { Tunnel } from '../../src/shared/remote/types.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import { captureLog, makeCertificates } from './opensearch-helpers.js';

let node: OpenSearchNode;
let dir: string;
let caPem: string;
let tlsPort: number;
let authPort: number;
const servers: (Server | NetServer)[] = [];
const seenAuthorization: string[] = [];
const USER = 'admin';
const PASSWORD = 'Corr3ct-Horse-Battery!';

const listen = (server: Server | NetServer) =>
  new Promise<number>((resolve) => {
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

beforeAll(async () => {
  node = await useOpenSearch(inject('bench')?.extensions?.['opensearch']);
  dir = mkdtempSync(join(tmpdir(), 'gwops-os-tls-'));
  const certs = makeCertificates(dir, ['opensearch.test']);
  caPem = certs.caPem;

  // TLS in front of the real node.
  tlsPort = await listen(
    createTlsServer({ key: certs.keyPem, cert: certs.certPem }, (socket) => {
      const upstream = connect(node.port, '127.0.0.1');
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
    }),
  );

  // Basic auth in front of the real node (stand-in for the security plugin).
  const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  authPort = await listen(
    createHttpServer((req, res) => {
      seenAuthorization.push(req.headers.authorization ?? '');
      if (req.headers.authorization !== expected) {
        res.writeHead(401, {
          'content-type': 'text/plain',
          'www-authenticate': 'Basic realm="OpenSearch Security"',
        });
        res.end('Unauthorized');
        return;
      }
      const upstream = request(
        { host: '127.0.0.1', port: node.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(upstream);
    }),
  );
});

afterAll(async () => {
  for (const s of servers) s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await node?.stop();
});

/** A stand-in for the SSH layer's forward(): a local port forwarded to the TLS proxy. */
function fakeRemote(seen: { host?: string; port?: number }) {
  return {
    async forward(host: string, port: number): Promise<Tunnel> {
      seen.host = host;
      seen.port = port;
      const server = createNetServer((socket) => {
        const upstream = connect(tlsPort, '127.0.0.1');
        socket.on('error', () => upstream.destroy());
        upstream.on('error', () => socket.destroy());
        socket.pipe(upstream).pipe(socket);
      });
      const localPort = await listen(server);
      return { localHost: '127.0.0.1', localPort, close: async () => void server.close() };
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<OpenSearchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenSearchError);
    return error as OpenSearchError;
  }
  throw new Error('expected a failure');
}

describe('TLS (real TLS in front of the real node)', () => {
  it('through the tunnel, verifies the certificate against the host name behind the tunnel', async () => {
    const seen: { host?: string; port?: number } = {};
    const log = captureLog();
    const os = await connectThroughTunnel(
      fakeRemote(seen),
      { url: 'https://opensearch.test:9200', ca: caPem },
      log,
    );
    try {
      expect(seen).toEqual({ host: 'opensearch.test', port: 9200 });
      const health = await os.client.cluster.health();
      expect(['green', 'yellow']).toContain((health.body as { status: string }).status);
      expect(os.endpoint).toBe('https://opensearch.test:9200 (through the SSH tunnel)');
      expect(log.lines).toEqual([]);
    } finally {
      await os.close();
    }
  });

  it('without the CA: a clear TLS error that says what to set', async () => {
    const os = createOpenSearchClient({
      url: `https://127.0.0.1:${tlsPort}`,
      tlsServerName: 'opensearch.test',
    });
    try {
      const error = await failure(
        ensureRepository(os.client, { repository: 'tls-r', location: '/x' }, captureLog()),
      );
      expect(error.code).toBe('tls');
      expect(error.message).toMatch(
        /TLS with .* failed: .*(UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify|self.signed|local issuer)/i,
      );
      expect(error.hint).toMatch(/opensearch-ca/);
    } finally {
      await os.close();
    }
  });

  it('a certificate for another name is refused even with the right CA', async () => {
    const os = createOpenSearchClient({
      url: `https://127.0.0.1:${tlsPort}`,
      ca: caPem,
      tlsServerName: 'other.test',
    });
    try {
      const error = await failure(
        ensureRepository(os.client, { repository: 'tls-r', location: '/x' }, captureLog()),
      );
      expect(error.code).toBe('tls');
      expect(error.message).toMatch(
        /ERR_TLS_CERT_ALTNAME_INVALID|does not match|not in the cert's altnames/i,
      );
    } finally {
      await os.close();
    }
  });

  it('insecure TLS works only when asked for, with a warning', async () => {
    const log = captureLog();
    const os = createOpenSearchClient({ url: `https://127.0.0.1:${tlsPort}`, insecureTls: true }, log);
    try {
      await os.client.cluster.health();
      expect(log.text()).toMatch(/warn: opensearch: TLS certificate verification is OFF/);
    } finally {
      await os.close();
    }
  });
});

describe('credentials (stand-in for the security plugin, real node behind it)', () => {
  it('are sent as Basic auth and work', async () => {
    const os = createOpenSearchClient({
      url: `http://127.0.0.1:${authPort}`,
      username: USER,
      password: PASSWORD,
    });
    try {
      await os.client.cluster.health();
      expect(seenAuthorization.at(-1)).toBe(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
    } finally {
      await os.close();
    }
  });

  it('wrong ones give a clear 401 message, and the password shows nowhere', async () => {
    const wrong = `${PASSWORD}-wrong`;
    const log = captureLog();
    const os = createOpenSearchClient(
      { url: `http://127.0.0.1:${authPort}`, username: USER, password: wrong },
      log,
    );
    try {
      const error = await failure(
        ensureRepository(os.client, { repository: 'auth-r', location: '/mnt/snapshots' }, log),
      );
      expect(error.code).toBe('auth');
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/rejected the credentials \(HTTP 401\)/);
      expect(error.hint).toMatch(/opensearch-password-variable/);
      const everything = [
        error.message,
        error.hint,
        JSON.stringify(error),
        String(error.stack),
        log.text(),
      ].join('\n');
      const basic = Buffer.from(`${USER}:${wrong}`).toString('base64');
      expect(everything).not.toContain(wrong);
      expect(everything).not.toContain(basic);
      expect(error.cause).toBeUndefined();
      expect(os.mask(`password=${wrong} header=Basic ${basic}`)).toBe('password=*** header=Basic ***');
    } finally {
      await os.close();
    }
  });

  it('are refused inside the URL', () => {
    expect(() => createOpenSearchClient({ url: `https://admin:${PASSWORD}@127.0.0.1:9200` })).toThrow(
      /credentials must not be part of the URL/,
    );
  });
});

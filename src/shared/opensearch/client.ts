/**
 * The official OpenSearch client, configured for operations that must not be repeated behind our
 * back: `maxRetries: 0` (a timed-out snapshot request that the client sent again would collide with
 * itself), explicit TLS (a CA, or an explicit and warned `insecureTls`), credentials kept out of the
 * URL and out of every message, and a tunnel-aware host name check.
 */
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { Client } from '@opensearch-project/opensearch';
import type { RemoteHost, Tunnel } from '../remote/types.js';
import { maskSecrets, registerTunnelEndpoint } from './errors.js';
import type { OpenSearchLog } from './types.js';

export interface OpenSearchConnectionOptions {
  /** The URL we connect to (for a tunnel: http(s)://127.0.0.1:<local port>). User info is not allowed. */
  url: string;
  username?: string;
  password?: string;
  /** PEM text of the CA(s) that signed the server certificate. */
  ca?: string;
  /** Skip certificate verification (unsafe; warned). */
  insecureTls?: boolean;
  /**
   * The host name the certificate must be valid for, when `url` is not the server's own name
   * (through a tunnel we connect to 127.0.0.1, the certificate names the OpenSearch host).
   */
  tlsServerName?: string;
  /** Per-request timeout; default 30 s. Long operations are never waited for in one request. */
  requestTimeoutMs?: number;
}

export interface OpenSearchConnection {
  readonly client: Client;
  /** Where we talk to, for messages (no user info). */
  readonly endpoint: string;
  /** The secrets to mask in anything printed. */
  readonly secrets: readonly string[];
  mask(text: string): string;
  close(): Promise<void>;
}

/** The options handed to the client, exported for tests of what is (and is not) configured. */
export function clientOptions(options: OpenSearchConnectionOptions): ConstructorParameters<typeof Client>[0] {
  const url = new URL(options.url);
  if (url.username || url.password) {
    throw new Error('opensearch: credentials must not be part of the URL (they would show in messages)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`opensearch: URL must be http:// or https://, got ${url.protocol}`);
  }
  const base: NonNullable<ConstructorParameters<typeof Client>[0]> = {
    node: url.toString(),
    maxRetries: 0,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    sniffOnStart: false,
    sniffOnConnectionFault: false,
    sniffInterval: false,
    compression: undefined,
    // Big responses (GET _snapshot/<repo>/_all) must not be refused by the default breaker.
    memoryCircuitBreaker: { enabled: false, maxPercentage: 1 },
  };
  if (options.username !== undefined || options.password !== undefined) {
    base.auth = { username: options.username ?? '', password: options.password ?? '' };
  }
  if (url.protocol === 'https:') {
    const serverName = options.tlsServerName;
    base.ssl = {
      rejectUnauthorized: !options.insecureTls,
      ...(options.ca ? { ca: options.ca } : {}),
      ...(serverName && !isIP(serverName) ? { servername: serverName } : {}),
      ...(serverName
        ? {
            checkServerIdentity: (_host: string, cert: PeerCertificate) =>
              checkServerIdentity(serverName, cert),
          }
        : {}),
    };
  }
  return base;
}

export function createOpenSearchClient(
  options: OpenSearchConnectionOptions,
  log?: OpenSearchLog,
): OpenSearchConnection {
  const url = new URL(options.url);
  if (url.protocol === 'https:' && options.insecureTls) {
    log?.warn(
      `opensearch: TLS certificate verification is OFF for ${url.host} (opensearch-insecure-tls: true); anyone on the path could read the credentials`,
    );
  }
  if (url.protocol === 'http:' && options.password) {
    log?.warn(`opensearch: credentials are sent over plain http to ${url.host}`);
  }
  const client = new Client(clientOptions(options));
  const secrets = options.password
    ? [options.password, `${options.username ?? ''}:${options.password}`]
    : ([] as string[]);
  const endpoint = `${url.protocol}//${options.tlsServerName ? `${options.tlsServerName} (via ${url.host})` : url.host}`;
  return {
    client,
    endpoint,
    secrets,
    mask: (text) => maskSecrets(text, secrets),
    close: () => client.close(),
  };
}

export interface RemoteOpenSearchOptions extends Omit<OpenSearchConnectionOptions, 'url' | 'tlsServerName'> {
  /** OpenSearch URL as seen from the SSH host, e.g. https://172.18.0.3:9200. */
  url: string;
}

/**
 * Reach OpenSearch through an SSH tunnel: forward a local port to the URL's host:port as seen from
 * the SSH host, and check the certificate against that host's name, not 127.0.0.1.
 */
export async function connectThroughTunnel(
  remote: Pick<RemoteHost, 'forward'>,
  options: RemoteOpenSearchOptions,
  log?: OpenSearchLog,
): Promise<OpenSearchConnection & { tunnel: Tunnel }> {
  const target = new URL(options.url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const tunnel = await remote.forward(host, port);
  const local = `${target.protocol}//127.0.0.1:${tunnel.localPort}`;
  let connection: OpenSearchConnection;
  try {
    connection = createOpenSearchClient(
      { ...options, url: local, ...(target.protocol === 'https:' ? { tlsServerName: host } : {}) },
      log,
    );
  } catch (error) {
    await tunnel.close();
    throw error;
  }
  const endpoint = `${target.protocol}//${target.host} (through the SSH tunnel)`;
  const forget = registerTunnelEndpoint(`127.0.0.1:${tunnel.localPort}`, endpoint);
  return {
    ...connection,
    endpoint,
    tunnel,
    async close() {
      try {
        await connection.close();
      } finally {
        forget();
        await tunnel.close();
      }
    },
  };
}

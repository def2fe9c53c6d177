/**
 * OpenSearch failures turned into messages an operator can act on. A client error object is never
 * passed on as it is: its `meta` holds the request headers (the Authorization header included),
 * so anything that serialised it would print the credentials. Messages are built from the status,
 * the error type and reason, and the URL without user info, then masked.
 */

import { OperationError } from '../errors.js';
import { settingRef } from '../setting-ref.js';

export type OpenSearchErrorCode =
  | 'auth'
  | 'forbidden'
  | 'tls'
  | 'connection'
  | 'request-timeout'
  | 'repository-path-repo-unset'
  | 'repository-outside-path-repo'
  | 'repository-not-writable'
  | 'repository'
  | 'concurrent-snapshot'
  | 'snapshot-failed'
  | 'snapshot-timeout'
  | 'index-missing'
  | 'restore'
  | 'restore-mismatch'
  | 'api';

export class OpenSearchError extends OperationError {
  override readonly name = 'OpenSearchError';
  readonly code: OpenSearchErrorCode;
  readonly status: number | undefined;
  /** What was known when it failed (JSON-serialisable), e.g. a snapshot's failed verdict. */
  readonly details: Record<string, unknown> | undefined;
  constructor(
    code: OpenSearchErrorCode,
    message: string,
    options: { hint?: string; status?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.hint === undefined ? {} : { hint: options.hint });
    this.code = code;
    this.status = options.status;
    this.details = options.details;
  }
}

/**
 * Replace every secret (and its URL-encoded and base64 forms) in `text` by '***'. Pass
 * `user:password` as a secret too, so that a Basic header is masked whole.
 */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  const forms = new Set<string>();
  const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 3);
  for (const s of values) {
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(Buffer.from(s).toString('base64'));
  }
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('***');
  return out;
}

interface ClientErrorShape {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  body?: unknown;
  meta?: { statusCode?: number | null; body?: unknown; meta?: { connection?: { url?: URL } } };
}

interface OpenSearchErrorBody {
  error?:
    | string
    | {
        type?: string;
        reason?: string;
        root_cause?: { type?: string; reason?: string }[];
        caused_by?: { type?: string; reason?: string; caused_by?: unknown };
      };
  status?: number;
}

const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|Hostname\/IP does not match|certificate|ERR_SSL|EPROTO|wrong version number/i;

/** `type: reason` of an OpenSearch error body, with its causes. */
export function errorBodyText(body: unknown): { type: string; text: string } {
  const b = (typeof body === 'string' ? safeJson(body) : body) as OpenSearchErrorBody | undefined;
  const error = b?.error;
  if (!error) return { type: '', text: typeof body === 'string' ? body.slice(0, 500) : '' };
  if (typeof error === 'string') return { type: '', text: error };
  const parts: string[] = [];
  const seen = new Set<string>();
  const add = (t?: string, r?: string) => {
    const s = `${t ?? 'error'}: ${r ?? ''}`.trim();
    if (!seen.has(s)) {
      seen.add(s);
      parts.push(s);
    }
  };
  add(error.type, error.reason);
  let cause = error.caused_by as { type?: string; reason?: string; caused_by?: unknown } | undefined;
  for (let depth = 0; cause && depth < 5; depth++) {
    add(cause.type, cause.reason);
    cause = cause.caused_by as typeof cause;
  }
  for (const root of error.root_cause ?? []) add(root.type, root.reason);
  return { type: error.type ?? '', text: parts.join('; caused by ') };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Local tunnel addresses (`127.0.0.1:41234`) and the address the user configured that each
 * stands for: messages name what the user wrote, never the tunnel's random port.
 */
const TUNNELS = new Map<string, string>();

/** Called when a tunnel opens; the returned function forgets it when the tunnel closes. */
export function registerTunnelEndpoint(localHost: string, configured: string): () => void {
  TUNNELS.set(localHost, configured);
  return () => {
    if (TUNNELS.get(localHost) === configured) TUNNELS.delete(localHost);
  };
}

/** Replaces every local tunnel address in a message by the configured address. */
export function configuredAddresses(text: string): string {
  let out = text;
  for (const [local, configured] of TUNNELS) {
    out = out.split(`https://${local}`).join(configured).split(`http://${local}`).join(configured);
    out = out.split(local).join(configured);
  }
  return out;
}

/** The endpoint of a client error, without user info. */
function where(error: ClientErrorShape, fallback: string): string {
  const url = error.meta?.meta?.connection?.url;
  if (url instanceof URL) return configuredAddresses(`${url.protocol}//${url.host}`);
  return fallback;
}

/**
 * Turn anything the client threw into an OpenSearchError with a clear message. `doing` says what
 * was attempted ('registering repository my-fs-repository').
 */
export function describeOpenSearchError(
  error: unknown,
  doing: string,
  context: { endpoint?: string; secrets?: readonly (string | undefined)[] } = {},
): OpenSearchError {
  if (error instanceof OpenSearchError) return error;
  const e = (error ?? {}) as ClientErrorShape;
  const endpoint = where(e, context.endpoint ?? 'OpenSearch');
  const mask = (s: string) => configuredAddresses(maskSecrets(s, context.secrets ?? []));
  const status = e.meta?.statusCode ?? e.statusCode ?? undefined;
  const name = e.name ?? '';

  if (name === 'ResponseError' || typeof status === 'number') {
    const { type, text } = errorBodyText(e.meta?.body ?? e.body);
    const detail = mask(text || e.message || 'no details');
    if (status === 401) {
      return new OpenSearchError(
        'auth',
        `${doing}: OpenSearch at ${endpoint} rejected the credentials (HTTP 401)`,
        {
          status,
          hint: `Check the user and password variables read from the OpenSearch container's environment (${settingRef('opensearch-user-variable')}, ${settingRef('opensearch-password-variable')}).`,
        },
      );
    }
    if (status === 403) {
      return new OpenSearchError(
        'forbidden',
        `${doing}: the OpenSearch user is not allowed to (HTTP 403): ${detail}`,
        {
          status,
          hint: 'The user needs the cluster permissions for snapshots (cluster:admin/snapshot/*, cluster:admin/repository/*) and to read the indices.',
        },
      );
    }
    if (status === 503 && /concurrent_snapshot_execution_exception/.test(type + detail)) {
      return new OpenSearchError(
        'concurrent-snapshot',
        `${doing}: another snapshot operation is running on the cluster (HTTP 503): ${detail}`,
        {
          status,
          hint: 'Wait for it to finish (GET _snapshot/_status lists running snapshots) and run again; this run did not start a second one.',
        },
      );
    }
    return new OpenSearchError('api', `${doing}: OpenSearch answered HTTP ${status ?? '?'}: ${detail}`, {
      ...(status === undefined ? {} : { status }),
    });
  }

  const message = mask(`${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`);
  if (name === 'TimeoutError') {
    return new OpenSearchError(
      'request-timeout',
      `${doing}: the request to ${endpoint} timed out (${message})`,
      {
        hint: 'OpenSearch did not answer in time; check its load and the SSH tunnel.',
      },
    );
  }
  if (TLS_CODES.test(message)) {
    return new OpenSearchError('tls', `${doing}: TLS with ${endpoint} failed: ${message}`, {
      hint: `Set ${settingRef('opensearch-ca')} to the PEM of the CA that signed OpenSearch's certificate (or, knowingly, ${settingRef('opensearch-insecure-tls', true)}); an http:// URL against an https port, or the reverse, fails the same way.`,
    });
  }
  if (
    name === 'ConnectionError' ||
    /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|socket hang up/.test(message)
  ) {
    return new OpenSearchError('connection', `${doing}: cannot reach OpenSearch at ${endpoint}: ${message}`, {
      hint: `Is the OpenSearch container running, and is ${settingRef('opensearch-url')} right as seen from the SSH host?`,
    });
  }
  return new OpenSearchError('api', `${doing}: ${message}`);
}

import { describe, expect, it } from 'vitest';
import { clientOptions } from '../../../src/shared/opensearch/client.js';
import { discoverOpenSearch, parseContainerAddress } from '../../../src/shared/opensearch/discover.js';
import {
  describeOpenSearchError,
  maskSecrets,
  OpenSearchError,
} from '../../../src/shared/opensearch/errors.js';
import { explainRepositoryFailure } from '../../../src/shared/opensearch/repository.js';
import { RemoteCommandError } from '../../../src/shared/remote/errors.js';
import type { RemoteHost } from '../../../src/shared/remote/types.js';

const responseError = (statusCode: number, body: unknown) => ({
  name: 'ResponseError',
  message: 'x',
  meta: { statusCode, body, meta: { connection: { url: new URL('http://127.0.0.1:9200/') } } },
});

describe('describeOpenSearchError', () => {
  it('401: credentials, with the setting names to check', () => {
    const e = describeOpenSearchError(responseError(401, 'Unauthorized'), 'verifying repository r');
    expect(e.code).toBe('auth');
    expect(e.message).toBe(
      'verifying repository r: OpenSearch at http://127.0.0.1:9200 rejected the credentials (HTTP 401)',
    );
  });

  it('503 concurrent snapshot', () => {
    const e = describeOpenSearchError(
      responseError(503, {
        error: {
          type: 'concurrent_snapshot_execution_exception',
          reason: '[r:s] Cannot start another operation, already running [1] operations',
        },
        status: 503,
      }),
      'creating snapshot s',
    );
    expect(e.code).toBe('concurrent-snapshot');
    expect(e.status).toBe(503);
    expect(e.message).toMatch(/another snapshot operation is running .*Cannot start another operation/);
  });

  it('TLS and connection failures', () => {
    const tls = describeOpenSearchError(
      {
        name: 'ConnectionError',
        message: 'unable to verify the first certificate',
        code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      },
      'x',
    );
    expect(tls.code).toBe('tls');
    expect(tls.hint).toMatch(/opensearch-ca/);
    expect(
      describeOpenSearchError({ name: 'ConnectionError', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'x')
        .code,
    ).toBe('connection');
    expect(describeOpenSearchError({ name: 'TimeoutError', message: 'Request timed out' }, 'x').code).toBe(
      'request-timeout',
    );
  });

  it('error bodies with causes; secrets masked; already described errors pass through', () => {
    const e = describeOpenSearchError(
      responseError(500, {
        error: {
          type: 'repository_exception',
          reason: 'failed',
          caused_by: { type: 'io', reason: 'pw=hunter22' },
        },
      }),
      'doing',
      { secrets: ['hunter22'] },
    );
    expect(e.message).toBe(
      'doing: OpenSearch answered HTTP 500: repository_exception: failed; caused by io: pw=***',
    );
    const mine = new OpenSearchError('restore', 'm');
    expect(describeOpenSearchError(mine, 'x')).toBe(mine);
  });
});

describe('maskSecrets', () => {
  it('masks raw, URL-encoded and base64 forms, the longest first', () => {
    const pw = 'p@ss word/1';
    const basic = Buffer.from(`admin:${pw}`).toString('base64');
    expect(maskSecrets(`a ${pw} b ${encodeURIComponent(pw)} c Basic ${basic}`, [pw, `admin:${pw}`])).toBe(
      'a *** b *** c Basic ***',
    );
    expect(maskSecrets('nothing', [undefined, ''])).toBe('nothing');
  });
});

describe('explainRepositoryFailure', () => {
  it.each([
    [
      "[r] location [/mnt/snapshots] doesn't match any of the locations specified by path.repo because this setting is empty",
      'repository-path-repo-unset',
    ],
    [
      "[r] location [/x] doesn't match any of the locations specified by path.repo",
      'repository-outside-path-repo',
    ],
    [
      'repository_verification_exception: [r] [/mnt/snapshots] is not accessible on cluster-manager node; caused by access_denied_exception: /mnt/snapshots/tests-x',
      'repository-not-writable',
    ],
    ['something else', 'repository'],
  ])('%s -> %s', (text, code) => {
    expect(explainRepositoryFailure('r', '/mnt/snapshots', text).code).toBe(code);
  });
});

describe('clientOptions', () => {
  it('never retries, keeps credentials out of the URL, verifies TLS by default', () => {
    const o = clientOptions({
      url: 'https://127.0.0.1:4000',
      username: 'admin',
      password: 'pw',
      ca: 'PEM',
      tlsServerName: 'opensearch.test',
    })!;
    expect(o.maxRetries).toBe(0);
    expect(o.requestTimeout).toBe(30_000);
    expect(o.node).toBe('https://127.0.0.1:4000/');
    expect(o.auth).toEqual({ username: 'admin', password: 'pw' });
    expect(o.ssl).toMatchObject({ rejectUnauthorized: true, ca: 'PEM', servername: 'opensearch.test' });
    expect(typeof o.ssl?.checkServerIdentity).toBe('function');
    const insecure = clientOptions({
      url: 'https://10.0.0.5:9200',
      insecureTls: true,
      tlsServerName: '10.0.0.5',
    })!;
    expect(insecure.ssl?.rejectUnauthorized).toBe(false);
    expect(insecure.ssl?.servername).toBeUndefined(); // SNI takes no IP address
    expect(clientOptions({ url: 'http://127.0.0.1:9200' })!.ssl).toBeUndefined();
    expect(() => clientOptions({ url: 'ftp://x' })).toThrow(/http/);
  });
});

describe('discoverOpenSearch', () => {
  const fakeRemote = (env: Record<string, string>, inspect = '172.18.0.3 \n') => {
    const calls: string[][] = [];
    return {
      description: 'test@host:22',
      calls,
      async run(argv: readonly string[]) {
        calls.push([...argv]);
        if (argv[1] === 'inspect') return { exitCode: 0 as const, stdout: inspect, stderrTail: '' };
        const value = env[argv.at(-1)!];
        if (value === undefined) {
          throw new RemoteCommandError({
            command: 'printenv',
            host: 'h',
            failure: 'exit-status',
            exitCode: 1,
          });
        }
        return { exitCode: 0 as const, stdout: `${value}\n`, stderrTail: '' };
      },
    };
  };

  it('reads the address with docker inspect (exact name) and the credentials with docker exec -i printenv', async () => {
    const remote = fakeRemote({
      OPENSEARCH_ADMIN_USER: 'admin',
      OPENSEARCH_INITIAL_ADMIN_PASSWORD: 's3cret',
    });
    const secrets: string[] = [];
    const found = await discoverOpenSearch(remote as unknown as RemoteHost, {
      container: 'sds-gateway-prod-opensearch',
      userVariable: 'OPENSEARCH_ADMIN_USER',
      passwordVariable: 'OPENSEARCH_INITIAL_ADMIN_PASSWORD',
      onSecret: (s) => secrets.push(s),
    });
    expect(found).toEqual({ url: 'https://172.18.0.3:9200', username: 'admin', password: 's3cret' });
    expect(secrets).toEqual(['s3cret']);
    expect(remote.calls[0]).toEqual([
      'docker',
      'inspect',
      '--type',
      'container',
      '--format',
      '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
      'sds-gateway-prod-opensearch',
    ]);
    expect(remote.calls[2]).toEqual([
      'docker',
      'exec',
      '-i',
      'sds-gateway-prod-opensearch',
      'printenv',
      'OPENSEARCH_INITIAL_ADMIN_PASSWORD',
    ]);
    expect(remote.calls.flat().join(' ')).not.toContain('s3cret');
  });

  it('uses opensearch-url when set, and says which variable is missing', async () => {
    const remote = fakeRemote({ U: 'admin' });
    const error = await discoverOpenSearch(remote as unknown as RemoteHost, {
      container: 'c',
      url: 'https://opensearch:9200',
      userVariable: 'U',
      passwordVariable: 'P',
    }).catch((e: unknown) => e as OpenSearchError);
    expect(remote.calls.some((c) => c[1] === 'inspect')).toBe(false);
    expect((error as OpenSearchError).message).toBe('the OpenSearch container c has no P in its environment');
  });

  it('parses docker inspect output', () => {
    expect(parseContainerAddress(' 172.18.0.3 10.0.0.2 ')).toBe('172.18.0.3');
    expect(parseContainerAddress('  ')).toBeUndefined();
  });
});

describe('OpenSearch messages name the configured address, not the tunnel', () => {
  it('a refused connection through a tunnel shows the URL the user set', async () => {
    const { registerTunnelEndpoint } = await import('../../../src/shared/opensearch/errors.js');
    const forget = registerTunnelEndpoint(
      '127.0.0.1:41234',
      'https://172.18.0.3:9200 (through the SSH tunnel)',
    );
    try {
      const e = describeOpenSearchError(
        {
          name: 'ConnectionError',
          message: 'connect ECONNREFUSED 127.0.0.1:41234',
          meta: { meta: { connection: { url: new URL('https://127.0.0.1:41234/') } } },
        },
        'verifying repository r',
      );
      expect(e.message).toContain('https://172.18.0.3:9200');
      expect(e.message).not.toContain('41234');
      const auth = describeOpenSearchError(
        {
          ...responseError(401, 'x'),
          meta: {
            statusCode: 401,
            body: 'x',
            meta: { connection: { url: new URL('https://127.0.0.1:41234/') } },
          },
        },
        'creating snapshot s',
      );
      expect(auth.message).toContain(
        'OpenSearch at https://172.18.0.3:9200 (through the SSH tunnel) rejected',
      );
    } finally {
      forget();
    }
  });
});

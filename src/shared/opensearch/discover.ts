/**
 * Where OpenSearch is and how to log in, read from the container on the SSH host: the URL from
 * `docker inspect` (exact container name, never a substring match) unless `opensearch-url` is set,
 * and the credentials from the container's environment (the remote room's `readContainerEnv`: `printenv`
 * through `docker exec -i`, so the password never appears on a command line or in the process list).
 */

import { readContainerEnv } from '../remote/index.js';
import type { RemoteHost } from '../remote/types.js';
import { settingRef } from '../setting-ref.js';
import { OpenSearchError } from './errors.js';

export interface DiscoverOptions {
  container: string;
  /** opensearch-url; when absent: https://<container address>:9200. */
  url?: string;
  userVariable: string;
  passwordVariable: string;
  /** Called with every secret as soon as it is read (core.setSecret in the actions). */
  onSecret?: (secret: string) => void;
}

export interface DiscoveredOpenSearch {
  url: string;
  username: string;
  password: string;
}

/** The first IP address in `docker inspect` output of `{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}`. */
export function parseContainerAddress(output: string): string | undefined {
  return output
    .split(/\s+/)
    .map((s) => s.trim())
    .find((s) => /^[0-9a-f.:]+$/i.test(s) && s.length > 0);
}

export async function discoverOpenSearch(
  remote: RemoteHost,
  options: DiscoverOptions,
): Promise<DiscoveredOpenSearch> {
  let url = options.url;
  if (!url) {
    let output = '';
    try {
      ({ stdout: output } = await remote.run(
        [
          'docker',
          'inspect',
          '--type',
          'container',
          '--format',
          '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
          options.container,
        ],
        { timeoutMs: 30_000 },
      ));
    } catch (error) {
      throw new OpenSearchError(
        'connection',
        `cannot inspect the OpenSearch container ${options.container}: ${error instanceof Error ? error.message : String(error)}`,
        {
          hint: `Check ${settingRef('opensearch-container')} (an exact container name) and that it is running.`,
        },
      );
    }
    const address = parseContainerAddress(output);
    if (!address) {
      throw new OpenSearchError(
        'connection',
        `the OpenSearch container ${options.container} has no network address`,
        {
          hint: `Set ${settingRef('opensearch-url')} to the URL OpenSearch answers on, as seen from the SSH host.`,
        },
      );
    }
    url = `https://${address.includes(':') ? `[${address}]` : address}:9200`;
  }
  const env = await readContainerEnv(remote, { kind: 'docker', container: options.container }, [
    options.userVariable,
    options.passwordVariable,
  ]);
  const username = env[options.userVariable];
  const password = env[options.passwordVariable];
  if (password) options.onSecret?.(password);
  for (const [name, value] of [
    [options.userVariable, username],
    [options.passwordVariable, password],
  ] as const) {
    if (!value) {
      throw new OpenSearchError(
        'auth',
        `the OpenSearch container ${options.container} has no ${name} in its environment`,
        {
          hint: `Set ${settingRef('opensearch-user-variable')} / ${settingRef('opensearch-password-variable')} to the names the container uses.`,
        },
      );
    }
  }
  return { url, username: username!, password: password! };
}

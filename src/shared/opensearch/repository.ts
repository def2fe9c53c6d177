/**
 * The snapshot repository: registered when missing (type fs), then checked with
 * `POST _snapshot/<repo>/_verify`, the only check that proves the nodes can write there.
 */

import type { Client } from '@opensearch-project/opensearch';
import { settingRef } from '../setting-ref.js';
import { describeOpenSearchError, errorBodyText, OpenSearchError } from './errors.js';
import type { OpenSearchLog } from './types.js';

export interface RepositoryOptions {
  repository: string;
  /** The location inside the OpenSearch container/node; must be under its `path.repo`. */
  location: string;
  /** Register when missing (default true). */
  register?: boolean;
}

export interface RepositoryState {
  repository: string;
  type: string;
  location: string;
  registered: boolean;
  verifiedNodes: string[];
}

const NOT_WRITABLE =
  /AccessDenied|access_denied|Permission denied|not writable|read-only file system|ReadOnlyFileSystem/i;
const PATH_REPO_EMPTY =
  /path\.repo.*(empty|not set)|doesn't have any configured locations|location .* doesn't match any .* because this setting is empty/i;
const OUTSIDE = /doesn't match any of the locations specified by path\.repo/i;

/** Map a repository failure to one of the usual causes, with what to do. */
export function explainRepositoryFailure(
  repository: string,
  location: string,
  text: string,
  status?: number,
): OpenSearchError {
  const extra = status === undefined ? {} : { status };
  if (PATH_REPO_EMPTY.test(text)) {
    return new OpenSearchError(
      'repository-path-repo-unset',
      `snapshot repository '${repository}': OpenSearch has no path.repo, so no fs repository can be registered (${text})`,
      {
        ...extra,
        hint: `Set path.repo to include ${location} in opensearch.yml (or the environment variable path.repo=${location}) on every node, mount a host directory there, and restart OpenSearch.`,
      },
    );
  }
  if (OUTSIDE.test(text)) {
    return new OpenSearchError(
      'repository-outside-path-repo',
      `snapshot repository '${repository}': location ${location} is outside OpenSearch's path.repo (${text})`,
      {
        ...extra,
        hint: `Either set ${settingRef('snapshot-location')} to a directory under the node's path.repo, or add ${location} to path.repo on every node and restart it.`,
      },
    );
  }
  if (NOT_WRITABLE.test(text)) {
    return new OpenSearchError(
      'repository-not-writable',
      `snapshot repository '${repository}': OpenSearch cannot write to ${location} (${text})`,
      {
        ...extra,
        hint: `The directory must exist in the container and belong to the user OpenSearch runs as (uid 1000 in the official image): e.g. chown -R 1000:1000 on the host directory mounted at ${location}.`,
      },
    );
  }
  return new OpenSearchError(
    'repository',
    `snapshot repository '${repository}' at ${location} is not usable: ${text}`,
    {
      ...extra,
      hint: 'POST _snapshot/<repository>/_verify on the node shows the same error.',
    },
  );
}

function repositoryError(
  error: unknown,
  repository: string,
  location: string,
  doing: string,
): OpenSearchError {
  const e = error as { meta?: { statusCode?: number; body?: unknown }; name?: string };
  if (e?.name === 'ResponseError' && e.meta && e.meta.statusCode !== 401 && e.meta.statusCode !== 403) {
    const { text } = errorBodyText(e.meta.body);
    return explainRepositoryFailure(repository, location, text, e.meta.statusCode ?? undefined);
  }
  return describeOpenSearchError(error, doing);
}

export async function ensureRepository(
  client: Client,
  options: RepositoryOptions,
  log: OpenSearchLog,
): Promise<RepositoryState> {
  const { repository, location } = options;
  let registered = false;
  let type = 'fs';
  let actualLocation = location;

  const existing = await client.snapshot
    .getRepository({ repository }, { ignore: [404] })
    .catch((error: unknown) => {
      throw describeOpenSearchError(error, `reading snapshot repository '${repository}'`);
    });
  const found =
    existing.statusCode === 404
      ? undefined
      : (existing.body as Record<string, { type?: string; settings?: { location?: string } }>)[repository];

  if (!found) {
    if (options.register === false) {
      throw new OpenSearchError('repository', `snapshot repository '${repository}' is not registered`, {
        hint: `Register it (PUT _snapshot/${repository} with type fs and location ${location}) or allow registration.`,
      });
    }
    log.info(`opensearch: registering snapshot repository '${repository}' (fs, ${location})`);
    try {
      await client.snapshot.createRepository(
        { repository, body: { type: 'fs', settings: { location } } },
        { requestTimeout: 60_000 },
      );
    } catch (error) {
      throw repositoryError(error, repository, location, `registering snapshot repository '${repository}'`);
    }
    registered = true;
  } else {
    type = found.type ?? 'unknown';
    actualLocation = found.settings?.location ?? '';
    if (type === 'fs' && actualLocation && actualLocation !== location) {
      log.warn(
        `opensearch: repository '${repository}' is registered at ${actualLocation}, not at snapshot-location ${location}; using it as registered`,
      );
    }
  }

  let verifiedNodes: string[] = [];
  try {
    const verify = await client.snapshot.verifyRepository({ repository }, { requestTimeout: 60_000 });
    const nodes = (verify.body as { nodes?: Record<string, { name?: string }> }).nodes ?? {};
    verifiedNodes = Object.values(nodes).map((n) => n.name ?? '?');
  } catch (error) {
    throw repositoryError(
      error,
      repository,
      actualLocation || location,
      `verifying snapshot repository '${repository}'`,
    );
  }
  log.info(
    `opensearch: repository '${repository}' verified by ${verifiedNodes.length} node(s)${registered ? ' (registered now)' : ''}`,
  );
  return { repository, type, location: actualLocation || location, registered, verifiedNodes };
}

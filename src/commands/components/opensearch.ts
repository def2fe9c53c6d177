import { errorMessage } from '../../shared/errors.js';
import {
  applyOpenSearchRetention,
  type OpenSearchConnection,
  snapshotName,
  snapshotOpenSearch,
  verifyOpenSearchSnapshot,
} from '../../shared/opensearch/index.js';
import type { Settings } from '../../shared/settings/index.js';
import type { ComponentRecord, PartialSnapshot } from '../../shared/snapshot/index.js';
import { openOpenSearch, osLog } from '../host.js';
import type { ComponentContext, PreparedComponent, SnapshotComponent } from './types.js';

export const OPENSEARCH_DESCRIPTION = 'opensearch/snapshot.json';

/** The OpenSearch snapshot in the (incremental) repository; the snapshot directory keeps its verified description. */
export const opensearchComponent: SnapshotComponent = {
  name: 'opensearch',
  title: 'OpenSearch',
  keepsDataOutside: true,
  async prepare(ctx) {
    const connection = await openOpenSearch(ctx.host, ctx.settings, ctx.log);
    return preparedOpenSearch(ctx, connection);
  },
};

function preparedOpenSearch(ctx: ComponentContext, connection: OpenSearchConnection): PreparedComponent {
  const { settings, log } = ctx;
  return {
    take: (partial) => takeOpenSearch(ctx, connection, partial),
    whyNotReusable: (recorded) => whyNotReusable(connection, settings, recorded),
    async retain(policy, protectDate) {
      const result = await applyOpenSearchRetention(
        connection.client,
        {
          repository: settings['snapshot-repository'],
          namePattern: settings['snapshot-name-pattern'],
          policy,
          protect: [snapshotName(settings['snapshot-name-pattern'], protectDate)],
        },
        osLog(log),
      );
      return `OpenSearch retention: kept ${result.kept.length}, deleted ${result.deleted.length} snapshot(s).`;
    },
    close: () => connection.close(),
  };
}

async function takeOpenSearch(
  ctx: ComponentContext,
  connection: OpenSearchConnection,
  partial: PartialSnapshot,
) {
  const { settings, log } = ctx;
  const record = await snapshotOpenSearch(
    connection.client,
    {
      repository: settings['snapshot-repository'],
      location: settings['snapshot-location'],
      date: partial.date,
      namePattern: settings['snapshot-name-pattern'],
      indices: settings.indices,
      timeoutMs: settings['opensearch-timeout'],
    },
    osLog(log),
  );
  const file = await partial.writeFile(
    OPENSEARCH_DESCRIPTION,
    `${JSON.stringify(record, null, 2)}\n`,
    'opensearch',
  );
  return {
    name: 'opensearch',
    verdict: 'passed' as const,
    durationMs: record.durationMs,
    details: {
      snapshot: record.snapshot,
      repository: record.repository,
      state: record.state,
      reused: record.reused,
      shards: record.shards,
      indices: record.indices,
      sizes: record.sizes,
    },
    files: [file],
  };
}

/** A reused day's OpenSearch half lives in the repository, where it can vanish without the files noticing. */
async function whyNotReusable(
  connection: OpenSearchConnection,
  settings: Settings,
  recorded: ComponentRecord,
): Promise<string | null> {
  const snapshot = String(recorded.details['snapshot'] ?? '');
  const repository = String(recorded.details['repository'] ?? settings['snapshot-repository']);
  const indices = Object.keys((recorded.details['indices'] ?? {}) as Record<string, unknown>);
  try {
    const verdict = await verifyOpenSearchSnapshot(connection.client, {
      repository,
      snapshot,
      expectedIndices: indices,
    });
    return verdict.ok
      ? null
      : `its OpenSearch snapshot ${snapshot} no longer verifies (${verdict.problems.join('; ')}).`;
  } catch (error) {
    return `its OpenSearch snapshot ${snapshot} cannot be checked (${errorMessage(error)}).`;
  }
}

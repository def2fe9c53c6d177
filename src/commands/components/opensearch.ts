import { errorMessage } from '../../shared/errors.js';
// The room's modules, not its index: the index loads the OpenSearch client, which a backup without
// the opensearch component never needs (openOpenSearch loads it).
import type { OpenSearchConnection } from '../../shared/opensearch/index.js';
import { ensureRepository } from '../../shared/opensearch/repository.js';
import { applyOpenSearchRetention } from '../../shared/opensearch/retention.js';
import {
  deleteSnapshot,
  snapshotName,
  snapshotOpenSearch,
  verifyOpenSearchSnapshot,
} from '../../shared/opensearch/snapshot.js';
import {
  type ComponentRecord,
  type PartialSnapshot,
  parseComponentDetails,
} from '../../shared/snapshot/index.js';
import { openOpenSearch, osLog } from '../host.js';
import type { ComponentContext, PreparedComponent, SnapshotComponent } from './types.js';

export const OPENSEARCH_DESCRIPTION = 'opensearch/snapshot.json';

/** The OpenSearch snapshot in the (incremental) repository; the snapshot directory keeps its verified description. */
export const opensearchComponent: SnapshotComponent = {
  name: 'opensearch',
  title: 'OpenSearch',
  keepsDataOutside: true,
  async prepare(ctx) {
    const { settings, log } = ctx;
    const connection = await openOpenSearch(ctx.host, settings, log);
    try {
      // The repository must take a snapshot before the first byte of any component is written.
      await ensureRepository(
        connection.client,
        { repository: settings['snapshot-repository'], location: settings['snapshot-location'] },
        osLog(log),
      );
    } catch (error) {
      await connection.close();
      throw error;
    }
    return preparedOpenSearch(ctx, connection);
  },
};

/**
 * The name pattern of this run's OpenSearch snapshot: the daily pattern, or for a labelled
 * snapshot one that the daily pattern does not match (so daily retention never prunes it).
 */
export function namePatternFor(pattern: string, label: string | undefined): string {
  return label === undefined ? pattern : pattern.replace('{date}', `${label.toLowerCase()}-{date}`);
}

function preparedOpenSearch(ctx: ComponentContext, connection: OpenSearchConnection): PreparedComponent {
  const { settings, log } = ctx;
  return {
    take: (partial) => takeOpenSearch(ctx, connection, partial),
    whyNotReusable: (recorded) => whyNotReusable(connection, recorded),
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
  const namePattern = namePatternFor(settings['snapshot-name-pattern'], ctx.label);
  if (ctx.force) {
    // force retakes every component: the day's OpenSearch snapshot is not reused but taken anew.
    const name = snapshotName(namePattern, partial.date);
    const existing = await connection.client.snapshot
      .get({ repository: settings['snapshot-repository'], snapshot: name }, { ignore: [404] })
      .catch(() => null);
    if (existing && existing.statusCode !== 404) {
      log.info(`OpenSearch: force: deleting today's snapshot ${name} to take it again`);
      await deleteSnapshot(connection.client, settings['snapshot-repository'], name, osLog(log));
    }
  }
  const record = await snapshotOpenSearch(
    connection.client,
    {
      repository: settings['snapshot-repository'],
      location: settings['snapshot-location'],
      date: partial.date,
      namePattern,
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
  recorded: ComponentRecord,
): Promise<string | null> {
  const parsed = parseComponentDetails('opensearch', recorded);
  if (!parsed.ok) return `${parsed.problem}.`;
  const { snapshot, repository, indices } = parsed.details;
  try {
    const verdict = await verifyOpenSearchSnapshot(connection.client, {
      repository,
      snapshot,
      expectedIndices: Object.keys(indices),
    });
    return verdict.ok
      ? null
      : `its OpenSearch snapshot ${snapshot} no longer verifies (${verdict.problems.join('; ')}).`;
  } catch (error) {
    return `its OpenSearch snapshot ${snapshot} cannot be checked (${errorMessage(error)}).`;
  }
}

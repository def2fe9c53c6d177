/**
 * Retention of OpenSearch snapshots, through the API only: list the repository's snapshots, keep
 * those the policy keeps (src/shared/snapshot/retention.ts), delete the others one by one.
 * Snapshots whose name is not ours (pattern) and running ones are never touched.
 */
import type { Client } from '@opensearch-project/opensearch';
import { chooseRetained, DEFAULT_RETENTION_POLICY, type RetentionPolicy } from '../snapshot/retention.js';
import { describeOpenSearchError } from './errors.js';
import {
  DEFAULT_NAME_PATTERN,
  dateFromSnapshotName,
  deleteSnapshot,
  judgeSnapshot,
  type SnapshotInfoLike,
} from './snapshot.js';
import type { OpenSearchLog } from './types.js';

export interface OpenSearchRetentionOptions {
  repository: string;
  namePattern?: string;
  policy?: RetentionPolicy;
  /** Snapshot names never deleted (the one this run just took or reused). */
  protect?: readonly string[];
  /** Only say what would be deleted. */
  dryRun?: boolean;
}

export interface RetainedSnapshot {
  snapshot: string;
  date: string;
  verified: boolean;
  why: string[];
}

export interface OpenSearchRetentionResult {
  repository: string;
  kept: RetainedSnapshot[];
  deleted: RetainedSnapshot[];
  /** Not ours or still running: left alone. */
  ignored: string[];
  dryRun: boolean;
}

export async function listSnapshots(client: Client, repository: string): Promise<SnapshotInfoLike[]> {
  try {
    const response = await client.snapshot.get({ repository, snapshot: '_all' }, { requestTimeout: 120_000 });
    return (response.body as { snapshots?: SnapshotInfoLike[] }).snapshots ?? [];
  } catch (error) {
    throw describeOpenSearchError(error, `listing the snapshots of '${repository}'`);
  }
}

export async function applyOpenSearchRetention(
  client: Client,
  options: OpenSearchRetentionOptions,
  log: OpenSearchLog,
): Promise<OpenSearchRetentionResult> {
  const pattern = options.namePattern ?? DEFAULT_NAME_PATTERN;
  const all = await listSnapshots(client, options.repository);
  const ignored: string[] = [];
  const candidates: { date: string; verified: boolean; name: string }[] = [];
  for (const info of all) {
    const name = info.snapshot ?? '';
    const date = dateFromSnapshotName(pattern, name);
    if (!date || info.state === 'IN_PROGRESS') {
      ignored.push(name);
      continue;
    }
    let verified = false;
    try {
      verified = judgeSnapshot(info, [], name).ok;
    } catch {
      verified = false;
    }
    candidates.push({ date, verified, name });
  }
  const plan = chooseRetained(candidates, options.policy ?? DEFAULT_RETENTION_POLICY);
  const row = (r: (typeof plan.reasons)[number]): RetainedSnapshot => ({
    snapshot: r.snapshot.name,
    date: r.snapshot.date,
    verified: r.snapshot.verified,
    why: r.why,
  });
  // The snapshot this run took or reused is never pruned by it, whatever other dates exist.
  const protectedNames = new Set(options.protect ?? []);
  for (const r of plan.reasons) {
    if (!r.keep && protectedNames.has(r.snapshot.name)) {
      r.keep = true;
      r.why.push('taken or verified by this run (always kept)');
    }
  }
  const kept = plan.reasons.filter((r) => r.keep).map(row);
  const toDelete = plan.reasons.filter((r) => !r.keep).map(row);
  const dryRun = options.dryRun ?? false;
  const deleted: RetainedSnapshot[] = [];
  for (const victim of toDelete) {
    if (dryRun) {
      log.info(`opensearch: would delete ${victim.snapshot} (${victim.why.join('; ')})`);
      continue;
    }
    await deleteSnapshot(client, options.repository, victim.snapshot, log);
    deleted.push(victim);
  }
  log.info(
    `opensearch: retention of '${options.repository}': ${kept.length} kept, ${dryRun ? `${toDelete.length} to delete (dry run)` : `${deleted.length} deleted`}${ignored.length ? `, ${ignored.length} not ours or running (left alone)` : ''}`,
  );
  return { repository: options.repository, kept, deleted: dryRun ? toDelete : deleted, ignored, dryRun };
}

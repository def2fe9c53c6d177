/**
 * Judging an OpenSearch cluster from its API answers (no I/O): health and why shards are
 * unassigned, disk use per node against the watermarks the cluster applies, path.repo and the
 * snapshot repository. The runbook's "OpenSearch Cluster Maintenance" section, as findings.
 */
import { formatBytes } from '../text.js';
import type { Finding } from './findings.js';
import {
  describeWatermark,
  type EffectiveWatermarks,
  levelReached,
  type NodeDisk,
  THRESHOLD_ENABLED_KEY,
} from './watermarks.js';

/** `GET _cluster/health`, the parts we read. */
export interface ClusterHealthBody {
  readonly cluster_name?: string;
  readonly status?: string;
  readonly number_of_nodes?: number;
  readonly active_shards?: number;
  readonly unassigned_shards?: number;
  readonly initializing_shards?: number;
  readonly relocating_shards?: number;
}

/** One unassigned shard and what `_cluster/allocation/explain` said about it. */
export interface UnassignedShard {
  readonly index: string;
  readonly shard: number;
  readonly primary: boolean;
  /** unassigned_info.reason: INDEX_CREATED, NODE_LEFT, ALLOCATION_FAILED... */
  readonly reason: string;
  /** allocate_explanation and the first deciders' explanations; empty when explain failed. */
  readonly explanation: string;
}

/** `_cluster/allocation/explain` body, the parts we read. */
export interface AllocationExplainBody {
  readonly index?: string;
  readonly shard?: number;
  readonly primary?: boolean;
  readonly unassigned_info?: { reason?: string; details?: string };
  readonly allocate_explanation?: string;
  readonly node_allocation_decisions?: {
    node_name?: string;
    deciders?: { decider?: string; decision?: string; explanation?: string }[];
  }[];
}

/** The explanation of one shard, short enough for a table cell. */
export function explainUnassigned(body: AllocationExplainBody, fallback: UnassignedShard): UnassignedShard {
  const deciders = (body.node_allocation_decisions ?? []).flatMap((node) =>
    (node.deciders ?? [])
      .filter((d) => d.decision === 'NO')
      .map((d) => `${node.node_name ?? '?'}: ${d.explanation ?? d.decider ?? ''}`),
  );
  const parts = [body.allocate_explanation, ...new Set(deciders)].filter((p): p is string => !!p);
  return {
    ...fallback,
    reason: body.unassigned_info?.reason ?? fallback.reason,
    explanation: parts.slice(0, 3).join('; ').slice(0, 600),
  };
}

function shardName(s: UnassignedShard): string {
  return `${s.index}[${s.shard}] ${s.primary ? 'primary' : 'replica'}`;
}

/** How many unassigned shards are explained one by one (each is one request). */
export const EXPLAINED_SHARDS = 5;

export function judgeClusterHealth(
  health: ClusterHealthBody,
  unassigned: readonly UnassignedShard[],
): Finding[] {
  const status = health.status ?? 'unknown';
  const count = health.unassigned_shards ?? unassigned.length;
  const counts = `${health.number_of_nodes ?? '?'} node(s), ${health.active_shards ?? '?'} active shard(s), ${count} unassigned`;
  const findings: Finding[] = [];
  const primaries = unassigned.filter((s) => s.primary);
  const onlyReplicasOnOneNode =
    health.number_of_nodes === 1 && unassigned.length > 0 && primaries.length === 0;
  if (status === 'green') {
    findings.push({
      area: 'opensearch',
      check: 'cluster health',
      status: 'ok',
      summary: `green: ${counts}`,
    });
  } else if (status === 'yellow') {
    findings.push({
      area: 'opensearch',
      check: 'cluster health',
      status: 'warn',
      summary: `yellow: every primary shard is assigned, some replicas are not (${counts})`,
      fix: onlyReplicasOnOneNode
        ? 'A single node cannot hold replicas: set index.number_of_replicas to 0 on its indices, or add a node.'
        : 'See the unassigned shards below.',
    });
  } else {
    findings.push({
      area: 'opensearch',
      check: 'cluster health',
      status: 'fail',
      blocking: true,
      summary: `${status}: ${status === 'red' ? 'some primary shards are unassigned, their data cannot be read or snapshotted' : 'not green, yellow or red'} (${counts})`,
      fix: 'Bring the unassigned primaries back (see below) before backing up or restoring: a snapshot of a red cluster is PARTIAL.',
    });
  }
  for (const s of unassigned) {
    findings.push({
      area: 'opensearch',
      check: `unassigned ${shardName(s)}`,
      status: s.primary ? 'fail' : 'warn',
      ...(s.primary ? { blocking: true } : {}),
      summary: `${s.reason}${s.explanation ? `: ${s.explanation}` : ''}`,
      fix: `GET _cluster/allocation/explain with {"index":"${s.index}","shard":${s.shard},"primary":${s.primary}} shows every decider.`,
    });
  }
  if (count > unassigned.length) {
    findings.push({
      area: 'opensearch',
      check: 'unassigned shards',
      status: 'warn',
      summary: `${count - unassigned.length} more unassigned shard(s) not explained here (the first ${unassigned.length} are above).`,
    });
  }
  return findings;
}

/** `GET _cat/allocation?format=json&bytes=b`, one row per node (and one 'UNASSIGNED' row). */
export interface CatAllocationRow {
  readonly node?: string;
  readonly shards?: string | number | null;
  readonly 'disk.used'?: string | number | null;
  readonly 'disk.avail'?: string | number | null;
  readonly 'disk.total'?: string | number | null;
  readonly 'disk.percent'?: string | number | null;
}

export function nodeDisks(rows: readonly CatAllocationRow[]): NodeDisk[] {
  const n = (v: string | number | null | undefined) =>
    v === null || v === undefined ? Number.NaN : Number(v);
  return rows
    .filter((row) => row.node && row.node !== 'UNASSIGNED' && !Number.isNaN(n(row['disk.total'])))
    .map((row) => {
      const total = n(row['disk.total']);
      const used = n(row['disk.used']);
      return {
        node: row.node!,
        usedBytes: used,
        availBytes: n(row['disk.avail']),
        totalBytes: total,
        // From the bytes, not the rounded disk.percent column: 94.6% is not 95%.
        usedPercent: total > 0 ? (used / total) * 100 : n(row['disk.percent']),
      };
    });
}

export function judgeNodeDisks(disks: readonly NodeDisk[], watermarks: EffectiveWatermarks): Finding[] {
  const { marks } = watermarks;
  const findings: Finding[] = [];
  const limits = `low ${describeWatermark(marks.low.mark)}, high ${describeWatermark(marks.high.mark)}, flood-stage ${describeWatermark(marks['flood-stage'].mark)}`;
  for (const problem of watermarks.problems) {
    findings.push({
      area: 'opensearch',
      check: 'watermarks',
      status: 'warn',
      summary: `${problem}; judged by the default instead`,
    });
  }
  if (!watermarks.thresholdEnabled) {
    findings.push({
      area: 'opensearch',
      check: 'watermarks',
      status: 'warn',
      summary: `${THRESHOLD_ENABLED_KEY} is false: OpenSearch enforces none of the watermarks (${limits}); a full disk fails writes instead`,
      fix: `PUT _cluster/settings {"persistent":{"${THRESHOLD_ENABLED_KEY}":true}} unless this is a test node.`,
    });
  }
  if (disks.length === 0) {
    findings.push({
      area: 'opensearch',
      check: 'disk',
      status: 'warn',
      summary: '_cat/allocation reported no node with disk figures',
    });
  }
  for (const disk of disks) {
    const level = levelReached(marks, disk);
    const use = `${disk.usedPercent.toFixed(1)}% used, ${formatBytes(disk.availBytes)} free of ${formatBytes(disk.totalBytes)}`;
    const check = `disk ${disk.node}`;
    if (level === null) {
      findings.push({
        area: 'opensearch',
        check,
        status: 'ok',
        summary: `${use}; below every watermark (${limits})`,
      });
    } else if (level === 'flood-stage') {
      findings.push({
        area: 'opensearch',
        check,
        status: 'fail',
        blocking: true,
        summary: `${use}: past the flood-stage watermark (${describeWatermark(marks['flood-stage'].mark)}, ${marks['flood-stage'].source}); OpenSearch makes every index on it read-only`,
        fix: 'Free disk space on the node (old indices, snapshots in a repository on the same disk), then check again; set-watermarks changes the levels but not the disk.',
      });
    } else {
      findings.push({
        area: 'opensearch',
        check,
        status: 'warn',
        summary: `${use}: past the ${level} watermark (${describeWatermark(marks[level].mark)}, ${marks[level].source}); ${level === 'high' ? 'OpenSearch moves shards away from it' : 'no new shards are allocated to it'}`,
        fix: 'Free disk space on the node before it reaches flood-stage.',
      });
    }
  }
  return findings;
}

/** `path.repo` of each node (`GET _nodes/settings`), normalised to a list of directories. */
export function pathRepoOf(settings: Record<string, unknown> | undefined): string[] {
  const path =
    (settings?.['path'] as Record<string, unknown> | undefined)?.['repo'] ?? settings?.['path.repo'];
  if (Array.isArray(path)) return path.map(String).filter((p) => p !== '');
  if (typeof path === 'string' && path !== '') {
    return path
      .replace(/^\[|\]$/g, '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
  }
  return [];
}

function under(location: string, dir: string): boolean {
  const d = dir.replace(/\/+$/, '');
  return location === d || location.startsWith(`${d}/`);
}

/**
 * path.repo against the repository's location: a node without path.repo cannot hold any fs
 * repository, a location outside it cannot be registered.
 */
export function judgePathRepo(
  nodes: readonly { name: string; pathRepo: readonly string[] }[],
  location: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const node of nodes) {
    if (node.pathRepo.length === 0) {
      findings.push({
        area: 'opensearch',
        check: `path.repo ${node.name}`,
        status: 'fail',
        summary: 'the node has no path.repo: no fs snapshot repository can be registered or used',
        fix: `Set path.repo to include ${location} in opensearch.yml (or the environment variable path.repo=${location}) on every node, mount a host directory there, and restart OpenSearch.`,
      });
    } else if (!node.pathRepo.some((dir) => under(location, dir))) {
      findings.push({
        area: 'opensearch',
        check: `path.repo ${node.name}`,
        status: 'fail',
        summary: `snapshot-location ${location} is outside the node's path.repo (${node.pathRepo.join(', ')})`,
        fix: `Set snapshot-location to a directory under ${node.pathRepo[0]}, or add ${location} to path.repo on every node and restart it.`,
      });
    }
  }
  if (findings.length === 0 && nodes.length > 0) {
    findings.push({
      area: 'opensearch',
      check: 'path.repo',
      status: 'ok',
      summary: `${location} is under path.repo on ${nodes.length} node(s)`,
    });
  }
  return findings;
}

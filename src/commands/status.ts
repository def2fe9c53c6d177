import { posix } from 'node:path';
import type { Settings } from '../shared/settings/index.js';
import { backupsRoot, verifySnapshot } from '../shared/snapshot/index.js';
import {
  describeAge,
  judgeStatus,
  type ListedSnapshot,
  listHostSnapshots,
  manifestBytes,
  type NewestCheck,
  newestComplete,
  type StatusJudgement,
  stateOf,
} from '../shared/status/index.js';
import { formatBytes } from '../shared/text.js';
import { layoutOf, openHost } from './host.js';
import type { Command, SummaryTable } from './types.js';

/**
 * `status` (the backup action's `mode: status`): every snapshot on the host, and exit 1 when the
 * newest complete daily one is older than max-age, smaller than min-size, or fails verify, so a
 * backup that silently stopped happening is noticed. Only that one is re-checked (every sha256);
 * the others are described from their manifests.
 */
export const statusCommand: Command = async ({ settings, log, surface }) => {
  const remote = await openHost(settings, log);
  try {
    const root = backupsRoot(layoutOf(settings));
    log.info(`Listing the snapshots in ${root} on ${remote.description}`);
    const listed = (await listHostSnapshots(remote, root)) ?? [];
    const newest = newestComplete(listed);
    let check: NewestCheck | null = null;
    if (newest) {
      log.info(`Verifying the newest complete snapshot, ${newest.label}: every file against its manifest.`);
      check = await verifySnapshot(remote, posix.join(root, newest.label));
    }
    const now = new Date();
    const judgement = judgeStatus(listed, now, policyOf(settings), check);
    const table = statusTable(listed, newest, check);
    return {
      ok: judgement.ok,
      headline: headline(listed, judgement, now, root),
      details: judgement.problems,
      // The CLI prints the table on stdout (below); the action puts it in the job summary.
      ...(surface === 'action' ? { table } : {}),
      stdout: {
        text: renderColumns(table),
        json: statusJson(listed, judgement, check, settings, now, remote.description, root),
      },
      outputs: (newest
        ? { 'snapshot-date': newest.label, 'snapshot-path': posix.join(root, newest.label) }
        : {}) as Record<string, string>,
    };
  } finally {
    await remote.close();
  }
};

function policyOf(settings: Settings) {
  return { maxAgeMs: settings['max-age'], minSize: settings['min-size'] };
}

function headline(
  listed: readonly ListedSnapshot[],
  judgement: StatusJudgement,
  now: Date,
  root: string,
): string {
  const newest = judgement.newest;
  const count = `${listed.length} snapshot${listed.length === 1 ? '' : 's'} in ${root}`;
  if (!newest?.manifest) return `No complete daily snapshot (${count}).`;
  const age = describeAge(now.getTime() - Date.parse(newest.manifest.completedAt));
  const facts = `${newest.label}, completed ${age} ago, ${formatBytes(manifestBytes(newest))}`;
  return judgement.ok
    ? `Newest complete snapshot ${facts}, every file verified now (${count}).`
    : `Backups need attention: newest complete snapshot ${facts} (${count}).`;
}

export function statusTable(
  listed: readonly ListedSnapshot[],
  newest: ListedSnapshot | null,
  check: NewestCheck | null,
): SummaryTable {
  return {
    header: ['snapshot', 'completed', 'size', 'components', 'verdict', 'copy'],
    rows: [...listed]
      .reverse()
      .map((snapshot) => [
        snapshot.kind === 'pre-restore' ? `${snapshot.label} (safety)` : snapshot.label,
        snapshot.manifest?.completedAt ?? '-',
        formatBytes(snapshot.bytes),
        componentsText(snapshot),
        verdictText(snapshot, snapshot === newest ? check : null),
        copyText(snapshot),
      ]),
  };
}

function componentsText(snapshot: ListedSnapshot): string {
  if (!snapshot.manifest) return '-';
  return Object.entries(snapshot.manifest.components)
    .map(([name, record]) => (record.verdict === 'passed' ? name : `${name} (${record.verdict})`))
    .join(', ');
}

function verdictText(snapshot: ListedSnapshot, check: NewestCheck | null): string {
  const { state, failed } = stateOf(snapshot);
  if (state === 'incomplete') return `incomplete: ${snapshot.manifestProblem ?? 'no manifest'}`;
  if (state === 'failed') return `failed: ${failed.join(', ')} (the other components are kept)`;
  if (!check) return 'complete (files not re-checked now)';
  return check.verdict === 'good'
    ? 'good: every file verified now'
    : `${check.verdict.toUpperCase()}: ${check.problems[0] ?? 'fails verify'}`;
}

function copyText(snapshot: ListedSnapshot): string {
  if (snapshot.copyUnreadable) return 'copy record unreadable';
  if (!snapshot.copy) return 'not copied';
  return snapshot.copy.verified
    ? `verified on ${snapshot.copy.host}${snapshot.copy.verifiedAt ? ` at ${snapshot.copy.verifiedAt}` : ''}`
    : `NOT verified on ${snapshot.copy.host}: ${snapshot.copy.problems[0] ?? 'no reason recorded'}`;
}

/** Columns padded for a terminal. */
export function renderColumns(table: SummaryTable): string {
  const rows = [table.header, ...table.rows];
  const widths = table.header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return `${rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

function statusJson(
  listed: readonly ListedSnapshot[],
  judgement: StatusJudgement,
  check: NewestCheck | null,
  settings: Settings,
  now: Date,
  host: string,
  root: string,
) {
  return {
    ok: judgement.ok,
    checkedAt: now.toISOString(),
    host,
    backupsDir: root,
    maxAgeMs: settings['max-age'],
    minSize: settings['min-size'] ?? null,
    problems: judgement.problems,
    newestComplete: judgement.newest?.label ?? null,
    snapshots: [...listed].reverse().map((snapshot) => ({
      label: snapshot.label,
      kind: snapshot.kind,
      state: stateOf(snapshot).state,
      completedAt: snapshot.manifest?.completedAt ?? null,
      bytes: snapshot.bytes,
      manifestBytes: manifestBytes(snapshot),
      components: Object.fromEntries(
        Object.entries(snapshot.manifest?.components ?? {}).map(([name, record]) => [name, record.verdict]),
      ),
      manifestProblem: snapshot.manifestProblem,
      verify:
        snapshot === judgement.newest && check ? { verdict: check.verdict, problems: check.problems } : null,
      copy: snapshot.copy,
    })),
  };
}

import type { ListedSnapshot } from './listing.js';

/** What `status` holds the newest complete daily snapshot to. */
export interface StatusPolicy {
  readonly maxAgeMs: number;
  /** Bytes; undefined: no minimum. */
  readonly minSize: number | undefined;
}

/** The re-check of the newest complete snapshot (verify's verdict and problems). */
export interface NewestCheck {
  readonly verdict: 'good' | 'bad' | 'incomplete' | 'missing';
  readonly problems: readonly string[];
}

export type SnapshotState = 'complete' | 'failed' | 'incomplete';

export interface StatusJudgement {
  readonly ok: boolean;
  readonly newest: ListedSnapshot | null;
  /** Why the exit status is 1, one line each; empty when ok. */
  readonly problems: readonly string[];
}

/** complete: a valid manifest and no failed component; failed: a manifest recording a failure. */
export function stateOf(snapshot: ListedSnapshot): { state: SnapshotState; failed: string[] } {
  if (!snapshot.manifest) return { state: 'incomplete', failed: [] };
  const failed = Object.entries(snapshot.manifest.components)
    .filter(([, record]) => String(record.verdict) === 'failed')
    .map(([name]) => name);
  return { state: failed.length > 0 ? 'failed' : 'complete', failed };
}

/** Bytes of the files the manifest lists (what the snapshot holds, as it promised). */
export function manifestBytes(snapshot: ListedSnapshot): number {
  return snapshot.manifest?.files.reduce((sum, file) => sum + file.size, 0) ?? 0;
}

/** The newest daily snapshot that is complete; restores' safety snapshots never count as the schedule's. */
export function newestComplete(snapshots: readonly ListedSnapshot[]): ListedSnapshot | null {
  return snapshots.filter((s) => s.kind === 'daily' && stateOf(s).state === 'complete').at(-1) ?? null;
}

export function judgeStatus(
  snapshots: readonly ListedSnapshot[],
  now: Date,
  policy: StatusPolicy,
  check: NewestCheck | null,
): StatusJudgement {
  const newest = newestComplete(snapshots);
  if (!newest?.manifest) {
    return { ok: false, newest: null, problems: ['There is no complete daily snapshot.'] };
  }
  const problems: string[] = [];
  const completed = Date.parse(newest.manifest.completedAt);
  const age = now.getTime() - completed;
  if (age > policy.maxAgeMs) {
    problems.push(
      `The newest complete snapshot, ${newest.label}, was completed ${describeAge(age)} ago (${newest.manifest.completedAt}): older than max-age ${describeAge(policy.maxAgeMs)}.`,
    );
  }
  const bytes = manifestBytes(newest);
  if (policy.minSize !== undefined && bytes < policy.minSize) {
    problems.push(
      `The newest complete snapshot, ${newest.label}, holds ${bytes} bytes: smaller than min-size ${policy.minSize} bytes.`,
    );
  }
  if (check && check.verdict !== 'good') {
    problems.push(
      `The newest complete snapshot, ${newest.label}, fails verify (${check.verdict}): ${check.problems.slice(0, 3).join('; ')}${check.problems.length > 3 ? `; and ${check.problems.length - 3} more` : ''}.`,
    );
  }
  return { ok: problems.length === 0, newest, problems };
}

/** `3 h 12 min`, `2 d 1 h`, `45 min`, `20 s`. */
export function describeAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

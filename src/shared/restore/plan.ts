/** What a restore will do, decided before it does anything, and the proof afterwards: pure functions. */

export type RestoreComponent = 'postgres' | 'opensearch';

export const RESTORABLE_COMPONENTS: readonly RestoreComponent[] = ['postgres', 'opensearch'];

/**
 * The components to restore: those asked for that the snapshot holds. Asking for one the snapshot
 * does not hold is refused, unless it is the default list (every component); secrets and git are
 * never restored by gateway-ops, and naming them outside the default is refused.
 */
export function componentsToRestore(
  requested: readonly string[],
  inSnapshot: readonly string[],
  everyComponent: readonly string[],
): { components: RestoreComponent[]; refusal: string | null } {
  const isDefault = everyComponent.every((c) => requested.includes(c));
  const unrestorable = requested.filter((c) => !(RESTORABLE_COMPONENTS as readonly string[]).includes(c));
  if (unrestorable.length > 0 && !isDefault) {
    return {
      components: [],
      refusal: `restore refused by components: ${unrestorable.join(', ')} cannot be restored by gateway-ops (only postgres and opensearch); restore them by hand from the snapshot's files.`,
    };
  }
  const restorable = requested.filter((c): c is RestoreComponent =>
    (RESTORABLE_COMPONENTS as readonly string[]).includes(c),
  );
  const held = restorable.filter((c) => inSnapshot.includes(c));
  const missing = restorable.filter((c) => !inSnapshot.includes(c));
  if (missing.length > 0 && !isDefault) {
    return {
      components: held,
      refusal: `restore refused by components: the snapshot holds ${inSnapshot.join(', ') || 'nothing'}, not ${missing.join(', ')}. Set components to what it holds.`,
    };
  }
  if (held.length === 0) {
    return {
      components: [],
      refusal: 'restore refused: the snapshot holds no component that can be restored.',
    };
  }
  return { components: held, refusal: null };
}

export interface PlanInput {
  readonly target: string;
  readonly snapshotDate: string;
  readonly snapshotPath: string;
  readonly components: readonly RestoreComponent[];
  /** Databases in the snapshot (the manifest's list). */
  readonly snapshotDatabases: readonly string[];
  /** Databases on the target now (templates excluded). */
  readonly targetDatabases: readonly string[];
  readonly snapshotIndices: readonly string[];
  readonly targetIndices: readonly string[];
  readonly opensearchExisting: 'close' | 'delete';
  readonly stopServices: readonly string[];
  readonly safetySnapshotPath: string | null;
}

export interface RestorePlan extends PlanInput {
  readonly databasesReplaced: string[];
  readonly databasesCreated: string[];
  readonly databasesDropped: string[];
  readonly indicesReplaced: string[];
}

export function buildPlan(input: PlanInput): RestorePlan {
  const inSnapshot = new Set(input.snapshotDatabases);
  const onTarget = new Set(input.targetDatabases);
  const live = new Set(input.targetIndices);
  const postgres = input.components.includes('postgres');
  const opensearch = input.components.includes('opensearch');
  return {
    ...input,
    databasesReplaced: postgres ? input.snapshotDatabases.filter((d) => onTarget.has(d)) : [],
    databasesCreated: postgres ? input.snapshotDatabases.filter((d) => !onTarget.has(d)) : [],
    databasesDropped: postgres ? input.targetDatabases.filter((d) => !inSnapshot.has(d)) : [],
    indicesReplaced: opensearch ? input.snapshotIndices.filter((i) => live.has(i)) : [],
  };
}

const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : 'none');

/**
 * What the safety snapshot keeps: the components whose live data the restore replaces. OpenSearch
 * only when a live index is closed or deleted: restoring indices the cluster lacks replaces nothing
 * (and an empty cluster has nothing to snapshot).
 */
export function safetyComponents(plan: RestorePlan): RestoreComponent[] {
  return plan.components.filter((c) => c !== 'opensearch' || plan.indicesReplaced.length > 0);
}

function safetyLine(plan: RestorePlan): string {
  if (!plan.safetySnapshotPath) return 'Safety snapshot: none (safety-snapshot: false)';
  const kept = safetyComponents(plan);
  if (kept.length === 0) return 'Safety snapshot: none needed (no live index is replaced)';
  const left = plan.components.filter((c) => !kept.includes(c));
  return `Safety snapshot: ${plan.safetySnapshotPath}${left.length > 0 ? ` (${kept.join(', ')} only: no live index is replaced)` : ''}`;
}

export function planLines(plan: RestorePlan): string[] {
  const lines = [
    `Target: ${plan.target}`,
    `Snapshot: ${plan.snapshotDate} (${plan.snapshotPath})`,
    `Components: ${plan.components.join(', ')}`,
    safetyLine(plan),
  ];
  if (plan.components.includes('postgres')) {
    lines.push(
      `Services stopped during the restore: ${list(plan.stopServices)}`,
      `Databases replaced: ${list(plan.databasesReplaced)}`,
      `Databases created: ${list(plan.databasesCreated)}`,
      `Databases dropped (not in the snapshot): ${list(plan.databasesDropped)}`,
    );
  }
  if (plan.components.includes('opensearch')) {
    lines.push(
      `Indices restored: ${list(plan.snapshotIndices)}`,
      `Live indices ${plan.opensearchExisting === 'close' ? 'closed' : 'deleted'} first: ${list(plan.indicesReplaced)}`,
    );
  }
  return lines;
}

export interface ProofRow {
  readonly kind: 'database' | 'index';
  readonly name: string;
  readonly expected: number | null;
  readonly found: number | null;
  readonly ok: boolean;
}

/** Per database (its tables' rows summed, each table compared) and per index, restored against recorded. */
export function proveCounts(
  expectedRows: Readonly<Record<string, Readonly<Record<string, number>>>>,
  foundRows: Readonly<Record<string, Readonly<Record<string, number>>>>,
  expectedDocs: Readonly<Record<string, number | null>>,
  foundDocs: Readonly<Record<string, number | null>>,
): { ok: boolean; rows: ProofRow[]; problems: string[] } {
  const rows: ProofRow[] = [];
  const problems: string[] = [];
  for (const [database, tables] of Object.entries(expectedRows)) {
    const found = foundRows[database];
    let ok = found !== undefined;
    for (const [table, count] of Object.entries(tables)) {
      const restored = found?.[table];
      if (restored !== count) {
        ok = false;
        problems.push(
          `${database}.${table}: ${restored === undefined ? 'missing' : `${restored} rows`}, the snapshot has ${count}`,
        );
      }
    }
    if (found === undefined) problems.push(`database ${database}: missing after the restore`);
    const sum = (t: Readonly<Record<string, number>> | undefined) =>
      t ? Object.values(t).reduce((a, b) => a + b, 0) : null;
    rows.push({ kind: 'database', name: database, expected: sum(tables), found: sum(found), ok });
  }
  for (const [index, count] of Object.entries(expectedDocs)) {
    const found = foundDocs[index] ?? null;
    const ok = found !== null && (count === null || found === count);
    if (!ok)
      problems.push(`index ${index}: ${found ?? 'no'} documents, the snapshot has ${count ?? 'unknown'}`);
    rows.push({ kind: 'index', name: index, expected: count, found, ok });
  }
  return { ok: problems.length === 0, rows, problems };
}

export function proofTable(rows: readonly ProofRow[]) {
  return {
    header: ['', 'kind', 'name', 'in the snapshot', 'restored'],
    rows: rows.map((row) => [
      row.ok ? '✓' : '✗',
      row.kind,
      row.name,
      row.expected === null ? 'unknown' : String(row.expected),
      row.found === null ? 'missing' : String(row.found),
    ]),
  };
}

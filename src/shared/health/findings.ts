/** What a health check found, in a form the summary table, `--format json` and the pre-flight share. */
export type HealthStatus = 'ok' | 'warn' | 'fail';

export type HealthArea = 'opensearch' | 'postgres' | 'backups';

export interface Finding {
  readonly area: HealthArea;
  /** Short name of the check: 'cluster health', 'disk gateway-node-1', 'collation spectrumx'. */
  readonly check: string;
  readonly status: HealthStatus;
  /** What was found, with the numbers. */
  readonly summary: string;
  /** What to do about it (a command, a setting). */
  readonly fix?: string;
  /** A backup or restore must not start while this holds (red cluster, too little disk, unreachable). */
  readonly blocking?: boolean;
}

const RANK: Record<HealthStatus, number> = { ok: 0, warn: 1, fail: 2 };

export function worstStatus(findings: readonly Finding[]): HealthStatus {
  return findings.reduce<HealthStatus>((worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst), 'ok');
}

/** The findings that stop a backup or restore before it starts. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.status === 'fail' && f.blocking);
}

export function findingsTable(findings: readonly Finding[]) {
  return {
    header: ['area', 'check', 'status', 'found', 'fix'],
    rows: findings.map((f) => [f.area, f.check, f.status, f.summary, f.fix ?? '']),
  };
}

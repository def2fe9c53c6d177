/**
 * Judging PostgreSQL (no I/O): the server version, and the runbook's "collation version mismatch"
 * warning found before a user meets it, with the exact statement that fixes each database.
 */
import type { Finding } from './findings.js';

/** A SQL identifier, always double-quoted (embedded quotes doubled): any database name stays one name. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('quoteIdentifier: a name cannot contain a NUL byte');
  return `"${name.replaceAll('"', '""')}"`;
}

export function refreshCollationStatement(database: string): string {
  return `ALTER DATABASE ${quoteIdentifier(database)} REFRESH COLLATION VERSION;`;
}

/** One row of COLLATION_VERSIONS_SQL. */
export interface DatabaseCollation {
  readonly database: string;
  /** pg_database.datcollversion: the version recorded when the database was created or last refreshed. */
  readonly recorded: string | null;
  /** What the operating system (or ICU) provides now. */
  readonly actual: string | null;
}

/** PostgreSQL 15 records a collation version per database (datcollversion). */
export const COLLATION_VERSIONS_FROM = 150000;

export function collationMismatches(rows: readonly DatabaseCollation[]): DatabaseCollation[] {
  return rows.filter((row) => row.recorded !== null && row.recorded !== row.actual);
}

export function judgePostgres(input: {
  serverVersion: string;
  serverVersionNum: number;
  databases: readonly DatabaseCollation[];
  /** Databases whose version was refreshed by this run (refresh-collation: true). */
  refreshed?: readonly string[];
}): Finding[] {
  const findings: Finding[] = [
    {
      area: 'postgres',
      check: 'server',
      status: 'ok',
      summary: `PostgreSQL ${input.serverVersion}, ${input.databases.length} database(s)`,
    },
  ];
  if (input.serverVersionNum < COLLATION_VERSIONS_FROM) {
    findings.push({
      area: 'postgres',
      check: 'collation versions',
      status: 'ok',
      summary: `PostgreSQL ${input.serverVersion} records no collation version per database (15 and later do): nothing to check`,
    });
    return findings;
  }
  for (const name of input.refreshed ?? []) {
    findings.push({
      area: 'postgres',
      check: `collation ${name}`,
      status: 'ok',
      summary: `collation version refreshed (${refreshCollationStatement(name)})`,
    });
  }
  const mismatched = collationMismatches(input.databases);
  for (const db of mismatched) {
    findings.push({
      area: 'postgres',
      check: `collation ${db.database}`,
      status: 'warn',
      summary: `collation version mismatch: the database records ${db.recorded}, the system provides ${db.actual ?? 'no version'}`,
      fix:
        db.actual === null
          ? 'The locale provides no version any more: PostgreSQL cannot refresh it; check the database locale (pg_database.datcollate).'
          : `Reindex indexes on text columns first if the collation really changed, then: ${refreshCollationStatement(db.database)} (or run health with refresh-collation: true)`,
    });
  }
  if (mismatched.length === 0 && (input.refreshed ?? []).length === 0) {
    findings.push({
      area: 'postgres',
      check: 'collation versions',
      status: 'ok',
      summary: 'every database records the collation version the system provides',
    });
  }
  return findings;
}

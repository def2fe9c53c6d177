import pg from 'pg';
import { errorMessage, OperationError } from '../errors.js';
import type { Tunnel } from '../remote/types.js';
import { settingRef } from '../setting-ref.js';

/** Exact `count(*)` of every user table, per database: `{ db: { "schema.table": n } }`. */
export type RowCounts = Record<string, Record<string, number>>;

export interface ServerFacts {
  readonly serverVersion: string;
  readonly serverVersionNum: number;
  readonly databases: string[];
}

export interface Credentials {
  readonly user: string;
  readonly password: string | null;
}

export const DATABASES_SQL = `SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY datname`;

/**
 * One round trip per database: `query_to_xml` runs each table's exact count server-side.
 * Regular tables only (partitions are counted as themselves, their parents would count twice).
 */
export const ROW_COUNTS_SQL = `SELECT n.nspname AS schema, c.relname AS table,
  (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint AS rows
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
ORDER BY 1, 2`;

function clientFor(tunnel: Tunnel, credentials: Credentials, database: string): pg.Client {
  return new pg.Client({
    host: tunnel.localHost,
    port: tunnel.localPort,
    user: credentials.user,
    ...(credentials.password ? { password: credentials.password } : {}),
    database,
    application_name: 'gateway-ops',
    connectionTimeoutMillis: 30_000,
  });
}

/** One connection to `database` for `body`, always closed. */
export async function withClient<T>(
  tunnel: Tunnel,
  credentials: Credentials,
  database: string,
  body: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = clientFor(tunnel, credentials, database);
  // A connection lost mid-query surfaces as a rejected query; the 'error' event must not crash Node.
  client.on('error', () => {});
  try {
    await client.connect();
    return await body(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Server version and databases; also the early check that the user and password are right. */
export async function serverFacts(
  tunnel: Tunnel,
  credentials: Credentials,
  where: string,
): Promise<ServerFacts> {
  try {
    const facts = async (client: pg.Client) => {
      const version = await client.query<{ server_version: string; num: string }>(
        `SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS num`,
      );
      const databases = await client.query<{ datname: string }>(DATABASES_SQL);
      return {
        serverVersion: version.rows[0]!.server_version,
        serverVersionNum: Number(version.rows[0]!.num),
        databases: databases.rows.map((row) => row.datname),
      };
    };
    try {
      return await withClient(tunnel, credentials, 'postgres', facts);
    } catch (error) {
      // 3D000: no database 'postgres' in this cluster; template1 always exists.
      if ((error as { code?: string }).code !== '3D000') throw error;
      return await withClient(tunnel, credentials, 'template1', facts);
    }
  } catch (error) {
    throw new OperationError(
      `PostgreSQL at ${where} refused user '${credentials.user}' or could not be reached: ${errorMessage(error)}`,
      {
        hint: `Check ${settingRef('postgres-user')} (and the password in the container environment).`,
        cause: error,
      },
    );
  }
}

/** Databases counted at once: connection set-up dominates small ones; a few in parallel hide it. */
const PARALLEL_DATABASES = 3;

type Counted = { counts: Record<string, number> } | { error: OperationError };

/** Every table of each database counted; the first failure throws (and stops the queue). */
export async function countRows(
  tunnel: Tunnel,
  credentials: Credentials,
  databases: readonly string[],
): Promise<RowCounts>;
/** `settle`: every database is tried; each one's counts or its error, in the databases' order. */
export async function countRows(
  tunnel: Tunnel,
  credentials: Credentials,
  databases: readonly string[],
  options: { settle: true },
): Promise<Record<string, Counted>>;
export async function countRows(
  tunnel: Tunnel,
  credentials: Credentials,
  databases: readonly string[],
  options: { settle?: boolean } = {},
): Promise<RowCounts | Record<string, Counted>> {
  const counted: Record<string, Counted> = {};
  const queue = [...databases];
  const worker = async () => {
    for (let database = queue.shift(); database !== undefined; database = queue.shift()) {
      const name = database;
      try {
        counted[name] = {
          counts: await withClient(tunnel, credentials, name, async (client) => {
            const result = await client.query<{ schema: string; table: string; rows: string }>(
              ROW_COUNTS_SQL,
            );
            return Object.fromEntries(
              result.rows.map((row) => [`${row.schema}.${row.table}`, Number(row.rows)]),
            );
          }),
        };
      } catch (error) {
        const failed = new OperationError(
          `Counting the rows of database '${name}' failed: ${errorMessage(error)}`,
          { cause: error },
        );
        if (!options.settle) {
          queue.length = 0;
          throw failed;
        }
        counted[name] = { error: failed };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DATABASES, databases.length) }, worker));
  // Same order as the databases, whatever finished first.
  if (options.settle) return Object.fromEntries(databases.map((database) => [database, counted[database]!]));
  return Object.fromEntries(
    databases.map((database) => {
      const outcome = counted[database]!;
      if ('error' in outcome) throw outcome.error;
      return [database, outcome.counts];
    }),
  );
}

/** Tables whose counts differ between two snapshots of counts (for restore checks), as messages. */
export function compareRowCounts(expected: RowCounts, found: RowCounts): string[] {
  const problems: string[] = [];
  for (const [database, tables] of Object.entries(expected)) {
    const other = found[database];
    if (!other) {
      problems.push(`database ${database}: missing`);
      continue;
    }
    for (const [table, rows] of Object.entries(tables)) {
      if (!(table in other)) problems.push(`${database}.${table}: missing (expected ${rows} rows)`);
      else if (other[table] !== rows)
        problems.push(`${database}.${table}: ${other[table]} rows, expected ${rows}`);
    }
  }
  return problems;
}

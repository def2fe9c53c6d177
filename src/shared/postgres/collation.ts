/**
 * The runbook's "Postgres collation version mismatch": every database's recorded collation
 * version against what the system provides now, and the refresh that clears the warning.
 */
import { errorMessage, OperationError } from '../errors.js';
import {
  COLLATION_VERSIONS_FROM,
  type DatabaseCollation,
  refreshCollationStatement,
} from '../health/postgres.js';
import type { Tunnel } from '../remote/types.js';
import { type Credentials, withClient } from './row-counts.js';

/** Every database, templates included (the runbook's loop covers them all); PostgreSQL 15+. */
export const COLLATION_VERSIONS_SQL = `SELECT datname, datcollversion, pg_database_collation_actual_version(oid) AS actual
FROM pg_database ORDER BY datname`;

export interface PostgresHealthFacts {
  readonly serverVersion: string;
  readonly serverVersionNum: number;
  readonly databases: DatabaseCollation[];
}

/** One connection: the server version and every database's collation versions. */
export async function readCollations(
  tunnel: Tunnel,
  credentials: Credentials,
  where: string,
): Promise<PostgresHealthFacts> {
  try {
    return await withClient(tunnel, credentials, 'postgres', async (client) => {
      const version = await client.query<{ v: string; n: string }>(
        `SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n`,
      );
      const serverVersionNum = Number(version.rows[0]!.n);
      const databases =
        serverVersionNum < COLLATION_VERSIONS_FROM
          ? (
              await client.query<{ datname: string }>('SELECT datname FROM pg_database ORDER BY datname')
            ).rows.map((row) => ({ database: row.datname, recorded: null, actual: null }))
          : (
              await client.query<{ datname: string; datcollversion: string | null; actual: string | null }>(
                COLLATION_VERSIONS_SQL,
              )
            ).rows.map((row) => ({
              database: row.datname,
              recorded: row.datcollversion,
              actual: row.actual,
            }));
      return { serverVersion: version.rows[0]!.v, serverVersionNum, databases };
    });
  } catch (error) {
    throw new OperationError(
      `PostgreSQL at ${where}: cannot read the databases as '${credentials.user}': ${errorMessage(error)}`,
      { hint: 'Check postgres-user (and the password in the container environment).', cause: error },
    );
  }
}

/** Runs the refresh for each database, one statement each, and returns the names refreshed. */
export async function refreshCollations(
  tunnel: Tunnel,
  credentials: Credentials,
  databases: readonly string[],
): Promise<string[]> {
  const done: string[] = [];
  await withClient(tunnel, credentials, 'postgres', async (client) => {
    for (const database of databases) {
      const statement = refreshCollationStatement(database);
      try {
        await client.query(statement);
      } catch (error) {
        throw new OperationError(
          `PostgreSQL: '${statement}' failed: ${errorMessage(error)}${done.length ? ` (already refreshed: ${done.join(', ')})` : ''}`,
          { hint: 'It needs the database owner or a superuser (postgres-user).', cause: error },
        );
      }
      done.push(database);
    }
  });
  return done;
}

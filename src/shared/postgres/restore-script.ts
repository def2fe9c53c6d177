import { commandIn } from '../remote/container.js';
import { SESSION_GUARD, shellJoin, shellQuote } from '../remote/script.js';
import type { ExecTarget } from '../remote/types.js';
import type { Compression } from '../snapshot/compression.js';

/** As for the dump: in the container psql takes the password from the container's own environment. */
const PSQL_FROM_CONTAINER_ENV =
  'if [ -z "$PGPASSWORD" ] && [ -n "$POSTGRES_PASSWORD" ]; then export PGPASSWORD="$POSTGRES_PASSWORD"; fi; exec psql "$@"';

/** The dollar-quote tag of the role guards; a dump line that contains it is refused (it could end the guard early). */
export const ROLE_GUARD_TAG = '$gwops_role$';

export interface PsqlCommand {
  readonly target: ExecTarget;
  readonly user: string;
  /** exec: host only. */
  readonly host?: string;
  readonly port?: number;
}

/** argv of `psql -X -q -v ON_ERROR_STOP=1` as the superuser, connected to `database`. */
export function psqlArgv(command: PsqlCommand, database: string): string[] {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-U', command.user, '-d', database];
  if (command.target.kind === 'docker') {
    return commandIn(command.target, ['sh', '-c', PSQL_FROM_CONTAINER_ENV, 'psql', ...args]);
  }
  const connection = [
    ...(command.host ? ['-h', command.host] : []),
    ...(command.port ? ['-p', String(command.port)] : []),
  ];
  return ['psql', '-w', ...connection, ...args];
}

/**
 * The filter between the decompressor and psql (awk, one output line per input line, so psql's
 * line numbers are the dump's). In the roles part (before the first `\connect`):
 * - `CREATE ROLE x;` runs guarded: a role that exists (always `postgres`, the restoring superuser)
 *   is kept and gets the snapshot's attributes from the `ALTER ROLE` that follows; any other error
 *   still stops the restore.
 * - with keep-role-passwords, `ALTER ROLE x WITH ... PASSWORD '...'` of a role that existed on the
 *   target loses its PASSWORD clause: the target keeps its own password.
 * - the restoring superuser is never dropped (`--clean` dumps) nor demoted.
 * It sees only the roles part (see restoreFilterFunction): the bulk after it never goes through awk.
 */
export const RESTORE_FILTER_AWK = `BEGIN {
  n = split(existing, names, "\\n"); for (i = 1; i <= n; i++) if (names[i] != "") had[names[i]] = 1
  roles = 1
}
!roles { print; next }
/^\\\\connect / { roles = 0; print; next }
index($0, tag) > 0 { printf "role-guard-tag %d\\n", NR > "/dev/stderr"; exit 4 }
/^CREATE ROLE [^;]*;$/ { print "DO " tag " BEGIN " $0 " EXCEPTION WHEN duplicate_object THEN NULL; END " tag ";"; next }
/^DROP ROLE / {
  name = $0; sub(/^DROP ROLE (IF EXISTS )?/, "", name); sub(/;$/, "", name)
  if (name == superuser) { print "-- gateway-ops: kept the restoring superuser (" $0 ")"; next }
}
/^ALTER ROLE / {
  at = index($0, " WITH "); name = at ? substr($0, 12, at - 12) : ""
  if (name == superuser && $0 ~ / NOSUPERUSER /) { print "-- gateway-ops: the restoring superuser stays a superuser"; next }
  if (keep && (name in had)) { line = $0; gsub(/ PASSWORD '[^']*'/, "", line); print line; next }
}
{ print }
`;

/** Reads dd's `status=progress` lines (CR-separated) and prints `progress <bytes>` every 64 MiB. */
export const PROGRESS_AWK = `BEGIN { step = 67108864; report = step }
/ bytes / && $1 + 0 >= report { printf "progress %d\\n", $1; while (report <= $1 + 0) report += step }
`;

/**
 * The shell function between the decompressor and psql. The roles part (up to and with the first
 * \`\\connect\` line) is read a line at a time with \`read\`, which takes no byte beyond the line from
 * the pipe, and goes through the awk role filter; the rest, the bulk of the dump, goes through \`dd\`
 * untouched, so it costs a copy, not a per-line pass (a per-line awk or sed over 1 GiB of SQL is
 * seconds of CPU taken from PostgreSQL). dd's progress becomes \`progress <bytes>\` lines on stderr.
 * It exits with awk's status when the filter refuses (the bulk is then not sent), else with dd's.
 */
export function restoreFilterFunction(awkArgs: string): string {
  return `restore_filter() {
  local line
  { while IFS= read -r line || [ -n "$line" ]; do printf '%s\\n' "$line"; case $line in '\\connect '*) break ;; esac; done; } | LC_ALL=C awk ${awkArgs} ${shellQuote(RESTORE_FILTER_AWK)} || return $?
  exec dd bs=1M status=progress 2> >(LC_ALL=C tr '\\r' '\\n' | LC_ALL=C awk ${shellQuote(PROGRESS_AWK)} >&2)
}`;
}

export interface RestoreScriptInput {
  /** The snapshot's dump file on the host (absolute, or relative to the SSH user's home). */
  readonly dumpFile: string;
  readonly compression: Compression;
  /**
   * The `mktemp -d` template of the run's private work dir (psql's messages): created 0700, removed
   * on every exit the shell sees; one a SIGKILL leaves is removed by the next run under the lock.
   */
  readonly workTemplate: string;
  readonly psql: PsqlCommand;
  /** The restoring superuser, as pg_dumpall writes role names (quote_ident). */
  readonly superuserIdent: string;
  readonly keepRolePasswords: boolean;
  /** Databases to create empty before the stream (the dump connects to them without creating them). */
  readonly recreate: readonly string[];
  /**
   * exec: host with a password: it arrives base64 as the first line of stdin and lives only in
   * PGPASSWORD, in the environment of this shell's children (never on disk, never in argv).
   */
  readonly password?: boolean;
}

function decompressArgv(compression: Compression, file: string): string[] {
  switch (compression) {
    case 'zstd':
      return ['zstd', '-q', '-d', '-c', '--', file];
    case 'gzip':
      return ['gzip', '-d', '-c', '--', file];
    case 'none':
      return ['cat', '--', file];
  }
}

/** SQL run before the stream: every other session ends, every database but the templates goes. */
export function prepareSql(recreate: readonly string[]): string {
  const create = recreate
    .map((db) => `CREATE DATABASE "${db.replaceAll('"', '""')}" TEMPLATE template0;`)
    .join('\n');
  return `SELECT count(pg_terminate_backend(pid)) AS terminated FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend';
SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database WHERE datname NOT IN ('template0', 'template1') ORDER BY datname \\gexec
${create}
`;
}

export const COLLATION_SQL = `SELECT format('ALTER DATABASE %I REFRESH COLLATION VERSION', datname) FROM pg_database WHERE datname <> 'template0' ORDER BY datname \\gexec
`;

/**
 * The restore, on the host: (1) the roles that exist, (2) end every session and drop every
 * database but the templates, (3) `decompress <dump> | awk filter | psql -v ON_ERROR_STOP=1`
 * straight from the snapshot (no plain copy anywhere), (4) on an SQL error, where it happened (the
 * dump re-read up to psql's line), (5) the collation refresh. It reports and exits 0;
 * `restoreFailures` decides.
 */
export function restoreScript(input: RestoreScriptInput): string {
  const psql = (database: string) => shellJoin(psqlArgv(input.psql, database));
  const decompress = shellJoin(decompressArgv(input.compression, input.dumpFile));
  // read and printf are builtins: the password is in no argv; base64 carries any byte but NUL.
  const password = input.password
    ? `IFS= read -r password_b64
PGPASSWORD=$(printf '%s' "$password_b64" | base64 -d)
unset password_b64
export PGPASSWORD
`
    : '';
  return `umask 077
${password}${SESSION_GUARD}work=
cleanup() { trap - EXIT; if [ -n "$work" ]; then rm -rf -- "$work"; fi; session_guard_end; }
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
work=$(mktemp -d -- ${shellQuote(input.workTemplate)})
errors="$work/psql-errors"
${restoreFilterFunction(`-v existing="$existing" -v superuser=${shellQuote(input.superuserIdent)} -v keep=${input.keepRolePasswords ? 1 : 0} -v tag=${shellQuote(ROLE_GUARD_TAG)}`)}
set +e
existing=$(${psql('template1')} -A -t -c "SELECT quote_ident(rolname) FROM pg_roles ORDER BY 1" 2>"$errors")
echo "roles-status $?"
echo "roles $(printf '%s' "$existing" | base64 -w0)"
${psql('template1')} -A -t >/dev/null 2>>"$errors" <<'GWOPS_SQL'
${prepareSql(input.recreate)}GWOPS_SQL
echo "prepare-status $?"
${decompress} | restore_filter | ${psql('template1')} -f - >/dev/null 2>>"$errors"
echo "stream-status \${PIPESTATUS[*]}"
line=$(grep -a -m 1 -o '^psql:<stdin>:[0-9]*: ERROR' "$errors" | cut -d: -f3)
if [ -n "$line" ]; then
  ${decompress} | LC_ALL=C awk -v n="$line" 'NR <= n && /^\\\\connect / { c = $0 } NR == n { print "error-connect " c; print "error-statement " substr($0, 1, 300); exit }'
fi
echo "errors $(grep -a -E 'ERROR|FATAL|could not|No such|not running|not found' "$errors" | head -c 2000 | base64 -w0)"
${psql('template1')} -A -t >/dev/null 2>>"$errors" <<'GWOPS_SQL'
${COLLATION_SQL}GWOPS_SQL
echo "collation-status $?"
`;
}

export interface RestoreScriptResult {
  readonly rolesStatus: number | null;
  readonly rolesBefore: string[];
  readonly prepareStatus: number | null;
  /** Decompressor, filter, psql. */
  readonly streamStatuses: number[];
  readonly collationStatus: number | null;
  /** psql's error lines (and anything else that failed), as it printed them. */
  readonly errors: string;
  /** Where the SQL error happened: the database's `\connect` line and the statement's first 300 bytes. */
  readonly errorConnect: string | null;
  readonly errorStatement: string | null;
}

const fromBase64 = (value: string) => Buffer.from(value, 'base64').toString('utf8');

export function parseRestoreScriptOutput(stdout: string): RestoreScriptResult {
  const result = {
    rolesStatus: null as number | null,
    rolesBefore: [] as string[],
    prepareStatus: null as number | null,
    streamStatuses: [] as number[],
    collationStatus: null as number | null,
    errors: '',
    errorConnect: null as string | null,
    errorStatement: null as string | null,
  };
  for (const line of stdout.split('\n')) {
    const space = line.indexOf(' ');
    const key = space === -1 ? line : line.slice(0, space);
    const value = space === -1 ? '' : line.slice(space + 1);
    if (key === 'roles-status') result.rolesStatus = Number(value);
    else if (key === 'roles') result.rolesBefore = fromBase64(value).split('\n').filter(Boolean);
    else if (key === 'prepare-status') result.prepareStatus = Number(value);
    else if (key === 'stream-status') result.streamStatuses = value.split(' ').filter(Boolean).map(Number);
    else if (key === 'collation-status') result.collationStatus = Number(value);
    else if (key === 'errors') result.errors = fromBase64(value).trim();
    else if (key === 'error-connect') result.errorConnect = value;
    else if (key === 'error-statement') result.errorStatement = value;
  }
  return result;
}

/** The database a `\connect` line of pg_dumpall names (`\connect x` or `\connect -reuse-previous=on "dbname='x'"`). */
export function connectedDatabase(line: string | null): string | null {
  if (!line) return null;
  const quoted = /dbname='((?:[^'\\]|\\.)*)'/.exec(line);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
  const plain = /^\\connect\s+(\S+)/.exec(line);
  return plain ? plain[1]!.replace(/^"(.*)"$/, '$1') : null;
}

/** What went wrong in a restore, worst first (empty: it went through). */
export interface RestoreVerdict {
  readonly ok: boolean;
  /** The run changed nothing yet (it failed before any database was dropped). */
  readonly untouched: boolean;
  /** Where an SQL error happened. */
  readonly database: string | null;
  readonly statement: string | null;
  readonly problems: string[];
}

const STREAM_STAGES = ['the decompressor', 'the role filter (awk, then dd)', 'psql'];

export function judgeRestore(result: RestoreScriptResult): RestoreVerdict {
  const problems: string[] = [];
  const said = result.errors ? `: ${result.errors.split('\n').slice(0, 3).join(' ')}` : '';
  if (result.rolesStatus !== 0) {
    problems.push(`reading the target's roles failed (psql exit ${result.rolesStatus ?? 'unknown'})${said}`);
    return { ok: false, untouched: true, database: null, statement: null, problems };
  }
  if (result.prepareStatus !== 0) {
    problems.push(
      `ending the sessions and dropping the databases failed (psql exit ${result.prepareStatus ?? 'unknown'})${said}`,
    );
    return { ok: false, untouched: false, database: null, statement: null, problems };
  }
  const database =
    result.errorStatement !== null ? (connectedDatabase(result.errorConnect) ?? 'template1') : null;
  if (result.streamStatuses.length !== STREAM_STAGES.length) {
    problems.push(`the restore stream did not report its ${STREAM_STAGES.length} exit statuses`);
  }
  const psqlFailed = (result.streamStatuses[2] ?? 0) !== 0;
  result.streamStatuses.forEach((status, index) => {
    // When psql stops, the stages before it get SIGPIPE: a consequence, not a cause.
    if (status === 0 || (psqlFailed && index < 2 && status === 141)) return;
    const stage = STREAM_STAGES[index] ?? `stage ${index + 1}`;
    if (index === 2 && status === 3) problems.push(`psql stopped at an SQL error (ON_ERROR_STOP)${said}`);
    else if (index === 1 && status === 4)
      problems.push(`the dump contains the role guard's tag ${ROLE_GUARD_TAG}: refused`);
    else problems.push(`${stage} exited ${status}${index === 2 ? said : ''}`);
  });
  if (problems.length === 0 && result.collationStatus !== 0) {
    problems.push(`refreshing the collation versions failed (psql exit ${result.collationStatus})${said}`);
  }
  return {
    ok: problems.length === 0,
    untouched: false,
    database,
    statement: result.errorStatement,
    problems,
  };
}

const sqlLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * After a drill: the scratch cluster as it was found (only postgres and the templates): every
 * restored database dropped, postgres recreated empty, the roles the restore created dropped.
 */
export function drillCleanupScript(psql: PsqlCommand, rolesBefore: readonly string[]): string {
  const before = rolesBefore.length > 0 ? rolesBefore.map(sqlLiteral).join(', ') : "''";
  return `${shellJoin(psqlArgv(psql, 'template1'))} -A -t >/dev/null <<'GWOPS_SQL'
${prepareSql(['postgres'])}SELECT format('DROP ROLE %I', rolname) FROM pg_roles WHERE quote_ident(rolname) NOT IN (${before}) AND rolname NOT LIKE 'pg\\_%' ORDER BY 1 \\gexec
GWOPS_SQL
`;
}

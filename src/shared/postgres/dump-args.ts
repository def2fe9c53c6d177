import { ConfigurationError } from '../errors.js';

/**
 * pg_dumpall options a user may add. An allow-list, because the pipeline owns the output
 * (`-f`), the connection (`-h -p -U -d`, `-w/-W` would prompt or hang) and the format; anything
 * that would make the output something other than a complete cluster dump is refused too.
 */
const FLAGS = new Set([
  '-c',
  '--clean',
  '--if-exists',
  '-O',
  '--no-owner',
  '-x',
  '--no-privileges',
  '--no-acl',
  '--no-role-passwords',
  '--no-comments',
  '--no-publications',
  '--no-subscriptions',
  '--no-security-labels',
  '--no-tablespaces',
  '--no-table-access-method',
  '--no-toast-compression',
  '--no-unlogged-table-data',
  '--no-sync',
  '--inserts',
  '--column-inserts',
  '--disable-dollar-quoting',
  '--disable-triggers',
  '--quote-all-identifiers',
  '--use-set-session-authorization',
  '--load-via-partition-root',
  '-v',
  '--verbose',
]);
/** Options that take a value, as `--name=value`. */
const WITH_VALUE = new Set([
  '--exclude-database',
  '--extra-float-digits',
  '--lock-wait-timeout',
  '--rows-per-insert',
  '--encoding',
  '--role',
]);
const OWNED = new Map([
  ['-f', 'the dump is written by the pipeline'],
  ['--file', 'the dump is written by the pipeline'],
  ['-h', 'set postgres-host'],
  ['--host', 'set postgres-host'],
  ['-p', 'set postgres-port'],
  ['--port', 'set postgres-port'],
  ['-U', 'set postgres-user'],
  ['--username', 'set postgres-user'],
  ['-d', 'the connection is set by the other postgres-* settings'],
  ['--dbname', 'the connection is set by the other postgres-* settings'],
  ['-l', 'the connection is set by the other postgres-* settings'],
  ['--database', 'the connection is set by the other postgres-* settings'],
  ['-W', 'it would wait for a password prompt'],
  ['--password', 'it would wait for a password prompt'],
  ['-g', 'a snapshot needs the whole cluster'],
  ['--globals-only', 'a snapshot needs the whole cluster'],
  ['-r', 'a snapshot needs the whole cluster'],
  ['--roles-only', 'a snapshot needs the whole cluster'],
  ['-t', 'a snapshot needs the whole cluster'],
  ['--tablespaces-only', 'a snapshot needs the whole cluster'],
  ['-a', 'a snapshot needs the whole cluster'],
  ['--data-only', 'a snapshot needs the whole cluster'],
  ['-s', 'a snapshot needs the whole cluster'],
  ['--schema-only', 'a snapshot needs the whole cluster'],
  ['--binary-upgrade', 'it is for pg_upgrade only'],
]);

const VALUE = /^[A-Za-z0-9_.,:*?-]+$/;

/** Checks the `pg-dumpall-args` setting; returns the argv to append, or throws naming every bad one. */
export function validatePgDumpallArgs(args: readonly string[]): string[] {
  const problems: string[] = [];
  for (const arg of args) {
    const at = arg.indexOf('=');
    const name = at === -1 ? arg : arg.slice(0, at);
    const value = at === -1 ? null : arg.slice(at + 1);
    const owned = OWNED.get(name);
    if (owned) {
      problems.push(`Invalid pg-dumpall-args '${arg}': not allowed, because ${owned}.`);
    } else if (FLAGS.has(name)) {
      if (value !== null) problems.push(`Invalid pg-dumpall-args '${arg}': ${name} takes no value.`);
    } else if (WITH_VALUE.has(name)) {
      if (value === null || !VALUE.test(value)) {
        problems.push(
          `Invalid pg-dumpall-args '${arg}': expected ${name}=<value> with letters, digits and _.,:*?- only.`,
        );
      }
    } else {
      problems.push(
        `Invalid pg-dumpall-args '${arg}': unknown or unsupported option. Expected pg_dumpall options such as --no-role-passwords or --exclude-database=name.`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return [...args];
}

/** True when pg-dumpall-args makes the dump hold INSERT statements instead of COPY data blocks. */
export function dumpsInserts(args: readonly string[]): boolean {
  return args.some(
    (arg) => arg === '--inserts' || arg === '--column-inserts' || arg.startsWith('--rows-per-insert'),
  );
}

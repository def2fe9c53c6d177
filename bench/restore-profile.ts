/**
 * Where a restore's time goes, piece by piece, on the test bench: the pre-verify's checksum and
 * stream test, dropping the restored databases, the stream through sed (the bare baseline's
 * filter) and through the restore's filter (awk over the roles part, dd for the rest), the row counts.
 *
 *   node --experimental-strip-types --import ./test/services/register.mjs bench/restore-profile.ts [MiB]
 */
import { execFile } from 'node:child_process';
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { restoreFilterFunction } from '../src/shared/postgres/restore-script.js';
import { ROW_COUNTS_SQL } from '../src/shared/postgres/row-counts.js';
import { shellQuote } from '../src/shared/remote/script.js';
import { startBench } from '../test/services/bench.js';

const execFileP = promisify(execFile);
const mib = Number(process.argv[2] ?? 200);
const bench = await startBench({ log: (m) => process.stderr.write(`${m}\n`) });
const info = bench.info;
const container = info.containers.postgres;
const knownHosts = join(info.tempDir, 'profile_known_hosts');
writeFileSync(knownHosts, `${info.ssh.knownHostsLine}\n`);
const ssh = (script: string) =>
  execFileP(
    'ssh',
    [
      '-i',
      info.ssh.clientKey.privateKeyPath,
      '-p',
      String(info.ssh.port),
      '-o',
      'BatchMode=yes',
      '-o',
      `UserKnownHostsFile=${knownHosts}`,
      `${info.ssh.username}@127.0.0.1`,
      script,
    ],
    { maxBuffer: 16 * 2 ** 20 },
  );
const psqlIn = `docker exec -i ${container} sh -c 'PGPASSWORD="$POSTGRES_PASSWORD" exec psql -X -q -v ON_ERROR_STOP=1 -U postgres -d template1'`;
const timed = async (name: string, script: string) => {
  const at = performance.now();
  const { stdout } = await ssh(`set -o pipefail; ${script}`);
  process.stdout.write(
    `${name}: ${((performance.now() - at) / 1000).toFixed(2)} s ${stdout.trim().slice(0, 80)}\n`,
  );
};
const sql = (s: string) => `${psqlIn} -A -t <<'EOS'\n${s}\nEOS`;
const emptyCluster = sql(
  "SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database WHERE datname NOT IN ('template0','template1') \\gexec\nCREATE DATABASE postgres;",
);

const filterFunction = restoreFilterFunction(
  `-v existing=postgres -v superuser=postgres -v keep=1 -v tag=${shellQuote('$gwops_role$')}`,
);
const rows = Math.round((mib * 2 ** 20) / 74);
await ssh(
  sql(
    `DROP DATABASE IF EXISTS rb_bulk WITH (FORCE);\nCREATE DATABASE rb_bulk;\n\\connect rb_bulk\nCREATE TABLE noise (id bigint, a text, b text); INSERT INTO noise SELECT g, md5(g::text), md5((g * 7)::text) FROM generate_series(1, ${rows}) g;`,
  ),
);
const deployDir = join(info.workDir, 'restore-profile');
mkdirSync(deployDir, { recursive: true });
if (info.user.dedicated) chownSync(deployDir, info.user.uid, info.user.gid);
const dump = join(deployDir, 'dump.sql.zst');
await ssh(
  `docker exec ${container} sh -c 'PGPASSWORD="$POSTGRES_PASSWORD" exec pg_dumpall -U postgres' | sed '/^CREATE ROLE postgres;$/d' | zstd -q -3 -T0 -o ${dump}`,
);
await timed('size (compressed)', `stat -c %s ${dump}`);
await timed('sha256sum', `sha256sum ${dump}`);
await timed('zstd -t', `zstd -q -t ${dump}`);
await timed('sha256sum + zstd -t in one pass', `tee >(zstd -q -t) <${dump} | sha256sum`);
await timed('zstd -dc | wc -c', `zstd -dc ${dump} | wc -c`);
await timed(
  'zstd -dc | restore filter | wc -c',
  `${filterFunction}\nzstd -dc ${dump} | restore_filter 2>/dev/null | wc -c`,
);
await timed('zstd -dc | sed | wc -c', `zstd -dc ${dump} | sed '/^CREATE ROLE postgres;$/d' | wc -c`);
for (let i = 0; i < 2; i++) {
  await timed('drop databases (after a restore)', emptyCluster);
  await timed(
    'bare: zstd | sed | psql',
    `zstd -dc ${dump} | sed '/^CREATE ROLE postgres;$/d' | ${psqlIn} >/dev/null`,
  );
  await timed('drop databases (after a restore)', emptyCluster);
  await timed(
    'ours: zstd | restore filter | psql -f -',
    `${filterFunction}\nzstd -q -d -c -- ${dump} | restore_filter 2>/dev/null | ${psqlIn} -f - >/dev/null`,
  );
  await timed(
    'count(*) as the proof runs it (query_to_xml), first read after the load',
    sql(`\\connect rb_bulk\n${ROW_COUNTS_SQL};`),
  );
  await timed('count(*) again (hint bits set)', sql('\\connect rb_bulk\nSELECT count(*) FROM noise;'));
  await timed(
    'count(*) again, no parallel workers',
    sql('\\connect rb_bulk\nSET max_parallel_workers_per_gather = 0;\nSELECT count(*) FROM noise;'),
  );
  await timed(
    'collation refresh',
    sql(
      "SELECT format('ALTER DATABASE %I REFRESH COLLATION VERSION', datname) FROM pg_database WHERE datname <> 'template0' \\gexec",
    ),
  );
}
await bench.stop();

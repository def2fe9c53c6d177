/**
 * Benchmark of `gateway-ops restore` (PostgreSQL) against the bare `zstd -dc dump | psql -v
 * ON_ERROR_STOP=1` on the same host, in alternating pairs, on the test bench (PostgreSQL 15, sshd,
 * the docker double). The dump is a real snapshot taken by `gateway-ops backup` of md5-text tables.
 *
 *   node --experimental-strip-types --import ./test/services/register.mjs bench/restore.ts [pairs] [MiB ...]
 *
 * The sizes are of the plain SQL (the first is the ratio's; every size gives a peak RSS). The
 * pairs run without a safety snapshot; one more restore of the first size takes it, and its time
 * is a row of its own. Writes docs/benchmarks-restore.md.
 */
import { execFile, spawn } from 'node:child_process';
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startBench } from '../test/services/bench.js';

const execFileP = promisify(execFile);
const args = process.argv.slice(2);
const pairs = Number(args[0] ?? 3);
const sizes = args.slice(1).map(Number);
if (sizes.length === 0) sizes.push(1100, 300);
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const bench = await startBench({ log: (m) => process.stderr.write(`${m}\n`) });
const info = bench.info;
const container = info.containers.postgres;
const pgEnv = { ...process.env, PGPASSWORD: info.postgres.password };
const psql = async (sql: string, db = 'postgres') =>
  (
    await execFileP(
      join(info.postgres.binDir, 'psql'),
      [
        '-X',
        '-A',
        '-t',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        '127.0.0.1',
        '-p',
        String(info.postgres.port),
        '-U',
        'postgres',
        '-d',
        db,
        '-c',
        sql,
      ],
      { env: pgEnv, maxBuffer: 64 * 2 ** 20 },
    )
  ).stdout.trim();
const knownHosts = join(info.tempDir, 'bench_known_hosts');
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
const host = (await ssh('hostname')).stdout.trim();

function inputs(deployDir: string): Record<string, string> {
  return {
    'ssh-host': '127.0.0.1',
    'ssh-port': String(info.ssh.port),
    'ssh-user': info.ssh.username,
    'ssh-private-key': info.ssh.clientKey.privateKey,
    'ssh-host-fingerprint': info.ssh.hostFingerprint,
    'deploy-dir': deployDir,
    components: 'postgres',
    'postgres-container': container,
  };
}

function run(script: string, settings: Record<string, string>): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', '--import', './test/services/register.mjs', script],
      {
        env: { ...process.env, GWOPS_BENCH_RUN: JSON.stringify(settings) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`${script} exited ${code}`)),
    );
  });
}

/** A cluster holding `mib` MiB of plain SQL (md5 text), and its snapshot. */
async function prepare(mib: number): Promise<{ deployDir: string; dump: string }> {
  await psql('DROP DATABASE IF EXISTS rb_bulk WITH (FORCE)');
  await psql('CREATE DATABASE rb_bulk');
  const rows = Math.round((mib * 2 ** 20) / 74); // one COPY line of id + two md5s is ~74 bytes
  await psql(
    `CREATE TABLE noise (id bigint, a text, b text); INSERT INTO noise SELECT g, md5(g::text), md5((g * 7)::text) FROM generate_series(1, ${rows}) g;`,
    'rb_bulk',
  );
  const deployDir = join(info.workDir, `restore-bench-${mib}`);
  mkdirSync(deployDir, { recursive: true });
  if (info.user.dedicated) chownSync(deployDir, info.user.uid, info.user.gid);
  await run('bench/postgres-run.ts', inputs(deployDir));
  const dump = (await ssh(`ls -d ${deployDir}/data/backups/*/postgres/pg_dumpall.sql.zst`)).stdout.trim();
  return { deployDir, dump };
}

/** The bare pipeline needs a cluster without the dump's databases and roles (made so, untimed). */
async function bare(dump: string): Promise<number> {
  for (const db of (
    await psql("SELECT datname FROM pg_database WHERE datname NOT IN ('template0','template1')")
  )
    .split('\n')
    .filter(Boolean))
    await psql(`DROP DATABASE "${db}" WITH (FORCE)`, 'template1');
  await psql('CREATE DATABASE postgres', 'template1');
  const started = performance.now();
  // The dump's CREATE ROLE postgres fails on any cluster (the role exists): the bare baseline drops that one line.
  await ssh(
    `set -o pipefail; zstd -dc ${dump} | sed '/^CREATE ROLE postgres;$/d' | docker exec -i ${container} sh -c 'PGPASSWORD="$POSTGRES_PASSWORD" exec psql -X -q -v ON_ERROR_STOP=1 -U postgres -d template1' >/dev/null`,
  );
  return performance.now() - started;
}

const ourSettings = (deployDir: string, safety = false) => ({
  ...inputs(deployDir),
  confirm: host,
  'restore-allowed-hosts': host,
  'safety-snapshot': String(safety),
  'stop-services': 'none',
});

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const lines: string[] = [];
const rss: string[] = [];
const loads: number[] = [];
const raw: Record<string, unknown>[] = [];
for (const [index, mib] of sizes.entries()) {
  const { deployDir, dump } = await prepare(mib);
  const plain = Number((await ssh(`zstd -dc ${dump} | wc -c`)).stdout.trim());
  const oursMs: number[] = [];
  const bareMs: number[] = [];
  let peak = 0;
  for (let i = 0; i < (index === 0 ? pairs : 1); i++) {
    const first = i % 2 === 0;
    if (first) bareMs.push(await bare(dump));
    const r = await run('bench/restore-run.ts', ourSettings(deployDir));
    oursMs.push(r['wallMs']!);
    peak = Math.max(peak, r['maxRssBytes']!);
    if (!first) bareMs.push(await bare(dump));
    loads.push(loadavg()[0]!);
    process.stderr.write(
      `restore bench ${mib} MiB pair ${i + 1}: ours ${oursMs.at(-1)!.toFixed(0)} ms, bare ${bareMs.at(-1)!.toFixed(0)} ms\n`,
    );
  }
  raw.push({ mib, plainBytes: plain, oursMs, bareMs, peakRssBytes: peak });
  rss.push(`| ${(plain / 2 ** 20).toFixed(0)} MiB plain SQL | ${(peak / 2 ** 20).toFixed(0)} MB |`);
  if (index === 0) {
    // One more restore, with its safety snapshot (a full snapshot run of the cluster first).
    const safe = await run('bench/restore-run.ts', ourSettings(deployDir, true));
    loads.push(loadavg()[0]!);
    raw.push({ mib, withSafetySnapshot: safe });
    lines.push(
      `| plain SQL | pairs | bare median | gateway-ops restore median | ratio |`,
      `|---|---|---|---|---|`,
      `| ${(plain / 2 ** 20).toFixed(0)} MiB | ${pairs} | ${sec(median(bareMs))} | ${sec(median(oursMs))} | ${(median(oursMs) / median(bareMs)).toFixed(3)} |`,
      `| safety snapshot (one run, its own row) | 1 | - | ${sec(safe['safetyMs']!)} of a restore taking ${sec(safe['wallMs']!)} | - |`,
    );
  }
}
await bench.stop();
const command = `node --experimental-strip-types --import ./test/services/register.mjs bench/restore.ts ${[pairs, ...sizes].join(' ')}`;
const report = [
  '# Benchmark: the PostgreSQL restore',
  '',
  `Written by \`bench/restore.ts\` on ${new Date().toISOString().slice(0, 16)}Z: \`${command}\`.`,
  '',
  'A real snapshot of md5-text tables taken by `gateway-ops backup`, restored (a) by the bare',
  '`zstd -dc dump | psql -v ON_ERROR_STOP=1` into an emptied cluster and (b) by the whole',
  '`gateway-ops restore` command in its own Node process (`stop-services: none`, no safety',
  'snapshot), in alternating pairs; then one more restore with its safety snapshot.',
  '',
  `Machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB. Load average (1 min) after each run: ${loads.map((l) => l.toFixed(1)).join(', ')} (other sessions share this machine).`,
  '',
  ...lines,
  '',
  '| size | peak RSS of the Node process |',
  '|---|---|',
  ...rss,
  '',
  'Raw runs (ms):',
  '',
  '```json',
  JSON.stringify(raw, null, 1),
  '```',
  '',
].join('\n');
mkdirSync('docs', { recursive: true });
writeFileSync('docs/benchmarks-restore.md', report);
process.stdout.write(report);

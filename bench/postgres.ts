/**
 * Benchmark of the PostgreSQL snapshot against the bare pipeline and the reference runbook's method,
 * on the test bench (PostgreSQL 15, sshd, the docker double), at several database sizes.
 *
 *   node --experimental-transform-types --import ./test/services/register.mjs bench/postgres.ts [runs] [pgbench:70 pgbench:200 text:10 ...]
 *
 * Writes docs/benchmarks-postgres.md (and with `--json <file>` the medians as JSON, for bench/run-all.ts).
 */
import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { shellQuote } from '../src/shared/remote/quote.js';
import { startBench } from '../test/services/bench.js';
import { jsonOption, writeJson } from './json.js';

const execFileP = promisify(execFile);
// Datasets: `pgbench:<scale>` or `text:<million rows>` (md5 text: compresses ~2x, like real data,
// unlike pgbench's blank filler which compresses ~170x). The last pgbench one also runs the reference.
const { args, json } = jsonOption(process.argv.slice(2));
const runs = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 3);
const datasets = args.filter((arg) => /^(pgbench|text):\d+$/.test(arg));
if (datasets.length === 0) datasets.push('pgbench:70', 'pgbench:200', 'text:10');
const large = datasets.filter((dataset) => dataset.startsWith('pgbench:')).at(-1);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const bench = await startBench({ log: (m) => process.stderr.write(`${m}\n`) });
const info = bench.info;
const pgEnv = { ...process.env, PGPASSWORD: info.postgres.password };
/** How psql and pgbench reach the bench cluster: TCP on loopback as its superuser. */
const pgConnection = ['-h', '127.0.0.1', '-p', String(info.postgres.port), '-U', 'postgres'];
const psql = async (sql: string, db = 'postgres') =>
  (
    await execFileP(
      join(info.postgres.binDir, 'psql'),
      ['-X', '-A', '-t', ...pgConnection, '-d', db, '-c', sql],
      { env: pgEnv },
    )
  ).stdout.trim();

const knownHosts = join(info.tempDir, 'bench_known_hosts');
writeFileSync(knownHosts, `${info.ssh.knownHostsLine}\n`);
const sshArgs = [
  '-i',
  info.ssh.clientKey.privateKeyPath,
  '-p',
  String(info.ssh.port),
  '-o',
  'BatchMode=yes',
  '-o',
  'StrictHostKeyChecking=yes',
  '-o',
  `UserKnownHostsFile=${knownHosts}`,
  `${info.ssh.username}@127.0.0.1`,
];
const container = info.containers.postgres;
const inContainerDump = `docker exec -i ${container} sh -c 'PGPASSWORD="$POSTGRES_PASSWORD" exec pg_dumpall -U postgres'`;

async function timed(argv: string[]): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await execFileP(argv[0]!, argv.slice(1), { maxBuffer: 16 * 1024 * 1024 });
  return { ms: performance.now() - started, stdout };
}

/** The children's user+system CPU from bash's `times` (its last line). */
function cpuOf(stdout: string): number {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return (
    [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0) *
    1000
  );
}

function workDir(name: string): string {
  const dir = join(info.workDir, `${name}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  if (info.user.dedicated) chownSync(dir, info.user.uid, info.user.gid);
  return dir;
}

/** CPU time the whole machine spent (all processes: PostgreSQL's backends too), from /proc/stat. */
function machineCpuMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
  const busy = fields
    .slice(0, 8)
    .reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
  return (busy * 1000) / 100;
}

async function ours(compression: 'zstd' | 'gzip'): Promise<Record<string, number>> {
  const deployDir = workDir('ours');
  const inputs = {
    'ssh-host': '127.0.0.1',
    'ssh-port': String(info.ssh.port),
    'ssh-user': info.ssh.username,
    'ssh-private-key': info.ssh.clientKey.privateKey,
    'ssh-host-fingerprint': info.ssh.hostFingerprint,
    'deploy-dir': deployDir,
    components: 'postgres',
    'postgres-container': container,
    compression,
  };
  const cpuBefore = machineCpuMs();
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-transform-types',
        '--no-warnings',
        '--import',
        './test/services/register.mjs',
        'bench/postgres-run.ts',
      ],
      {
        env: { ...process.env, GWOPS_BENCH_RUN: JSON.stringify(inputs) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`postgres-run exited ${code}`)),
    );
  });
  const processMs = performance.now() - started;
  const machineMs = machineCpuMs() - cpuBefore;
  const result = JSON.parse(output.trim().split('\n').pop()!) as Record<string, number>;
  await execFileP('rm', ['-rf', deployDir]);
  return { ...result, processMs, machineCpuMs: machineMs };
}

async function bare(): Promise<{ ms: number; cpuMs: number; machineCpuMs: number }> {
  const dir = workDir('bare');
  const pipeline = `set -o pipefail; ${inContainerDump} | zstd -q -T0 -3 > ${dir}/dump.sql.zst; times`;
  const cpuBefore = machineCpuMs();
  const { ms, stdout } = await timed(['ssh', ...sshArgs, `bash -c ${shellQuote(pipeline)}`]);
  const machineMs = machineCpuMs() - cpuBefore;
  await execFileP('rm', ['-rf', dir]);
  return { ms, cpuMs: cpuOf(stdout), machineCpuMs: machineMs };
}

/** The reference runbook: dump to a file, copy it into the dated dir, then gzip it there. */
async function reference(): Promise<number> {
  const dir = workDir('reference');
  const { ms } = await timed([
    'ssh',
    ...sshArgs,
    `set -e; ${inContainerDump} > ${dir}/staged.sql; mkdir -p ${dir}/day/postgres; cp ${dir}/staged.sql ${dir}/day/postgres/pg_dumpall.sql; gzip ${dir}/day/postgres/pg_dumpall.sql; rm ${dir}/staged.sql`,
  ]);
  await execFileP('rm', ['-rf', dir]);
  return ms;
}

interface SizeResult {
  dataset: string;
  dbBytes: number;
  plainBytes: number;
  dumpBytes: number;
  bare: number[];
  bareCpu: number[];
  bareMachineCpu: number[];
  loadAverage: number[];
  ours: Record<string, number>[];
  reference: number[];
  oursGzip: Record<string, number>[];
}

const results: SizeResult[] = [];
try {
  for (const dataset of datasets) {
    const [kind, sizeText] = dataset.split(':') as [string, string];
    const scale = Number(sizeText);
    await psql('DROP DATABASE IF EXISTS pgbench');
    await psql('CREATE DATABASE pgbench');
    process.stderr.write(`bench: dataset ${dataset}\n`);
    if (kind === 'pgbench') {
      await execFileP(
        join(info.postgres.binDir, 'pgbench'),
        ['-i', '-q', '-s', String(scale), ...pgConnection, 'pgbench'],
        { env: pgEnv, maxBuffer: 64 * 1024 * 1024 },
      );
    } else {
      await psql(
        `CREATE TABLE notes AS SELECT g AS id, md5(g::text) || md5((g * 7)::text) AS body, now() AS created FROM generate_series(1, ${scale * 1_000_000}) g`,
        'pgbench',
      );
    }
    await psql('VACUUM ANALYZE', 'pgbench');
    const dbBytes = Number(await psql(`SELECT pg_database_size('pgbench')`));
    const result: SizeResult = {
      dataset,
      dbBytes,
      plainBytes: 0,
      dumpBytes: 0,
      bare: [],
      bareCpu: [],
      bareMachineCpu: [],
      loadAverage: [],
      ours: [],
      reference: [],
      oursGzip: [],
    };
    // Warm the caches once, then alternate so drift hits both sides alike.
    await bare();
    for (let run = 0; run < runs; run++) {
      result.loadAverage.push(loadavg()[0]!);
      const floor = await bare();
      result.bare.push(floor.ms);
      result.bareCpu.push(floor.cpuMs);
      result.bareMachineCpu.push(floor.machineCpuMs);
      const mine = await ours('zstd');
      result.ours.push(mine);
      result.dumpBytes = mine['bytes']!;
      process.stderr.write(
        `bench: ${dataset} run ${run + 1}: bare ${floor.ms.toFixed(0)} ms, ours ${mine['wallMs']!.toFixed(0)} ms (${(mine['wallMs']! / floor.ms).toFixed(2)}); machine CPU bare ${floor.machineCpuMs.toFixed(0)} ours ${mine['machineCpuMs']!.toFixed(0)}; host CPU bare ${floor.cpuMs.toFixed(0)} ours ${mine['pipelineCpuSeconds']!.toFixed(0)}; prepare ${mine['prepareSeconds']!.toFixed(0)}, pipeline ${mine['pipelineSeconds']!.toFixed(0)}, check after it ${mine['checkSeconds']!.toFixed(0)}; rss ${(mine['maxRssBytes']! / 2 ** 20).toFixed(0)} MiB\n`,
      );
    }
    result.plainBytes = result.ours.at(-1)?.['plainBytes'] ?? 0;
    for (let run = 0; run < Math.min(runs, 3); run++) result.reference.push(await reference());
    if (dataset === large) result.oursGzip.push(await ours('gzip'));
    process.stderr.write(
      `bench: reference ${result.reference.map((ms) => ms.toFixed(0)).join(', ')} ms${result.oursGzip[0] ? `, ours gzip ${result.oursGzip[0]['wallMs']!.toFixed(0)} ms` : ''}\n`,
    );
    results.push(result);
  }
} finally {
  await bench.stop();
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const min = (values: number[]) => Math.min(...values);
const ratios = (r: SizeResult) => r.ours.map((o, i) => o['wallMs']! / r.bare[i]!);
const lines: string[] = [
  '# Benchmark: PostgreSQL snapshot',
  '',
  `Run ${new Date().toISOString().slice(0, 16)}Z by \`bench/postgres.ts\` on the test bench: PostgreSQL 15 (fsync off), OpenSSH sshd on`,
  `loopback, the \`docker\` double (runs \`pg_dumpall\` on the host with the container's environment), ${cpus().length} CPUs, ${mib(totalmem())} RAM.`,
  `Datasets: \`pgbench -i -s <scale>\` (blank-padded rows: compresses ~100x) and \`text:<N>\`, N million rows of md5 text`,
  `(compresses ~3x, closer to real data). The whole cluster is dumped. ${runs} alternating runs (bare, ours, bare, ours, ...)`,
  'after one warm-up; the ratio is taken per pair, in the same run, and its median reported.',
  '',
  "- **bare**: `ssh host 'docker exec -i C pg_dumpall | zstd -T0 -3 > f'` (OpenSSH client): the floor.",
  '- **ours**: the real `gateway-ops backup` (components: postgres) in its own Node process (bench/postgres-run.ts),',
  '  settings read as the action reads its inputs, from SSH connect to the result: lock and leftover check (one exec)',
  '  while the PostgreSQL checks run (tools, versions, container env: one exec), the pipeline',
  '  `pg_dumpall | zstd -T0 -3 | tee file fifo | sha256` with every PIPESTATUS checked, alongside it the check',
  '  `zstd -d <fifo | grep | awk` (integrity as `zstd -t`, the completion mark at the very end, row counts per',
  "  table from the dump's COPY blocks), server facts through the tunnel, manifest, fsync of dump + manifest + dirs,",
  '  rename, retention.',
  '- **machine CPU**: CPU time of the whole machine during the run (/proc/stat: PostgreSQL backends, sshd, Node',
  '  included; other sessions on this shared machine too).',
  "- **reference**: the runbook's method: dump to a file, copy it into the dated dir, gzip it there (no checks at all).",
  '',
  '| dataset | database | plain dump | zstd | bare: wall (min / median) | ours: wall (min / median) | ours / bare (median of pairs; min / max) | machine CPU: bare / ours (median) | ours: pipeline | reference (median) | reference / ours | peak RSS (Node) |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const r of results) {
  const oursWall = r.ours.map((o) => o['wallMs']!);
  const pairs = ratios(r);
  lines.push(
    `| ${r.dataset} | ${mib(r.dbBytes)} | ${mib(r.plainBytes)} | ${mib(r.dumpBytes)} | ${sec(min(r.bare))} / ${sec(median(r.bare))} | ${sec(min(oursWall))} / ${sec(median(oursWall))} | **${median(pairs).toFixed(2)}**; ${min(pairs).toFixed(2)} / ${Math.max(...pairs).toFixed(2)} | ${sec(median(r.bareMachineCpu))} / ${sec(median(r.ours.map((o) => o['machineCpuMs']!)))} | ${sec(median(r.ours.map((o) => o['pipelineSeconds']!)))} | ${sec(median(r.reference))} | ${(median(r.reference) / median(oursWall)).toFixed(1)}x | ${mib(Math.max(...r.ours.map((o) => o['maxRssBytes']!)))} |`,
  );
}
lines.push(
  '',
  `Load average (1 min) during the runs: ${results
    .flatMap((r) => r.loadAverage)
    .map((l) => l.toFixed(1))
    .join(', ')} on ${cpus().length} CPUs (other sessions share this machine).`,
);
const big = results.find((r) => r.dataset === large);
if (big?.oursGzip[0]) {
  lines.push(
    '',
    `Ours with gzip -6 instead of zstd on ${big.dataset}: ${sec(big.oursGzip[0]['wallMs']!)} (reference ${sec(median(big.reference))}).`,
  );
}
lines.push(
  '',
  'Raw runs (ms):',
  '',
  '```json',
  JSON.stringify(results, (key, value) => (key === 'path' ? undefined : value), 1),
  '```',
  '',
);
mkdirSync('docs', { recursive: true });
// The hand-written analysis below the marker survives a re-run.
const MARK = '<!-- analysis: kept when bench/postgres.ts rewrites the numbers above -->';
const previous = existsSync('docs/benchmarks-postgres.md')
  ? readFileSync('docs/benchmarks-postgres.md', 'utf8')
  : '';
const analysis = previous.includes(MARK) ? previous.slice(previous.indexOf(MARK)) : `${MARK}\n`;
writeFileSync('docs/benchmarks-postgres.md', `${lines.join('\n')}\n${analysis}`);
process.stderr.write(`${lines.slice(0, 30).join('\n')}\n`);
writeJson(json, {
  runs,
  loadAverage: results.flatMap((r) => r.loadAverage),
  datasets: results.map((r) => ({
    dataset: r.dataset,
    dbBytes: r.dbBytes,
    plainBytes: r.plainBytes,
    dumpBytes: r.dumpBytes,
    bareMedianMs: median(r.bare),
    oursMedianMs: median(r.ours.map((o) => o['wallMs']!)),
    ratioMedian: median(ratios(r)),
    ratioMin: min(ratios(r)),
    ratioMax: Math.max(...ratios(r)),
    referenceMedianMs: median(r.reference),
    peakRssBytes: Math.max(...r.ours.map((o) => o['maxRssBytes']!)),
  })),
});

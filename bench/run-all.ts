/**
 * Every benchmark, each in its own whole process, with its sizes from SIZES below; then
 * docs/benchmarks.md: the machine, the date, one row per target with the verdict computed from
 * the numbers, links to each benchmark's own report, and a plot (docs/benchmarks.svg).
 *
 *   npm run bench                  # the documented sizes (long: an hour or more)
 *   npm run bench -- --quick       # small sizes, few runs: minutes (CI runs it; numbers not asserted)
 *   npm run bench -- --only startup,migrations
 *
 * `--quick` writes its reports to .bench-work/quick/ and leaves docs/ as it was: small sizes
 * prove the benchmarks run, they do not replace the measured figures.
 * Needs what the tests need (scripts/setup-test-env.sh), the CLI built (lib/) and the bundles.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { budgetPlot } from './plot.js';
import {
  migrationRows,
  openSearchRows,
  postgresRows,
  type Row,
  restoreFromStdout,
  restoreRows,
  startupRows,
} from './verdicts.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyAt = argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : (argv[onlyAt + 1] ?? '').split(',').filter(Boolean);

type BenchName = 'startup' | 'migrations' | 'postgres' | 'restore' | 'opensearch';
/** The sizes, in one place: each benchmark's own arguments (see each file's header). */
const SIZES: Record<'full' | 'quick', Record<BenchName, string[]>> = {
  full: {
    startup: ['15'],
    migrations: ['40', '300', '5'],
    postgres: ['9', 'pgbench:70', 'pgbench:200', 'text:10'],
    restore: ['3', '1100', '300'],
    opensearch: ['50000', '5'],
  },
  quick: {
    startup: ['5'],
    migrations: ['10', '50', '3'],
    postgres: ['2', 'pgbench:5', 'text:1'],
    restore: ['1', '20', '5'],
    opensearch: ['2000', '1'],
  },
};
const sizes = SIZES[quick ? 'quick' : 'full'];

interface Bench {
  name: BenchName;
  file: string;
  nodeFlags: string[];
  /** It writes its figures with `--json <file>`; otherwise they are read from its stdout. */
  json: boolean;
  rows: (data: unknown, args: string[]) => Row[];
  report: string;
}
const services = [
  '--experimental-transform-types',
  '--no-warnings',
  '--import',
  './test/services/register.mjs',
];
const BENCHES: Bench[] = [
  {
    name: 'startup',
    file: 'bench/startup.ts',
    nodeFlags: services,
    json: true,
    rows: (d) => startupRows(d as never),
    report: 'benchmarks-startup.md',
  },
  {
    name: 'migrations',
    file: 'bench/migrations.ts',
    nodeFlags: services,
    json: true,
    rows: (d) => migrationRows(d as never),
    report: 'benchmarks-migrations.md',
  },
  {
    name: 'postgres',
    file: 'bench/postgres.ts',
    nodeFlags: services,
    json: true,
    rows: (d) => postgresRows(d as never),
    report: 'benchmarks-postgres.md',
  },
  {
    name: 'restore',
    file: 'bench/restore.ts',
    nodeFlags: services,
    json: false,
    rows: (stdout, args) => restoreRows(restoreFromStdout(stdout as string, Number(args[0]))),
    report: 'benchmarks-restore.md',
  },
  {
    name: 'opensearch',
    file: 'bench/opensearch.ts',
    nodeFlags: services,
    json: true,
    rows: (d) => openSearchRows(d as never),
    report: 'benchmarks-opensearch.md',
  },
];

const docs = path.join(root, 'docs');
const out = quick ? path.join(root, '.bench-work', 'quick') : docs;
const work = path.join(root, '.bench-work', 'run-all');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
mkdirSync(out, { recursive: true });

for (const [need, what] of [
  ['lib/cli/cli.js', 'the CLI: node scripts/build.mjs --no-bundle'],
  ['actions/backup/dist/index.js', 'the bundles: npm run build'],
] as const) {
  if (!existsSync(path.join(root, need))) {
    process.stderr.write(`bench: ${need} is missing; build ${what}\n`);
    process.exit(2);
  }
}

/** docs/benchmarks-*.md as they are, to put back after a quick run (which reports elsewhere). */
function detailReports(): Map<string, string> {
  const files = readdirSync(docs).filter((f) => /^benchmarks-.*\.md$/.test(f));
  return new Map(files.map((f) => [f, readFileSync(path.join(docs, f), 'utf8')]));
}

/** One benchmark as its own process; its stdout is kept (and shown), its stderr shown. */
function runOne(bench: Bench, args: string[]): Promise<{ code: number | null; stdout: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...bench.nodeFlags, bench.file, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, ms: performance.now() - started }));
  });
}

const startedAt = new Date();
const loadAtStart = loadavg();
const rows: Row[] = [];
const ran: { bench: Bench; args: string[]; seconds: number; failure?: string }[] = [];
for (const bench of BENCHES) {
  if (only && !only.includes(bench.name)) continue;
  const jsonFile = path.join(work, `${bench.name}.json`);
  const args = [...sizes[bench.name], ...(bench.json ? ['--json', jsonFile] : [])];
  const before = quick ? detailReports() : undefined;
  process.stderr.write(`\n== bench ${bench.name}: ${bench.file} ${sizes[bench.name].join(' ')}\n`);
  const result = await runOne(bench, args);
  if (before) {
    // A quick run's report goes to .bench-work/quick/; docs/ keeps the measured one.
    for (const [file, text] of detailReports()) {
      if (before.get(file) === text) continue;
      writeFileSync(path.join(out, file), text);
      if (before.has(file)) writeFileSync(path.join(docs, file), before.get(file)!);
      else rmSync(path.join(docs, file));
    }
  }
  const entry: (typeof ran)[number] = { bench, args: sizes[bench.name], seconds: result.ms / 1000 };
  try {
    if (result.code !== 0) throw new Error(`exited ${result.code}; its output is above`);
    const data = bench.json ? JSON.parse(readFileSync(jsonFile, 'utf8')) : result.stdout;
    rows.push(...bench.rows(data, sizes[bench.name]));
  } catch (error) {
    entry.failure = error instanceof Error ? error.message : String(error);
    rows.push({
      what: `${bench.name}: every row`,
      short: bench.name,
      target: '-',
      measured: `failed: ${entry.failure}`,
      verdict: 'failed',
      bench: bench.name,
    });
  }
  ran.push(entry);
}
const loadAtEnd = loadavg();

/**
 * Each benchmark's rows from the full run that last measured it (docs/benchmarks-rows.json):
 * `--only` re-measures some and keeps the others' rows, each dated, so the table stays whole.
 */
interface SavedRun {
  at: string;
  load: number[];
  seconds: number;
  failure?: string;
  rows: Row[];
}
const savedFile = path.join(docs, 'benchmarks-rows.json');
const saved: Partial<Record<BenchName, SavedRun>> =
  !quick && existsSync(savedFile) ? JSON.parse(readFileSync(savedFile, 'utf8')) : {};
const runAt = startedAt.toISOString().slice(0, 16);
for (const entry of ran) {
  saved[entry.bench.name] = {
    at: runAt,
    load: loadAtStart,
    seconds: entry.seconds,
    ...(entry.failure ? { failure: entry.failure } : {}),
    rows: rows.filter((r) => r.bench === entry.bench.name),
  };
}
if (!quick) writeFileSync(savedFile, `${JSON.stringify(saved, null, 2)}\n`);
const kept = quick ? [] : BENCHES.filter((b) => !ran.some((r) => r.bench === b) && saved[b.name]);
const allRows = quick
  ? rows
  : BENCHES.flatMap(
      (b): Row[] =>
        saved[b.name]?.rows ?? [
          {
            what: `${b.name}: every row`,
            short: b.name,
            target: '-',
            measured: `not measured by \`npm run bench\` yet (\`--only ${b.name}\`); its last separate run is in ${b.report}`,
            verdict: 'not shown',
            bench: b.name,
          },
        ],
    ).map((r) => {
      const from = saved[r.bench as BenchName];
      return from && from.at !== runAt ? { ...r, measured: `${r.measured} (run of ${from.at}Z)` } : r;
    });

const command = (name: BenchName) => {
  const bench = BENCHES.find((b) => b.name === name)!;
  return `\`node ${bench.nodeFlags.filter((f) => f !== '--no-warnings').join(' ')} ${bench.file} ${sizes[name].join(' ')}\``;
};
const link = (bench: Bench) =>
  existsSync(path.join(out, bench.report))
    ? `[${bench.report}](${bench.report})`
    : `${bench.report} (not written)`;
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
/** A table cell: a '|' inside inline code would end the cell. */
const cell = (text: string) => text.replace(/\|/g, '\\|');
const table = [
  '| what | target | measured | verdict | command | details |',
  '|---|---|---|---|---|---|',
  ...allRows.map((r) => {
    const bench = BENCHES.find((b) => b.name === r.bench)!;
    const verdict = r.verdict === 'met' ? 'met' : `**${r.verdict}**`;
    const cells = [
      r.what,
      r.target,
      r.measured,
      `${verdict}${r.note ? `: ${r.note}` : ''}`,
      command(bench.name),
    ];
    return `| ${cells.map(cell).join(' | ')} | ${link(bench)} |`;
  }),
];
/** What ran this time: a list of processes, or that `--only` named no benchmark (nothing ran). */
function ranLine(): string {
  if (ran.length > 0)
    return `Each benchmark ran as its own process: ${ran.map((r) => `${r.bench.name} ${r.seconds.toFixed(0)} s${r.failure ? ' (failed)' : ''}`).join(', ')}.`;
  return `No benchmark ran: \`--only ${(only ?? []).join(',')}\` names none of ${BENCHES.map((b) => b.name).join(', ')}.`;
}
const cpu = cpus();
const generated = [
  `Generated by \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/run-all.ts) on ${startedAt.toISOString().slice(0, 16)}Z${quick ? ', **quick sizes**: these figures show that the benchmarks run, not what the targets are about' : ''}.`,
  `Machine: ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.versions.node};`,
  `load average (1 / 5 / 15 min) ${load(loadAtStart)} at the start, ${load(loadAtEnd)} at the end.`,
  ranLine(),
  ...(kept.length > 0
    ? [
        `Rows of ${kept.map((b) => `${b.name} (${saved[b.name]!.at}Z, load ${load(saved[b.name]!.load)})`).join(', ')} are from the full run that last measured them (${ran.length > 0 ? `\`--only\` re-measured ${ran.map((r) => r.bench.name).join(', ')}` : 'this run measured none'}; docs/benchmarks-rows.json holds every run's rows).`,
      ]
    : []),
  '',
  ...table,
  '',
  '![Share of each target used, per row: 1 is the target, shorter bars are met](benchmarks.svg)',
].join('\n');

const START = '<!-- generated by bench/run-all.ts: start -->';
const END = '<!-- generated by bench/run-all.ts: end -->';
const previous = readFileSync(path.join(docs, 'benchmarks.md'), 'utf8');
const before = previous.includes(START) ? previous.slice(0, previous.indexOf(START)) : '# Benchmarks\n\n';
const after = previous.includes(END) ? previous.slice(previous.indexOf(END) + END.length) : '\n';
writeFileSync(path.join(out, 'benchmarks.md'), `${before}${START}\n${generated}\n${END}${after}`);
writeFileSync(
  path.join(out, 'benchmarks.svg'),
  budgetPlot(
    allRows,
    `gateway-ops benchmarks, ${startedAt.toISOString().slice(0, 10)}${quick ? ' (quick sizes)' : ''}`,
  ),
);
process.stdout.write(
  `${generated}\n\nWritten: ${path.relative(root, out) || '.'}/benchmarks.md and benchmarks.svg\n`,
);
process.exitCode = ran.some((r) => r.failure) ? 1 : 0;

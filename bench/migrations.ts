/**
 * Benchmark of migration-check against `python manage.py check` with django-linear-migrations,
 * as whole processes side by side (hyperfine), on two generated repositories: the large one
 * (40 apps x 300 migrations by default) and one the size of a real project (15 apps x 50
 * migrations: more than a project with ~80 commits that touch migrations has), each with a pull
 * request touching 3 apps (two of which the base moved on in).
 *
 *   bash scripts/setup-python.sh && node scripts/build.mjs --no-bundle
 *   npm run bench:migrations        # [apps perApp runs]
 *
 * Writes docs/benchmarks-migrations.md (and with `--json <file>` the medians as JSON, for bench/run-all.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  appFiles,
  chain,
  chainName,
  type Files,
  migrationSource,
  projectSkeleton,
} from '../test/fixtures/migrations/project.js';
import { jsonOption, writeJson } from './json.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { args, json: jsonOut } = jsonOption(process.argv.slice(2));
const [apps = 40, perApp = 300, runs = 5] = args.map(Number);
const work = path.join(root, '.bench-work', 'migrations');
const repo = path.join(work, 'repo');
const realRepo = path.join(work, 'real-size');
const python = path.join(root, '.venv', 'bin', 'python');

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

const loadAtStart = loadavg()[0]!.toFixed(1);
if (!existsSync(python)) {
  process.stderr.write(
    'bench/migrations.ts: run `bash scripts/setup-python.sh` first (Django + DLM in .venv)\n',
  );
  process.exit(2);
}

/** A repository where every app is a linear chain with max_migration.txt, and a PR touching 3 apps. */
function generate(repo: string, apps: number, perApp: number): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], {
      cwd: repo,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  const write = (files: Files): void => {
    for (const [p, content] of Object.entries(files)) {
      const full = path.join(repo, p);
      mkdirSync(path.dirname(full), { recursive: true });
      if (content !== null) writeFileSync(full, content);
    }
  };
  mkdirSync(repo, { recursive: true });
  const label = (i: number) => `app${String(i).padStart(2, '0')}`;
  const t0 = performance.now();
  git('init', '-q');
  write(projectSkeleton());
  git('add', '-A');
  git('commit', '-q', '-m', 'empty project');
  git('tag', 'empty');
  for (let i = 0; i < apps; i++) write(appFiles(label(i), chain(label(i), perApp)));
  git('add', '-A');
  git('commit', '-q', '-m', 'apps');
  const last = chainName(perApp);
  const next = String(perApp + 1).padStart(4, '0');
  const add = (app: string, name: string): Files => ({
    [`${app}/migrations/${next}_${name}.py`]: migrationSource({ deps: [[app, last]] }),
    [`${app}/migrations/max_migration.txt`]: `${next}_${name}\n`,
  });
  git('checkout', '-q', '-b', 'pr');
  write({ ...add(label(0), 'pr'), ...add(label(1), 'pr'), ...add(label(2), 'pr') });
  git('add', '-A');
  git('commit', '-q', '-m', 'pull request');
  git('checkout', '-q', 'main');
  write({ ...add(label(0), 'base'), ...add(label(1), 'base') });
  git('add', '-A');
  git('commit', '-q', '-m', 'base moves on');
  git('checkout', '-q', 'pr');
  // A clone (actions/checkout) has its objects in a pack, not loose.
  git('repack', '-adq');
  process.stderr.write(
    `generated ${apps} x ${perApp} migrations in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

/** The size of a real project's repository (the one migration-check was first run on had ~80 commits touching migrations). */
const REAL = { apps: 15, perApp: 50 };
rmSync(work, { recursive: true, force: true });
generate(repo, apps, perApp);
generate(realRepo, REAL.apps, REAL.perApp);

const node = process.execPath;
const cli = path.join(root, 'bin', 'gateway-ops.js');
if (!existsSync(path.join(root, 'lib', 'cli', 'cli.js'))) {
  process.stderr.write('bench/migrations.ts: build the CLI first: node scripts/build.mjs --no-bundle\n');
  process.exit(2);
}
const q = (p: string) => `'${p.replace(/'/g, `'\\''`)}'`;
const commands = {
  'node -e 0 (the floor: a bare Node process)': `${q(node)} -e 0`,
  'gateway-ops migration-check (the PR: 3 apps read)': `${q(node)} ${q(cli)} migration-check --repo ${q(repo)} --base main --head pr`,
  'gateway-ops migration-check, every app new to the branch (all files read)': `${q(node)} ${q(cli)} migration-check --repo ${q(repo)} --base empty --head pr`,
  [`gateway-ops migration-check, a project of ${REAL.apps} apps x ${REAL.perApp} migrations (the PR: 3 apps read)`]: `${q(node)} ${q(cli)} migration-check --repo ${q(realRepo)} --base main --head pr`,
  'python manage.py check (Django + DLM)': `cd ${q(repo)} && ${q(python)} manage.py check`,
};
// One cold Django run compiles 12,000 .pyc files; hyperfine's warm-up run does that.
const json = path.join(work, 'hyperfine.json');
const run = spawnSync(
  'hyperfine',
  [
    '--warmup',
    '1',
    '--runs',
    String(runs),
    '--ignore-failure',
    '--style',
    'basic',
    '--export-json',
    json,
    ...Object.entries(commands).flatMap(([name, command]) => ['--command-name', name, command]),
  ],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
if (run.status !== 0) {
  process.stderr.write(`hyperfine failed (exit ${run.status}); is it installed?\n`);
  process.exit(1);
}
interface Timing {
  command: string;
  mean: number;
  stddev: number;
  median: number;
  min: number;
  max: number;
  user: number;
  system: number;
}
const results = (JSON.parse(readFileSync(json, 'utf8')) as { results: Timing[] }).results;
const by = (prefix: string) => results.find((r) => r.command.startsWith(prefix))!;
const ours = by('gateway-ops migration-check (the PR');
const all = by('gateway-ops migration-check, every');
const django = by('python manage.py check');
const bare = by('node -e 0');
const real = by('gateway-ops migration-check, a project of');
const verdict = spawnSync(node, [
  cli,
  'migration-check',
  '--repo',
  repo,
  '--base',
  'main',
  '--head',
  'pr',
  '--format',
  'json',
]);
const verdicts = (JSON.parse(verdict.stdout.toString()) as { apps: { app: string; status: string }[] }).apps
  .filter((a) => a.status !== 'unchanged')
  .map((a) => `${a.app}: ${a.status}`);

const ms = (v: number) => `${Math.round(v * 1000)} ms`;
const cpu = (r: Timing) => r.user + r.system;
const row = (r: Timing) =>
  `| ${r.command} | ${ms(r.median)} | ${ms(r.mean)} ± ${ms(r.stddev)} | ${ms(r.min)}–${ms(r.max)} | ${ms(cpu(r))} |`;
const doc = `# Benchmark: migration-check vs \`manage.py check\` with django-linear-migrations

Generated by \`bench/migrations.ts\` on ${new Date().toISOString().slice(0, 10)}: one repository,
${apps} apps x ${perApp} migrations (${apps * perApp} files), a pull request that adds one
migration to each of 3 apps while the base added one to 2 of them (objects packed, as in a
clone); and the same shape at the size of a real project, ${REAL.apps} apps x ${REAL.perApp}
migrations (${REAL.apps * REAL.perApp} files; the project migration-check was first run on had
about 80 commits that touch migrations). Every figure is a whole process as a user runs it (\`gateway-ops\` from \`bin/\`, Node
${process.version}; \`python manage.py check\` from the virtualenv), timed by hyperfine,
${runs} runs each after one warm-up run, on the same machine in one run (${cpus().length} cores,
${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; load average
${loadAtStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end: the machine is shared, so
absolute times vary between runs, the ratio less so).

| process | median | mean ± σ | min–max | CPU (user + system, mean) |
|---|---|---|---|---|
${results.map(row).join('\n')}

- ratio, \`manage.py check\` / migration-check (medians): **${(django.median / ours.median).toFixed(1)}x**
  (worst case, every file read: ${(django.median / all.median).toFixed(1)}x); in CPU time, which a
  busy machine inflates less: ${(cpu(django) / cpu(ours)).toFixed(1)}x (worst case ${(cpu(django) / cpu(all)).toFixed(1)}x)
- migration-check above a bare Node process: ${ms(ours.median - bare.median)} (the project of
  ${REAL.apps * REAL.perApp} files: ${ms(real.median - bare.median)})

migration-check's verdicts in this run: ${verdicts.join('; ')} (it exits 1: two apps need a rebase).
\`manage.py check\` only sees the PR's own tree (it cannot compare it with the base); it does
no less work on a real project, where it also imports every model.

Command: \`npm run bench:migrations\` (\`node --experimental-transform-types --import ./test/services/register.mjs bench/migrations.ts ${apps} ${perApp} ${runs}\`).
`;
writeFileSync(path.join(root, 'docs', 'benchmarks-migrations.md'), doc);
const timing = (r: Timing) => ({ medianMs: r.median * 1000, cpuMs: cpu(r) * 1000 });
writeJson(jsonOut, {
  apps,
  perApp,
  runs,
  bare: timing(bare),
  ours: timing(ours),
  oursAllFiles: timing(all),
  real: { apps: REAL.apps, perApp: REAL.perApp, ...timing(real) },
  django: timing(django),
});
process.stdout.write(doc);
if (!process.env['KEEP_BENCH_REPO']) rmSync(work, { recursive: true, force: true });

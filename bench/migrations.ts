/**
 * Benchmark of migration-check against `python manage.py check` with django-linear-migrations,
 * side by side on one generated repository: 40 apps x 300 migrations, a pull request touching
 * 3 apps (two of which the base moved on in).
 *
 *   bash scripts/setup-python.sh
 *   node --experimental-strip-types --import ./test/bench/register.mjs bench/migrations.ts [apps perApp runs]
 *
 * Writes docs/benchmarks-migrations.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkMigrations, type MigrationReport } from '../src/shared/migrations/index.js';
import {
  appFiles,
  chain,
  chainName,
  type Files,
  migrationSource,
  projectSkeleton,
} from '../test/fixtures/migrations/project.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [apps = 40, perApp = 300, runs = 5] = process.argv.slice(2).map(Number);
const work = path.join(root, '.bench-work', 'migrations');
const repo = path.join(work, 'repo');
const python = path.join(root, '.venv', 'bin', 'python');

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();

function write(files: Files): void {
  for (const [p, content] of Object.entries(files)) {
    const full = path.join(repo, p);
    mkdirSync(path.dirname(full), { recursive: true });
    if (content !== null) writeFileSync(full, content);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const loadAtStart = loadavg()[0]!.toFixed(1);
if (!existsSync(python)) {
  process.stderr.write(
    'bench/migrations.ts: run `bash scripts/setup-python.sh` first (Django + DLM in .venv)\n',
  );
  process.exit(2);
}

// The repository: every app a linear chain with max_migration.txt.
rmSync(work, { recursive: true, force: true });
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

// Theirs: `python manage.py check` (DLM's checks load the whole migration graph) on the PR's tree.
const manage = (): number => {
  const start = performance.now();
  const r = spawnSync(python, ['manage.py', 'check'], {
    cwd: repo,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '' },
  });
  if (r.status !== 0)
    process.stderr.write(`manage.py check exited ${r.status}: ${r.stderr.toString().slice(-500)}\n`);
  return performance.now() - start;
};
const ourCheck = async (base: string): Promise<number> => {
  const start = performance.now();
  await checkMigrations({ repo, base, head: 'pr' });
  return performance.now() - start;
};

// Cold runs first (our first call in this process; Django compiling 12,000 .pyc files), then
// interleaved runs, so that both tools see the same load on a shared machine.
const oursCold = await ourCheck('main');
const djangoCold = manage();
const ours: number[] = [];
const django: number[] = [];
const everything: number[] = [];
for (let i = 0; i < runs; i++) {
  ours.push(await ourCheck('main'));
  django.push(manage());
  // Worst case: a base without any app, so every one of the files is read, parsed and judged.
  everything.push(await ourCheck('empty'));
}
const report: MigrationReport = await checkMigrations({ repo, base: 'main', head: 'pr' });
const verdicts = report.apps.filter((a) => a.status !== 'unchanged').map((a) => `${a.app}: ${a.status}`);

const ms = (v: number) => `${Math.round(v)} ms`;
const oursMedian = median(ours);
const djangoMedian = median(django);
const doc = `# Benchmark: migration-check vs \`manage.py check\` with django-linear-migrations

Generated by \`bench/migrations.ts\` on ${new Date().toISOString().slice(0, 10)}: one repository,
${apps} apps x ${perApp} migrations (${apps * perApp} files), a pull request that adds one
migration to each of 3 apps while the base added one to 2 of them (objects packed, as in a
clone). Both tools run on the same
machine in one run (${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB;
load average ${loadAtStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end: the machine is shared, so
absolute times vary between runs, the ratio less so).

| | time |
|---|---|
| migration-check, full PR analysis (merge-base; base, head and merge-base trees listed from git objects; the files of the apps the PR touches read and parsed; graphs, rules, rebase plans), first run in the process | ${ms(oursCold)} |
| migration-check, median of ${runs} runs | ${ms(oursMedian)} |
| migration-check when every app is new to the branch (all ${apps * perApp} files parsed and judged), median of ${runs} | ${ms(median(everything))} |
| \`python manage.py check\` (Django + DLM, first run, compiles .pyc) | ${ms(djangoCold)} |
| \`python manage.py check\`, median of ${runs} warm runs (interleaved with ours) | ${ms(djangoMedian)} |
| ratio (Django warm median / ours median) | ${(djangoMedian / oursMedian).toFixed(1)}x |

migration-check's verdicts in this run: ${verdicts.join('; ')}.
\`manage.py check\` only sees the PR's own tree (it cannot compare it with the base); it does
no less work on a real project, where it also imports every model.
`;
writeFileSync(path.join(root, 'docs', 'benchmarks-migrations.md'), doc);
process.stdout.write(doc);
if (!process.env['KEEP_BENCH_REPO']) rmSync(work, { recursive: true, force: true });

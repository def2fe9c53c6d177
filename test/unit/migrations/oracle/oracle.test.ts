/**
 * Oracle tests: for every scenario of the migration rules (test/fixtures/migrations/scenarios.ts),
 * our verdict per app must agree with Django's own loader (`makemigrations --check`'s conflict
 * detection) and django-linear-migrations' system checks on the merged tree, and every rebase
 * plan must equal, byte for byte, what the real `rebase_migration` writes.
 *
 * They live in the unit project because they only need git and a Python virtualenv (one
 * Python process forks per project; the whole file runs in a few seconds), not the services
 * the integration project starts. Without the venv they skip locally and FAIL in CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../src/cli.js';
import {
  applyFix,
  appTitle,
  checkMigrations,
  type MigrationReport,
} from '../../../../src/shared/migrations/index.js';
import { SCENARIOS, type Scenario } from '../../../fixtures/migrations/scenarios.js';
import {
  ensureVenv,
  inPool,
  makeRepoAsync,
  mergeConflict,
  mergedClone,
  type OracleVerdict,
  oracleAppOk,
  rebaseConflict,
  runManage,
  runOracle,
  snapshotFiles,
} from './harness.js';

let venvProblem: string | null = null;
let tmp = '';
const reports = new Map<Scenario, MigrationReport>();
const verdicts = new Map<Scenario, Map<string, OracleVerdict>>();

beforeAll(async () => {
  venvProblem = ensureVenv();
  if (venvProblem) {
    if (process.env['CI']) throw new Error(`the migration oracle needs .venv: ${venvProblem}`);
    return;
  }
  tmp = mkdtempSync(path.join(tmpdir(), 'migration-oracle-'));
  const dirs: { scenario: Scenario; project: string; dir: string }[] = [];
  // Repositories are built a few at a time: it is all git process start-up.
  await inPool(SCENARIOS, 4, async (scenario, i) => {
    const root = path.join(tmp, String(i));
    const repo = path.join(root, 'repo');
    await makeRepoAsync(repo, scenario.mb ?? {}, scenario.base, scenario.head);
    reports.set(scenario, await checkMigrations({ repo, base: 'main', head: 'pr', ...scenario.options }));
    await mergedClone(repo, path.join(root, 'merged'));
  });
  for (const [i, scenario] of SCENARIOS.entries()) {
    for (const project of scenario.projects ?? ['']) {
      dirs.push({ scenario, project, dir: path.join(tmp, String(i), 'merged', project) });
    }
  }
  const results = runOracle(dirs.map((d) => d.dir));
  dirs.forEach((d, i) => {
    const map = verdicts.get(d.scenario) ?? new Map<string, OracleVerdict>();
    map.set(d.project, results[i]!);
    verdicts.set(d.scenario, map);
  });
}, 300_000);

// Removing ~50 repositories and their clones can take a while on a loaded machine.
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 120_000);

/** Four manage.py runs (Django starts each time): minutes on a loaded 2-core machine. */
const REBASE_TIMEOUT = 180_000;

const OK_STATUSES = new Set(['linear', 'unchanged', 'repairs-base', 'base-not-linear']);

/** Labels Django or DLM complain about, from their messages. */
function flaggedLabels(v: OracleVerdict): string[] {
  const labels = new Set(Object.keys(v.conflicts));
  for (const e of v.dlm) {
    const own = /^(\w+)'s /.exec(e.msg);
    if (own) labels.add(own[1]!);
    for (const m of e.msg.matchAll(/\n\* (\w+): /g)) labels.add(m[1]!);
  }
  return [...labels];
}

describe.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
  it('gives the expected verdict per app', (ctx) => {
    if (venvProblem) ctx.skip();
    const report = reports.get(scenario)!;
    expect(Object.fromEntries(report.apps.map((a) => [appTitle(a), a.status]))).toEqual(scenario.expect);
    for (const app of report.apps) {
      expect(app.ok).toBe(OK_STATUSES.has(app.status));
      if (!app.ok) expect(app.problems.length).toBeGreaterThan(0);
      expect(app.fix === null || app.fix.includes(`rebase_migration ${app.app}`)).toBe(true);
    }
    expect(report.ok).toBe(report.apps.every((a) => a.ok));
  });

  it(
    scenario.oracle === 'agree'
      ? 'agrees with Django and DLM on the merged tree'
      : `differs from Django/DLM on purpose: ${scenario.oracle.differs}`,
    (ctx) => {
      if (venvProblem) ctx.skip();
      const report = reports.get(scenario)!;
      const mismatches: string[] = [];
      for (const [project, verdict] of verdicts.get(scenario)!) {
        const ours = new Map(report.apps.filter((a) => a.project === project).map((a) => [a.app, a.ok]));
        const labels = new Set([...ours.keys(), ...flaggedLabels(verdict)]);
        for (const label of labels) {
          const django = oracleAppOk(verdict, label);
          const mine = ours.get(label) ?? true;
          if (django !== mine)
            mismatches.push(
              `${project || '.'}:${label} ours=${mine} django=${django} ${JSON.stringify(verdict)}`,
            );
        }
      }
      if (scenario.oracle === 'agree') expect(mismatches).toEqual([]);
      else expect(mismatches.length).toBeGreaterThan(0);
    },
  );

  if (scenario.rebase) {
    const rebase = scenario.rebase;
    it(
      rebase.refuses
        ? 'predicts that rebase_migration refuses, and suggests no command'
        : rebase.stillBroken
          ? 'suggests no command, because rebase_migration would not fix it'
          : 'predicts byte for byte what rebase_migration writes, and --fix writes the same',
      (ctx) => {
        if (venvProblem) ctx.skip();
        const report = reports.get(scenario)!;
        const root = path.join(tmp, String(SCENARIOS.indexOf(scenario)));
        const repo = path.join(root, 'repo');
        const dlm = path.join(root, 'dlm');
        const ours = path.join(root, 'ours');
        rebaseConflict(repo, dlm);
        rebaseConflict(repo, ours);
        const project = rebase.project ?? '';
        const apps = rebase.apps.map(
          (label) => report.apps.find((a) => a.app === label && a.project === project)!,
        );
        for (const app of apps) {
          const run = runManage(path.join(dlm, project), ['rebase_migration', app.app]);
          if (rebase.refuses) {
            expect(run.status).not.toBe(0);
            expect(run.stderr).toMatch(rebase.refuses);
            expect(app.fix).toBeNull();
            expect(app.plans).toEqual([]);
            continue;
          }
          expect(run.stderr).toBe('');
          expect(run.status).toBe(0);
          if (rebase.stillBroken) {
            expect(app.fix).toBeNull();
            const after = runOracle([path.join(dlm, project)])[0]!;
            expect(oracleAppOk(after, app.app)).toBe(false);
            continue;
          }
          expect(app.fix).toBe(
            `${project ? `cd ${project} && ` : ''}python manage.py rebase_migration ${app.app}`,
          );
          expect(app.plans).toHaveLength(1);
          expect(run.stdout.trim()).toBe(app.plans[0]!.output);
        }
        if (rebase.refuses || rebase.stillBroken) return;
        return (async () => {
          for (const app of apps) await applyFix(ours, app.plans[0]!);
          expect(snapshotFiles(ours)).toEqual(snapshotFiles(dlm));
          const after = runOracle([path.join(dlm, project)])[0]!;
          for (const app of apps) expect(oracleAppOk(after, app.app)).toBe(true);

          // The same during a merge instead of a rebase: git swaps the sides, DLM swaps them back.
          const dlmMerge = path.join(root, 'dlm-merge');
          const oursMerge = path.join(root, 'ours-merge');
          mergeConflict(repo, dlmMerge);
          mergeConflict(repo, oursMerge);
          for (const app of apps) {
            const run = runManage(path.join(dlmMerge, project), ['rebase_migration', app.app]);
            expect(run.status).toBe(0);
            await applyFix(oursMerge, app.plans[0]!);
          }
          expect(snapshotFiles(oursMerge)).toEqual(snapshotFiles(dlmMerge));
        })();
      },
      REBASE_TIMEOUT,
    );
  }
});

describe('the CLI on a needs-rebase pull request', () => {
  it('--fix during a rebase writes what rebase_migration writes', async (ctx) => {
    if (venvProblem) ctx.skip();
    const scenario = SCENARIOS.find((s) => s.name === 'PR: the base moved on (needs rebase)')!;
    const root = path.join(tmp, String(SCENARIOS.indexOf(scenario)));
    const fixed = path.join(root, 'cli-fix');
    rebaseConflict(path.join(root, 'repo'), fixed);
    const out: string[] = [];
    // No --head: mid-rebase the branch is ORIG_HEAD, which the CLI finds by itself.
    const code = await main(['migration-check', '--repo', fixed, '--base', 'origin/main', '--fix'], {
      stdout: (t) => out.push(t),
      stderr: () => {},
      env: {},
    });
    expect(code).toBe(0);
    expect(out.join('')).toContain(`fixed a: ${reports.get(scenario)!.apps[0]!.plans[0]!.output}`);
    expect(snapshotFiles(fixed)).toEqual(snapshotFiles(path.join(root, 'dlm')));
  });
});

describe('the oracle script says what the management commands say', () => {
  const mergedDir = (name: string) =>
    path.join(tmp, String(SCENARIOS.findIndex((s) => s.name === name)), 'merged');

  it('makemigrations --check --dry-run and manage.py check, run as commands', (ctx) => {
    if (venvProblem) ctx.skip();
    const linear = mergedDir('graph: a linear app');
    expect(runManage(linear, ['makemigrations', '--check', '--dry-run', '--skip-checks']).status).toBe(0);
    expect(runManage(linear, ['check']).status).toBe(0);

    const siblings = runManage(mergedDir('graph: two 0002 siblings on 0001'), [
      'makemigrations',
      '--check',
      '--dry-run',
      '--skip-checks',
    ]);
    expect(siblings.status).not.toBe(0);
    expect(siblings.stderr).toMatch(/Conflicting migrations detected/);

    const stale = runManage(mergedDir('max_migration.txt: stale'), ['check']);
    expect(stale.status).not.toBe(0);
    expect(stale.stderr).toMatch(/dlm\.E004/);
  });
});

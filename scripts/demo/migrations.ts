/**
 * The migration-check step: a small Django repository generated with git (main and a pull
 * request that each add a 0003 migration to one app, so max_migration.txt conflicts), checked
 * with `gateway-ops migration-check` as a terminal user does, then by the action's own code on a
 * pull_request event against a loopback GitHub (the comment it posts is printed), then fixed with
 * `--fix` during the merge, committed, and checked again.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appFiles, chain, migrationSource, projectSkeleton } from '../../test/fixtures/migrations/project.js';
import { startFakeGitHub } from '../../test/helpers/fake-github.js';
import { git, makeRepo } from '../../test/unit/migrations/oracle/harness.js';
import { type Check, check, gatewayOps, NODE, run, type Step, say } from './run.js';

const APP = 'captures';
const ACTION = new URL('../../lib/actions/migration-check/src/index.js', import.meta.url).pathname;
const PR = 7;

/** main adds captures.0003_checksum, the pull request adds captures.0003_owner: both on 0002. */
export function sampleRepository(dir: string): void {
  makeRepo(
    dir,
    { ...projectSkeleton(), ...appFiles(APP, chain(APP, 2)) },
    {
      [`${APP}/migrations/0003_checksum.py`]: migrationSource({ deps: [[APP, '0002_m2']] }),
      [`${APP}/migrations/max_migration.txt`]: '0003_checksum\n',
    },
    {
      [`${APP}/migrations/0003_owner.py`]: migrationSource({ deps: [[APP, '0002_m2']] }),
      [`${APP}/migrations/max_migration.txt`]: '0003_owner\n',
    },
  );
}

/** The action as the workflow runs it on a pull_request: INPUT_* variables, the event file, a GitHub API. */
async function actionOnPullRequest(repo: string, work: string, apiUrl: string) {
  const rev = (r: string) => git(repo, ['rev-parse', r]).trim();
  const eventPath = join(work, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify({
      pull_request: {
        number: PR,
        base: { ref: 'main', sha: rev('main') },
        head: { sha: rev('pr'), ref: 'pr' },
      },
      repository: { name: 'sds-gateway', owner: { login: 'demo' } },
    }),
  );
  for (const f of ['output', 'summary']) writeFileSync(join(work, f), '');
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: work,
    RUNNER_TEMP: work,
    GITHUB_OUTPUT: join(work, 'output'),
    GITHUB_STEP_SUMMARY: join(work, 'summary'),
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'demo/sds-gateway',
    GITHUB_API_URL: apiUrl,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '1',
    GITHUB_SHA: rev('pr'),
    GITHUB_REF: `refs/pull/${PR}/merge`,
    INPUT_REPO: repo,
    'INPUT_GITHUB-TOKEN': 'ghs_demoTokenForTheLoopbackGitHub000',
    'INPUT_MANAGE-COMMAND': 'docker exec -it sds-gateway-local-app python manage.py',
  };
  return run('actions/migration-check on pull_request #7 (the workflow step)', NODE, [ACTION], { env });
}

const indent = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `    ┃ ${l}`)
    .join('\n');

export function migrationCheckStep(tempDir: string): Step {
  return {
    name: 'migration-check',
    async run() {
      const work = join(tempDir, 'migration-check');
      const repo = join(work, 'sds-gateway');
      mkdirSync(work, { recursive: true });
      sampleRepository(repo);
      say(`  sample repository ${repo}: main adds ${APP}.0003_checksum, branch pr adds ${APP}.0003_owner`);
      const checks: Check[] = [];
      const first = await gatewayOps(['migration-check', '--base', 'main', '--head', 'pr'], repo);
      checks.push(
        check('gateway-ops migration-check exits 1', first.status === 1, `exit ${first.status}`),
        check(
          `it names the conflict in ${APP} and its fix`,
          first.output.includes(`rebase_migration ${APP}`),
        ),
      );

      const github = await startFakeGitHub();
      try {
        const action = await actionOnPullRequest(repo, work, github.url);
        const body = github.comments.get(PR)?.[0]?.body ?? '';
        checks.push(
          check('the action fails the pull request (exit 1)', action.status === 1, `exit ${action.status}`),
          check(
            'it posts one PR comment with the fix',
            github.comments.get(PR)?.length === 1 && body.includes(`rebase_migration ${APP}`),
            body ? body.slice(0, 120) : 'no comment',
          ),
        );
        say('  the comment the action posted on the pull request (Markdown):');
        say(indent(body || '(none)'));
      } finally {
        await github.close();
      }

      git(repo, ['checkout', '-q', 'pr']);
      const merge = git(repo, ['merge', 'main'], true);
      say(`  $ git merge main\n${indent(merge || '(conflict)')}`);
      const fix = await gatewayOps(['migration-check', '--base', 'main', '--fix'], repo);
      const renamed = join(repo, APP, 'migrations/0004_owner.py');
      const rewritten =
        existsSync(renamed) &&
        /\(["']captures["'], ["']0003_checksum["']\)/.test(readFileSync(renamed, 'utf8'));
      checks.push(
        check('--fix exits 0', fix.status === 0, `exit ${fix.status}`),
        check(`it renamed 0003_owner to 0004_owner on 0003_checksum`, rewritten),
      );
      git(repo, ['add', '-A']);
      git(repo, ['commit', '-q', '--no-edit']);
      const again = await gatewayOps(['migration-check', '--base', 'main', '--head', 'pr'], repo);
      checks.push(
        check('after the merge commit, migration-check exits 0', again.status === 0, `exit ${again.status}`),
      );
      return checks;
    },
  };
}

/**
 * Every host-script builder in src/, rendered with sample inputs, hostile names among them. The
 * shellcheck test runs over these renderings, and checks that src/ has no script outside this list.
 * A new builder goes here (the test names the one it found missing).
 */

import { composeScript } from '../../src/commands/restore-services.js';
import {
  copyPaths,
  prepareScript as copyPrepareScript,
  hashScript,
  openPartialScript,
  receiveScript,
  recordScript,
  removeScript,
  sealScript,
  sendScript,
  staleCopiesScript,
} from '../../src/shared/copy/scripts.js';
import { removeKeyScript, rsyncScript } from '../../src/shared/copy/via-host.js';
import { captureScript, probeScript } from '../../src/shared/git-state/scripts.js';
import { backupsDiskScript } from '../../src/shared/health/backups-disk.js';
import { preflightScript } from '../../src/shared/postgres/container.js';
import { dumpScript } from '../../src/shared/postgres/dump-script.js';
import { drillCleanupScript, restoreScript } from '../../src/shared/postgres/restore-script.js';
import {
  missingToolsScript,
  removeTreeScript,
  SESSION_GUARD,
  SHA256_HASHER,
  shellJoin,
  toolVersionsScript,
} from '../../src/shared/remote/script.js';
import { remoteCommandLine, SUPERVISOR } from '../../src/shared/remote/supervisor.js';
import { restoreLockScript } from '../../src/shared/restore/lock.js';
import {
  clearStoppedServicesScript,
  readStoppedServicesScript,
  recordStoppedServicesScript,
} from '../../src/shared/restore/stopped-services.js';
import {
  archiveScript,
  inventoryScript,
  SECRET_FILES_FUNCTION,
  storeScript,
} from '../../src/shared/secrets/scripts.js';
import { catalogScript, deleteSnapshotsScript } from '../../src/shared/snapshot/catalog.js';
import { snapshotPaths } from '../../src/shared/snapshot/layout.js';
import { BACKUPS_LISTING, backupsListingScript } from '../../src/shared/snapshot/listing.js';
import { lentLockScript, lockScript } from '../../src/shared/snapshot/lock.js';
import {
  leftoverScript,
  listScript,
  partialDirScript,
  prepareScript,
  snapshotLockHooks,
} from '../../src/shared/snapshot/prepare.js';
import { writeFileScript } from '../../src/shared/snapshot/small-file.js';
import { commitScript, swapBackScript } from '../../src/shared/snapshot/snapshot.js';
import { fileCheckScript, hostProbeScript, snapshotFilesScript } from '../../src/shared/snapshot/verify.js';
import { listingScript } from '../../src/shared/status/listing.js';

/** Names a host must cope with: quotes, `$()`, backticks, `;`, newlines, a leading `-`, unicode. */
export const HOSTILE_NAMES = [
  'plain',
  "it's",
  'a "b" c',
  '$(touch /tmp/gwops-pwned)',
  '`id`',
  'x; rm -rf ~',
  'line\nbreak',
  '-rf',
  '--help',
  'ünïcødé ✓ ‮',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, as data
  '${HOME}*?[a]',
  ' leading and trailing ',
];

/** What each builder is rendered with: a plain name, every hostile character at once, a leading dash, unicode. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, as data
const SAMPLES = ['plain', 'it\'s "a" $(touch /x) `id`; rm -rf ~\nnext ${HOME}*?[a] ', '-rf', 'ünïcødé ✓ ‮'];

const layouts = SAMPLES.map((name) => ({
  deployDir: `/srv/${name}`,
  backupsDir: `data/${name}`,
  timezone: 'UTC',
}));
const pathsOf = (layout: (typeof layouts)[number]) => snapshotPaths(layout, '2026-11-25', 'run-1');

/** Builder name -> its renderings (scripts as the exec channel receives them, before the prelude). */
export const HOST_SCRIPTS: Record<string, () => string[]> = {
  SESSION_GUARD: () => [`${SESSION_GUARD}sleep 1\nsession_guard_end\n`],
  SHA256_HASHER: () => [`${SHA256_HASHER}\n"\${hasher[@]}" </dev/null\n`],
  missingToolsScript: () => [missingToolsScript(HOSTILE_NAMES), missingToolsScript(['bash'], 'missing ')],
  toolVersionsScript: () => [toolVersionsScript(SAMPLES.map((name) => [name, '--version']))],
  removeTreeScript: () => SAMPLES.map((name) => removeTreeScript(name)),
  SUPERVISOR: () => [SUPERVISOR],
  remoteCommandLine: () => SAMPLES.map((name) => remoteCommandLine(`echo ${shellJoin([name])}`)),
  BACKUPS_LISTING: () => [BACKUPS_LISTING],
  backupsListingScript: () => SAMPLES.map((name) => backupsListingScript(`/srv/${name}`)),
  lockScript: () =>
    layouts.map((layout, i) =>
      lockScript(
        pathsOf(layout).lockFile,
        { runner: SAMPLES[i]!, runId: 'run-1', pid: 42, startedAt: SAMPLES[i]! },
        snapshotLockHooks(layout, pathsOf(layout)),
      ),
    ),
  lentLockScript: () => layouts.map((layout) => lentLockScript(snapshotLockHooks(layout, pathsOf(layout)))),
  restoreLockScript: () => layouts.map((layout) => restoreLockScript(layout)),
  snapshotLockHooks: () => layouts.map((layout) => snapshotLockHooks(layout, pathsOf(layout)).before ?? ''),
  prepareScript: () => layouts.map((layout) => prepareScript(pathsOf(layout).root, layout.deployDir)),
  listScript: () => layouts.map((layout) => listScript(pathsOf(layout).root, pathsOf(layout))),
  partialDirScript: () => layouts.map((layout) => partialDirScript(pathsOf(layout))),
  leftoverScript: () =>
    layouts.map((layout) =>
      leftoverScript(pathsOf(layout).root, [
        { name: '.2026-11-24.partial-x', action: 'remove', date: '2026-11-24' },
        { name: '.2026-11-23.replaced-y', action: 'restore', date: '2026-11-23' },
      ]),
    ),
  commitScript: () =>
    layouts.flatMap((layout) => [
      commitScript(pathsOf(layout), HOSTILE_NAMES, true),
      commitScript(pathsOf(layout), [], false),
    ]),
  swapBackScript: () => layouts.map((layout) => swapBackScript(pathsOf(layout))),
  catalogScript: () => SAMPLES.map((name) => catalogScript(`/srv/${name}`)),
  listingScript: () => SAMPLES.map((name) => listingScript(`/srv/${name}`)),
  deleteSnapshotsScript: () =>
    SAMPLES.map((name) => deleteSnapshotsScript(`/srv/${name}`, 'run-1', ['2026-11-20'])),
  snapshotFilesScript: () => SAMPLES.map((name) => snapshotFilesScript(`/srv/${name}`)),
  fileCheckScript: () =>
    SAMPLES.flatMap((name) =>
      [true, false].map((streamTests) =>
        fileCheckScript(
          `/srv/${name}`,
          [
            { path: name, compression: 'zstd' },
            { path: `postgres/${name}.gz`, compression: 'gzip' },
          ],
          { streamTests },
        ),
      ),
    ),
  hostProbeScript: () => [
    hostProbeScript(
      HOSTILE_NAMES,
      SAMPLES.map((name) => [name, '--version']),
    ),
  ],
  preflightScript: () =>
    SAMPLES.flatMap((name) => [
      preflightScript({
        tools: [name, 'docker'],
        versions: [[name, '--version']],
        target: { kind: 'docker', container: 'sds-gateway-prod-postgres' },
      }),
      preflightScript({ tools: [name], versions: [], target: { kind: 'host' } }),
    ]),
  dumpScript: () =>
    SAMPLES.flatMap((name) =>
      (['zstd', 'gzip', 'none'] as const).map((compression) =>
        dumpScript({
          partialDir: `/srv/${name}/.2026-11-25.partial-run-1`,
          file: `postgres/${name}.sql`,
          dump: ['pg_dumpall', '-U', name, '--', name],
          compression,
          level: compression === 'none' ? null : 3,
          ...(compression === 'gzip' ? { pgpassFile: `/srv/${name}/.pgpass` } : {}),
        }),
      ),
    ),
  writeFileScript: () =>
    SAMPLES.map((name) =>
      writeFileScript(`/srv/${name}`, `opensearch/${name.replace(/[\0-\x1f]/g, '')}.json`),
    ),
  composeScript: () =>
    SAMPLES.map((name) => composeScript(`/srv/${name}`, `${name}.yml`, 'stop', [name, 'web'])),
  restoreScript: () =>
    SAMPLES.flatMap((name) =>
      (['zstd', 'gzip', 'none'] as const).map((compression, i) =>
        restoreScript({
          dumpFile: `/srv/${name}/2026-11-25/postgres/pg_dumpall.sql`,
          compression,
          workTemplate: `/srv/${name}/.restore-XXXXXXXXXX`,
          psql:
            i === 0
              ? { target: { kind: 'docker', container: 'sds-gateway-prod-postgres' }, user: name }
              : { target: { kind: 'host' }, user: name, host: '127.0.0.1', port: 5432 },
          superuserIdent: `"${name}"`,
          keepRolePasswords: i !== 1,
          recreate: [name, 'postgres'],
          password: i === 2,
        }),
      ),
    ),
  recordStoppedServicesScript: () => SAMPLES.map((name) => recordStoppedServicesScript(`/srv/${name}/.note`)),
  readStoppedServicesScript: () => SAMPLES.map((name) => readStoppedServicesScript(`/srv/${name}/.note`)),
  clearStoppedServicesScript: () => SAMPLES.map((name) => clearStoppedServicesScript(`/srv/${name}/.note`)),
  drillCleanupScript: () =>
    SAMPLES.map((name) => drillCleanupScript({ target: { kind: 'host' }, user: name }, [name, "it's"])),
  // The off-host copy (copy host side, and rsync on the production host for copy-via: host).
  'prepareScript (copy)': () => SAMPLES.map((name) => copyPrepareScript(`/copies/${name}`)),
  openPartialScript: () =>
    SAMPLES.flatMap((name) =>
      [true, false].map((reopen) => openPartialScript(copyPaths(`/copies/${name}`, '2026-11-25'), reopen)),
    ),
  hashScript: () => SAMPLES.map((name) => hashScript(`/copies/${name}`, HOSTILE_NAMES)),
  sendScript: () =>
    SAMPLES.flatMap((name) => [sendScript(`/srv/${name}`, name, 0), sendScript(`/srv/${name}`, name, 4096)]),
  receiveScript: () =>
    SAMPLES.flatMap((name) => [
      receiveScript(`/copies/${name}`, name, 0),
      receiveScript(`/copies/${name}`, name, 4096),
    ]),
  removeScript: () => SAMPLES.map((name) => removeScript(`/copies/${name}`, HOSTILE_NAMES)),
  sealScript: () => SAMPLES.map((name) => sealScript(copyPaths(`/copies/${name}`, '2026-11-25'))),
  staleCopiesScript: () =>
    SAMPLES.map((name) => staleCopiesScript(copyPaths(`/copies/${name}`, '2026-11-25'))),
  recordScript: () => SAMPLES.map((name) => recordScript(`/srv/${name}`, '2026-11-25')),
  rsyncScript: () =>
    SAMPLES.map((name) =>
      rsyncScript(
        `/srv/${name}/2026-11-25`,
        `/copies/${name}/.2026-11-25.partial`,
        {
          host: 'copy.example.org',
          port: 2222,
          user: name,
          privateKey: 'unused',
          knownHosts: `copy.example.org ${name}`,
        },
        'run-1',
      ),
    ),
  removeKeyScript: () => SAMPLES.map((name) => removeKeyScript(name)),
  // The deployment's git state and secrets.
  probeScript: () => SAMPLES.map((name) => probeScript(`/srv/${name}`)),
  captureScript: () => SAMPLES.map((name) => captureScript(`/srv/${name}`, `/srv/${name}/.partial/git`)),
  SECRET_FILES_FUNCTION: () => [
    `${SECRET_FILES_FUNCTION}
secret_files "$@"
`,
  ],
  inventoryScript: () =>
    SAMPLES.map((name) => inventoryScript(`/srv/${name}`, [...HOSTILE_NAMES, 'config/*.env'])),
  archiveScript: () =>
    SAMPLES.map((name) => archiveScript(`/srv/${name}`, [...HOSTILE_NAMES, 'config/*.env'])),
  storeScript: () => SAMPLES.map((name) => storeScript(`/srv/${name}/secrets/secrets.tar.age`)),
  // Health.
  backupsDiskScript: () => SAMPLES.map((name) => backupsDiskScript(`/srv/${name}`)),
};

import type { ModeChoice } from '../run-command.js';
import { type CommandName, type SettingName, settingsFor } from '../shared/settings/index.js';

/** What each action.yml says besides its inputs (which come from the settings schema). */
export interface ActionMetadata {
  readonly directory: string;
  readonly name: string;
  readonly description: string;
  readonly branding: { readonly icon: string; readonly color: string };
  /** The commands whose settings are this action's inputs. */
  readonly commands: readonly CommandName[];
  /** With several commands: the input that chooses one (every other input is checked against it). */
  readonly modes?: ModeChoice;
  readonly outputs: Readonly<Record<string, string>>;
}

export const ACTIONS: readonly ActionMetadata[] = [
  {
    directory: 'backup',
    name: 'gateway-ops backup',
    description:
      "Over SSH, take today's verified snapshot of a Docker Compose Django + PostgreSQL + OpenSearch deployment: checksummed manifest, atomic, one per day. With mode: verify, re-check one; with mode: health, check the cluster, the databases and the disk.",
    branding: { icon: 'archive', color: 'blue' },
    commands: ['backup', 'verify', 'status', 'health'],
    modes: {
      setting: 'mode',
      commands: { backup: 'backup', verify: 'verify', status: 'status', health: 'health' },
    },
    outputs: {
      'snapshot-date': "The snapshot's date (YYYY-MM-DD).",
      'snapshot-path': "The snapshot's directory on the host.",
      manifest:
        "The snapshot's manifest.json (JSON): every file with size and sha256, components, versions, row counts.",
      reused: "'true' when today's snapshot already existed, verified, and was kept.",
      health:
        'mode: health: the report as JSON (status, and every finding with area, check, status, summary, fix).',
      'health-status': "mode: health: 'ok', 'warn' or 'fail'.",
    },
  },
  {
    directory: 'migration-check',
    name: 'gateway-ops migration-check',
    description:
      'Check that Django migrations stay linear (django-linear-migrations rules) on pull requests and pushes, and tell each pull request the exact rebase_migration command that fixes it.',
    branding: { icon: 'git-merge', color: 'green' },
    commands: ['migration-check'],
    outputs: {
      conflicts: 'JSON list of the apps with problems: app, problems (code, message, file, line) and fix.',
      'apps-needing-rebase': "Comma-separated labels of the apps that 'rebase_migration' fixes.",
      ok: "'true' when every checked app is linear and its max_migration.txt is right.",
    },
  },
  {
    directory: 'restore',
    name: 'gateway-ops restore',
    description:
      'Restore a chosen snapshot to a host, with safeguards, a safety snapshot first and verification after; with mode: drill, restore it into scratch targets, compare and discard.',
    branding: { icon: 'rotate-ccw', color: 'orange' },
    commands: ['restore', 'drill'],
    modes: { setting: 'mode', commands: { restore: 'restore', drill: 'drill' }, default: 'restore' },
    outputs: {
      'snapshot-date': 'The date of the snapshot that was restored (or drilled).',
      'safety-snapshot-path': "The safety snapshot's directory on the host (empty when none was taken).",
      verdict: "'restored', 'failed', 'refused', 'planned' (dry-run); for a drill 'passed' or 'failed'.",
    },
  },
];

/** The inputs an action declares: the settings of its commands that actions accept. */
export function actionInputs(action: ActionMetadata): SettingName[] {
  const names = new Set<SettingName>();
  for (const command of action.commands) for (const name of settingsFor(command, 'action')) names.add(name);
  return [...names];
}

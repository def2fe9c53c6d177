import {
  boolKind,
  choiceKind,
  intKind,
  listKind,
  pathKind,
  patternKind,
  snapshotChoiceKind,
} from '../kinds.js';
import { setting, settingWithDefault } from '../types.js';

const ON_HOST = ['backup', 'verify', 'restore', 'drill', 'status', 'health'] as const;

export const COMPONENTS = ['postgres', 'opensearch', 'secrets', 'git'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export const commonSettings = {
  config: setting({
    description: 'YAML file of settings (keys are the setting names). Inputs and flags override it.',
    kind: pathKind(),
    commands: [
      'backup',
      'verify',
      'restore',
      'drill',
      'migration-check',
      'status',
      'health',
      'set-watermarks',
    ],
    surfaces: { action: true, cli: true, config: false },
  }),
  'deploy-dir': settingWithDefault({
    description:
      "The deployment's directory on the host (where docker compose runs); relative paths are from the SSH user's home.",
    kind: pathKind(),
    default: '.',
    commands: ON_HOST,
  }),
  'backups-dir': settingWithDefault({
    description: 'Directory of the daily snapshots on the host, relative to deploy-dir unless absolute.',
    kind: pathKind(),
    default: 'data/backups',
    commands: ON_HOST,
  }),
  timezone: settingWithDefault({
    description: "IANA time zone that decides a snapshot's date (YYYY-MM-DD).",
    kind: patternKind(
      /^(?:UTC|[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2})$/,
      "an IANA time zone such as 'UTC' or 'America/Chicago'",
      '<zone>',
    ),
    default: 'UTC',
    commands: ON_HOST,
  }),
  components: settingWithDefault({
    description:
      'What the snapshot contains (backup: postgres, opensearch, secrets, git); what to restore (restore, drill: postgres and opensearch, of what the snapshot holds; secrets and git are restored by hand).',
    kind: listKind(choiceKind(COMPONENTS), { min: 1 }),
    default: ['postgres', 'opensearch', 'secrets', 'git'] as ComponentName[],
    commands: ['backup', 'restore', 'drill', 'health'],
  }),
  force: settingWithDefault({
    description:
      "Take a new snapshot even if today's exists and verifies; the old one is replaced only after the new one is complete.",
    kind: boolKind(),
    default: false,
    commands: ['backup'],
  }),
  mode: settingWithDefault({
    description:
      "The action's job. backup action: 'backup' takes today's snapshot, 'verify' re-checks one, 'status' lists them and fails when the newest is too old, too small or bad, 'health' checks the cluster, the databases and the disk. restore action: 'restore' (its default), or 'drill' into scratch targets.",
    kind: choiceKind(['backup', 'verify', 'status', 'health', 'restore', 'drill'] as const),
    default: 'backup' as 'backup' | 'verify' | 'status' | 'health' | 'restore' | 'drill',
    defaultText: "'backup' (backup action), 'restore' (restore action)",
    commands: ['backup', 'verify', 'status', 'health', 'restore', 'drill'],
    surfaces: { action: true, cli: false, config: false },
  }),
  'snapshot-date': settingWithDefault({
    description:
      "Which snapshot to verify or restore: 'latest' (the newest daily one), a date YYYY-MM-DD, or a safety snapshot's label.",
    kind: snapshotChoiceKind(),
    default: 'latest',
    commands: ['verify', 'restore', 'drill'],
  }),
  'keep-daily': settingWithDefault({
    description: 'Retention: keep the newest snapshot of each of this many most recent days.',
    kind: intKind(1, 3650),
    default: 7,
    commands: ['backup'],
  }),
  'keep-weekly': settingWithDefault({
    description: 'Retention: also keep the newest snapshot of each of this many most recent ISO weeks.',
    kind: intKind(0, 520),
    default: 4,
    commands: ['backup'],
  }),
  'keep-pre-restore': settingWithDefault({
    description:
      'Retention: keep this many of the newest pre-restore (safety) snapshots; daily retention never counts or prunes them.',
    kind: intKind(1, 1000),
    default: 3,
    commands: ['backup', 'restore'],
  }),
  'keep-monthly': settingWithDefault({
    description: 'Retention: also keep the newest snapshot of each of this many most recent months.',
    kind: intKind(0, 240),
    default: 6,
    commands: ['backup'],
  }),
};

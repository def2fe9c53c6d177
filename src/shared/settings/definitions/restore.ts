import {
  boolKind,
  choiceKind,
  hostKind,
  intKind,
  listKind,
  nameKind,
  pathKind,
  patternKind,
} from '../kinds.js';
import { setting, settingWithDefault } from '../types.js';

const RESTORING = ['restore', 'drill'] as const;

/** The reference deployment's services that hold database connections (the app and every celery process). */
export const DEFAULT_STOP_SERVICES = [
  'sds-gateway-prod-app',
  'celery-worker',
  'celery-beat',
  'celery-flower',
] as string[];

export const restoreSettings = {
  confirm: setting({
    description:
      "Must equal, exactly, what 'hostname' prints on the target host: the typed confirmation of a restore.",
    kind: hostKind(),
    commands: ['restore'],
  }),
  'restore-allowed-hosts': settingWithDefault({
    description:
      'The hostnames (as the target prints them) a restore may target. No default: empty refuses every restore.',
    kind: listKind(hostKind()),
    default: [] as string[],
    defaultText: 'none: every restore is refused',
    commands: ['restore'],
  }),
  'production-hosts': settingWithDefault({
    description: 'Hostnames of production: a restore there is refused unless allow-production is true.',
    kind: listKind(hostKind()),
    default: [] as string[],
    commands: ['restore'],
  }),
  'allow-production': settingWithDefault({
    description: 'Allow a restore onto a host listed in production-hosts.',
    kind: boolKind(),
    default: false,
    commands: ['restore'],
  }),
  'safety-snapshot': settingWithDefault({
    description:
      'Take a snapshot of the target first, into <backups-dir>/pre-restore-<UTC time>/; if it fails, the restore does not start.',
    kind: boolKind(),
    default: true,
    commands: ['restore'],
  }),
  'stop-services': settingWithDefault({
    description:
      "Compose services that connect to the database, stopped during the restore and started again after it ('none': stop nothing).",
    kind: listKind(nameKind('a compose service name')),
    default: DEFAULT_STOP_SERVICES,
    commands: ['restore'],
  }),
  'compose-file': settingWithDefault({
    description:
      "The compose file 'docker compose -f' uses to stop and start services, relative to deploy-dir.",
    kind: pathKind(),
    default: 'compose.production.yaml',
    commands: ['restore'],
  }),
  'keep-role-passwords': settingWithDefault({
    description:
      "Roles that already exist on the target keep the target's password; the snapshot's password hashes are used only for new roles.",
    kind: boolKind(),
    default: true,
    commands: RESTORING,
  }),
  'opensearch-existing': settingWithDefault({
    description: "What happens to a live index the snapshot restores: 'close' it first, or 'delete' it.",
    kind: choiceKind(['close', 'delete'] as const),
    default: 'close' as 'close' | 'delete',
    commands: ['restore'],
  }),
  'dry-run': settingWithDefault({
    description:
      'Print the plan (snapshot, components, databases, indices, services, safety snapshot) and change nothing.',
    kind: boolKind(),
    default: false,
    commands: RESTORING,
  }),
  'drill-postgres-host': settingWithDefault({
    description: 'The scratch PostgreSQL a drill restores into, as seen from the SSH host (exec: host).',
    kind: hostKind(),
    default: '127.0.0.1',
    commands: ['drill'],
  }),
  'drill-postgres-port': setting({
    description: "The scratch PostgreSQL's port, as seen from the SSH host (exec: host).",
    kind: intKind(1, 65535),
    commands: ['drill'],
  }),
  'drill-postgres-user': setting({
    description: "The scratch PostgreSQL's superuser (exec: host).",
    kind: nameKind('a role name'),
    defaultText: "postgres-user, else the scratch container's POSTGRES_USER",
    commands: ['drill'],
  }),
  'drill-postgres-container': setting({
    description: 'The scratch PostgreSQL container a drill restores into (exec: docker).',
    kind: nameKind('a container name'),
    commands: ['drill'],
  }),
  'drill-index-prefix': settingWithDefault({
    description:
      "A drill restores each OpenSearch index as '<prefix><index>' (the backup's restore drill rename), then deletes it.",
    kind: patternKind(/^[a-z0-9][a-z0-9_.-]*-$/, "lower case, ending with '-'", '<prefix>'),
    default: 'drill-',
    commands: ['drill'],
  }),
};

import { blockKind, choiceKind, hostKind, intKind, listKind, nameKind, patternKind } from '../kinds.js';
import { setting, settingWithDefault } from '../types.js';

const ON_HOST = ['backup', 'verify', 'restore', 'drill', 'health'] as const;

export const postgresSettings = {
  'postgres-container': settingWithDefault({
    description: 'The PostgreSQL container (exec: docker).',
    kind: nameKind('a container name'),
    default: 'sds-gateway-prod-postgres',
    commands: ON_HOST,
  }),
  'postgres-user': setting({
    description: 'The PostgreSQL superuser to dump and restore as.',
    kind: nameKind('a role name'),
    defaultText: "read from the container's POSTGRES_USER",
    commands: ON_HOST,
  }),
  'postgres-password': setting({
    description:
      "The PostgreSQL password, with exec: host (with exec: docker it is read from the container's environment). Reaches the host over the SSH channel, never on a command line: the dump reads it from a private .pgpass file removed when it ends, the restore from its environment only. The CLI reads it from GATEWAY_OPS_POSTGRES_PASSWORD.",
    kind: blockKind('the password text'),
    commands: ON_HOST,
    secret: true,
    surfaces: { action: true, cli: false, config: false },
  }),
  'postgres-host': settingWithDefault({
    description: 'PostgreSQL host as seen from the SSH host (exec: host).',
    kind: hostKind(),
    default: '127.0.0.1',
    commands: ON_HOST,
  }),
  'postgres-port': settingWithDefault({
    description: 'PostgreSQL port as seen from the SSH host (exec: host).',
    kind: intKind(1, 65535),
    default: 5432,
    commands: ON_HOST,
  }),
  'pg-dumpall-args': settingWithDefault({
    description: "Extra pg_dumpall options, e.g. '--no-role-passwords'.",
    kind: listKind(
      patternKind(
        /^--?[A-Za-z][A-Za-z-]*(?:=[A-Za-z0-9_.,:-]+)?$/,
        "pg_dumpall options such as '--no-role-passwords' or '--exclude-database=name'",
        '<option>',
      ),
    ),
    default: [] as string[],
    commands: ['backup'],
  }),
  compression: settingWithDefault({
    description: 'How the dump is compressed on the host.',
    kind: choiceKind(['zstd', 'gzip', 'none'] as const),
    default: 'zstd' as 'zstd' | 'gzip' | 'none',
    commands: ['backup'],
  }),
  'compression-level': setting({
    description: 'Compression level: 1-19 for zstd, 1-9 for gzip.',
    kind: intKind(1, 19),
    defaultText: '3 for zstd, 6 for gzip',
    commands: ['backup'],
  }),
};

import { blockKind, boolKind, durationKind, listKind, nameKind, pathKind, patternKind } from '../kinds.js';
import { setting, settingWithDefault } from '../types.js';

const ON_HOST = ['backup', 'verify', 'restore', 'drill'] as const;
/** Reaching the cluster: every command that talks to OpenSearch. */
const CONNECT = [...ON_HOST, 'health', 'set-watermarks'] as const;
const REPOSITORY = [...ON_HOST, 'health'] as const;

export const opensearchSettings = {
  'opensearch-container': settingWithDefault({
    description: 'The OpenSearch container: its address and credentials are read from it.',
    kind: nameKind('a container name'),
    default: 'sds-gateway-prod-opensearch',
    commands: CONNECT,
  }),
  'opensearch-url': setting({
    description: 'OpenSearch URL as seen from the SSH host; reached through an SSH tunnel.',
    kind: patternKind(
      /^https?:\/\/[A-Za-z0-9.[\]:-]+(?::\d+)?\/?$/,
      "an http(s) URL such as 'https://10.0.0.5:9200'",
      '<url>',
    ),
    defaultText: "https:// + the container's address from docker inspect + :9200",
    commands: CONNECT,
  }),
  'opensearch-user-variable': settingWithDefault({
    description: "The container's environment variable holding the OpenSearch admin user.",
    kind: nameKind('an environment variable name'),
    default: 'OPENSEARCH_ADMIN_USER',
    commands: CONNECT,
  }),
  'opensearch-password-variable': settingWithDefault({
    description: "The container's environment variable holding the OpenSearch admin password.",
    kind: nameKind('an environment variable name'),
    default: 'OPENSEARCH_INITIAL_ADMIN_PASSWORD',
    commands: CONNECT,
  }),
  'opensearch-ca': setting({
    description: "PEM certificate(s) of the CA that signed OpenSearch's TLS certificate.",
    kind: blockKind('PEM certificate text'),
    commands: CONNECT,
  }),
  'opensearch-insecure-tls': settingWithDefault({
    description: "Do not verify OpenSearch's TLS certificate. Unsafe; warned on every run.",
    kind: boolKind(),
    default: false,
    commands: CONNECT,
  }),
  'snapshot-repository': settingWithDefault({
    description: 'The OpenSearch snapshot repository (type fs); registered if missing.',
    kind: nameKind('a repository name'),
    default: 'my-fs-repository',
    commands: REPOSITORY,
  }),
  'snapshot-location': settingWithDefault({
    description: "The repository's location inside the OpenSearch container; must be under its path.repo.",
    kind: pathKind(),
    default: '/mnt/snapshots',
    commands: REPOSITORY,
  }),
  'snapshot-name-pattern': settingWithDefault({
    description: "OpenSearch snapshot name; '{date}' becomes the snapshot date.",
    kind: patternKind(
      /^[a-z0-9_.-]*\{date\}[a-z0-9_.-]*$/,
      "a lower-case name containing '{date}'",
      '<pattern>',
    ),
    default: 'snapshot_{date}',
    commands: ON_HOST,
  }),
  indices: settingWithDefault({
    description: "Indices (patterns allowed) to snapshot; '.opendistro_security' is always left out.",
    kind: listKind(patternKind(/^-?[a-z0-9_.*+-]+$/, 'index names or patterns', '<index>')),
    default: ['*'] as string[],
    commands: ON_HOST,
  }),
  'opensearch-timeout': settingWithDefault({
    description: 'How long a snapshot may take before the run fails.',
    kind: durationKind(),
    default: 30 * 60_000,
    defaultText: '30m',
    commands: ON_HOST,
  }),
  'restore-drill': settingWithDefault({
    description:
      "With verify: also restore the snapshot's OpenSearch indices under new names, compare document counts with the manifest, and delete them.",
    kind: boolKind(),
    default: true,
    commands: ['verify'],
  }),
};

import {
  blockKind,
  boolKind,
  choiceKind,
  durationKind,
  hostKind,
  intKind,
  nameKind,
  pathKind,
  patternKind,
} from '../kinds.js';
import { setting, settingWithDefault } from '../types.js';

const ON_HOST = ['backup', 'verify', 'restore', 'drill', 'status', 'health', 'set-watermarks'] as const;

export const sshSettings = {
  'ssh-host': setting({
    description: 'The production host to reach over SSH.',
    kind: hostKind(),
    commands: ON_HOST,
    requiredFor: ON_HOST,
  }),
  'ssh-port': settingWithDefault({
    description: "The host's SSH port.",
    kind: intKind(1, 65535),
    default: 22,
    commands: ON_HOST,
  }),
  'ssh-user': setting({
    description: 'The SSH user; it must be allowed to run docker (or the database tools, with exec: host).',
    kind: nameKind('a user name'),
    commands: ON_HOST,
    requiredFor: ON_HOST,
  }),
  'ssh-private-key': setting({
    twin: 'ssh-private-key-file',
    description:
      'The private key (OpenSSH or PEM text), as from a secret. The CLI reads it from GATEWAY_OPS_SSH_PRIVATE_KEY or ssh-private-key-file.',
    kind: blockKind('the text of a private key'),
    commands: ON_HOST,
    secret: true,
    surfaces: { action: true, cli: false, config: false },
  }),
  'ssh-private-key-file': setting({
    localPath: true,
    twin: 'ssh-private-key',
    description: 'File holding the private key (for the CLI and config files).',
    kind: pathKind(),
    commands: ON_HOST,
    surfaces: { action: false, cli: true, config: true },
  }),
  'ssh-passphrase': setting({
    description:
      "The private key's passphrase, if it has one. The CLI reads it from GATEWAY_OPS_SSH_PASSPHRASE.",
    kind: blockKind('the passphrase text'),
    commands: ON_HOST,
    secret: true,
    surfaces: { action: true, cli: false, config: false },
  }),
  'ssh-known-hosts': setting({
    twin: 'ssh-known-hosts-file',
    description:
      "known_hosts lines for the host (as printed by 'ssh-keyscan -p PORT HOST'). This or ssh-host-fingerprint is required.",
    kind: blockKind('known_hosts lines'),
    commands: ON_HOST,
    surfaces: { action: true, cli: false, config: true },
  }),
  'ssh-known-hosts-file': setting({
    localPath: true,
    twin: 'ssh-known-hosts',
    description: 'A known_hosts file to check the host key against (for the CLI and config files).',
    kind: pathKind(),
    commands: ON_HOST,
    surfaces: { action: false, cli: true, config: true },
  }),
  'ssh-host-fingerprint': setting({
    description: "The host key's fingerprint as OpenSSH prints it ('SHA256:...', from 'ssh-keygen -lf').",
    kind: patternKind(
      /^SHA256:[A-Za-z0-9+/]{43}=?$/,
      "'SHA256:' followed by 43 base64 characters",
      'SHA256:<base64>',
    ),
    commands: ON_HOST,
  }),
  'ssh-insecure-skip-host-key-check': settingWithDefault({
    description:
      'Accept any host key. Unsafe: anyone on the path can impersonate the host. Warned on every run.',
    kind: boolKind(),
    default: false,
    commands: ON_HOST,
  }),
  'ssh-connect-timeout': settingWithDefault({
    description: 'How long to wait for the SSH connection and authentication.',
    kind: durationKind(),
    default: 30_000,
    defaultText: '30s',
    commands: ON_HOST,
  }),
  'ssh-command-timeout': settingWithDefault({
    description: 'The longest any one remote command (such as the dump) may run; 0 for no limit.',
    kind: durationKind(),
    default: 6 * 3600_000,
    defaultText: '6h',
    commands: ON_HOST,
  }),
  'ssh-keepalive-interval': settingWithDefault({
    description:
      'Interval of SSH keepalive messages, so that NAT and firewalls keep a silent connection open.',
    kind: durationKind(),
    default: 15_000,
    defaultText: '15s',
    commands: ON_HOST,
  }),
  exec: settingWithDefault({
    description:
      "Where database commands run: 'docker' (inside the service containers with 'docker exec -i') or 'host' (tools installed on the host).",
    kind: choiceKind(['docker', 'host'] as const),
    default: 'docker' as 'docker' | 'host',
    commands: ON_HOST,
  }),
};

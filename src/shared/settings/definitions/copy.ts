import {
  blockKind,
  boolKind,
  choiceKind,
  hostKind,
  intKind,
  nameKind,
  pathKind,
  patternKind,
} from '../kinds.js';
import { setting, settingWithDefault } from '../types.js';

/** The off-host copy's second host: validated exactly as the production host's ssh-* settings. */
export const copySettings = {
  'copy-to-host': setting({
    description:
      'The second host that receives a verified copy of each snapshot over SSH. Empty: no copy is made.',
    kind: hostKind(),
    commands: ['backup'],
  }),
  'copy-to-port': settingWithDefault({
    description: "The copy host's SSH port.",
    kind: intKind(1, 65535),
    default: 22,
    commands: ['backup'],
  }),
  'copy-to-user': setting({
    description: 'The SSH user on the copy host; it must be able to write copy-to-path.',
    kind: nameKind('a user name'),
    commands: ['backup'],
  }),
  'copy-to-path': setting({
    description:
      "Directory of the copies on the copy host (one YYYY-MM-DD directory per snapshot, pruned by the same keep-* policy); relative paths are from the user's home.",
    kind: pathKind(),
    commands: ['backup'],
  }),
  'copy-to-private-key': setting({
    description:
      "The copy host's private key (OpenSSH or PEM text), as from a secret. The CLI reads it from GATEWAY_OPS_COPY_TO_PRIVATE_KEY or copy-to-private-key-file.",
    kind: blockKind('the text of a private key'),
    commands: ['backup'],
    secret: true,
    surfaces: { action: true, cli: false, config: false },
  }),
  'copy-to-private-key-file': setting({
    description: "File holding the copy host's private key (for the CLI and config files).",
    kind: pathKind(),
    commands: ['backup'],
    surfaces: { action: false, cli: true, config: true },
  }),
  'copy-to-known-hosts': setting({
    description:
      "known_hosts lines for the copy host (as printed by 'ssh-keyscan -p PORT HOST'). This, copy-to-known-hosts-file or copy-to-host-fingerprint is required.",
    kind: blockKind('known_hosts lines'),
    commands: ['backup'],
    surfaces: { action: true, cli: false, config: true },
  }),
  'copy-to-known-hosts-file': setting({
    description: 'A known_hosts file to check the copy host key against (for the CLI and config files).',
    kind: pathKind(),
    commands: ['backup'],
    surfaces: { action: false, cli: true, config: true },
  }),
  'copy-to-host-fingerprint': setting({
    description:
      "The copy host key's fingerprint as OpenSSH prints it ('SHA256:...', from 'ssh-keygen -lf').",
    kind: patternKind(
      /^SHA256:[A-Za-z0-9+/]{43}=?$/,
      "'SHA256:' followed by 43 base64 characters",
      'SHA256:<base64>',
    ),
    commands: ['backup'],
  }),
  'copy-via': settingWithDefault({
    description:
      "How the copy travels: 'runner' streams it through this runner over two SSH connections (the production host never holds the copy host's key); 'host' runs rsync on the production host with a key written for the run only (for very large snapshots).",
    kind: choiceKind(['runner', 'host'] as const),
    default: 'runner' as 'runner' | 'host',
    commands: ['backup'],
  }),
  'alert-issue': settingWithDefault({
    description:
      "When a scheduled run fails, open (or update) one GitHub issue labelled 'backup-failure'; close it when a later run succeeds. Needs 'permissions: issues: write'.",
    kind: boolKind(),
    default: false,
    commands: ['backup', 'verify'],
    surfaces: { action: true, cli: false, config: false },
  }),
  'alert-webhook-url': setting({
    description:
      'A healthchecks.io-style monitor URL: POST <url>/start when a run starts, <url> on success, <url>/fail on failure. A secret (the URL is the credential); the CLI reads it from GATEWAY_OPS_ALERT_WEBHOOK_URL.',
    kind: patternKind(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL', '<url>'),
    commands: ['backup', 'verify'],
    secret: true,
    surfaces: { action: true, cli: false, config: false },
  }),
};

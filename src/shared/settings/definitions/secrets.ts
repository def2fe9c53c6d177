import { boolKind, listKind, patternKind } from '../kinds.js';
import { settingWithDefault } from '../types.js';

/**
 * A path or glob relative to deploy-dir: no leading '/' or '-', no '..' segment, and only the
 * characters of a path plus the glob characters '*', '?', '[', ']'.
 */
const SECRET_PATH = /^(?![/-])(?!(?:.*\/)?\.\.(?:\/|$))[A-Za-z0-9_./@+:*?[\]-]+$/;

/**
 * An X25519 age recipient: 'age1' and 58 bech32 characters. The checksum is checked by the age
 * library when the secrets component starts (still before anything is written).
 */
export const AGE_RECIPIENT = /^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/;

export const secretSettings = {
  'secret-paths': settingWithDefault({
    description:
      "The deployment's secret files and directories, relative to deploy-dir; globs such as 'config/*.env' allowed. Archived and encrypted to age-recipients.",
    kind: listKind(
      patternKind(
        SECRET_PATH,
        "paths or globs relative to deploy-dir (letters, digits, '_ . / @ + : -' and '* ? [ ]'; no leading '/' or '-', no '..')",
        '<path>',
      ),
    ),
    default: [
      '.envs/',
      '.env.sh',
      'scripts/.env.sh',
      'scripts/prod-hostnames.env',
      'config/*.env',
    ] as string[],
    commands: ['backup'],
  }),
  'age-recipients': settingWithDefault({
    description:
      "age public keys ('age1...', from age-keygen) the secrets archive is encrypted to. Empty: secrets are skipped with a warning, never written in clear.",
    kind: listKind(
      patternKind(
        AGE_RECIPIENT,
        "age X25519 public keys: 'age1' followed by 58 lower-case bech32 characters, as printed by 'age-keygen -y' (post-quantum 'age1pq1...' keys are not accepted: age 1.1, as in Debian 12, cannot decrypt them)",
        '<age1...>',
      ),
    ),
    default: [] as string[],
    commands: ['backup'],
  }),
  'secrets-required': settingWithDefault({
    description:
      'Fail before anything is written when a secret-paths entry matches nothing on the host (otherwise it is recorded as missing in the manifest).',
    kind: boolKind(),
    default: false,
    commands: ['backup'],
  }),
};

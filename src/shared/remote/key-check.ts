import { statSync } from 'node:fs';
import ssh2 from 'ssh2';
import { ConfigurationError } from '../errors.js';
import { settingRef } from '../setting-ref.js';

/** Where the private key came from: its text (an input, the environment) or a file. */
export type KeySource = { readonly kind: 'text' } | { readonly kind: 'file'; readonly path: string };

/**
 * Checks a private key before any connection, so a wrong key is a settings error that names the
 * setting and says what to do: not a key, a public key, encrypted without (or with a wrong)
 * passphrase. Returns warnings (a key file others can read, as OpenSSH warns).
 */
export function checkPrivateKey(text: string, source: KeySource, passphrase: string | undefined): string[] {
  const setting = source.kind === 'file' ? settingRef('ssh-private-key-file') : settingRef('ssh-private-key');
  const what = source.kind === 'file' ? `the file '${source.path}'` : 'the key text';
  if (/^\s*(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-\S+)\s+[A-Za-z0-9+/=]+/.test(text)) {
    throw new ConfigurationError(
      `${setting}: ${what} is a public key${source.kind === 'file' && source.path.endsWith('.pub') ? ' (a .pub file)' : ''}; give the private key${source.kind === 'file' && source.path.endsWith('.pub') ? ` ('${source.path.slice(0, -4)}')` : ''}, whose first line is '-----BEGIN OPENSSH PRIVATE KEY-----'.`,
    );
  }
  const parsed = ssh2.utils.parseKey(text, passphrase);
  if (parsed instanceof Error) {
    if (/encrypted|passphrase|decrypt|bad decrypt/i.test(parsed.message)) {
      throw new ConfigurationError(
        passphrase
          ? `${setting}: ${what} could not be decrypted with the given ${settingRef('ssh-passphrase')}: the passphrase is wrong.`
          : `${setting}: ${what} is encrypted and needs a passphrase: set ${settingRef('ssh-passphrase')}.`,
      );
    }
    throw new ConfigurationError(
      source.kind === 'file'
        ? `${setting}: ${what} is not a private key ssh can read (${parsed.message}); point it at the private key file (e.g. ~/.ssh/id_ed25519).`
        : `${setting}: ${what} is not a private key ssh can read (${parsed.message}); give the whole private key text, BEGIN and END lines included.`,
    );
  }
  const warnings: string[] = [];
  if (source.kind === 'file') {
    const mode = statSync(source.path).mode & 0o777;
    if (mode & 0o077) {
      warnings.push(
        `the private key file '${source.path}' can be read by others (mode ${mode.toString(8).padStart(4, '0')}): run 'chmod 600 ${source.path}' (OpenSSH refuses such a key).`,
      );
    }
  }
  return warnings;
}

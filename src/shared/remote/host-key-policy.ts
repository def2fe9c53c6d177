/**
 * The host-key policy of a connection: the keys pinned by ssh-known-hosts (`@revoked` included)
 * and ssh-host-fingerprint, and the explicit, loudly warned insecure skip.
 */
import { settingRef } from '../setting-ref.js';
import { HostKeyMismatchError, RemoteConnectError, type RemoteError, UnknownHostKeyError } from './errors.js';
import {
  fingerprintOf,
  hostKeyAlgorithmsFor,
  hostsFieldMatches,
  type KnownHostEntry,
  keyTypeOf,
  knownHostsName,
  normalizeFingerprint,
  parseKnownHosts,
} from './known-hosts.js';
import type { RemoteHostOptions } from './ssh.js';

/** ssh-host-fingerprint: one, a list, or a comma/newline-separated string; normalized. */
function pinnedFingerprints(value: RemoteHostOptions['hostFingerprint']): string[] {
  const listed =
    value === undefined
      ? []
      : typeof value === 'string'
        ? value
            .split(/[\n,]+/)
            .map((f) => f.trim())
            .filter(Boolean)
        : [...value];
  return listed.map((f) => {
    try {
      return normalizeFingerprint(f);
    } catch (error) {
      throw new RemoteConnectError(`${settingRef('ssh-host-fingerprint')}: ${(error as Error).message}`);
    }
  });
}

/** The ssh-known-hosts entries for this host and port. */
function matchingKnownHosts(options: RemoteHostOptions, port: number): KnownHostEntry[] {
  if (options.knownHosts === undefined) return [];
  try {
    return parseKnownHosts(options.knownHosts).filter((e) => hostsFieldMatches(e.hosts, options.host, port));
  } catch (error) {
    throw new RemoteConnectError(`${settingRef('ssh-known-hosts')}: ${(error as Error).message}`);
  }
}

export interface HostKeyPolicy {
  /** ssh2 algorithms.serverHostKey restriction (types pinned in known_hosts), if any. */
  algorithms?: string[];
  /** Returns undefined when accepted, or the error to fail with. */
  check(key: Buffer): RemoteError | undefined;
}

export function hostKeyPolicy(options: RemoteHostOptions, port: number): HostKeyPolicy {
  const where = knownHostsName(options.host, port);
  const pinCommand = `ssh-keyscan ${port === 22 ? '' : `-p ${port} `}${options.host}`;
  const fingerprints = pinnedFingerprints(options.hostFingerprint);
  const entries = matchingKnownHosts(options, port);
  const revoked = entries.filter((e) => e.marker === '@revoked');
  const pinned = entries.filter((e) => e.marker === '');
  const hasKnownHosts = options.knownHosts !== undefined && String(options.knownHosts).trim() !== '';
  if (!hasKnownHosts && fingerprints.length === 0 && !options.insecureSkipHostKeyCheck) {
    throw new RemoteConnectError(
      `no host key to verify ${where} against: set ${settingRef('ssh-known-hosts')} (the output of \`${pinCommand}\`, checked out of band) or ${settingRef('ssh-host-fingerprint')} (SHA256:..., as \`ssh-keygen -lf\` prints it). Connecting without verification would let anyone on the path impersonate the host.`,
    );
  }
  const expected = [...pinned.map((e) => fingerprintOf(e.key)), ...fingerprints];
  // Ask the server for a pinned key type when known_hosts says which (ssh-keyscan lists several).
  let algorithms: string[] | undefined;
  if (pinned.length > 0 && fingerprints.length === 0) {
    algorithms = [...new Set(pinned.flatMap((e) => hostKeyAlgorithmsFor(e.keyType)))];
  }
  return {
    ...(algorithms ? { algorithms } : {}),
    check(key: Buffer) {
      const found = fingerprintOf(key);
      const type = keyTypeOf(key);
      if (revoked.some((e) => e.key.equals(key))) {
        return new HostKeyMismatchError(
          `host key verification failed for ${where}: its ${type} key ${found} is marked @revoked in ${settingRef('ssh-known-hosts')}. Do not connect; find out why the host still uses a revoked key.`,
          expected,
          found,
        );
      }
      if (pinned.some((e) => e.key.equals(key)) || fingerprints.includes(found)) return undefined;
      if (options.insecureSkipHostKeyCheck) {
        options.logger?.warn(
          `${settingRef('ssh-insecure-skip-host-key-check')} is set: the host key of ${where} (${type} ${found}) was NOT verified. Anyone able to intercept this connection can impersonate the host and read everything sent over it. Pin it with ${settingRef('ssh-known-hosts')} (\`${pinCommand}\`) or ${settingRef('ssh-host-fingerprint', found)}`,
        );
        return undefined;
      }
      if (expected.length === 0) {
        return new UnknownHostKeyError(
          `host key verification failed: ${settingRef('ssh-known-hosts')} has no entry for ${where}. The host presented the ${type} key ${found}. If that is the host's real key (compare with \`ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub\` run on the host), pin it: add the output of \`${pinCommand}\` to ${settingRef('ssh-known-hosts')}, or set ${settingRef('ssh-host-fingerprint', found)}`,
          found,
        );
      }
      return new HostKeyMismatchError(
        `host key verification failed for ${where}: expected ${expected.join(' or ')}, found ${type} ${found}. The host key changed, or someone is intercepting the connection. If the host was legitimately re-keyed, verify the new key on the host and update ${settingRef('ssh-known-hosts')} / ${settingRef('ssh-host-fingerprint')}.`,
        expected,
        found,
      );
    },
  };
}

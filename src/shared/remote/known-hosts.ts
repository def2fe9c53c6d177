/**
 * Host key pinning: OpenSSH `known_hosts` lines (plain, `[host]:port`, wildcard and negated
 * patterns, hashed `|1|salt|hash` entries, `@revoked`) and `SHA256:` fingerprints as
 * `ssh-keygen -lf` prints them.
 */
import { createHash, createHmac } from 'node:crypto';

export interface KnownHostEntry {
  marker: '' | '@revoked' | '@cert-authority';
  /** The hosts field as written (patterns, or a hashed `|1|...` entry). */
  hosts: string;
  keyType: string;
  key: Buffer;
  /** 1-based line number in the text given, for messages. */
  line: number;
}

/** `SHA256:<base64 without padding>` of a raw public key blob, as OpenSSH prints it. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type written inside a raw SSH public key blob (`ssh-ed25519`, `ssh-rsa`, ...). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  if (len > 64 || keyBlob.length < 4 + len) return 'unknown';
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}

/**
 * Normalize a fingerprint as a user may paste it: `SHA256:abc`, `SHA256:abc=`, or a full
 * `ssh-keygen -lf` line (`256 SHA256:abc comment (ED25519)`). Returns `SHA256:<base64 no padding>`.
 */
export function normalizeFingerprint(value: string): string {
  const match = value.trim().match(/SHA256:([A-Za-z0-9+/]+=*)/);
  if (!match) {
    throw new Error(
      `a host fingerprint must look like SHA256:<base64> (as \`ssh-keygen -lf\` prints it); found ${JSON.stringify(value.slice(0, 80))}`,
    );
  }
  const base64 = match[1]!.replace(/=+$/, '');
  if (Buffer.from(base64, 'base64').length !== 32) {
    throw new Error(`a SHA256 host fingerprint has 43 base64 characters; found ${JSON.stringify(match[0])}`);
  }
  return `SHA256:${base64}`;
}

/** Parse known_hosts text (or lines). Invalid lines are errors naming the line. */
export function parseKnownHosts(text: string | readonly string[]): KnownHostEntry[] {
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : text.flatMap((t) => t.split(/\r?\n/));
  const entries: KnownHostEntry[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = '';
    if (fields[0]?.startsWith('@')) {
      if (fields[0] !== '@revoked' && fields[0] !== '@cert-authority') {
        throw new Error(`known_hosts line ${index + 1}: unknown marker ${fields[0]}`);
      }
      marker = fields.shift() as KnownHostEntry['marker'];
    }
    const [hosts, keyType, keyBase64] = fields;
    if (!hosts || !keyType || !keyBase64 || !/^[A-Za-z0-9+/]+=*$/.test(keyBase64)) {
      throw new Error(
        `known_hosts line ${index + 1} is not of the form "host[,host...] key-type base64-key" (as ssh-keyscan prints it)`,
      );
    }
    const key = Buffer.from(keyBase64, 'base64');
    if (keyTypeOf(key) !== keyType) {
      throw new Error(`known_hosts line ${index + 1}: the key is not a ${keyType} key`);
    }
    entries.push({ marker, hosts, keyType, key, line: index + 1 });
  });
  return entries;
}

/** The name OpenSSH looks up for host and port: `host` for port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

function wildcardMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|]/g, '\\$&')))
      .join('')}$`,
  );
  return re.test(value);
}

/** Whether an entry's hosts field matches `host`:`port` (plain, pattern, or hashed). */
export function hostsFieldMatches(hostsField: string, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (hostsField.startsWith('|1|')) {
    const [, , salt, hash] = hostsField.split('|');
    if (!salt || !hash) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
  }
  let matched = false;
  for (const rawPattern of hostsField.split(',')) {
    const negated = rawPattern.startsWith('!');
    const pattern = (negated ? rawPattern.slice(1) : rawPattern).toLowerCase();
    if (wildcardMatch(pattern, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** Host key algorithm names (ssh2 `algorithms.serverHostKey`) that produce keys of `keyType`. */
export function hostKeyAlgorithmsFor(keyType: string): string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [keyType];
}

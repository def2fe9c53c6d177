import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  keyTypeOf,
  knownHostsName,
  normalizeFingerprint,
  parseKnownHosts,
} from '../../../src/shared/remote/index.js';
import { hostsFieldMatches } from '../../../src/shared/remote/known-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'gwops-kh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keygen(name: string): { line: string; blob: Buffer; fingerprint: string } {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path]);
  const line = readFileSync(`${path}.pub`, 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-lf', `${path}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
  return { line, blob: Buffer.from(line.split(' ')[1]!, 'base64'), fingerprint };
}

describe('fingerprints', () => {
  const key = keygen('k1');
  it('match ssh-keygen -lf', () => {
    expect(fingerprintOf(key.blob)).toBe(key.fingerprint);
    expect(keyTypeOf(key.blob)).toBe('ssh-ed25519');
  });
  it('normalize pasted forms', () => {
    expect(normalizeFingerprint(key.fingerprint)).toBe(key.fingerprint);
    expect(normalizeFingerprint(`${key.fingerprint}=`)).toBe(key.fingerprint);
    expect(normalizeFingerprint(`256 ${key.fingerprint} me@host (ED25519)`)).toBe(key.fingerprint);
    expect(() => normalizeFingerprint('MD5:aa:bb')).toThrow(/SHA256:/);
    expect(() => normalizeFingerprint('SHA256:abc')).toThrow(/43 base64/);
  });
});

describe('known_hosts', () => {
  const key = keygen('k2');
  const [type, base64] = key.line.split(' ');

  it('names hosts like OpenSSH', () => {
    expect(knownHostsName('Example.COM', 22)).toBe('example.com');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });

  it('parses plain, bracketed, marker and comment lines', () => {
    const entries = parseKnownHosts(
      [
        `# comment`,
        '',
        `host1,host2 ${type} ${base64} c`,
        `[h]:2222 ${type} ${base64}`,
        `@revoked bad ${type} ${base64}`,
      ].join('\n'),
    );
    expect(entries.map((e) => [e.marker, e.hosts, e.line])).toEqual([
      ['', 'host1,host2', 3],
      ['', '[h]:2222', 4],
      ['@revoked', 'bad', 5],
    ]);
    expect(entries[0]!.key.equals(key.blob)).toBe(true);
  });

  it('rejects malformed lines with their number', () => {
    expect(() => parseKnownHosts(`ok ${type} ${base64}\nnonsense`)).toThrow(/line 2/);
    expect(() => parseKnownHosts(`h ssh-rsa ${base64}`)).toThrow(/not a ssh-rsa key/);
  });

  it('matches host patterns, ports and negations', () => {
    expect(hostsFieldMatches('example.com', 'example.com', 22)).toBe(true);
    expect(hostsFieldMatches('example.com', 'example.com', 2222)).toBe(false);
    expect(hostsFieldMatches('[example.com]:2222', 'example.com', 2222)).toBe(true);
    expect(hostsFieldMatches('[example.com]:2222', 'example.com', 22)).toBe(false);
    expect(hostsFieldMatches('*.example.com', 'a.example.com', 22)).toBe(true);
    expect(hostsFieldMatches('*.example.com,!bad.example.com', 'bad.example.com', 22)).toBe(false);
    expect(hostsFieldMatches('h?st', 'host', 22)).toBe(true);
    expect(hostsFieldMatches('EXAMPLE.com', 'example.COM', 22)).toBe(true);
    expect(hostsFieldMatches('a.b', 'axb', 22)).toBe(false);
  });

  it('matches hashed entries written by ssh-keygen -H', () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `[127.0.0.1]:2222 ${type} ${base64}\nexample.org ${type} ${base64}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const entries = parseKnownHosts(readFileSync(file, 'utf8'));
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.hosts.startsWith('|1|'))).toBe(true);
    expect(hostsFieldMatches(entries[0]!.hosts, '127.0.0.1', 2222)).toBe(true);
    expect(hostsFieldMatches(entries[0]!.hosts, '127.0.0.1', 22)).toBe(false);
    expect(hostsFieldMatches(entries[1]!.hosts, 'example.org', 22)).toBe(true);
    expect(hostsFieldMatches(entries[1]!.hosts, 'example.net', 22)).toBe(false);
  });
});

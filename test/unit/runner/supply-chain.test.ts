/**
 * Supply chain, as SECURITY.md promises it: every workflow (ours and the ones users copy) declares
 * top-level `permissions` and asks for write only where a step needs it; every action that is not
 * in this repository is pinned to a full commit SHA (a tag can be moved, a SHA cannot); no
 * production dependency runs an install script beyond the two written down, with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../../', import.meta.url);
const workflows = ['.github/workflows', 'docs/workflows'].flatMap((dir) =>
  readdirSync(new URL(dir, root))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`),
);

/** The scopes a workflow may write, and why: anything else is read or none. */
const WRITABLE: Record<string, string> = {
  issues: 'the backup opens, updates and closes its alert issue',
  'pull-requests': 'migration-check keeps one sticky comment on the pull request',
};

type Permissions = string | Record<string, string> | null | undefined;
interface Workflow {
  permissions?: Permissions;
  jobs: Record<string, { permissions?: Permissions; uses?: string; steps?: { uses?: string }[] }>;
}

const load = (path: string) => parse(readFileSync(new URL(path, root), 'utf8')) as Workflow;

/** What is wrong with a permissions block: a blanket grant, an unknown level, a write not needed. */
function permissionProblems(where: string, permissions: Permissions): string[] {
  if (permissions === undefined) return [];
  if (permissions === null || typeof permissions === 'string')
    return [`${where}: permissions ${String(permissions)} is a blanket grant; list the scopes`];
  return Object.entries(permissions).flatMap(([scope, level]) => {
    if (!['read', 'write', 'none'].includes(level)) return [`${where}: ${scope}: ${level} is no level`];
    if (level === 'write' && !(scope in WRITABLE)) return [`${where}: ${scope}: write is not needed`];
    return [];
  });
}

/** Whether a `uses:` is this repository's own or pinned to a full commit SHA (or image digest). */
function isPinned(uses: string): boolean {
  if (uses.startsWith('./')) return true;
  if (uses.startsWith('docker://')) return /@sha256:[0-9a-f]{64}$/.test(uses);
  return /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(uses);
}

describe.each(workflows)('%s', (path) => {
  const workflow = load(path);

  it('declares top-level permissions, writing only where a step needs it', () => {
    expect(workflow.permissions, `${path} has no top-level permissions:`).toBeDefined();
    const problems = [
      ...permissionProblems(path, workflow.permissions),
      ...Object.entries(workflow.jobs).flatMap(([job, spec]) =>
        permissionProblems(`${path} job ${job}`, spec.permissions),
      ),
    ];
    expect(problems).toEqual([]);
  });

  it('pins every action from outside this repository to a full commit SHA', () => {
    const uses = Object.values(workflow.jobs).flatMap((job) => [
      ...(job.uses ? [job.uses] : []),
      ...(job.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : [])),
    ]);
    expect(
      uses.filter((u) => !isPinned(u)),
      path,
    ).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('refuse tags, branches and short SHAs; accept local actions, full SHAs and image digests', () => {
    expect(isPinned('actions/setup-go@v6')).toBe(false);
    expect(isPinned('actions/checkout@main')).toBe(false);
    expect(isPinned('actions/checkout@08c6903')).toBe(false);
    expect(isPinned('docker://alpine:3')).toBe(false);
    expect(isPinned('./actions/backup')).toBe(true);
    expect(isPinned('actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8')).toBe(true);
    expect(isPinned('github/codeql-action/init@08c6903cd8c0fde910a37f88322edcfb5dd907a8')).toBe(true);
    expect(isPinned(`docker://alpine@sha256:${'a'.repeat(64)}`)).toBe(true);
  });

  it('refuse blanket grants and writes no step needs', () => {
    expect(permissionProblems('w', 'write-all')).toHaveLength(1);
    expect(permissionProblems('w', 'read-all')).toHaveLength(1);
    expect(permissionProblems('w', { contents: 'write' })).toHaveLength(1);
    expect(permissionProblems('w', { contents: 'read', issues: 'write' })).toEqual([]);
    expect(permissionProblems('w', {})).toEqual([]);
  });
});

describe('install scripts', () => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8'));

  it('the package itself runs none on install', () => {
    const hooks = ['preinstall', 'install', 'postinstall', 'prepare', 'prepack'];
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => hooks.includes(s))).toEqual([]);
  });

  it('no production dependency has one beyond the two SECURITY.md gives the reason for', () => {
    const packages = lock.packages as Record<string, { dev?: boolean; hasInstallScript?: boolean }>;
    const withScript = Object.entries(packages)
      .filter(([name, spec]) => name !== '' && spec.hasInstallScript && !spec.dev)
      .map(([name]) => name.replace(/^.*node_modules\//, ''))
      .sort();
    expect(withScript).toEqual(['cpu-features', 'ssh2']);
    const security = readFileSync(new URL('SECURITY.md', root), 'utf8');
    for (const name of withScript) expect(security, `SECURITY.md on ${name}`).toContain(`\`${name}\``);
  });

  it('SECURITY.md names every production dependency at its locked version, each locked by sha512', () => {
    const packages = lock.packages as Record<string, { version?: string; integrity?: string }>;
    const security = readFileSync(new URL('SECURITY.md', root), 'utf8').replace(/\s+/g, ' ');
    const named = Object.keys(pkg.dependencies ?? {}).map(
      (name) => `\`${name}\` ${packages[`node_modules/${name}`]?.version}`,
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((entry) => !security.includes(entry))).toEqual([]);
    const unpinned = Object.entries(packages).filter(
      ([name, spec]) => name !== '' && !spec.integrity?.startsWith('sha512-'),
    );
    expect(unpinned.map(([name]) => name)).toEqual([]);
  });
});

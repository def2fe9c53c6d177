/**
 * The guards of a restore, as pure functions: each refusal names the guard and the setting that
 * would let the restore through. They run before anything on the target changes.
 */

export interface GuardInput {
  /** What `hostname` printed on the target. */
  readonly hostname: string;
  readonly confirm: string | undefined;
  readonly allowedHosts: readonly string[];
  readonly productionHosts: readonly string[];
  readonly allowProduction: boolean;
}

export interface Refusal {
  readonly guard: 'confirm' | 'restore-allowed-hosts' | 'production-hosts' | 'postgres-version' | 'snapshot';
  readonly message: string;
}

const sameHost = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The first guard that refuses, or null when every guard passes. */
export function checkGuards(input: GuardInput): Refusal | null {
  const host = input.hostname;
  if (input.allowedHosts.length === 0) {
    return {
      guard: 'restore-allowed-hosts',
      message: `restore refused by restore-allowed-hosts: it is empty, so every restore is refused. Set restore-allowed-hosts: ${host} to allow restores onto this host.`,
    };
  }
  if (!input.allowedHosts.some((allowed) => sameHost(allowed, host))) {
    return {
      guard: 'restore-allowed-hosts',
      message: `restore refused by restore-allowed-hosts: the target ${host} is not in it (${input.allowedHosts.join(', ')}). Add ${host} to restore-allowed-hosts if this host may be overwritten.`,
    };
  }
  if (input.productionHosts.some((production) => sameHost(production, host)) && !input.allowProduction) {
    return {
      guard: 'production-hosts',
      message: `restore refused by production-hosts: ${host} is a production host. Set allow-production: true as well to restore onto it.`,
    };
  }
  // Exactly as printed: the typed confirmation is the operator reading the target's name.
  if (input.confirm !== host) {
    return {
      guard: 'confirm',
      message:
        input.confirm === undefined
          ? `restore refused by confirm: it is not set. Set confirm: ${host} (what 'hostname' prints on the target) to confirm this restore.`
          : `restore refused by confirm: expected exactly '${host}' (what 'hostname' prints on the target), found '${input.confirm}'.`,
    };
  }
  return null;
}

/** `15.4` / `15.4 (Debian 15.4-1)` / `150004` -> 15. */
export function majorVersion(version: string | number): number | null {
  if (typeof version === 'number') return version >= 100000 ? Math.floor(version / 10000) : null;
  const match = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!match) return null;
  const major = Number(match[1]);
  // 9.6 and older had two-part majors; they cannot restore a 10+ dump anyway.
  return major >= 10 ? major : major + Number(match[2] ?? 0) / 10;
}

/** The target must run a PostgreSQL at least as new as the one that was dumped. */
export function checkPostgresVersion(dumped: string, target: string | number): Refusal | null {
  const from = majorVersion(dumped);
  const to = majorVersion(target);
  if (from === null || to === null) {
    return {
      guard: 'postgres-version',
      message: `restore refused: cannot compare PostgreSQL versions (snapshot ${dumped}, target ${target}).`,
    };
  }
  if (to < from) {
    return {
      guard: 'postgres-version',
      message: `restore refused: the snapshot was dumped from PostgreSQL ${from}, the target runs ${to}. A dump restores only into the same or a newer major version: upgrade the target first.`,
    };
  }
  return null;
}

/** The safety snapshot's label: the backup's own (one definition, in the snapshot layout). */
export { preRestoreLabel } from '../snapshot/layout.js';

import type { CommandName } from '../shared/settings/index.js';
import type { Command } from './types.js';

export const COMMAND_SUMMARIES: Record<CommandName, string> = {
  backup: "Take today's verified snapshot of the deployment on the host over SSH.",
  verify: 'Re-read a snapshot on the host and check every file against its manifest.',
  restore: 'Restore a chosen snapshot to a host, with a safety snapshot first and verification after.',
  drill: 'Restore a snapshot into scratch targets, compare every count with its manifest, and discard it.',
  'migration-check':
    'Check that Django migrations stay linear against a base branch and say how to fix them.',
  status: 'List the snapshots on the host; exit 1 when the newest complete one is too old, too small or bad.',
  health:
    'Check the OpenSearch cluster, its disks and repository, PostgreSQL collations and the backups disk.',
  'set-watermarks': "Change OpenSearch's disk watermarks (low, high, flood-stage), showing before and after.",
};

/**
 * Each command's modules load only when it runs (`--help` and migration-check never load ssh2,
 * pg or the OpenSearch client): one line per command.
 */
export const COMMAND_LOADERS: Record<CommandName, () => Promise<Command>> = {
  backup: async () => (await import('./backup.js')).backupCommand,
  verify: async () => (await import('./verify.js')).verifyCommand,
  restore: async () => (await import('./restore.js')).restoreCommand,
  drill: async () => (await import('./drill.js')).drillCommand,
  'migration-check': async () => (await import('./migration-check.js')).migrationCheckCommand,
  status: async () => (await import('./status.js')).statusCommand,
  health: async () => (await import('./health.js')).healthCommand,
  'set-watermarks': async () => (await import('./set-watermarks.js')).setWatermarksCommand,
};

/** What is left when a command is interrupted (Ctrl-C), printed before the CLI exits 130. */
export const INTERRUPTED: Record<CommandName, string> = {
  backup:
    "Today's snapshot was not completed: a work dir it had opened on the host is removed (when that fails, it stays as a .partial directory that no reader takes for complete, and the next run removes it); the lock on the host ends with the SSH session.",
  verify: 'The snapshot was not changed; it was not fully verified.',
  restore:
    'The restore was interrupted: if it had started, the databases may be half-restored (the way back through the safety snapshot is above, when one was taken); the services it stopped were started again where the log above says so, and the next restore starts any left stopped (their note is on the host).',
  drill:
    'The drill was interrupted: the scratch cluster may still hold restored databases; drop them before the next drill.',
  'migration-check': 'No verdict was given; without --fix nothing was changed.',
  status: 'Nothing was changed; the snapshots were not fully checked.',
  health: 'The checks were not finished; with refresh-collation, databases refreshed so far stay refreshed.',
  'set-watermarks': 'The watermarks may or may not have been changed: GET _cluster/settings shows them.',
};

import type { CommandName } from '../shared/settings/index.js';
import { backupCommand } from './backup.js';
import { healthCommand } from './health.js';
import { migrationCheckCommand } from './migration-check.js';
import { notYetImplemented } from './not-yet.js';
import { setWatermarksCommand } from './set-watermarks.js';
import type { Command } from './types.js';
import { verifyCommand } from './verify.js';

export const COMMAND_SUMMARIES: Record<CommandName, string> = {
  backup: "Take today's verified snapshot of the deployment on the host over SSH.",
  verify: 'Re-read a snapshot on the host and check every file against its manifest.',
  restore: 'Restore a chosen snapshot to a host, with a safety snapshot first and verification after.',
  'migration-check':
    'Check that Django migrations stay linear against a base branch and say how to fix them.',
  health:
    'Check the OpenSearch cluster, its disks and repository, PostgreSQL collations and the backups disk.',
  'set-watermarks': "Change OpenSearch's disk watermarks (low, high, flood-stage), showing before and after.",
};

export const COMMAND_RUNNERS: Record<CommandName, Command> = {
  backup: backupCommand,
  verify: verifyCommand,
  restore: notYetImplemented('restore'),
  'migration-check': migrationCheckCommand,
  health: healthCommand,
  'set-watermarks': setWatermarksCommand,
};

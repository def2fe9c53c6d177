import type { CommandName } from '../shared/settings/index.js';
import { backupCommand } from './backup.js';
import { drillCommand } from './drill.js';
import { migrationCheckCommand } from './migration-check.js';
import { restoreCommand } from './restore.js';
import type { Command } from './types.js';
import { verifyCommand } from './verify.js';

export const COMMAND_SUMMARIES: Record<CommandName, string> = {
  backup: "Take today's verified snapshot of the deployment on the host over SSH.",
  verify: 'Re-read a snapshot on the host and check every file against its manifest.',
  restore: 'Restore a chosen snapshot to a host, with a safety snapshot first and verification after.',
  drill: 'Restore a snapshot into scratch targets, compare every count with its manifest, and discard it.',
  'migration-check':
    'Check that Django migrations stay linear against a base branch and say how to fix them.',
};

export const COMMAND_RUNNERS: Record<CommandName, Command> = {
  backup: backupCommand,
  verify: verifyCommand,
  restore: restoreCommand,
  drill: drillCommand,
  'migration-check': migrationCheckCommand,
};

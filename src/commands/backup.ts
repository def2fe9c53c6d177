import { notYetImplemented } from './not-yet.js';
import type { Command } from './types.js';

export const backupCommand: Command = notYetImplemented('backup');
export const verifyCommand: Command = notYetImplemented('verify');

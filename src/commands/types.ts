import type { Log } from '../shared/report/log.js';
import type { CommandResult } from '../shared/report/result.js';
import type { Settings } from '../shared/settings/index.js';

export type { CommandResult, SummaryTable } from '../shared/report/result.js';

export interface CommandContext {
  readonly settings: Settings;
  readonly log: Log;
  readonly surface: 'action' | 'cli';
  /** Results meant for a program (stdout in the CLI); progress goes to `log`. */
  readonly stdout: (text: string) => void;
}

export type Command = (context: CommandContext) => Promise<CommandResult>;

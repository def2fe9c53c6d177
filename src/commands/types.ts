import type { Log } from '../shared/report/log.js';
import type { CommandName, Settings } from '../shared/settings/index.js';

export interface CommandContext {
  readonly settings: Settings;
  readonly log: Log;
  readonly surface: 'action' | 'cli';
  /** Results meant for a program (stdout in the CLI); progress goes to `log`. */
  readonly stdout: (text: string) => void;
}

/** A table for the job summary (and the CLI's closing lines). Cells are plain text, escaped by the renderer. */
export interface SummaryTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface CommandResult {
  /** true: the operation did what was asked and found no problem. */
  readonly ok: boolean;
  /** One line for the top of the summary. */
  readonly headline: string;
  readonly details?: readonly string[];
  readonly table?: SummaryTable;
  /** Action outputs (also printed by the CLI with --format json where the command supports it). */
  readonly outputs: Readonly<Record<string, string>>;
}

export type Command = (context: CommandContext) => Promise<CommandResult>;

export interface CommandInfo {
  readonly name: CommandName;
  readonly summary: string;
}

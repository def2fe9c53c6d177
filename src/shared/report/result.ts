/** A table for the job summary (and the CLI's closing lines). Cells are plain text, escaped by the renderer. */
export interface SummaryTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** What a command returns, for both front ends to report. */
export interface CommandResult {
  /** true: the operation did what was asked and found no problem. */
  readonly ok: boolean;
  /** One line for the top of the summary. */
  readonly headline: string;
  readonly details?: readonly string[];
  readonly table?: SummaryTable;
  /** Action outputs (also printed by the CLI with --format json where the command supports it). */
  readonly outputs: Readonly<Record<string, string>>;
  /** What the CLI prints on stdout for a program to read: `text`, or `json` with --format json. */
  readonly stdout?: { readonly text: string; readonly json: Readonly<Record<string, unknown>> };
}

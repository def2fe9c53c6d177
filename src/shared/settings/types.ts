import type { Kind } from './kinds.js';

/** The operations. Each action runs one or more of them; the CLI has one subcommand each. */
export const COMMANDS = [
  'backup',
  'verify',
  'restore',
  'drill',
  'migration-check',
  'status',
  'health',
  'set-watermarks',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface SettingDefinition<T = unknown> {
  readonly description: string;
  readonly kind: Kind<T>;
  /** Typed default. Absent: the setting is unset unless given (see `defaultText`). */
  readonly default?: T;
  /** How the default is described when it is computed at run time ("read from the container's POSTGRES_USER"). */
  readonly defaultText?: string;
  readonly commands: readonly CommandName[];
  /** Commands that cannot run without it. */
  readonly requiredFor?: readonly CommandName[];
  /** Masked with core.setSecret, never echoed, never accepted as a CLI flag (use the -file twin or env). */
  readonly secret?: boolean;
  /** A path on the machine gateway-ops runs on: in a config file, relative to the file's directory. */
  readonly localPath?: boolean;
  /** The setting that stands in for this one where this one cannot be given (a file for a text). */
  readonly twin?: string;
  /** Where it can be given. Default: everywhere. */
  readonly surfaces?: { readonly action?: boolean; readonly cli?: boolean; readonly config?: boolean };
}

/** A setting that is unset unless given. */
export function setting<T>(definition: Omit<SettingDefinition<T>, 'default'>): SettingDefinition<T> {
  return definition;
}

/** A setting that always has a value. */
export function settingWithDefault<T>(
  definition: SettingDefinition<T> & { default: T },
): SettingDefinition<T> & { default: T } {
  return definition;
}

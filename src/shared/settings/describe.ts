import { definitionOf, envName, type SettingName } from './index.js';
import type { CommandName } from './types.js';

/**
 * What every surface says about a setting (--help, action.yml, the READMEs): one place, so the
 * three cannot disagree.
 */
export interface SettingDescription {
  readonly name: SettingName;
  readonly description: string;
  /** The default as text (`.` stays `.`; a list is comma-separated; none is undefined). */
  readonly default: string | undefined;
  /** Required by at least one of the commands asked about. */
  readonly required: boolean;
  readonly secret: boolean;
  /** The environment variable the CLI reads a secret from. */
  readonly env: string | undefined;
}

export function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(',');
  return String(value);
}

export function describeSetting(name: SettingName, commands: readonly CommandName[]): SettingDescription {
  const def = definitionOf(name)!;
  return {
    name,
    description: def.description,
    default: def.defaultText ?? (def.default === undefined ? undefined : formatDefault(def.default)),
    required: commands.some((c) => def.requiredFor?.includes(c)),
    secret: def.secret === true,
    env: def.secret ? envName(name) : undefined,
  };
}

/** "Default: x." with the value quoted when it would read as punctuation (`.` is not `Default: ..`). */
export function defaultSentence(value: string): string {
  const plain = value !== '' && !/^[.\s]|[.\s]$/.test(value);
  return plain ? `Default: ${value}.` : `Default: '${value}'.`;
}

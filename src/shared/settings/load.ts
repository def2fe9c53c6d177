import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigurationError } from '../errors.js';
import { SETTINGS, type SettingName } from './definitions/index.js';
import type { CommandName, SettingDefinition } from './types.js';

type Definitions = typeof SETTINGS;
type ValueOf<D> = D extends SettingDefinition<infer T> ? T : never;

/** The typed settings of a run: every setting with a default has a value; the others may be unset. */
export type Settings = {
  -readonly [K in SettingName]: Definitions[K] extends { default: unknown }
    ? ValueOf<Definitions[K]>
    : ValueOf<Definitions[K]> | undefined;
};

export type Surface = 'action' | 'cli' | 'config';
export type Source = 'input' | 'flag' | 'config' | 'default' | 'unset';

export interface LoadedSettings {
  readonly settings: Settings;
  /** Where each value came from, for the job summary. */
  readonly sources: Readonly<Record<SettingName, Source>>;
}

export interface SettingSources {
  /** 'action' for action inputs, 'cli' for command-line flags. */
  readonly surface: 'action' | 'cli';
  /** Values given as inputs or flags (raw text); empty strings count as not given. */
  readonly explicit: Readonly<Record<string, string | undefined>>;
  /**
   * Environment for the CLI's secrets: `GATEWAY_OPS_SSH_PRIVATE_KEY` etc. (secrets are never flags:
   * flags show in the process list).
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Reads a config file; tests and the action pass their own. */
  readonly readFile?: (path: string) => string;
}

const ALL = SETTINGS as Record<SettingName, SettingDefinition>;

export function definitionOf(name: string): SettingDefinition | undefined {
  return Object.hasOwn(ALL, name) ? ALL[name as SettingName] : undefined;
}

export function isAvailable(def: SettingDefinition, surface: Surface): boolean {
  return def.surfaces?.[surface] ?? true;
}

/** The environment variable that carries a secret setting for the CLI. */
export function envName(name: string): string {
  return `GATEWAY_OPS_${name.toUpperCase().replaceAll('-', '_')}`;
}

/** The settings of one command on one surface, in schema order. */
export function settingsFor(command: CommandName, surface: Surface): SettingName[] {
  return (Object.keys(ALL) as SettingName[]).filter((name) => {
    const def = ALL[name];
    return def.commands.includes(command) && isAvailable(def, surface);
  });
}

function describeFound(def: SettingDefinition, raw: unknown): string {
  if (def.secret) return 'a value that is not of that form (not shown: it is secret)';
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return typeof raw === 'string' ? `'${shown}'` : `${shown} (${Array.isArray(raw) ? 'a list' : typeof raw})`;
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d <= 3 && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function readConfig(
  path: string,
  readFile: (p: string) => string,
  problems: string[],
): Record<string, unknown> {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    problems.push(
      `Setting 'config': cannot read the file '${path}' (${(error as NodeJS.ErrnoException).code ?? error}).`,
    );
    return {};
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    problems.push(
      `Setting 'config': '${path}' is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
    return {};
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push(
      `Setting 'config': expected '${path}' to hold a mapping of setting names to values, found ${Array.isArray(data) ? 'a list' : typeof data}.`,
    );
    return {};
  }
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const def = definitionOf(key);
    if (!def) {
      const hint = closest(key, Object.keys(ALL));
      problems.push(`Unknown setting '${key}' in '${path}'${hint ? ` (did you mean '${hint}'?)` : ''}.`);
    } else if (!isAvailable(def, 'config')) {
      problems.push(
        def.secret
          ? `Setting '${key}' cannot be given in a config file: it is secret (use an action input from a secret, or an environment variable).`
          : `Setting '${key}' cannot be given in a config file.`,
      );
    } else if (value !== null && value !== undefined) {
      config[key] = value;
    }
  }
  return config;
}

/**
 * Read, check and type the settings of a command. Every problem is collected; any problem raises
 * one ConfigurationError listing them all, before anything is run.
 */
export function loadSettings(command: CommandName, sources: SettingSources): LoadedSettings {
  const problems: string[] = [];
  const readFile = sources.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const explicit: Record<string, string> = {};
  for (const [key, value] of Object.entries(sources.explicit)) {
    if (value === undefined || value.trim() === '') continue;
    const def = definitionOf(key);
    const where = sources.surface === 'action' ? 'input' : 'option';
    if (!def || !isAvailable(def, sources.surface)) {
      const hint = closest(key, settingsFor(command, sources.surface));
      problems.push(
        `Unknown ${where} '${sources.surface === 'cli' ? '--' : ''}${key}'${hint ? ` (did you mean '${hint}'?)` : ''}.`,
      );
    } else if (!def.commands.includes(command)) {
      problems.push(`Setting '${key}' does not apply to '${command}'.`);
    } else {
      explicit[key] = value;
    }
  }

  if (sources.surface === 'cli' && sources.env) {
    for (const name of Object.keys(ALL) as SettingName[]) {
      const value = sources.env[envName(name)];
      if (ALL[name].secret && ALL[name].commands.includes(command) && value !== undefined && value !== '') {
        explicit[name] = value;
      }
    }
  }

  const configPath = explicit['config'];
  const config = configPath ? readConfig(configPath, readFile, problems) : {};

  const settings: Record<string, unknown> = {};
  const origin: Record<string, Source> = {};
  for (const name of Object.keys(ALL) as SettingName[]) {
    const def = ALL[name];
    let raw: unknown;
    let source: Source;
    if (explicit[name] !== undefined) {
      raw = explicit[name];
      source = sources.surface === 'action' ? 'input' : 'flag';
    } else if (config[name] !== undefined && def.commands.includes(command)) {
      raw = config[name];
      source = 'config';
    } else {
      settings[name] = def.default;
      origin[name] = def.default === undefined ? 'unset' : 'default';
      continue;
    }
    const parsed = def.kind.schema.safeParse(raw);
    if (parsed.success) {
      settings[name] = parsed.data;
      origin[name] = source;
    } else {
      const from = source === 'config' ? ` in '${configPath}'` : '';
      problems.push(
        `Invalid setting '${name}'${from}: expected ${def.kind.expected}, found ${describeFound(def, raw)}.`,
      );
    }
  }

  for (const name of Object.keys(ALL) as SettingName[]) {
    const def = ALL[name];
    if (def.requiredFor?.includes(command) && settings[name] === undefined && origin[name] === 'unset') {
      problems.push(`Missing setting '${name}': ${def.description}`);
    }
  }

  if (problems.length > 0) throw new ConfigurationError(problems);
  return { settings: settings as Settings, sources: origin as Record<SettingName, Source> };
}

import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import type * as Yaml from 'yaml';
import { ConfigurationError } from '../errors.js';
import { closest, echoValue } from '../text.js';
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
  const text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
  const shown = echoValue(text);
  return typeof raw === 'string' ? `'${shown}'` : `${shown} (${Array.isArray(raw) ? 'a list' : typeof raw})`;
}

// The YAML parser loads only when a config file is read (fast start).
const requireLazily = createRequire(import.meta.url);
function yaml(): typeof Yaml {
  return requireLazily('yaml') as typeof Yaml;
}

/** A config file larger than this is refused (and /dev/zero cannot make the read run forever). */
export const CONFIG_LIMIT_BYTES = 1024 * 1024;

/** Reads at most CONFIG_LIMIT_BYTES + 1 bytes; more is an error, not a wait. */
export function readBounded(path: string, limit = CONFIG_LIMIT_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) throw Object.assign(new Error('too large'), { code: `larger than ${limit} bytes` });
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
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
      `Setting 'config': cannot read the file '${echoValue(path)}' (${(error as NodeJS.ErrnoException).code ?? error}).`,
    );
    return {};
  }
  // The YAML library's messages quote the file's text (a secret included): only codes and
  // positions are reported, and its warnings are never printed (logLevel: 'silent').
  const doc = yaml().parseDocument(text, { logLevel: 'silent', prettyErrors: false });
  const trouble = doc.errors[0] ?? doc.warnings[0];
  if (trouble) {
    const at = trouble.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    const what =
      trouble.code === 'TAG_RESOLVE_FAILED'
        ? 'uses a YAML tag (such as !secret) that gateway-ops does not resolve; give plain values'
        : `is not valid YAML (${trouble.code})`;
    problems.push(`Setting 'config': '${path}' ${what}${where}.`);
    return {};
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    problems.push(`Setting 'config': '${path}' could not be read as YAML (${(error as Error).name}).`);
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
      problems.push(
        `Unknown setting '${echoValue(key)}' in '${path}'${hint ? ` (did you mean '${hint}'?)` : ''}.`,
      );
    } else if (!isAvailable(def, 'config')) {
      problems.push(
        def.secret
          ? `Setting '${key}' cannot be given in a config file: it is secret (use an action input from a secret, or an environment variable).`
          : `Setting '${key}' cannot be given in a config file.`,
      );
    } else if (value !== null && value !== undefined) {
      // A path on this machine, written relative in the file, is relative to the file (cron runs elsewhere).
      config[key] =
        def.localPath && typeof value === 'string' && value !== '' && !isAbsolute(value)
          ? resolve(dirname(resolve(path)), value)
          : value;
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
  const readFile = sources.readFile ?? ((p: string) => readBounded(p));
  const explicit: Record<string, string> = {};
  for (const [key, value] of Object.entries(sources.explicit)) {
    if (value === undefined || value.trim() === '') continue;
    const def = definitionOf(key);
    const where = sources.surface === 'action' ? 'input' : 'option';
    if (!def || !isAvailable(def, sources.surface)) {
      const hint = closest(key, settingsFor(command, sources.surface));
      problems.push(
        `Unknown ${where} '${sources.surface === 'cli' ? '--' : ''}${echoValue(key)}'${hint ? ` (did you mean '${hint}'?)` : ''}.`,
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
    const parsed = def.kind.parse(raw);
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

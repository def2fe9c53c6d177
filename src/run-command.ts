import { COMMAND_LOADERS } from './commands/index.js';
import type { CommandResult } from './commands/types.js';
import { type ClassifiedFailure, ConfigurationError, classifyFailure } from './shared/errors.js';
import type { Log } from './shared/report/log.js';
import { withWebhook } from './shared/report/webhook.js';
import { crossCheck } from './shared/settings/checks.js';
import {
  type CommandName,
  definitionOf,
  envName,
  loadSettings,
  SETTINGS,
  type SettingName,
  type Settings,
  settingsFor,
} from './shared/settings/index.js';
import { renderSettingRefs } from './shared/settings/names.js';

/**
 * The one run path of both front ends: load the settings, mask the secrets, cross-check, run the
 * command, classify a failure. Each front end only turns the outcome into its own output.
 */
export interface RunRequest {
  readonly surface: 'action' | 'cli';
  /** The command, or (an action with several modes) the setting that chooses it. */
  readonly command: CommandName | ModeChoice;
  /** Raw values given as flags or inputs; empty means not given. */
  readonly explicit: Readonly<Record<string, string | undefined>>;
  /** The CLI's environment (secrets). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Problems the front end found before loading (a flag given twice). */
  readonly problems?: readonly string[];
  readonly log: Log;
  readonly stdout: (text: string) => void;
  /** Reads a config file (tests pass their own). */
  readonly readFile?: (path: string) => string;
}

/** An action whose `setting` input (e.g. `mode`) chooses which of its commands runs. */
export interface ModeChoice {
  readonly setting: SettingName;
  readonly commands: Readonly<Record<string, CommandName>>;
  /** The mode when the input is not given (default: the setting's own default). */
  readonly default?: string;
}

export type RunOutcome =
  | { readonly stage: 'settings'; readonly command: CommandName; readonly failure: ClassifiedFailure }
  | { readonly stage: 'run'; readonly command: CommandName; readonly failure: ClassifiedFailure }
  | {
      readonly stage: 'done';
      readonly command: CommandName;
      readonly settings: Settings;
      readonly result: CommandResult;
    };

export async function runCommand(request: RunRequest): Promise<RunOutcome> {
  const { log, surface } = request;
  maskGivenSecrets(request);
  let command = typeof request.command === 'string' ? request.command : firstMode(request.command);
  let settings: Settings;
  try {
    if (typeof request.command !== 'string') command = chooseMode(request.command, request.explicit);
    settings = load(command, request);
    for (const name of Object.keys(SETTINGS) as SettingName[]) {
      const value = settings[name];
      if (SETTINGS[name].secret && typeof value === 'string') log.setSecret(value);
    }
    const problems = crossCheck(command, settings, surface);
    if (problems.length > 0) throw new ConfigurationError(problems);
  } catch (error) {
    return { stage: 'settings', command, failure: classifyFailure(error, surface) };
  }
  const webhookUrl = settings['alert-webhook-url'];
  return (await withWebhook(webhookUrl, log, () => runLoaded(command, settings, request))).outcome;
}

async function runLoaded(command: CommandName, settings: Settings, request: RunRequest) {
  const { log, surface } = request;
  let outcome: RunOutcome;
  try {
    const run = await COMMAND_LOADERS[command]();
    const result = await run({ settings, log, surface, stdout: request.stdout });
    outcome = { stage: 'done', command, settings, result };
  } catch (error) {
    outcome = { stage: 'run', command, failure: classifyFailure(error, surface) };
  }
  const ok = outcome.stage === 'done' && outcome.result.ok;
  const text = outcome.stage === 'done' ? outcome.result.headline : outcome.failure.message;
  return { ok, text: renderSettingRefs(text, surface), outcome };
}

/** Secrets are masked before anything can print them, even when their value is then rejected. */
function maskGivenSecrets(request: RunRequest): void {
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    if (!SETTINGS[name].secret) continue;
    for (const value of [request.explicit[name], request.env?.[envName(name)]])
      if (value) request.log.setSecret(value);
  }
}

function firstMode(choice: ModeChoice): CommandName {
  return Object.values(choice.commands)[0]!;
}

function chooseMode(choice: ModeChoice, explicit: RunRequest['explicit']): CommandName {
  const def = definitionOf(choice.setting)!;
  const raw = explicit[choice.setting]?.trim() || choice.default || def.default;
  const parsed = def.kind.parse(raw);
  const command = parsed.success ? choice.commands[String(parsed.data)] : undefined;
  if (command === undefined) {
    const modes = Object.keys(choice.commands).map((m) => `'${m}'`);
    throw new ConfigurationError(
      `Invalid setting '${choice.setting}': expected one of ${modes.join(', ')}, found '${String(raw)}'.`,
    );
  }
  return command;
}

/**
 * loadSettings for the chosen command; with modes, an input the chosen mode does not take is
 * refused by name (never dropped), together with every other problem.
 */
function load(command: CommandName, request: RunRequest): Settings {
  const problems = [...(request.problems ?? [])];
  const explicit: Record<string, string | undefined> = { ...request.explicit };
  if (typeof request.command !== 'string') {
    const taken = new Set<string>(settingsFor(command, request.surface));
    const mode =
      explicit[request.command.setting]?.trim() ||
      request.command.default ||
      String(definitionOf(request.command.setting)!.default);
    for (const [name, value] of Object.entries(request.explicit)) {
      if (!value?.trim() || taken.has(name)) continue;
      const others = Object.entries(request.command.commands)
        .filter(([, c]) => settingsFor(c, request.surface).includes(name as SettingName))
        .map(([m]) => m);
      if (others.length === 0) continue;
      problems.push(
        `Input '${name}' is not used by ${request.command.setting} '${mode}' (it is for ${request.command.setting} ${others.map((m) => `'${m}'`).join(' or ')}): remove it, or set ${request.command.setting}: ${others[0]}.`,
      );
      delete explicit[name];
    }
  }
  let loaded: Settings;
  try {
    loaded = loadSettings(command, {
      surface: request.surface,
      explicit,
      ...(request.env ? { env: request.env } : {}),
      ...(request.readFile ? { readFile: request.readFile } : {}),
    }).settings;
  } catch (error) {
    if (error instanceof ConfigurationError && problems.length > 0)
      throw new ConfigurationError([...problems, ...error.problems]);
    throw error;
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return loaded;
}

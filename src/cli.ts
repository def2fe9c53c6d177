import { COMMAND_RUNNERS, COMMAND_SUMMARIES } from './commands/index.js';
import type { CommandResult } from './commands/types.js';
import { ConfigurationError, errorMessage, OperationError } from './shared/errors.js';
import { ConsoleLog } from './shared/report/log.js';
import { crossCheck } from './shared/settings/checks.js';
import {
  COMMANDS,
  type CommandName,
  definitionOf,
  envName,
  loadSettings,
  SETTINGS,
  type SettingName,
  settingsFor,
} from './shared/settings/index.js';
import { VERSION } from './version.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

function usage(): string {
  const lines = [
    `gateway-ops ${VERSION}: back up, check and restore a Django + PostgreSQL + OpenSearch deployment.`,
    '',
    'Usage: gateway-ops <command> [--setting value ...]',
    '       gateway-ops <command> --help',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.padEnd(17)} ${COMMAND_SUMMARIES[c]}`),
    '',
    'Every setting has one name: --name on the command line, name: in a --config YAML file,',
    'the input of the same name in the GitHub Action. Flags override the config file.',
    'Exit codes: 0 success, 1 the operation failed or found problems, 2 bad usage or settings.',
  ];
  return lines.join('\n');
}

export function commandHelp(command: CommandName): string {
  const lines = [
    `Usage: gateway-ops ${command} [--setting value ...]`,
    '',
    COMMAND_SUMMARIES[command],
    '',
    'Settings:',
  ];
  for (const name of settingsFor(command, 'cli')) {
    const def = definitionOf(name)!;
    const flag = def.kind.placeholder === 'true|false' ? `--${name}` : `--${name} ${def.kind.placeholder}`;
    const dflt = def.defaultText ?? (def.default === undefined ? undefined : formatDefault(def.default));
    const required = def.requiredFor?.includes(command) ? ' (required)' : '';
    lines.push(`  ${flag}${required}`);
    lines.push(`      ${def.description}${dflt === undefined ? '' : ` Default: ${dflt}.`}`);
  }
  const secrets = (Object.keys(SETTINGS) as SettingName[]).filter(
    (n) => SETTINGS[n].secret && SETTINGS[n].commands.includes(command),
  );
  if (secrets.length > 0) {
    lines.push('', 'Secrets (never flags: flags are visible in the process list):');
    for (const name of secrets) lines.push(`  ${envName(name)}    ${SETTINGS[name].description}`);
  }
  return lines.join('\n');
}

export function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(',');
  return String(value);
}

interface ParsedArgs {
  command?: string;
  help: boolean;
  version: boolean;
  values: Record<string, string>;
  problems: string[];
}

/** `--name value`, `--name=value`; a boolean setting may be given as a bare `--name`. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { help: false, version: false, values: {}, problems: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      parsed.help = true;
    } else if (arg === '--version') {
      parsed.version = true;
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (name in parsed.values) parsed.problems.push(`Option '--${name}' is given twice.`);
      if (eq !== -1) {
        parsed.values[name] = arg.slice(eq + 1);
        continue;
      }
      const def = definitionOf(name);
      const next = argv[i + 1];
      if (def?.kind.placeholder === 'true|false' && (next === undefined || !/^(true|false)$/i.test(next))) {
        parsed.values[name] = 'true';
      } else if (next === undefined) {
        parsed.problems.push(`Option '--${name}' needs a value.`);
      } else {
        parsed.values[name] = next;
        i++;
      }
    } else if (parsed.command === undefined) {
      parsed.command = arg;
    } else {
      parsed.problems.push(`Unexpected argument '${arg}'. Settings are given as --name value.`);
    }
  }
  return parsed;
}

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const args = parseArgs(argv);
  if (args.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (args.command === undefined) {
    (args.help ? io.stdout : io.stderr)(`${usage()}\n`);
    return args.help ? EXIT.ok : EXIT.usage;
  }
  if (!(COMMANDS as readonly string[]).includes(args.command)) {
    io.stderr(`gateway-ops: unknown command '${args.command}'. Commands: ${COMMANDS.join(', ')}.`);
    return EXIT.usage;
  }
  const command = args.command as CommandName;
  if (args.help) {
    io.stdout(`${commandHelp(command)}\n`);
    return EXIT.ok;
  }
  const log = new ConsoleLog(io.stderr);
  let settings: ReturnType<typeof loadSettings>['settings'];
  try {
    if (args.problems.length > 0) throw new ConfigurationError(args.problems);
    settings = loadSettings(command, { surface: 'cli', explicit: args.values, env: io.env }).settings;
    for (const name of Object.keys(SETTINGS) as SettingName[]) {
      const value = settings[name];
      if (SETTINGS[name].secret && typeof value === 'string') log.setSecret(value);
    }
    const problems = crossCheck(command, settings, 'cli');
    if (problems.length > 0) throw new ConfigurationError(problems);
  } catch (error) {
    io.stderr(`gateway-ops ${command}: ${errorMessage(error)}`);
    io.stderr(`Run 'gateway-ops ${command} --help' for the settings.`);
    return EXIT.usage;
  }
  let result: CommandResult;
  try {
    result = await COMMAND_RUNNERS[command]({ settings, log, surface: 'cli', stdout: io.stdout });
  } catch (error) {
    log.error(`${command} failed: ${errorMessage(error)}`);
    if (error instanceof OperationError && error.hint) log.info(`hint: ${error.hint}`);
    if (error instanceof ConfigurationError) return EXIT.usage;
    if (!(error instanceof OperationError)) log.debug(String((error as Error)?.stack ?? error));
    return EXIT.failed;
  }
  log.info(result.headline);
  for (const line of result.details ?? []) log.info(`  ${line}`);
  if (result.table) {
    for (const row of [result.table.header, ...result.table.rows]) log.info(`  ${row.join(' | ')}`);
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

import { COMMAND_SUMMARIES, INTERRUPTED } from './commands/index.js';
import type { RunOutcome } from './run-command.js';
import { EXIT } from './shared/errors.js';
import { undoInterrupted } from './shared/interrupt.js';
import type { ConsoleLog } from './shared/report/log.js';
import { defaultSentence, describeSetting } from './shared/settings/describe.js';
import {
  COMMANDS,
  type CommandName,
  definitionOf,
  SETTINGS,
  type SettingName,
  settingsFor,
} from './shared/settings/index.js';
import { renderSettingRefs } from './shared/settings/names.js';
import { closest, echoValue } from './shared/text.js';
import { VERSION } from './version.js';

export { EXIT };

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
    'Where a setting cannot be a flag, its twin stands in: --ssh-private-key-file and',
    '--ssh-known-hosts-file for the inputs ssh-private-key and ssh-known-hosts; secrets are',
    'environment variables (GATEWAY_OPS_<NAME>), never flags.',
    'Exit codes: 0 success, 1 the operation failed or found problems, 2 bad usage or settings,',
    '130 interrupted.',
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
    const about = describeSetting(name, [command]);
    const flag = def.kind.placeholder === 'true|false' ? `--${name}` : `--${name} ${def.kind.placeholder}`;
    lines.push(`  ${flag}${about.required ? ' (required)' : ''}`);
    lines.push(
      `      ${about.description}${about.default === undefined ? '' : ` ${defaultSentence(about.default)}`}`,
    );
  }
  const secrets = (Object.keys(SETTINGS) as SettingName[]).filter(
    (n) => SETTINGS[n].secret && SETTINGS[n].commands.includes(command),
  );
  if (secrets.length > 0) {
    lines.push('', 'Secrets (never flags: flags are visible in the process list):');
    for (const name of secrets) {
      const about = describeSetting(name, [command]);
      lines.push(`  ${about.env}    ${about.description}`);
    }
  }
  return lines.join('\n');
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
      if (name in parsed.values) parsed.problems.push(`Option '--${echoValue(name)}' is given twice.`);
      if (eq !== -1) {
        parsed.values[name] = arg.slice(eq + 1);
        continue;
      }
      const def = definitionOf(name);
      const next = argv[i + 1];
      if (def?.kind.placeholder === 'true|false' && (next === undefined || !/^(true|false)$/i.test(next))) {
        parsed.values[name] = 'true';
      } else if (next === undefined) {
        parsed.problems.push(`Option '--${echoValue(name)}' needs a value.`);
      } else {
        parsed.values[name] = next;
        i++;
      }
    } else if (parsed.command === undefined) {
      parsed.command = arg;
    } else {
      parsed.problems.push(`Unexpected argument '${echoValue(arg)}'. Settings are given as --name value.`);
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
    const hint = closest(args.command, COMMANDS);
    io.stderr(
      `gateway-ops: unknown command '${echoValue(args.command)}'${hint ? ` (did you mean '${hint}'?)` : ''}. Commands: ${COMMANDS.join(', ')}.`,
    );
    return EXIT.usage;
  }
  const command = args.command as CommandName;
  if (args.help) {
    io.stdout(`${commandHelp(command)}\n`);
    return EXIT.ok;
  }
  // The run path loads only when a command runs: help stays text about the settings (fast start).
  const [{ runCommand }, { ConsoleLog }] = await Promise.all([
    import('./run-command.js'),
    import('./shared/report/log.js'),
  ]);
  const log = new ConsoleLog(io.stderr, io.env['GATEWAY_OPS_DEBUG'] === '1');
  const stopListening = io === defaultIo ? onInterrupt(command, log) : () => {};
  try {
    const outcome = await runCommand({
      surface: 'cli',
      command,
      explicit: args.values,
      env: io.env,
      problems: args.problems,
      log,
      stdout: io.stdout,
    });
    return await report(outcome, log, io);
  } finally {
    stopListening();
  }
}

/** The CLI's report of a run: messages on stderr, results on stdout, the exit code. */
async function report(outcome: RunOutcome, log: ConsoleLog, io: CliIo): Promise<number> {
  const { command } = outcome;
  if (outcome.stage === 'settings') {
    io.stderr(log.mask(renderSettingRefs(`gateway-ops ${command}: ${outcome.failure.message}`, 'cli')));
    if (outcome.failure.kind === 'user') io.stderr(`Run 'gateway-ops ${command} --help' for the settings.`);
    if (outcome.failure.stack) log.debug(outcome.failure.stack);
    return outcome.failure.exitCode;
  }
  if (outcome.stage === 'run') {
    log.error(`${command} failed: ${outcome.failure.message}`);
    if (outcome.failure.hint) log.info(`hint: ${outcome.failure.hint}`);
    if (outcome.failure.stack) log.debug(outcome.failure.stack);
    return outcome.failure.exitCode;
  }
  const { result } = outcome;
  const { renderSummaryLines } = await import('./shared/report/summary.js');
  for (const line of renderSummaryLines(result)) log.info(line);
  if (result.stdout) {
    const json = outcome.settings.format === 'json';
    io.stdout(json ? `${JSON.stringify(result.stdout.json)}\n` : result.stdout.text);
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

const UNDO_TIMEOUT_MS = 15_000;

/**
 * Ctrl-C (and SIGTERM): undo what the run registered (its work dir on the host), at most
 * UNDO_TIMEOUT_MS; say it was interrupted and what is left, then exit 130 (143). A second
 * signal meanwhile ends the process at once (the handlers are `once`).
 */
function onInterrupt(command: CommandName, log: ConsoleLog): () => void {
  const handler = async (signal: NodeJS.Signals) => {
    log.error(`${command} interrupted (${signal}): it stopped before finishing.`);
    if (!(await undoInterrupted(UNDO_TIMEOUT_MS)))
      log.warn(`Cleaning up took over ${UNDO_TIMEOUT_MS / 1000} s; stopped waiting.`);
    log.error(INTERRUPTED[command]);
    process.exit(signal === 'SIGINT' ? EXIT.interrupted : 143);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

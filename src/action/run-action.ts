import * as core from '@actions/core';
import { COMMAND_RUNNERS } from '../commands/index.js';
import type { CommandResult, SummaryTable } from '../commands/types.js';
import { ConfigurationError, errorMessage, OperationError } from '../shared/errors.js';
import { ActionLog } from '../shared/report/action-log.js';
import { withAlerts } from '../shared/report/alerts.js';
import { crossCheck } from '../shared/settings/checks.js';
import {
  type CommandName,
  loadSettings,
  SETTINGS,
  type SettingName,
  type Settings,
  settingsFor,
} from '../shared/settings/index.js';
import type { ActionMetadata } from './metadata.js';

/** The inputs this action declares: the settings of its commands that actions accept. */
export function actionInputs(action: ActionMetadata): SettingName[] {
  const names = new Set<SettingName>();
  for (const command of action.commands) for (const name of settingsFor(command, 'action')) names.add(name);
  return [...names];
}

/**
 * Runs one action as the runner does: read the inputs, check them, run the command, write the
 * summary and outputs. Never throws: failures end in core.setFailed with a message that says
 * what to change.
 */
export async function runAction(
  action: ActionMetadata,
  chooseCommand: (settings: Settings) => CommandName = () => action.commands[0]!,
): Promise<void> {
  return withAlerts(action.name, () => runSteps(action, chooseCommand)); // issue + webhook, see alerts.ts
}

async function runSteps(action: ActionMetadata, chooseCommand: (settings: Settings) => CommandName) {
  const log = new ActionLog();
  const prefix = action.name;
  // Mask secrets before anything can print them.
  for (const name of actionInputs(action)) {
    if (SETTINGS[name].secret) {
      const value = core.getInput(name);
      if (value) log.setSecret(value);
    }
  }
  let command: CommandName = action.commands[0]!;
  let settings: Settings;
  try {
    const explicit: Record<string, string> = {};
    for (const name of actionInputs(action)) explicit[name] = core.getInput(name);
    // Validate against the union of the action's commands first, then the chosen one.
    const first = loadSettings(command, { surface: 'action', explicit: filterFor(command, explicit) });
    command = chooseCommand(first.settings);
    settings = loadSettings(command, { surface: 'action', explicit: filterFor(command, explicit) }).settings;
    const problems = crossCheck(command, settings, 'action');
    if (problems.length > 0) throw new ConfigurationError(problems);
  } catch (error) {
    const message = errorMessage(error);
    await writeSummary(prefix, {
      ok: false,
      headline: `Settings rejected: nothing was done.`,
      details: [message],
      outputs: {},
    });
    core.setFailed(`${prefix}: ${message}`);
    return;
  }
  let result: CommandResult;
  try {
    result = await COMMAND_RUNNERS[command]({
      settings,
      log,
      surface: 'action',
      stdout: (t) => core.info(t),
    });
  } catch (error) {
    const message = errorMessage(error);
    const hint = error instanceof OperationError && error.hint ? error.hint : undefined;
    await writeSummary(prefix, {
      ok: false,
      headline: `${command} failed.`,
      details: [message, ...(hint ? [`Hint: ${hint}`] : [])],
      outputs: {},
    });
    if (!(error instanceof OperationError || error instanceof ConfigurationError))
      core.debug(String((error as Error)?.stack));
    core.setFailed(`${prefix}: ${message}${hint ? ` (${hint})` : ''}`);
    return;
  }
  for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
  await writeSummary(prefix, result);
  if (!result.ok) core.setFailed(`${prefix}: ${result.headline}`);
}

function filterFor(command: CommandName, explicit: Record<string, string>): Record<string, string> {
  const allowed = new Set<string>(settingsFor(command, 'action'));
  return Object.fromEntries(Object.entries(explicit).filter(([k]) => allowed.has(k)));
}

/** core.summary does no escaping: everything we put in it goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const SUMMARY_LIMIT = 900_000; // core.summary aborts above 1 MiB

async function writeSummary(title: string, result: CommandResult): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) return;
  let html = `<h2>${escapeHtml(title)}: ${result.ok ? '✅' : '❌'} ${escapeHtml(result.headline)}</h2>\n`;
  if (result.details?.length)
    html += `<ul>${result.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>\n`;
  if (result.table) html += renderTable(result.table);
  if (html.length > SUMMARY_LIMIT)
    html = `${html.slice(0, SUMMARY_LIMIT)}\n<p>(summary cut at ${SUMMARY_LIMIT} characters)</p>\n`;
  try {
    await core.summary.addRaw(html, true).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`);
  }
}

function renderTable(table: SummaryTable): string {
  const head = `<tr>${table.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = table.rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n${head}\n${rows}\n</table>\n`;
}

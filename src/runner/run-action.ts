import * as core from '@actions/core';
import type { CommandResult } from '../commands/types.js';
import { type RunOutcome, runCommand } from '../run-command.js';
import { errorMessage } from '../shared/errors.js';
import { ActionLog } from '../shared/report/action-log.js';
import { withAlerts } from '../shared/report/alerts.js';
import { renderSummaryHtml } from '../shared/report/summary.js';
import { renderSettingRefs } from '../shared/settings/names.js';
import { type ActionMetadata, actionInputs } from './metadata.js';

export { escapeHtml } from '../shared/report/summary.js';
export { actionInputs } from './metadata.js';

/**
 * Runs one action as the runner does: read the inputs, then the one run path (check them, run
 * the command), then write the summary and outputs. Never throws: failures end in core.setFailed
 * with a message that says what to change.
 */
export async function runAction(action: ActionMetadata): Promise<void> {
  return withAlerts(action.name, () => runSteps(action)); // issue + webhook, see alerts.ts
}

async function runSteps(action: ActionMetadata): Promise<void> {
  const log = new ActionLog();
  const explicit: Record<string, string> = {};
  for (const name of actionInputs(action)) explicit[name] = core.getInput(name);
  const outcome = await runCommand({
    surface: 'action',
    command: action.modes ?? action.commands[0]!,
    explicit,
    log,
    stdout: (text) => core.info(text),
  });
  await report(action, outcome);
}

async function report(action: ActionMetadata, outcome: RunOutcome): Promise<void> {
  const prefix = action.name;
  const say = (text: string) => renderSettingRefs(text, 'action');
  if (outcome.stage !== 'done') {
    const { failure } = outcome;
    const message = say(failure.message);
    const hint = failure.hint ? say(failure.hint) : undefined;
    const headline =
      outcome.stage === 'settings' && failure.kind === 'user'
        ? 'Settings rejected: nothing was done.'
        : `${outcome.command} failed.`;
    await writeSummary(prefix, {
      ok: false,
      headline,
      details: [message, ...(hint ? [`Hint: ${hint}`] : [])],
      outputs: {},
    });
    if (failure.stack) core.debug(failure.stack);
    core.setFailed(`${prefix}: ${message}${hint ? ` (${hint})` : ''}`);
    return;
  }
  const { result } = outcome;
  for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
  await writeSummary(prefix, {
    ...result,
    headline: say(result.headline),
    details: (result.details ?? []).map(say),
  });
  if (!result.ok) core.setFailed(`${prefix}: ${say(result.headline)}`);
}

async function writeSummary(title: string, result: CommandResult): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) return;
  try {
    await core.summary.addRaw(renderSummaryHtml(title, result), true).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`);
  }
}

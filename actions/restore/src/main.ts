import { ACTIONS } from '../../../src/runner/metadata.js';
import { runAction } from '../../../src/runner/run-action.js';

/** Manual restore of a chosen snapshot (workflow_dispatch), or the weekly drill (mode: drill). */
export async function run(): Promise<void> {
  await runAction(ACTIONS.find((a) => a.directory === 'restore')!);
}

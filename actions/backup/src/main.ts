import { ACTIONS } from '../../../src/action/metadata.js';
import { runAction } from '../../../src/action/run-action.js';

/** Scheduled backup: today's snapshot over SSH (mode: backup), a re-check of one (mode: verify), or the health checks (mode: health). */
export async function run(): Promise<void> {
  const action = ACTIONS.find((a) => a.directory === 'backup')!;
  await runAction(action, (settings) => settings.mode);
}

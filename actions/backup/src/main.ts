import { ACTIONS } from '../../../src/runner/metadata.js';
import { runAction } from '../../../src/runner/run-action.js';

/** Scheduled backup: today's snapshot over SSH (mode: backup), or a re-check of one (mode: verify). */
export async function run(): Promise<void> {
  await runAction(ACTIONS.find((a) => a.directory === 'backup')!);
}

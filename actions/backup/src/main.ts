import { ACTIONS } from '../../../src/runner/metadata.js';
import { runAction } from '../../../src/runner/run-action.js';

/** Scheduled backup: today's snapshot over SSH (mode: backup), a re-check of one (mode: verify), the list and its freshness (mode: status), or the health checks (mode: health). */
export async function run(): Promise<void> {
  await runAction(ACTIONS.find((a) => a.directory === 'backup')!);
}

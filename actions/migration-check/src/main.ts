import { ACTIONS } from '../../../src/runner/metadata.js';
import { runAction } from '../../../src/runner/run-action.js';

/** Pull requests and pushes to the base branch: migrations stay linear. */
export async function run(): Promise<void> {
  await runAction(ACTIONS.find((a) => a.directory === 'migration-check')!);
}

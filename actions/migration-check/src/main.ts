import { ACTIONS } from '../../../src/action/metadata.js';
import { runAction } from '../../../src/action/run-action.js';

/** Pull requests and pushes to the base branch: migrations stay linear. */
export async function run(): Promise<void> {
  await runAction(ACTIONS.find((a) => a.directory === 'migration-check')!);
}

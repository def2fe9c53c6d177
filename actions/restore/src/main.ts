import { ACTIONS } from '../../../src/action/metadata.js';
import { runAction } from '../../../src/action/run-action.js';
import { ConfigurationError } from '../../../src/shared/errors.js';

/** Manual restore of a chosen snapshot (workflow_dispatch), or the weekly drill (mode: drill). */
export async function run(): Promise<void> {
  const action = ACTIONS.find((a) => a.directory === 'restore')!;
  await runAction(action, (settings) => {
    if (settings.mode === 'drill') return 'drill';
    if (settings.mode === 'backup' || settings.mode === 'restore') return 'restore';
    throw new ConfigurationError(
      `Invalid input 'mode': expected 'restore' or 'drill' for the restore action, found '${settings.mode}'.`,
    );
  });
}

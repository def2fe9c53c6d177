import type { ComponentName } from '../../shared/settings/index.js';
import { gitComponent } from './git.js';
import { opensearchComponent } from './opensearch.js';
import { postgresComponent } from './postgres.js';
import { secretsComponent } from './secrets.js';
import type { SnapshotComponent } from './types.js';

export * from './types.js';

/** Every component a snapshot can hold, in the order a run takes them. */
export const SNAPSHOT_COMPONENTS: Readonly<Record<ComponentName, SnapshotComponent>> = {
  postgres: postgresComponent,
  opensearch: opensearchComponent,
  secrets: secretsComponent,
  git: gitComponent,
};

/** The components asked for, in the registry's order (the order they are taken and listed). */
export function componentsFor(names: readonly ComponentName[]): SnapshotComponent[] {
  return (Object.keys(SNAPSHOT_COMPONENTS) as ComponentName[])
    .filter((name) => names.includes(name))
    .map((name) => SNAPSHOT_COMPONENTS[name]);
}

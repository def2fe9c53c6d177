import { commonSettings } from './common.js';
import { copySettings } from './copy.js';
import { migrationSettings } from './migrations.js';
import { opensearchSettings } from './opensearch.js';
import { postgresSettings } from './postgres.js';
import { restoreSettings } from './restore.js';
import { secretSettings } from './secrets.js';
import { sshSettings } from './ssh.js';
import { statusSettings } from './status.js';

/** Every setting of every command, by its one name (action input, CLI flag, config key). */
export const SETTINGS = {
  ...commonSettings,
  ...sshSettings,
  ...postgresSettings,
  ...opensearchSettings,
  ...migrationSettings,
  ...restoreSettings,
  ...secretSettings,
  ...statusSettings,
  ...copySettings,
};

export type SettingName = keyof typeof SETTINGS;

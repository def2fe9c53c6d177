import { commonSettings } from './common.js';
import { copySettings } from './copy.js';
import { healthSettings } from './health.js';
import { migrationSettings } from './migrations.js';
import { opensearchSettings } from './opensearch.js';
import { postgresSettings } from './postgres.js';
import { reportSettings } from './report.js';
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
  ...reportSettings,
  ...statusSettings,
  ...copySettings,
  ...healthSettings,
};

export type SettingName = keyof typeof SETTINGS;

import { commonSettings } from './common.js';
import { copySettings } from './copy.js';
import { migrationSettings } from './migrations.js';
import { opensearchSettings } from './opensearch.js';
import { postgresSettings } from './postgres.js';
import { sshSettings } from './ssh.js';

/** Every setting of every command, by its one name (action input, CLI flag, config key). */
export const SETTINGS = {
  ...commonSettings,
  ...sshSettings,
  ...postgresSettings,
  ...opensearchSettings,
  ...migrationSettings,
  ...copySettings,
};

export type SettingName = keyof typeof SETTINGS;

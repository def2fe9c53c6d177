export { COMPONENTS, type ComponentName } from './definitions/common.js';
export { SETTINGS, type SettingName } from './definitions/index.js';
export type { Kind } from './kinds.js';
export {
  definitionOf,
  envName,
  isAvailable,
  type LoadedSettings,
  loadSettings,
  type SettingSources,
  type Settings,
  type Source,
  type Surface,
  settingsFor,
} from './load.js';
export { COMMANDS, type CommandName, type SettingDefinition } from './types.js';

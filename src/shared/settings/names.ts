import { definitionOf, envName, isAvailable } from './load.js';

/**
 * A setting named in a message (a hint, an error) is written as a reference, `⟦name⟧` or
 * `⟦name=value⟧`, and rendered by the front end in the form the user is using: `--force` on the
 * command line, `force: true` in an action or a config file. Where a setting does not exist on a
 * surface, its twin is named instead (`ssh-known-hosts` is `--ssh-known-hosts-file` on the CLI).
 */
export type NameSurface = 'action' | 'cli' | 'config';

export { settingRef } from '../setting-ref.js';

const REF = /⟦([a-z0-9-]+)(?:=([^⟧]*))?⟧/g;

/** Renders every `⟦name⟧` / `⟦name=value⟧` of a message for the surface. */
export function renderSettingRefs(text: string, surface: NameSurface): string {
  if (!text.includes('⟦')) return text;
  return text.replace(REF, (_, name: string, value: string | undefined) => settingName(name, surface, value));
}

/** One setting's name as the user writes it on `surface` (with its value, when given). */
export function settingName(name: string, surface: NameSurface, value?: string): string {
  const def = definitionOf(name);
  if (!def) return value === undefined ? name : `${name}: ${value}`;
  if (surface === 'cli' && def.secret) return `the environment variable ${envName(name)}`;
  if (!isAvailable(def, surface) && def.twin) {
    const twin = definitionOf(def.twin);
    if (twin && isAvailable(twin, surface)) return settingName(def.twin, surface, undefined);
  }
  if (surface !== 'cli') return value === undefined ? name : `${name}: ${value}`;
  if (def.secret || !isAvailable(def, 'cli')) return `the environment variable ${envName(name)}`;
  if (value === undefined) return `--${name}`;
  if (def.kind.placeholder === 'true|false' && value === 'true') return `--${name}`;
  return `--${name} ${value}`;
}

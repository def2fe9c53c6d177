import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTIONS } from '../../../src/runner/metadata.js';
import { actionInputs } from '../../../src/runner/run-action.js';
import { renderActionYml, updateReadme } from '../../../src/runner/yml.js';
import { SETTINGS } from '../../../src/shared/settings/index.js';
import { VERSION } from '../../../src/version.js';

describe.each(ACTIONS)('actions/$directory/action.yml', (action) => {
  const path = new URL(`../../../actions/${action.directory}/action.yml`, import.meta.url);
  const committed = readFileSync(path, 'utf8');
  const yml = parse(committed);

  it('is exactly what the settings schema generates', () => {
    expect(committed).toBe(renderActionYml(action));
  });

  it('declares exactly the action inputs of the schema, none with a runner default', () => {
    expect(Object.keys(yml.inputs)).toEqual(actionInputs(action));
    for (const [name, input] of Object.entries<Record<string, unknown>>(yml.inputs)) {
      expect(input.default, name).toBeUndefined();
      expect(String(input.description)).toContain(SETTINGS[name as keyof typeof SETTINGS].description);
    }
  });

  it('its README documents the same inputs and outputs', () => {
    const readme = new URL(`../../../actions/${action.directory}/README.md`, import.meta.url);
    expect(existsSync(readme), `actions/${action.directory}/README.md`).toBe(true);
    const text = readFileSync(readme, 'utf8');
    expect(text).toBe(updateReadme(text, action));
  });

  it('runs on node24 from dist/index.js, with branding and described outputs', () => {
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(yml.branding.icon).toBeTruthy();
    for (const output of Object.values<{ description: string }>(yml.outputs))
      expect(output.description.length).toBeGreaterThan(10);
  });
});

it('src/version.ts matches package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  expect(VERSION).toBe(pkg.version);
});

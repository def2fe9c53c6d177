import { stringify } from 'yaml';
import { defaultSentence, describeSetting } from '../shared/settings/describe.js';
import { SETTINGS } from '../shared/settings/index.js';
import { type ActionMetadata, actionInputs } from './metadata.js';

/**
 * The action.yml of an action, generated from the settings schema so the two cannot disagree.
 * Inputs carry no `default:`: the runner would pass it as if given, and a config file could
 * then never override it. Defaults are stated in the description and applied in code.
 */
export function renderActionYml(action: ActionMetadata): string {
  const inputs: Record<string, { description: string; required: boolean }> = {};
  for (const name of actionInputs(action)) {
    const def = SETTINGS[name];
    const about = describeSetting(name, action.commands);
    const required = about.required;
    const parts = [about.description];
    if (about.default !== undefined) parts.push(defaultSentence(about.default));
    if (about.secret) parts.push('Secret: pass it from secrets.');
    if (action.commands.length > 1 && !action.commands.every((c) => def.commands.includes(c))) {
      parts.push(`Used by mode: ${action.commands.filter((c) => def.commands.includes(c)).join(', ')}.`);
    }
    inputs[name] = { description: parts.join(' '), required };
  }
  const outputs: Record<string, { description: string }> = {};
  for (const [name, description] of Object.entries(action.outputs)) outputs[name] = { description };
  const doc = {
    name: action.name,
    description: action.description,
    author: 'gateway-ops',
    branding: action.branding,
    inputs,
    outputs,
    runs: { using: 'node24', main: 'dist/index.js' },
  };
  return `# Generated from src/shared/settings by 'npm run build'; edit the schema, not this file.\n${stringify(doc, { lineWidth: 0 })}`;
}

const START = '<!-- generated:inputs -->';
const END = '<!-- /generated:inputs -->';

/** The inputs and outputs tables of an action's README, from the same schema as action.yml. */
export function renderReadmeTables(action: ActionMetadata): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const lines = ['| input | required | default | description |', '|---|---|---|---|'];
  for (const name of actionInputs(action)) {
    const about = describeSetting(name, action.commands);
    const dflt = about.default ?? '';
    lines.push(
      `| \`${name}\` | ${about.required ? 'yes' : ''} | ${dflt === '' ? '' : `\`${cell(dflt)}\``} | ${cell(about.description)}${about.secret ? ' Secret.' : ''} |`,
    );
  }
  lines.push('', '| output | description |', '|---|---|');
  for (const [name, description] of Object.entries(action.outputs))
    lines.push(`| \`${name}\` | ${cell(description)} |`);
  return lines.join('\n');
}

/** Replaces the generated section of a README (between the markers); throws when the markers are missing. */
export function updateReadme(readme: string, action: ActionMetadata): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start)
    throw new Error(`actions/${action.directory}/README.md lacks the ${START} markers`);
  return `${readme.slice(0, start + START.length)}\n${renderReadmeTables(action)}\n${readme.slice(end)}`;
}

/**
 * The workflows users copy (docs/workflows) and the project's own (.github/workflows) against the
 * actions they use: every input given to `./actions/<name>` exists in its action.yml, values that
 * are not expressions pass the setting's schema, and third-party actions are pinned to a commit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { definitionOf } from '../../../src/shared/settings/index.js';

const root = new URL('../../../', import.meta.url);
const dirs = ['docs/workflows', '.github/workflows'];
const workflows = dirs.flatMap((dir) =>
  readdirSync(new URL(dir, root))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => `${dir}/${f}`),
);

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

function steps(path: string): Step[] {
  const doc = parse(readFileSync(new URL(path, root), 'utf8')) as {
    jobs: Record<string, { steps?: Step[] }>;
  };
  return Object.values(doc.jobs).flatMap((job) => job.steps ?? []);
}

function actionInputs(name: string): Record<string, { required?: boolean }> {
  return parse(readFileSync(new URL(`actions/${name}/action.yml`, root), 'utf8')).inputs;
}

it('finds the example workflows', () => {
  expect(workflows).toEqual(
    expect.arrayContaining(['docs/workflows/backup.yml', 'docs/workflows/migration-check.yml']),
  );
});

describe.each(workflows)('%s', (path) => {
  it('gives ./actions/<name> only inputs its action.yml declares, and every required one', () => {
    for (const step of steps(path).filter((s) => s.uses?.startsWith('./actions/'))) {
      const name = step.uses!.slice('./actions/'.length);
      const inputs = actionInputs(name);
      const given = Object.keys(step.with ?? {});
      for (const input of given)
        expect(Object.keys(inputs), `${path}: ${step.uses} input '${input}'`).toContain(input);
      for (const [input, spec] of Object.entries(inputs))
        if (spec.required) expect(given, `${path}: ${step.uses} needs '${input}'`).toContain(input);
    }
  });

  it('gives values that pass the schema where they are not expressions', () => {
    for (const step of steps(path).filter((s) => s.uses?.startsWith('./actions/'))) {
      for (const [input, value] of Object.entries(step.with ?? {})) {
        if (typeof value === 'string' && value.includes('${{')) continue;
        const parsed = definitionOf(input)!.kind.schema.safeParse(
          typeof value === 'string' ? value : String(value),
        );
        expect(parsed.success, `${path}: ${step.uses} ${input}: ${String(value)}`).toBe(true);
      }
    }
  });

  it('pins every third-party action to a full commit SHA', () => {
    if (!path.startsWith('docs/')) return;
    for (const step of steps(path).filter((s) => s.uses && !s.uses.startsWith('./'))) {
      expect(step.uses, path).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    }
  });
});

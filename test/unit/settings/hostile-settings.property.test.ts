/**
 * Every setting of the schema, given hostile text (quotes, `$()`, backticks, `;`, newlines, NUL, a
 * leading `-`, unicode, very long): validation either refuses it with a message naming the setting,
 * or accepts it. What an accepted value does on the host is checked against the real sshd in
 * test/integration/hostile-settings-remote.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/shared/errors.js';
import { type CommandName, loadSettings, SETTINGS } from '../../../src/shared/settings/index.js';
import { hostileString, propertySeed } from '../../helpers/hostile.js';

const BASE: Record<string, string> = { 'ssh-host': 'prod.example.org', 'ssh-user': 'deploy' };
const seed = propertySeed();

describe('hostile setting values', () => {
  it(`are refused naming the setting, or accepted (seed ${seed})`, () => {
    console.log(`hostile settings: fast-check seed ${seed} (replay with GWOPS_FC_SEED=${seed})`);
    const names = Object.keys(SETTINGS) as (keyof typeof SETTINGS)[];
    expect(names.length).toBeGreaterThan(20);
    let refused = 0;
    let accepted = 0;
    for (const name of names) {
      const def = SETTINGS[name];
      const command = def.commands[0] as CommandName;
      const base = Object.fromEntries(
        Object.entries(BASE).filter(([key]) =>
          (SETTINGS[key as keyof typeof SETTINGS].commands as readonly string[]).includes(command),
        ),
      );
      fc.assert(
        fc.property(hostileString, (value) => {
          if (value.trim() === '') return; // empty counts as not given
          try {
            loadSettings(command, { surface: 'action', explicit: { ...base, [name]: value } });
            accepted++;
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigurationError);
            const problems = (error as ConfigurationError).problems;
            expect(
              problems.some((p) => p.includes(`'${name}'`)),
              `${name}: ${problems.join(' | ')}`,
            ).toBe(true);
            // A refusal never echoes a secret, nor raw control characters.
            // (Values of a few characters, like a lone quote, occur in any message.)
            if (def.secret && value.length >= 6) expect(problems.join('\n')).not.toContain(value);
            expect(problems.join('\n')).not.toMatch(/[\0\r\u001b]/);
            refused++;
          }
        }),
        { seed, numRuns: 40 },
      );
    }
    console.log(`hostile settings: ${refused} refused, ${accepted} accepted over ${names.length} settings`);
    expect(refused).toBeGreaterThan(0);
  });
});

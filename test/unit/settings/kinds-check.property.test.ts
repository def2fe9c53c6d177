/**
 * A kind's plain check (what parses the settings without loading zod) and its zod schema are one
 * rule written twice: for every setting, on hostile text and on the values a YAML config file can
 * hold, both accept the same values with the same result and refuse the same values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../src/shared/settings/index.js';
import { hostileString, propertySeed } from '../../helpers/hostile.js';

const seed = propertySeed();

// What a value can be: text from an input or flag, or what YAML parses (numbers, booleans, lists, maps).
const TYPICAL = [
  'true',
  ' FALSE ',
  'yes',
  'text',
  ' json ',
  'json',
  'app_one, app-two\nthree',
  ',,',
  'a'.repeat(255),
  'a'.repeat(256),
  'a/b.c@d+e:f-g',
  ':leading-colon',
  'origin/main',
  'HEAD~2^{commit}',
  '',
  ' ',
];
const yamlValue = fc.oneof(
  hostileString,
  fc.constantFrom(...TYPICAL),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(null, undefined, {}, { a: 1 }, [], [null], [['nested']]),
  fc.array(fc.oneof(fc.constantFrom(...TYPICAL), fc.integer(), fc.boolean(), hostileString), {
    maxLength: 4,
  }),
);

describe('plain checks of setting kinds', () => {
  it(`agree with the zod schemas on every setting (seed ${seed})`, () => {
    console.log(`kinds-check: fast-check seed ${seed} (replay with GWOPS_FC_SEED=${seed})`);
    let accepted = 0;
    let refused = 0;
    for (const [name, def] of Object.entries(SETTINGS)) {
      const agree = (value: unknown) => {
        const plain = def.kind.parse(value);
        const zod = def.kind.schema.safeParse(value);
        expect({ name, value, success: plain.success }).toEqual({ name, value, success: zod.success });
        if (plain.success && zod.success) {
          expect(plain.data).toEqual(zod.data);
          accepted++;
        } else refused++;
      };
      for (const value of TYPICAL) agree(value);
      fc.assert(fc.property(yamlValue, agree), { seed, numRuns: 150 });
    }
    expect(accepted).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(200);
  });
});

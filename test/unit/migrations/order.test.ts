import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../src/shared/migrations/order.js';

// compareNames stands in for localeCompare in the report's order: it must agree with it on every
// pair, for the characters it orders itself and for the ones it hands back to localeCompare.
const sign = (n: number) => Math.sign(n);

function randomName(alphabet: string, seed: { s: number }): string {
  const next = () => {
    seed.s = (Math.imul(seed.s, 1103515245) + 12345) >>> 0;
    return seed.s;
  };
  const length = next() % 7;
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[next() % alphabet.length];
  return out;
}

describe('compareNames', () => {
  it.each([
    ['labels and paths', 'abz019_/'],
    ['with characters it leaves to localeCompare', 'aZB0_/-.é ~'],
  ])('orders as localeCompare does: %s', (_, alphabet) => {
    const seed = { s: 12345 };
    for (let i = 0; i < 20_000; i++) {
      const a = randomName(alphabet, seed);
      const b = randomName(alphabet, seed);
      expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, sign(a.localeCompare(b))]);
    }
  });

  it('puts _ before / before digits before letters, and a prefix first', () => {
    const names = ['app1', 'app_x', 'app/x', 'app', 'apps', 'app10', 'ap'];
    expect([...names].sort(compareNames)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect([...names].sort(compareNames)).toEqual(['ap', 'app', 'app_x', 'app/x', 'app1', 'app10', 'apps']);
  });
});

/** Hostile strings for property tests: shell metacharacters, control characters, unicode, length. */
import fc from 'fast-check';

const PIECES = [
  "'",
  '"',
  '$(id)',
  '`id`',
  ';',
  '&&',
  '|',
  '\n',
  '\r',
  '\0',
  '-',
  '--',
  '\\',
  '*',
  '$HOME',
  ' ',
  '‮',
  'ü',
  '✓',
  '\u001b[31m',
];

export const hostileString = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 12 })
    .map((parts) => parts.join('')),
  fc.constantFrom(...PIECES).map((piece) => `-${piece}x`),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.constantFrom("'", '$(touch /tmp/gwops-pwned)', 'a'.repeat(5000), `-${'x'.repeat(200)}`),
);

/** A seed for the run: GWOPS_FC_SEED to replay one, else fresh (printed by the test). */
export function propertySeed(): number {
  const given = Number(process.env['GWOPS_FC_SEED']);
  return Number.isInteger(given) && process.env['GWOPS_FC_SEED'] ? given : Date.now() % 2 ** 31;
}

/**
 * The order of app labels and project paths in a report: the same as `a.localeCompare(b)`, without
 * starting ICU's collator (its first call costs a check ~25 ms) for names made only of the
 * characters labels and paths use. Anything else is left to localeCompare.
 */

// The root collation's order of these characters: punctuation first (`_` before `/`), digits, letters.
const WEIGHT = new Int8Array(128).fill(-1);
WEIGHT[0x5f] = 0;
WEIGHT[0x2f] = 1;
for (let c = 0x30; c <= 0x39; c++) WEIGHT[c] = 2 + c - 0x30;
for (let c = 0x61; c <= 0x7a; c++) WEIGHT[c] = 12 + c - 0x61;

/** Negative, zero or positive as `a.localeCompare(b)` would be. */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = weightAt(a, i);
    const y = weightAt(b, i);
    if (x < 0 || y < 0) return a.localeCompare(b);
    if (x !== y) return x - y;
  }
  for (const rest of [a.slice(n), b.slice(n)])
    for (let i = 0; i < rest.length; i++) if (weightAt(rest, i) < 0) return a.localeCompare(b);
  return a.length - b.length;
}

function weightAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? WEIGHT[c]! : -1;
}

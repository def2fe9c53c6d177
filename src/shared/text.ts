/**
 * A value the user gave, made safe to echo in a message: control characters (newlines, ANSI
 * escapes), bidirectional overrides such as U+202E and other invisible format characters are
 * shown as escapes, and the result is capped so a huge value cannot flood the log.
 */
export function echoValue(value: string, max = 80): string {
  const chars = [...value];
  const cut = chars.length > max;
  const shown = (cut ? chars.slice(0, max) : chars).map(escapeChar).join('');
  return cut ? `${shown}... (${chars.length} characters)` : shown;
}

// C0/C1 controls, DEL, and format characters (bidi controls, zero-width, BOM).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

function escapeChar(c: string): string {
  if (!UNSAFE.test(c)) return c;
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  const code = c.codePointAt(0)!;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The candidate nearest to `name` (at most 3 edits away), for "did you mean". */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > 200) return undefined;
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d <= 3 && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}

/** A byte count for people: 1024-based units, one decimal above bytes ('512 B', '1.5 GiB'). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

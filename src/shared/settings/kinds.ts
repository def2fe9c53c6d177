import { createRequire } from 'node:module';
import type * as Zod from 'zod';

// zod loads only when a value is parsed, not when the definitions are read: `--help` and the
// action.yml generator never pay for it (fast start).
const requireLazily = createRequire(import.meta.url);
let zod: typeof Zod.z | undefined;
function z(): typeof Zod.z {
  zod ??= (requireLazily('zod') as typeof Zod).z;
  return zod;
}

/** A kind whose schema is built on first use. */
function kind<T>(spec: {
  expected: string;
  placeholder: string;
  build: (zod: typeof Zod.z) => Zod.ZodType<T>;
}): Kind<T> {
  let built: Zod.ZodType<T> | undefined;
  return {
    expected: spec.expected,
    placeholder: spec.placeholder,
    get schema() {
      built ??= spec.build(z());
      return built;
    },
  };
}

/**
 * A kind of setting value: how raw text (an action input, a CLI flag) or a YAML value becomes
 * a typed value, and how to describe the expected form in an error message.
 */
export interface Kind<T> {
  /** Human description of the expected form, used in errors and --help: "an integer from 1 to 65535". */
  readonly expected: string;
  readonly schema: Zod.ZodType<T>;
  /** The form shown in --help and action.yml (`<port>`, `true|false`). */
  readonly placeholder: string;
}

const text = (raw: unknown): unknown =>
  typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;

/** Shell metacharacters and whitespace are refused in names and paths: they are never needed there. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const PATH = /^[A-Za-z0-9_./@+-][A-Za-z0-9_./@+:-]*$/;

export function nameKind(what = 'a name'): Kind<string> {
  return kind({
    expected: `${what} of letters, digits, '_', '.', '-' (starting with a letter or digit)`,
    placeholder: '<name>',
    build: (z) => z.preprocess(text, z.string().regex(NAME).max(255)),
  });
}

export function pathKind(): Kind<string> {
  return kind({
    expected: "a path of letters, digits and '_ . / @ + : -' (no spaces or shell metacharacters)",
    placeholder: '<path>',
    build: (z) => z.preprocess(text, z.string().regex(PATH).max(4096)),
  });
}

export function hostKind(): Kind<string> {
  return kind({
    expected: 'a host name or IP address',
    placeholder: '<host>',
    build: (z) =>
      z.preprocess(
        text,
        z
          .string()
          .regex(/^(?:[A-Za-z0-9][A-Za-z0-9.-]*|\[?[0-9A-Fa-f:.]+\]?)$/)
          .max(253),
      ),
  });
}

export function textKind(placeholder = '<text>', expected = 'non-empty text'): Kind<string> {
  return kind({ expected, placeholder, build: (z) => z.preprocess(text, z.string().min(1)) });
}

export function patternKind(re: RegExp, expected: string, placeholder: string): Kind<string> {
  return kind({ expected, placeholder, build: (z) => z.preprocess(text, z.string().regex(re)) });
}

export function intKind(min: number, max: number): Kind<number> {
  return kind({
    expected: `an integer from ${min} to ${max}`,
    placeholder: '<n>',
    build: (z) =>
      z.preprocess(
        (raw) => (typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw.trim()) : raw),
        z.number().int().min(min).max(max),
      ),
  });
}

/** Durations as `30s`, `5m`, `2h` or plain seconds; value in milliseconds. */
export function durationKind(maxMs = 7 * 24 * 3600_000): Kind<number> {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3600_000 };
  return kind({
    expected: "a duration such as '90s', '15m', '2h' (or whole seconds)",
    placeholder: '<duration>',
    build: (z) =>
      z.preprocess((raw) => {
        if (typeof raw === 'number') return raw * 1000;
        if (typeof raw !== 'string') return raw;
        const m = /^\s*(\d+)\s*(ms|s|m|h)?\s*$/.exec(raw);
        return m ? Number(m[1]) * (units[m[2] ?? 's'] ?? 1000) : raw;
      }, z.number().int().min(0).max(maxMs)),
  });
}

export function boolKind(): Kind<boolean> {
  return kind({
    expected: "'true' or 'false'",
    placeholder: 'true|false',
    build: (z) =>
      z.preprocess((raw) => {
        if (typeof raw !== 'string') return raw;
        const v = raw.trim().toLowerCase();
        return v === 'true' ? true : v === 'false' ? false : raw;
      }, z.boolean()),
  });
}

export function choiceKind<const T extends readonly [string, ...string[]]>(values: T): Kind<T[number]> {
  return kind({
    expected: `one of ${values.map((v) => `'${v}'`).join(', ')}`,
    placeholder: values.join('|'),
    build: (z) =>
      z.preprocess((raw) => (typeof raw === 'string' ? raw.trim() : raw), z.enum(values)) as Zod.ZodType<
        T[number]
      >,
  });
}

/** A list: YAML sequence, or text separated by commas and/or newlines. */
export function listKind<T>(
  item: Kind<T>,
  options: { min?: number; allowed?: readonly string[] } = {},
): Kind<T[]> {
  return kind({
    expected: `a list (comma- or newline-separated) of ${options.allowed ? `values among ${options.allowed.map((v) => `'${v}'`).join(', ')}` : item.expected}`,
    placeholder: `${item.placeholder},...`,
    build: (z) =>
      z.preprocess(
        (raw) => {
          if (typeof raw !== 'string') return raw;
          return raw
            .split(/[,\n]/)
            .map((s) => s.trim())
            .filter((s) => s !== '');
        },
        (options.allowed
          ? z.array(item.schema).refine((xs) => xs.every((x) => options.allowed!.includes(String(x))))
          : z.array(item.schema)
        ).min(options.min ?? 0),
      ),
  });
}

/** Multi-line text such as a private key or known_hosts lines; kept verbatim. */
export function blockKind(expected: string): Kind<string> {
  return kind({ expected, placeholder: '<text>', build: (z) => z.preprocess(text, z.string().min(1)) });
}

/** A calendar date YYYY-MM-DD that exists (2026-13-01 and 2026-02-30 do not), or one of `words`. */
export function dateKind(words: readonly string[] = []): Kind<string> {
  const form = [...words.map((w) => `'${w}'`), 'a date YYYY-MM-DD'].join(' or ');
  return kind({
    expected: `${form} (a real calendar date)`,
    placeholder: '<date>',
    build: (z) =>
      z.preprocess(
        (raw) => (typeof raw === 'string' ? raw.trim() : raw),
        z.string().refine((v) => words.includes(v) || isCalendarDate(v)),
      ),
  });
}

/** `latest`, a real date, or a restore's safety snapshot by its label (`pre-restore-20261201T101500Z`). */
export function snapshotChoiceKind(): Kind<string> {
  const dates = dateKind(['latest']);
  return kind({
    expected: `${dates.expected}, or a safety snapshot's label pre-restore-YYYYMMDDTHHMMSSZ`,
    placeholder: dates.placeholder,
    build: (z) =>
      z.union([
        dates.schema,
        z
          .string()
          .trim()
          .regex(/^pre-restore-\d{8}T\d{6}Z$/),
      ]),
  });
}

export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1000,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1000 ** 4,
  tib: 1024 ** 4,
};

/** A size such as '500MiB', '2GB', '1.5G' or plain bytes; value in bytes. */
export function sizeKind(): Kind<number> {
  return kind({
    expected: "a size such as '500MiB', '2GB', '1.5G' (K/M/G/T are binary) or whole bytes",
    placeholder: '<size>',
    build: (z) =>
      z.preprocess((raw) => {
        if (typeof raw === 'number') return raw;
        if (typeof raw !== 'string') return raw;
        const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(raw);
        const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
        return m && unit !== undefined ? Math.round(Number(m[1]) * unit) : raw;
      }, z.number().int().nonnegative()),
  });
}

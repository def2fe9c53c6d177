import { durationKind, type Kind, kind } from '../kinds.js';
import { setting, settingWithDefault } from '../types.js';

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

export const statusSettings = {
  'max-age': settingWithDefault({
    description:
      'status: fail (exit 1) when the newest complete daily snapshot was completed longer ago than this.',
    kind: durationKind(365 * 24 * 3600_000),
    default: 26 * 3600_000,
    defaultText: '26h',
    commands: ['status'],
  }),
  'min-size': setting({
    description: 'status: fail (exit 1) when the newest complete daily snapshot is smaller than this.',
    kind: sizeKind(),
    defaultText: 'no minimum',
    commands: ['status'],
  }),
};

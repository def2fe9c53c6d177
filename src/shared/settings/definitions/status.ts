import { durationKind, sizeKind } from '../kinds.js';
import { setting, settingWithDefault } from '../types.js';

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

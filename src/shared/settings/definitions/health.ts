import { boolKind, choiceKind, patternKind } from '../kinds.js';
import { setting, settingWithDefault } from '../types.js';

/** A disk watermark as OpenSearch takes it: a share of the disk used, or a byte size that must stay free. */
const WATERMARK = patternKind(
  /^(?:\d{1,3}(?:\.\d+)?%|0?\.\d+|[01](?:\.0+)?|\d+(?:\.\d+)?(?:b|kb?|mb?|gb?|tb?|pb?)|default)$/i,
  "a share of the disk used ('85%' or '0.85'), a byte size that must stay free ('50gb'), or 'default' to remove the setting",
  '<watermark>',
);

export const healthSettings = {
  'refresh-collation': settingWithDefault({
    description:
      'Run ALTER DATABASE ... REFRESH COLLATION VERSION for every database with a collation-version mismatch (after reindexing, if the collation really changed).',
    kind: boolKind(),
    default: false,
    commands: ['health'],
  }),
  low: setting({
    description:
      "The low disk watermark: past it, no new shards go to the node. E.g. '85%' (used) or '100gb' (free).",
    kind: WATERMARK,
    commands: ['set-watermarks'],
  }),
  high: setting({
    description: "The high disk watermark: past it, shards are moved off the node. E.g. '90%' or '50gb'.",
    kind: WATERMARK,
    commands: ['set-watermarks'],
  }),
  'flood-stage': setting({
    description:
      "The flood-stage watermark: past it, every index on the node becomes read-only. E.g. '95%' or '10gb'.",
    kind: WATERMARK,
    commands: ['set-watermarks'],
  }),
  persistence: settingWithDefault({
    description:
      "Where set-watermarks writes: 'persistent' (kept across restarts) or 'transient' (until the cluster restarts; overrides persistent).",
    kind: choiceKind(['persistent', 'transient'] as const),
    default: 'persistent' as 'persistent' | 'transient',
    commands: ['set-watermarks'],
  }),
};

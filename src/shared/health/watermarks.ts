/**
 * OpenSearch's disk watermarks, as the cluster applies them: each is either a share of the disk
 * used ('85%' or the ratio '0.85') or an amount of space that must stay free ('50gb'). The three
 * must be of one kind, and in order: percentages rise (low <= high <= flood stage), free
 * amounts fall (low >= high >= flood stage), as OpenSearch itself requires.
 */
import { formatBytes } from '../text.js';
import { parseByteSize } from './bytes.js';

export type Watermark =
  | { readonly kind: 'used-percent'; readonly percent: number; readonly raw: string }
  | { readonly kind: 'free-bytes'; readonly bytes: number; readonly raw: string };

export const WATERMARK_LEVELS = ['low', 'high', 'flood-stage'] as const;
export type WatermarkLevel = (typeof WATERMARK_LEVELS)[number];

/** The cluster setting behind each level. */
export const WATERMARK_KEYS: Record<WatermarkLevel, string> = {
  low: 'cluster.routing.allocation.disk.watermark.low',
  high: 'cluster.routing.allocation.disk.watermark.high',
  'flood-stage': 'cluster.routing.allocation.disk.watermark.flood_stage',
};
export const THRESHOLD_ENABLED_KEY = 'cluster.routing.allocation.disk.threshold_enabled';

/** OpenSearch's own defaults, for a cluster that reports none. */
const DEFAULTS: Record<WatermarkLevel, string> = { low: '85%', high: '90%', 'flood-stage': '95%' };

const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;
const RATIO = /^\s*(0(?:\.\d+)?|1(?:\.0+)?|\.\d+)\s*$/;

/** A watermark value, or undefined when `raw` is neither a percentage, a ratio nor a byte size. */
export function parseWatermark(raw: string): Watermark | undefined {
  const percent = PERCENT.exec(raw);
  if (percent) {
    const value = Number(percent[1]);
    return value <= 100 ? { kind: 'used-percent', percent: value, raw } : undefined;
  }
  const ratio = RATIO.exec(raw);
  if (ratio) return { kind: 'used-percent', percent: Number(ratio[1]) * 100, raw };
  const bytes = parseByteSize(raw);
  return bytes === undefined ? undefined : { kind: 'free-bytes', bytes, raw };
}

export function describeWatermark(w: Watermark): string {
  return w.kind === 'used-percent' ? `${w.raw} used` : `${w.raw} (${formatBytes(w.bytes)}) free`;
}

/** Problems with a set of watermarks (kinds mixed, out of order), naming the settings as given. */
export function watermarkOrderProblems(values: Partial<Record<WatermarkLevel, Watermark>>): string[] {
  const given = WATERMARK_LEVELS.filter((level) => values[level] !== undefined).map((level) => ({
    level,
    mark: values[level]!,
  }));
  const kinds = new Set(given.map((g) => g.mark.kind));
  if (kinds.size > 1) {
    return [
      `Watermarks mix percentages and byte sizes (${given.map((g) => `${g.level}: ${g.mark.raw}`).join(', ')}): expected all three of one kind; set low, high and flood-stage together.`,
    ];
  }
  const problems: string[] = [];
  for (let i = 1; i < given.length; i++) {
    const before = given[i - 1]!;
    const after = given[i]!;
    const ordered =
      before.mark.kind === 'used-percent' && after.mark.kind === 'used-percent'
        ? before.mark.percent <= after.mark.percent
        : before.mark.kind === 'free-bytes' && after.mark.kind === 'free-bytes'
          ? before.mark.bytes >= after.mark.bytes
          : false;
    if (!ordered) {
      const relation =
        before.mark.kind === 'used-percent'
          ? `expected ${before.level} <= ${after.level} (shares of the disk used rise from low to flood-stage)`
          : `expected ${before.level} >= ${after.level} (free space required falls from low to flood-stage)`;
      problems.push(
        `Watermarks out of order: '${before.level}' is ${before.mark.raw} and '${after.level}' is ${after.mark.raw}; ${relation}.`,
      );
    }
  }
  return problems;
}

export type SettingSource = 'transient' | 'persistent' | 'default';

export interface EffectiveWatermark {
  readonly level: WatermarkLevel;
  readonly mark: Watermark;
  readonly source: SettingSource;
}

export interface EffectiveWatermarks {
  readonly marks: Record<WatermarkLevel, EffectiveWatermark>;
  /** cluster.routing.allocation.disk.threshold_enabled: false means OpenSearch enforces none of them. */
  readonly thresholdEnabled: boolean;
  /** Values the cluster holds that are not watermarks we understand (reported, judged by the defaults). */
  readonly problems: string[];
}

/** `GET _cluster/settings?include_defaults=true&flat_settings=true`, the parts we read. */
export interface ClusterSettingsBody {
  readonly persistent?: Record<string, unknown>;
  readonly transient?: Record<string, unknown>;
  readonly defaults?: Record<string, unknown>;
}

/** The value OpenSearch applies: transient over persistent over the node's defaults. */
function effective(
  body: ClusterSettingsBody,
  key: string,
): { value: string; source: SettingSource } | undefined {
  for (const source of ['transient', 'persistent', 'defaults'] as const) {
    const value = flat(body[source], key);
    if (value !== undefined) return { value, source: source === 'defaults' ? 'default' : source };
  }
  return undefined;
}

/** A key from flat settings, or the same key nested (a cluster answering without flat_settings). */
function flat(settings: Record<string, unknown> | undefined, key: string): string | undefined {
  if (!settings) return undefined;
  if (key in settings) return String(settings[key]);
  let node: unknown = settings;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node === undefined || typeof node === 'object' ? undefined : String(node);
}

export function effectiveWatermarks(body: ClusterSettingsBody): EffectiveWatermarks {
  const problems: string[] = [];
  const marks = {} as Record<WatermarkLevel, EffectiveWatermark>;
  for (const level of WATERMARK_LEVELS) {
    const found = effective(body, WATERMARK_KEYS[level]) ?? { value: DEFAULTS[level], source: 'default' };
    let mark = parseWatermark(found.value);
    if (!mark) {
      problems.push(`${WATERMARK_KEYS[level]} is '${found.value}', not a percentage or a byte size`);
      mark = parseWatermark(DEFAULTS[level])!;
    }
    marks[level] = { level, mark, source: found.source };
  }
  const enabled = effective(body, THRESHOLD_ENABLED_KEY);
  return { marks, thresholdEnabled: enabled === undefined || enabled.value !== 'false', problems };
}

/** The cluster's current override of each level (transient or persistent), for a before/after. */
export function overriddenWatermarks(
  body: ClusterSettingsBody,
  scope: 'persistent' | 'transient',
): Record<WatermarkLevel, string | null> {
  return Object.fromEntries(
    WATERMARK_LEVELS.map((level) => [level, flat(body[scope], WATERMARK_KEYS[level]) ?? null]),
  ) as Record<WatermarkLevel, string | null>;
}

export interface NodeDisk {
  readonly node: string;
  readonly usedBytes: number;
  readonly availBytes: number;
  readonly totalBytes: number;
  readonly usedPercent: number;
}

/** True when the node is past the watermark: more of the disk used, or less free, than it allows. */
export function exceeds(mark: Watermark, disk: NodeDisk): boolean {
  return mark.kind === 'used-percent' ? disk.usedPercent > mark.percent : disk.availBytes < mark.bytes;
}

/** The highest level the node is past, or null. */
export function levelReached(marks: EffectiveWatermarks['marks'], disk: NodeDisk): WatermarkLevel | null {
  for (const level of ['flood-stage', 'high', 'low'] as const)
    if (exceeds(marks[level].mark, disk)) return level;
  return null;
}

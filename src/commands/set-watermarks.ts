import { ConfigurationError } from '../shared/errors.js';
import {
  type ClusterSettingsBody,
  describeWatermark,
  effectiveWatermarks,
  parseWatermark,
  WATERMARK_KEYS,
  WATERMARK_LEVELS,
  type Watermark,
  type WatermarkLevel,
  watermarkOrderProblems,
} from '../shared/health/watermarks.js';
import { putWatermarks, readClusterSettings } from '../shared/opensearch/index.js';
import type { Settings } from '../shared/settings/index.js';
import { openHost, openOpenSearch } from './host.js';
import type { Command, CommandContext } from './types.js';

type Requested = Partial<Record<WatermarkLevel, string | null>>;

function settingName(level: WatermarkLevel, surface: CommandContext['surface']): string {
  return surface === 'cli' ? `--${level}` : level;
}

/** The levels asked for ('default' removes the override: null), checked before anything is sent. */
export function requestedWatermarks(settings: Settings, surface: CommandContext['surface']): Requested {
  const requested: Requested = {};
  const marks: Partial<Record<WatermarkLevel, Watermark>> = {};
  const problems: string[] = [];
  for (const level of WATERMARK_LEVELS) {
    const raw = settings[level];
    if (raw === undefined) continue;
    if (raw.toLowerCase() === 'default') {
      requested[level] = null;
      continue;
    }
    const mark = parseWatermark(raw);
    if (!mark) {
      problems.push(
        `Invalid setting '${settingName(level, surface)}': expected a percentage up to 100%, a ratio up to 1.0 or a byte size, found '${raw}'.`,
      );
      continue;
    }
    requested[level] = raw;
    marks[level] = mark;
  }
  if (Object.keys(requested).length === 0 && problems.length === 0) {
    problems.push(
      `set-watermarks needs at least one of ${WATERMARK_LEVELS.map((l) => `'${settingName(l, surface)}'`).join(', ')}.`,
    );
  }
  problems.push(...watermarkOrderProblems(marks));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return requested;
}

/** The settings body the cluster will hold once `requested` is applied to `scope`. */
export function afterChange(
  before: ClusterSettingsBody,
  scope: 'persistent' | 'transient',
  requested: Requested,
): ClusterSettingsBody {
  const scoped: Record<string, unknown> = { ...(before[scope] ?? {}) };
  for (const [level, value] of Object.entries(requested) as [WatermarkLevel, string | null][]) {
    if (value === null) delete scoped[WATERMARK_KEYS[level]];
    else scoped[WATERMARK_KEYS[level]] = value;
  }
  return { ...before, [scope]: scoped };
}

function describeLevels(body: ClusterSettingsBody): Record<WatermarkLevel, string> {
  const { marks } = effectiveWatermarks(body);
  return Object.fromEntries(
    WATERMARK_LEVELS.map((level) => [
      level,
      `${describeWatermark(marks[level].mark)} (${marks[level].source})`,
    ]),
  ) as Record<WatermarkLevel, string>;
}

/**
 * `gateway-ops set-watermarks`: the runbook's "change disk watermark levels" through the API. The
 * levels given are checked for form and order before connecting; together with the levels the
 * cluster keeps, once more before the change is sent; then the effective levels are read back.
 */
export const setWatermarksCommand: Command = async ({ settings, log, surface }) => {
  const requested = requestedWatermarks(settings, surface);
  const scope = settings.persistence;
  const remote = await openHost(settings, log);
  try {
    const connection = await openOpenSearch(remote, settings, log);
    try {
      const before = await readClusterSettings(connection.client);
      const planned = effectiveWatermarks(afterChange(before, scope, requested));
      const order = watermarkOrderProblems(
        Object.fromEntries(WATERMARK_LEVELS.map((level) => [level, planned.marks[level].mark])),
      );
      if (order.length > 0) {
        throw new ConfigurationError([
          ...order.map(
            (p) =>
              `${p} (with the levels the cluster keeps: ${WATERMARK_LEVELS.map((l) => `${l} ${planned.marks[l].mark.raw} from ${planned.marks[l].source}`).join(', ')})`,
          ),
          'Nothing was changed. Give the other levels too.',
        ]);
      }
      log.info(
        `OpenSearch: setting ${Object.entries(requested)
          .map(([l, v]) => `${l}=${v ?? 'default'}`)
          .join(', ')} (${scope})`,
      );
      await putWatermarks(connection.client, scope, requested);
      const after = await readClusterSettings(connection.client);
      const was = describeLevels(before);
      const now = describeLevels(after);
      const result = { scope, requested, before: was, after: now };
      return {
        ok: true,
        headline: `Disk watermarks of ${connection.endpoint} changed (${scope}).`,
        table: {
          header: ['level', 'before', 'after'],
          rows: WATERMARK_LEVELS.map((level) => [level, was[level], now[level]]),
        },
        outputs: { watermarks: JSON.stringify(result) },
        stdout: {
          text: WATERMARK_LEVELS.map((level) => `${level}\t${now[level]}\n`).join(''),
          json: result,
        },
      };
    } finally {
      await connection.close();
    }
  } finally {
    await remote.close();
  }
};

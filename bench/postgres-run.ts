/**
 * One run of the real backup command (`gateway-ops backup`, components: postgres), as a separate
 * Node process so its peak RSS is its own: settings as the action reads its inputs, SSH connect,
 * checks and lock, dump, manifest, commit, retention. Prints one JSON line. Driven by bench/postgres.ts.
 */
import { backupCommand } from '../src/commands/backup.js';
import { loadSettings } from '../src/shared/settings/index.js';

const inputs = JSON.parse(process.env['GWOPS_BENCH_RUN'] ?? '{}') as Record<string, string>;
const trace = process.env['GWOPS_BENCH_TRACE'] === '1';
const t0 = performance.now();
const say = (level: string) => (message: string) => {
  if (trace || level === 'warn' || level === 'error') {
    process.stderr.write(`${level}: +${(performance.now() - t0).toFixed(0)} ms ${message}\n`);
  }
};
const log = {
  info: say('info'),
  warn: say('warn'),
  error: say('error'),
  debug: say('debug'),
  setSecret: () => {},
  group: <T>(_title: string, body: () => Promise<T>) => body(),
};

const { settings } = loadSettings('backup', { surface: 'action', explicit: inputs });
const started = performance.now();
const result = await backupCommand({ settings, log, surface: 'action', stdout: () => {} });
const wallMs = performance.now() - started;
if (!result.ok) throw new Error(`backup failed: ${result.headline}`);
const manifest = JSON.parse(result.outputs['manifest']!) as {
  components: Record<string, { details: Record<string, unknown> }>;
  files: { size: number }[];
};
const details = manifest.components['postgres']!.details as {
  timings: Record<string, number | null>;
  bytes: number;
  plainBytes: number | null;
};
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    bytes: details.bytes,
    plainBytes: details.plainBytes,
    ...Object.fromEntries(
      Object.entries(details.timings).map(([key, value]) => [key, value === null ? null : value * 1000]),
    ),
    path: result.outputs['snapshot-path'],
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);

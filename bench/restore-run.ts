/**
 * One run of the real restore command (`gateway-ops restore`, components: postgres) as a separate
 * Node process, so its peak RSS is its own. Prints one JSON line. Driven by bench/restore.ts.
 */
import { restoreCommand } from '../src/commands/restore.js';
import { loadSettings } from '../src/shared/settings/index.js';

const inputs = JSON.parse(process.env['GWOPS_BENCH_RUN'] ?? '{}') as Record<string, string>;
const say = (level: string) => (message: string) => {
  if (level !== 'info' && level !== 'debug') process.stderr.write(`${level}: ${message}\n`);
};
const log = {
  info: say('info'),
  warn: say('warn'),
  error: say('error'),
  debug: say('debug'),
  setSecret: () => {},
  group: <T>(_title: string, body: () => Promise<T>) => body(),
};
const { settings } = loadSettings('restore', { surface: 'action', explicit: inputs });
const started = performance.now();
const result = await restoreCommand({ settings, log, surface: 'action', stdout: () => {} });
const wallMs = performance.now() - started;
if (!result.ok) throw new Error(`restore failed: ${result.headline} ${(result.details ?? []).join(' | ')}`);
process.stdout.write(`${JSON.stringify({ wallMs, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);

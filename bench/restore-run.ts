/**
 * One run of the real restore command (`gateway-ops restore`, components: postgres) as a separate
 * Node process, so its peak RSS is its own. Prints one JSON line. Driven by bench/restore.ts.
 */
import { runRestore } from '../src/commands/restore.js';
import type { SafetySnapshotTaker } from '../src/commands/restore-run.js';
import { takeSafetySnapshot } from '../src/commands/safety-snapshot.js';
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
// The restore's own safety snapshot, timed: the benchmark reports it on its own row.
let safetyMs = 0;
const timedSafety: SafetySnapshotTaker = async (...args) => {
  const at = performance.now();
  try {
    return await takeSafetySnapshot(...args);
  } finally {
    safetyMs = performance.now() - at;
  }
};
const started = performance.now();
const result = await runRestore(settings, log, timedSafety);
const wallMs = performance.now() - started;
// The job summary's step durations, so a slow run says where its time went.
for (const line of result.details ?? []) if (line.startsWith('Step ')) process.stderr.write(`${line}\n`);
if (!result.ok) throw new Error(`restore failed: ${result.headline} ${(result.details ?? []).join(' | ')}`);
process.stdout.write(
  `${JSON.stringify({ wallMs, safetyMs, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);

/**
 * One backup of the PostgreSQL component, as a separate Node process so its peak RSS is its own:
 * connect, begin, dump, manifest, commit. Prints one JSON line. Driven by bench/postgres.ts.
 */
import { dumpPostgres, preparePostgresDump } from '../src/shared/postgres/index.js';
import { connectRemoteHost } from '../src/shared/remote/index.js';
import { beginSnapshot, buildManifest } from '../src/shared/snapshot/index.js';

interface RunConfig {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  hostFingerprint: string;
  deployDir: string;
  container: string;
  compression: 'zstd' | 'gzip' | 'none';
}

const config = JSON.parse(process.env['GWOPS_BENCH_RUN'] ?? '{}') as RunConfig;
const quiet = {
  info: () => {},
  warn: (message: string) => process.stderr.write(`warn: ${message}\n`),
  error: (message: string) => process.stderr.write(`error: ${message}\n`),
  debug: () => {},
  setSecret: () => {},
  group: <T>(_title: string, body: () => Promise<T>) => body(),
};

const started = performance.now();
const remote = await connectRemoteHost({
  host: config.host,
  port: config.port,
  username: config.username,
  privateKey: config.privateKey,
  hostFingerprint: config.hostFingerprint,
});
if (process.env['GWOPS_BENCH_TRACE'] === '1') {
  // Where the fixed overhead goes: every round trip, timed.
  const exec = remote.exec.bind(remote);
  const t0 = performance.now();
  remote.exec = async (script, options) => {
    const t = performance.now();
    try {
      return await exec(script, options);
    } finally {
      const what = (options?.description ?? script.replace(/\s+/g, ' ')).slice(0, 70);
      process.stderr.write(
        `trace: +${(t - t0).toFixed(0)} ${(performance.now() - t).toFixed(0)} ms ${what}\n`,
      );
    }
  };
}
try {
  const layout = { deployDir: config.deployDir, backupsDir: 'data/backups', timezone: 'UTC' };
  // As the orchestrator can: the checks before the dump run while the lock is being taken.
  const [partial, prepared] = await Promise.all([
    beginSnapshot(remote, layout, quiet, { force: true }),
    preparePostgresDump(
      remote,
      { target: { kind: 'docker', container: config.container }, compression: config.compression },
      quiet,
    ),
  ]);
  if (partial.kind !== 'partial') throw new Error('expected a new snapshot');
  const dumpStarted = performance.now();
  const component = await dumpPostgres(remote, partial, prepared, quiet);
  const dumpMs = performance.now() - dumpStarted;
  const manifest = buildManifest({
    gatewayOpsVersion: 'bench',
    runId: partial.runId,
    host: remote.description,
    date: partial.date,
    timezone: 'UTC',
    createdAt: partial.startedAt,
    completedAt: new Date(),
    components: [component],
  });
  const commitStarted = performance.now();
  const committed = await partial.commit(manifest);
  const commitMs = performance.now() - commitStarted;
  process.stdout.write(
    `${JSON.stringify({
      wallMs: performance.now() - started,
      dumpMs,
      commitMs,
      bytes: component.files[0]!.size,
      ...Object.fromEntries(
        Object.entries((component.details as { timings: Record<string, number> }).timings).map(([k, v]) => [
          k,
          v * 1000,
        ]),
      ),
      path: committed.path,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    })}\n`,
  );
} finally {
  await remote.close();
}

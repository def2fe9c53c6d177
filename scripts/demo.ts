/**
 * `npm run demo`: the main job on a local sandbox, each step a whole `gateway-ops <command>`
 * process reading one config file: health → backup (all four components, copied to a second
 * host) → status → drill → restore of a changed database with a safety snapshot first →
 * migration-check on a generated repository with one conflict (the PR comment, then --fix).
 * Each step checks its own claim; a table at the end; exit 0 only when every check held.
 * `--keep` leaves the sandbox running until Ctrl-C and prints how to reach it.
 */
import { readFileSync } from 'node:fs';
import { migrationCheckStep } from './demo/migrations.js';
import { GATEWAY_OPS, NODE, renderTable, runSteps, say } from './demo/run.js';
import { DATABASE, type Sandbox, startSandbox } from './demo/sandbox.js';
import { mainJob } from './demo/steps.js';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--keep');
if (unknown.length > 0) {
  process.stderr.write(`demo: unknown argument ${unknown.join(' ')}; expected nothing or --keep\n`);
  process.exit(2);
}
const keep = args.includes('--keep');

function howToReach(s: Sandbox): string {
  const { ssh, postgres } = s.bench.info;
  return [
    'The sandbox is still running:',
    `  production host  ssh -i ${s.keyFile} -o UserKnownHostsFile=${s.home}/known_hosts -p ${ssh.port} ${ssh.username}@${ssh.host}`,
    `  copy host        ssh -i ${s.copyKeyFile} -o UserKnownHostsFile=${s.home}/copy-known_hosts -p ${s.copyHost.port} ${s.copyHost.username}@${s.copyHost.host}`,
    `  PostgreSQL       psql '${postgres.url.replace(/\/postgres$/, `/${DATABASE}`)}'`,
    `  OpenSearch       curl ${s.opensearch.url}/_cat/indices`,
    `  gateway-ops      cd ${s.home} && ${NODE} ${GATEWAY_OPS} status --config gateway-ops.yml`,
    `  snapshots        ${s.backupsDir} (copies: ${s.copyPath})`,
    `To stop it: press Ctrl-C here, or kill ${process.pid}; everything under ${s.bench.info.tempDir} is removed.`,
  ].join('\n');
}

say('Starting the sandbox (PostgreSQL 15, sshd + docker double, OpenSearch 2.19, a copy host)...');
const sandbox = await startSandbox((m) => say(`  ${m}`)).catch((error: unknown) => {
  process.stderr.write(
    `demo: the sandbox did not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
let failed = 1;
try {
  say(`\nThe settings, as a user writes them (${sandbox.configPath}):\n`);
  say(readFileSync(sandbox.configPath, 'utf8').replace(/^/gm, '    '));
  const results = await runSteps([...mainJob(sandbox), migrationCheckStep(sandbox.bench.info.tempDir)]);
  say(`\n${renderTable(results)}\n`);
  const bad = results.filter((r) => !r.ok).map((r) => r.name);
  failed = bad.length;
  say(
    bad.length === 0
      ? `Demo passed: all ${results.length} steps did what they claim.`
      : `Demo FAILED: ${bad.join(', ')}.`,
  );
  if (keep) {
    say(`\n${howToReach(sandbox)}`);
    // The services are child processes that do not hold the event loop: a timer does, until a signal.
    const alive = setInterval(() => {}, 2 ** 30);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    clearInterval(alive);
    say('\nStopping the sandbox...');
  }
} finally {
  await sandbox.stop();
}
process.exit(failed === 0 ? 0 : 1);

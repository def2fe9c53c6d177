/**
 * The main job on a local sandbox: start the bench, put some data in PostgreSQL, run
 * `gateway-ops backup` over SSH exactly as a user would, then `gateway-ops verify`, show the
 * snapshot, and stop everything.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { startBench } from '../test/services/bench.js';
import { opensearchExtension } from '../test/services/opensearch.js';

const root = new URL('..', import.meta.url).pathname;
const say = (line: string) => process.stdout.write(`${line}\n`);

const bench = await startBench({ log: (m) => say(`  ${m}`) });
let status = 0;
try {
  const opensearch = (await bench.extend(opensearchExtension)) as { url: string; pathRepo: string };
  const { ssh, postgres, workDir } = bench.info;
  // The OpenSearch "container": its address comes from opensearch-url here, its credentials from its env.
  bench.docker.createContainer({
    name: 'sds-gateway-prod-opensearch',
    env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: 'Demo-Passw0rd!' },
  });
  const os = new Client({ node: opensearch.url });
  await os.indices.create({
    index: 'captures-drf',
    body: { settings: { number_of_shards: 1, number_of_replicas: 0 } },
  } as never);
  const docs = Array.from({ length: 2000 }, (_, i) => [
    { index: { _index: 'captures-drf', _id: String(i) } },
    { n: i, name: `capture ${i}` },
  ]).flat();
  await os.bulk({ body: docs, refresh: 'true' } as never);
  await os.close();
  say(`\nSandbox: PostgreSQL ${postgres.port}, sshd ${ssh.port} (host key ${ssh.hostFingerprint})`);
  await bench.postgres.psql('CREATE DATABASE spectrumx');
  await bench.postgres.psql(
    `CREATE TABLE captures (id serial PRIMARY KEY, name text NOT NULL, created timestamptz DEFAULT now());
     INSERT INTO captures (name) SELECT 'capture ' || g || ' — ünïcode' FROM generate_series(1, 25000) g;`,
    'spectrumx',
  );
  const keyFile = join(bench.info.tempDir, 'demo-key');
  const knownHosts = join(bench.info.tempDir, 'demo-known-hosts');
  writeFileSync(keyFile, ssh.clientKey.privateKey, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(knownHosts, `${ssh.knownHostsLine}\n`);
  const deployDir = join(workDir, 'gateway');

  const cli = (args: string[]) => {
    say(`\n$ gateway-ops ${args.join(' ')}`);
    const r = spawnSync(join(root, 'node_modules/.bin/node'), [join(root, 'bin/gateway-ops.js'), ...args], {
      stdio: 'inherit',
      env: { ...process.env },
    });
    return r.status ?? 1;
  };
  const common = [
    '--ssh-host',
    ssh.host,
    '--ssh-port',
    String(ssh.port),
    '--ssh-user',
    ssh.username,
    '--ssh-private-key-file',
    keyFile,
    '--ssh-known-hosts-file',
    knownHosts,
    '--deploy-dir',
    deployDir,
  ];
  const osArgs = [
    '--opensearch-url',
    opensearch.url,
    '--snapshot-location',
    join(opensearch.pathRepo, 'snapshots'),
  ];
  status = cli(['backup', ...common, ...osArgs]);
  if (status === 0) status = cli(['backup', ...common, ...osArgs]); // the same day again: verified and kept
  if (status === 0) status = cli(['verify', ...common, '--opensearch-url', opensearch.url]);
  if (status === 0) {
    const backups = join(deployDir, 'data/backups');
    for (const day of readdirSync(backups).filter((d) => /^\d{4}-/.test(d))) {
      say(`\n${backups}/${day}/`);
      const walk = (dir: string, prefix: string) => {
        for (const entry of readdirSync(dir).sort()) {
          const path = join(dir, entry);
          const st = statSync(path);
          if (st.isDirectory()) walk(path, `${prefix}${entry}/`);
          else
            say(
              `  ${`${prefix}${entry}`.padEnd(40)} ${String(st.size).padStart(10)} bytes  mode ${(st.mode & 0o777).toString(8)}`,
            );
        }
      };
      walk(join(backups, day), '');
      const manifest = JSON.parse(readFileSync(join(backups, day, 'manifest.json'), 'utf8'));
      say(`\nmanifest.json components: ${JSON.stringify(Object.keys(manifest.components))}`);
    }
  }
} finally {
  await bench.stop();
}
say(status === 0 ? '\nDemo finished: snapshot taken and verified.' : `\nDemo failed (exit ${status}).`);
process.exit(status);

/**
 * The main job, one `gateway-ops` process per step with the one config file, and what each step
 * checks for itself afterwards (on the host's disk, in the databases, in OpenSearch).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { type Check, check, gatewayOps, type Step, say } from './run.js';
import { DATABASE, DOCUMENTS, INDEX, ROWS, type Sandbox, TABLE } from './sandbox.js';

const COMPONENTS = ['postgres', 'opensearch', 'secrets', 'git'] as const;
const CONFIG = ['--config', 'gateway-ops.yml'];

interface Manifest {
  date: string;
  components: Record<string, { verdict: string }>;
  files: { path: string; sha256: string }[];
}

const days = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
        .sort()
    : [];
const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const exitCheck = (command: string, status: number, want = 0) =>
  check(`gateway-ops ${command} exits ${want}`, status === want, `exit ${status}`);

/** The index's document count, or null when it does not exist. */
async function indexCount(s: Sandbox, index: string): Promise<number | null> {
  const client = new Client({ node: s.opensearch.url });
  try {
    if (!(await client.indices.exists({ index } as never)).body) return null;
    return (await client.count({ index } as never)).body.count as number;
  } finally {
    await client.close();
  }
}

/** Whether a snapshot's dump holds the row only the changed database has. */
function dumpHolds(snapshot: string, text: string): boolean {
  const dump = join(snapshot, 'postgres/pg_dumpall.sql.zst');
  if (!existsSync(dump)) return false;
  return execFileSync('zstd', ['-dc', dump], { maxBuffer: 512 * 2 ** 20 }).includes(text);
}

function healthStep(s: Sandbox): Step {
  return {
    name: 'health',
    async run() {
      const r = await gatewayOps(['health', ...CONFIG, '--format', 'json'], s.home);
      const report = JSON.parse(r.stdout.slice(r.stdout.lastIndexOf('\n{') + 1) || '{}') as {
        status?: string;
        findings?: { check: string; status: string; summary: string }[];
      };
      const failures = (report.findings ?? []).filter((f) => f.status === 'fail');
      const cluster = report.findings?.find((f) => f.check === 'cluster health');
      return [
        exitCheck('health', r.status),
        check(
          'no check failed (warnings are shown above)',
          !!report.status && failures.length === 0,
          failures.map((f) => f.check).join(', '),
        ),
        check(
          'the OpenSearch cluster is green',
          cluster?.status === 'ok' && /^green/.test(cluster.summary),
          cluster?.summary,
        ),
      ];
    },
  };
}

function backupStep(s: Sandbox): Step {
  return {
    name: 'backup',
    async run() {
      const r = await gatewayOps(['backup', ...CONFIG], s.home);
      const checks: Check[] = [exitCheck('backup', r.status)];
      const [day] = days(s.backupsDir);
      if (!day) return [...checks, check('a YYYY-MM-DD snapshot exists on the host', false, 'none')];
      const local = join(s.backupsDir, day);
      const manifest = readManifest(local);
      const passed = COMPONENTS.filter((c) => manifest.components[c]?.verdict === 'passed');
      checks.push(
        check(
          `manifest of ${day}: ${COMPONENTS.join(', ')} passed`,
          passed.length === COMPONENTS.length,
          `passed: ${passed.join(', ') || 'none'}`,
        ),
      );
      const secrets = join(local, 'secrets/secrets.tar.age');
      const listing = existsSync(secrets)
        ? execFileSync('sh', ['-c', 'age -d -i "$1" "$2" | tar -tf -', 'sh', s.ageIdentity, secrets], {
            encoding: 'utf8',
          })
        : '';
      checks.push(
        check(
          'the secrets archive opens with the age identity',
          /\.envs\/\.production\/\.django/.test(listing),
        ),
      );
      const copy = join(s.copyPath, day);
      const copied = existsSync(join(copy, 'manifest.json'))
        ? readFileSync(join(copy, 'manifest.json'), 'utf8') ===
          readFileSync(join(local, 'manifest.json'), 'utf8')
        : false;
      const sameFiles = manifest.files.every(
        (f) => existsSync(join(copy, f.path)) && sha256(join(copy, f.path)) === f.sha256,
      );
      checks.push(
        check(
          `the copy host has ${day} with the same manifest and every file's sha256`,
          copied && sameFiles,
          copy,
        ),
      );
      return checks;
    },
  };
}

function statusStep(s: Sandbox): Step {
  return {
    name: 'status',
    async run() {
      const r = await gatewayOps(['status', ...CONFIG], s.home);
      const [day] = days(s.backupsDir);
      return [exitCheck('status', r.status), check(`it lists ${day}`, !!day && r.output.includes(day))];
    },
  };
}

function drillStep(s: Sandbox): Step {
  return {
    name: 'drill',
    async run() {
      const scratchBefore = await s.drillPostgres.psql('SELECT datname FROM pg_database ORDER BY 1');
      const r = await gatewayOps(['drill', ...CONFIG], s.home);
      const scratchAfter = await s.drillPostgres.psql('SELECT datname FROM pg_database ORDER BY 1');
      const leftIndices = await fetch(`${s.opensearch.url}/_cat/indices/drill-*?format=json`).then((x) =>
        x.json(),
      );
      return [
        exitCheck('drill', r.status),
        check('it says the drill passed', /Drill of \d{4}-\d{2}-\d{2} passed/.test(r.output)),
        check('the scratch PostgreSQL is left as it was', scratchAfter === scratchBefore, scratchAfter),
        check(
          'no drill-* index is left in OpenSearch',
          Array.isArray(leftIndices) && leftIndices.length === 0,
        ),
      ];
    },
  };
}

function restoreStep(s: Sandbox): Step {
  return {
    name: 'restore',
    async run() {
      // The mistakes a restore undoes: most rows gone, a row that was never there, an index deleted.
      await s.bench.postgres.psql(
        `DELETE FROM ${TABLE} WHERE id > 100; INSERT INTO ${TABLE} (name) VALUES ('oops')`,
        DATABASE,
      );
      const client = new Client({ node: s.opensearch.url });
      await client.indices.delete({ index: INDEX } as never).finally(() => client.close());
      say(
        `  changed the data: ${TABLE} has ${await s.rowCount()} rows (the snapshot has ${ROWS}); ${INDEX} is deleted (the snapshot has ${DOCUMENTS} documents)`,
      );
      const r = await gatewayOps(
        ['restore', ...CONFIG, '--components', 'postgres,opensearch', '--confirm', s.targetHost],
        s.home,
      );
      const rows = await s.rowCount();
      const oops = Number(
        (await s.bench.postgres.psql(`SELECT count(*) FROM ${TABLE} WHERE name = 'oops'`, DATABASE)).trim(),
      );
      const documents = await indexCount(s, INDEX);
      const safety = existsSync(s.backupsDir)
        ? readdirSync(s.backupsDir).filter((d) => d.startsWith('pre-restore-'))
        : [];
      const safetyDir = safety[0] ? join(s.backupsDir, safety[0]) : '';
      const safetyManifest = !!safetyDir && existsSync(join(safetyDir, 'manifest.json'));
      return [
        exitCheck('restore', r.status),
        check(
          `${TABLE} is back to ${ROWS} rows, without the added one`,
          rows === ROWS && oops === 0,
          `${rows} rows`,
        ),
        check(
          `${INDEX} is back with ${DOCUMENTS} documents`,
          documents === DOCUMENTS,
          documents === null ? 'the index is missing' : `${documents} documents`,
        ),
        check(
          "a complete pre-restore-* safety snapshot of the changed database (the 'oops' row in its dump)",
          // pg_dumpall writes rows as COPY data: tab-separated (id, name, created), unquoted.
          safety.length === 1 && safetyManifest && dumpHolds(safetyDir, '\toops\t'),
          safety.length === 0 ? 'none in the backups directory' : safety.join(', '),
        ),
      ];
    },
  };
}

export function mainJob(s: Sandbox): Step[] {
  return [healthStep(s), backupStep(s), statusStep(s), drillStep(s), restoreStep(s)];
}

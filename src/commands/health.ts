import { OperationError } from '../shared/errors.js';
import {
  blockingFindings,
  type Finding,
  findingsTable,
  type HealthStatus,
  worstStatus,
} from '../shared/health/findings.js';
import type { RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import type { Settings } from '../shared/settings/index.js';
import { checkBackupsDisk, checkOpenSearch, checkPostgres } from './health-checks.js';
import { openHost } from './host.js';
import type { Command } from './types.js';

export interface HealthReport {
  readonly status: HealthStatus;
  readonly host: string;
  readonly findings: readonly Finding[];
}

function counts(findings: readonly Finding[]): string {
  const n = (s: HealthStatus) => findings.filter((f) => f.status === s).length;
  return `${findings.length} checks: ${n('ok')} ok, ${n('warn')} warning(s), ${n('fail')} failure(s)`;
}

/**
 * `gateway-ops health` (the backup action's `mode: health`): the runbook's cluster maintenance and
 * troubleshooting checks in one run. Fails on any failed check; warnings alone pass.
 */
export const healthCommand: Command = async ({ settings, log }) => {
  const remote = await openHost(settings, log);
  let findings: Finding[];
  try {
    const opensearch = settings.components.includes('opensearch');
    const postgres = settings.components.includes('postgres');
    findings = [
      ...(opensearch
        ? await log.group('OpenSearch', () => checkOpenSearch(remote, settings, log, { repository: true }))
        : []),
      ...(postgres ? await log.group('PostgreSQL', () => checkPostgres(remote, settings, log)) : []),
      ...(await checkBackupsDisk(remote, settings)),
    ];
  } finally {
    await remote.close();
  }
  const report: HealthReport = { status: worstStatus(findings), host: remote.description, findings };
  for (const f of findings) {
    if (f.status === 'warn') log.warn(`${f.area} ${f.check}: ${f.summary}`);
    if (f.status === 'fail') log.error(`${f.area} ${f.check}: ${f.summary}`);
  }
  return {
    ok: report.status !== 'fail',
    headline: `Health of ${remote.description}: ${report.status} (${counts(findings)}).`,
    details: findings.filter((f) => f.status !== 'ok' && f.fix).map((f) => `${f.check}: ${f.fix}`),
    table: findingsTable(findings),
    outputs: { health: JSON.stringify(report), 'health-status': report.status },
    stdout: {
      text: findings.map((f) => `${f.status}\t${f.area}\t${f.check}\t${f.summary}\n`).join(''),
      json: { ...report },
    },
  };
};

/**
 * The pre-flight every backup and restore runs on its open session before any work: a red
 * cluster, a node past its flood-stage watermark, an unreachable OpenSearch or too little room
 * for another snapshot in backups-dir stop it with the reasons; warnings (yellow, a high
 * watermark) are logged and the work goes on. Returns every finding for the caller's summary.
 */
export async function preflight(host: RemoteHost, settings: Settings, log: Log): Promise<Finding[]> {
  const findings = [
    ...(settings.components.includes('opensearch')
      ? await checkOpenSearch(host, settings, log, { repository: false })
      : []),
    ...(await checkBackupsDisk(host, settings)),
  ];
  const blocking = blockingFindings(findings);
  for (const f of findings)
    if (f.status !== 'ok' && !blocking.includes(f))
      log.warn(`pre-flight: ${f.area} ${f.check}: ${f.summary}`);
  if (blocking.length > 0) {
    throw new OperationError(
      `Pre-flight on ${host.description} failed, nothing was started: ${blocking.map((f) => `${f.check}: ${f.summary}`).join('; ')}`,
      {
        hint:
          blocking
            .map((f) => f.fix)
            .filter(Boolean)
            .join(' ') || "Run 'gateway-ops health' for every check.",
      },
    );
  }
  log.info(`Pre-flight on ${host.description}: ${counts(findings)}.`);
  return findings;
}

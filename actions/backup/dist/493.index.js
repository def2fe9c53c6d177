export const id = 493;
export const ids = [493];
export const modules = {

/***/ 9493:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  healthCommand: () => (/* binding */ healthCommand),
  preflight: () => (/* binding */ preflight)
});

// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
;// CONCATENATED MODULE: ./lib/src/shared/health/findings.js
const RANK = { ok: 0, warn: 1, fail: 2 };
function worstStatus(findings) {
    return findings.reduce((worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst), 'ok');
}
/** The findings that stop a backup or restore before it starts. */
function blockingFindings(findings) {
    return findings.filter((f) => f.status === 'fail' && f.blocking);
}
function findingsTable(findings) {
    return {
        header: ['area', 'check', 'status', 'found', 'fix'],
        rows: findings.map((f) => [f.area, f.check, f.status, f.summary, f.fix ?? '']),
    };
}

// EXTERNAL MODULE: ./lib/src/shared/remote/quote.js
var quote = __webpack_require__(89413);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/index.js + 2 modules
var snapshot = __webpack_require__(21746);
// EXTERNAL MODULE: ./lib/src/shared/text.js
var shared_text = __webpack_require__(15831);
;// CONCATENATED MODULE: ./lib/src/shared/health/backups-disk.js
/**
 * Free space where the snapshots are written, against the size of the last complete one: a new
 * day's snapshot needs about as much again (the previous day is kept until the new one is whole).
 */



/** Room asked for beyond the last snapshot's size: databases grow between two nights. */
const GROWTH_MARGIN = 1.1;
/** One script: df of the backups dir (or the parent it will be made in), du of the newest complete snapshot. */
function backupsDiskScript(root) {
    return `root=${(0,quote/* shellQuote */.Z)(root)}
dir=$root
while [ ! -d "$dir" ]; do dir=$(dirname -- "$dir"); done
printf 'measured %s\\n' "$dir"
printf 'avail %s\\n' "$(df -Pk -- "$dir" | awk 'NR == 2 { print $4 }')"
if [ -d "$root" ]; then
  cd -- "$root"
  last=
  for d in [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]; do
    if [ -f "$d/${snapshot/* MANIFEST_FILE */.h1}" ]; then last=$d; fi
  done
  if [ -n "$last" ]; then printf 'last %s %s\\n' "$last" "$(du -sk -- "$last" | cut -f1)"; fi
fi
`;
}
function parseBackupsDisk(root, stdout) {
    let measured = root;
    let avail = Number.NaN;
    let last = null;
    for (const line of stdout.split('\n')) {
        if (line.startsWith('measured '))
            measured = line.slice('measured '.length);
        const a = /^avail (\d+)$/.exec(line);
        if (a)
            avail = Number(a[1]) * 1024;
        const l = /^last (\d{4}-\d{2}-\d{2}) (\d+)$/.exec(line);
        if (l)
            last = { date: l[1], bytes: Number(l[2]) * 1024 };
    }
    if (Number.isNaN(avail))
        throw new Error(`df printed no free space for ${measured}: ${stdout.slice(0, 200)}`);
    return { root, measured, availBytes: avail, last };
}
function judgeBackupsDisk(disk, where) {
    const check = 'backups disk';
    const free = `${(0,shared_text/* formatBytes */.z3)(disk.availBytes)} free at ${disk.measured} on ${where}`;
    if (!disk.last) {
        return {
            area: 'backups',
            check,
            status: 'ok',
            summary: `${free}; no complete snapshot in ${disk.root} yet to compare with`,
        };
    }
    const need = Math.ceil(disk.last.bytes * GROWTH_MARGIN);
    const last = `the last snapshot (${disk.last.date}) takes ${(0,shared_text/* formatBytes */.z3)(disk.last.bytes)}`;
    if (disk.availBytes < need) {
        return {
            area: 'backups',
            check,
            status: 'fail',
            blocking: true,
            summary: `${free}, ${last}: a new one needs about ${(0,shared_text/* formatBytes */.z3)(need)}`,
            fix: `Free at least ${(0,shared_text/* formatBytes */.z3)(need - disk.availBytes)} on that disk, lower keep-daily/keep-weekly/keep-monthly, or set backups-dir to a larger disk.`,
        };
    }
    if (disk.availBytes < 2 * need) {
        return {
            area: 'backups',
            check,
            status: 'warn',
            summary: `${free}, ${last}: room for one more, not two`,
            fix: 'Free space or lower the retention before the next night fails.',
        };
    }
    return {
        area: 'backups',
        check,
        status: 'ok',
        summary: `${free}, ${last}: room for ${Math.floor(disk.availBytes / need)} more`,
    };
}

// EXTERNAL MODULE: ./lib/src/shared/health/opensearch.js
var opensearch = __webpack_require__(63797);
// EXTERNAL MODULE: ./lib/src/shared/health/postgres.js
var postgres = __webpack_require__(92766);
// EXTERNAL MODULE: ./lib/src/shared/health/watermarks.js + 1 modules
var watermarks = __webpack_require__(2614);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/index.js + 13 modules
var shared_opensearch = __webpack_require__(88507);
// EXTERNAL MODULE: ./lib/src/shared/postgres/index.js + 10 modules
var shared_postgres = __webpack_require__(58114);
// EXTERNAL MODULE: ./lib/src/commands/host.js + 1 modules
var host = __webpack_require__(20465);
;// CONCATENATED MODULE: ./lib/src/commands/health-checks.js
/**
 * The health checks, each reading one part of the deployment through the SSH session and judging
 * it with the pure functions of src/shared/health. A part that cannot be read is a failed finding,
 * not an exception: the other parts are still checked and reported.
 */









function unreadable(area, check, error, blocking) {
    const hint = error instanceof errors/* OperationError */.OK ? error.hint : undefined;
    return {
        area,
        check,
        status: 'fail',
        ...(blocking ? { blocking } : {}),
        summary: (0,errors/* errorMessage */.gJ)(error),
        ...(hint ? { fix: hint } : {}),
    };
}
/** Cluster health with the unassigned shards explained, and disk use per node against the watermarks. */
async function checkCluster(connection) {
    const { client } = connection;
    const [health, clusterSettings, allocation] = await Promise.all([
        (0,shared_opensearch/* readClusterHealth */.DK)(client),
        (0,shared_opensearch/* readClusterSettings */.Qr)(client),
        (0,shared_opensearch/* readDiskAllocation */._B)(client),
    ]);
    const unassigned = (health.unassigned_shards ?? 0) > 0 ? await (0,shared_opensearch/* readUnassignedShards */.nq)(client, opensearch/* EXPLAINED_SHARDS */.T2) : [];
    return [
        ...(0,opensearch/* judgeClusterHealth */.or)(health, unassigned),
        ...(0,opensearch/* judgeNodeDisks */.EO)((0,opensearch/* nodeDisks */.FC)(allocation), (0,watermarks/* effectiveWatermarks */.Jy)(clusterSettings)),
    ];
}
/** path.repo on every node, and the repository's _verify when it is registered. */
async function checkRepository(connection, settings, log) {
    const { client } = connection;
    const repository = settings['snapshot-repository'];
    const registered = await (0,shared_opensearch/* readRepository */.Nu)(client, repository);
    const location = registered?.type === 'fs' && registered.location ? registered.location : settings['snapshot-location'];
    const findings = (0,opensearch/* judgePathRepo */.$Q)(await (0,shared_opensearch/* readPathRepo */.Ic)(client), location);
    const check = `repository ${repository}`;
    if (!registered) {
        findings.push({
            area: 'opensearch',
            check,
            status: 'warn',
            summary: `not registered; the next backup registers it (fs, ${settings['snapshot-location']})`,
        });
        return findings;
    }
    try {
        const state = await (0,shared_opensearch/* ensureRepository */.z0)(client, { repository, location, register: false }, (0,host/* osLog */.rU)(log));
        findings.push({
            area: 'opensearch',
            check,
            status: 'ok',
            summary: `${state.type} at ${state.location}: _verify passed on ${state.verifiedNodes.length} node(s) (${state.verifiedNodes.join(', ')})`,
        });
    }
    catch (error) {
        findings.push(unreadable('opensearch', check, error, false));
    }
    return findings;
}
/** The OpenSearch checks; an unreachable cluster is one failed, blocking finding. */
async function checkOpenSearch(remote, settings, log, options) {
    let connection;
    try {
        connection = await (0,host/* openOpenSearch */.jJ)(remote, settings, log);
    }
    catch (error) {
        return [unreadable('opensearch', 'reach OpenSearch', error, true)];
    }
    try {
        const findings = await checkCluster(connection);
        if (options.repository)
            findings.push(...(await checkRepository(connection, settings, log)));
        return findings;
    }
    catch (error) {
        return [unreadable('opensearch', `reach OpenSearch at ${connection.endpoint}`, error, true)];
    }
    finally {
        await connection.close();
    }
}
/** Server version and collation versions; with refresh-collation, the refresh of each mismatch. */
async function checkPostgres(remote, settings, log) {
    try {
        // The same checks a dump starts with: the container, its credentials, where it listens.
        const prepared = await (0,shared_postgres/* preparePostgresDump */.vN)(remote, {
            target: (0,host/* postgresTarget */.RB)(settings),
            ...(settings['postgres-user'] ? { user: settings['postgres-user'] } : {}),
            ...(settings.exec === 'host'
                ? { host: settings['postgres-host'], port: settings['postgres-port'] }
                : {}),
            compression: 'none',
        }, log);
        const where = `${prepared.tunnelHost}:${prepared.tunnelPort} (via ${remote.description})`;
        const tunnel = await remote.forward(prepared.tunnelHost, prepared.tunnelPort);
        try {
            let facts = await (0,shared_postgres/* readCollations */.F8)(tunnel, prepared.credentials, where);
            let refreshed = [];
            const refreshable = (0,postgres/* collationMismatches */.Y$)(facts.databases).filter((db) => db.actual !== null);
            if (settings['refresh-collation'] && refreshable.length > 0) {
                log.info(`PostgreSQL: refreshing the collation version of ${refreshable.map((db) => db.database).join(', ')}`);
                refreshed = await (0,shared_postgres/* refreshCollations */.Cy)(tunnel, prepared.credentials, refreshable.map((db) => db.database));
                facts = await (0,shared_postgres/* readCollations */.F8)(tunnel, prepared.credentials, where);
            }
            return (0,postgres/* judgePostgres */.fA)({ ...facts, refreshed });
        }
        finally {
            await tunnel.close();
        }
    }
    catch (error) {
        return [unreadable('postgres', 'reach PostgreSQL', error, false)];
    }
}
/** Free space in the backups directory against the last complete snapshot's size. */
async function checkBackupsDisk(remote, settings) {
    const root = (0,snapshot/* backupsRoot */.GI)((0,host/* layoutOf */.aH)(settings));
    try {
        const { stdout } = await remote.exec(backupsDiskScript(root), {
            description: `measure the free space of ${root}`,
            timeoutMs: 120_000,
        });
        return [judgeBackupsDisk(parseBackupsDisk(root, stdout), remote.description)];
    }
    catch (error) {
        return [unreadable('backups', 'backups disk', error, true)];
    }
}

;// CONCATENATED MODULE: ./lib/src/commands/health.js




function counts(findings) {
    const n = (s) => findings.filter((f) => f.status === s).length;
    return `${findings.length} checks: ${n('ok')} ok, ${n('warn')} warning(s), ${n('fail')} failure(s)`;
}
/**
 * `gateway-ops health` (the backup action's `mode: health`): the runbook's cluster maintenance and
 * troubleshooting checks in one run. Fails on any failed check; warnings alone pass.
 */
const healthCommand = async ({ settings, log }) => {
    const remote = await (0,host/* openHost */.Zb)(settings, log);
    let findings;
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
    }
    finally {
        await remote.close();
    }
    const report = { status: worstStatus(findings), host: remote.description, findings };
    for (const f of findings) {
        if (f.status === 'warn')
            log.warn(`${f.area} ${f.check}: ${f.summary}`);
        if (f.status === 'fail')
            log.error(`${f.area} ${f.check}: ${f.summary}`);
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
async function preflight(host, settings, log) {
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
        throw new errors/* OperationError */.OK(`Pre-flight on ${host.description} failed, nothing was started: ${blocking.map((f) => `${f.check}: ${f.summary}`).join('; ')}`, {
            hint: blocking
                .map((f) => f.fix)
                .filter(Boolean)
                .join(' ') || "Run 'gateway-ops health' for every check.",
        });
    }
    log.info(`Pre-flight on ${host.description}: ${counts(findings)}.`);
    return findings;
}


/***/ })

};

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
// EXTERNAL MODULE: ./lib/src/shared/opensearch/cluster.js
var cluster = __webpack_require__(89985);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/repository.js
var opensearch_repository = __webpack_require__(65111);
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





// The room's modules, not its index: the index loads the OpenSearch client, which a run without
// OpenSearch never needs (openOpenSearch loads it).





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
        (0,cluster/* readClusterHealth */.DK)(client),
        (0,cluster/* readClusterSettings */.Qr)(client),
        (0,cluster/* readDiskAllocation */._B)(client),
    ]);
    const unassigned = (health.unassigned_shards ?? 0) > 0 ? await (0,cluster/* readUnassignedShards */.nq)(client, opensearch/* EXPLAINED_SHARDS */.T2) : [];
    return [
        ...(0,opensearch/* judgeClusterHealth */.or)(health, unassigned),
        ...(0,opensearch/* judgeNodeDisks */.EO)((0,opensearch/* nodeDisks */.FC)(allocation), (0,watermarks/* effectiveWatermarks */.Jy)(clusterSettings)),
    ];
}
/** path.repo on every node, and the repository's _verify when it is registered. */
async function checkRepository(connection, settings, log) {
    const { client } = connection;
    const repository = settings['snapshot-repository'];
    const registered = await (0,cluster/* readRepository */.Nu)(client, repository);
    const location = registered?.type === 'fs' && registered.location ? registered.location : settings['snapshot-location'];
    const findings = (0,opensearch/* judgePathRepo */.$Q)(await (0,cluster/* readPathRepo */.Ic)(client), location);
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
        const state = await (0,opensearch_repository/* ensureRepository */.z)(client, { repository, location, register: false }, (0,host/* osLog */.rU)(log));
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


/***/ }),

/***/ 92766:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C4: () => (/* binding */ refreshCollationStatement),
/* harmony export */   Vm: () => (/* binding */ COLLATION_VERSIONS_FROM),
/* harmony export */   Y$: () => (/* binding */ collationMismatches),
/* harmony export */   fA: () => (/* binding */ judgePostgres)
/* harmony export */ });
/* unused harmony export quoteIdentifier */
/** A SQL identifier, always double-quoted (embedded quotes doubled): any database name stays one name. */
function quoteIdentifier(name) {
    if (name.includes('\0'))
        throw new Error('quoteIdentifier: a name cannot contain a NUL byte');
    return `"${name.replaceAll('"', '""')}"`;
}
function refreshCollationStatement(database) {
    return `ALTER DATABASE ${quoteIdentifier(database)} REFRESH COLLATION VERSION;`;
}
/** PostgreSQL 15 records a collation version per database (datcollversion). */
const COLLATION_VERSIONS_FROM = 150000;
function collationMismatches(rows) {
    return rows.filter((row) => row.recorded !== null && row.recorded !== row.actual);
}
function judgePostgres(input) {
    const findings = [
        {
            area: 'postgres',
            check: 'server',
            status: 'ok',
            summary: `PostgreSQL ${input.serverVersion}, ${input.databases.length} database(s)`,
        },
    ];
    if (input.serverVersionNum < COLLATION_VERSIONS_FROM) {
        findings.push({
            area: 'postgres',
            check: 'collation versions',
            status: 'ok',
            summary: `PostgreSQL ${input.serverVersion} records no collation version per database (15 and later do): nothing to check`,
        });
        return findings;
    }
    for (const name of input.refreshed ?? []) {
        findings.push({
            area: 'postgres',
            check: `collation ${name}`,
            status: 'ok',
            summary: `collation version refreshed (${refreshCollationStatement(name)})`,
        });
    }
    const mismatched = collationMismatches(input.databases);
    for (const db of mismatched) {
        findings.push({
            area: 'postgres',
            check: `collation ${db.database}`,
            status: 'warn',
            summary: `collation version mismatch: the database records ${db.recorded}, the system provides ${db.actual ?? 'no version'}`,
            fix: db.actual === null
                ? 'The locale provides no version any more: PostgreSQL cannot refresh it; check the database locale (pg_database.datcollate).'
                : `Reindex indexes on text columns first if the collation really changed, then: ${refreshCollationStatement(db.database)} (or run health with refresh-collation: true)`,
        });
    }
    if (mismatched.length === 0 && (input.refreshed ?? []).length === 0) {
        findings.push({
            area: 'postgres',
            check: 'collation versions',
            status: 'ok',
            summary: 'every database records the collation version the system provides',
        });
    }
    return findings;
}


/***/ }),

/***/ 58114:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fw: () => (/* reexport */ countRestoredRows),
  we: () => (/* reexport */ discardDrill),
  Ax: () => (/* reexport */ dumpPostgres),
  LF: () => (/* reexport */ inspectPostgresTarget),
  vN: () => (/* reexport */ preparePostgresDump),
  F8: () => (/* reexport */ readCollations),
  Cy: () => (/* reexport */ refreshCollations),
  A2: () => (/* reexport */ restorePostgres)
});

// UNUSED EXPORTS: COLLATION_SQL, COLLATION_VERSIONS_SQL, DATABASES_SQL, DUMP_COMPLETE_MARK, MAX_AFTER_MARK, POSTGRES_COMPONENT, PROGRESS_AWK, RESTORE_FILTER_AWK, ROLE_GUARD_TAG, ROW_COUNTS_SQL, SCAN_AWK_PROGRAM, SCAN_GREP_PATTERN, SCAN_HEADER_BYTES, bashTimesSeconds, compareRowCounts, connectTarget, connectedDatabase, containerAddress, containerProblem, copyTarget, countRows, drillCleanupScript, dumpFailures, dumpScript, dumpsInserts, incompleteDump, judgeRestore, parseContainerEnv, parseDumpScan, parseDumpScriptOutput, parsePreflight, parseRestoreScriptOutput, pgDumpallArgv, pipelineStages, preflightScript, prepareSql, psqlArgv, quoteIdent, restoreFilterFunction, restoreScript, serverFacts, validatePgDumpallArgs, withClient

// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
// EXTERNAL MODULE: ./lib/src/shared/health/postgres.js
var postgres = __webpack_require__(92766);
// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(83849);
// EXTERNAL MODULE: ./lib/src/shared/setting-ref.js
var setting_ref = __webpack_require__(46870);
;// CONCATENATED MODULE: ./lib/src/shared/postgres/row-counts.js



const DATABASES_SQL = `SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY datname`;
/**
 * One round trip per database: `query_to_xml` runs each table's exact count server-side.
 * Regular tables only (partitions are counted as themselves, their parents would count twice).
 */
const ROW_COUNTS_SQL = `SELECT n.nspname AS schema, c.relname AS table,
  (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint AS rows
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
ORDER BY 1, 2`;
function clientFor(tunnel, credentials, database) {
    return new esm/* default.Client */.Ay.Client({
        host: tunnel.localHost,
        port: tunnel.localPort,
        user: credentials.user,
        ...(credentials.password ? { password: credentials.password } : {}),
        database,
        application_name: 'gateway-ops',
        connectionTimeoutMillis: 30_000,
    });
}
/** One connection to `database` for `body`, always closed. */
async function withClient(tunnel, credentials, database, body) {
    const client = clientFor(tunnel, credentials, database);
    // A connection lost mid-query surfaces as a rejected query; the 'error' event must not crash Node.
    client.on('error', () => { });
    try {
        await client.connect();
        return await body(client);
    }
    finally {
        await client.end().catch(() => { });
    }
}
/** Server version and databases; also the early check that the user and password are right. */
async function serverFacts(tunnel, credentials, where) {
    try {
        const facts = async (client) => {
            const version = await client.query(`SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS num`);
            const databases = await client.query(DATABASES_SQL);
            return {
                serverVersion: version.rows[0].server_version,
                serverVersionNum: Number(version.rows[0].num),
                databases: databases.rows.map((row) => row.datname),
            };
        };
        try {
            return await withClient(tunnel, credentials, 'postgres', facts);
        }
        catch (error) {
            // 3D000: no database 'postgres' in this cluster; template1 always exists.
            if (error.code !== '3D000')
                throw error;
            return await withClient(tunnel, credentials, 'template1', facts);
        }
    }
    catch (error) {
        throw new errors/* OperationError */.OK(`PostgreSQL at ${where} refused user '${credentials.user}' or could not be reached: ${(0,errors/* errorMessage */.gJ)(error)}`, {
            hint: `Check ${(0,setting_ref/* settingRef */.y)('postgres-user')} (and the password in the container environment).`,
            cause: error,
        });
    }
}
/** Databases counted at once: connection set-up dominates small ones; a few in parallel hide it. */
const PARALLEL_DATABASES = 3;
async function countRows(tunnel, credentials, databases, options = {}) {
    const counted = {};
    const queue = [...databases];
    const worker = async () => {
        for (let database = queue.shift(); database !== undefined; database = queue.shift()) {
            const name = database;
            try {
                counted[name] = {
                    counts: await withClient(tunnel, credentials, name, async (client) => {
                        const result = await client.query(ROW_COUNTS_SQL);
                        return Object.fromEntries(result.rows.map((row) => [`${row.schema}.${row.table}`, Number(row.rows)]));
                    }),
                };
            }
            catch (error) {
                const failed = new errors/* OperationError */.OK(`Counting the rows of database '${name}' failed: ${(0,errors/* errorMessage */.gJ)(error)}`, { cause: error });
                if (!options.settle) {
                    queue.length = 0;
                    throw failed;
                }
                counted[name] = { error: failed };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_DATABASES, databases.length) }, worker));
    // Same order as the databases, whatever finished first.
    if (options.settle)
        return Object.fromEntries(databases.map((database) => [database, counted[database]]));
    return Object.fromEntries(databases.map((database) => {
        const outcome = counted[database];
        if ('error' in outcome)
            throw outcome.error;
        return [database, outcome.counts];
    }));
}
/** Tables whose counts differ between two snapshots of counts (for restore checks), as messages. */
function compareRowCounts(expected, found) {
    const problems = [];
    for (const [database, tables] of Object.entries(expected)) {
        const other = found[database];
        if (!other) {
            problems.push(`database ${database}: missing`);
            continue;
        }
        for (const [table, rows] of Object.entries(tables)) {
            if (!(table in other))
                problems.push(`${database}.${table}: missing (expected ${rows} rows)`);
            else if (other[table] !== rows)
                problems.push(`${database}.${table}: ${other[table]} rows, expected ${rows}`);
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./lib/src/shared/postgres/collation.js
/**
 * The runbook's "Postgres collation version mismatch": every database's recorded collation
 * version against what the system provides now, and the refresh that clears the warning.
 */



/** Every database, templates included (the runbook's loop covers them all); PostgreSQL 15+. */
const COLLATION_VERSIONS_SQL = `SELECT datname, datcollversion, pg_database_collation_actual_version(oid) AS actual
FROM pg_database ORDER BY datname`;
/** One connection: the server version and every database's collation versions. */
async function readCollations(tunnel, credentials, where) {
    try {
        return await withClient(tunnel, credentials, 'postgres', async (client) => {
            const version = await client.query(`SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n`);
            const serverVersionNum = Number(version.rows[0].n);
            const databases = serverVersionNum < postgres/* COLLATION_VERSIONS_FROM */.Vm
                ? (await client.query('SELECT datname FROM pg_database ORDER BY datname')).rows.map((row) => ({ database: row.datname, recorded: null, actual: null }))
                : (await client.query(COLLATION_VERSIONS_SQL)).rows.map((row) => ({
                    database: row.datname,
                    recorded: row.datcollversion,
                    actual: row.actual,
                }));
            return { serverVersion: version.rows[0].v, serverVersionNum, databases };
        });
    }
    catch (error) {
        throw new errors/* OperationError */.OK(`PostgreSQL at ${where}: cannot read the databases as '${credentials.user}': ${(0,errors/* errorMessage */.gJ)(error)}`, { hint: 'Check postgres-user (and the password in the container environment).', cause: error });
    }
}
/** Runs the refresh for each database, one statement each, and returns the names refreshed. */
async function refreshCollations(tunnel, credentials, databases) {
    const done = [];
    await withClient(tunnel, credentials, 'postgres', async (client) => {
        for (const database of databases) {
            const statement = (0,postgres/* refreshCollationStatement */.C4)(database);
            try {
                await client.query(statement);
            }
            catch (error) {
                throw new errors/* OperationError */.OK(`PostgreSQL: '${statement}' failed: ${(0,errors/* errorMessage */.gJ)(error)}${done.length ? ` (already refreshed: ${done.join(', ')})` : ''}`, { hint: 'It needs the database owner or a superuser (postgres-user).', cause: error });
            }
            done.push(database);
        }
    });
    return done;
}

// EXTERNAL MODULE: ./lib/src/shared/remote/container.js
var remote_container = __webpack_require__(93142);
// EXTERNAL MODULE: ./lib/src/shared/remote/quote.js
var quote = __webpack_require__(89413);
// EXTERNAL MODULE: ./lib/src/shared/remote/script.js
var script = __webpack_require__(42494);
;// CONCATENATED MODULE: ./lib/src/shared/postgres/container.js



/** Explains a failed `docker exec`: no such container, a stopped one, no docker at all. */
function containerProblem(container, host, message) {
    const stopped = /is not running|is paused|is restarting/i.test(message);
    const missing = /no such container/i.test(message);
    const what = stopped
        ? `container ${container} is not running on ${host}`
        : missing
            ? `there is no container ${container} on ${host}`
            : `cannot run a command in container ${container} on ${host}`;
    return new errors/* OperationError */.OK(`PostgreSQL: ${what}: ${message}`, {
        hint: stopped
            ? `Start it (docker compose up -d) or check postgres-container.`
            : `Check postgres-container ('docker ps' on the host lists the containers).`,
    });
}
/** `env` output to the few variables we use; everything else (other secrets) is dropped at once. */
function parseContainerEnv(text) {
    const wanted = new Map();
    for (const line of text.split('\n')) {
        const at = line.indexOf('=');
        if (at <= 0)
            continue;
        const key = line.slice(0, at);
        if (['POSTGRES_USER', 'PGUSER', 'PGPASSWORD', 'POSTGRES_PASSWORD', 'PGHOST', 'PGPORT'].includes(key)) {
            wanted.set(key, line.slice(at + 1));
        }
    }
    const pick = (...keys) => keys.map((key) => wanted.get(key)).find((value) => !!value) ?? null;
    const port = Number(pick('PGPORT'));
    return {
        user: pick('POSTGRES_USER', 'PGUSER'),
        password: pick('PGPASSWORD', 'POSTGRES_PASSWORD'),
        host: pick('PGHOST'),
        port: Number.isInteger(port) && port > 0 && port < 65536 ? port : null,
    };
}
const VERSION_MARK = '--- gateway-ops: pg_dumpall --version ---';
const CONTAINER_BEGIN = '--- gateway-ops: container ---';
const CONTAINER_EXIT = '--- gateway-ops: container exit';
/**
 * One script (each SSH exec costs a session and a bash): which tools are missing, their versions,
 * and for a container one `docker exec` for its environment and pg_dumpall's version, which also
 * tells whether it exists and runs. The environment stays on stdout (never in an error message).
 */
function preflightScript(input) {
    const container = input.target.kind === 'docker'
        ? `if command -v docker >/dev/null 2>&1; then
  echo '${CONTAINER_BEGIN}'
  set +e
  ${(0,quote/* shellJoin */.n)((0,remote_container/* commandIn */.vt)(input.target, ['sh', '-c', `env; echo '${VERSION_MARK}'; pg_dumpall --version`]))} </dev/null 2>&1
  echo "${CONTAINER_EXIT} $?"
  set -e
fi`
        : '';
    return `${(0,script/* missingToolsScript */.LV)(input.tools, 'missing ')}
${(0,script/* toolVersionsScript */.FK)(input.versions)}
${container}
`;
}
function parsePreflight(text) {
    const begin = text.indexOf(CONTAINER_BEGIN);
    const head = begin === -1 ? text : text.slice(0, begin);
    const missing = [];
    const versions = {};
    for (const line of head.split('\n')) {
        if (line.startsWith('missing '))
            missing.push(line.slice('missing '.length).trim());
        else if (line.startsWith('version ')) {
            const [, tool, ...rest] = line.split(' ');
            versions[tool] = rest.join(' ').trim();
        }
    }
    let container = null;
    if (begin !== -1) {
        const body = text.slice(begin + CONTAINER_BEGIN.length + 1);
        const exitAt = body.lastIndexOf(CONTAINER_EXIT);
        const status = exitAt === -1
            ? Number.NaN
            : Number(body
                .slice(exitAt + CONTAINER_EXIT.length)
                .trim()
                .split('\n')[0]);
        const output = exitAt === -1 ? body : body.slice(0, exitAt);
        const mark = output.lastIndexOf(VERSION_MARK);
        if (status === 0 && mark !== -1) {
            container = {
                ok: true,
                env: parseContainerEnv(output.slice(0, mark)),
                pgDumpallVersion: output
                    .slice(mark + VERSION_MARK.length)
                    .trim()
                    .split('\n')[0]
                    .trim(),
            };
        }
        else {
            // Never echo the environment: only what came after it, or docker's own complaint.
            const said = (mark === -1 ? output : output.slice(mark + VERSION_MARK.length)).trim();
            container = {
                ok: false,
                message: `${said.split('\n').slice(-3).join(' ').slice(0, 500) || 'no output'} (exit ${Number.isNaN(status) ? 'unknown' : status})`,
            };
        }
    }
    return { missing, versions, container };
}
/** The container's IP address on its first network, as `docker inspect` reports it. */
async function containerAddress(remote, container) {
    try {
        const { stdout } = await remote.run(['docker', 'inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}', container], { timeoutMs: 60_000 });
        return stdout.split(/\s+/).find((address) => address.length > 0) ?? null;
    }
    catch {
        return null;
    }
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/compression.js
var snapshot_compression = __webpack_require__(76213);
;// CONCATENATED MODULE: ./lib/src/shared/postgres/dump-args.js

/**
 * pg_dumpall options a user may add. An allow-list, because the pipeline owns the output
 * (`-f`), the connection (`-h -p -U -d`, `-w/-W` would prompt or hang) and the format; anything
 * that would make the output something other than a complete cluster dump is refused too.
 */
const FLAGS = new Set([
    '-c',
    '--clean',
    '--if-exists',
    '-O',
    '--no-owner',
    '-x',
    '--no-privileges',
    '--no-acl',
    '--no-role-passwords',
    '--no-comments',
    '--no-publications',
    '--no-subscriptions',
    '--no-security-labels',
    '--no-tablespaces',
    '--no-table-access-method',
    '--no-toast-compression',
    '--no-unlogged-table-data',
    '--no-sync',
    '--inserts',
    '--column-inserts',
    '--disable-dollar-quoting',
    '--disable-triggers',
    '--quote-all-identifiers',
    '--use-set-session-authorization',
    '--load-via-partition-root',
    '-v',
    '--verbose',
]);
/** Options that take a value, as `--name=value`. */
const WITH_VALUE = new Set([
    '--exclude-database',
    '--extra-float-digits',
    '--lock-wait-timeout',
    '--rows-per-insert',
    '--encoding',
    '--role',
]);
const OWNED = new Map([
    ['-f', 'the dump is written by the pipeline'],
    ['--file', 'the dump is written by the pipeline'],
    ['-h', 'set postgres-host'],
    ['--host', 'set postgres-host'],
    ['-p', 'set postgres-port'],
    ['--port', 'set postgres-port'],
    ['-U', 'set postgres-user'],
    ['--username', 'set postgres-user'],
    ['-d', 'the connection is set by the other postgres-* settings'],
    ['--dbname', 'the connection is set by the other postgres-* settings'],
    ['-l', 'the connection is set by the other postgres-* settings'],
    ['--database', 'the connection is set by the other postgres-* settings'],
    ['-W', 'it would wait for a password prompt'],
    ['--password', 'it would wait for a password prompt'],
    ['-g', 'a snapshot needs the whole cluster'],
    ['--globals-only', 'a snapshot needs the whole cluster'],
    ['-r', 'a snapshot needs the whole cluster'],
    ['--roles-only', 'a snapshot needs the whole cluster'],
    ['-t', 'a snapshot needs the whole cluster'],
    ['--tablespaces-only', 'a snapshot needs the whole cluster'],
    ['-a', 'a snapshot needs the whole cluster'],
    ['--data-only', 'a snapshot needs the whole cluster'],
    ['-s', 'a snapshot needs the whole cluster'],
    ['--schema-only', 'a snapshot needs the whole cluster'],
    ['--binary-upgrade', 'it is for pg_upgrade only'],
]);
const VALUE = /^[A-Za-z0-9_.,:*?-]+$/;
/** Checks the `pg-dumpall-args` setting; returns the argv to append, or throws naming every bad one. */
function validatePgDumpallArgs(args) {
    const problems = [];
    for (const arg of args) {
        const at = arg.indexOf('=');
        const name = at === -1 ? arg : arg.slice(0, at);
        const value = at === -1 ? null : arg.slice(at + 1);
        const owned = OWNED.get(name);
        if (owned) {
            problems.push(`Invalid pg-dumpall-args '${arg}': not allowed, because ${owned}.`);
        }
        else if (FLAGS.has(name)) {
            if (value !== null)
                problems.push(`Invalid pg-dumpall-args '${arg}': ${name} takes no value.`);
        }
        else if (WITH_VALUE.has(name)) {
            if (value === null || !VALUE.test(value)) {
                problems.push(`Invalid pg-dumpall-args '${arg}': expected ${name}=<value> with letters, digits and _.,:*?- only.`);
            }
        }
        else {
            problems.push(`Invalid pg-dumpall-args '${arg}': unknown or unsupported option. Expected pg_dumpall options such as --no-role-passwords or --exclude-database=name.`);
        }
    }
    if (problems.length > 0)
        throw new errors/* ConfigurationError */.j1(problems);
    return [...args];
}
/** True when pg-dumpall-args makes the dump hold INSERT statements instead of COPY data blocks. */
function dumpsInserts(args) {
    return args.some((arg) => arg === '--inserts' || arg === '--column-inserts' || arg.startsWith('--rows-per-insert'));
}

;// CONCATENATED MODULE: ./lib/src/shared/postgres/dump-prepare.js





const DUMP_TOOLS = [
    'tee',
    'tail',
    'mkfifo',
    'stat',
    'sha256sum',
    'base64',
    'dirname',
    'grep',
    'awk',
    'sed',
    'sync',
    // The restore checks with this list too: its stream passes the bulk through dd (progress via tr).
    'dd',
    'tr',
];
/**
 * The checks before a dump, in one round trip (plus `docker inspect` only when the container's
 * address is unknown): settings, tools on the host, the container and its environment. Needs no
 * snapshot and no lock, so the caller may run it alongside `beginSnapshot`.
 */
async function preparePostgresDump(remote, options, log) {
    const started = Date.now();
    const compression = options.compression ?? 'zstd';
    let level;
    try {
        level = (0,snapshot_compression/* compressionLevel */.bj)(compression, options.level);
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1((0,errors/* errorMessage */.gJ)(error));
    }
    const extraArgs = validatePgDumpallArgs(options.extraArgs ?? []);
    const target = options.target;
    const { preflight, compressorVersion } = await checkDumpTools(remote, compression, target);
    const { user, credentials, tunnelHost, tunnelPort, pgDumpallVersion } = await connectionOf(remote, options, preflight, log);
    return {
        kind: 'prepared-postgres-dump',
        options,
        compression,
        level,
        extraArgs,
        user,
        credentials,
        tunnelHost,
        tunnelPort,
        pgDumpallVersion,
        compressorVersion,
        prepareSeconds: Math.round(Date.now() - started) / 1000,
    };
}
/**
 * One round trip: the tools, their versions, and (docker) the container's environment and
 * pg_dumpall version, which also says whether the container exists and runs.
 */
async function checkDumpTools(remote, compression, target) {
    const where = remote.description;
    const compressor = (0,snapshot_compression/* compressorTool */.at)(compression);
    const { stdout: probeText } = await remote.exec(preflightScript({
        tools: [
            target.kind === 'docker' ? 'docker' : 'pg_dumpall',
            ...(compressor ? [compressor] : []),
            ...DUMP_TOOLS,
        ],
        versions: [
            ...(compressor ? [[compressor, '--version']] : []),
            ...(target.kind === 'host' ? [['pg_dumpall', '--version']] : []),
        ],
        target,
    }), { description: 'check the tools on the host and the PostgreSQL container' });
    const preflight = parsePreflight(probeText);
    if (preflight.missing.length > 0) {
        const messages = preflight.missing.map((tool) => tool === compressor
            ? `${tool} not found on host ${where}: install it or set compression: ${compression === 'zstd' ? 'gzip' : 'none'}`
            : tool === 'docker'
                ? `docker not found on host ${where}: install it, or set exec: host if PostgreSQL runs on the host`
                : `${tool} not found on host ${where}: install it`);
        throw new errors/* ConfigurationError */.j1(messages);
    }
    const compressorVersion = compressor ? (preflight.versions[compressor] ?? null) : null;
    return { preflight, compressorVersion };
}
/** Who we are and where the server listens: the container's own environment, as the reference runbook read it. */
async function connectionOf(remote, options, preflight, log) {
    const target = options.target;
    const where = remote.description;
    let user = options.user ?? null;
    let password = options.password ?? null;
    let tunnelHost = options.host ?? '127.0.0.1';
    let tunnelPort = options.port ?? 5432;
    let pgDumpallVersion = preflight.versions['pg_dumpall'] ?? '';
    if (target.kind === 'docker') {
        const container = preflight.container;
        if (!container?.ok) {
            const said = container && !container.ok ? container.message : 'no answer from docker exec';
            throw containerProblem(target.container, where, said);
        }
        const env = container.env;
        if (env.password)
            log.setSecret(env.password);
        pgDumpallVersion = container.pgDumpallVersion;
        user ??= env.user;
        password = env.password;
        if (!options.host) {
            const address = env.host && !env.host.startsWith('/') ? env.host.split(',')[0] : null;
            tunnelHost = address ?? (await containerAddress(remote, target.container)) ?? '';
            if (!tunnelHost) {
                throw new errors/* OperationError */.OK(`PostgreSQL: cannot tell where container ${target.container} listens (no PGHOST in its environment, no IP from docker inspect).`, {
                    hint: `Set ${(0,setting_ref/* settingRef */.y)('postgres-host')} and ${(0,setting_ref/* settingRef */.y)('postgres-port')} to where PostgreSQL is reachable from the host.`,
                });
            }
        }
        if (!options.port)
            tunnelPort = env.port ?? 5432;
    }
    else if (password) {
        log.setSecret(password);
    }
    user ??= 'postgres';
    const credentials = { user, password };
    if (!/pg_dumpall/.test(pgDumpallVersion)) {
        throw new errors/* OperationError */.OK(`pg_dumpall does not run in ${target.kind === 'docker' ? `container ${target.container}` : 'the host'} on ${where} (its --version printed ${JSON.stringify(pgDumpallVersion)}).`);
    }
    return { user, credentials, tunnelHost, tunnelPort, pgDumpallVersion };
}

;// CONCATENATED MODULE: ./lib/src/shared/postgres/dump-scan.js
/** The line a complete `pg_dumpall` ends with (followed only by `--` and a blank line). */
const DUMP_COMPLETE_MARK = '-- PostgreSQL database cluster dump complete';
/**
 * Lines that matter, matched at their start only. Data rows never start with `\.` (COPY's text
 * format escapes backslashes), but may start with anything else: the awk below ignores everything
 * inside a data block except its end.
 */
const SCAN_GREP_PATTERN = `^(COPY |\\\\\\.$|\\\\connect |SET client_encoding = |${DUMP_COMPLETE_MARK}$)`;
/**
 * Bytes of a COPY line kept: the qualified name fits in 262 (two identifiers of at most 63 bytes,
 * quoted with every quote doubled, a dot, `COPY `); the column list of a wide table does not need
 * to travel, and a line each for many thousands of tables stays small.
 */
const SCAN_HEADER_BYTES = 300;
/**
 * Reads grep's `LINE:BYTE:TEXT` lines and prints `T <rows> <COPY line>` per data block, `D <line>`
 * for database and encoding switches, `E <byte offset> <line>` for the completion mark outside a
 * data block, and `U <line> <COPY line>` for a data block that never ended. Numbers go through
 * printf %.0f: mawk prints integers above 2^31 in exponent form otherwise.
 */
const SCAN_AWK_PROGRAM = `{
  i = index($0, ":"); n = substr($0, 1, i - 1); r = substr($0, i + 1)
  j = index(r, ":"); b = substr(r, 1, j - 1); t = substr(r, j + 1)
}
c { if (t == "\\\\.") { printf "T %.0f %s\\n", n - s - 1, substr(h, 1, ${SCAN_HEADER_BYTES}); c = 0 }; next }
t ~ /^COPY .* FROM stdin;$/ { c = 1; s = n; h = t; next }
t ~ /^(\\\\connect |SET client_encoding = )/ { print "D " t; next }
t == "${DUMP_COMPLETE_MARK}" { print "E " b " " n }
END { if (c) printf "U %.0f %s\\n", s, substr(h, 1, ${SCAN_HEADER_BYTES}) }`;
/** PostgreSQL encoding names to WHATWG labels (TextDecoder), for table and database names. */
const ENCODINGS = {
    UTF8: 'utf-8',
    LATIN1: 'iso-8859-1',
    LATIN2: 'iso-8859-2',
    LATIN3: 'iso-8859-3',
    LATIN4: 'iso-8859-4',
    LATIN5: 'windows-1254',
    LATIN6: 'iso-8859-10',
    LATIN7: 'iso-8859-13',
    LATIN8: 'iso-8859-14',
    LATIN9: 'iso-8859-15',
    LATIN10: 'iso-8859-16',
    ISO_8859_5: 'iso-8859-5',
    ISO_8859_6: 'iso-8859-6',
    ISO_8859_7: 'iso-8859-7',
    ISO_8859_8: 'iso-8859-8',
    WIN866: 'ibm866',
    WIN874: 'windows-874',
    WIN1250: 'windows-1250',
    WIN1251: 'windows-1251',
    WIN1252: 'windows-1252',
    WIN1253: 'windows-1253',
    WIN1254: 'windows-1254',
    WIN1255: 'windows-1255',
    WIN1256: 'windows-1256',
    WIN1257: 'windows-1257',
    WIN1258: 'windows-1258',
    KOI8R: 'koi8-r',
    KOI8U: 'koi8-u',
    EUC_JP: 'euc-jp',
    EUC_KR: 'euc-kr',
    UHC: 'euc-kr',
    EUC_CN: 'gbk',
    GBK: 'gbk',
    GB18030: 'gb18030',
    SJIS: 'shift_jis',
    BIG5: 'big5',
};
function decoderFor(encoding) {
    const label = ENCODINGS[encoding.toUpperCase()];
    if (label) {
        try {
            const decoder = new TextDecoder(label);
            return (bytes) => decoder.decode(bytes);
        }
        catch {
            // A Node without that encoding: fall through.
        }
    }
    // SQL_ASCII and the rest: byte for byte, so at least the same dump always gives the same names.
    return (bytes) => bytes.toString('latin1');
}
/** One identifier as pg_dump writes it (fmtId): bare, or in double quotes with `""` for `"`. */
function readIdentifier(text, at) {
    if (text[at] === '"') {
        let name = '';
        let i = at + 1;
        for (;;) {
            const quote = text.indexOf('"', i);
            if (quote === -1)
                return null;
            name += text.slice(i, quote);
            if (text[quote + 1] === '"') {
                name += '"';
                i = quote + 2;
            }
            else
                return { name, end: quote + 1 };
        }
    }
    const match = /^[^\s."(]+/.exec(text.slice(at));
    return match ? { name: match[0], end: at + match[0].length } : null;
}
/**
 * `COPY schema.table (cols) FROM stdin;` (or `COPY schema.table  FROM stdin;`: no columns) to
 * `schema.table`; `truncated`: the line was cut after SCAN_HEADER_BYTES (awk checked its end).
 */
function copyTarget(line, truncated = false) {
    if (!line.startsWith('COPY ') || (!truncated && !line.endsWith(' FROM stdin;')))
        return null;
    const schema = readIdentifier(line, 5);
    if (!schema || line[schema.end] !== '.')
        return null;
    const table = readIdentifier(line, schema.end + 1);
    if (!table || line[table.end] !== ' ')
        return null;
    return `${schema.name}.${table.name}`;
}
/**
 * `\connect name` or `\connect "Name"` (an SQL identifier), or for other names
 * `\connect -reuse-previous=on "dbname='...'"` (a connection string, with `\` escaping `'` and `\`,
 * inside an SQL-quoted identifier), to the database name.
 */
function connectTarget(line) {
    const argument = line.slice('\\connect '.length);
    const reuse = '-reuse-previous=on ';
    if (!argument.startsWith(reuse)) {
        // A name that needs no connection string, as an SQL identifier: bare or double-quoted.
        const name = readIdentifier(argument, 0);
        return name && name.end === argument.length && !/['\\]/.test(argument) ? name.name : null;
    }
    const quoted = readIdentifier(argument, reuse.length);
    if (!quoted || quoted.end !== argument.length)
        return null;
    const connection = quoted.name;
    if (!connection.startsWith('dbname='))
        return null;
    const value = connection.slice('dbname='.length);
    if (!value.startsWith("'"))
        return /^[^\s'\\]+$/.test(value) ? value : null;
    let name = '';
    for (let i = 1; i < value.length; i++) {
        const ch = value[i];
        if (ch === '\\') {
            i++;
            if (i >= value.length)
                return null;
            name += value[i];
        }
        else if (ch === "'")
            return i === value.length - 1 ? name : null;
        else
            name += ch;
    }
    return null;
}
/** Parses the awk program's output (raw bytes: names are in the dump's client encoding). */
function parseDumpScan(output) {
    const databases = [];
    const rowCounts = {};
    const unreadable = [];
    let decode = decoderFor('UTF8');
    let database = null;
    let markOffset = null;
    let afterMark = null;
    let unterminated = null;
    let start = 0;
    while (start < output.length) {
        let end = output.indexOf(0x0a, start);
        if (end === -1)
            end = output.length;
        const line = output.subarray(start, end);
        start = end + 1;
        if (line.length < 2)
            continue;
        const kind = String.fromCharCode(line[0]);
        const rest = line.subarray(2);
        if (kind === 'D') {
            const text = decode(rest);
            const encoding = /^SET client_encoding = '([A-Za-z0-9_]+)';$/.exec(text);
            if (encoding) {
                decode = decoderFor(encoding[1]);
                continue;
            }
            const name = connectTarget(text);
            if (name === null) {
                unreadable.push(text);
                continue;
            }
            if (markOffset !== null)
                afterMark ??= `a connection to database ${name}`;
            database = name;
            if (!(name in rowCounts)) {
                databases.push(name);
                rowCounts[name] = {};
            }
        }
        else if (kind === 'T' || kind === 'U') {
            const space = rest.indexOf(0x20);
            const number = Number(rest.subarray(0, space).toString('latin1'));
            const raw = rest.subarray(space + 1);
            const header = decode(raw);
            if (kind === 'U') {
                unterminated = header;
                continue;
            }
            const table = copyTarget(header, raw.length >= SCAN_HEADER_BYTES);
            if (table === null || database === null || !Number.isSafeInteger(number) || number < 0) {
                unreadable.push(header);
                continue;
            }
            if (markOffset !== null)
                afterMark ??= `the data of ${database}.${table}`;
            const tables = rowCounts[database];
            tables[table] = (tables[table] ?? 0) + number;
        }
        else if (kind === 'E') {
            const offset = Number(rest.toString('latin1').split(' ')[0]);
            if (Number.isSafeInteger(offset)) {
                // A second mark (the first was a function body's text, say): the last one counts.
                markOffset = offset;
                afterMark = null;
            }
        }
    }
    return { databases, rowCounts, markOffset, afterMark, unterminated, unreadable };
}
/** Bytes pg_dumpall writes after the mark's line: `--` and a blank line; a little slack for other versions. */
const MAX_AFTER_MARK = 16;
/**
 * Why the plain dump is not complete, or null when it is: the completion mark is there, outside
 * any data block, nothing followed it but its own trailer, and every data block ended.
 * `plainSize` is the decoded size in bytes, or its value modulo 2^32 for gzip (`modulo32`).
 */
function incompleteDump(scan, plainSize, options = {}) {
    if (scan.unterminated !== null) {
        return `the dump was cut short inside the data of ${copyTarget(scan.unterminated, true) ?? scan.unterminated} (no end of data)`;
    }
    if (scan.markOffset === null)
        return `the dump does not end with '${DUMP_COMPLETE_MARK}': it was cut short`;
    if (scan.afterMark !== null) {
        return `'${DUMP_COMPLETE_MARK}' is not at the end of the dump: ${scan.afterMark} follows it`;
    }
    if (plainSize === null)
        return 'the size of the decoded dump is unknown, so its end cannot be checked';
    const markEnd = scan.markOffset + Buffer.byteLength(DUMP_COMPLETE_MARK) + 1;
    const after = options.modulo32
        ? (plainSize - (markEnd % 2 ** 32) + 2 ** 32) % 2 ** 32
        : plainSize - markEnd;
    if (after < 0 || after > MAX_AFTER_MARK) {
        return `'${DUMP_COMPLETE_MARK}' is not at the end of the dump: ${after < 0 ? 'the dump is shorter than where the mark was found' : `${after} bytes follow it`}`;
    }
    return null;
}

;// CONCATENATED MODULE: ./lib/src/shared/postgres/dump-script.js





/**
 * In the container, pg_dumpall takes the password from the container's own environment, so it
 * never appears on a command line (`docker exec -e PGPASSWORD=...` would show in `ps`).
 */
const FROM_CONTAINER_ENV = 'if [ -z "$PGPASSWORD" ] && [ -n "$POSTGRES_PASSWORD" ]; then export PGPASSWORD="$POSTGRES_PASSWORD"; fi; exec pg_dumpall "$@"';
function pgDumpallArgv(command) {
    const args = ['-U', command.user, ...command.extraArgs];
    if (command.target.kind === 'docker') {
        return (0,remote_container/* commandIn */.vt)(command.target, ['sh', '-c', FROM_CONTAINER_ENV, 'pg_dumpall', ...args]);
    }
    const connection = [
        ...(command.host ? ['-h', command.host] : []),
        ...(command.port ? ['-p', String(command.port)] : []),
    ];
    return ['pg_dumpall', '-w', ...connection, ...args];
}
/** Names of the pipeline's stages, in PIPESTATUS order. */
function pipelineStages(compression) {
    return compression === 'none'
        ? ['pg_dumpall', 'tee (dump file)', 'sha256']
        : ['pg_dumpall', compression, 'tee (dump file)', 'sha256'];
}
/**
 * argv that decodes stdin to stdout, verifying checksums and framing on the way (as `-t` does).
 * zstd's `-v` adds the decoded size to its stderr (`/*stdin*\ : 684003828 bytes`).
 */
function decodeArgv(compression) {
    switch (compression) {
        case 'zstd':
            return ['zstd', '-v', '-d', '-c'];
        case 'gzip':
            return ['gzip', '-d', '-c'];
        case 'none':
            return ['cat'];
    }
}
/**
 * The dump, run on the host as ONE pipeline so it moves the data as fast as the bare
 * `pg_dumpall | zstd > f`: `pg_dumpall | zstd | tee <file> <fifo> | sha256`. Size and checksum
 * come from the same pass; every stage's exit status is reported (PIPESTATUS). The FIFO feeds the
 * check, running alongside: the COMPRESSED stream, as written to the file, is decoded (`zstd -d`
 * and `gzip -d` verify checksums and framing, as `-t` does) into `grep | awk` (see dump-scan.ts),
 * which find the completion mark and count every table's rows. Teeing the plain stream instead was
 * measured to cost more than the compression itself (extra pipe copies of the whole dump);
 * re-reading the file afterwards adds its whole decode time to the run.
 * While the check finishes, the dump file is flushed to disk (the commit's fsync then finds it clean).
 * The script reports and exits 0; `dumpFailures` decides, so that decision is tested with plain input.
 */
function dumpScript(input) {
    const compressor = (0,snapshot_compression/* compressorArgv */.iz)(input.compression, input.level);
    const stages = [
        `${(0,quote/* shellJoin */.n)(input.dump)} </dev/null`,
        ...(compressor ? [(0,quote/* shellJoin */.n)(compressor)] : []),
        'tee -- "$partial/$file" "$fifo"',
        `"\${hasher[@]}" >"$sumfile"`,
    ];
    // The pgpass line arrives as the first line of stdin, before the guard takes stdin over.
    const pgpass = input.pgpassFile
        ? `IFS= read -r pgpass_line
printf '%s\\n' "$pgpass_line" >${(0,quote/* shellQuote */.Z)(input.pgpassFile)}
unset pgpass_line
export PGPASSFILE=${(0,quote/* shellQuote */.Z)(input.pgpassFile)}
`
        : '';
    const plainSize = input.compression === 'zstd'
        ? `plain=$(sed -n 's/.*: *\\([0-9][0-9]*\\) bytes *$/\\1/p' "$checkfile" | tail -n 1); echo "plain-size \${plain:-unknown}"`
        : input.compression === 'gzip'
            ? `if [ -f "$partial/$file" ]; then echo "gzip-isize $(tail -c 4 -- "$partial/$file" | base64 -w0)"; fi`
            : `if [ -f "$partial/$file" ]; then echo "plain-size $(stat -c %s -- "$partial/$file")"; fi`;
    return `umask 077
${pgpass}${script/* SESSION_GUARD */.R6}partial=${(0,quote/* shellQuote */.Z)(input.partialDir)}
file=${(0,quote/* shellQuote */.Z)(input.file)}
work="$partial/$(dirname -- "$file")"
# umask 077 (above) makes every level 0700, not only the deepest as -m would
mkdir -p -- "$work"
scanfile="$work/.dump-scan"; sumfile="$work/.dump-sha256"; checkfile="$work/.dump-check"; fifo="$work/.dump-check.fifo"
elapsed() { local now=$EPOCHREALTIME; awk -v a="\${1/,/.}" -v b="\${now/,/.}" 'BEGIN { printf "%.3f", b - a }'; }
cleanup() { rm -f -- "$scanfile" "$sumfile" "$checkfile" "$fifo"${input.pgpassFile ? ` ${(0,quote/* shellQuote */.Z)(input.pgpassFile)}` : ''}; session_guard_end; }
trap cleanup EXIT
${script/* SHA256_HASHER */.WI}
mkfifo -m 0600 -- "$fifo"
(
  set +e
  ${(0,quote/* shellJoin */.n)(decodeArgv(input.compression))} <"$fifo" 2>"$checkfile" | LC_ALL=C grep -a -n -b -E ${(0,quote/* shellQuote */.Z)(SCAN_GREP_PATTERN)} | LC_ALL=C awk ${(0,quote/* shellQuote */.Z)(SCAN_AWK_PROGRAM)} >"$scanfile"
  checks=("\${PIPESTATUS[@]}")
  message=$(grep -v -e '^\\*\\*\\*' -e ': *[0-9][0-9]* bytes *$' "$checkfile" 2>/dev/null | head -c 300)
  echo "check \${checks[*]} \${message//$'\\n'/ }"
) &
check_pid=$!
pipeline_started=$EPOCHREALTIME
set +e
${stages.join(' | ')}
statuses=("\${PIPESTATUS[@]}")
pipeline_seconds=$(elapsed "$pipeline_started")
check_started=$EPOCHREALTIME
# If tee never opened the FIFO, the check is stuck opening it: a momentary writer lets it see EOF.
exec 5<>"$fifo"; exec 5>&-
if [ -f "$partial/$file" ]; then sync -- "$partial/$file" 2>/dev/null & sync_pid=$!; fi
wait "$check_pid"
if [ -n "\${sync_pid:-}" ]; then wait "$sync_pid"; fi
set -e
echo "check-seconds $(elapsed "$check_started")"
echo "pipeline-seconds $pipeline_seconds"
# CPU of everything the pipeline and the check ran on the host (user and system, children of this
# shell). \`times\` must run in this shell, not a subshell, and write only to stdout: the disk may be full.
echo pipeline-cpu-next
times
echo "status \${statuses[*]}"
if [ -f "$partial/$file" ]; then echo "size $(stat -c %s -- "$partial/$file")"; fi
if [ -s "$sumfile" ]; then read -r sum _ <"$sumfile"; echo "sha256 $sum"; fi
${plainSize}
if [ -f "$scanfile" ]; then echo "scan $(base64 -w0 <"$scanfile")"; fi
`;
}
function parseDumpScriptOutput(stdout) {
    let statuses = [];
    let size = null;
    let sha256 = null;
    let check = null;
    let plainSize = null;
    let plainSizeModulo32 = false;
    let scan = null;
    let pipelineSeconds = null;
    let pipelineCpuSeconds = null;
    let checkSeconds = null;
    let cpuLine = -1;
    for (const [index, line] of stdout.split('\n').entries()) {
        const space = line.indexOf(' ');
        const key = space === -1 ? line : line.slice(0, space);
        const value = space === -1 ? '' : line.slice(space + 1);
        if (key === 'status')
            statuses = value.split(' ').filter(Boolean).map(Number);
        else if (key === 'size')
            size = Number(value);
        else if (key === 'sha256' && /^[0-9a-f]{64}$/.test(value))
            sha256 = value;
        else if (key === 'plain-size' && /^\d+$/.test(value))
            plainSize = Number(value);
        else if (key === 'gzip-isize') {
            const trailer = Buffer.from(value, 'base64');
            if (trailer.length === 4) {
                plainSize = trailer.readUInt32LE(0);
                plainSizeModulo32 = true;
            }
        }
        else if (key === 'scan')
            scan = parseDumpScan(Buffer.from(value, 'base64'));
        else if (key === 'pipeline-seconds')
            pipelineSeconds = Number(value);
        else if (key === 'check-seconds')
            checkSeconds = Number(value);
        else if (key === 'check') {
            const [decoder, grep, awk, ...message] = value.split(' ');
            check = {
                decoder: Number(decoder),
                grep: Number(grep),
                awk: Number(awk),
                message: message.join(' ').trim(),
            };
        }
        else if (key === 'pipeline-cpu-next')
            cpuLine = index + 2;
        else if (index === cpuLine)
            pipelineCpuSeconds = bashTimesSeconds(line);
    }
    return {
        statuses,
        size,
        sha256,
        check,
        plainSize,
        plainSizeModulo32,
        scan,
        pipelineSeconds,
        pipelineCpuSeconds,
        checkSeconds,
    };
}
/** `0m3.210s 0m1.100s` (bash `times`, one line) to total seconds; null when unreadable. */
function bashTimesSeconds(line) {
    const parts = [...line.matchAll(/(\d+)m([\d.,]+)s/g)];
    if (parts.length === 0)
        return null;
    const total = parts.reduce((sum, part) => sum + Number(part[1]) * 60 + Number(part[2].replace(',', '.')), 0);
    return Math.round(total * 1000) / 1000;
}
function describeExit(stage, status) {
    if (status === 141)
        return `${stage} was stopped by SIGPIPE (the next stage stopped reading)`;
    if (status === 127)
        return `${stage} was not found (exit 127)`;
    if (status > 128)
        return `${stage} was killed by signal ${status - 128}`;
    return `${stage} exited ${status}`;
}
/** Why the dump must not be accepted (empty when it may be). The first reason is the likeliest cause. */
function dumpFailures(result, compression) {
    const stages = pipelineStages(compression);
    const failures = [];
    if (result.statuses.length !== stages.length) {
        failures.push(`the dump pipeline did not report its ${stages.length} exit statuses (got ${result.statuses.length})`);
    }
    const exits = result.statuses
        .map((status, index) => ({ stage: stages[index] ?? `stage ${index + 1}`, status }))
        .filter((exit) => exit.status !== 0);
    // A broken pipe is a consequence; list the stages that failed on their own first.
    exits.sort((a, b) => Number(a.status === 141) - Number(b.status === 141));
    failures.push(...exits.map((exit) => describeExit(exit.stage, exit.status)));
    if (result.size === null)
        failures.push('the dump file was not written');
    if (result.sha256 === null)
        failures.push('no sha256 was computed for the dump file');
    const check = result.check;
    if (check === null) {
        failures.push('the written stream was not checked');
        return failures;
    }
    if (check.decoder !== 0) {
        failures.push(compression === 'none'
            ? describeExit('reading the stored file', check.decoder)
            : `${compression} -d of the written stream failed (exit ${check.decoder})${check.message ? `: ${check.message}` : ''}`);
    }
    // grep exits 1 when nothing matched: the completion mark is then missing, said below.
    if (check.grep > 1)
        failures.push(describeExit('grep (dump scan)', check.grep));
    if (check.awk !== 0)
        failures.push(describeExit('awk (dump scan)', check.awk));
    if (result.scan === null)
        failures.push('the dump scan wrote nothing');
    else {
        const incomplete = incompleteDump(result.scan, result.plainSize, { modulo32: result.plainSizeModulo32 });
        if (incomplete)
            failures.push(incomplete);
    }
    return failures;
}

;// CONCATENATED MODULE: ./lib/src/shared/postgres/dump.js







const POSTGRES_COMPONENT = 'postgres';

function pgpassLine(host, port, user, password) {
    const field = (value) => value.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
    return `${field(host)}:${port}:*:${field(user)}:${field(password)}\n`;
}
/**
 * Dumps the whole cluster with pg_dumpall into the snapshot's work directory, compressed on the
 * host in one pass with its sha256, and accepts it only when every stage exited 0, the dump ends
 * with its completion mark and the compressed file tests good. Throws OperationError otherwise
 * (the caller aborts the snapshot, which removes the work directory). Give it the result of
 * `preparePostgresDump` to skip the checks it would otherwise run first.
 */
async function dumpPostgres(remote, partial, optionsOrPrepared, log) {
    const started = Date.now();
    const seconds = (since) => Math.round(Date.now() - since) / 1000;
    const prepared = 'kind' in optionsOrPrepared && optionsOrPrepared.kind === 'prepared-postgres-dump'
        ? optionsOrPrepared
        : await preparePostgresDump(remote, optionsOrPrepared, log);
    const { options, compression, level, extraArgs, user, credentials, tunnelHost, tunnelPort } = prepared;
    const { pgDumpallVersion } = prepared;
    const target = options.target;
    const compressor = (0,snapshot_compression/* compressorTool */.at)(compression);
    const password = credentials.password;
    const tunnel = await openTunnel(remote, tunnelHost, tunnelPort);
    try {
        const prepareSeconds = prepared === optionsOrPrepared ? prepared.prepareSeconds : seconds(started);
        const file = `postgres/pg_dumpall.sql${(0,snapshot_compression/* compressionExtension */.U)(compression)}`;
        const pgpassFile = target.kind === 'host' && password ? `${partial.path}/.pgpass` : undefined;
        const script = dumpScript({
            partialDir: partial.path,
            file,
            dump: pgDumpallArgv({
                target,
                user,
                ...(options.host ? { host: options.host } : {}),
                ...(options.port ? { port: options.port } : {}),
                extraArgs,
            }),
            compression,
            level,
            ...(pgpassFile ? { pgpassFile } : {}),
        });
        log.info(`PostgreSQL: dumping the cluster as ${user} with ${pgDumpallVersion}` +
            (compressor ? `, compressed on the host by ${compressor} -${level}` : ', uncompressed') +
            ` into ${partial.path}/${file}`);
        const dumped = await dumpBesideServer(remote, tunnel, script, pgpassFile && password ? pgpassLine('*', '*', user, password) : null, prepared);
        return postgresResult(prepared, file, dumped, { prepareSeconds, started }, log);
    }
    finally {
        await tunnel.close().catch(() => { });
    }
}
/** Opens the tunnel to the server, for its facts and (INSERT dumps) the row counts. */
async function openTunnel(remote, host, port) {
    try {
        return await remote.forward(host, port);
    }
    catch (error) {
        throw new errors/* OperationError */.OK(`Cannot open a tunnel to PostgreSQL at ${host}:${port} through ${remote.description}: ${(0,errors/* errorMessage */.gJ)(error)}`, { cause: error });
    }
}
/**
 * The dump, and meanwhile the server's facts through the tunnel (a wrong user or password stops
 * the dump at once, with PostgreSQL's own words). The row counts come from the dump itself (see
 * dump-scan.ts), except when it holds INSERT statements instead of COPY blocks: then they are exact
 * `count(*)`s taken beside it. The dump runs under the session's command timeout
 * (ssh-command-timeout): a dump blocked by a lock it never gets must end, not hang the nightly run.
 */
async function dumpBesideServer(remote, tunnel, script, pgpass, prepared) {
    const { compression, extraArgs, credentials, tunnelHost, tunnelPort } = prepared;
    const where = remote.description;
    const seconds = (since) => Math.round(Date.now() - since) / 1000;
    const keepAlive = new external_node_stream_.PassThrough();
    // The pgpass line goes first on stdin (the script stores it in a 0600 file), never in argv.
    if (pgpass)
        keepAlive.write(pgpass);
    const dumpStarted = Date.now();
    let dumpSeconds = 0;
    let firstFailure = null;
    const dump = remote
        // The scan's line per table comes back on stdout: room for some 160,000 tables.
        .exec(script, { stdin: keepAlive, description: 'pg_dumpall pipeline', maxCollectedBytes: 64 * 2 ** 20 })
        .finally(() => keepAlive.end())
        .then((output) => {
        dumpSeconds = seconds(dumpStarted);
        const result = parseDumpScriptOutput(output.stdout);
        const failures = dumpFailures(result, compression);
        if (failures.length > 0) {
            const stderr = output.stderrTail.trim();
            throw new errors/* OperationError */.OK(`PostgreSQL dump on ${where} rejected: ${failures.join('; ')}.${stderr ? ` Last messages: ${stderr}` : ''}`, { hint: 'Nothing was kept: the snapshot is not written. Fix the cause above and run again.' });
        }
        return result;
    });
    const countFromServer = dumpsInserts(extraArgs);
    let countSeconds = 0;
    const server = serverFacts(tunnel, credentials, `${tunnelHost}:${tunnelPort} (via ${where})`).then(async (facts) => {
        if (!countFromServer)
            return { facts, counts: null };
        const counts = await countRows(tunnel, credentials, facts.databases);
        countSeconds = seconds(dumpStarted);
        return { facts, counts };
    });
    dump.catch(() => {
        firstFailure ??= 'dump';
    });
    server.catch(() => {
        firstFailure ??= 'server';
    });
    try {
        const [result, answered] = await Promise.all([dump, server]);
        return { result, facts: answered.facts, serverCounts: answered.counts, dumpSeconds, countSeconds };
    }
    catch {
        // Stop the other half: closing stdin stops the remote pipeline (see SESSION_GUARD), closing
        // the tunnel ends the queries.
        keepAlive.end();
        await tunnel.close().catch(() => { });
        const [dumpSettled, serverSettled] = await Promise.allSettled([dump, server]);
        // The first failure is the cause; the other half failed because it was stopped.
        const cause = firstFailure === 'server' && serverSettled.status === 'rejected'
            ? serverSettled.reason
            : dumpSettled.status === 'rejected'
                ? dumpSettled.reason
                : serverSettled.status === 'rejected'
                    ? serverSettled.reason
                    : new Error('unknown failure');
        if (cause instanceof errors/* OperationError */.OK)
            throw cause;
        throw new errors/* OperationError */.OK(`PostgreSQL dump on ${where} failed: ${(0,errors/* errorMessage */.gJ)(cause)}`, { cause });
    }
}
/** The component's manifest entry: the dump file and what was learned beside it. */
function postgresResult(prepared, file, dumped, time, log) {
    const { options, compression, level, user, pgDumpallVersion, compressorVersion } = prepared;
    const { result, facts, serverCounts, dumpSeconds, countSeconds } = dumped;
    const { prepareSeconds, started } = time;
    const target = options.target;
    const scan = result.scan;
    if (scan.unreadable.length > 0) {
        log.warn(`PostgreSQL: ${scan.unreadable.length} line(s) of the dump that name a database or a table could not be read, so the manifest's row counts miss them (the dump itself was accepted): ${scan.unreadable
            .slice(0, 3)
            .map((line) => JSON.stringify(line.slice(0, 120)))
            .join(', ')}`);
    }
    const rowCounts = serverCounts ?? scan.rowCounts;
    const details = {
        exec: target.kind,
        container: target.kind === 'docker' ? target.container : null,
        user,
        serverVersion: facts.serverVersion,
        pgDumpallVersion,
        compression,
        compressionLevel: level,
        compressorVersion,
        file,
        bytes: result.size,
        plainBytes: result.plainSizeModulo32 ? null : result.plainSize,
        dumpSeconds,
        timings: {
            prepareSeconds,
            pipelineSeconds: result.pipelineSeconds,
            pipelineCpuSeconds: result.pipelineCpuSeconds,
            checkSeconds: result.checkSeconds,
            rowCountSeconds: countSeconds,
        },
        rowCounts,
        rowCountsFrom: serverCounts ? 'server' : 'dump',
        databases: serverCounts ? facts.databases : scan.databases,
    };
    log.info(`PostgreSQL dump complete: ${result.size} bytes in ${dumpSeconds.toFixed(1)} s, sha256 ${result.sha256}`);
    return {
        name: POSTGRES_COMPONENT,
        verdict: 'passed',
        durationMs: Date.now() - started,
        details: { ...details },
        files: [
            {
                path: file,
                size: result.size,
                sha256: result.sha256,
                compression,
                component: POSTGRES_COMPONENT,
            },
        ],
    };
}

;// CONCATENATED MODULE: ./lib/src/shared/postgres/restore-script.js


/** As for the dump: in the container psql takes the password from the container's own environment. */
const PSQL_FROM_CONTAINER_ENV = 'if [ -z "$PGPASSWORD" ] && [ -n "$POSTGRES_PASSWORD" ]; then export PGPASSWORD="$POSTGRES_PASSWORD"; fi; exec psql "$@"';
/** The dollar-quote tag of the role guards; a dump line that contains it is refused (it could end the guard early). */
const ROLE_GUARD_TAG = '$gwops_role$';
/** argv of `psql -X -q -v ON_ERROR_STOP=1` as the superuser, connected to `database`. */
function psqlArgv(command, database) {
    const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-U', command.user, '-d', database];
    if (command.target.kind === 'docker') {
        return (0,remote_container/* commandIn */.vt)(command.target, ['sh', '-c', PSQL_FROM_CONTAINER_ENV, 'psql', ...args]);
    }
    const connection = [
        ...(command.host ? ['-h', command.host] : []),
        ...(command.port ? ['-p', String(command.port)] : []),
    ];
    return ['psql', '-w', ...connection, ...args];
}
/**
 * The filter between the decompressor and psql (awk, one output line per input line, so psql's
 * line numbers are the dump's). In the roles part (before the first `\connect`):
 * - `CREATE ROLE x;` runs guarded: a role that exists (always `postgres`, the restoring superuser)
 *   is kept and gets the snapshot's attributes from the `ALTER ROLE` that follows; any other error
 *   still stops the restore.
 * - with keep-role-passwords, `ALTER ROLE x WITH ... PASSWORD '...'` of a role that existed on the
 *   target loses its PASSWORD clause: the target keeps its own password.
 * - the restoring superuser is never dropped (`--clean` dumps) nor demoted.
 * It sees only the roles part (see restoreFilterFunction): the bulk after it never goes through awk.
 */
const RESTORE_FILTER_AWK = `BEGIN {
  n = split(existing, names, "\\n"); for (i = 1; i <= n; i++) if (names[i] != "") had[names[i]] = 1
  roles = 1
}
!roles { print; next }
/^\\\\connect / { roles = 0; print; next }
index($0, tag) > 0 { printf "role-guard-tag %d\\n", NR > "/dev/stderr"; exit 4 }
/^CREATE ROLE [^;]*;$/ { print "DO " tag " BEGIN " $0 " EXCEPTION WHEN duplicate_object THEN NULL; END " tag ";"; next }
/^DROP ROLE / {
  name = $0; sub(/^DROP ROLE (IF EXISTS )?/, "", name); sub(/;$/, "", name)
  if (name == superuser) { print "-- gateway-ops: kept the restoring superuser (" $0 ")"; next }
}
/^ALTER ROLE / {
  at = index($0, " WITH "); name = at ? substr($0, 12, at - 12) : ""
  if (name == superuser && $0 ~ / NOSUPERUSER /) { print "-- gateway-ops: the restoring superuser stays a superuser"; next }
  if (keep && (name in had)) { line = $0; gsub(/ PASSWORD '[^']*'/, "", line); print line; next }
}
{ print }
`;
/** Reads dd's `status=progress` lines (CR-separated) and prints `progress <bytes>` every 64 MiB. */
const PROGRESS_AWK = `BEGIN { step = 67108864; report = step }
/ bytes / && $1 + 0 >= report { printf "progress %d\\n", $1; while (report <= $1 + 0) report += step }
`;
/**
 * The shell function between the decompressor and psql. The roles part (up to and with the first
 * \`\\connect\` line) is read a line at a time with \`read\`, which takes no byte beyond the line from
 * the pipe, and goes through the awk role filter; the rest, the bulk of the dump, goes through \`dd\`
 * untouched, so it costs a copy, not a per-line pass (a per-line awk or sed over 1 GiB of SQL is
 * seconds of CPU taken from PostgreSQL). dd's progress becomes \`progress <bytes>\` lines on stderr.
 * It exits with awk's status when the filter refuses (the bulk is then not sent), else with dd's.
 */
function restoreFilterFunction(awkArgs) {
    return `restore_filter() {
  local line
  { while IFS= read -r line || [ -n "$line" ]; do printf '%s\\n' "$line"; case $line in '\\connect '*) break ;; esac; done; } | LC_ALL=C awk ${awkArgs} ${(0,quote/* shellQuote */.Z)(RESTORE_FILTER_AWK)} || return $?
  exec dd bs=1M status=progress 2> >(LC_ALL=C tr '\\r' '\\n' | LC_ALL=C awk ${(0,quote/* shellQuote */.Z)(PROGRESS_AWK)} >&2)
}`;
}
function decompressArgv(compression, file) {
    switch (compression) {
        case 'zstd':
            return ['zstd', '-q', '-d', '-c', '--', file];
        case 'gzip':
            return ['gzip', '-d', '-c', '--', file];
        case 'none':
            return ['cat', '--', file];
    }
}
/** SQL run before the stream: every other session ends, every database but the templates goes. */
function prepareSql(recreate) {
    const create = recreate
        .map((db) => `CREATE DATABASE "${db.replaceAll('"', '""')}" TEMPLATE template0;`)
        .join('\n');
    return `SELECT count(pg_terminate_backend(pid)) AS terminated FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend';
SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database WHERE datname NOT IN ('template0', 'template1') ORDER BY datname \\gexec
${create}
`;
}
const COLLATION_SQL = `SELECT format('ALTER DATABASE %I REFRESH COLLATION VERSION', datname) FROM pg_database WHERE datname <> 'template0' ORDER BY datname \\gexec
`;
/**
 * The restore, on the host: (1) the roles that exist, (2) end every session and drop every
 * database but the templates, (3) `decompress <dump> | awk filter | psql -v ON_ERROR_STOP=1`
 * straight from the snapshot (no plain copy anywhere), (4) on an SQL error, where it happened (the
 * dump re-read up to psql's line), (5) the collation refresh. It reports and exits 0;
 * `restoreFailures` decides.
 */
function restoreScript(input) {
    const psql = (database) => (0,quote/* shellJoin */.n)(psqlArgv(input.psql, database));
    const decompress = (0,quote/* shellJoin */.n)(decompressArgv(input.compression, input.dumpFile));
    // read and printf are builtins: the password is in no argv; base64 carries any byte but NUL.
    const password = input.password
        ? `IFS= read -r password_b64
PGPASSWORD=$(printf '%s' "$password_b64" | base64 -d)
unset password_b64
export PGPASSWORD
`
        : '';
    return `umask 077
${password}${script/* SESSION_GUARD */.R6}work=
cleanup() { trap - EXIT; if [ -n "$work" ]; then rm -rf -- "$work"; fi; session_guard_end; }
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
work=$(mktemp -d -- ${(0,quote/* shellQuote */.Z)(input.workTemplate)})
errors="$work/psql-errors"
${restoreFilterFunction(`-v existing="$existing" -v superuser=${(0,quote/* shellQuote */.Z)(input.superuserIdent)} -v keep=${input.keepRolePasswords ? 1 : 0} -v tag=${(0,quote/* shellQuote */.Z)(ROLE_GUARD_TAG)}`)}
set +e
existing=$(${psql('template1')} -A -t -c "SELECT quote_ident(rolname) FROM pg_roles ORDER BY 1" 2>"$errors")
echo "roles-status $?"
echo "roles $(printf '%s' "$existing" | base64 -w0)"
${psql('template1')} -A -t >/dev/null 2>>"$errors" <<'GWOPS_SQL'
${prepareSql(input.recreate)}GWOPS_SQL
echo "prepare-status $?"
${decompress} | restore_filter | ${psql('template1')} -f - >/dev/null 2>>"$errors"
echo "stream-status \${PIPESTATUS[*]}"
line=$(grep -a -m 1 -o '^psql:<stdin>:[0-9]*: ERROR' "$errors" | cut -d: -f3)
if [ -n "$line" ]; then
  ${decompress} | LC_ALL=C awk -v n="$line" 'NR <= n && /^\\\\connect / { c = $0 } NR == n { print "error-connect " c; print "error-statement " substr($0, 1, 300); exit }'
fi
echo "errors $(grep -a -E 'ERROR|FATAL|could not|No such|not running|not found' "$errors" | head -c 2000 | base64 -w0)"
${psql('template1')} -A -t >/dev/null 2>>"$errors" <<'GWOPS_SQL'
${COLLATION_SQL}GWOPS_SQL
echo "collation-status $?"
`;
}
const fromBase64 = (value) => Buffer.from(value, 'base64').toString('utf8');
function parseRestoreScriptOutput(stdout) {
    const result = {
        rolesStatus: null,
        rolesBefore: [],
        prepareStatus: null,
        streamStatuses: [],
        collationStatus: null,
        errors: '',
        errorConnect: null,
        errorStatement: null,
    };
    for (const line of stdout.split('\n')) {
        const space = line.indexOf(' ');
        const key = space === -1 ? line : line.slice(0, space);
        const value = space === -1 ? '' : line.slice(space + 1);
        if (key === 'roles-status')
            result.rolesStatus = Number(value);
        else if (key === 'roles')
            result.rolesBefore = fromBase64(value).split('\n').filter(Boolean);
        else if (key === 'prepare-status')
            result.prepareStatus = Number(value);
        else if (key === 'stream-status')
            result.streamStatuses = value.split(' ').filter(Boolean).map(Number);
        else if (key === 'collation-status')
            result.collationStatus = Number(value);
        else if (key === 'errors')
            result.errors = fromBase64(value).trim();
        else if (key === 'error-connect')
            result.errorConnect = value;
        else if (key === 'error-statement')
            result.errorStatement = value;
    }
    return result;
}
/** The database a `\connect` line of pg_dumpall names (`\connect x` or `\connect -reuse-previous=on "dbname='x'"`). */
function connectedDatabase(line) {
    if (!line)
        return null;
    const quoted = /dbname='((?:[^'\\]|\\.)*)'/.exec(line);
    if (quoted)
        return quoted[1].replace(/\\(.)/g, '$1');
    const plain = /^\\connect\s+(\S+)/.exec(line);
    return plain ? plain[1].replace(/^"(.*)"$/, '$1') : null;
}
const STREAM_STAGES = ['the decompressor', 'the role filter (awk, then dd)', 'psql'];
function judgeRestore(result) {
    const problems = [];
    const said = result.errors ? `: ${result.errors.split('\n').slice(0, 3).join(' ')}` : '';
    if (result.rolesStatus !== 0) {
        problems.push(`reading the target's roles failed (psql exit ${result.rolesStatus ?? 'unknown'})${said}`);
        return { ok: false, untouched: true, database: null, statement: null, problems };
    }
    if (result.prepareStatus !== 0) {
        problems.push(`ending the sessions and dropping the databases failed (psql exit ${result.prepareStatus ?? 'unknown'})${said}`);
        return { ok: false, untouched: false, database: null, statement: null, problems };
    }
    const database = result.errorStatement !== null ? (connectedDatabase(result.errorConnect) ?? 'template1') : null;
    if (result.streamStatuses.length !== STREAM_STAGES.length) {
        problems.push(`the restore stream did not report its ${STREAM_STAGES.length} exit statuses`);
    }
    const psqlFailed = (result.streamStatuses[2] ?? 0) !== 0;
    result.streamStatuses.forEach((status, index) => {
        // When psql stops, the stages before it get SIGPIPE: a consequence, not a cause.
        if (status === 0 || (psqlFailed && index < 2 && status === 141))
            return;
        const stage = STREAM_STAGES[index] ?? `stage ${index + 1}`;
        if (index === 2 && status === 3)
            problems.push(`psql stopped at an SQL error (ON_ERROR_STOP)${said}`);
        else if (index === 1 && status === 4)
            problems.push(`the dump contains the role guard's tag ${ROLE_GUARD_TAG}: refused`);
        else
            problems.push(`${stage} exited ${status}${index === 2 ? said : ''}`);
    });
    if (problems.length === 0 && result.collationStatus !== 0) {
        problems.push(`refreshing the collation versions failed (psql exit ${result.collationStatus})${said}`);
    }
    return {
        ok: problems.length === 0,
        untouched: false,
        database,
        statement: result.errorStatement,
        problems,
    };
}
const sqlLiteral = (value) => `'${value.replaceAll("'", "''")}'`;
/**
 * After a drill: the scratch cluster as it was found (only postgres and the templates): every
 * restored database dropped, postgres recreated empty, the roles the restore created dropped.
 */
function drillCleanupScript(psql, rolesBefore) {
    const before = rolesBefore.length > 0 ? rolesBefore.map(sqlLiteral).join(', ') : "''";
    return `${(0,quote/* shellJoin */.n)(psqlArgv(psql, 'template1'))} -A -t >/dev/null <<'GWOPS_SQL'
${prepareSql(['postgres'])}SELECT format('DROP ROLE %I', rolname) FROM pg_roles WHERE quote_ident(rolname) NOT IN (${before}) AND rolname NOT LIKE 'pg\\_%' ORDER BY 1 \\gexec
GWOPS_SQL
`;
}

;// CONCATENATED MODULE: ./lib/src/shared/postgres/restore.js






async function withTunnel(remote, host, port, body) {
    let tunnel;
    try {
        tunnel = await remote.forward(host, port);
    }
    catch (error) {
        throw new errors/* OperationError */.OK(`Cannot open a tunnel to PostgreSQL at ${host}:${port} through ${remote.description}: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    try {
        return await body(tunnel);
    }
    finally {
        await tunnel.close().catch(() => { });
    }
}
async function systemIdentifier(tunnel, credentials) {
    const client = new esm/* default.Client */.Ay.Client({
        host: tunnel.localHost,
        port: tunnel.localPort,
        user: credentials.user,
        ...(credentials.password ? { password: credentials.password } : {}),
        database: 'template1',
        application_name: 'gateway-ops',
        connectionTimeoutMillis: 30_000,
    });
    client.on('error', () => { });
    try {
        await client.connect();
        const result = await client.query('SELECT system_identifier::text AS id FROM pg_control_system()');
        return result.rows[0].id;
    }
    finally {
        await client.end().catch(() => { });
    }
}
/**
 * Reads a cluster without changing it: the tools and the container (the dump's own checks), who
 * we are, its version, databases and system identifier.
 */
async function inspectPostgresTarget(remote, options, log) {
    const prepared = await preparePostgresDump(remote, {
        target: options.target,
        compression: options.compression,
        ...(options.user ? { user: options.user } : {}),
        ...(options.host ? { host: options.host } : {}),
        ...(options.port ? { port: options.port } : {}),
        ...(options.password ? { password: options.password } : {}),
    }, log);
    const { tunnelHost, tunnelPort, credentials } = prepared;
    const where = `${tunnelHost}:${tunnelPort} (via ${remote.description})`;
    return withTunnel(remote, tunnelHost, tunnelPort, async (tunnel) => {
        const facts = await serverFacts(tunnel, credentials, where);
        return {
            options,
            where,
            user: prepared.user,
            credentials,
            tunnelHost,
            tunnelPort,
            serverVersion: facts.serverVersion,
            serverVersionNum: facts.serverVersionNum,
            databases: facts.databases,
            systemIdentifier: await systemIdentifier(tunnel, credentials),
        };
    });
}
/** `quote_ident` as pg_dumpall writes role names (enough for the superuser's name). */
function quoteIdent(name) {
    return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
function psqlCommand(target) {
    return {
        target: target.options.target,
        user: target.user,
        ...(target.options.target.kind === 'host' && target.options.host ? { host: target.options.host } : {}),
        ...(target.options.target.kind === 'host' && target.options.port ? { port: target.options.port } : {}),
    };
}
/** Streams the dump into the target (see restore-script.ts); never throws for an SQL error: the verdict says. */
async function restorePostgres(remote, target, input, log) {
    const started = Date.now();
    const password = target.options.target.kind === 'host' ? target.credentials.password : undefined;
    const script = restoreScript({
        dumpFile: input.dumpFile,
        compression: input.compression,
        workTemplate: input.workTemplate,
        psql: psqlCommand(target),
        superuserIdent: quoteIdent(target.user),
        keepRolePasswords: input.keepRolePasswords,
        recreate: input.recreate,
        password: !!password,
    });
    const keepAlive = new external_node_stream_.PassThrough();
    // First on stdin, before the session guard takes it over; never in argv or a file.
    if (password)
        keepAlive.write(`${Buffer.from(password, 'utf8').toString('base64')}\n`);
    const total = input.plainBytes;
    const onStderr = (chunk) => {
        for (const match of chunk.matchAll(/^progress (\d+)$/gm)) {
            const done = Number(match[1]);
            log.info(`PostgreSQL: ${(done / 2 ** 20).toFixed(0)} MiB of SQL streamed into psql${total ? ` of ${(total / 2 ** 20).toFixed(0)} MiB (${Math.floor((100 * done) / total)}%)` : ''}`);
        }
    };
    const stopStream = () => keepAlive.end();
    if (input.stop?.aborted)
        stopStream();
    input.stop?.addEventListener('abort', stopStream, { once: true });
    const output = await remote
        .exec(script, { stdin: keepAlive, onStderr, description: 'PostgreSQL restore stream' })
        .finally(() => {
        input.stop?.removeEventListener('abort', stopStream);
        keepAlive.end();
    });
    const result = parseRestoreScriptOutput(output.stdout);
    return {
        verdict: judgeRestore(result),
        result,
        stderrTail: output.stderrTail,
        seconds: (Date.now() - started) / 1000,
    };
}
/**
 * Exact row counts of the restored databases, for the proof. The cluster's databases are read
 * while the recorded ones are counted (one round trip less before the big scans start); the
 * result is as if they were read first: a recorded database that is not among them is missing
 * (whatever its count did), one that is and could not be counted fails the run.
 */
async function countRestoredRows(remote, target, databases) {
    return withTunnel(remote, target.tunnelHost, target.tunnelPort, async (tunnel) => {
        const counting = countRows(tunnel, target.credentials, databases, { settle: true });
        // `counting` never rejects (settle); it is awaited either way, so the tunnel outlives its queries.
        const [facts, settled] = await Promise.all([
            serverFacts(tunnel, target.credentials, target.where).catch(async (error) => {
                await counting;
                throw error;
            }),
            counting,
        ]);
        const counts = {};
        for (const database of databases) {
            if (!facts.databases.includes(database))
                continue;
            const outcome = settled[database];
            if ('error' in outcome)
                throw outcome.error;
            counts[database] = outcome.counts;
        }
        return { counts, databases: facts.databases };
    });
}
/** Leaves a drill's scratch cluster as it was found (see drillCleanupScript). */
async function discardDrill(remote, target, rolesBefore) {
    await remote.exec(drillCleanupScript(psqlCommand(target), rolesBefore), {
        description: 'drop what the drill restored',
    });
}

;// CONCATENATED MODULE: ./lib/src/shared/postgres/index.js











/***/ })

};

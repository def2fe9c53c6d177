export const id = 744;
export const ids = [744,480];
export const modules = {

/***/ 43744:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   drillCommand: () => (/* binding */ drillCommand),
/* harmony export */   scratchTarget: () => (/* binding */ scratchTarget),
/* harmony export */   whyNotScratch: () => (/* binding */ whyNotScratch)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8835);
/* harmony import */ var _shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86660);
/* harmony import */ var _shared_postgres_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(58114);
/* harmony import */ var _shared_restore_guards_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(70773);
/* harmony import */ var _shared_restore_lock_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2012);
/* harmony import */ var _shared_restore_plan_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(35216);
/* harmony import */ var _shared_restore_work_dir_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(48924);
/* harmony import */ var _shared_settings_definitions_common_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(16710);
/* harmony import */ var _shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(21746);
/* harmony import */ var _health_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(9493);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(20465);
/* harmony import */ var _restore_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(43961);
/* harmony import */ var _restore_choose_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(74909);
/* harmony import */ var _restore_steps_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(1965);















const SCRATCH_DATABASES = ['postgres'];
/** The scratch cluster, from the drill-postgres-* settings; a missing one is a settings error. */
function scratchTarget(settings) {
    if (settings.exec === 'docker') {
        const container = settings['drill-postgres-container'];
        if (!container)
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1("Missing setting 'drill-postgres-container': the scratch PostgreSQL container a drill restores into (exec: docker).");
        if (container === settings['postgres-container'])
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Invalid setting 'drill-postgres-container': expected a scratch container, found the source '${container}' (postgres-container).`);
        return { target: { kind: 'docker', container } };
    }
    const port = settings['drill-postgres-port'];
    if (!port)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1("Missing setting 'drill-postgres-port': the scratch PostgreSQL's port as seen from the SSH host (exec: host).");
    const user = settings['drill-postgres-user'] ?? settings['postgres-user'];
    return { target: { kind: 'host' }, host: settings['drill-postgres-host'], port, ...(user ? { user } : {}) };
}
/** The drill's refusals: the scratch cluster must not be the source, and must be empty. */
function whyNotScratch(scratch, sourceId) {
    if (sourceId !== null && scratch.systemIdentifier === sourceId) {
        return `drill refused: the scratch PostgreSQL is the source cluster (same system_identifier ${sourceId}). Point drill-postgres-* at a separate, empty cluster.`;
    }
    const others = scratch.databases.filter((d) => !SCRATCH_DATABASES.includes(d));
    if (others.length > 0) {
        return `drill refused: the scratch PostgreSQL holds databases other than postgres/template0/template1 (${others.join(', ')}): it is not a scratch cluster. Drop them or point drill-postgres-* elsewhere.`;
    }
    return null;
}
async function checkDrill(remote, settings, log) {
    const scratchSettings = scratchTarget(settings);
    const snapshot = await (0,_restore_choose_js__WEBPACK_IMPORTED_MODULE_12__/* .chooseRestorableSnapshot */ .H)(remote, settings, log);
    const chosen = (0,_shared_restore_plan_js__WEBPACK_IMPORTED_MODULE_14__/* .componentsToRestore */ .CJ)(settings.components, Object.keys(snapshot.manifest.components), _shared_settings_definitions_common_js__WEBPACK_IMPORTED_MODULE_7__/* .COMPONENTS */ .$);
    if (chosen.refusal)
        throw new _restore_steps_js__WEBPACK_IMPORTED_MODULE_13__/* .RestoreRefused */ .HQ(chosen.refusal.replace('restore refused', 'drill refused'));
    let scratch = null;
    if (chosen.components.includes('postgres')) {
        const recorded = (0,_restore_js__WEBPACK_IMPORTED_MODULE_11__.postgresRecord)(snapshot);
        // The source is only read: its system identifier tells it apart from the scratch cluster.
        const source = await (0,_shared_postgres_index_js__WEBPACK_IMPORTED_MODULE_3__/* .inspectPostgresTarget */ .LF)(remote, {
            target: (0,_host_js__WEBPACK_IMPORTED_MODULE_10__/* .postgresTarget */ .RB)(settings),
            compression: recorded.compression,
            ...(settings['postgres-user'] ? { user: settings['postgres-user'] } : {}),
            ...(settings.exec === 'host'
                ? { host: settings['postgres-host'], port: settings['postgres-port'] }
                : {}),
        }, log).catch(() => null);
        scratch = await (0,_shared_postgres_index_js__WEBPACK_IMPORTED_MODULE_3__/* .inspectPostgresTarget */ .LF)(remote, { ...scratchSettings, compression: recorded.compression }, log);
        const refusal = whyNotScratch(scratch, source?.systemIdentifier ?? null) ??
            (0,_shared_restore_guards_js__WEBPACK_IMPORTED_MODULE_4__/* .checkPostgresVersion */ .sD)(recorded.serverVersion, scratch.serverVersionNum)?.message ??
            null;
        if (refusal)
            throw new _restore_steps_js__WEBPACK_IMPORTED_MODULE_13__/* .RestoreRefused */ .HQ(refusal);
    }
    return { snapshot, components: chosen.components, scratch };
}
async function drillPostgres(remote, settings, log, snapshot, scratch) {
    const recorded = (0,_restore_js__WEBPACK_IMPORTED_MODULE_11__.postgresRecord)(snapshot);
    const outcome = await (0,_shared_postgres_index_js__WEBPACK_IMPORTED_MODULE_3__/* .restorePostgres */ .A2)(remote, scratch, {
        dumpFile: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(snapshot.path, recorded.file.path),
        compression: recorded.compression,
        workTemplate: (0,_shared_restore_work_dir_js__WEBPACK_IMPORTED_MODULE_6__/* .drillWorkTemplate */ .H)((0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_8__/* .backupsRoot */ .GI)((0,_host_js__WEBPACK_IMPORTED_MODULE_10__/* .layoutOf */ .aH)(settings))),
        keepRolePasswords: true,
        recreate: ['postgres'],
        plainBytes: recorded.plainBytes,
    }, log);
    try {
        if (!outcome.verdict.ok) {
            const v = outcome.verdict;
            return {
                problems: [
                    `the drill's restore failed${v.database ? ` in database ${v.database}` : ''}: ${v.problems.join('; ')}${v.statement ? ` (statement ${JSON.stringify(v.statement)})` : ''}`,
                ],
                found: {},
            };
        }
        const counted = await (0,_shared_postgres_index_js__WEBPACK_IMPORTED_MODULE_3__/* .countRestoredRows */ .fw)(remote, scratch, recorded.databases);
        return { problems: [], found: counted.counts };
    }
    finally {
        await (0,_shared_postgres_index_js__WEBPACK_IMPORTED_MODULE_3__/* .discardDrill */ .we)(remote, scratch, outcome.result.rolesBefore);
        log.info('Drill: the scratch cluster holds only postgres and the templates again.');
    }
}
async function drillOpenSearch(remote, settings, log, snapshot) {
    const recorded = (0,_restore_js__WEBPACK_IMPORTED_MODULE_11__.opensearchRecord)(snapshot);
    const connection = await (0,_host_js__WEBPACK_IMPORTED_MODULE_10__/* .openOpenSearch */ .jJ)(remote, settings, log);
    try {
        const drill = await (0,_shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_2__/* .restoreDrill */ .SR)(connection.client, {
            repository: recorded.repository || settings['snapshot-repository'],
            snapshot: recorded.snapshot,
            expectedDocs: recorded.docs,
            prefix: settings['drill-index-prefix'],
            timeoutMs: settings['opensearch-timeout'],
        }, (0,_host_js__WEBPACK_IMPORTED_MODULE_10__/* .osLog */ .rU)(log));
        return {
            found: Object.fromEntries(drill.indices.map((i) => [i.index, i.actualDocs])),
            problems: drill.problems,
        };
    }
    finally {
        await connection.close();
    }
}
async function runDrill(settings, log) {
    scratchTarget(settings); // A missing scratch target is a settings error: said before connecting.
    const remote = await (0,_host_js__WEBPACK_IMPORTED_MODULE_10__/* .openHost */ .Zb)(settings, log);
    const steps = new _restore_steps_js__WEBPACK_IMPORTED_MODULE_13__/* .Steps */ .gj(log);
    let lock;
    try {
        let checked;
        try {
            await steps.run('Pre-flight', () => (0,_restore_steps_js__WEBPACK_IMPORTED_MODULE_13__/* .refusedOnFailure */ .Ef)('drill', () => (0,_health_js__WEBPACK_IMPORTED_MODULE_9__.preflight)(remote, settings, log)));
            // Held until the drill is done with the snapshot: a backup's retention cannot remove it meanwhile.
            lock = await steps.run('Host lock', () => (0,_restore_steps_js__WEBPACK_IMPORTED_MODULE_13__/* .refusedOnFailure */ .Ef)('drill', () => (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_8__/* .lockBackupsDir */ .uS)(remote, (0,_host_js__WEBPACK_IMPORTED_MODULE_10__/* .layoutOf */ .aH)(settings), (0,_shared_restore_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .restoreLockStep */ .q)((0,_host_js__WEBPACK_IMPORTED_MODULE_10__/* .layoutOf */ .aH)(settings), 'drill'))));
            checked = await steps.run('Choose and check', () => checkDrill(remote, settings, log));
        }
        catch (error) {
            if (!(error instanceof _restore_steps_js__WEBPACK_IMPORTED_MODULE_13__/* .RestoreRefused */ .HQ))
                throw error;
            return {
                ok: false,
                headline: 'Drill refused: nothing was changed.',
                details: [
                    error.message,
                    ...(error.hint && error.hint !== 'Nothing was changed.' ? [error.hint] : []),
                ],
                outputs: { 'snapshot-date': '', 'safety-snapshot-path': '', verdict: 'refused' },
            };
        }
        const { snapshot, scratch } = checked;
        const outputs = { 'snapshot-date': snapshot.date, 'safety-snapshot-path': '' };
        if (settings['dry-run']) {
            return {
                ok: true,
                headline: `Dry run: a drill of ${snapshot.date} (${checked.components.join(', ')}) into ${scratch?.where ?? 'OpenSearch only'}; nothing was changed.`,
                outputs: { ...outputs, verdict: 'planned' },
            };
        }
        const problems = [];
        let rows = {};
        if (scratch) {
            const pgDrill = await steps.run('PostgreSQL drill', () => drillPostgres(remote, settings, log, snapshot, scratch));
            problems.push(...pgDrill.problems);
            rows = pgDrill.found;
        }
        let docs = {};
        if (checked.components.includes('opensearch')) {
            const osDrill = await steps.run('OpenSearch drill', () => drillOpenSearch(remote, settings, log, snapshot));
            problems.push(...osDrill.problems);
            docs = osDrill.found;
        }
        const proof = (0,_shared_restore_plan_js__WEBPACK_IMPORTED_MODULE_14__/* .proveCounts */ .Dh)(scratch ? (0,_restore_js__WEBPACK_IMPORTED_MODULE_11__.postgresRecord)(snapshot).rowCounts : {}, rows, checked.components.includes('opensearch') ? (0,_restore_js__WEBPACK_IMPORTED_MODULE_11__.opensearchRecord)(snapshot).docs : {}, docs);
        const all = [...new Set([...problems, ...proof.problems])];
        const ok = all.length === 0;
        return {
            ok,
            headline: ok
                ? `Drill of ${snapshot.date} passed: restored into scratch targets, every count as in the manifest, then discarded.`
                : `Drill of ${snapshot.date} FAILED: ${all.length} problem(s).`,
            details: [...all, ...steps.lines()],
            table: (0,_shared_restore_plan_js__WEBPACK_IMPORTED_MODULE_14__/* .proofTable */ .Jz)(proof.rows),
            outputs: { ...outputs, verdict: ok ? 'passed' : 'failed' },
        };
    }
    catch (error) {
        log.error(`drill failed: ${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
        throw error;
    }
    finally {
        await lock?.release();
        await remote.close();
    }
}
/** `drill` (the restore action's `mode: drill`): the restore into scratch targets, compared, discarded. */
const drillCommand = ({ settings, log }) => runDrill(settings, log);


/***/ }),

/***/ 17480:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   connectThroughTunnel: () => (/* binding */ connectThroughTunnel)
/* harmony export */ });
/* unused harmony exports clientOptions, createOpenSearchClient */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41692);
/* harmony import */ var _opensearch_project_opensearch__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61093);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12968);
/**
 * The official OpenSearch client, configured for operations that must not be repeated behind our
 * back: `maxRetries: 0` (a timed-out snapshot request that the client sent again would collide with
 * itself), explicit TLS (a CA, or an explicit and warned `insecureTls`), credentials kept out of the
 * URL and out of every message, and a tunnel-aware host name check.
 */




/** The options handed to the client, exported for tests of what is (and is not) configured. */
function clientOptions(options) {
    const url = new URL(options.url);
    if (url.username || url.password) {
        throw new Error('opensearch: credentials must not be part of the URL (they would show in messages)');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`opensearch: URL must be http:// or https://, got ${url.protocol}`);
    }
    const base = {
        node: url.toString(),
        maxRetries: 0,
        requestTimeout: options.requestTimeoutMs ?? 30_000,
        sniffOnStart: false,
        sniffOnConnectionFault: false,
        sniffInterval: false,
        compression: undefined,
        // Big responses (GET _snapshot/<repo>/_all) must not be refused by the default breaker.
        memoryCircuitBreaker: { enabled: false, maxPercentage: 1 },
    };
    if (options.username !== undefined || options.password !== undefined) {
        base.auth = { username: options.username ?? '', password: options.password ?? '' };
    }
    if (url.protocol === 'https:') {
        const serverName = options.tlsServerName;
        base.ssl = {
            rejectUnauthorized: !options.insecureTls,
            ...(options.ca ? { ca: options.ca } : {}),
            ...(serverName && !(0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(serverName) ? { servername: serverName } : {}),
            ...(serverName
                ? {
                    checkServerIdentity: (_host, cert) => (0,node_tls__WEBPACK_IMPORTED_MODULE_1__.checkServerIdentity)(serverName, cert),
                }
                : {}),
        };
    }
    return base;
}
function createOpenSearchClient(options, log) {
    const url = new URL(options.url);
    if (url.protocol === 'https:' && options.insecureTls) {
        log?.warn(`opensearch: TLS certificate verification is OFF for ${url.host} (opensearch-insecure-tls: true); anyone on the path could read the credentials`);
    }
    if (url.protocol === 'http:' && options.password) {
        log?.warn(`opensearch: credentials are sent over plain http to ${url.host}`);
    }
    const client = new _opensearch_project_opensearch__WEBPACK_IMPORTED_MODULE_2__/* .Client */ .Kj(clientOptions(options));
    const secrets = options.password
        ? [options.password, `${options.username ?? ''}:${options.password}`]
        : [];
    const endpoint = `${url.protocol}//${options.tlsServerName ? `${options.tlsServerName} (via ${url.host})` : url.host}`;
    return {
        client,
        endpoint,
        secrets,
        mask: (text) => (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .maskSecrets */ .QU)(text, secrets),
        close: () => client.close(),
    };
}
/**
 * Reach OpenSearch through an SSH tunnel: forward a local port to the URL's host:port as seen from
 * the SSH host, and check the certificate against that host's name, not 127.0.0.1.
 */
async function connectThroughTunnel(remote, options, log) {
    const target = new URL(options.url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    const tunnel = await remote.forward(host, port);
    const local = `${target.protocol}//127.0.0.1:${tunnel.localPort}`;
    let connection;
    try {
        connection = createOpenSearchClient({ ...options, url: local, ...(target.protocol === 'https:' ? { tlsServerName: host } : {}) }, log);
    }
    catch (error) {
        await tunnel.close();
        throw error;
    }
    const endpoint = `${target.protocol}//${target.host} (through the SSH tunnel)`;
    const forget = (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .registerTunnelEndpoint */ .bA)(`127.0.0.1:${tunnel.localPort}`, endpoint);
    return {
        ...connection,
        endpoint,
        tunnel,
        async close() {
            try {
                await connection.close();
            }
            finally {
                forget();
                await tunnel.close();
            }
        },
    };
}


/***/ }),

/***/ 86660:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $B: () => (/* reexport */ cluster/* putWatermarks */.$B),
  Qr: () => (/* reexport */ cluster/* readClusterSettings */.Qr),
  SR: () => (/* reexport */ restoreDrill),
  UH: () => (/* reexport */ opensearch_snapshot/* verifyOpenSearchSnapshot */.UH)
});

// UNUSED EXPORTS: DEFAULT_EXCLUDED_INDICES, DEFAULT_NAME_PATTERN, OpenSearchError, applyOpenSearchRetention, clientOptions, connectThroughTunnel, createOpenSearchClient, dateFromSnapshotName, deleteSnapshot, describeOpenSearchError, discoverOpenSearch, ensureRepository, explainRepositoryFailure, judgeSnapshot, listSnapshots, liveIndices, makeRoomForRestore, maskSecrets, readClusterHealth, readDiskAllocation, readPathRepo, readRepository, readUnassignedShards, restorableIndices, restoreIndices, silentLog, snapshotName, snapshotOpenSearch, whyCannotClose

// EXTERNAL MODULE: ./lib/src/shared/opensearch/client.js
var client = __webpack_require__(17480);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/cluster.js
var cluster = __webpack_require__(89985);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/discover.js
var discover = __webpack_require__(11336);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/errors.js
var errors = __webpack_require__(12968);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/repository.js
var repository = __webpack_require__(65111);
// EXTERNAL MODULE: ./lib/src/shared/report/summary.js
var summary = __webpack_require__(70241);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/snapshot.js
var opensearch_snapshot = __webpack_require__(32247);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/types.js
var types = __webpack_require__(35446);
;// CONCATENATED MODULE: ./lib/src/shared/opensearch/restore.js
/**
 * The restore drill: restore a snapshot into renamed indices next to the live ones
 * (`rename_pattern`/`rename_replacement`, no aliases, no global state, no replicas), compare their
 * document counts with the ones recorded when the snapshot was taken, then delete the renamed
 * indices again, whatever happened.
 */




const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function deleteIndices(client, names) {
    // Explicit names: wildcard deletes may be disabled (action.destructive_requires_name).
    for (let i = 0; i < names.length; i += 50) {
        await client.indices.delete({ index: names.slice(i, i + 50), ignore_unavailable: true }, {
            ignore: [404],
            maxRetries: 0,
            requestTimeout: 120_000,
        });
    }
}
async function existingWithPrefix(client, prefix) {
    const response = await client.cat.indices({ index: `${prefix}*`, format: 'json', h: ['index'], expand_wildcards: ['all'] }, { ignore: [404] });
    if (response.statusCode === 404)
        return [];
    return (response.body ?? [])
        .map((r) => r.index)
        .filter((n) => n.startsWith(prefix));
}
/** What a drill restores: the snapshot's indices it has counts for, and what is missing from it. */
async function planDrill(client, options) {
    const { repository, snapshot } = options;
    const excluded = new Set(options.excludeIndices ?? types/* DEFAULT_EXCLUDED_INDICES */.J);
    const info = await (0,opensearch_snapshot/* getSnapshot */.dV)(client, repository, snapshot);
    if (!info) {
        throw new errors/* OpenSearchError */.R0('restore', `restore drill: snapshot ${repository}/${snapshot} does not exist`);
    }
    const expected = options.expectedDocs ?? (0,opensearch_snapshot/* recordedCounts */.xq)(info);
    if (!expected) {
        throw new errors/* OpenSearchError */.R0('restore', `restore drill: no document counts to compare with for ${snapshot} (neither given nor in the snapshot's metadata)`);
    }
    const inSnapshot = new Set(info.indices ?? []);
    const sources = Object.keys(expected)
        .filter((i) => !excluded.has(i))
        .sort();
    const problems = sources
        .filter((s) => !inSnapshot.has(s))
        .map((s) => `index ${s} is not in snapshot ${snapshot}`);
    return { expected, toRestore: sources.filter((s) => inSnapshot.has(s)), problems };
}
/** Restores `indices` as `<prefix><index>` and waits for them to be green; returns a problem, or null. */
async function restoreRenamed(client, options, indices, prefix, timeoutMs) {
    const { repository, snapshot } = options;
    try {
        await client.snapshot.restore({
            repository,
            snapshot,
            wait_for_completion: false,
            body: {
                indices: indices.join(','),
                include_global_state: false,
                include_aliases: false,
                rename_pattern: '(.+)',
                rename_replacement: `${prefix}$1`,
                index_settings: { 'index.number_of_replicas': 0 },
            },
        }, { maxRetries: 0, requestTimeout: 120_000 });
    }
    catch (error) {
        throw (0,errors/* describeOpenSearchError */.UO)(error, `restoring ${snapshot} into ${prefix}*`);
    }
    const restoredNames = indices.map((s) => `${prefix}${s}`);
    const deadline = Date.now() + timeoutMs;
    let status = 'red';
    let delay = 100;
    while (Date.now() < deadline) {
        const health = await client.cluster.health({ index: restoredNames, wait_for_status: 'green', timeout: '1s' }, { ignore: [408], requestTimeout: 30_000 });
        status = health.body.status ?? 'red';
        if (status === 'green')
            break;
        await sleep(delay);
        delay = Math.min(1000, delay * 2);
    }
    await client.indices.refresh({ index: restoredNames }).catch(() => undefined);
    return status === 'green'
        ? null
        : `the restored indices were still ${status} after ${Math.round(timeoutMs / 1000)} s`;
}
/** Each restored index's document count against the recorded one; differences go into `problems`. */
async function compareCounts(client, toRestore, prefix, expected, problems) {
    const indices = [];
    for (const source of toRestore) {
        const restoredAs = `${prefix}${source}`;
        const expectedDocs = expected[source] ?? null;
        let actualDocs = null;
        try {
            const count = await client.count({ index: restoredAs });
            actualDocs = count.body.count ?? null;
        }
        catch (error) {
            problems.push(`counting ${restoredAs}: ${(0,errors/* describeOpenSearchError */.UO)(error, 'count').message}`);
        }
        const match = expectedDocs === null ? actualDocs !== null : actualDocs === expectedDocs;
        if (!match) {
            problems.push(`${source}: ${actualDocs ?? 'no'} documents restored, ${expectedDocs ?? 'unknown'} recorded at snapshot time`);
        }
        indices.push({ index: source, restoredAs, expectedDocs, actualDocs, match });
    }
    return indices;
}
async function restoreDrill(client, options, log) {
    const started = Date.now();
    const { repository, snapshot } = options;
    const prefix = options.prefix ?? `verify-${new Date().toISOString().slice(0, 10)}-`;
    if (!/^[a-z0-9][a-z0-9_.-]*-$/.test(prefix)) {
        throw new errors/* OpenSearchError */.R0('restore', `restore drill: prefix '${prefix}' must be lower case and end with '-'`);
    }
    const { expected, toRestore, problems } = await planDrill(client, options);
    const restoredNames = toRestore.map((s) => `${prefix}${s}`);
    const leftovers = await existingWithPrefix(client, prefix);
    if (leftovers.length > 0) {
        log.warn(`opensearch: deleting ${leftovers.length} index(es) left by an earlier drill: ${leftovers.join(', ')}`);
        await deleteIndices(client, leftovers);
    }
    let indices = [];
    let cleanedUp = false;
    try {
        if (toRestore.length > 0) {
            log.info(`opensearch: restore drill of ${snapshot}: ${(0,summary/* plural */.LS)(toRestore.length, 'index', 'indices')} as ${prefix}*`);
            const problem = await restoreRenamed(client, options, toRestore, prefix, options.timeoutMs ?? 600_000);
            if (problem)
                problems.push(problem);
        }
        indices = await compareCounts(client, toRestore, prefix, expected, problems);
    }
    finally {
        try {
            await deleteIndices(client, restoredNames);
            cleanedUp = true;
            if (restoredNames.length > 0)
                log.info(`opensearch: deleted the ${restoredNames.length} drill index(es) ${prefix}*`);
        }
        catch (error) {
            log.warn(`opensearch: could not delete the drill indices ${prefix}*: ${(0,errors/* describeOpenSearchError */.UO)(error, 'delete').message}`);
        }
    }
    const ok = problems.length === 0;
    const result = {
        ok,
        repository,
        snapshot,
        indices,
        problems,
        cleanedUp,
        durationMs: Date.now() - started,
    };
    log.info(`opensearch: restore drill of ${snapshot}: ${ok ? 'passed' : 'FAILED'} (${indices.filter((i) => i.match).length}/${indices.length} indices match)`);
    return result;
}

// EXTERNAL MODULE: ./lib/src/shared/opensearch/restore-indices.js
var restore_indices = __webpack_require__(54633);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/retention.js
var retention = __webpack_require__(44017);
;// CONCATENATED MODULE: ./lib/src/shared/opensearch/index.js
/** The OpenSearch room: what the backup, verify and restore operations call. */












/***/ })

};

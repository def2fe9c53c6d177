export const id = 232;
export const ids = [232,480];
export const modules = {

/***/ 14232:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verifyCommand: () => (/* binding */ verifyCommand)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86660);
/* harmony import */ var _shared_report_summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(70241);
/* harmony import */ var _shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(21746);
/* harmony import */ var _shared_text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(15831);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(20465);






/**
 * `verify` (the backup action's `mode: verify`): re-reads a snapshot on the host (the latest, or
 * `snapshot-date`) and checks every file against its manifest, then its OpenSearch snapshot.
 */
const verifyCommand = async ({ settings, log }) => {
    const remote = await (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .openHost */ .Zb)(settings, log);
    try {
        const root = (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .backupsRoot */ .GI)((0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .layoutOf */ .aH)(settings));
        const date = (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .chooseSnapshot */ .Ip)(await (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .listSnapshots */ .Cb)(remote, (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .layoutOf */ .aH)(settings)), settings['snapshot-date'], `${root} on ${remote.description}`);
        const path = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, date);
        const swapped = await swappedAside(remote, settings, date);
        for (const line of swapped)
            log.warn(line);
        log.info(`Verifying ${path} on ${remote.description}`);
        const report = await (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .verifySnapshot */ .Mx)(remote, path);
        const problems = [...report.problems];
        const details = [...swapped];
        const opensearch = report.manifest?.components['opensearch'];
        if (opensearch && opensearch.verdict === 'passed') {
            const checked = await log.group('OpenSearch', () => verifyOpenSearchComponent(remote, settings, log, opensearch));
            problems.push(...checked.problems);
            details.push(...checked.details);
        }
        const ok = report.verdict === 'good' && problems.length === 0;
        const verdict = ok ? 'good' : report.verdict === 'good' ? 'bad' : report.verdict;
        return {
            ok,
            headline: ok
                ? `Snapshot ${date} verified: ${(0,_shared_report_summary_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(report.filesChecked, 'file')}, ${(0,_shared_text_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z3)(report.bytesChecked)}, every size and sha256 as in the manifest${opensearch ? '; OpenSearch snapshot checked' : ''}.`
                : report.verdict === 'incomplete' && report.failedComponents.length > 0
                    ? `Snapshot ${date} is incomplete: ${report.failedComponents.join(', ')} failed when it was taken; the other components are kept.`
                    : `Snapshot ${date} is ${verdict}.`,
            details: [...problems, ...details],
            outputs: {
                'snapshot-date': date,
                'snapshot-path': path,
                ...(report.manifest ? { manifest: JSON.stringify(report.manifest) } : {}),
            },
            ...(report.manifest ? { table: (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .filesTable */ .M5)(report.manifest) } : {}),
            stdout: {
                text: `${path} ${verdict}\n`,
                json: { ok, 'snapshot-date': date, 'snapshot-path': path, verdict, problems },
            },
        };
    }
    finally {
        await remote.close();
    }
};
/**
 * The OpenSearch part of a snapshot lives in the repository: judge it again from the snapshot
 * itself, then (restore-drill) restore it under new names and compare counts with the manifest.
 */
async function verifyOpenSearchComponent(remote, settings, log, recorded) {
    const parsed = (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .parseComponentDetails */ .BP)('opensearch', recorded);
    if (!parsed.ok)
        return { problems: [`OpenSearch: ${parsed.problem}`], details: [] };
    const { snapshot, repository, indices } = parsed.details;
    const connection = await (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .openOpenSearch */ .jJ)(remote, settings, log);
    try {
        const verdict = await (0,_shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_1__/* .verifyOpenSearchSnapshot */ .UH)(connection.client, {
            repository,
            snapshot,
            expectedIndices: Object.keys(indices),
        });
        if (!verdict.ok)
            return { problems: verdict.problems.map((p) => `OpenSearch: ${p}`), details: [] };
        const details = [
            `OpenSearch snapshot ${snapshot}: ${verdict.state}, ${verdict.shards.successful}/${verdict.shards.total} shards.`,
        ];
        if (!settings['restore-drill'])
            return { problems: [], details };
        const drill = await (0,_shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_1__/* .restoreDrill */ .SR)(connection.client, {
            repository,
            snapshot,
            expectedDocs: Object.fromEntries(Object.entries(indices).map(([name, record]) => [name, record.docs])),
        }, (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .osLog */ .rU)(log));
        if (!drill.ok)
            return { problems: drill.problems.map((p) => `OpenSearch restore drill: ${p}`), details };
        details.push(`Restore drill: ${(0,_shared_report_summary_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(drill.indices.length, 'index', 'indices')} restored under new names, document counts as in the manifest, then deleted.`);
        return { problems: [], details };
    }
    finally {
        await connection.close();
    }
}
/**
 * A forced run moves the old snapshot aside as `.<name>.replaced-*` only for its two renames; one
 * found here means a run died in that window (or is in it now): say so, as the next run puts it back.
 */
async function swappedAside(remote, settings, chosen) {
    const catalog = await (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .readCatalog */ .uM)(remote, (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .layoutOf */ .aH)(settings));
    return catalog.replaced.map((name) => {
        const of = name.slice(1).replace(/\.replaced-.*$/, '');
        const present = catalog.entries.some((e) => e.name === of);
        return present
            ? `${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(catalog.root, name)} is an older copy of ${of}, left by a forced run that died after the swap; the next backup removes it.`
            : `${of} is missing: a forced run died while swapping it, and its old snapshot is at ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(catalog.root, name)}; the next backup puts it back${of === chosen ? '' : ` (this verified ${chosen} instead)`}.`;
    });
}


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












/***/ }),

/***/ 54633:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MU: () => (/* binding */ restoreIndices),
/* harmony export */   Os: () => (/* binding */ liveIndices),
/* harmony export */   UG: () => (/* binding */ whyCannotClose),
/* harmony export */   Zd: () => (/* binding */ restorableIndices),
/* harmony export */   bk: () => (/* binding */ makeRoomForRestore)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12968);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Indices a restore may write: never a system or hidden index. */
function restorableIndices(indices) {
    return indices.filter((index) => !index.startsWith('.')).sort();
}
/**
 * The live indices among `names` (closed ones included). All indices are listed and filtered here:
 * `_cat/indices/<a>,<b>` with a missing name does not answer on 2.19 until the client times out.
 */
async function liveIndices(client, names) {
    if (names.length === 0)
        return [];
    const response = await client.cat.indices({ format: 'json', h: ['index'], expand_wildcards: ['all'] }, { requestTimeout: 60_000 });
    const found = new Set((response.body ?? []).map((r) => r.index));
    return names.filter((name) => found.has(name));
}
/** Null when live indices can be closed; else why not (checked before anything changes). */
async function whyCannotClose(client) {
    const response = await client.cluster.getSettings({ include_defaults: true, flat_settings: true });
    const body = response.body;
    const value = body['transient']?.['cluster.indices.close.enable'] ??
        body['persistent']?.['cluster.indices.close.enable'] ??
        body['defaults']?.['cluster.indices.close.enable'] ??
        'true';
    return String(value) === 'false'
        ? 'closing indices is disabled on this cluster (cluster.indices.close.enable: false)'
        : null;
}
/** Closes (or deletes) the live indices the snapshot replaces. On a failure, reopens what it closed and throws. */
async function makeRoomForRestore(client, live, existing, log) {
    const closed = [];
    for (const index of live) {
        try {
            if (existing === 'close') {
                await client.indices.close({ index }, { maxRetries: 0, requestTimeout: 120_000 });
                closed.push(index);
            }
            else {
                await client.indices.delete({ index }, { maxRetries: 0, requestTimeout: 120_000 });
            }
        }
        catch (error) {
            if (closed.length > 0)
                await client.indices.open({ index: closed.join(',') }).catch(() => undefined);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('restore', `cannot ${existing} index ${index} before the restore: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeOpenSearchError */ .UO)(error, existing).message}`);
        }
    }
    if (live.length > 0)
        log.info(`opensearch: ${existing === 'close' ? 'closed' : 'deleted'} ${live.length} live index(es): ${live.join(', ')}`);
}
/**
 * Restores the indices under their own names, waits until every primary shard is active, and
 * returns each one's document count.
 */
async function restoreIndices(client, options, log) {
    const indices = restorableIndices(options.indices);
    if (indices.length === 0)
        return {};
    log.info(`opensearch: restoring ${indices.length} index(es) from ${options.snapshot}: ${indices.join(', ')}`);
    try {
        await client.snapshot.restore({
            repository: options.repository,
            snapshot: options.snapshot,
            wait_for_completion: false,
            body: { indices: indices.join(','), include_global_state: false, include_aliases: true },
        }, { maxRetries: 0, requestTimeout: 120_000 });
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeOpenSearchError */ .UO)(error, `restoring ${options.snapshot}`);
    }
    const health = await waitForPrimaries(client, indices, options.timeoutMs);
    if (health.status === 'yellow') {
        log.info(`opensearch: restored; ${health.unassigned} replica shard(s) not allocated yet (${health.nodes} data node(s)); the primaries hold the data`);
    }
    await client.indices.refresh({ index: indices }).catch(() => undefined);
    const counts = {};
    for (const index of indices) {
        const count = await client.count({ index }).catch(() => null);
        counts[index] = count?.body?.count ?? null;
    }
    return counts;
}
/**
 * Yellow is enough: once every primary shard is active the snapshot's data is in place, and
 * replicas are copied from the primaries, not the snapshot. Waiting for green would hang until
 * `opensearch-timeout` on a single node, where an index with replicas is never green.
 */
async function waitForPrimaries(client, indices, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let health = { status: 'red', unassigned: 0, nodes: 0 };
    for (let delay = 100; Date.now() < deadline; delay = Math.min(1000, delay * 2)) {
        const response = await client.cluster.health({ index: indices, wait_for_status: 'yellow', timeout: '1s' }, { ignore: [408], requestTimeout: 30_000 });
        const body = response.body;
        health = {
            status: body.status ?? 'red',
            unassigned: body.unassigned_shards ?? 0,
            nodes: body.number_of_data_nodes ?? 0,
        };
        if (health.status !== 'red')
            return health;
        await sleep(delay);
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('restore', `the restored indices were still red (primary shards not active) after ${Math.round(timeoutMs / 1000)} s (opensearch-timeout)`);
}


/***/ })

};

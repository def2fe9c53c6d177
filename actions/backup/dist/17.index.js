export const id = 17;
export const ids = [17];
export const modules = {

/***/ 18410:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bl: () => (/* binding */ metadataFor),
/* harmony export */   eI: () => (/* binding */ resolveIndices),
/* harmony export */   kA: () => (/* binding */ countDocuments),
/* harmony export */   xq: () => (/* binding */ recordedCounts)
/* harmony export */ });
/* harmony import */ var _setting_ref_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46870);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12968);


function globMatch(pattern, name) {
    if (!pattern.includes('*'))
        return pattern === name;
    const re = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`^${re.join('.*')}$`).test(name);
}
/** The indices a snapshot should contain, resolved now: open and closed, minus the excluded ones. */
async function resolveIndices(client, patterns, excluded) {
    // Exclusions are applied here, not in the expression: excluding a concrete index that does not
    // exist (no security plugin, no .opendistro_security) is an index_not_found error.
    const expression = patterns.join(',');
    try {
        const response = await client.cat.indices({
            index: expression,
            format: 'json',
            h: ['index', 'health', 'status'],
            expand_wildcards: ['open', 'closed'],
        });
        const rows = response.body ?? [];
        return rows
            .filter((r) => !excluded.some((e) => globMatch(e, r.index)))
            .map((r) => ({ index: r.index, health: r.health ?? 'unknown', status: r.status ?? 'unknown' }))
            .sort((a, b) => a.index.localeCompare(b.index));
    }
    catch (error) {
        const e = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeOpenSearchError */ .UO)(error, `listing the indices ${expression}`);
        if (/index_not_found_exception/.test(e.message)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('index-missing', e.message, { hint: `Check ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_1__/* .settingRef */ .y)('indices')}.` });
        }
        throw e;
    }
}
/**
 * `_count` of each open index (after a refresh); null for closed and red ones (a refresh that
 * includes a red index waits for it until the request times out).
 */
async function countDocuments(client, rows) {
    const countable = (r) => r.status === 'open' && r.health !== 'red';
    const open = rows.filter(countable).map((r) => r.index);
    if (open.length > 0) {
        await client.indices
            .refresh({ index: open, ignore_unavailable: true, expand_wildcards: 'open' }, {
            requestTimeout: 60_000,
        })
            .catch(() => undefined);
    }
    const out = {};
    for (const row of rows) {
        let docs = null;
        if (countable(row)) {
            try {
                const response = await client.count({ index: row.index });
                docs = response.body.count ?? null;
            }
            catch {
                docs = null; // red index: no count; the snapshot verdict says what is wrong with it
            }
        }
        out[row.index] = { docs, health: row.health, status: row.status };
    }
    return out;
}
const METADATA_KEY = 'gateway_ops';
const METADATA_LIMIT = 1000; // OpenSearch refuses snapshot metadata of 1024 bytes or more
function metadataFor(counts) {
    const docCounts = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.docs]));
    const full = { [METADATA_KEY]: { taken_by: 'gateway-ops', doc_counts: docCounts } };
    if (JSON.stringify(full).length < METADATA_LIMIT)
        return full;
    return { [METADATA_KEY]: { taken_by: 'gateway-ops', doc_counts_omitted: Object.keys(counts).length } };
}
/** Document counts recorded in a snapshot's metadata by us, if they fitted. */
function recordedCounts(info) {
    const meta = info?.metadata?.[METADATA_KEY];
    return meta?.doc_counts;
}


/***/ }),

/***/ 44017:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ applyOpenSearchRetention),
/* harmony export */   C: () => (/* binding */ listSnapshots)
/* harmony export */ });
/* harmony import */ var _snapshot_retention_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(94717);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12968);
/* harmony import */ var _snapshot_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(32247);



async function listSnapshots(client, repository) {
    try {
        const response = await client.snapshot.get({ repository, snapshot: '_all' }, { requestTimeout: 120_000 });
        return response.body.snapshots ?? [];
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeOpenSearchError */ .UO)(error, `listing the snapshots of '${repository}'`);
    }
}
async function applyOpenSearchRetention(client, options, log) {
    const pattern = options.namePattern ?? _snapshot_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_NAME_PATTERN */ .Tv;
    const all = await listSnapshots(client, options.repository);
    const ignored = [];
    const candidates = [];
    for (const info of all) {
        const name = info.snapshot ?? '';
        const date = (0,_snapshot_js__WEBPACK_IMPORTED_MODULE_2__/* .dateFromSnapshotName */ .C7)(pattern, name);
        if (!date || info.state === 'IN_PROGRESS') {
            ignored.push(name);
            continue;
        }
        let verified = false;
        try {
            verified = (0,_snapshot_js__WEBPACK_IMPORTED_MODULE_2__/* .judgeSnapshot */ .a)(info, [], name).ok;
        }
        catch {
            verified = false;
        }
        candidates.push({ date, verified, name });
    }
    const plan = (0,_snapshot_retention_js__WEBPACK_IMPORTED_MODULE_0__/* .chooseRetained */ .AJ)(candidates, options.policy ?? _snapshot_retention_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_RETENTION_POLICY */ .QK);
    const row = (r) => ({
        snapshot: r.snapshot.name,
        date: r.snapshot.date,
        verified: r.snapshot.verified,
        why: r.why,
    });
    // The snapshot this run took or reused is never pruned by it, whatever other dates exist.
    const protectedNames = new Set(options.protect ?? []);
    for (const r of plan.reasons) {
        if (!r.keep && protectedNames.has(r.snapshot.name)) {
            r.keep = true;
            r.why.push('taken or verified by this run (always kept)');
        }
    }
    const kept = plan.reasons.filter((r) => r.keep).map(row);
    const toDelete = plan.reasons.filter((r) => !r.keep).map(row);
    const dryRun = options.dryRun ?? false;
    const deleted = [];
    for (const victim of toDelete) {
        if (dryRun) {
            log.info(`opensearch: would delete ${victim.snapshot} (${victim.why.join('; ')})`);
            continue;
        }
        await (0,_snapshot_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteSnapshot */ .Cj)(client, options.repository, victim.snapshot, log);
        deleted.push(victim);
    }
    log.info(`opensearch: retention of '${options.repository}': ${kept.length} kept, ${dryRun ? `${toDelete.length} to delete (dry run)` : `${deleted.length} deleted`}${ignored.length ? `, ${ignored.length} not ours or running (left alone)` : ''}`);
    return { repository: options.repository, kept, deleted: dryRun ? toDelete : deleted, ignored, dryRun };
}


/***/ }),

/***/ 28650:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cj: () => (/* binding */ deleteSnapshot),
/* harmony export */   Pb: () => (/* binding */ snapshotSizes),
/* harmony export */   UH: () => (/* binding */ verifyOpenSearchSnapshot),
/* harmony export */   dV: () => (/* binding */ getSnapshot),
/* harmony export */   ne: () => (/* binding */ waitForSnapshot)
/* harmony export */ });
/* harmony import */ var _setting_ref_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46870);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15831);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12968);
/* harmony import */ var _indices_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(18410);
/* harmony import */ var _snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(81727);





const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function getSnapshot(client, repository, snapshot) {
    try {
        const response = await client.snapshot.get({ repository, snapshot }, { ignore: [404] });
        if (response.statusCode === 404)
            return undefined;
        return (response.body.snapshots ?? [])[0];
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeOpenSearchError */ .UO)(error, `reading snapshot ${repository}/${snapshot}`);
    }
}
async function snapshotSizes(client, repository, snapshot) {
    try {
        const response = await client.snapshot.status({ repository, snapshot }, { requestTimeout: 120_000 });
        const stats = response.body.snapshots?.[0]?.stats;
        if (!stats)
            return null;
        return {
            fileCount: stats.total?.file_count ?? 0,
            sizeBytes: stats.total?.size_in_bytes ?? 0,
            incrementalFileCount: stats.incremental?.file_count ?? 0,
            incrementalSizeBytes: stats.incremental?.size_in_bytes ?? 0,
        };
    }
    catch {
        return null;
    }
}
async function progressLine(client, repository, snapshot, elapsedMs) {
    try {
        const response = await client.snapshot.status({ repository, snapshot }, { requestTimeout: 10_000 });
        const s = response.body.snapshots?.[0];
        const shards = s?.shards_stats;
        const done = s?.stats?.processed?.size_in_bytes ?? 0;
        const total = s?.stats?.total?.size_in_bytes ?? 0;
        return `opensearch: ${snapshot} ${s?.state ?? 'IN_PROGRESS'}: ${shards?.done ?? 0}/${shards?.total ?? '?'} shards${shards?.failed ? `, ${shards.failed} failed` : ''}, ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(done)} of ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(total)}, ${Math.round(elapsedMs / 1000)} s`;
    }
    catch {
        return `opensearch: ${snapshot} in progress, ${Math.round(elapsedMs / 1000)} s`;
    }
}
/** Poll until the snapshot is no longer IN_PROGRESS; the final SnapshotInfo. */
async function waitForSnapshot(client, repository, snapshot, options, log) {
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    const progressEvery = options.progressEveryMs ?? 10_000;
    let nextProgress = started + progressEvery;
    let delay;
    let missingSince;
    for (;;) {
        const info = await getSnapshot(client, repository, snapshot);
        if (info && info.state !== 'IN_PROGRESS')
            return info;
        if (!info) {
            // Registered in the cluster state before create answered, so this is at most a short race.
            missingSince ??= Date.now();
            if (Date.now() - missingSince > 10_000) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('snapshot-failed', `snapshot ${snapshot} disappeared from repository '${repository}'`, {
                    hint: 'Someone deleted it, or the repository was re-registered elsewhere.',
                });
            }
        }
        const now = Date.now();
        if (now >= deadline) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('snapshot-timeout', `snapshot ${snapshot} was still ${info?.state ?? 'starting'} after ${Math.round(options.timeoutMs / 1000)} s (opensearch-timeout)`, {
                hint: `It keeps running on the cluster and was not deleted; follow it with GET _snapshot/${repository}/${snapshot}/_status. Raise ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_3__/* .settingRef */ .y)('opensearch-timeout')} if snapshots are this slow.`,
                details: { snapshot, state: info?.state ?? null },
            });
        }
        if (now >= nextProgress) {
            log.info(await progressLine(client, repository, snapshot, now - started));
            nextProgress = now + progressEvery;
        }
        delay = (0,_snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .nextPollDelay */ .qC)(delay, options.pollInitialMs, options.pollMaxMs);
        await sleep(Math.max(0, Math.min(delay, deadline - Date.now())));
    }
}
/** Judge an existing snapshot (no side effects). API failures throw; a bad snapshot is a verdict. */
async function verifyOpenSearchSnapshot(client, options) {
    const info = await getSnapshot(client, options.repository, options.snapshot);
    const expected = options.expectedIndices ?? Object.keys((0,_indices_js__WEBPACK_IMPORTED_MODULE_1__/* .recordedCounts */ .xq)(info) ?? {});
    return (0,_snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .judgeSnapshot */ .a)(info, expected, options.snapshot);
}
/** Delete one snapshot through the API (never by removing files). */
async function deleteSnapshot(client, repository, snapshot, log) {
    try {
        await client.snapshot.delete({ repository, snapshot }, { maxRetries: 0, requestTimeout: 600_000 });
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeOpenSearchError */ .UO)(error, `deleting snapshot ${repository}/${snapshot}`);
    }
    log.info(`opensearch: deleted snapshot ${snapshot} from '${repository}'`);
}


/***/ }),

/***/ 81727:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C7: () => (/* binding */ dateFromSnapshotName),
/* harmony export */   Tv: () => (/* binding */ DEFAULT_NAME_PATTERN),
/* harmony export */   a: () => (/* binding */ judgeSnapshot),
/* harmony export */   aN: () => (/* binding */ snapshotName),
/* harmony export */   qC: () => (/* binding */ nextPollDelay)
/* harmony export */ });
const DEFAULT_NAME_PATTERN = 'snapshot_{date}';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
function snapshotName(pattern, date) {
    if (!pattern.includes('{date}'))
        throw new Error(`snapshot name pattern must contain '{date}': ${pattern}`);
    if (!DATE.test(date))
        throw new Error(`not a date YYYY-MM-DD: ${date}`);
    return pattern.replace('{date}', date);
}
/** The date of a snapshot named by `pattern`, or undefined when the name is not one of ours. */
function dateFromSnapshotName(pattern, name) {
    const [before, after] = pattern.split('{date}');
    const quote = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`^${quote(before)}(\\d{4}-\\d{2}-\\d{2})${quote(after)}$`).exec(name);
    return m?.[1];
}
/** The verdict on a snapshot. Pure: the only place that decides whether a snapshot is good. */
function judgeSnapshot(info, expectedIndices, name = info?.snapshot ?? '?') {
    if (!info) {
        return {
            ok: false,
            snapshot: name,
            state: 'MISSING',
            shards: { total: 0, successful: 0, failed: 0 },
            failures: [],
            indices: [],
            missingIndices: [...expectedIndices],
            problems: [`snapshot ${name} does not exist in the repository`],
        };
    }
    const state = info.state ?? 'UNKNOWN';
    const shards = {
        total: info.shards?.total ?? 0,
        successful: info.shards?.successful ?? 0,
        failed: info.shards?.failed ?? 0,
    };
    const failures = (info.failures ?? []).map((f) => ({
        index: f.index ?? '?',
        shard: f.shard_id === undefined ? null : Number(f.shard_id),
        reason: f.reason ?? '',
        status: f.status ?? '',
    }));
    const indices = [...(info.indices ?? [])].sort();
    const present = new Set(indices);
    const missingIndices = expectedIndices.filter((i) => !present.has(i));
    const problems = [];
    if (state !== 'SUCCESS')
        problems.push(`state is ${state}, not SUCCESS`);
    if (shards.failed !== 0)
        problems.push(`${shards.failed} of ${shards.total} shards failed`);
    if (info.shards === undefined)
        problems.push('the snapshot reports no shard counts');
    if (failures.length > 0) {
        const shown = failures
            .slice(0, 5)
            .map((f) => `${f.index}[${f.shard ?? '?'}]: ${f.reason}`)
            .join('; ');
        problems.push(`${failures.length} shard failure(s): ${shown}${failures.length > 5 ? '; ...' : ''}`);
    }
    if (missingIndices.length > 0)
        problems.push(`expected indices missing from the snapshot: ${missingIndices.join(', ')}`);
    return {
        ok: problems.length === 0,
        snapshot: info.snapshot ?? name,
        state,
        shards,
        failures,
        indices,
        missingIndices,
        problems,
    };
}
/** Delay before the next poll: grows by half each time from `initialMs`, capped at `maxMs`. */
function nextPollDelay(previousMs, initialMs = 100, maxMs = 500) {
    if (previousMs === undefined)
        return initialMs;
    return Math.min(maxMs, Math.ceil(previousMs * 1.5));
}


/***/ }),

/***/ 32247:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C7: () => (/* reexport safe */ _snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_5__.C7),
/* harmony export */   Cj: () => (/* reexport safe */ _snapshot_status_js__WEBPACK_IMPORTED_MODULE_3__.Cj),
/* harmony export */   Tv: () => (/* reexport safe */ _snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_5__.Tv),
/* harmony export */   UH: () => (/* reexport safe */ _snapshot_status_js__WEBPACK_IMPORTED_MODULE_3__.UH),
/* harmony export */   a: () => (/* reexport safe */ _snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_5__.a),
/* harmony export */   aN: () => (/* reexport safe */ _snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_5__.aN),
/* harmony export */   dV: () => (/* reexport safe */ _snapshot_status_js__WEBPACK_IMPORTED_MODULE_3__.dV),
/* harmony export */   l6: () => (/* binding */ snapshotOpenSearch),
/* harmony export */   xq: () => (/* reexport safe */ _indices_js__WEBPACK_IMPORTED_MODULE_1__.xq)
/* harmony export */ });
/* harmony import */ var _report_summary_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(70241);
/* harmony import */ var _setting_ref_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(46870);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(15831);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12968);
/* harmony import */ var _indices_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(18410);
/* harmony import */ var _repository_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(65111);
/* harmony import */ var _snapshot_status_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(28650);
/* harmony import */ var _snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(81727);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(35446);












function componentResult(base, info, verdict, indices, docCountsSource, sizes) {
    return {
        component: 'opensearch',
        repository: base.repository,
        location: base.location,
        snapshot: base.snapshot,
        uuid: info?.uuid ?? null,
        state: verdict.state,
        reused: base.reused,
        verdict: verdict.ok ? 'passed' : 'failed',
        problems: verdict.problems,
        includeGlobalState: info?.include_global_state ?? base.includeGlobalState,
        excludedIndices: base.excludedIndices,
        startTime: info?.start_time ?? null,
        endTime: info?.end_time ?? null,
        snapshotDurationMs: info?.duration_in_millis ?? null,
        durationMs: Date.now() - base.started,
        shards: verdict.shards,
        failures: verdict.failures,
        indices,
        docCountsSource,
        sizes,
    };
}
/**
 * The backup's OpenSearch step: ensure + verify the repository, reuse today's snapshot when it is
 * good (or wait for it when it is still running), otherwise take it, wait for it and judge it.
 * Resolves with the manifest record only when the verdict passed; otherwise throws an
 * OpenSearchError whose `details` hold the failed record.
 */
async function snapshotOpenSearch(client, options, log) {
    const started = Date.now();
    const { repository } = options;
    const name = (0,_snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_5__/* .snapshotName */ .aN)(options.namePattern ?? _snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_NAME_PATTERN */ .Tv, options.date);
    const excludedIndices = [...(options.excludeIndices ?? _types_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_EXCLUDED_INDICES */ .J)];
    const includeGlobalState = options.includeGlobalState ?? false;
    const repo = await (0,_repository_js__WEBPACK_IMPORTED_MODULE_2__/* .ensureRepository */ .z)(client, { repository, location: options.location, register: options.registerRepository ?? true }, log);
    const base = {
        repository,
        location: repo.location,
        snapshot: name,
        includeGlobalState,
        excludedIndices,
        started,
    };
    const reused = await reuseExisting(client, options, base, log);
    if (reused)
        return reused;
    const { counts, expected } = await createSnapshot(client, options, base, log);
    const info = await (0,_snapshot_status_js__WEBPACK_IMPORTED_MODULE_3__/* .waitForSnapshot */ .ne)(client, repository, name, options, log);
    const verdict = (0,_snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_5__/* .judgeSnapshot */ .a)(info, expected, name);
    const sizes = await (0,_snapshot_status_js__WEBPACK_IMPORTED_MODULE_3__/* .snapshotSizes */ .Pb)(client, repository, name);
    const result = componentResult({ ...base, reused: false }, info, verdict, counts, 'counted-before-snapshot', sizes);
    if (!verdict.ok) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('snapshot-failed', `snapshot ${name} failed verification: ${verdict.problems.join('; ')}`, {
            details: result,
            hint: `GET _snapshot/${repository}/${name} shows the snapshot; its failures name the shards and the reasons.`,
        });
    }
    log.info(`opensearch: ${name} SUCCESS: ${verdict.shards.successful}/${verdict.shards.total} shards, ${(0,_report_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .plural */ .LS)(verdict.indices.length, 'index', 'indices')}${sizes ? `, ${(0,_text_js__WEBPACK_IMPORTED_MODULE_7__/* .formatBytes */ .z3)(sizes.incrementalSizeBytes)} new of ${(0,_text_js__WEBPACK_IMPORTED_MODULE_7__/* .formatBytes */ .z3)(sizes.sizeBytes)}` : ''}`);
    return result;
}
/**
 * An existing snapshot for the day: reused when good (its record returned), waited for when
 * running, deleted through the API when it fails its verdict (undefined: take it again).
 */
async function reuseExisting(client, options, base, log) {
    const { repository, snapshot: name } = base;
    let existing = await (0,_snapshot_status_js__WEBPACK_IMPORTED_MODULE_3__/* .getSnapshot */ .dV)(client, repository, name);
    if (existing?.state === 'IN_PROGRESS') {
        log.info(`opensearch: ${name} is already running; waiting for it`);
        existing = await (0,_snapshot_status_js__WEBPACK_IMPORTED_MODULE_3__/* .waitForSnapshot */ .ne)(client, repository, name, options, log);
    }
    if (!existing)
        return undefined;
    const recorded = (0,_indices_js__WEBPACK_IMPORTED_MODULE_1__/* .recordedCounts */ .xq)(existing);
    const rows = await (0,_indices_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveIndices */ .eI)(client, options.indices ?? ['*'], base.excludedIndices);
    const expected = recorded ? Object.keys(recorded) : rows.map((r) => r.index);
    const verdict = (0,_snapshot_verdict_js__WEBPACK_IMPORTED_MODULE_5__/* .judgeSnapshot */ .a)(existing, expected, name);
    if (!verdict.ok) {
        log.warn(`opensearch: ${name} exists but fails verification (${verdict.problems.join('; ')}); deleting it through the API and taking it again`);
        await (0,_snapshot_status_js__WEBPACK_IMPORTED_MODULE_3__/* .deleteSnapshot */ .Cj)(client, repository, name, log);
        return undefined;
    }
    const indices = recorded
        ? Object.fromEntries(Object.entries(recorded).map(([k, docs]) => {
            const row = rows.find((r) => r.index === k);
            return [k, { docs, health: row?.health ?? 'unknown', status: row?.status ?? 'unknown' }];
        }))
        : await (0,_indices_js__WEBPACK_IMPORTED_MODULE_1__/* .countDocuments */ .kA)(client, rows.filter((r) => verdict.indices.includes(r.index)));
    log.info(`opensearch: ${name} already exists and passed verification; reusing it`);
    const sizes = await (0,_snapshot_status_js__WEBPACK_IMPORTED_MODULE_3__/* .snapshotSizes */ .Pb)(client, repository, name);
    return componentResult({ ...base, reused: true }, existing, verdict, indices, recorded ? 'snapshot-metadata' : 'counted-now', sizes);
}
/** Counts the documents, then asks for the snapshot (without waiting, without retry). */
async function createSnapshot(client, options, base, log) {
    const { repository, snapshot: name, excludedIndices } = base;
    const rows = await (0,_indices_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveIndices */ .eI)(client, options.indices ?? ['*'], excludedIndices);
    const red = rows.filter((r) => r.health === 'red');
    if (red.length > 0) {
        log.warn(`opensearch: red indices (some primary shards unavailable): ${red.map((r) => r.index).join(', ')}`);
    }
    if (rows.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('index-missing', `no index matches ${(options.indices ?? ['*']).join(',')} (after leaving out ${excludedIndices.join(', ')}): nothing to snapshot`, { hint: `Check ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_8__/* .settingRef */ .y)('indices')} and that OpenSearch holds the data you expect.` });
    }
    const counts = await (0,_indices_js__WEBPACK_IMPORTED_MODULE_1__/* .countDocuments */ .kA)(client, rows);
    const expected = rows.map((r) => r.index);
    const totalDocs = Object.values(counts).reduce((sum, c) => sum + (c.docs ?? 0), 0);
    log.info(`opensearch: taking ${name} of ${(0,_report_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .plural */ .LS)(expected.length, 'index', 'indices')} (${(0,_report_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .plural */ .LS)(totalDocs, 'document')}) into '${repository}'`);
    try {
        await client.snapshot.create({
            repository,
            snapshot: name,
            wait_for_completion: false,
            body: {
                // An explicit list: the verdict checks exactly these; an empty cluster takes an empty snapshot.
                indices: expected.join(','),
                ignore_unavailable: false,
                include_global_state: base.includeGlobalState,
                partial: options.partial ?? false,
                metadata: (0,_indices_js__WEBPACK_IMPORTED_MODULE_1__/* .metadataFor */ .Bl)(counts),
            },
        }, { maxRetries: 0, requestTimeout: 120_000 });
    }
    catch (error) {
        const described = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeOpenSearchError */ .UO)(error, `creating snapshot ${name}`);
        if (described.code === 'api' && red.length > 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('snapshot-failed', `${described.message}`, {
                ...(described.status === undefined ? {} : { status: described.status }),
                hint: `Red indices cannot be snapshotted completely: ${red.map((r) => r.index).join(', ')}. Fix the cluster (GET _cluster/allocation/explain), or exclude them with ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_8__/* .settingRef */ .y)('indices')}.`,
            });
        }
        throw described;
    }
    return { counts, expected };
}


/***/ }),

/***/ 35446:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ DEFAULT_EXCLUDED_INDICES)
/* harmony export */ });
/* unused harmony export silentLog */
/** Shapes shared by the OpenSearch room. Everything in a result is JSON-serialisable (it goes into the manifest). */
const silentLog = { info: () => { }, warn: () => { } };
/** Indices never taken or restored by default: restoring them breaks a cluster with the security plugin on. */
const DEFAULT_EXCLUDED_INDICES = ['.opendistro_security'];


/***/ })

};

export const id = 391;
export const ids = [391];
export const modules = {

/***/ 63797:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ judgePathRepo),
/* harmony export */   EO: () => (/* binding */ judgeNodeDisks),
/* harmony export */   FC: () => (/* binding */ nodeDisks),
/* harmony export */   T2: () => (/* binding */ EXPLAINED_SHARDS),
/* harmony export */   Vt: () => (/* binding */ pathRepoOf),
/* harmony export */   nu: () => (/* binding */ explainUnassigned),
/* harmony export */   or: () => (/* binding */ judgeClusterHealth)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15831);
/* harmony import */ var _watermarks_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2614);
/**
 * Judging an OpenSearch cluster from its API answers (no I/O): health and why shards are
 * unassigned, disk use per node against the watermarks the cluster applies, path.repo and the
 * snapshot repository. The runbook's "OpenSearch Cluster Maintenance" section, as findings.
 */


/** The explanation of one shard, short enough for a table cell. */
function explainUnassigned(body, fallback) {
    const deciders = (body.node_allocation_decisions ?? []).flatMap((node) => (node.deciders ?? [])
        .filter((d) => d.decision === 'NO')
        .map((d) => `${node.node_name ?? '?'}: ${d.explanation ?? d.decider ?? ''}`));
    const parts = [body.allocate_explanation, ...new Set(deciders)].filter((p) => !!p);
    return {
        ...fallback,
        reason: body.unassigned_info?.reason ?? fallback.reason,
        explanation: parts.slice(0, 3).join('; ').slice(0, 600),
    };
}
function shardName(s) {
    return `${s.index}[${s.shard}] ${s.primary ? 'primary' : 'replica'}`;
}
/** How many unassigned shards are explained one by one (each is one request). */
const EXPLAINED_SHARDS = 5;
function judgeClusterHealth(health, unassigned) {
    const status = health.status ?? 'unknown';
    const count = health.unassigned_shards ?? unassigned.length;
    const counts = `${health.number_of_nodes ?? '?'} node(s), ${health.active_shards ?? '?'} active shard(s), ${count} unassigned`;
    const findings = [];
    const primaries = unassigned.filter((s) => s.primary);
    const onlyReplicasOnOneNode = health.number_of_nodes === 1 && unassigned.length > 0 && primaries.length === 0;
    if (status === 'green') {
        findings.push({
            area: 'opensearch',
            check: 'cluster health',
            status: 'ok',
            summary: `green: ${counts}`,
        });
    }
    else if (status === 'yellow') {
        findings.push({
            area: 'opensearch',
            check: 'cluster health',
            status: 'warn',
            summary: `yellow: every primary shard is assigned, some replicas are not (${counts})`,
            fix: onlyReplicasOnOneNode
                ? 'A single node cannot hold replicas: set index.number_of_replicas to 0 on its indices, or add a node.'
                : 'See the unassigned shards below.',
        });
    }
    else {
        findings.push({
            area: 'opensearch',
            check: 'cluster health',
            status: 'fail',
            blocking: true,
            summary: `${status}: ${status === 'red' ? 'some primary shards are unassigned, their data cannot be read or snapshotted' : 'not green, yellow or red'} (${counts})`,
            fix: 'Bring the unassigned primaries back (see below) before backing up or restoring: a snapshot of a red cluster is PARTIAL.',
        });
    }
    for (const s of unassigned) {
        findings.push({
            area: 'opensearch',
            check: `unassigned ${shardName(s)}`,
            status: s.primary ? 'fail' : 'warn',
            ...(s.primary ? { blocking: true } : {}),
            summary: `${s.reason}${s.explanation ? `: ${s.explanation}` : ''}`,
            fix: `GET _cluster/allocation/explain with {"index":"${s.index}","shard":${s.shard},"primary":${s.primary}} shows every decider.`,
        });
    }
    if (count > unassigned.length) {
        findings.push({
            area: 'opensearch',
            check: 'unassigned shards',
            status: 'warn',
            summary: `${count - unassigned.length} more unassigned shard(s) not explained here (the first ${unassigned.length} are above).`,
        });
    }
    return findings;
}
function nodeDisks(rows) {
    const n = (v) => v === null || v === undefined ? Number.NaN : Number(v);
    return rows
        .filter((row) => row.node && row.node !== 'UNASSIGNED' && !Number.isNaN(n(row['disk.total'])))
        .map((row) => {
        const total = n(row['disk.total']);
        const used = n(row['disk.used']);
        return {
            node: row.node,
            usedBytes: used,
            availBytes: n(row['disk.avail']),
            totalBytes: total,
            // From the bytes, not the rounded disk.percent column: 94.6% is not 95%.
            usedPercent: total > 0 ? (used / total) * 100 : n(row['disk.percent']),
        };
    });
}
function judgeNodeDisks(disks, watermarks) {
    const { marks } = watermarks;
    const findings = [];
    const limits = `low ${(0,_watermarks_js__WEBPACK_IMPORTED_MODULE_0__/* .describeWatermark */ .y1)(marks.low.mark)}, high ${(0,_watermarks_js__WEBPACK_IMPORTED_MODULE_0__/* .describeWatermark */ .y1)(marks.high.mark)}, flood-stage ${(0,_watermarks_js__WEBPACK_IMPORTED_MODULE_0__/* .describeWatermark */ .y1)(marks['flood-stage'].mark)}`;
    for (const problem of watermarks.problems) {
        findings.push({
            area: 'opensearch',
            check: 'watermarks',
            status: 'warn',
            summary: `${problem}; judged by the default instead`,
        });
    }
    if (!watermarks.thresholdEnabled) {
        findings.push({
            area: 'opensearch',
            check: 'watermarks',
            status: 'warn',
            summary: `${_watermarks_js__WEBPACK_IMPORTED_MODULE_0__/* .THRESHOLD_ENABLED_KEY */ .UW} is false: OpenSearch enforces none of the watermarks (${limits}); a full disk fails writes instead`,
            fix: `PUT _cluster/settings {"persistent":{"${_watermarks_js__WEBPACK_IMPORTED_MODULE_0__/* .THRESHOLD_ENABLED_KEY */ .UW}":true}} unless this is a test node.`,
        });
    }
    if (disks.length === 0) {
        findings.push({
            area: 'opensearch',
            check: 'disk',
            status: 'warn',
            summary: '_cat/allocation reported no node with disk figures',
        });
    }
    for (const disk of disks) {
        const level = (0,_watermarks_js__WEBPACK_IMPORTED_MODULE_0__/* .levelReached */ .RS)(marks, disk);
        const use = `${disk.usedPercent.toFixed(1)}% used, ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(disk.availBytes)} free of ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(disk.totalBytes)}`;
        const check = `disk ${disk.node}`;
        if (level === null) {
            findings.push({
                area: 'opensearch',
                check,
                status: 'ok',
                summary: `${use}; below every watermark (${limits})`,
            });
        }
        else if (level === 'flood-stage') {
            findings.push({
                area: 'opensearch',
                check,
                status: 'fail',
                blocking: true,
                summary: `${use}: past the flood-stage watermark (${(0,_watermarks_js__WEBPACK_IMPORTED_MODULE_0__/* .describeWatermark */ .y1)(marks['flood-stage'].mark)}, ${marks['flood-stage'].source}); OpenSearch makes every index on it read-only`,
                fix: 'Free disk space on the node (old indices, snapshots in a repository on the same disk), then check again; set-watermarks changes the levels but not the disk.',
            });
        }
        else {
            findings.push({
                area: 'opensearch',
                check,
                status: 'warn',
                summary: `${use}: past the ${level} watermark (${(0,_watermarks_js__WEBPACK_IMPORTED_MODULE_0__/* .describeWatermark */ .y1)(marks[level].mark)}, ${marks[level].source}); ${level === 'high' ? 'OpenSearch moves shards away from it' : 'no new shards are allocated to it'}`,
                fix: 'Free disk space on the node before it reaches flood-stage.',
            });
        }
    }
    return findings;
}
/** `path.repo` of each node (`GET _nodes/settings`), normalised to a list of directories. */
function pathRepoOf(settings) {
    const path = settings?.['path']?.['repo'] ?? settings?.['path.repo'];
    if (Array.isArray(path))
        return path.map(String).filter((p) => p !== '');
    if (typeof path === 'string' && path !== '') {
        return path
            .replace(/^\[|\]$/g, '')
            .split(',')
            .map((p) => p.trim())
            .filter((p) => p !== '');
    }
    return [];
}
function under(location, dir) {
    const d = dir.replace(/\/+$/, '');
    return location === d || location.startsWith(`${d}/`);
}
/**
 * path.repo against the repository's location: a node without path.repo cannot hold any fs
 * repository, a location outside it cannot be registered.
 */
function judgePathRepo(nodes, location) {
    const findings = [];
    for (const node of nodes) {
        if (node.pathRepo.length === 0) {
            findings.push({
                area: 'opensearch',
                check: `path.repo ${node.name}`,
                status: 'fail',
                summary: 'the node has no path.repo: no fs snapshot repository can be registered or used',
                fix: `Set path.repo to include ${location} in opensearch.yml (or the environment variable path.repo=${location}) on every node, mount a host directory there, and restart OpenSearch.`,
            });
        }
        else if (!node.pathRepo.some((dir) => under(location, dir))) {
            findings.push({
                area: 'opensearch',
                check: `path.repo ${node.name}`,
                status: 'fail',
                summary: `snapshot-location ${location} is outside the node's path.repo (${node.pathRepo.join(', ')})`,
                fix: `Set snapshot-location to a directory under ${node.pathRepo[0]}, or add ${location} to path.repo on every node and restart it.`,
            });
        }
    }
    if (findings.length === 0 && nodes.length > 0) {
        findings.push({
            area: 'opensearch',
            check: 'path.repo',
            status: 'ok',
            summary: `${location} is under path.repo on ${nodes.length} node(s)`,
        });
    }
    return findings;
}


/***/ }),

/***/ 2614:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  UW: () => (/* binding */ THRESHOLD_ENABLED_KEY),
  eL: () => (/* binding */ WATERMARK_KEYS),
  J: () => (/* binding */ WATERMARK_LEVELS),
  y1: () => (/* binding */ describeWatermark),
  Jy: () => (/* binding */ effectiveWatermarks),
  RS: () => (/* binding */ levelReached),
  OZ: () => (/* binding */ parseWatermark),
  Nt: () => (/* binding */ watermarkOrderProblems)
});

// UNUSED EXPORTS: exceeds, overriddenWatermarks

// EXTERNAL MODULE: ./lib/src/shared/text.js
var shared_text = __webpack_require__(15831);
;// CONCATENATED MODULE: ./lib/src/shared/health/bytes.js
/** Byte sizes as OpenSearch writes them ('500mb', '1.5gb', '10b'): 1024-based, case-insensitive. */
const UNITS = {
    b: 1,
    k: 1024,
    kb: 1024,
    m: 1024 ** 2,
    mb: 1024 ** 2,
    g: 1024 ** 3,
    gb: 1024 ** 3,
    t: 1024 ** 4,
    tb: 1024 ** 4,
    p: 1024 ** 5,
    pb: 1024 ** 5,
};
const BYTE_SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb?|mb?|gb?|tb?|pb?)\s*$/i;
/** Bytes of an OpenSearch byte size, or undefined when `text` is not one. */
function parseByteSize(text) {
    const m = BYTE_SIZE.exec(text);
    if (!m)
        return undefined;
    return Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]);
}

;// CONCATENATED MODULE: ./lib/src/shared/health/watermarks.js
/**
 * OpenSearch's disk watermarks, as the cluster applies them: each is either a share of the disk
 * used ('85%' or the ratio '0.85') or an amount of space that must stay free ('50gb'). The three
 * must be of one kind, and in order: percentages rise (low <= high <= flood stage), free
 * amounts fall (low >= high >= flood stage), as OpenSearch itself requires.
 */


const WATERMARK_LEVELS = ['low', 'high', 'flood-stage'];
/** The cluster setting behind each level. */
const WATERMARK_KEYS = {
    low: 'cluster.routing.allocation.disk.watermark.low',
    high: 'cluster.routing.allocation.disk.watermark.high',
    'flood-stage': 'cluster.routing.allocation.disk.watermark.flood_stage',
};
const THRESHOLD_ENABLED_KEY = 'cluster.routing.allocation.disk.threshold_enabled';
/** OpenSearch's own defaults, for a cluster that reports none. */
const DEFAULTS = { low: '85%', high: '90%', 'flood-stage': '95%' };
const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;
const RATIO = /^\s*(0(?:\.\d+)?|1(?:\.0+)?|\.\d+)\s*$/;
/** A watermark value, or undefined when `raw` is neither a percentage, a ratio nor a byte size. */
function parseWatermark(raw) {
    const percent = PERCENT.exec(raw);
    if (percent) {
        const value = Number(percent[1]);
        return value <= 100 ? { kind: 'used-percent', percent: value, raw } : undefined;
    }
    const ratio = RATIO.exec(raw);
    if (ratio)
        return { kind: 'used-percent', percent: Number(ratio[1]) * 100, raw };
    const bytes = parseByteSize(raw);
    return bytes === undefined ? undefined : { kind: 'free-bytes', bytes, raw };
}
function describeWatermark(w) {
    return w.kind === 'used-percent' ? `${w.raw} used` : `${w.raw} (${(0,shared_text/* formatBytes */.z3)(w.bytes)}) free`;
}
/** Problems with a set of watermarks (kinds mixed, out of order), naming the settings as given. */
function watermarkOrderProblems(values) {
    const given = WATERMARK_LEVELS.filter((level) => values[level] !== undefined).map((level) => ({
        level,
        mark: values[level],
    }));
    const kinds = new Set(given.map((g) => g.mark.kind));
    if (kinds.size > 1) {
        return [
            `Watermarks mix percentages and byte sizes (${given.map((g) => `${g.level}: ${g.mark.raw}`).join(', ')}): expected all three of one kind; set low, high and flood-stage together.`,
        ];
    }
    const problems = [];
    for (let i = 1; i < given.length; i++) {
        const before = given[i - 1];
        const after = given[i];
        const ordered = before.mark.kind === 'used-percent' && after.mark.kind === 'used-percent'
            ? before.mark.percent <= after.mark.percent
            : before.mark.kind === 'free-bytes' && after.mark.kind === 'free-bytes'
                ? before.mark.bytes >= after.mark.bytes
                : false;
        if (!ordered) {
            const relation = before.mark.kind === 'used-percent'
                ? `expected ${before.level} <= ${after.level} (shares of the disk used rise from low to flood-stage)`
                : `expected ${before.level} >= ${after.level} (free space required falls from low to flood-stage)`;
            problems.push(`Watermarks out of order: '${before.level}' is ${before.mark.raw} and '${after.level}' is ${after.mark.raw}; ${relation}.`);
        }
    }
    return problems;
}
/** The value OpenSearch applies: transient over persistent over the node's defaults. */
function effective(body, key) {
    for (const source of ['transient', 'persistent', 'defaults']) {
        const value = flat(body[source], key);
        if (value !== undefined)
            return { value, source: source === 'defaults' ? 'default' : source };
    }
    return undefined;
}
/** A key from flat settings, or the same key nested (a cluster answering without flat_settings). */
function flat(settings, key) {
    if (!settings)
        return undefined;
    if (key in settings)
        return String(settings[key]);
    let node = settings;
    for (const part of key.split('.')) {
        if (typeof node !== 'object' || node === null || !(part in node))
            return undefined;
        node = node[part];
    }
    return node === undefined || typeof node === 'object' ? undefined : String(node);
}
function effectiveWatermarks(body) {
    const problems = [];
    const marks = {};
    for (const level of WATERMARK_LEVELS) {
        const found = effective(body, WATERMARK_KEYS[level]) ?? { value: DEFAULTS[level], source: 'default' };
        let mark = parseWatermark(found.value);
        if (!mark) {
            problems.push(`${WATERMARK_KEYS[level]} is '${found.value}', not a percentage or a byte size`);
            mark = parseWatermark(DEFAULTS[level]);
        }
        marks[level] = { level, mark, source: found.source };
    }
    const enabled = effective(body, THRESHOLD_ENABLED_KEY);
    return { marks, thresholdEnabled: enabled === undefined || enabled.value !== 'false', problems };
}
/** The cluster's current override of each level (transient or persistent), for a before/after. */
function overriddenWatermarks(body, scope) {
    return Object.fromEntries(WATERMARK_LEVELS.map((level) => [level, flat(body[scope], WATERMARK_KEYS[level]) ?? null]));
}
/** True when the node is past the watermark: more of the disk used, or less free, than it allows. */
function exceeds(mark, disk) {
    return mark.kind === 'used-percent' ? disk.usedPercent > mark.percent : disk.availBytes < mark.bytes;
}
/** The highest level the node is past, or null. */
function levelReached(marks, disk) {
    for (const level of ['flood-stage', 'high', 'low'])
        if (exceeds(marks[level].mark, disk))
            return level;
    return null;
}


/***/ }),

/***/ 89985:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $B: () => (/* binding */ putWatermarks),
/* harmony export */   DK: () => (/* binding */ readClusterHealth),
/* harmony export */   Ic: () => (/* binding */ readPathRepo),
/* harmony export */   Nu: () => (/* binding */ readRepository),
/* harmony export */   Qr: () => (/* binding */ readClusterSettings),
/* harmony export */   _B: () => (/* binding */ readDiskAllocation),
/* harmony export */   nq: () => (/* binding */ readUnassignedShards)
/* harmony export */ });
/* harmony import */ var _health_opensearch_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(63797);
/* harmony import */ var _health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2614);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12968);



async function read(doing, request) {
    try {
        return (await request()).body;
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeOpenSearchError */ .UO)(error, doing);
    }
}
function readClusterHealth(client) {
    return read('reading the cluster health', () => client.cluster.health());
}
/** Up to `max` unassigned shards, primaries first, each with what allocation/explain says. */
async function readUnassignedShards(client, max) {
    const rows = await read('listing the shards', () => client.cat.shards({ format: 'json', h: ['index', 'shard', 'prirep', 'state', 'unassigned.reason'] }));
    const unassigned = rows
        .filter((row) => row.state === 'UNASSIGNED')
        .map((row) => ({
        index: row.index ?? '?',
        shard: Number(row.shard),
        primary: row.prirep === 'p',
        reason: row['unassigned.reason'] ?? 'unknown',
        explanation: '',
    }))
        .sort((a, b) => Number(b.primary) - Number(a.primary) || a.index.localeCompare(b.index) || a.shard - b.shard)
        .slice(0, max);
    const explained = [];
    for (const shard of unassigned) {
        try {
            const body = await read(`explaining ${shard.index}[${shard.shard}]`, () => client.cluster.allocationExplain({
                body: { index: shard.index, shard: shard.shard, primary: shard.primary },
            }));
            explained.push((0,_health_opensearch_js__WEBPACK_IMPORTED_MODULE_0__/* .explainUnassigned */ .nu)(body, shard));
        }
        catch (error) {
            // The shard may have been assigned since it was listed: keep what the listing said.
            explained.push({ ...shard, explanation: `allocation/explain failed: ${error.message}` });
        }
    }
    return explained;
}
function readDiskAllocation(client) {
    return read('reading the disk allocation (_cat/allocation)', () => client.cat.allocation({ format: 'json', bytes: 'b' }));
}
function readClusterSettings(client) {
    return read('reading the cluster settings', () => client.cluster.getSettings({ include_defaults: true, flat_settings: true }));
}
/** Each node's name and path.repo. */
async function readPathRepo(client) {
    const body = await read('reading the nodes settings (path.repo)', () => client.nodes.info({ metric: ['settings'] }));
    return Object.entries(body.nodes ?? {}).map(([id, node]) => ({
        name: node.name ?? id,
        pathRepo: (0,_health_opensearch_js__WEBPACK_IMPORTED_MODULE_0__/* .pathRepoOf */ .Vt)(node.settings),
    }));
}
/** The registered repository's type and location, or null when it is not registered. */
async function readRepository(client, repository) {
    try {
        const response = await client.snapshot.getRepository({ repository }, { ignore: [404] });
        if (response.statusCode === 404)
            return null;
        const found = response.body[repository];
        return found ? { type: found.type ?? 'unknown', location: found.settings?.location ?? '' } : null;
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeOpenSearchError */ .UO)(error, `reading snapshot repository '${repository}'`);
    }
}
/**
 * Sets the given watermark levels (null: remove the override) in one request; fails unless the
 * cluster acknowledged it.
 */
async function putWatermarks(client, scope, values) {
    const settings = {};
    for (const [level, value] of Object.entries(values)) {
        settings[_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .WATERMARK_KEYS */ .eL[level]] = value;
    }
    const body = await read('changing the disk watermarks', () => client.cluster.putSettings({ body: { [scope]: settings } }));
    if (body.acknowledged !== true) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OpenSearchError */ .R0('api', 'changing the disk watermarks: the cluster did not acknowledge it', {
            hint: 'GET _cluster/settings shows what it holds now; run set-watermarks again.',
        });
    }
}


/***/ }),

/***/ 65111:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ ensureRepository)
/* harmony export */ });
/* unused harmony export explainRepositoryFailure */
/* harmony import */ var _setting_ref_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46870);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12968);
/**
 * The snapshot repository: registered when missing (type fs), then checked with
 * `POST _snapshot/<repo>/_verify`, the only check that proves the nodes can write there.
 */


const NOT_WRITABLE = /AccessDenied|access_denied|Permission denied|not writable|read-only file system|ReadOnlyFileSystem/i;
const PATH_REPO_EMPTY = /path\.repo.*(empty|not set)|doesn't have any configured locations|location .* doesn't match any .* because this setting is empty/i;
const OUTSIDE = /doesn't match any of the locations specified by path\.repo/i;
/** Map a repository failure to one of the usual causes, with what to do. */
function explainRepositoryFailure(repository, location, text, status) {
    const extra = status === undefined ? {} : { status };
    if (PATH_REPO_EMPTY.test(text)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('repository-path-repo-unset', `snapshot repository '${repository}': OpenSearch has no path.repo, so no fs repository can be registered (${text})`, {
            ...extra,
            hint: `Set path.repo to include ${location} in opensearch.yml (or the environment variable path.repo=${location}) on every node, mount a host directory there, and restart OpenSearch.`,
        });
    }
    if (OUTSIDE.test(text)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('repository-outside-path-repo', `snapshot repository '${repository}': location ${location} is outside OpenSearch's path.repo (${text})`, {
            ...extra,
            hint: `Either set ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_1__/* .settingRef */ .y)('snapshot-location')} to a directory under the node's path.repo, or add ${location} to path.repo on every node and restart it.`,
        });
    }
    if (NOT_WRITABLE.test(text)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('repository-not-writable', `snapshot repository '${repository}': OpenSearch cannot write to ${location} (${text})`, {
            ...extra,
            hint: `The directory must exist in the container and belong to the user OpenSearch runs as (uid 1000 in the official image): e.g. chown -R 1000:1000 on the host directory mounted at ${location}.`,
        });
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('repository', `snapshot repository '${repository}' at ${location} is not usable: ${text}`, {
        ...extra,
        hint: 'POST _snapshot/<repository>/_verify on the node shows the same error.',
    });
}
function repositoryError(error, repository, location, doing) {
    const e = error;
    if (e?.name === 'ResponseError' && e.meta && e.meta.statusCode !== 401 && e.meta.statusCode !== 403) {
        const { text } = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorBodyText */ ._R)(e.meta.body);
        return explainRepositoryFailure(repository, location, text, e.meta.statusCode ?? undefined);
    }
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeOpenSearchError */ .UO)(error, doing);
}
async function ensureRepository(client, options, log) {
    const { repository, location } = options;
    let registered = false;
    let type = 'fs';
    let actualLocation = location;
    const existing = await client.snapshot
        .getRepository({ repository }, { ignore: [404] })
        .catch((error) => {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeOpenSearchError */ .UO)(error, `reading snapshot repository '${repository}'`);
    });
    const found = existing.statusCode === 404
        ? undefined
        : existing.body[repository];
    if (!found) {
        if (options.register === false) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OpenSearchError */ .R0('repository', `snapshot repository '${repository}' is not registered`, {
                hint: `Register it (PUT _snapshot/${repository} with type fs and location ${location}) or allow registration.`,
            });
        }
        log.info(`opensearch: registering snapshot repository '${repository}' (fs, ${location})`);
        try {
            await client.snapshot.createRepository({ repository, body: { type: 'fs', settings: { location } } }, { requestTimeout: 60_000 });
        }
        catch (error) {
            throw repositoryError(error, repository, location, `registering snapshot repository '${repository}'`);
        }
        registered = true;
    }
    else {
        type = found.type ?? 'unknown';
        actualLocation = found.settings?.location ?? '';
        if (type === 'fs' && actualLocation && actualLocation !== location) {
            log.warn(`opensearch: repository '${repository}' is registered at ${actualLocation}, not at snapshot-location ${location}; using it as registered`);
        }
    }
    let verifiedNodes = [];
    try {
        const verify = await client.snapshot.verifyRepository({ repository }, { requestTimeout: 60_000 });
        const nodes = verify.body.nodes ?? {};
        verifiedNodes = Object.values(nodes).map((n) => n.name ?? '?');
    }
    catch (error) {
        throw repositoryError(error, repository, actualLocation || location, `verifying snapshot repository '${repository}'`);
    }
    log.info(`opensearch: repository '${repository}' verified by ${verifiedNodes.length} node(s)${registered ? ' (registered now)' : ''}`);
    return { repository, type, location: actualLocation || location, registered, verifiedNodes };
}


/***/ })

};

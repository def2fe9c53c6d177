export const id = 465;
export const ids = [465];
export const modules = {

/***/ 20465:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  M5: () => (/* binding */ filesTable),
  a3: () => (/* binding */ formatDuration),
  aH: () => (/* binding */ layoutOf),
  Zb: () => (/* binding */ openHost),
  jJ: () => (/* binding */ openOpenSearch),
  rU: () => (/* binding */ osLog),
  RB: () => (/* binding */ postgresTarget)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/index.js + 13 modules
var opensearch = __webpack_require__(88507);
// EXTERNAL MODULE: ./lib/src/shared/remote/index.js + 7 modules
var shared_remote = __webpack_require__(43031);
// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(85472);
// EXTERNAL MODULE: ./lib/src/shared/setting-ref.js
var setting_ref = __webpack_require__(46870);
;// CONCATENATED MODULE: ./lib/src/shared/remote/key-check.js




/**
 * Checks a private key before any connection, so a wrong key is a settings error that names the
 * setting and says what to do: not a key, a public key, encrypted without (or with a wrong)
 * passphrase. Returns warnings (a key file others can read, as OpenSSH warns).
 */
function checkPrivateKey(text, source, passphrase) {
    const setting = source.kind === 'file' ? (0,setting_ref/* settingRef */.y)('ssh-private-key-file') : (0,setting_ref/* settingRef */.y)('ssh-private-key');
    const what = source.kind === 'file' ? `the file '${source.path}'` : 'the key text';
    if (/^\s*(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-\S+)\s+[A-Za-z0-9+/=]+/.test(text)) {
        throw new errors/* ConfigurationError */.j1(`${setting}: ${what} is a public key${source.kind === 'file' && source.path.endsWith('.pub') ? ' (a .pub file)' : ''}; give the private key${source.kind === 'file' && source.path.endsWith('.pub') ? ` ('${source.path.slice(0, -4)}')` : ''}, whose first line is '-----BEGIN OPENSSH PRIVATE KEY-----'.`);
    }
    const parsed = lib.utils.parseKey(text, passphrase);
    if (parsed instanceof Error) {
        if (/encrypted|passphrase|decrypt|bad decrypt/i.test(parsed.message)) {
            throw new errors/* ConfigurationError */.j1(passphrase
                ? `${setting}: ${what} could not be decrypted with the given ${(0,setting_ref/* settingRef */.y)('ssh-passphrase')}: the passphrase is wrong.`
                : `${setting}: ${what} is encrypted and needs a passphrase: set ${(0,setting_ref/* settingRef */.y)('ssh-passphrase')}.`);
        }
        throw new errors/* ConfigurationError */.j1(source.kind === 'file'
            ? `${setting}: ${what} is not a private key ssh can read (${parsed.message}); point it at the private key file (e.g. ~/.ssh/id_ed25519).`
            : `${setting}: ${what} is not a private key ssh can read (${parsed.message}); give the whole private key text, BEGIN and END lines included.`);
    }
    const warnings = [];
    if (source.kind === 'file') {
        const mode = (0,external_node_fs_.statSync)(source.path).mode & 0o777;
        if (mode & 0o077) {
            warnings.push(`the private key file '${source.path}' can be read by others (mode ${mode.toString(8).padStart(4, '0')}): run 'chmod 600 ${source.path}' (OpenSSH refuses such a key).`);
        }
    }
    return warnings;
}

// EXTERNAL MODULE: ./lib/src/shared/text.js
var shared_text = __webpack_require__(15831);
;// CONCATENATED MODULE: ./lib/src/commands/host.js






function readSettingFile(name, path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`Invalid setting '${name}': cannot read '${path}' (${error.code ?? error}).`);
    }
}
/** Opens the SSH session every host operation runs in, from the settings; secrets are masked first. */
async function openHost(settings, log) {
    const keyFile = settings['ssh-private-key'] === undefined ? settings['ssh-private-key-file'] : undefined;
    const privateKey = settings['ssh-private-key'] ?? readSettingFile('ssh-private-key-file', keyFile);
    log.setSecret(privateKey);
    if (settings['ssh-passphrase'])
        log.setSecret(settings['ssh-passphrase']);
    const source = keyFile ? { kind: 'file', path: keyFile } : { kind: 'text' };
    for (const warning of checkPrivateKey(privateKey, source, settings['ssh-passphrase']))
        log.warn(warning);
    const knownHosts = settings['ssh-known-hosts'] ??
        (settings['ssh-known-hosts-file']
            ? readSettingFile('ssh-known-hosts-file', settings['ssh-known-hosts-file'])
            : undefined);
    const remote = await (0,shared_remote/* connectRemoteHost */.Lz)({
        host: settings['ssh-host'],
        port: settings['ssh-port'],
        username: settings['ssh-user'],
        privateKey,
        ...(settings['ssh-passphrase'] ? { passphrase: settings['ssh-passphrase'] } : {}),
        ...(knownHosts ? { knownHosts } : {}),
        ...(settings['ssh-host-fingerprint'] ? { hostFingerprint: settings['ssh-host-fingerprint'] } : {}),
        insecureSkipHostKeyCheck: settings['ssh-insecure-skip-host-key-check'],
        connectTimeoutMs: settings['ssh-connect-timeout'],
        commandTimeoutMs: settings['ssh-command-timeout'],
        keepaliveIntervalMs: settings['ssh-keepalive-interval'],
        logger: { warn: (m) => log.warn(m), info: (m) => log.info(m), debug: (m) => log.debug(m) },
    });
    log.info(`Connected to ${remote.description} (host key ${remote.hostKeyFingerprint}).`);
    return remote;
}
function layoutOf(settings) {
    return {
        deployDir: settings['deploy-dir'],
        backupsDir: settings['backups-dir'],
        timezone: settings.timezone,
    };
}
function postgresTarget(settings) {
    return settings.exec === 'docker'
        ? { kind: 'docker', container: settings['postgres-container'] }
        : { kind: 'host' };
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${ms} ms`;
    const s = ms / 1000;
    return s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
/** OpenSearch through an SSH tunnel, credentials read from the container and masked at once. */
async function openOpenSearch(remote, settings, log) {
    const found = await (0,opensearch/* discoverOpenSearch */.Wx)(remote, {
        container: settings['opensearch-container'],
        ...(settings['opensearch-url'] ? { url: settings['opensearch-url'] } : {}),
        userVariable: settings['opensearch-user-variable'],
        passwordVariable: settings['opensearch-password-variable'],
        onSecret: (secret) => log.setSecret(secret),
    });
    if (settings['opensearch-insecure-tls']) {
        log.warn('opensearch-insecure-tls is true: the OpenSearch certificate is not verified.');
    }
    return (0,opensearch/* connectThroughTunnel */.y0)(remote, {
        url: found.url,
        username: found.username,
        password: found.password,
        ...(settings['opensearch-ca'] ? { ca: settings['opensearch-ca'] } : {}),
        insecureTls: settings['opensearch-insecure-tls'],
    }, osLog(log));
}
function osLog(log) {
    return { info: (m) => log.info(m), warn: (m) => log.warn(m) };
}
/** The job summary's table of a snapshot's files. */
function filesTable(manifest) {
    return {
        header: ['component', 'file', 'size', 'sha256', 'duration', 'verdict'],
        rows: manifest.files.map((file) => {
            const component = manifest.components[file.component];
            return [
                file.component,
                file.path,
                (0,shared_text/* formatBytes */.z3)(file.size),
                `${file.sha256.slice(0, 16)}…`,
                component ? formatDuration(component.durationMs) : '',
                component?.verdict ?? '',
            ];
        }),
    };
}


/***/ }),

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

/***/ 88507:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BZ: () => (/* reexport */ applyOpenSearchRetention),
  y0: () => (/* reexport */ connectThroughTunnel),
  C7: () => (/* reexport */ dateFromSnapshotName),
  jY: () => (/* reexport */ deleteSnapshot),
  Wx: () => (/* reexport */ discoverOpenSearch),
  z0: () => (/* reexport */ ensureRepository),
  Cb: () => (/* reexport */ listSnapshots),
  Os: () => (/* reexport */ liveIndices),
  bk: () => (/* reexport */ makeRoomForRestore),
  $B: () => (/* reexport */ putWatermarks),
  DK: () => (/* reexport */ readClusterHealth),
  Qr: () => (/* reexport */ readClusterSettings),
  _B: () => (/* reexport */ readDiskAllocation),
  Ic: () => (/* reexport */ readPathRepo),
  Nu: () => (/* reexport */ readRepository),
  nq: () => (/* reexport */ readUnassignedShards),
  Zd: () => (/* reexport */ restorableIndices),
  SR: () => (/* reexport */ restoreDrill),
  MU: () => (/* reexport */ restoreIndices),
  aN: () => (/* reexport */ snapshotName),
  l6: () => (/* reexport */ snapshotOpenSearch),
  UH: () => (/* reexport */ verifyOpenSearchSnapshot),
  UG: () => (/* reexport */ whyCannotClose)
});

// UNUSED EXPORTS: DEFAULT_EXCLUDED_INDICES, DEFAULT_NAME_PATTERN, OpenSearchError, clientOptions, createOpenSearchClient, describeOpenSearchError, explainRepositoryFailure, judgeSnapshot, maskSecrets, silentLog

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
// EXTERNAL MODULE: ./node_modules/@opensearch-project/opensearch/index.mjs
var opensearch = __webpack_require__(61093);
// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
// EXTERNAL MODULE: ./lib/src/shared/setting-ref.js
var setting_ref = __webpack_require__(46870);
;// CONCATENATED MODULE: ./lib/src/shared/opensearch/errors.js
/**
 * OpenSearch failures turned into messages an operator can act on. A client error object is never
 * passed on as it is: its `meta` holds the request headers (the Authorization header included),
 * so anything that serialised it would print the credentials. Messages are built from the status,
 * the error type and reason, and the URL without user info, then masked.
 */


class OpenSearchError extends errors/* OperationError */.OK {
    name = 'OpenSearchError';
    code;
    status;
    /** What was known when it failed (JSON-serialisable), e.g. a snapshot's failed verdict. */
    details;
    constructor(code, message, options = {}) {
        super(message, options.hint === undefined ? {} : { hint: options.hint });
        this.code = code;
        this.status = options.status;
        this.details = options.details;
    }
}
/**
 * Replace every secret (and its URL-encoded and base64 forms) in `text` by '***'. Pass
 * `user:password` as a secret too, so that a Basic header is masked whole.
 */
function maskSecrets(text, secrets) {
    let out = text;
    const forms = new Set();
    const values = secrets.filter((s) => typeof s === 'string' && s.length >= 3);
    for (const s of values) {
        forms.add(s);
        forms.add(encodeURIComponent(s));
        forms.add(Buffer.from(s).toString('base64'));
    }
    for (const form of [...forms].sort((a, b) => b.length - a.length))
        out = out.split(form).join('***');
    return out;
}
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|Hostname\/IP does not match|certificate|ERR_SSL|EPROTO|wrong version number/i;
/** `type: reason` of an OpenSearch error body, with its causes. */
function errorBodyText(body) {
    const b = (typeof body === 'string' ? safeJson(body) : body);
    const error = b?.error;
    if (!error)
        return { type: '', text: typeof body === 'string' ? body.slice(0, 500) : '' };
    if (typeof error === 'string')
        return { type: '', text: error };
    const parts = [];
    const seen = new Set();
    const add = (t, r) => {
        const s = `${t ?? 'error'}: ${r ?? ''}`.trim();
        if (!seen.has(s)) {
            seen.add(s);
            parts.push(s);
        }
    };
    add(error.type, error.reason);
    let cause = error.caused_by;
    for (let depth = 0; cause && depth < 5; depth++) {
        add(cause.type, cause.reason);
        cause = cause.caused_by;
    }
    for (const root of error.root_cause ?? [])
        add(root.type, root.reason);
    return { type: error.type ?? '', text: parts.join('; caused by ') };
}
function safeJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/**
 * Local tunnel addresses (`127.0.0.1:41234`) and the address the user configured that each
 * stands for: messages name what the user wrote, never the tunnel's random port.
 */
const TUNNELS = new Map();
/** Called when a tunnel opens; the returned function forgets it when the tunnel closes. */
function registerTunnelEndpoint(localHost, configured) {
    TUNNELS.set(localHost, configured);
    return () => {
        if (TUNNELS.get(localHost) === configured)
            TUNNELS.delete(localHost);
    };
}
/** Replaces every local tunnel address in a message by the configured address. */
function configuredAddresses(text) {
    let out = text;
    for (const [local, configured] of TUNNELS) {
        out = out.split(`https://${local}`).join(configured).split(`http://${local}`).join(configured);
        out = out.split(local).join(configured);
    }
    return out;
}
/** The endpoint of a client error, without user info. */
function where(error, fallback) {
    const url = error.meta?.meta?.connection?.url;
    if (url instanceof URL)
        return configuredAddresses(`${url.protocol}//${url.host}`);
    return fallback;
}
/**
 * Turn anything the client threw into an OpenSearchError with a clear message. `doing` says what
 * was attempted ('registering repository my-fs-repository').
 */
function describeOpenSearchError(error, doing, context = {}) {
    if (error instanceof OpenSearchError)
        return error;
    const e = (error ?? {});
    const endpoint = where(e, context.endpoint ?? 'OpenSearch');
    const mask = (s) => configuredAddresses(maskSecrets(s, context.secrets ?? []));
    const status = e.meta?.statusCode ?? e.statusCode ?? undefined;
    const name = e.name ?? '';
    if (name === 'ResponseError' || typeof status === 'number') {
        const { type, text } = errorBodyText(e.meta?.body ?? e.body);
        const detail = mask(text || e.message || 'no details');
        if (status === 401) {
            return new OpenSearchError('auth', `${doing}: OpenSearch at ${endpoint} rejected the credentials (HTTP 401)`, {
                status,
                hint: `Check the user and password variables read from the OpenSearch container's environment (${(0,setting_ref/* settingRef */.y)('opensearch-user-variable')}, ${(0,setting_ref/* settingRef */.y)('opensearch-password-variable')}).`,
            });
        }
        if (status === 403) {
            return new OpenSearchError('forbidden', `${doing}: the OpenSearch user is not allowed to (HTTP 403): ${detail}`, {
                status,
                hint: 'The user needs the cluster permissions for snapshots (cluster:admin/snapshot/*, cluster:admin/repository/*) and to read the indices.',
            });
        }
        if (status === 503 && /concurrent_snapshot_execution_exception/.test(type + detail)) {
            return new OpenSearchError('concurrent-snapshot', `${doing}: another snapshot operation is running on the cluster (HTTP 503): ${detail}`, {
                status,
                hint: 'Wait for it to finish (GET _snapshot/_status lists running snapshots) and run again; this run did not start a second one.',
            });
        }
        return new OpenSearchError('api', `${doing}: OpenSearch answered HTTP ${status ?? '?'}: ${detail}`, {
            ...(status === undefined ? {} : { status }),
        });
    }
    const message = mask(`${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`);
    if (name === 'TimeoutError') {
        return new OpenSearchError('request-timeout', `${doing}: the request to ${endpoint} timed out (${message})`, {
            hint: 'OpenSearch did not answer in time; check its load and the SSH tunnel.',
        });
    }
    if (TLS_CODES.test(message)) {
        return new OpenSearchError('tls', `${doing}: TLS with ${endpoint} failed: ${message}`, {
            hint: `Set ${(0,setting_ref/* settingRef */.y)('opensearch-ca')} to the PEM of the CA that signed OpenSearch's certificate (or, knowingly, ${(0,setting_ref/* settingRef */.y)('opensearch-insecure-tls', true)}); an http:// URL against an https port, or the reverse, fails the same way.`,
        });
    }
    if (name === 'ConnectionError' ||
        /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|socket hang up/.test(message)) {
        return new OpenSearchError('connection', `${doing}: cannot reach OpenSearch at ${endpoint}: ${message}`, {
            hint: `Is the OpenSearch container running, and is ${(0,setting_ref/* settingRef */.y)('opensearch-url')} right as seen from the SSH host?`,
        });
    }
    return new OpenSearchError('api', `${doing}: ${message}`);
}

;// CONCATENATED MODULE: ./lib/src/shared/opensearch/client.js
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
            ...(serverName && !(0,external_node_net_.isIP)(serverName) ? { servername: serverName } : {}),
            ...(serverName
                ? {
                    checkServerIdentity: (_host, cert) => (0,external_node_tls_.checkServerIdentity)(serverName, cert),
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
    const client = new opensearch/* Client */.Kj(clientOptions(options));
    const secrets = options.password
        ? [options.password, `${options.username ?? ''}:${options.password}`]
        : [];
    const endpoint = `${url.protocol}//${options.tlsServerName ? `${options.tlsServerName} (via ${url.host})` : url.host}`;
    return {
        client,
        endpoint,
        secrets,
        mask: (text) => maskSecrets(text, secrets),
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
    const forget = registerTunnelEndpoint(`127.0.0.1:${tunnel.localPort}`, endpoint);
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

// EXTERNAL MODULE: ./lib/src/shared/health/opensearch.js
var health_opensearch = __webpack_require__(63797);
// EXTERNAL MODULE: ./lib/src/shared/health/watermarks.js + 1 modules
var watermarks = __webpack_require__(2614);
;// CONCATENATED MODULE: ./lib/src/shared/opensearch/cluster.js



async function read(doing, request) {
    try {
        return (await request()).body;
    }
    catch (error) {
        throw describeOpenSearchError(error, doing);
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
            explained.push((0,health_opensearch/* explainUnassigned */.nu)(body, shard));
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
        pathRepo: (0,health_opensearch/* pathRepoOf */.Vt)(node.settings),
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
        throw describeOpenSearchError(error, `reading snapshot repository '${repository}'`);
    }
}
/**
 * Sets the given watermark levels (null: remove the override) in one request; fails unless the
 * cluster acknowledged it.
 */
async function putWatermarks(client, scope, values) {
    const settings = {};
    for (const [level, value] of Object.entries(values)) {
        settings[watermarks/* WATERMARK_KEYS */.eL[level]] = value;
    }
    const body = await read('changing the disk watermarks', () => client.cluster.putSettings({ body: { [scope]: settings } }));
    if (body.acknowledged !== true) {
        throw new OpenSearchError('api', 'changing the disk watermarks: the cluster did not acknowledge it', {
            hint: 'GET _cluster/settings shows what it holds now; run set-watermarks again.',
        });
    }
}

// EXTERNAL MODULE: ./lib/src/shared/remote/index.js + 7 modules
var shared_remote = __webpack_require__(43031);
;// CONCATENATED MODULE: ./lib/src/shared/opensearch/discover.js
/**
 * Where OpenSearch is and how to log in, read from the container on the SSH host: the URL from
 * `docker inspect` (exact container name, never a substring match) unless `opensearch-url` is set,
 * and the credentials from the container's environment (the remote room's `readContainerEnv`: `printenv`
 * through `docker exec -i`, so the password never appears on a command line or in the process list).
 */



/** The first IP address in `docker inspect` output of `{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}`. */
function parseContainerAddress(output) {
    return output
        .split(/\s+/)
        .map((s) => s.trim())
        .find((s) => /^[0-9a-f.:]+$/i.test(s) && s.length > 0);
}
async function discoverOpenSearch(remote, options) {
    let url = options.url;
    if (!url) {
        let output = '';
        try {
            ({ stdout: output } = await remote.run([
                'docker',
                'inspect',
                '--type',
                'container',
                '--format',
                '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
                options.container,
            ], { timeoutMs: 30_000 }));
        }
        catch (error) {
            throw new OpenSearchError('connection', `cannot inspect the OpenSearch container ${options.container}: ${error instanceof Error ? error.message : String(error)}`, {
                hint: `Check ${(0,setting_ref/* settingRef */.y)('opensearch-container')} (an exact container name) and that it is running.`,
            });
        }
        const address = parseContainerAddress(output);
        if (!address) {
            throw new OpenSearchError('connection', `the OpenSearch container ${options.container} has no network address`, {
                hint: `Set ${(0,setting_ref/* settingRef */.y)('opensearch-url')} to the URL OpenSearch answers on, as seen from the SSH host.`,
            });
        }
        url = `https://${address.includes(':') ? `[${address}]` : address}:9200`;
    }
    const env = await (0,shared_remote/* readContainerEnv */.De)(remote, { kind: 'docker', container: options.container }, [
        options.userVariable,
        options.passwordVariable,
    ]);
    const username = env[options.userVariable];
    const password = env[options.passwordVariable];
    if (password)
        options.onSecret?.(password);
    for (const [name, value] of [
        [options.userVariable, username],
        [options.passwordVariable, password],
    ]) {
        if (!value) {
            throw new OpenSearchError('auth', `the OpenSearch container ${options.container} has no ${name} in its environment`, {
                hint: `Set ${(0,setting_ref/* settingRef */.y)('opensearch-user-variable')} / ${(0,setting_ref/* settingRef */.y)('opensearch-password-variable')} to the names the container uses.`,
            });
        }
    }
    return { url, username: username, password: password };
}

;// CONCATENATED MODULE: ./lib/src/shared/opensearch/repository.js
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
        return new OpenSearchError('repository-path-repo-unset', `snapshot repository '${repository}': OpenSearch has no path.repo, so no fs repository can be registered (${text})`, {
            ...extra,
            hint: `Set path.repo to include ${location} in opensearch.yml (or the environment variable path.repo=${location}) on every node, mount a host directory there, and restart OpenSearch.`,
        });
    }
    if (OUTSIDE.test(text)) {
        return new OpenSearchError('repository-outside-path-repo', `snapshot repository '${repository}': location ${location} is outside OpenSearch's path.repo (${text})`, {
            ...extra,
            hint: `Either set ${(0,setting_ref/* settingRef */.y)('snapshot-location')} to a directory under the node's path.repo, or add ${location} to path.repo on every node and restart it.`,
        });
    }
    if (NOT_WRITABLE.test(text)) {
        return new OpenSearchError('repository-not-writable', `snapshot repository '${repository}': OpenSearch cannot write to ${location} (${text})`, {
            ...extra,
            hint: `The directory must exist in the container and belong to the user OpenSearch runs as (uid 1000 in the official image): e.g. chown -R 1000:1000 on the host directory mounted at ${location}.`,
        });
    }
    return new OpenSearchError('repository', `snapshot repository '${repository}' at ${location} is not usable: ${text}`, {
        ...extra,
        hint: 'POST _snapshot/<repository>/_verify on the node shows the same error.',
    });
}
function repositoryError(error, repository, location, doing) {
    const e = error;
    if (e?.name === 'ResponseError' && e.meta && e.meta.statusCode !== 401 && e.meta.statusCode !== 403) {
        const { text } = errorBodyText(e.meta.body);
        return explainRepositoryFailure(repository, location, text, e.meta.statusCode ?? undefined);
    }
    return describeOpenSearchError(error, doing);
}
async function ensureRepository(client, options, log) {
    const { repository, location } = options;
    let registered = false;
    let type = 'fs';
    let actualLocation = location;
    const existing = await client.snapshot
        .getRepository({ repository }, { ignore: [404] })
        .catch((error) => {
        throw describeOpenSearchError(error, `reading snapshot repository '${repository}'`);
    });
    const found = existing.statusCode === 404
        ? undefined
        : existing.body[repository];
    if (!found) {
        if (options.register === false) {
            throw new OpenSearchError('repository', `snapshot repository '${repository}' is not registered`, {
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

// EXTERNAL MODULE: ./lib/src/shared/report/summary.js
var summary = __webpack_require__(70241);
// EXTERNAL MODULE: ./lib/src/shared/text.js
var shared_text = __webpack_require__(15831);
;// CONCATENATED MODULE: ./lib/src/shared/opensearch/indices.js


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
        const e = describeOpenSearchError(error, `listing the indices ${expression}`);
        if (/index_not_found_exception/.test(e.message)) {
            throw new OpenSearchError('index-missing', e.message, { hint: `Check ${(0,setting_ref/* settingRef */.y)('indices')}.` });
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

;// CONCATENATED MODULE: ./lib/src/shared/opensearch/snapshot-verdict.js
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

;// CONCATENATED MODULE: ./lib/src/shared/opensearch/snapshot-status.js





const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function getSnapshot(client, repository, snapshot) {
    try {
        const response = await client.snapshot.get({ repository, snapshot }, { ignore: [404] });
        if (response.statusCode === 404)
            return undefined;
        return (response.body.snapshots ?? [])[0];
    }
    catch (error) {
        throw describeOpenSearchError(error, `reading snapshot ${repository}/${snapshot}`);
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
        return `opensearch: ${snapshot} ${s?.state ?? 'IN_PROGRESS'}: ${shards?.done ?? 0}/${shards?.total ?? '?'} shards${shards?.failed ? `, ${shards.failed} failed` : ''}, ${(0,shared_text/* formatBytes */.z3)(done)} of ${(0,shared_text/* formatBytes */.z3)(total)}, ${Math.round(elapsedMs / 1000)} s`;
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
                throw new OpenSearchError('snapshot-failed', `snapshot ${snapshot} disappeared from repository '${repository}'`, {
                    hint: 'Someone deleted it, or the repository was re-registered elsewhere.',
                });
            }
        }
        const now = Date.now();
        if (now >= deadline) {
            throw new OpenSearchError('snapshot-timeout', `snapshot ${snapshot} was still ${info?.state ?? 'starting'} after ${Math.round(options.timeoutMs / 1000)} s (opensearch-timeout)`, {
                hint: `It keeps running on the cluster and was not deleted; follow it with GET _snapshot/${repository}/${snapshot}/_status. Raise ${(0,setting_ref/* settingRef */.y)('opensearch-timeout')} if snapshots are this slow.`,
                details: { snapshot, state: info?.state ?? null },
            });
        }
        if (now >= nextProgress) {
            log.info(await progressLine(client, repository, snapshot, now - started));
            nextProgress = now + progressEvery;
        }
        delay = nextPollDelay(delay, options.pollInitialMs, options.pollMaxMs);
        await sleep(Math.max(0, Math.min(delay, deadline - Date.now())));
    }
}
/** Judge an existing snapshot (no side effects). API failures throw; a bad snapshot is a verdict. */
async function verifyOpenSearchSnapshot(client, options) {
    const info = await getSnapshot(client, options.repository, options.snapshot);
    const expected = options.expectedIndices ?? Object.keys(recordedCounts(info) ?? {});
    return judgeSnapshot(info, expected, options.snapshot);
}
/** Delete one snapshot through the API (never by removing files). */
async function deleteSnapshot(client, repository, snapshot, log) {
    try {
        await client.snapshot.delete({ repository, snapshot }, { maxRetries: 0, requestTimeout: 600_000 });
    }
    catch (error) {
        throw describeOpenSearchError(error, `deleting snapshot ${repository}/${snapshot}`);
    }
    log.info(`opensearch: deleted snapshot ${snapshot} from '${repository}'`);
}

;// CONCATENATED MODULE: ./lib/src/shared/opensearch/types.js
/** Shapes shared by the OpenSearch room. Everything in a result is JSON-serialisable (it goes into the manifest). */
const silentLog = { info: () => { }, warn: () => { } };
/** Indices never taken or restored by default: restoring them breaks a cluster with the security plugin on. */
const DEFAULT_EXCLUDED_INDICES = ['.opendistro_security'];

;// CONCATENATED MODULE: ./lib/src/shared/opensearch/snapshot.js












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
    const name = snapshotName(options.namePattern ?? DEFAULT_NAME_PATTERN, options.date);
    const excludedIndices = [...(options.excludeIndices ?? DEFAULT_EXCLUDED_INDICES)];
    const includeGlobalState = options.includeGlobalState ?? false;
    const repo = await ensureRepository(client, { repository, location: options.location, register: options.registerRepository ?? true }, log);
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
    const info = await waitForSnapshot(client, repository, name, options, log);
    const verdict = judgeSnapshot(info, expected, name);
    const sizes = await snapshotSizes(client, repository, name);
    const result = componentResult({ ...base, reused: false }, info, verdict, counts, 'counted-before-snapshot', sizes);
    if (!verdict.ok) {
        throw new OpenSearchError('snapshot-failed', `snapshot ${name} failed verification: ${verdict.problems.join('; ')}`, {
            details: result,
            hint: `GET _snapshot/${repository}/${name} shows the snapshot; its failures name the shards and the reasons.`,
        });
    }
    log.info(`opensearch: ${name} SUCCESS: ${verdict.shards.successful}/${verdict.shards.total} shards, ${(0,summary/* plural */.LS)(verdict.indices.length, 'index', 'indices')}${sizes ? `, ${(0,shared_text/* formatBytes */.z3)(sizes.incrementalSizeBytes)} new of ${(0,shared_text/* formatBytes */.z3)(sizes.sizeBytes)}` : ''}`);
    return result;
}
/**
 * An existing snapshot for the day: reused when good (its record returned), waited for when
 * running, deleted through the API when it fails its verdict (undefined: take it again).
 */
async function reuseExisting(client, options, base, log) {
    const { repository, snapshot: name } = base;
    let existing = await getSnapshot(client, repository, name);
    if (existing?.state === 'IN_PROGRESS') {
        log.info(`opensearch: ${name} is already running; waiting for it`);
        existing = await waitForSnapshot(client, repository, name, options, log);
    }
    if (!existing)
        return undefined;
    const recorded = recordedCounts(existing);
    const rows = await resolveIndices(client, options.indices ?? ['*'], base.excludedIndices);
    const expected = recorded ? Object.keys(recorded) : rows.map((r) => r.index);
    const verdict = judgeSnapshot(existing, expected, name);
    if (!verdict.ok) {
        log.warn(`opensearch: ${name} exists but fails verification (${verdict.problems.join('; ')}); deleting it through the API and taking it again`);
        await deleteSnapshot(client, repository, name, log);
        return undefined;
    }
    const indices = recorded
        ? Object.fromEntries(Object.entries(recorded).map(([k, docs]) => {
            const row = rows.find((r) => r.index === k);
            return [k, { docs, health: row?.health ?? 'unknown', status: row?.status ?? 'unknown' }];
        }))
        : await countDocuments(client, rows.filter((r) => verdict.indices.includes(r.index)));
    log.info(`opensearch: ${name} already exists and passed verification; reusing it`);
    const sizes = await snapshotSizes(client, repository, name);
    return componentResult({ ...base, reused: true }, existing, verdict, indices, recorded ? 'snapshot-metadata' : 'counted-now', sizes);
}
/** Counts the documents, then asks for the snapshot (without waiting, without retry). */
async function createSnapshot(client, options, base, log) {
    const { repository, snapshot: name, excludedIndices } = base;
    const rows = await resolveIndices(client, options.indices ?? ['*'], excludedIndices);
    const red = rows.filter((r) => r.health === 'red');
    if (red.length > 0) {
        log.warn(`opensearch: red indices (some primary shards unavailable): ${red.map((r) => r.index).join(', ')}`);
    }
    if (rows.length === 0) {
        throw new OpenSearchError('index-missing', `no index matches ${(options.indices ?? ['*']).join(',')} (after leaving out ${excludedIndices.join(', ')}): nothing to snapshot`, { hint: `Check ${(0,setting_ref/* settingRef */.y)('indices')} and that OpenSearch holds the data you expect.` });
    }
    const counts = await countDocuments(client, rows);
    const expected = rows.map((r) => r.index);
    const totalDocs = Object.values(counts).reduce((sum, c) => sum + (c.docs ?? 0), 0);
    log.info(`opensearch: taking ${name} of ${(0,summary/* plural */.LS)(expected.length, 'index', 'indices')} (${(0,summary/* plural */.LS)(totalDocs, 'document')}) into '${repository}'`);
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
                metadata: metadataFor(counts),
            },
        }, { maxRetries: 0, requestTimeout: 120_000 });
    }
    catch (error) {
        const described = describeOpenSearchError(error, `creating snapshot ${name}`);
        if (described.code === 'api' && red.length > 0) {
            throw new OpenSearchError('snapshot-failed', `${described.message}`, {
                ...(described.status === undefined ? {} : { status: described.status }),
                hint: `Red indices cannot be snapshotted completely: ${red.map((r) => r.index).join(', ')}. Fix the cluster (GET _cluster/allocation/explain), or exclude them with ${(0,setting_ref/* settingRef */.y)('indices')}.`,
            });
        }
        throw described;
    }
    return { counts, expected };
}

;// CONCATENATED MODULE: ./lib/src/shared/opensearch/restore.js
/**
 * The restore drill: restore a snapshot into renamed indices next to the live ones
 * (`rename_pattern`/`rename_replacement`, no aliases, no global state, no replicas), compare their
 * document counts with the ones recorded when the snapshot was taken, then delete the renamed
 * indices again, whatever happened.
 */




const restore_sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
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
    const excluded = new Set(options.excludeIndices ?? DEFAULT_EXCLUDED_INDICES);
    const info = await getSnapshot(client, repository, snapshot);
    if (!info) {
        throw new OpenSearchError('restore', `restore drill: snapshot ${repository}/${snapshot} does not exist`);
    }
    const expected = options.expectedDocs ?? recordedCounts(info);
    if (!expected) {
        throw new OpenSearchError('restore', `restore drill: no document counts to compare with for ${snapshot} (neither given nor in the snapshot's metadata)`);
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
        throw describeOpenSearchError(error, `restoring ${snapshot} into ${prefix}*`);
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
        await restore_sleep(delay);
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
            problems.push(`counting ${restoredAs}: ${describeOpenSearchError(error, 'count').message}`);
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
        throw new OpenSearchError('restore', `restore drill: prefix '${prefix}' must be lower case and end with '-'`);
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
            log.warn(`opensearch: could not delete the drill indices ${prefix}*: ${describeOpenSearchError(error, 'delete').message}`);
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

;// CONCATENATED MODULE: ./lib/src/shared/opensearch/restore-indices.js

const restore_indices_sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
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
            throw new OpenSearchError('restore', `cannot ${existing} index ${index} before the restore: ${describeOpenSearchError(error, existing).message}`);
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
        throw describeOpenSearchError(error, `restoring ${options.snapshot}`);
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
        await restore_indices_sleep(delay);
    }
    throw new OpenSearchError('restore', `the restored indices were still red (primary shards not active) after ${Math.round(timeoutMs / 1000)} s (opensearch-timeout)`);
}

// EXTERNAL MODULE: ./lib/src/shared/snapshot/retention.js
var retention = __webpack_require__(94717);
;// CONCATENATED MODULE: ./lib/src/shared/opensearch/retention.js



async function listSnapshots(client, repository) {
    try {
        const response = await client.snapshot.get({ repository, snapshot: '_all' }, { requestTimeout: 120_000 });
        return response.body.snapshots ?? [];
    }
    catch (error) {
        throw describeOpenSearchError(error, `listing the snapshots of '${repository}'`);
    }
}
async function applyOpenSearchRetention(client, options, log) {
    const pattern = options.namePattern ?? DEFAULT_NAME_PATTERN;
    const all = await listSnapshots(client, options.repository);
    const ignored = [];
    const candidates = [];
    for (const info of all) {
        const name = info.snapshot ?? '';
        const date = dateFromSnapshotName(pattern, name);
        if (!date || info.state === 'IN_PROGRESS') {
            ignored.push(name);
            continue;
        }
        let verified = false;
        try {
            verified = judgeSnapshot(info, [], name).ok;
        }
        catch {
            verified = false;
        }
        candidates.push({ date, verified, name });
    }
    const plan = (0,retention/* chooseRetained */.AJ)(candidates, options.policy ?? retention/* DEFAULT_RETENTION_POLICY */.QK);
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
        await deleteSnapshot(client, options.repository, victim.snapshot, log);
        deleted.push(victim);
    }
    log.info(`opensearch: retention of '${options.repository}': ${kept.length} kept, ${dryRun ? `${toDelete.length} to delete (dry run)` : `${deleted.length} deleted`}${ignored.length ? `, ${ignored.length} not ours or running (left alone)` : ''}`);
    return { repository: options.repository, kept, deleted: dryRun ? toDelete : deleted, ignored, dryRun };
}

;// CONCATENATED MODULE: ./lib/src/shared/opensearch/index.js
/** The OpenSearch room: what the backup, verify and restore operations call. */












/***/ }),

/***/ 93142:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   De: () => (/* binding */ readContainerEnv),
/* harmony export */   vt: () => (/* binding */ commandIn)
/* harmony export */ });
/* unused harmony exports assertContainerName, describeTarget */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(60050);
/**
 * The container seam: where a service's commands run. `docker exec -i` into a container (never
 * `-t`: there is no terminal in cron or CI, and a TTY turns LF into CRLF), or directly on the host.
 */

const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function assertContainerName(name) {
    if (!CONTAINER_NAME.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`invalid container name ${JSON.stringify(name)}: docker names are letters, digits, '_', '.' and '-', not starting with a symbol`);
    }
}
function assertEnvName(name) {
    if (!ENV_NAME.test(name))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`invalid environment variable name ${JSON.stringify(name)}`);
}
/** `docker exec` or nothing, by target. */
function describeTarget(target) {
    return target.kind === 'docker' ? `container ${target.container}` : 'the host';
}
/**
 * argv that runs `argv` in the target: `docker exec -i [-u U] [-w D] [-e K=V]... [-e NAME]... C argv...`
 * for a container; for the host `argv` unchanged (or prefixed with `env [-C D] K=V...`).
 * The result is meant for `RemoteHost.run` (which quotes every element).
 */
function commandIn(target, argv, options = {}) {
    if (argv.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi('commandIn: empty command');
    const env = Object.entries(options.env ?? {});
    for (const [name] of env)
        assertEnvName(name);
    for (const name of options.passEnv ?? [])
        assertEnvName(name);
    if (target.kind === 'docker') {
        assertContainerName(target.container);
        const out = ['docker', 'exec', '-i'];
        if (options.user !== undefined)
            out.push('-u', options.user);
        if (options.workdir !== undefined)
            out.push('-w', options.workdir);
        for (const [name, value] of env)
            out.push('-e', `${name}=${value}`);
        for (const name of options.passEnv ?? [])
            out.push('-e', name);
        out.push(target.container, ...argv);
        return out;
    }
    if (options.user !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`running as another user (${options.user}) is only supported inside a container`);
    }
    // passEnv: on the host the command inherits the calling shell's environment anyway.
    if (env.length === 0 && options.workdir === undefined)
        return [...argv];
    const out = ['env'];
    if (options.workdir !== undefined)
        out.push('-C', options.workdir);
    for (const [name, value] of env)
        out.push(`${name}=${value}`);
    out.push('--', ...argv);
    return out;
}
/**
 * Read environment variables of the target (`docker exec -i C printenv NAME`, or the host's login
 * environment). Unset variables are `undefined`. The values may be secrets: the caller masks them
 * (`core.setSecret`) before anything can print them. A missing or stopped container is an error.
 */
async function readContainerEnv(remote, target, names) {
    const result = {};
    for (const name of names) {
        assertEnvName(name);
        try {
            const { stdout } = await remote.run(commandIn(target, ['printenv', name]), {
                description: `printenv ${name} in ${describeTarget(target)}`,
                maxCollectedBytes: 1024 * 1024,
            });
            result[name] = stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
        }
        catch (error) {
            // printenv exits 1 without a word when the variable is unset.
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteCommandError */ .at && error.exitCode === 1 && error.stderrTail.trim() === '') {
                result[name] = undefined;
                continue;
            }
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteCommandError */ .at && target.kind === 'docker') {
                if (/No such container/i.test(error.stderrTail)) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`container ${target.container} does not exist on ${remote.description} (docker: "No such container"); check the container setting against \`docker ps -a\` on the host`);
                }
                if (/is not running/i.test(error.stderrTail)) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`container ${target.container} on ${remote.description} is not running; start it (docker compose up -d) or check the container setting`);
                }
            }
            throw error;
        }
    }
    return result;
}


/***/ }),

/***/ 60050:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DQ: () => (/* binding */ NotSshPortError),
/* harmony export */   Hi: () => (/* binding */ RemoteError),
/* harmony export */   Tu: () => (/* binding */ RemoteConnectError),
/* harmony export */   _W: () => (/* binding */ HostKeyMismatchError),
/* harmony export */   at: () => (/* binding */ RemoteCommandError),
/* harmony export */   g1: () => (/* binding */ UnknownHostKeyError),
/* harmony export */   v3: () => (/* binding */ AuthenticationError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8835);
/**
 * Errors of the remote layer. Messages say what was expected, what was found and what to do; they
 * never contain key material, passwords or command output other than the stderr tail.
 */

/**
 * Base class: anything that went wrong talking to the remote host. An operation failure unless
 * the user must change something (a key the server refuses, a host key not pinned or changed).
 */
class RemoteError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GatewayOpsError */ .f8 {
    name = 'RemoteError';
    kind = 'operation';
}
/** Could not connect (refused, timeout, DNS, handshake) or bad local options. */
class RemoteConnectError extends RemoteError {
    name = 'RemoteConnectError';
}
/** The port answered, but not as an SSH server (a web server, PostgreSQL): the user set the wrong port. */
class NotSshPortError extends RemoteConnectError {
    name = 'NotSshPortError';
    kind = 'user';
}
/** The host presented a key that matches none of the pinned ones (known_hosts entries or fingerprints). */
class HostKeyMismatchError extends RemoteError {
    name = 'HostKeyMismatchError';
    kind = 'user';
    /** Fingerprints (`SHA256:...`) that would have been accepted. */
    expected;
    /** Fingerprint of the key the host presented. */
    found;
    constructor(message, expected, found) {
        super(message);
        this.expected = expected;
        this.found = found;
    }
}
/** No known_hosts entry (and no fingerprint) for this host: nothing to verify its key against. */
class UnknownHostKeyError extends RemoteError {
    name = 'UnknownHostKeyError';
    kind = 'user';
    /** Fingerprint of the key the host presented. */
    found;
    constructor(message, found) {
        super(message);
        this.found = found;
    }
}
/** The server refused our user key. */
class AuthenticationError extends RemoteError {
    name = 'AuthenticationError';
    kind = 'user';
}
/** A remote command did not end with exit status 0. */
class RemoteCommandError extends RemoteError {
    name = 'RemoteCommandError';
    command;
    host;
    failure;
    exitCode;
    signal;
    stderrTail;
    constructor(details) {
        super(RemoteCommandError.format(details));
        this.command = details.command;
        this.host = details.host;
        this.failure = details.failure;
        this.exitCode = details.exitCode ?? null;
        this.signal = details.signal ?? null;
        this.stderrTail = details.stderrTail ?? '';
    }
    static format(d) {
        let what;
        switch (d.failure) {
            case 'exit-status':
                what = `exited with status ${d.exitCode}`;
                if (d.exitCode !== undefined && d.exitCode !== null && d.exitCode > 128 && d.exitCode < 160) {
                    what += ` (128+${d.exitCode - 128}: a process was killed by signal ${d.exitCode - 128})`;
                }
                break;
            case 'signal':
                what = `was killed by signal ${d.signal}`;
                break;
            case 'no-exit-status':
                what = `ended without an exit status${d.detail ? ` (${d.detail})` : ''}: the SSH connection was lost (or the remote session killed) while it ran, so its result is unknown`;
                break;
            case 'timeout':
                what = `did not finish within the command timeout (${d.detail}); it was signalled and its channel closed`;
                break;
            case 'output-limit':
                what = `wrote more output than can be collected (${d.detail}); stream it to a Writable instead`;
                break;
            case 'stdout-error':
                what = `could not deliver its output: ${d.detail}`;
                break;
            case 'stdin-error':
                what = `could not be fed its input: ${d.detail}`;
                break;
            case 'channel':
                what = `could not be started: ${d.detail}`;
                break;
        }
        const tail = d.stderrTail?.trim() ? `\nlast lines of stderr:\n${d.stderrTail.trimEnd()}` : '';
        return `remote command \`${d.command}\` on ${d.host} ${what}${tail}`;
    }
}


/***/ }),

/***/ 43031:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Lz: () => (/* reexport */ connectRemoteHost),
  De: () => (/* reexport */ container/* readContainerEnv */.De),
  nZ: () => (/* reexport */ quote/* shellJoin */.n)
});

// UNUSED EXPORTS: AuthenticationError, DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_KEEPALIVE_COUNT_MAX, DEFAULT_KEEPALIVE_INTERVAL_MS, HostKeyMismatchError, RemoteCommandError, RemoteConnectError, RemoteError, SCRIPT_PRELUDE, SESSION_GUARD, SHA256_HASHER, SshRemoteHost, UnknownHostKeyError, assertContainerName, commandIn, describeTarget, fingerprintOf, keyTypeOf, knownHostsName, missingToolsScript, normalizeFingerprint, parseKnownHosts, removeTreeScript, shellQuote, toolVersionsScript

// EXTERNAL MODULE: ./lib/src/shared/remote/container.js
var container = __webpack_require__(93142);
// EXTERNAL MODULE: ./lib/src/shared/remote/errors.js
var errors = __webpack_require__(60050);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./lib/src/shared/remote/known-hosts.js
/**
 * Host key pinning: OpenSSH `known_hosts` lines (plain, `[host]:port`, wildcard and negated
 * patterns, hashed `|1|salt|hash` entries, `@revoked`) and `SHA256:` fingerprints as
 * `ssh-keygen -lf` prints them.
 */

/** `SHA256:<base64 without padding>` of a raw public key blob, as OpenSSH prints it. */
function fingerprintOf(keyBlob) {
    return `SHA256:${(0,external_node_crypto_.createHash)('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}
/** The key type written inside a raw SSH public key blob (`ssh-ed25519`, `ssh-rsa`, ...). */
function keyTypeOf(keyBlob) {
    if (keyBlob.length < 4)
        return 'unknown';
    const len = keyBlob.readUInt32BE(0);
    if (len > 64 || keyBlob.length < 4 + len)
        return 'unknown';
    return keyBlob.subarray(4, 4 + len).toString('latin1');
}
/**
 * Normalize a fingerprint as a user may paste it: `SHA256:abc`, `SHA256:abc=`, or a full
 * `ssh-keygen -lf` line (`256 SHA256:abc comment (ED25519)`). Returns `SHA256:<base64 no padding>`.
 */
function normalizeFingerprint(value) {
    const match = value.trim().match(/SHA256:([A-Za-z0-9+/]+=*)/);
    if (!match) {
        throw new Error(`a host fingerprint must look like SHA256:<base64> (as \`ssh-keygen -lf\` prints it); found ${JSON.stringify(value.slice(0, 80))}`);
    }
    const base64 = match[1].replace(/=+$/, '');
    if (Buffer.from(base64, 'base64').length !== 32) {
        throw new Error(`a SHA256 host fingerprint has 43 base64 characters; found ${JSON.stringify(match[0])}`);
    }
    return `SHA256:${base64}`;
}
/** Parse known_hosts text (or lines). Invalid lines are errors naming the line. */
function parseKnownHosts(text) {
    const lines = typeof text === 'string' ? text.split(/\r?\n/) : text.flatMap((t) => t.split(/\r?\n/));
    const entries = [];
    lines.forEach((raw, index) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const fields = line.split(/\s+/);
        let marker = '';
        if (fields[0]?.startsWith('@')) {
            if (fields[0] !== '@revoked' && fields[0] !== '@cert-authority') {
                throw new Error(`known_hosts line ${index + 1}: unknown marker ${fields[0]}`);
            }
            marker = fields.shift();
        }
        const [hosts, keyType, keyBase64] = fields;
        if (!hosts || !keyType || !keyBase64 || !/^[A-Za-z0-9+/]+=*$/.test(keyBase64)) {
            throw new Error(`known_hosts line ${index + 1} is not of the form "host[,host...] key-type base64-key" (as ssh-keyscan prints it)`);
        }
        const key = Buffer.from(keyBase64, 'base64');
        if (keyTypeOf(key) !== keyType) {
            throw new Error(`known_hosts line ${index + 1}: the key is not a ${keyType} key`);
        }
        entries.push({ marker, hosts, keyType, key, line: index + 1 });
    });
    return entries;
}
/** The name OpenSSH looks up for host and port: `host` for port 22, `[host]:port` otherwise. */
function knownHostsName(host, port) {
    const h = host.toLowerCase();
    return port === 22 ? h : `[${h}]:${port}`;
}
function wildcardMatch(pattern, value) {
    const re = new RegExp(`^${pattern
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|]/g, '\\$&')))
        .join('')}$`);
    return re.test(value);
}
/** Whether an entry's hosts field matches `host`:`port` (plain, pattern, or hashed). */
function hostsFieldMatches(hostsField, host, port) {
    const name = knownHostsName(host, port);
    if (hostsField.startsWith('|1|')) {
        const [, , salt, hash] = hostsField.split('|');
        if (!salt || !hash)
            return false;
        const digest = (0,external_node_crypto_.createHmac)('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
        return digest === hash;
    }
    let matched = false;
    for (const rawPattern of hostsField.split(',')) {
        const negated = rawPattern.startsWith('!');
        const pattern = (negated ? rawPattern.slice(1) : rawPattern).toLowerCase();
        if (wildcardMatch(pattern, name)) {
            if (negated)
                return false;
            matched = true;
        }
    }
    return matched;
}
/** Host key algorithm names (ssh2 `algorithms.serverHostKey`) that produce keys of `keyType`. */
function hostKeyAlgorithmsFor(keyType) {
    if (keyType === 'ssh-rsa')
        return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
    return [keyType];
}

// EXTERNAL MODULE: ./lib/src/shared/remote/quote.js
var quote = __webpack_require__(89413);
// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(85472);
// EXTERNAL MODULE: ./lib/src/shared/setting-ref.js
var setting_ref = __webpack_require__(46870);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
;// CONCATENATED MODULE: ./lib/src/shared/remote/login-noise.js
/**
 * What the user's login shell prints before our command starts (`.bashrc`, `.profile`, a motd
 * script) is not the command's output: it would fill an error's last stderr lines and push the
 * cause out, or corrupt a streamed dump. The supervisor prints `OUTPUT_START` on stdout and on
 * stderr as its first act; everything a stream carried before it is dropped.
 */

/** The line the supervisor prints first on stdout and on stderr (record separators around a name). */
const OUTPUT_START = '\u001egateway-ops output starts\u001e\n';
/** The same as `printf` format text for the supervisor (octal escapes, no quote characters). */
const OUTPUT_START_PRINTF = '\\036gateway-ops output starts\\036\\n';
const MARK = Buffer.from(OUTPUT_START);
/** Past this much text without the mark, the shell is not one that ran the supervisor: pass it on. */
const MAX_HELD_BYTES = 1024 * 1024;
/** One stream's filter: holds what arrives until the mark, then passes everything after it. */
class LoginNoiseFilter {
    held = Buffer.alloc(0);
    started = false;
    /** Bytes dropped before the mark (for a debug line). */
    dropped = 0;
    emit;
    constructor(emit) {
        this.emit = emit;
    }
    push(chunk) {
        if (this.started) {
            this.emit(chunk);
            return;
        }
        this.held = Buffer.concat([this.held, chunk]);
        const at = this.held.indexOf(MARK);
        if (at >= 0) {
            const rest = this.held.subarray(at + MARK.length);
            this.dropped = at;
            this.started = true;
            this.held = Buffer.alloc(0);
            if (rest.length > 0)
                this.emit(rest);
        }
        else if (this.held.length > MAX_HELD_BYTES)
            this.end();
    }
    /**
     * The stream ended before the mark: the supervisor never ran (the login shell failed, a forced
     * command ran instead), so what arrived is all there is and may be the cause: pass it on.
     */
    end() {
        if (this.started)
            return;
        this.started = true;
        const held = this.held;
        this.held = Buffer.alloc(0);
        if (held.length > 0)
            this.emit(held);
    }
}
/** The filter as a Transform, for stdout piped to the caller's Writable (backpressure kept). */
function loginNoiseTransform() {
    let filter;
    const transform = new external_node_stream_.Transform({
        transform(chunk, _encoding, done) {
            filter.push(chunk);
            done();
        },
        flush(done) {
            filter.end();
            done();
        },
    });
    filter = new LoginNoiseFilter((chunk) => transform.push(chunk));
    return transform;
}

;// CONCATENATED MODULE: ./lib/src/shared/remote/exec-channel.js
/**
 * One exec channel: streams stdin/stdout/stderr, and settles only on a zero exit status; a
 * non-zero or missing status, a signal, a timeout, an output limit or a stream error rejects with
 * a RemoteCommandError carrying the last lines of stderr.
 */



const STDERR_TAIL_LINES = 20;
const STDERR_TAIL_BYTES = 16 * 1024;
/**
 * Send an SSH `signal` request. ssh2's `channel.signal()` silently does nothing once stdin was
 * ended (it checks `writable`), which is always the case here; the protocol allows the request
 * after EOF, so send it through the protocol object (ssh2 1.x internals, covered by a test).
 */
function sendSignal(channel, name) {
    const internal = channel;
    const protocol = internal._client?._protocol;
    if (internal.outgoing && typeof protocol?.signal === 'function') {
        if (internal.outgoing.state === 'open' || internal.outgoing.state === 'eof') {
            protocol.signal(internal.outgoing.id, name);
        }
        return;
    }
    channel.signal(name);
}
class StderrTail {
    text = '';
    push(chunk) {
        this.text = (this.text + chunk).slice(-STDERR_TAIL_BYTES);
    }
    toString() {
        return this.text
            .split('\n')
            .filter((l, i, all) => l !== '' || i < all.length - 1)
            .slice(-STDERR_TAIL_LINES)
            .map((l) => (l.length > 500 ? `${l.slice(0, 500)}...` : l))
            .join('\n');
    }
}
/** Runs `command` on a new channel of the connection. */
function runChannel(connection, command, description, options, limits) {
    return new Promise((resolve, reject) => {
        new ExecChannel(connection, description, options, limits, resolve, reject).start(command);
    });
}
class ExecChannel {
    tail = new StderrTail();
    channel;
    exitCode = null;
    exitSignal = null;
    failure;
    settled = false;
    closed = false;
    timer;
    chunks = [];
    collected = 0;
    stdoutDone = Promise.resolve();
    /** What the caller's Writable is piped from (stdout without the login shell's noise). */
    stdoutSource;
    collectedStdout = new LoginNoiseFilter((data) => this.collect(data));
    stderr = new LoginNoiseFilter((data) => {
        const text = data.toString('utf8');
        this.tail.push(text);
        this.options.onStderr?.(text);
    });
    abort = (reason) => {
        this.failure ??= { failure: 'no-exit-status', detail: reason };
        this.settle(this.failure);
    };
    connection;
    description;
    options;
    limits;
    resolve;
    reject;
    // Plain fields, not parameter properties: the benchmarks load this with --experimental-strip-types.
    constructor(connection, description, options, limits, resolve, reject) {
        this.connection = connection;
        this.description = description;
        this.options = options;
        this.limits = limits;
        this.resolve = resolve;
        this.reject = reject;
    }
    start(command) {
        this.connection.pending.add(this.abort);
        const { timeoutMs } = this.limits;
        if (timeoutMs > 0) {
            this.timer = setTimeout(() => this.kill({ failure: 'timeout', detail: `${timeoutMs} ms` }), timeoutMs);
        }
        this.connection.client.exec(command, (error, stream) => {
            if (error) {
                this.settle({ failure: 'channel', detail: error.message });
                return;
            }
            if (this.settled) {
                stream.close();
                return;
            }
            this.attach(stream);
        });
    }
    settle(outcome) {
        if (this.settled)
            return;
        // A stream that never showed the supervisor's mark: what it carried is all there is.
        this.stderr.end();
        this.collectedStdout.end();
        const error = outcome ?? this.failure;
        this.settled = true;
        if (this.timer)
            clearTimeout(this.timer);
        this.connection.pending.delete(this.abort);
        const target = this.options.stdout;
        if (error) {
            // The caller's Writable is left to the caller (it is not ended: the output is incomplete).
            if (target && this.stdoutSource)
                this.stdoutSource.unpipe(target);
            this.reject(new errors/* RemoteCommandError */.at({
                command: this.description,
                host: this.connection.description,
                ...error,
                stderrTail: this.tail.toString(),
            }));
            return;
        }
        this.resolve({
            exitCode: 0,
            stdout: target ? '' : Buffer.concat(this.chunks).toString('utf8'),
            stderrTail: this.tail.toString(),
        });
    }
    /** Stops the command: signals it (OpenSSH honours `signal` requests) and closes the channel. */
    kill(why) {
        this.failure ??= why;
        const channel = this.channel;
        if (!channel) {
            this.settle(this.failure);
            return;
        }
        try {
            // The supervisor kills the command's whole process group on TERM.
            sendSignal(channel, 'TERM');
        }
        catch {
            // channel already gone
        }
        setTimeout(() => channel.close(), 1000).unref();
        // If the server never confirms the close, give up waiting.
        setTimeout(() => this.settle(this.failure), 5000).unref();
    }
    conclude() {
        if (this.failure)
            this.settle(this.failure);
        else if (this.exitSignal)
            this.settle({ failure: 'signal', signal: this.exitSignal });
        else if (this.exitCode === null) {
            this.settle({ failure: 'no-exit-status', detail: this.connection.closeReason() || 'channel closed' });
        }
        else if (this.exitCode !== 0)
            this.settle({ failure: 'exit-status', exitCode: this.exitCode });
        else
            this.settle();
    }
    attach(stream) {
        this.channel = stream;
        stream.on('error', (streamError) => {
            this.failure ??= { failure: 'channel', detail: streamError.message };
        });
        stream.on('exit', (code, signal) => {
            if (typeof code === 'number')
                this.exitCode = code;
            if (signal)
                this.exitSignal = signal;
            // A failure is known now; give the rest of stderr a moment, but do not wait for processes
            // of the command that still hold its output open.
            if (this.exitSignal || (this.exitCode !== null && this.exitCode !== 0)) {
                setTimeout(() => {
                    if (this.closed)
                        return;
                    this.conclude();
                    stream.close();
                }, 1000).unref();
            }
        });
        stream.stderr.on('data', (data) => this.stderr.push(data));
        this.readStdout(stream);
        stream.on('close', () => {
            this.closed = true;
            // With a Writable, success is known only when it has taken all the data.
            const waitForTarget = !this.failure && this.options.stdout && this.exitCode === 0 && !this.exitSignal;
            if (waitForTarget)
                void this.stdoutDone.then(() => this.conclude());
            else
                this.conclude();
        });
        this.feedStdin(stream);
    }
    readStdout(stream) {
        const target = this.options.stdout;
        if (target) {
            this.stdoutSource = stream.pipe(loginNoiseTransform());
            this.stdoutSource.pipe(target);
            this.stdoutDone = new Promise((done) => {
                (0,external_node_stream_.finished)(target, (streamError) => {
                    if (streamError && !this.settled)
                        this.kill({ failure: 'stdout-error', detail: streamError.message });
                    done();
                });
            });
            return;
        }
        stream.on('data', (data) => this.collectedStdout.push(data));
    }
    collect(data) {
        if (this.settled)
            return;
        const max = this.limits.maxCollectedBytes;
        this.collected += data.length;
        if (this.collected > max) {
            this.kill({ failure: 'output-limit', detail: `more than ${max} bytes` });
            return;
        }
        this.chunks.push(data);
    }
    feedStdin(stream) {
        const input = this.options.stdin;
        if (input === undefined)
            stream.end();
        else if (typeof input === 'string' || Buffer.isBuffer(input))
            stream.end(input);
        else {
            input.on('error', (streamError) => this.kill({ failure: 'stdin-error', detail: streamError.message }));
            input.pipe(stream);
        }
    }
}

;// CONCATENATED MODULE: ./lib/src/shared/remote/host-key-policy.js
/**
 * The host-key policy of a connection: the keys pinned by ssh-known-hosts (`@revoked` included)
 * and ssh-host-fingerprint, and the explicit, loudly warned insecure skip.
 */



/** ssh-host-fingerprint: one, a list, or a comma/newline-separated string; normalized. */
function pinnedFingerprints(value) {
    const listed = value === undefined
        ? []
        : typeof value === 'string'
            ? value
                .split(/[\n,]+/)
                .map((f) => f.trim())
                .filter(Boolean)
            : [...value];
    return listed.map((f) => {
        try {
            return normalizeFingerprint(f);
        }
        catch (error) {
            throw new errors/* RemoteConnectError */.Tu(`${(0,setting_ref/* settingRef */.y)('ssh-host-fingerprint')}: ${error.message}`);
        }
    });
}
/** The ssh-known-hosts entries for this host and port. */
function matchingKnownHosts(options, port) {
    if (options.knownHosts === undefined)
        return [];
    try {
        return parseKnownHosts(options.knownHosts).filter((e) => hostsFieldMatches(e.hosts, options.host, port));
    }
    catch (error) {
        throw new errors/* RemoteConnectError */.Tu(`${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')}: ${error.message}`);
    }
}
function hostKeyPolicy(options, port) {
    const where = knownHostsName(options.host, port);
    const pinCommand = `ssh-keyscan ${port === 22 ? '' : `-p ${port} `}${options.host}`;
    const fingerprints = pinnedFingerprints(options.hostFingerprint);
    const entries = matchingKnownHosts(options, port);
    const revoked = entries.filter((e) => e.marker === '@revoked');
    const pinned = entries.filter((e) => e.marker === '');
    const hasKnownHosts = options.knownHosts !== undefined && String(options.knownHosts).trim() !== '';
    if (!hasKnownHosts && fingerprints.length === 0 && !options.insecureSkipHostKeyCheck) {
        throw new errors/* RemoteConnectError */.Tu(`no host key to verify ${where} against: set ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')} (the output of \`${pinCommand}\`, checked out of band) or ${(0,setting_ref/* settingRef */.y)('ssh-host-fingerprint')} (SHA256:..., as \`ssh-keygen -lf\` prints it). Connecting without verification would let anyone on the path impersonate the host.`);
    }
    const expected = [...pinned.map((e) => fingerprintOf(e.key)), ...fingerprints];
    // Ask the server for a pinned key type when known_hosts says which (ssh-keyscan lists several).
    let algorithms;
    if (pinned.length > 0 && fingerprints.length === 0) {
        algorithms = [...new Set(pinned.flatMap((e) => hostKeyAlgorithmsFor(e.keyType)))];
    }
    return {
        ...(algorithms ? { algorithms } : {}),
        check(key) {
            const found = fingerprintOf(key);
            const type = keyTypeOf(key);
            if (revoked.some((e) => e.key.equals(key))) {
                return new errors/* HostKeyMismatchError */._W(`host key verification failed for ${where}: its ${type} key ${found} is marked @revoked in ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')}. Do not connect; find out why the host still uses a revoked key.`, expected, found);
            }
            if (pinned.some((e) => e.key.equals(key)) || fingerprints.includes(found))
                return undefined;
            if (options.insecureSkipHostKeyCheck) {
                options.logger?.warn(`${(0,setting_ref/* settingRef */.y)('ssh-insecure-skip-host-key-check')} is set: the host key of ${where} (${type} ${found}) was NOT verified. Anyone able to intercept this connection can impersonate the host and read everything sent over it. Pin it with ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')} (\`${pinCommand}\`) or ${(0,setting_ref/* settingRef */.y)('ssh-host-fingerprint', found)}`);
                return undefined;
            }
            if (expected.length === 0) {
                return new errors/* UnknownHostKeyError */.g1(`host key verification failed: ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')} has no entry for ${where}. The host presented the ${type} key ${found}. If that is the host's real key (compare with \`ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub\` run on the host), pin it: add the output of \`${pinCommand}\` to ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')}, or set ${(0,setting_ref/* settingRef */.y)('ssh-host-fingerprint', found)}`, found);
            }
            return new errors/* HostKeyMismatchError */._W(`host key verification failed for ${where}: expected ${expected.join(' or ')}, found ${type} ${found}. The host key changed, or someone is intercepting the connection. If the host was legitimately re-keyed, verify the new key on the host and update ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')} / ${(0,setting_ref/* settingRef */.y)('ssh-host-fingerprint')}.`, expected, found);
        },
    };
}

// EXTERNAL MODULE: ./lib/src/shared/remote/script.js
var remote_script = __webpack_require__(42494);
;// CONCATENATED MODULE: ./lib/src/shared/remote/supervisor.js
/**
 * What sshd runs for every exec: a small supervisor around the script. It is the session leader,
 * so its process group holds every process of the command.
 */


/**
 * The supervisor runs the script with `bash -c`, and
 * - on TERM/HUP/INT (our timeout sends TERM as an SSH `signal` request) kills the whole group;
 * - when the session's sshd process disappears, i.e. the connection was lost, kills the whole
 *   group too, so nothing (a dump writing to a file, a lock holder) runs on unobserved;
 * - when it finds itself re-parented (its parent became PID 1 or a subreaper: the connection was
 *   lost while the login shell was still starting, before or after it exec'd us), does the same.
 * The session's server process is the nearest ancestor named sshd*, dropbear* or tailscaled (a
 * login shell or wrapper that does not exec may sit between). When /proc shows none, the server
 * died before the supervisor started (it was re-parented to PID 1 or a subreaper): it says so on
 * stderr and kills its group. Without /proc the watched process is the parent.
 * The script's exit status is the supervisor's. Its first act marks the start of our own output
 * on stdout and stderr: what the login shell printed before (`.bashrc` noise) is dropped.
 */
const SUPERVISOR = [
    "trap 'trap - TERM HUP INT; kill -KILL 0' TERM HUP INT",
    `printf '${OUTPUT_START_PRINTF}'; printf '${OUTPUT_START_PRINTF}' >&2`,
    // parent_of PID: sets parent_pid from /proc (the comm field may hold spaces and parentheses).
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'parent_of() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; read -r _ parent_pid _ <<<"${stat##*) }"; }',
    'first_parent=$PPID',
    'session=',
    'pid=$$',
    'while parent_of "$pid" && [ "$parent_pid" -gt 1 ]; do',
    '  case $(cat "/proc/$parent_pid/comm" 2>/dev/null) in sshd*|dropbear*|tailscaled) session=$parent_pid; break ;; esac',
    '  pid=$parent_pid',
    'done',
    'if [ -z "$session" ] && [ -r /proc/$$/stat ] || [ "$first_parent" -le 1 ]; then',
    '  echo "gateway-ops: no SSH server process (sshd, dropbear, tailscaled) above this command: the connection was lost while the login shell started; stopping" >&2',
    '  kill -KILL 0',
    'fi',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'session=${session:-$PPID}',
    'still_attached() { kill -0 "$session" 2>/dev/null && { ! parent_of "$1" || [ "$parent_pid" = "$first_parent" ]; }; }',
    'supervisor=$$',
    '( while still_attached "$supervisor"; do sleep 1; done; kill -KILL 0 ) </dev/null >/dev/null 2>&1 &',
    'watchdog=$!',
    'bash --norc --noprofile -c "$1" gwops-script <&0 &',
    'wait "$!" && status=0 || status=$?',
    'kill "$watchdog" 2>/dev/null || true',
    'exit "$status"',
].join('\n');
/** The exec request's command line for `script`. */
function remoteCommandLine(script) {
    // --norc: Debian's bash reads ~/.bashrc for a command from sshd; the login shell already did.
    return `exec bash --norc --noprofile -c ${(0,quote/* shellQuote */.Z)(SUPERVISOR)} gwops ${(0,quote/* shellQuote */.Z)(remote_script/* SCRIPT_PRELUDE */.i + script)}`;
}
/** A short, single-line description of a script for messages. */
function scriptSummary(script) {
    const oneLine = script
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'))
        .join('; ')
        .replace(/\s+/g, ' ');
    return oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./lib/src/shared/remote/tunnel.js
/** TCP tunnels over the SSH connection: a local port on 127.0.0.1 forwarded to a host-side address. */


/** Listens on a free local port; each accepted socket is a `direct-tcpip` channel to the target. */
function openTunnel(client, description, targetHost, targetPort, logger, onClose) {
    const sockets = new Set();
    const server = (0,external_node_net_.createServer)((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
        client.forwardOut('127.0.0.1', socket.remotePort ?? 0, targetHost, targetPort, (error, stream) => {
            if (error) {
                logger?.warn(`${description}: tunnel to ${targetHost}:${targetPort} refused by the host: ${error.message}`);
                socket.destroy();
                return;
            }
            stream.on('error', () => socket.destroy());
            stream.on('close', () => socket.destroy());
            socket.on('close', () => stream.close());
            socket.pipe(stream).pipe(socket);
        });
    });
    return new Promise((resolve, reject) => {
        server.once('error', (error) => reject(new errors/* RemoteError */.Hi(`could not open a local port for the tunnel: ${error.message}`)));
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            const localPort = typeof address === 'object' && address ? address.port : 0;
            let closing;
            const tunnel = {
                localHost: '127.0.0.1',
                localPort,
                close: () => {
                    closing ??= new Promise((done) => {
                        onClose(tunnel);
                        for (const socket of sockets)
                            socket.destroy();
                        server.close(() => done());
                    });
                    return closing;
                },
            };
            resolve(tunnel);
        });
    });
}

;// CONCATENATED MODULE: ./lib/src/shared/remote/ssh.js
/**
 * `connectRemoteHost`: an SSH session to a host on ssh2, with a pinned host key (host-key-policy.ts),
 * keepalive, connect and command timeouts, streaming exec whose non-zero or missing exit status is
 * an error (exec-channel.ts, run under the supervisor of supervisor.ts), and TCP tunnels
 * (tunnel.ts). node-ssh is not used for exec: its execCommand buffers everything and resolves
 * with `code: null` when the connection drops.
 */
// ssh2 is CommonJS: Node's ESM loader cannot see its named exports, so take them from the default.

const { Client, utils } = lib;








const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 6 * 60 * 60 * 1000;
const DEFAULT_KEEPALIVE_INTERVAL_MS = 15_000;
const DEFAULT_KEEPALIVE_COUNT_MAX = 4;
const DEFAULT_MAX_COLLECTED_STDOUT = 16 * 1024 * 1024;
const MAX_SCRIPT_BYTES = 100 * 1024;
function mapConnectError(error, where, options, timeoutMs) {
    if (error instanceof errors/* RemoteError */.Hi)
        return error;
    if (error.level === 'client-authentication') {
        return new errors/* AuthenticationError */.v3(`authentication failed for user ${options.username} on ${where}: the key was not accepted (is its public key in ~${options.username}/.ssh/authorized_keys on the host, and is the user right?)`);
    }
    if (error.level === 'protocol') {
        return new errors/* NotSshPortError */.DQ(`${where} did not answer as an SSH server (${error.message}): is this an SSH port? Check ${(0,setting_ref/* settingRef */.y)('ssh-port')} and ${(0,setting_ref/* settingRef */.y)('ssh-host')}.`);
    }
    if (error.level === 'client-timeout' && /handshake/i.test(error.message)) {
        return new errors/* RemoteConnectError */.Tu(`could not connect to ${where} within ${timeoutMs} ms (ssh-connect-timeout): no SSH handshake completed. Check the host, the port and firewalls.`);
    }
    switch (error.code) {
        case 'ECONNREFUSED':
            return new errors/* RemoteConnectError */.Tu(`could not connect to ${where}: connection refused (is sshd running on that port?)`);
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return new errors/* RemoteConnectError */.Tu(`could not connect to ${where}: the host name ${options.host} does not resolve`);
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
            return new errors/* RemoteConnectError */.Tu(`could not connect to ${where}: host unreachable`);
        case 'ECONNRESET':
            return new errors/* RemoteConnectError */.Tu(`could not connect to ${where}: the connection was reset during the SSH handshake`);
    }
    return new errors/* RemoteConnectError */.Tu(`SSH connection to ${where} failed: ${error.message}`);
}
/** Connect, verify the host key, authenticate. Rejects with a RemoteError subclass. */
async function connectRemoteHost(options) {
    const port = options.port ?? 22;
    const where = `${options.username}@${options.host}:${port}`;
    if (!options.host || !options.username) {
        throw new errors/* RemoteConnectError */.Tu('ssh-host and ssh-user are required');
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new errors/* RemoteConnectError */.Tu(`ssh-port must be 1-65535; found ${port}`);
    }
    const parsed = utils.parseKey(options.privateKey, options.passphrase);
    if (parsed instanceof Error) {
        const encrypted = /encrypted|passphrase|decrypt/i.test(parsed.message);
        throw new errors/* RemoteConnectError */.Tu(encrypted
            ? `ssh-private-key could not be decrypted: ${options.passphrase ? 'the passphrase is wrong' : 'it is encrypted and no ssh-passphrase was given'}`
            : `ssh-private-key could not be read (${parsed.message}); give the whole private key text, BEGIN and END lines included`);
    }
    const policy = hostKeyPolicy(options, port);
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const client = new Client();
    let hostKeyError;
    let hostKeyFingerprint = '';
    const config = {
        host: options.host,
        port,
        username: options.username,
        privateKey: options.privateKey,
        ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
        readyTimeout: connectTimeoutMs,
        keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS,
        keepaliveCountMax: options.keepaliveCountMax ?? DEFAULT_KEEPALIVE_COUNT_MAX,
        tryKeyboard: false,
        agent: undefined,
        hostVerifier: (key) => {
            hostKeyFingerprint = fingerprintOf(key);
            hostKeyError = policy.check(key);
            return hostKeyError === undefined;
        },
        ...(policy.algorithms ? { algorithms: { serverHostKey: policy.algorithms } } : {}),
    };
    await new Promise((resolve, reject) => {
        let settled = false;
        const fail = (error) => {
            if (settled)
                return;
            settled = true;
            client.destroy();
            reject(hostKeyError ?? mapConnectError(error, where, options, connectTimeoutMs));
        };
        client.once('ready', () => {
            if (settled)
                return;
            settled = true;
            resolve();
        });
        client.on('error', fail);
        client.once('close', () => fail(new Error('the connection closed during the SSH handshake')));
        try {
            client.connect(config);
            // Commands and their results are small messages: without TCP_NODELAY, Nagle's algorithm
            // holds each one back until the previous is acknowledged (up to the peer's 40 ms delayed
            // ACK), several times per command.
            client.setNoDelay(true);
        }
        catch (error) {
            fail(error);
        }
    });
    options.logger?.debug?.(`connected to ${where} (host key ${hostKeyFingerprint})`);
    return new SshRemoteHost(client, where, hostKeyFingerprint, options);
}
class SshRemoteHost {
    description;
    /** `SHA256:...` of the key the host presented (verified unless insecure skip was set). */
    hostKeyFingerprint;
    client;
    options;
    closed = false;
    closeReason = '';
    pending = new Set();
    tunnels = new Set();
    connection;
    constructor(client, description, hostKeyFingerprint, options) {
        this.client = client;
        this.description = description;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.options = options;
        this.connection = {
            client,
            description,
            closeReason: () => this.closeReason,
            pending: this.pending,
        };
        client.on('error', (error) => {
            this.closeReason =
                error.level === 'client-timeout'
                    ? `no answer to SSH keepalives (${error.message})`
                    : `SSH connection error: ${error.message}`;
            options.logger?.warn(`${description}: ${this.closeReason}`);
        });
        client.on('close', () => {
            this.closed = true;
            for (const abort of [...this.pending])
                abort(this.closeReason || 'the SSH connection closed');
            for (const tunnel of [...this.tunnels])
                void tunnel.close();
        });
    }
    exec(script, options = {}) {
        const command = remoteCommandLine(script);
        const description = options.description ?? scriptSummary(script);
        if (Buffer.byteLength(command) > MAX_SCRIPT_BYTES) {
            return Promise.reject(new errors/* RemoteCommandError */.at({
                command: description,
                host: this.description,
                failure: 'channel',
                detail: `the script is longer than ${MAX_SCRIPT_BYTES} bytes; pass data through stdin instead`,
            }));
        }
        const started = performance.now();
        const done = (outcome) => this.options.logger?.debug?.(`remote command ${outcome} in ${Math.round(performance.now() - started)} ms: ${description}`);
        return this.runChannel(command, description, options).then((result) => {
            done('ended');
            return result;
        }, (error) => {
            done('failed');
            throw error;
        });
    }
    run(argv, options = {}) {
        if (argv.length === 0)
            return Promise.reject(new errors/* RemoteError */.Hi('run: empty argv'));
        const description = options.description ??
            (argv.length > 3 ? `${(0,quote/* shellJoin */.n)(argv.slice(0, 3))} ...` : (0,quote/* shellJoin */.n)(argv)).slice(0, 120);
        return this.exec((0,quote/* shellJoin */.n)(argv), { ...options, description });
    }
    runChannel(command, description, options) {
        if (this.closed) {
            return Promise.reject(new errors/* RemoteCommandError */.at({
                command: description,
                host: this.description,
                failure: 'channel',
                detail: this.closeReason || 'the SSH connection is closed',
            }));
        }
        return runChannel(this.connection, command, description, options, {
            timeoutMs: options.timeoutMs ?? this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
            maxCollectedBytes: options.maxCollectedBytes ?? this.options.maxCollectedStdoutBytes ?? DEFAULT_MAX_COLLECTED_STDOUT,
        });
    }
    forward(targetHost, targetPort) {
        if (this.closed)
            return Promise.reject(new errors/* RemoteError */.Hi(`${this.description}: the SSH connection is closed`));
        return openTunnel(this.client, this.description, targetHost, targetPort, this.options.logger, (tunnel) => this.tunnels.delete(tunnel)).then((tunnel) => {
            this.tunnels.add(tunnel);
            return tunnel;
        });
    }
    async close() {
        await Promise.all([...this.tunnels].map((t) => t.close()));
        if (this.closed)
            return;
        await new Promise((resolve) => {
            this.client.once('close', () => resolve());
            this.client.end();
            setTimeout(resolve, 2000).unref();
        });
    }
}

;// CONCATENATED MODULE: ./lib/src/shared/remote/index.js
/** The remote room: SSH sessions to a host, shell quoting, tunnels, and the container seam. */







/***/ }),

/***/ 89413:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ shellQuote),
/* harmony export */   n: () => (/* binding */ shellJoin)
/* harmony export */ });
/**
 * POSIX shell quoting. Every argument that reaches a remote shell goes through `shellQuote`:
 * the result is one word for sh/bash/dash/zsh whatever the input holds (spaces, quotes, `$`,
 * backticks, globs, newlines, leading dashes stay data; a leading dash is still an option to the
 * program receiving it, so pass `--` where that matters).
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** Quote one argument for a POSIX shell. NUL bytes cannot be passed in an argument and are refused. */
function shellQuote(value) {
    if (value.includes('\0'))
        throw new Error('shellQuote: an argument cannot contain a NUL byte');
    if (value !== '' && SAFE.test(value))
        return value;
    return `'${value.replaceAll("'", `'\\''`)}'`;
}
/** Quote every argument and join them with spaces: a command line for a POSIX shell. */
function shellJoin(argv) {
    return argv.map(shellQuote).join(' ');
}


/***/ }),

/***/ 42494:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ee: () => (/* binding */ removeTreeScript),
/* harmony export */   FK: () => (/* binding */ toolVersionsScript),
/* harmony export */   LV: () => (/* binding */ missingToolsScript),
/* harmony export */   R6: () => (/* binding */ SESSION_GUARD),
/* harmony export */   WI: () => (/* binding */ SHA256_HASHER),
/* harmony export */   i: () => (/* binding */ SCRIPT_PRELUDE)
/* harmony export */ });
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(89413);
/**
 * The pieces every host script is made of. A script is built by a TypeScript function from these
 * and from values passed through `shellQuote` (one word) or `shellJoin` (an argv); the exec
 * channel adds `SCRIPT_PRELUDE` in front of it, so no script repeats it.
 */


/** The prelude of every script: bash strict mode (also inside `$(...)`). Added by the exec channel. */
const SCRIPT_PRELUDE = 'set -euo pipefail\nshopt -s inherit_errexit 2>/dev/null || true\n';
/**
 * Script prologue for long work on the host. sshd sends no signal when the SSH connection drops
 * (no pty), so a pipeline writing to files would run on, orphaned, into a directory the next run
 * cleans up. A watcher holds the script's stdin (which the caller keeps open until the command
 * ends) and, on EOF, kills the script's whole process group. `session_guard_end` disarms it.
 * Everything after the prologue reads /dev/null, so `docker exec -i` cannot eat the watcher's input.
 */
const SESSION_GUARD = `exec 3<&0 0</dev/null
( exec >/dev/null 2>&1; cat <&3 >/dev/null || true; kill -TERM 0 ) &
session_guard_pid=$!
exec 3<&-
session_guard_end() { kill "$session_guard_pid" 2>/dev/null || true; }
`;
/**
 * Sets `hasher` to a sha256 command that reads stdin and prints `<hex> ...`: openssl when the host
 * has it (it uses the CPU's SHA instructions: about 5x faster than coreutils' sha256sum here), else
 * sha256sum.
 */
const SHA256_HASHER = `if command -v openssl >/dev/null 2>&1 && [ "$(printf '' | openssl dgst -sha256 -r 2>/dev/null | cut -c1-8)" = e3b0c442 ]; then
  hasher=(openssl dgst -sha256 -r)
else
  hasher=(sha256sum)
fi`;
/** Removes a directory tree (nothing when it is absent). */
function removeTreeScript(path) {
    return `rm -rf -- ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(path)}\n`;
}
/** Prints the tools of `tools` the host lacks, one per line (`prefix` before each name). */
function missingToolsScript(tools, prefix = '') {
    const unique = [...new Set(tools)];
    return `tools=(${unique.map(_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z).join(' ')})
for tool in "\${tools[@]}"; do command -v "$tool" >/dev/null 2>&1 || echo ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(prefix)}"$tool"; done`;
}
/** Prints `version <tool> <first line of its version output>` for each argv whose tool exists. */
function toolVersionsScript(versionCommands) {
    if (versionCommands.length === 0)
        return '';
    return `version_of() { if command -v "$1" >/dev/null 2>&1; then printf 'version %s %s\\n' "$1" "$("$@" 2>&1 | head -n 1)"; fi; }
${versionCommands.map((argv) => `version_of ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellJoin */ .n)(argv)}`).join('\n')}`;
}


/***/ }),

/***/ 46870:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ settingRef)
/* harmony export */ });
/**
 * A setting named inside a message (a hint, an error), written `⟦name⟧` or `⟦name=value⟧`. The
 * front end renders it in the form the user is using (`--force` on the command line, `force: true`
 * in an action), see `renderSettingRefs` in settings/names.ts. Any layer may use this: it imports nothing.
 */
function settingRef(name, value) {
    return value === undefined ? `⟦${name}⟧` : `⟦${name}=${value}⟧`;
}


/***/ }),

/***/ 94717:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AJ: () => (/* binding */ chooseRetained),
/* harmony export */   QK: () => (/* binding */ DEFAULT_RETENTION_POLICY)
/* harmony export */ });
/* unused harmony exports dayNumber, isoWeek */
/**
 * Retention of dated snapshots (OpenSearch snapshots and the on-disk day directories alike).
 *
 * Pure: given the snapshots and a policy, say which to keep and which to delete, and why.
 * The rules, newest first:
 * - only verified snapshots fill a slot: a failed day neither counts as a day nor as the
 *   representative of its week or month;
 * - daily: the newest verified snapshot of each of the `keepDaily` most recent days that have one;
 * - weekly: the newest verified snapshot of each of the `keepWeekly` most recent ISO weeks
 *   (Monday to Sunday, ISO week-numbering year) that have one;
 * - monthly: the newest verified snapshot of each of the `keepMonthly` most recent calendar months;
 * - the newest verified snapshot is always kept, whatever the policy says;
 * - for each component, the newest snapshot holding a good copy of it is kept, as pgBackRest never
 *   expires the only backup a restore could use: a day whose OpenSearch part failed still holds the
 *   newest PostgreSQL dump until a later snapshot holds a newer one;
 * - an unverified snapshot newer than the newest verified one is kept (it may still be running or
 *   be investigated); an unverified one older than it is deleted (superseded);
 * - while a bad snapshot (unverified, `components: []`) is kept, no verified one is deleted: a
 *   good snapshot never goes while a bad one stays;
 * - a second snapshot of the same day (only the newest of a day fills a slot) is deleted.
 * The slots overlap: one snapshot may be a day's, a week's and a month's at once.
 */
const DEFAULT_RETENTION_POLICY = { keepDaily: 7, keepWeekly: 4, keepMonthly: 6 };
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Days since 1970-01-01 of a valid 'YYYY-MM-DD', or undefined when it is not a real date. */
function dayNumber(date) {
    const m = DATE.exec(date);
    if (!m)
        return undefined;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
        return undefined;
    return t / 86_400_000;
}
/** ISO 8601 week of a date: '2026-W48'; the year is the ISO week-numbering year. */
function isoWeek(date) {
    const day = dayNumber(date);
    if (day === undefined)
        throw new Error(`not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
    const t = new Date(day * 86_400_000);
    const weekday = (t.getUTCDay() + 6) % 7; // Monday = 0
    // The Thursday of this week decides the year.
    const thursday = new Date((day - weekday + 3) * 86_400_000);
    const year = thursday.getUTCFullYear();
    const firstThursdayDay = dayNumber(`${year}-01-04`);
    const firstWeekday = (new Date(firstThursdayDay * 86_400_000).getUTCDay() + 6) % 7;
    const week1Monday = firstThursdayDay - firstWeekday;
    const week = Math.floor((day - weekday - week1Monday) / 7) + 1;
    return `${year}-W${String(week).padStart(2, '0')}`;
}
function checkPolicy(policy) {
    for (const [key, value] of Object.entries(policy)) {
        if (!Number.isInteger(value) || value < 0) {
            throw new Error(`retention: ${key} must be a non-negative integer, got ${String(value)}`);
        }
    }
}
/** For each component, the newest entry holding a good copy of it (entries newest first). */
function newestCopies(entries) {
    const newest = new Set();
    const copied = new Set();
    for (const entry of entries) {
        for (const component of entry.snapshot.components ?? []) {
            if (copied.has(component))
                continue;
            copied.add(component);
            newest.add(entry);
            if (!entry.keep)
                entry.why.push(`newest good copy of ${component} (always kept)`);
        }
    }
    return newest;
}
/** While a bad snapshot (unverified, `components: []`) is kept, every verified one is kept too. */
function keepGoodWhileBadIsKept(entries) {
    if (!entries.some((e) => e.keep && !e.snapshot.verified && e.snapshot.components?.length === 0))
        return;
    for (const entry of entries) {
        if (entry.keep || !entry.snapshot.verified)
            continue;
        entry.keep = true;
        entry.why = ['verified, and a bad snapshot is kept: no good snapshot is deleted while a bad one stays'];
    }
}
function chooseRetained(snapshots, policy = DEFAULT_RETENTION_POLICY) {
    checkPolicy(policy);
    const entries = snapshots.map((snapshot, position) => {
        const day = dayNumber(snapshot.date);
        if (day === undefined)
            throw new Error(`retention: not a date YYYY-MM-DD: ${JSON.stringify(snapshot.date)}`);
        return { snapshot, position, day, why: [], keep: false };
    });
    // Newest first; for the same day the later entry in the input counts as the newer one.
    entries.sort((a, b) => b.day - a.day || b.position - a.position);
    const newestVerified = entries.find((e) => e.snapshot.verified);
    const rules = [
        { name: 'daily', count: policy.keepDaily, bucket: (d) => d },
        { name: 'weekly', count: policy.keepWeekly, bucket: isoWeek },
        { name: 'monthly', count: policy.keepMonthly, bucket: (d) => d.slice(0, 7) },
    ];
    for (const rule of rules) {
        const seen = new Set();
        for (const entry of entries) {
            if (seen.size >= rule.count)
                break;
            if (!entry.snapshot.verified)
                continue;
            const bucket = rule.bucket(entry.snapshot.date);
            if (seen.has(bucket))
                continue;
            seen.add(bucket);
            entry.keep = true;
            entry.why.push(`${rule.name} ${bucket}`);
        }
    }
    const newestCopy = newestCopies(entries);
    const keptDays = new Set();
    for (const entry of entries) {
        if (entry === newestVerified) {
            if (!entry.keep)
                entry.why.push('newest verified snapshot (always kept)');
            entry.keep = true;
        }
        if (newestCopy.has(entry))
            entry.keep = true;
        if (entry.keep) {
            keptDays.add(entry.day);
            continue;
        }
        if (!entry.snapshot.verified) {
            if (!newestVerified || entry.day > newestVerified.day) {
                entry.keep = true;
                entry.why.push('unverified, newer than every verified snapshot (kept for inspection)');
            }
            else {
                entry.why.push('unverified (failed or partial), superseded by a newer verified snapshot');
            }
            continue;
        }
        entry.why.push(keptDays.has(entry.day) ? 'an older snapshot of a day already kept' : 'outside every slot');
    }
    keepGoodWhileBadIsKept(entries);
    const reasons = entries.map((e) => ({ snapshot: e.snapshot, keep: e.keep, why: e.why }));
    return {
        keep: reasons.filter((r) => r.keep).map((r) => r.snapshot),
        delete: reasons.filter((r) => !r.keep).map((r) => r.snapshot),
        reasons,
    };
}


/***/ })

};

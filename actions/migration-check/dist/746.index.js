export const id = 746;
export const ids = [746];
export const modules = {

/***/ 69493:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ whenInterrupted)
/* harmony export */ });
/* unused harmony export undoInterrupted */
/**
 * Work a run undoes when the process is interrupted (SIGINT, SIGTERM) before it exits: the CLI's
 * signal handler awaits it, bounded, so a run's work dir on the host does not outlive the run.
 * Any layer may register; it imports nothing.
 */
const pending = new Set();
/** Registers `undo` for an interruption; the returned function unregisters it (the work is done). */
function whenInterrupted(undo) {
    pending.add(undo);
    return () => {
        pending.delete(undo);
    };
}
/** Runs every registered undo at once; resolves when all settled or after `timeoutMs` (false then). */
async function undoInterrupted(timeoutMs) {
    const undos = [...pending];
    pending.clear();
    if (undos.length === 0)
        return true;
    let timer;
    const timedOut = new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = Promise.allSettled(undos.map((undo) => undo())).then(() => true);
    try {
        return await Promise.race([settled, timedOut]);
    }
    finally {
        clearTimeout(timer);
    }
}


/***/ }),

/***/ 7196:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BB: () => (/* binding */ deleteSnapshots),
/* harmony export */   Cb: () => (/* binding */ listSnapshots),
/* harmony export */   Ip: () => (/* binding */ chooseSnapshot),
/* harmony export */   uM: () => (/* binding */ readCatalog)
/* harmony export */ });
/* unused harmony exports catalogScript, parseCatalog, judgeEntry, newestComplete, deleteSnapshotsScript */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8835);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(89413);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86489);
/* harmony import */ var _listing_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(91487);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(47494);
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(71870);







/** The snapshot directories in the backups dir (dates and pre-restore labels), oldest first; hidden work dirs excluded. */
async function listSnapshots(remote, layout) {
    const root = (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .backupsRoot */ .GI)(layout);
    const { stdout } = await remote.exec((0,_listing_js__WEBPACK_IMPORTED_MODULE_3__/* .backupsListingScript */ .dd)(root), {
        description: `list the snapshots in ${root}`,
    });
    return (0,_listing_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBackupsListing */ .t2)(stdout.split('\n'))
        .map((entry) => entry.name)
        .filter((name) => (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .snapshotKind */ .pJ)(name) !== null)
        .sort();
}
/**
 * `latest` (the newest daily snapshot: a restore's safety snapshot is never `latest`), a date, or a
 * pre-restore label, against the names present; throws naming what exists when there is no match.
 */
function chooseSnapshot(names, wanted, where) {
    const sorted = [...names].sort();
    if (wanted === 'latest') {
        const latest = sorted.filter((name) => (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .snapshotKind */ .pJ)(name) === 'daily').at(-1);
        if (!latest)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`No snapshot in ${where}.`);
        return latest;
    }
    if (!sorted.includes(wanted)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`No snapshot ${wanted} in ${where}. Found: ${sorted.length ? sorted.slice(-10).join(', ') : 'none'}.`);
    }
    return wanted;
}
const MANIFEST_START = '--manifest';
const MANIFEST_END = '--end';
const DIR_LINE = /^dir (good|none) (own|foreign) (.+)$/;
/**
 * One round trip: the backups dir's listing, and below each snapshot directory of the SSH user's
 * own its entries with sizes and its manifest's text; nothing when the dir does not exist.
 */
function catalogScript(root) {
    return `if [ -d ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(root)} ]; then
  cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(root)}
${(0,_listing_js__WEBPACK_IMPORTED_MODULE_3__/* .backupsListingWith */ .At)(`    [ "$owner" = own ] || continue
    case $name in ${_listing_js__WEBPACK_IMPORTED_MODULE_3__/* .SNAPSHOT_NAME_PATTERN */ .is}) ;; *) continue ;; esac
    find "$name" -mindepth 1 -printf '%y\\t%s\\t%P\\n'
    if [ "$manifest" = good ] && [ ! -L "$name/${_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_FILE */ .h1}" ]; then
      echo ${MANIFEST_START}
      cat -- "$name/${_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_FILE */ .h1}"
      echo
      echo ${MANIFEST_END}
    fi
`)}fi
`;
}
/** Parses catalogScript's output and judges each entry (pure). */
function parseCatalog(root, text) {
    const blocks = [];
    let inManifest = false;
    for (const line of text.split('\n')) {
        const current = blocks.at(-1);
        const dir = inManifest ? null : DIR_LINE.exec(line);
        if (inManifest && current) {
            if (line === MANIFEST_END)
                inManifest = false;
            else
                current.manifest.push(line);
        }
        else if (dir) {
            blocks.push({ name: dir[3], own: dir[2] === 'own', listing: [], manifest: null });
        }
        else if (line === MANIFEST_START && current) {
            current.manifest = [];
            inManifest = true;
        }
        else if (current) {
            current.listing.push(line);
        }
    }
    const own = blocks.filter((block) => block.own);
    const entries = own
        .map((block) => judgeEntry(block.name, block.listing.join('\n'), block.manifest?.join('\n') ?? null))
        .filter((entry) => entry !== null)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const replaced = own
        .map((block) => block.name)
        .filter((name) => (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .parseLeftoverName */ .W6)(name)?.kind === 'replaced');
    const foreign = blocks
        .filter((block) => !block.own && (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .snapshotKind */ .pJ)(block.name) !== null)
        .map((block) => block.name);
    return { root, entries, replaced: replaced.sort(), foreign: foreign.sort() };
}
/** One directory, judged from its listing (`%y\t%s\t%P` lines) and its manifest's text; null when the name is not a snapshot's. */
function judgeEntry(name, listing, manifestText) {
    const kind = (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .snapshotKind */ .pJ)(name);
    const day = (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .dayOfSnapshotName */ .vS)(name);
    if (kind === null || day === null)
        return null;
    const base = { name, kind, day, goodComponents: [], failedComponents: [] };
    if (manifestText === null) {
        return { ...base, state: 'no-manifest', manifest: null, problems: [`${name} has no ${_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_FILE */ .h1}`] };
    }
    const parsed = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .parseManifest */ .Ng)(manifestText);
    if (!parsed.ok)
        return { ...base, state: 'bad', manifest: null, problems: [`${name}: ${parsed.problem}`] };
    const manifest = parsed.manifest;
    const found = new Map((0,_verify_js__WEBPACK_IMPORTED_MODULE_5__/* .parseListing */ ._S)(listing)
        .filter((entry) => entry.type === 'f')
        .map((entry) => [entry.path, entry.size]));
    const problems = [];
    if ((manifest.label ?? manifest.date) !== name) {
        problems.push(`${name}: the manifest is for ${manifest.label ?? manifest.date}`);
    }
    for (const file of manifest.files) {
        const size = found.get(file.path);
        if (size === undefined)
            problems.push(`${name}/${file.path}: missing (expected ${file.size} bytes)`);
        else if (size !== file.size)
            problems.push(`${name}/${file.path}: size ${size} bytes, expected ${file.size}`);
    }
    if (problems.length > 0)
        return { ...base, state: 'bad', manifest, problems };
    const failed = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .failedComponents */ .mw)(manifest);
    const good = Object.keys(manifest.components).filter((component) => !failed.includes(component));
    return {
        ...base,
        state: failed.length > 0 ? 'partial' : 'complete',
        manifest,
        goodComponents: good,
        failedComponents: failed,
        problems: failed.map((component) => `${name}: component ${component} failed`),
    };
}
/** Every snapshot directory of the backups dir, judged by names and sizes; empty when the dir does not exist. */
async function readCatalog(remote, layout) {
    const root = (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .backupsRoot */ .GI)(layout);
    const { stdout } = await remote.exec(catalogScript(root), {
        description: `read the snapshots in ${root}`,
    });
    return parseCatalog(root, stdout);
}
/** The newest complete daily snapshot (what a restore's `latest` means), or null. */
function newestComplete(catalog) {
    return catalog.entries.filter((e) => e.kind === 'daily' && e.state === 'complete').at(-1) ?? null;
}
/**
 * Deletes whole snapshots (retention). Under the host lock only. Each is first renamed to a hidden
 * `.DATE.deleting-<run>` name, so a dated directory is either complete or gone, never half-deleted;
 * a crash mid-removal leaves a hidden leftover the next run removes.
 */
async function deleteSnapshots(remote, layout, lock, runId, dates) {
    if (dates.length === 0)
        return;
    if (!lock.held())
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK('deleteSnapshots: the host lock is not held; nothing was deleted.');
    const root = (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .backupsRoot */ .GI)(layout);
    await remote.exec(deleteSnapshotsScript(root, runId, dates), {
        description: `delete ${dates.length} snapshot(s) in ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(root)}`,
    });
}
/** Renames each dated dir to `.DATE.deleting-<run>`, then removes it. */
function deleteSnapshotsScript(root, runId, dates) {
    const lines = dates.map((date) => {
        if ((0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .snapshotKind */ .pJ)(date) === null)
            throw new Error(`deleteSnapshots: '${date}' is not a snapshot date`);
        const hidden = `.${date}.deleting-${runId}`;
        return `if [ -d ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(date)} ]; then mv -T -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(date)} ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(hidden)}; rm -rf -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(hidden)}; fi`;
    });
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(root)}\n${lines.join('\n')}\nsync -- . 2>/dev/null || true\n`;
}


/***/ }),

/***/ 76213:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ compressionExtension),
/* harmony export */   _7: () => (/* binding */ COMPRESSIONS),
/* harmony export */   at: () => (/* binding */ compressorTool),
/* harmony export */   bj: () => (/* binding */ compressionLevel),
/* harmony export */   iz: () => (/* binding */ compressorArgv)
/* harmony export */ });
/* unused harmony exports DEFAULT_LEVEL, integrityTestArgv */
const COMPRESSIONS = ['zstd', 'gzip', 'none'];
const DEFAULT_LEVEL = { zstd: 3, gzip: 6, none: null };
const LEVELS = { zstd: [1, 19], gzip: [1, 9], none: null };
function compressionExtension(compression) {
    return compression === 'zstd' ? '.zst' : compression === 'gzip' ? '.gz' : '';
}
/** The level to use, or an error message naming the allowed range. */
function compressionLevel(compression, level) {
    const range = LEVELS[compression];
    if (range === null)
        return null;
    if (level === undefined)
        return DEFAULT_LEVEL[compression];
    if (!Number.isInteger(level) || level < range[0] || level > range[1]) {
        throw new RangeError(`Invalid compression-level ${level} for ${compression}. Expected an integer from ${range[0]} to ${range[1]}.`);
    }
    return level;
}
/** argv of the compressor stage (stdin to stdout), or null when the bytes pass through as they are. */
function compressorArgv(compression, level) {
    switch (compression) {
        case 'zstd':
            // -T0: one worker per core; the dump is the slow side, so this keeps the pipe drained.
            return ['zstd', '-q', '-T0', `-${level ?? 3}`, '-c'];
        case 'gzip':
            return ['gzip', `-${level ?? 6}`, '-c'];
        case 'none':
            return null;
    }
}
/** argv that exits 0 only when the compressed file decodes completely (checksums included). */
function integrityTestArgv(compression, file) {
    switch (compression) {
        case 'zstd':
            return ['zstd', '-q', '-t', '--', file];
        case 'gzip':
            return ['gzip', '-t', '--', file];
        case 'none':
            return null;
    }
}
/** The host tool a compression needs. */
function compressorTool(compression) {
    return compression === 'none' ? null : compression;
}


/***/ }),

/***/ 21746:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  h1: () => (/* reexport */ snapshot_layout/* MANIFEST_FILE */.h1),
  R1: () => (/* reexport */ snapshot_lock/* MISSING_TOOLS */.R1),
  ih: () => (/* reexport */ snapshot_lock/* SETUP_FAILED */.ih),
  mA: () => (/* reexport */ applyDiskRetention),
  dd: () => (/* reexport */ listing/* backupsListingScript */.dd),
  GI: () => (/* reexport */ snapshot_layout/* backupsRoot */.GI),
  w: () => (/* reexport */ snapshot/* beginSnapshot */.w),
  u1: () => (/* reexport */ manifest/* buildManifest */.u1),
  Ip: () => (/* reexport */ snapshot_catalog/* chooseSnapshot */.Ip),
  Kz: () => (/* reexport */ prepare/* cleanLeftovers */.Kz),
  Py: () => (/* reexport */ snapshot_layout/* isRestoreWorkDir */.Py),
  XZ: () => (/* reexport */ snapshot_layout/* isSnapshotDate */.XZ),
  Cb: () => (/* reexport */ snapshot_catalog/* listSnapshots */.Cb),
  uS: () => (/* reexport */ snapshot/* lockBackupsDir */.uS),
  F$: () => (/* reexport */ snapshot/* newRunId */.F$),
  t2: () => (/* reexport */ listing/* parseBackupsListing */.t2),
  BP: () => (/* reexport */ parseComponentDetails),
  W6: () => (/* reexport */ snapshot_layout/* parseLeftoverName */.W6),
  p5: () => (/* reexport */ prepare/* prepareScript */.p5),
  uM: () => (/* reexport */ snapshot_catalog/* readCatalog */.uM),
  nZ: () => (/* reexport */ prepare/* snapshotLockBefore */.nZ),
  Mx: () => (/* reexport */ verify/* verifySnapshot */.Mx)
});

// UNUSED EXPORTS: BACKUPS_LISTING, COMPONENT_DETAILS, COMPONENT_VERDICTS, COMPRESSIONS, DEFAULT_KEEP_PRE_RESTORE, DEFAULT_LEVEL, DEFAULT_RETENTION_POLICY, LOCK_FILE, MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, NOT_A_DIRECTORY, PARTIAL_CREATED, SNAPSHOT_NAME_PATTERN, SNAPSHOT_TOOLS, acquireHostLock, backupsListingWith, catalogScript, checkRelativePath, chooseRetained, commitScript, compareFiles, componentRecordSchema, compressionExtension, compressionLevel, compressorArgv, compressorTool, dayNumber, dayOfSnapshotName, deleteSnapshots, deleteSnapshotsScript, describeHolder, failedComponents, fileCheckScript, hostProbeScript, integrityTestArgv, isPreRestoreLabel, isoWeek, judgeEntry, judgeToday, leftoverScript, lendHostLock, lentLockScript, listScript, lockScript, manifestFileSchema, manifestSchema, missingTools, missingToolsScript, newestComplete, opensearchDetailsSchema, ownEntries, parseCatalog, parseFileChecks, parseHolderLines, parseListing, parseManifest, parseSnapshotListing, partialDirScript, planDiskRetention, planLeftovers, postgresDetailsSchema, preRestoreLabel, probeHost, serializeManifest, snapshotDate, snapshotFilesScript, snapshotKind, snapshotLockHooks, snapshotPaths, swapBackScript, unexpectedDirectories

// EXTERNAL MODULE: ./lib/src/shared/snapshot/catalog.js
var snapshot_catalog = __webpack_require__(7196);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/compression.js
var compression = __webpack_require__(76213);
;// CONCATENATED MODULE: ./lib/src/shared/snapshot/component-details.js


/**
 * The typed `details` each component records in the manifest, and one parser that reads them
 * back: readers (verify, reuse, restore, status) never cast `details[...]` themselves. Each schema
 * names what readers rely on and lets the rest through, so older and newer manifests both parse.
 */
const postgresDetailsSchema = schemas/* looseObject */._H3({
    exec: schemas/* enum */.k5n(['docker', 'host']),
    container: schemas/* string */.YjP().nullable(),
    user: schemas/* string */.YjP(),
    serverVersion: schemas/* string */.YjP(),
    pgDumpallVersion: schemas/* string */.YjP(),
    compression: schemas/* enum */.k5n(compression/* COMPRESSIONS */._7),
    file: schemas/* string */.YjP().min(1),
    bytes: schemas/* number */.aig().int().nonnegative(),
    rowCounts: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* number */.aig().int().nonnegative())),
    databases: schemas/* array */.YOg(schemas/* string */.YjP()),
});
const indexRecord = schemas/* looseObject */._H3({
    docs: schemas/* number */.aig().int().nonnegative().nullable(),
    health: schemas/* string */.YjP().optional(),
    status: schemas/* string */.YjP().optional(),
});
const opensearchDetailsSchema = schemas/* looseObject */._H3({
    snapshot: schemas/* string */.YjP().min(1),
    repository: schemas/* string */.YjP().min(1),
    state: schemas/* string */.YjP(),
    reused: schemas/* boolean */.zMY().optional(),
    shards: schemas/* looseObject */._H3({ total: schemas/* number */.aig(), successful: schemas/* number */.aig(), failed: schemas/* number */.aig() }).optional(),
    indices: schemas/* record */.g1P(schemas/* string */.YjP(), indexRecord),
});
/** Component name → the schema of its details; secrets and git add theirs here. */
const COMPONENT_DETAILS = {
    postgres: postgresDetailsSchema,
    opensearch: opensearchDetailsSchema,
};
/** Reads a component's recorded details back; never throws: a bad record is a finding. */
function parseComponentDetails(component, record) {
    if (record.verdict !== 'passed') {
        return { ok: false, problem: `the ${component} component ${record.verdict}: it has no details` };
    }
    const result = COMPONENT_DETAILS[component].safeParse(record.details);
    if (!result.success) {
        const where = result.error.issues
            .slice(0, 3)
            .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
            .join('; ');
        return { ok: false, problem: `the manifest's ${component} details are not valid (${where})` };
    }
    return { ok: true, details: result.data };
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/layout.js
var snapshot_layout = __webpack_require__(86489);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/lock.js
var snapshot_lock = __webpack_require__(38092);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/retention.js
var retention = __webpack_require__(94717);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/snapshot.js
var snapshot = __webpack_require__(46091);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/verify.js
var verify = __webpack_require__(71870);
;// CONCATENATED MODULE: ./lib/src/shared/snapshot/disk-retention.js







const DEFAULT_KEEP_PRE_RESTORE = 3;
/**
 * What disk retention does with the backups dir, before any checksum (pure). Daily snapshots are
 * judged by the retention rules, counting only complete ones whose files have their manifest sizes;
 * a directory without a manifest is not ours to judge and a future-dated one would take the newest
 * slot: both are left alone, with a warning. Pre-restore snapshots are kept by count only.
 */
function planDiskRetention(catalog, policy, 
/** The snapshot this run committed or reused (its date or label): never deleted, and no later date counts. */
protect, 
/** Marked bad by a full check (checksums), though their sizes matched. */
failedFullCheck = new Set()) {
    const warnings = [];
    const today = catalog.entries.find((e) => e.name === protect)?.day ?? protect.slice(0, 10);
    const daily = catalog.entries.filter((e) => e.kind === 'daily');
    const alone = daily.filter((e) => e.state === 'no-manifest').map((e) => e.name);
    if (alone.length > 0) {
        warnings.push(`${catalog.root} holds dated director${alone.length === 1 ? 'y' : 'ies'} without a manifest: ${alone.join(', ')} (not made by gateway-ops, or a copy by hand?). Left alone; retention does not judge them.`);
    }
    const foreign = catalog.foreign ?? [];
    if (foreign.length > 0) {
        warnings.push(`${catalog.root} holds snapshot director${foreign.length === 1 ? 'y' : 'ies'} owned by another user or writable by others: ${foreign.join(', ')} (not made by gateway-ops). Left alone; retention does not judge them.`);
    }
    const future = daily.filter((e) => e.state !== 'no-manifest' && e.name > today).map((e) => e.name);
    if (future.length > 0) {
        warnings.push(`${catalog.root} holds snapshot(s) dated after ${today}: ${future.join(', ')} (another timezone setting, or a clock ahead?). Left alone and not counted by retention.`);
    }
    const candidates = daily
        .filter((e) => e.state !== 'no-manifest' && e.name <= today)
        .map((e) => candidate(e, failedFullCheck.has(e.name)));
    const plan = (0,retention/* chooseRetained */.AJ)(candidates, policy);
    const deleted = plan.delete.map((c) => c.name).filter((name) => name !== protect);
    // Labels sort by time; a directory without a manifest is not ours, as for daily ones.
    const preRestore = catalog.entries
        .filter((e) => e.kind === 'pre-restore' && e.state !== 'no-manifest')
        .sort((a, b) => (a.name < b.name ? -1 : 1));
    const keptPreRestore = new Set(preRestore.slice(-(policy.keepPreRestore ?? DEFAULT_KEEP_PRE_RESTORE)).map((e) => e.name));
    for (const entry of preRestore) {
        if (!keptPreRestore.has(entry.name) && entry.name !== protect)
            deleted.push(entry.name);
    }
    return {
        delete: deleted,
        warnings,
        candidates,
        keepDaily: plan.keep.map((c) => c.name).filter((name) => name !== protect),
    };
}
function candidate(entry, failedFullCheck) {
    const good = !failedFullCheck && entry.state !== 'bad';
    return {
        name: entry.name,
        date: entry.day,
        verified: good && entry.state === 'complete',
        components: good ? entry.goodComponents : [],
    };
}
/**
 * Prunes the snapshot directories by the retention policy, under the host lock. Only snapshots
 * whose files have their manifest sizes count (a cheap check of every one), and the newest kept one
 * besides this run's own is checked fully (checksums and streams) before anything older is deleted:
 * when it fails, it counts as bad and the plan is made again.
 */
async function applyDiskRetention(remote, layout, policy, log, 
/** The snapshot this run committed or reused (date or label): never deleted by it. */
protect, 
/** The lock this run still holds; without it, the lock is taken here. */
held) {
    const root = (0,snapshot_layout/* backupsRoot */.GI)(layout);
    const runId = (0,snapshot/* newRunId */.F$)();
    const lock = held?.lock ?? (await (0,snapshot_lock/* acquireHostLock */.QM)(remote, external_node_path_.posix.join(root, snapshot_layout/* LOCK_FILE */.FI), runId));
    try {
        const catalog = await (0,snapshot_catalog/* readCatalog */.uM)(remote, layout);
        const failedFullCheck = new Set();
        let plan = planDiskRetention(catalog, policy, protect, failedFullCheck);
        for (const warning of plan.warnings)
            log.warn(warning);
        for (const entry of catalog.entries.filter((e) => e.state === 'bad')) {
            log.warn(`Retention: ${entry.name} does not verify (${entry.problems.slice(0, 3).join('; ')}): it counts as bad.`);
        }
        // The newest snapshot kept besides this run's own is checked fully; a failure re-plans.
        const checked = new Set();
        while (plan.delete.length > 0) {
            const name = plan.keepDaily.find((n) => !checked.has(n) && catalog.entries.find((e) => e.name === n)?.state === 'complete');
            if (name === undefined)
                break;
            checked.add(name);
            const report = await (0,verify/* verifySnapshot */.Mx)(remote, external_node_path_.posix.join(root, name));
            if (report.verdict === 'good')
                break;
            log.warn(`Retention: ${name} fails its full check (${report.problems.slice(0, 3).join('; ')}): it counts as bad.`);
            failedFullCheck.add(name);
            plan = planDiskRetention(catalog, policy, protect, failedFullCheck);
        }
        const deleted = plan.delete;
        if (deleted.length > 0) {
            log.info(`Retention: removing ${deleted.join(', ')} from ${root}`);
            await (0,snapshot_catalog/* deleteSnapshots */.BB)(remote, layout, lock, runId, deleted);
        }
        const leftAlone = catalog.entries.filter((e) => e.state === 'no-manifest').map((e) => e.name);
        return {
            kept: catalog.entries
                .map((e) => e.name)
                .filter((name) => !deleted.includes(name) && !leftAlone.includes(name)),
            deleted,
            leftAlone: [...leftAlone, ...(catalog.foreign ?? [])],
        };
    }
    finally {
        if (!held)
            await lock.release();
    }
}

// EXTERNAL MODULE: ./lib/src/shared/snapshot/listing.js
var listing = __webpack_require__(91487);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/manifest.js
var manifest = __webpack_require__(47494);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/prepare.js
var prepare = __webpack_require__(48664);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/small-file.js
var small_file = __webpack_require__(71399);
;// CONCATENATED MODULE: ./lib/src/shared/snapshot/index.js















/***/ }),

/***/ 86489:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FI: () => (/* binding */ LOCK_FILE),
/* harmony export */   GI: () => (/* binding */ backupsRoot),
/* harmony export */   Py: () => (/* binding */ isRestoreWorkDir),
/* harmony export */   W5: () => (/* binding */ isPreRestoreLabel),
/* harmony export */   W6: () => (/* binding */ parseLeftoverName),
/* harmony export */   XZ: () => (/* binding */ isSnapshotDate),
/* harmony export */   ed: () => (/* binding */ preRestoreLabel),
/* harmony export */   h1: () => (/* binding */ MANIFEST_FILE),
/* harmony export */   pJ: () => (/* binding */ snapshotKind),
/* harmony export */   rw: () => (/* binding */ snapshotPaths),
/* harmony export */   vS: () => (/* binding */ dayOfSnapshotName),
/* harmony export */   zF: () => (/* binding */ snapshotDate)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8835);


const MANIFEST_FILE = 'manifest.json';
const LOCK_FILE = '.gateway-ops.lock';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A restore's safety snapshot: `pre-restore-<UTC time>`, e.g. `pre-restore-20261201T101500Z`. */
const PRE_RESTORE = /^pre-restore-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** `.2026-11-25.partial-<id>` / `.replaced-<id>` / `.deleting-<id>`: left behind by a run that crashed. */
const LEFTOVER = /^\.(\d{4}-\d{2}-\d{2}|pre-restore-\d{8}T\d{6}Z)\.(partial|replaced|deleting)-([A-Za-z0-9][A-Za-z0-9_-]{0,63})$/;
/** A restore's private work dir (`mktemp -d .restore-XXXXXXXXXX`; a base-36 time before mktemp). */
const RESTORE_WORK_DIR = /^\.restore-[A-Za-z0-9]{1,32}$/;
/** Whether a name in the backups dir is a restore's work dir: only a run that died leaves one. */
function isRestoreWorkDir(name) {
    return RESTORE_WORK_DIR.test(name);
}
/** The label of a restore's safety snapshot taken at `now`: `pre-restore-20261201T101500Z` (UTC). */
function preRestoreLabel(now) {
    return `pre-restore-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}Z`;
}
/** True for a real UTC time in the `pre-restore-YYYYMMDDTHHMMSSZ` form. */
function isPreRestoreLabel(name) {
    const m = PRE_RESTORE.exec(name);
    if (!m)
        return false;
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
    const time = new Date(iso);
    return !Number.isNaN(time.getTime()) && time.toISOString() === iso;
}
/** What kind of snapshot a directory name is, or null when it is not a snapshot's name at all. */
function snapshotKind(name) {
    if (isSnapshotDate(name))
        return 'daily';
    if (isPreRestoreLabel(name))
        return 'pre-restore';
    return null;
}
/** The UTC day of a pre-restore label (`2026-12-01`), or the date itself for a daily one. */
function dayOfSnapshotName(name) {
    if (isSnapshotDate(name))
        return name;
    const m = PRE_RESTORE.exec(name);
    return m && isPreRestoreLabel(name) ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
/** The snapshot date of `now` in `timeZone` (YYYY-MM-DD). */
function snapshotDate(now, timeZone) {
    let format;
    try {
        format = new Intl.DateTimeFormat('en-CA', {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
        });
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Invalid timezone '${timeZone}'. Expected an IANA time zone such as 'UTC' or 'America/Chicago'.`);
    }
    const parts = Object.fromEntries(format.formatToParts(now).map((part) => [part.type, part.value]));
    return `${parts['year']}-${parts['month']}-${parts['day']}`;
}
function isSnapshotDate(name) {
    if (!DATE.test(name))
        return false;
    const date = new Date(`${name}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(name);
}
function backupsRoot(layout) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.isAbsolute(layout.backupsDir)
        ? layout.backupsDir
        : node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(layout.deployDir || '.', layout.backupsDir);
    return node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(root).replace(/(.)\/+$/, '$1');
}
function snapshotPaths(layout, date, runId, label = date) {
    if (!isSnapshotDate(date))
        throw new Error(`snapshotPaths: '${date}' is not a date YYYY-MM-DD`);
    if (label !== date && !isPreRestoreLabel(label)) {
        throw new Error(`snapshotPaths: label '${label}' is neither the date nor pre-restore-YYYYMMDDTHHMMSSZ`);
    }
    if (!RUN_ID.test(runId)) {
        throw new Error(`snapshotPaths: run id '${runId}' must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'`);
    }
    const root = backupsRoot(layout);
    return {
        root,
        date,
        label,
        final: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, label),
        partial: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, `.${label}.partial-${runId}`),
        replaced: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, `.${label}.replaced-${runId}`),
        lockFile: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, LOCK_FILE),
    };
}
/** Recognises the hidden work directories a crashed run leaves behind; anything else is not ours. */
function parseLeftoverName(name) {
    const match = LEFTOVER.exec(name);
    if (!match || snapshotKind(match[1]) === null)
        return null;
    return { name, date: match[1], kind: match[2], runId: match[3] };
}


/***/ }),

/***/ 91487:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ BACKUPS_LISTING),
/* harmony export */   At: () => (/* binding */ backupsListingWith),
/* harmony export */   a0: () => (/* binding */ parseSnapshotListing),
/* harmony export */   dd: () => (/* binding */ backupsListingScript),
/* harmony export */   is: () => (/* binding */ SNAPSHOT_NAME_PATTERN),
/* harmony export */   t2: () => (/* binding */ parseBackupsListing)
/* harmony export */ });
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89413);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86489);
/**
 * The one listing of a backups dir: every directory in it (hidden work dirs included), whether it
 * holds a manifest, and whether it is this user's own (owned by the SSH user, writable by no one
 * else). Every reader (the run's start, the commit, retention, verify's catalog) uses it.
 */


/**
 * Run in the backups dir: `dir <good|none> <own|foreign> <name>` per directory, each followed by
 * what `detail` prints for it (run with `$name`, `$manifest` and `$owner` set, stdin /dev/null;
 * `continue` skips to the next directory). Names holding a newline are left out: no name this
 * project writes has one, and they would forge lines.
 */
function backupsListingWith(detail) {
    return `me=$(id -u)
find . -mindepth 1 -maxdepth 1 -type d -printf '%U %m %P\\0' | while IFS=' ' read -r -d '' uid mode name; do
  [[ $name == *$'\\n'* ]] && continue
  if [ -f "$name/${_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .MANIFEST_FILE */ .h1}" ]; then manifest=good; else manifest=none; fi
  if [ "$uid" = "$me" ] && [ $((8#$mode & 8#022)) -eq 0 ]; then owner=own; else owner=foreign; fi
  printf 'dir %s %s %s\\n' "$manifest" "$owner" "$name"
${detail ? `  {\n${detail}  } </dev/null\n` : ''}done
`;
}
/** The listing alone (see backupsListingWith). */
const BACKUPS_LISTING = backupsListingWith('');
/** The names of snapshot directories (dates, pre-restore labels), as a `case` pattern for detail scripts. */
const SNAPSHOT_NAME_PATTERN = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] | pre-restore-*';
/** BACKUPS_LISTING of `root`, or nothing when `root` does not exist. */
function backupsListingScript(root) {
    return `if [ -d ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(root)} ]; then
  cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(root)}
${BACKUPS_LISTING}fi
`;
}
/** The entries of a BACKUPS_LISTING (other lines are ignored). */
function parseBackupsListing(lines) {
    return lines
        .map((line) => /^dir (good|none) (own|foreign) (.+)$/.exec(line))
        .filter((match) => match !== null)
        .map((match) => ({ name: match[3], hasManifest: match[1] === 'good', own: match[2] === 'own' }));
}
/** The dated directories of a BACKUPS_LISTING (verified: it holds a manifest), oldest first. */
function parseSnapshotListing(lines) {
    return parseBackupsListing(lines)
        .filter((entry) => (0,_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .isSnapshotDate */ .XZ)(entry.name))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((entry) => ({ date: entry.name, verified: entry.hasManifest }));
}


/***/ }),

/***/ 38092:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QM: () => (/* binding */ acquireHostLock),
/* harmony export */   R1: () => (/* binding */ MISSING_TOOLS),
/* harmony export */   ih: () => (/* binding */ SETUP_FAILED),
/* harmony export */   xu: () => (/* binding */ lendHostLock)
/* harmony export */ });
/* unused harmony exports describeHolder, parseHolderLines, lockScript, lentLockScript */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57075);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8835);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(89413);
/* harmony import */ var _setting_ref_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46870);





const BUSY_MARK = 'gateway-ops-lock-busy';
const LOCKED_MARK = 'gateway-ops-locked';
const BUSY_EXIT = 75;
function describeHolder(holder) {
    const parts = [
        `run ${holder['run-id'] ?? '?'}`,
        `on runner ${holder['runner'] ?? '?'}`,
        `pid ${holder['local-pid'] ?? '?'}`,
        holder['remote-pid'] ? `host pid ${holder['remote-pid']}` : null,
        `started ${holder['started-at'] ?? '?'}`,
    ];
    return parts.filter(Boolean).join(', ');
}
/** `key=value` lines of the lock file, as written by `lockScript`. */
function parseHolderLines(text) {
    const holder = {};
    for (const line of text.split('\n')) {
        const at = line.indexOf('=');
        if (at > 0)
            holder[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    return holder;
}
const SETUP_FAILED = 'gateway-ops-setup-failed:';
const MISSING_TOOLS = 'gateway-ops-missing-tools:';
function lockScript(lockFile, holder, hooks = {}) {
    const clean = (value) => value.replace(/[\r\n]/g, ' ');
    const lines = [
        `runner=${clean(holder.runner)}`,
        `run-id=${clean(holder.runId)}`,
        `local-pid=${holder.pid}`,
        `started-at=${clean(holder.startedAt)}`,
    ];
    return `command -v flock >/dev/null || { echo "${MISSING_TOOLS} flock" >&2; exit 69; }
${hooks.before ?? ''}
lock=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_3__/* .shellQuote */ .Z)(lockFile)}
# Never write through a link: a planted symlink would make this run overwrite, then truncate, its target.
if [ -L "$lock" ] || { [ -e "$lock" ] && [ ! -f "$lock" ]; }; then
  echo "${SETUP_FAILED} the lock file $lock is a symlink or not a regular file ($(stat -c %F -- "$lock")); gateway-ops does not write through it. Find out who made it, then remove it: rm -- $(printf %q "$lock")" >&2
  exit 73
fi
# Append mode: opening must not wipe the current holder's details before we own the lock.
exec 9>>"$lock"
if opened=$(stat -L -c %d:%i /proc/self/fd/9 2>/dev/null) && [ "$opened" != "$(stat -c %d:%i -- "$lock")" ]; then
  echo "${SETUP_FAILED} the lock file $lock changed while it was opened; gateway-ops does not write through it" >&2
  exit 73
fi
if ! flock -n 9; then
  echo ${BUSY_MARK} >&2
  cat -- "$lock" >&2 || true
  exit ${BUSY_EXIT}
fi
printf '%s\\n' ${lines.map(_remote_script_js__WEBPACK_IMPORTED_MODULE_3__/* .shellQuote */ .Z).join(' ')} "remote-pid=$$" >"$lock"
echo "remote-pid=$$"
${hooks.after ?? ''}
echo ${LOCKED_MARK}
# Hold the lock until our stdin closes: released on purpose, or the SSH connection is gone.
cat >/dev/null || true
: >"$lock"
`;
}
async function acquireHostLock(remote, lockFile, runId, now = new Date(), hooks = {}) {
    const holder = {
        runner: process.env['GITHUB_REPOSITORY']
            ? `${(0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)()} (${process.env['GITHUB_REPOSITORY']} run ${process.env['GITHUB_RUN_ID'] ?? '?'})`
            : (0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)(),
        runId,
        pid: process.pid,
        startedAt: now.toISOString(),
    };
    const stdin = new node_stream__WEBPACK_IMPORTED_MODULE_1__.PassThrough();
    let stdout = '';
    let stderr = '';
    let signalLocked = () => { };
    const locked = new Promise((resolve) => {
        signalLocked = resolve;
    });
    const sink = new node_stream__WEBPACK_IMPORTED_MODULE_1__.Writable({
        write(chunk, _encoding, callback) {
            stdout += chunk.toString('utf8');
            if (stdout.includes(LOCKED_MARK))
                signalLocked();
            callback();
        },
    });
    let alive = true;
    const done = remote
        .exec(lockScript(lockFile, holder, hooks), {
        description: `take the lock ${lockFile}`,
        stdin,
        stdout: sink,
        onStderr: (chunk) => {
            if (stderr.length < 8192)
                stderr += chunk;
        },
        timeoutMs: 0,
    })
        .then(() => ({ ok: true }), (error) => ({ ok: false, error }))
        .finally(() => {
        alive = false;
    });
    const first = await Promise.race([locked.then(() => 'locked'), done]);
    if (first !== 'locked') {
        stdin.end();
        throw lockFailure(remote, lockFile, stderr, first);
    }
    const remotePid = Number(parseHolderLines(stdout)['remote-pid']) || undefined;
    const beforeMark = stdout.slice(0, stdout.indexOf(LOCKED_MARK));
    const afterOutput = beforeMark.slice(beforeMark.indexOf('\n', beforeMark.indexOf('remote-pid=')) + 1);
    return {
        afterOutput,
        path: lockFile,
        holder: remotePid === undefined ? holder : { ...holder, remotePid },
        held: () => alive,
        async release() {
            stdin.end();
            // A hung connection must not hang the run: the lock dies with the connection anyway.
            await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
        },
    };
}
/** The hooks around a lock that is already held: `before`, then `after`, whose output is handed back. */
function lentLockScript(hooks) {
    return `${hooks.before ?? ''}\n${hooks.after ?? ''}\n`;
}
/**
 * A lock this run already holds (a restore's), lent to a step that would otherwise take it (the
 * safety snapshot's run): the hooks run as they would around taking it, and `release()` leaves it
 * held, since it belongs to the lender. flock cannot be taken twice, even by the same run.
 */
async function lendHostLock(remote, lock, hooks = {}) {
    if (!lock.held()) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Lost the lock ${lock.path} on ${remote.description} (the SSH connection dropped?): nothing more is done.`);
    }
    let stderr = '';
    let afterOutput;
    try {
        afterOutput = (await remote.exec(lentLockScript(hooks), {
            description: `under the lock ${lock.path}`,
            onStderr: (chunk) => {
                if (stderr.length < 8192)
                    stderr += chunk;
            },
        })).stdout;
    }
    catch (error) {
        throw lockFailure(remote, lock.path, stderr, { ok: false, error });
    }
    return {
        afterOutput,
        path: lock.path,
        holder: lock.holder,
        held: () => lock.held(),
        release: async () => { },
    };
}
/** Why the lock was not taken, from what the lock script printed: busy, missing tools, setup, other. */
function lockFailure(remote, lockFile, stderr, first) {
    if (stderr.includes(BUSY_MARK)) {
        const current = parseHolderLines(stderr.slice(stderr.indexOf(BUSY_MARK) + BUSY_MARK.length));
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Another gateway-ops run holds the lock ${lockFile} on ${remote.description}: ${describeHolder(current)}.`, {
            hint: 'Wait for it to finish. The lock is released by the kernel when that run ends, so it is never stale.',
        });
    }
    if (stderr.includes(MISSING_TOOLS)) {
        const tools = stderr
            .slice(stderr.indexOf(MISSING_TOOLS) + MISSING_TOOLS.length)
            .trim()
            .split(/\s+/);
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${tools.join(', ')} not found on host ${remote.description}: gateway-ops needs them there (coreutils, findutils, util-linux).`);
    }
    if (stderr.includes(SETUP_FAILED)) {
        const reason = stderr
            .slice(stderr.indexOf(SETUP_FAILED) + SETUP_FAILED.length)
            .trim()
            .split('\n')[0];
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Cannot use the backups dir on ${remote.description}: ${reason}`, {
            hint: `Check ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_4__/* .settingRef */ .y)('backups-dir')} and ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_4__/* .settingRef */ .y)('deploy-dir')}, and the owner and mode of that directory on the host.`,
        });
    }
    const reason = first.ok ? 'the lock process ended before taking the lock' : (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(first.error);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Could not take the lock ${lockFile} on ${remote.description}: ${reason}`, {
        cause: first.ok ? undefined : first.error,
    });
}


/***/ }),

/***/ 47494:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MZ: () => (/* binding */ serializeManifest),
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   hZ: () => (/* binding */ compareFiles),
/* harmony export */   mw: () => (/* binding */ failedComponents),
/* harmony export */   u1: () => (/* binding */ buildManifest)
/* harmony export */ });
/* unused harmony exports MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, manifestFileSchema, COMPONENT_VERDICTS, componentRecordSchema, manifestSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(92857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(64377);
/* harmony import */ var _compression_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76213);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86489);



/**
 * `manifest.json`: the last file written into a snapshot, so its presence means the snapshot is
 * complete. It lists every other file with size and sha256, so `verify` can re-check them.
 */
const MANIFEST_FORMAT = 'gateway-ops-snapshot';
const MANIFEST_FORMAT_VERSION = 1;
const SHA256 = /^[0-9a-f]{64}$/;
/** A relative path inside the snapshot: no `..`, no leading `/`, no empty segment. */
const relativePath = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
    .min(1)
    .refine((path) => !path.startsWith('/') &&
    path.split('/').every((part) => part !== '' && part !== '.' && part !== '..') &&
    !/[\0\n\r]/.test(path), { message: 'must be a relative path inside the snapshot' });
const manifestFileSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    path: relativePath,
    size: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    sha256: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(SHA256, 'must be 64 lowercase hex digits'),
    compression: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .COMPRESSIONS */ ._7),
    component: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
});
/**
 * `failed`: the component failed while another one succeeded; the snapshot was kept for the good
 * ones, this one has no files and `error` says why. Such a snapshot is never a complete day.
 */
const COMPONENT_VERDICTS = ['passed', 'skipped', 'failed'];
const componentRecordSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    verdict: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(COMPONENT_VERDICTS),
    durationMs: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    details: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .unknown */ .L5J()),
    error: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
});
const isoTime = zod__WEBPACK_IMPORTED_MODULE_3__/* .datetime */ .w$({ offset: true });
const manifestSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    format: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(MANIFEST_FORMAT),
    formatVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(MANIFEST_FORMAT_VERSION),
    gatewayOpsVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    runId: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    host: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    date: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().refine(_layout_js__WEBPACK_IMPORTED_MODULE_1__/* .isSnapshotDate */ .XZ, { message: 'must be a date YYYY-MM-DD' }),
    timezone: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    /** The directory's name when it is not the date (a restore's safety snapshot); absent for a daily one. */
    label: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .refine(_layout_js__WEBPACK_IMPORTED_MODULE_1__/* .isPreRestoreLabel */ .W5, { message: 'must be pre-restore-YYYYMMDDTHHMMSSZ' })
        .optional(),
    /** Absent in manifests written before labels: `daily`. */
    kind: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['daily', 'pre-restore']).optional(),
    createdAt: isoTime,
    completedAt: isoTime,
    components: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), componentRecordSchema),
    files: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(manifestFileSchema),
})
    .superRefine((manifest, ctx) => {
    const seen = new Set();
    for (const [index, file] of manifest.files.entries()) {
        if (seen.has(file.path)) {
            ctx.addIssue({
                code: 'custom',
                path: ['files', index, 'path'],
                message: `duplicate file ${file.path}`,
            });
        }
        seen.add(file.path);
        if (file.path === 'manifest.json') {
            ctx.addIssue({
                code: 'custom',
                path: ['files', index, 'path'],
                message: 'the manifest cannot list itself',
            });
        }
        if (!(file.component in manifest.components)) {
            ctx.addIssue({
                code: 'custom',
                path: ['files', index, 'component'],
                message: `file ${file.path} belongs to component '${file.component}', which the manifest does not list`,
            });
        }
    }
    for (const [name, record] of Object.entries(manifest.components)) {
        if (record.verdict === 'failed' && manifest.files.some((file) => file.component === name)) {
            ctx.addIssue({
                code: 'custom',
                path: ['components', name],
                message: `component ${name} failed, yet files of it are listed`,
            });
        }
    }
    if ((manifest.kind === 'pre-restore') !== (manifest.label !== undefined)) {
        ctx.addIssue({
            code: 'custom',
            path: ['label'],
            message: 'a pre-restore snapshot has a label, a daily one none',
        });
    }
    if (Date.parse(manifest.completedAt) < Date.parse(manifest.createdAt)) {
        ctx.addIssue({ code: 'custom', path: ['completedAt'], message: 'completedAt is before createdAt' });
    }
});
/** The components a manifest records as failed. */
function failedComponents(manifest) {
    return Object.entries(manifest.components)
        .filter(([, record]) => record.verdict === 'failed')
        .map(([name]) => name);
}
/** Builds and validates a manifest; throws when the input could not produce a valid one (a bug). */
function buildManifest(input) {
    const components = {};
    for (const component of input.components) {
        if (component.name in components)
            throw new Error(`buildManifest: component ${component.name} given twice`);
        components[component.name] = {
            verdict: component.verdict,
            durationMs: Math.max(0, Math.round(component.durationMs)),
            details: component.details,
            ...(component.error !== undefined ? { error: component.error } : {}),
        };
    }
    const manifest = {
        format: MANIFEST_FORMAT,
        formatVersion: MANIFEST_FORMAT_VERSION,
        gatewayOpsVersion: input.gatewayOpsVersion,
        runId: input.runId,
        host: input.host,
        date: input.date,
        timezone: input.timezone,
        ...(input.label !== undefined ? { label: input.label, kind: 'pre-restore' } : {}),
        createdAt: input.createdAt.toISOString(),
        completedAt: input.completedAt.toISOString(),
        components,
        files: input.components.flatMap((component) => component.files),
    };
    const result = manifestSchema.safeParse(manifest);
    if (!result.success)
        throw new Error(`buildManifest: invalid manifest: ${describeIssues(result.error)}`);
    return result.data;
}
function serializeManifest(manifest) {
    return `${JSON.stringify(manifest, null, 2)}\n`;
}
/** Parses `manifest.json` text; never throws, because a bad manifest is a finding, not a crash. */
function parseManifest(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        return { ok: false, problem: `manifest.json is not JSON (${error.message})` };
    }
    if (typeof json === 'object' && json !== null && 'formatVersion' in json) {
        const version = json.formatVersion;
        if (typeof version === 'number' && version > MANIFEST_FORMAT_VERSION) {
            return {
                ok: false,
                problem: `manifest.json has format version ${version}; this gateway-ops reads version ${MANIFEST_FORMAT_VERSION}: upgrade gateway-ops`,
            };
        }
    }
    const result = manifestSchema.safeParse(json);
    if (!result.success)
        return { ok: false, problem: `manifest.json is not valid: ${describeIssues(result.error)}` };
    return { ok: true, manifest: result.data };
}
function describeIssues(error) {
    return error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
        .join('; ');
}
/** Compares what the manifest promises with what is on disk; every difference, not just the first. */
function compareFiles(expected, found) {
    const problems = [];
    const onDisk = new Map(found.map((file) => [file.path, file]));
    for (const file of expected) {
        const actual = onDisk.get(file.path);
        onDisk.delete(file.path);
        if (!actual) {
            problems.push({
                path: file.path,
                kind: 'missing',
                expected: `${file.size} bytes`,
                found: 'no such file',
                message: `${file.path}: missing (expected ${file.size} bytes)`,
            });
            continue;
        }
        if (actual.size !== file.size) {
            problems.push({
                path: file.path,
                kind: 'size',
                expected: String(file.size),
                found: String(actual.size),
                message: `${file.path}: size ${actual.size} bytes, expected ${file.size}`,
            });
        }
        if (actual.sha256 !== null && actual.sha256 !== file.sha256) {
            problems.push({
                path: file.path,
                kind: 'sha256',
                expected: file.sha256,
                found: actual.sha256,
                message: `${file.path}: sha256 ${actual.sha256}, expected ${file.sha256}`,
            });
        }
        const stream = actual.testedAs ?? file.compression;
        if (actual.testedAs !== undefined && actual.testedAs !== file.compression) {
            problems.push({
                path: file.path,
                kind: 'compression',
                expected: file.compression,
                found: actual.testedAs,
                message: `${file.path}: the manifest says compression ${file.compression}, but the file is a ${actual.testedAs} stream`,
            });
        }
        if (actual.integrity && !actual.integrity.ok) {
            problems.push({
                path: file.path,
                kind: 'integrity',
                expected: `a complete ${stream} stream`,
                found: actual.integrity.message,
                message: `${file.path}: ${stream} test failed: ${actual.integrity.message}`,
            });
        }
    }
    for (const extra of onDisk.values()) {
        problems.push({
            path: extra.path,
            kind: 'unexpected',
            expected: 'not present (the manifest does not list it)',
            found: `${extra.size} bytes`,
            message: `${extra.path}: not listed in the manifest (${extra.size} bytes)`,
        });
    }
    return problems;
}


/***/ }),

/***/ 48664:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kz: () => (/* binding */ cleanLeftovers),
/* harmony export */   S3: () => (/* binding */ snapshotLockHooks),
/* harmony export */   WV: () => (/* binding */ partialDirScript),
/* harmony export */   h8: () => (/* binding */ judgeToday),
/* harmony export */   nZ: () => (/* binding */ snapshotLockBefore),
/* harmony export */   oE: () => (/* binding */ NOT_A_DIRECTORY),
/* harmony export */   p5: () => (/* binding */ prepareScript),
/* harmony export */   vb: () => (/* binding */ PARTIAL_CREATED),
/* harmony export */   xK: () => (/* binding */ ownEntries)
/* harmony export */ });
/* unused harmony exports SNAPSHOT_TOOLS, listScript, planLeftovers, leftoverScript */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8835);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(89413);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(42494);
/* harmony import */ var _setting_ref_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(46870);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86489);
/* harmony import */ var _listing_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(91487);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(38092);
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(71870);
/**
 * The start of a run on the host, before the lock is held and just after: the backups dir is
 * created and checked (nobody else can write into it), the tools are there, the listing is taken
 * and today's work dir made; what the listing holds that is not the SSH user's own is never used.
 * Under the lock, crashed runs' leftovers are cleaned up and an existing snapshot of today judged.
 */








/** Tools every snapshot run needs on the host, checked before anything is written. */
const SNAPSHOT_TOOLS = [
    'bash',
    'flock',
    'mkdir',
    'mv',
    'rm',
    'sync',
    'stat',
    'sha256sum',
    'find',
    'tee',
    'tail',
    'readlink',
    'dirname',
];
/**
 * Creates the backups dir when missing and refuses one that others could write into: a symlink,
 * or the dir or an ancestor up to the deploy dir owned by another user (root excepted for
 * ancestors) or writable by group/others. Only the backup user can then plant a lock symlink or a
 * work dir there.
 */
function prepareScript(root, deployDir) {
    return `umask 077
root=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(root)}
stop=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(deployDir || '.'))}
refuse() { echo "${_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .SETUP_FAILED */ .ih} $1" >&2; exit 73; }
if [ -L "$root" ]; then refuse "the backups dir $root is a symlink (to $(readlink -- "$root")): give its real path as ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_7__/* .settingRef */ .y)('backups-dir')}"; fi
if [ ! -d "$root" ]; then
  mkdir -p -- "$root" 2>/dev/null || { echo "${_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .SETUP_FAILED */ .ih} cannot create the backups dir $root as $(id -un): $(mkdir -p -- "$root" 2>&1 | tail -n 1)" >&2; exit 73; }
fi
dir=$root
while :; do
  owner=$(stat -c %u -- "$dir"); mode=$(stat -c %a -- "$dir")
  if [ "$owner" != "$(id -u)" ] && { [ "$dir" = "$root" ] || [ "$owner" != 0 ]; }; then
    refuse "$dir is owned by $(stat -c %U -- "$dir"), not $(id -un): others could plant files in the backups dir; run: chown $(id -un) $(printf %q "$dir")"
  fi
  if [ $((8#$mode & 8#022)) -ne 0 ]; then
    refuse "$dir is writable by group or others (mode $mode): others could plant files in the backups dir; run: chmod go-w $(printf %q "$dir")"
  fi
  if [ "$dir" = "$stop" ] || [ "$dir" = / ] || [ "$dir" = . ]; then break; fi
  dir=$(dirname -- "$dir")
done
# After the owner check: a dir of another user's is refused as such, with the chown that fixes it.
if [ ! -w "$root" ] || [ ! -x "$root" ]; then
  refuse "the backups dir $root is not writable by $(id -un) (owner $(stat -c %U -- "$root"), mode $(stat -c %a -- "$root")); run: chmod u+rwx $(printf %q "$root")"
fi
`;
}
const PARTIAL_CREATED = '/partial-created';
/** Printed with a description when the snapshot's own path holds a symbolic link or a file. */
const NOT_A_DIRECTORY = '/not-a-directory';
/** Around taking the lock: the tools and the backups dir before; the listing (and work dir) after. */
function snapshotLockHooks(layout, paths) {
    return { before: snapshotLockBefore(layout, paths.root), after: listScript(paths.root, paths) };
}
/** Before a snapshot run's lock: the tools, and a backups dir made (or checked) as only its user may write. */
function snapshotLockBefore(layout, root) {
    return `missing=$(${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_8__/* .missingToolsScript */ .LV)(SNAPSHOT_TOOLS)})
if [ -n "$missing" ]; then echo "${_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .MISSING_TOOLS */ .R1}" $missing >&2; exit 69; fi
${prepareScript(root, layout.deployDir)}`;
}
function listScript(root, paths) {
    return `(
  cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(root)}
${_listing_js__WEBPACK_IMPORTED_MODULE_3__/* .BACKUPS_LISTING */ .$M})
final=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(paths.final)}
if [ -L "$final" ]; then
  echo "${NOT_A_DIRECTORY} a symbolic link to $(readlink -- "$final") owned by $(stat -c %U -- "$final")"
elif [ -e "$final" ] && [ ! -d "$final" ]; then
  echo "${NOT_A_DIRECTORY} a $(stat -c %F -- "$final") owned by $(stat -c %U -- "$final")"
elif [ ! -e "$final" ]; then mkdir -m 0700 -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(paths.partial)}; echo ${PARTIAL_CREATED}; fi
`;
}
/** Creates the run's work dir; fails if it exists (a run never adopts a directory it did not make). */
function partialDirScript(paths) {
    return `umask 077
mkdir -m 0700 -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(paths.partial)}
`;
}
/**
 * The names of the listing this run may act on. A work dir or today's snapshot that is not the
 * SSH user's own (another owner, or writable by others) was not made by gateway-ops: it is never
 * adopted, restored or removed; today's refuses the run, a work dir is left with a warning.
 */
function ownEntries(entries, paths, log) {
    const names = [];
    for (const entry of entries) {
        if (entry.own)
            names.push(entry.name);
        else if (entry.name === paths.label) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Today's snapshot ${paths.final} is owned by another user or writable by others: gateway-ops did not make it and will not use it.`, {
                hint: `Look at it (ls -ld ${paths.final}); remove it or fix its owner and mode (chmod go-w), then run again.`,
            });
        }
        else if ((0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .parseLeftoverName */ .W6)(entry.name) || (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .isRestoreWorkDir */ .Py)(entry.name)) {
            log.warn(`Leaving ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(paths.root, entry.name)} alone: it is owned by another user or writable by others, so no gateway-ops run made it. Look at it and remove it.`);
        }
        else
            names.push(entry.name);
    }
    return names;
}
/**
 * What to do with hidden work directories left by crashed runs. Pure: given the names in the
 * backups dir, a `.partial-*` is always removed (only the lock holder writes, and we hold it); a
 * `.replaced-*` is the previous snapshot of a `force` run that died between its two renames, so it
 * goes back in place when its date is missing, and is removed when the new one made it; a
 * `.deleting-*` is a snapshot retention had started to delete; a `.restore-*` a dead restore's work.
 */
function planLeftovers(names) {
    const dates = new Set(names.filter((name) => (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .snapshotKind */ .pJ)(name) !== null));
    const actions = [];
    for (const name of [...names].sort()) {
        // A restore holds this lock until it ends: a work dir of one is a dead run's.
        if ((0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .isRestoreWorkDir */ .Py)(name))
            actions.push({ name, action: 'remove', date: '' });
        const leftover = (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .parseLeftoverName */ .W6)(name);
        if (!leftover)
            continue;
        if (leftover.kind === 'replaced' && !dates.has(leftover.date)) {
            dates.add(leftover.date);
            actions.push({ name, action: 'restore', date: leftover.date });
        }
        else {
            actions.push({ name, action: 'remove', date: leftover.date });
        }
    }
    return actions;
}
function leftoverScript(root, actions) {
    const lines = actions.map((action) => action.action === 'remove'
        ? `rm -rf -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(action.name)}`
        : `mv -T -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(action.name)} ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(action.date)}`);
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .Z)(root)}
${lines.join('\n')}
sync -- . 2>/dev/null || true
`;
}
/** Cleans up after crashed runs (see planLeftovers), saying what it does; returns what it did. */
async function cleanLeftovers(remote, root, names, log) {
    const leftovers = planLeftovers(names);
    if (leftovers.length === 0)
        return leftovers;
    for (const leftover of leftovers) {
        log.warn(leftover.action === 'remove'
            ? `Removing ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, leftover.name)}, left by a run that did not finish.`
            : `Restoring ${leftover.date} from ${leftover.name}: a forced run died while swapping it.`);
    }
    await remote.exec(leftoverScript(root, leftovers));
    return leftovers;
}
/** Today's snapshot exists: keep it (it verifies), replace it (force, or a component failed), or refuse. */
async function judgeToday(remote, paths, options, log) {
    const report = await (0,_verify_js__WEBPACK_IMPORTED_MODULE_5__/* .verifySnapshot */ .Mx)(remote, paths.final);
    if (report.verdict === 'good' && !options.force)
        return { kind: 'keep', report };
    // Files that verify, with a component recorded as failed: retaken, as a failed run would be.
    const onlyFailedComponents = report.verdict === 'incomplete' && report.failedComponents.length > 0 && report.fileProblems.length === 0;
    if (report.verdict !== 'good' && !options.force && !onlyFailedComponents) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Today's snapshot ${paths.final} exists but is ${report.verdict}: ${report.problems.slice(0, 5).join('; ')}`, {
            hint: `Look at it, then run with ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_7__/* .settingRef */ .y)('force', true)} to replace it (the old one is kept until the new one is complete).`,
        });
    }
    if (onlyFailedComponents) {
        log.warn(`Today's snapshot ${paths.final} has failed component(s) ${report.failedComponents.join(', ')}: taking it again; it is replaced only once the new one is complete.`);
    }
    return { kind: 'replace', report };
}


/***/ }),

/***/ 71399:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CD: () => (/* binding */ writeSnapshotFile)
/* harmony export */ });
/* unused harmony exports checkRelativePath, writeFileScript */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(89413);



/** A relative path inside a snapshot: no `..`, no leading `/`, no empty segment, no control characters. */
function checkRelativePath(path) {
    const parts = path.split('/');
    if (path.length === 0 ||
        path.startsWith('/') ||
        parts.some((part) => part === '' || part === '.' || part === '..') ||
        /[\0-\x1f]/.test(path)) {
        throw new Error(`writeFile: ${JSON.stringify(path)} is not a relative path inside the snapshot`);
    }
}
/** The script that stores stdin as `<dir>/<path>`: directories 0700, the file 0600 (umask 077). */
function writeFileScript(dir, relativePath) {
    checkRelativePath(relativePath);
    const target = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, relativePath);
    return `umask 077
mkdir -p -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .Z)(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(target))}
cat > ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .Z)(target)}
`;
}
/**
 * Writes a small file (a description, a state file) into a snapshot's work directory through
 * stdin, never argv, and returns its manifest entry: size and sha256 of exactly the bytes sent.
 */
async function writeSnapshotFile(remote, dir, relativePath, content, component, options = {}) {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    await remote.exec(writeFileScript(dir, relativePath), {
        stdin: bytes,
        description: `write ${relativePath} into ${node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(dir)}`,
    });
    return {
        path: relativePath,
        size: bytes.length,
        sha256: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex'),
        compression: options.compression ?? 'none',
        component,
    };
}


/***/ }),

/***/ 46091:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F$: () => (/* binding */ newRunId),
/* harmony export */   uS: () => (/* binding */ lockBackupsDir),
/* harmony export */   w: () => (/* binding */ beginSnapshot)
/* harmony export */ });
/* unused harmony exports commitScript, swapBackScript */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8835);
/* harmony import */ var _interrupt_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(69493);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(89413);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(42494);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86489);
/* harmony import */ var _listing_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(91487);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(38092);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(47494);
/* harmony import */ var _prepare_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(48664);
/* harmony import */ var _small_file_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(71399);











function newRunId(now = new Date()) {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
    return `${stamp}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex')}`;
}
/**
 * The backups dir's host lock for a run that does more under it than one step, released by the
 * caller: a backup (its off-host copy reads the snapshot it took, lent to `beginSnapshot` through
 * `lock`), a restore or a drill (the safety snapshot is lent it the same way). They differ only in
 * the check before it: `snapshotLockBefore` makes the backups dir, `restoreLockStep` requires it.
 */
async function lockBackupsDir(remote, layout, step) {
    const lockFile = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join((0,_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .backupsRoot */ .GI)(layout), _layout_js__WEBPACK_IMPORTED_MODULE_4__/* .LOCK_FILE */ .FI);
    return (0,_lock_js__WEBPACK_IMPORTED_MODULE_6__/* .acquireHostLock */ .QM)(remote, lockFile, step.runId ?? newRunId(), new Date(), { before: step.before });
}
function commitScript(paths, files, replace) {
    const quotedFiles = files.map(_remote_script_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .Z).join(' ');
    return `umask 077
partial=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .Z)(paths.partial)}
final=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .Z)(paths.final)}
${replace ? `replaced=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .Z)(paths.replaced)}\n` : ''}cd -- "$partial"
files=(${quotedFiles})
for file in "\${files[@]}"; do
  [ -f "$file" ] || { echo "$file is listed in the manifest but missing from $partial" >&2; exit 1; }
done
# Data first, then the manifest, then the directories: a manifest on disk implies its files are.
if [ \${#files[@]} -gt 0 ]; then sync -- "\${files[@]}"; fi
cat > ${_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .MANIFEST_FILE */ .h1}.tmp
sync -- ${_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .MANIFEST_FILE */ .h1}.tmp
mv -T -- ${_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .MANIFEST_FILE */ .h1}.tmp ${_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .MANIFEST_FILE */ .h1}
find . -type d -exec sync -- {} +
cd ..
if [ -e "$final" ]; then
  ${replace
        ? `mv -T -- "$final" "$replaced"
  if ! mv -T -- "$partial" "$final"; then mv -T -- "$replaced" "$final"; exit 1; fi
  sync -- .
  rm -rf -- "$replaced"
  echo replaced`
        : `echo "$final appeared while this run was working (not made by gateway-ops?): left as it is" >&2
  exit 1`}
else
  mv -T -- "$partial" "$final"
fi
sync -- .
${_listing_js__WEBPACK_IMPORTED_MODULE_5__/* .BACKUPS_LISTING */ .$M}`;
}
/** After a commit that died mid-swap: the old snapshot goes back when the new one is not in place. */
function swapBackScript(paths) {
    return `final=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .Z)(paths.final)}
replaced=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .Z)(paths.replaced)}
if [ ! -e "$final" ] && [ -d "$replaced" ]; then mv -T -- "$replaced" "$final"; sync -- "$(dirname -- "$final")" || true; echo restored; fi
`;
}
/**
 * Takes the host lock, cleans up after crashed runs, and either finds today's snapshot complete
 * and good (nothing to do) or opens a hidden work directory for a new one.
 */
async function beginSnapshot(remote, layout, log, options = {}) {
    const now = options.now ?? new Date();
    const runId = options.runId ?? newRunId(now);
    const date = (0,_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .snapshotDate */ .zF)(now, layout.timezone);
    if (options.label !== undefined && !(0,_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .isPreRestoreLabel */ .W5)(options.label)) {
        throw new Error(`beginSnapshot: label '${options.label}' is not pre-restore-YYYYMMDDTHHMMSSZ`);
    }
    const label = options.label ?? date;
    const paths = (0,_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .snapshotPaths */ .rw)(layout, date, runId, label);
    // One round trip: tools and the backups dir, the lock, then (under it) the listing, which also
    // opens the work dir when today has no snapshot yet (the usual case).
    if (options.lock && options.lock.path !== paths.lockFile)
        throw new Error(`beginSnapshot: lent the lock ${options.lock.path}, this layout's is ${paths.lockFile}`);
    const hooks = (0,_prepare_js__WEBPACK_IMPORTED_MODULE_8__/* .snapshotLockHooks */ .S3)(layout, paths);
    const lock = options.lock
        ? await (0,_lock_js__WEBPACK_IMPORTED_MODULE_6__/* .lendHostLock */ .xu)(remote, options.lock, hooks)
        : await (0,_lock_js__WEBPACK_IMPORTED_MODULE_6__/* .acquireHostLock */ .QM)(remote, paths.lockFile, runId, now, hooks);
    try {
        const listed = lock.afterOutput.split('\n').filter(Boolean);
        const partialCreated = listed.includes(_prepare_js__WEBPACK_IMPORTED_MODULE_8__/* .PARTIAL_CREATED */ .vb);
        const planted = listed.find((line) => line.startsWith(_prepare_js__WEBPACK_IMPORTED_MODULE_8__/* .NOT_A_DIRECTORY */ .oE));
        if (planted) {
            // Found before anything is dumped: a symbolic link or a file where the snapshot must go.
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`${paths.final} is not a snapshot directory: ${planted.slice(_prepare_js__WEBPACK_IMPORTED_MODULE_8__/* .NOT_A_DIRECTORY */ .oE.length).trim()}. Nothing was written.`, { hint: `Look at it and remove or move it (not made by gateway-ops), then run again.` });
        }
        const names = (0,_prepare_js__WEBPACK_IMPORTED_MODULE_8__/* .ownEntries */ .xK)((0,_listing_js__WEBPACK_IMPORTED_MODULE_5__/* .parseBackupsListing */ .t2)(listed), paths, log);
        const leftovers = await (0,_prepare_js__WEBPACK_IMPORTED_MODULE_8__/* .cleanLeftovers */ .Kz)(remote, paths.root, names, log);
        let replacing = null;
        if (names.includes(label) ||
            leftovers.some((leftover) => leftover.action === 'restore' && leftover.date === label)) {
            if (options.label !== undefined)
                throw labelTaken(paths);
            const today = await (0,_prepare_js__WEBPACK_IMPORTED_MODULE_8__/* .judgeToday */ .h8)(remote, paths, options, log);
            if (today.kind === 'keep') {
                if (partialCreated)
                    await removePartial(remote, paths, log);
                return {
                    kind: 'existing',
                    date: label,
                    path: paths.final,
                    report: today.report,
                    leftovers,
                    release: () => lock.release(),
                };
            }
            replacing = today.report;
        }
        if (!partialCreated)
            await remote.exec((0,_prepare_js__WEBPACK_IMPORTED_MODULE_8__/* .partialDirScript */ .WV)(paths));
        return openPartial(remote, paths, lock, now, leftovers, replacing, log);
    }
    catch (error) {
        await removePartial(remote, paths, log);
        await lock.release();
        throw error;
    }
}
function openPartial(remote, paths, lock, startedAt, leftovers, replacing, log) {
    let settled = false;
    const runId = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(paths.partial).replace(/^.*\.partial-/, '');
    // Interrupted before the commit: the work dir goes now, not at the next run (the lock ends with the session).
    const forget = (0,_interrupt_js__WEBPACK_IMPORTED_MODULE_3__/* .whenInterrupted */ .v)(async () => {
        if (settled)
            return;
        settled = true;
        if (await removePartial(remote, paths, log))
            log.info(`Removed the unfinished work dir ${paths.partial}.`);
    });
    return {
        kind: 'partial',
        date: paths.date,
        label: paths.label,
        runId,
        path: paths.partial,
        finalPath: paths.final,
        paths,
        lock,
        startedAt,
        leftovers,
        replacing,
        writeFile(relativePath, content, component, options) {
            if (settled)
                throw new Error('writeFile: this snapshot was already committed or aborted');
            return (0,_small_file_js__WEBPACK_IMPORTED_MODULE_9__/* .writeSnapshotFile */ .CD)(remote, paths.partial, relativePath, content, component, options);
        },
        async discard(component) {
            if (settled)
                throw new Error('discard: this snapshot was already committed or aborted');
            await discardComponent(remote, paths, component);
        },
        async commit(manifest, options = {}) {
            if (settled)
                throw new Error('commit: this snapshot was already committed or aborted');
            if (manifest.date !== paths.date) {
                throw new Error(`commit: the manifest is for ${manifest.date}, this snapshot is ${paths.date}`);
            }
            if (!lock.held()) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Lost the lock on ${remote.description} (the SSH connection dropped?): the snapshot was not committed.`);
            }
            settled = true;
            forget();
            return commitPartial(remote, paths, lock, replacing !== null, manifest, options.keepLock === true, log);
        },
        async abort() {
            if (settled)
                return;
            settled = true;
            forget();
            await removePartial(remote, paths, log);
            await lock.release();
        },
    };
}
/** The commit script under the lock; on failure the work dir goes and a swapped-out snapshot comes back. */
async function commitPartial(remote, paths, lock, replacing, manifest, keepLock, log) {
    let committed = false;
    try {
        const { stdout } = await remote.exec(commitScript(paths, manifest.files.map((file) => file.path), replacing), { stdin: (0,_manifest_js__WEBPACK_IMPORTED_MODULE_7__/* .serializeManifest */ .MZ)(manifest), description: `commit ${paths.final}` });
        const lines = stdout.split('\n');
        committed = true;
        return {
            path: paths.final,
            date: paths.date,
            manifest,
            replaced: lines.includes('replaced') ? paths.final : null,
            snapshots: (0,_listing_js__WEBPACK_IMPORTED_MODULE_5__/* .parseSnapshotListing */ .a0)(lines),
            lock: keepLock ? lock : null,
            release: () => lock.release(),
        };
    }
    catch (error) {
        if (replacing)
            await swapBack(remote, paths, log);
        await removePartial(remote, paths, log);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Could not complete the snapshot ${paths.final}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`, {
            cause: error,
        });
    }
    finally {
        if (!committed || !keepLock)
            await lock.release();
    }
}
/** Removes what a failed component wrote below the work directory. */
async function discardComponent(remote, paths, component) {
    if (!/^[a-z][a-z0-9-]*$/.test(component))
        throw new Error(`discard: '${component}' is not a component name`);
    await remote.exec((0,_remote_script_js__WEBPACK_IMPORTED_MODULE_11__/* .removeTreeScript */ .Ee)(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(paths.partial, component)), {
        timeoutMs: 120_000,
        description: `remove the failed ${component} files from ${node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(paths.partial)}`,
    });
}
function labelTaken(paths) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`${paths.final} already exists: a labelled snapshot is never replaced.`, {
        hint: 'Take it again with a new label (the time of the run).',
    });
}
/** The commit died mid-swap: the snapshot it was replacing goes back in place (when it is not there). */
async function swapBack(remote, paths, log) {
    try {
        const { stdout } = await remote.exec(swapBackScript(paths), { description: `put back ${paths.final}` });
        if (stdout.includes('restored'))
            log.warn(`The commit failed mid-swap: ${paths.final} was moved back.`);
    }
    catch (error) {
        log.warn(`Could not move ${paths.replaced} back to ${paths.final} (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}); the next run does it.`);
    }
}
/** Removes the run's work dir; false (and a warning) when it could not. */
async function removePartial(remote, paths, log) {
    try {
        await remote.exec((0,_remote_script_js__WEBPACK_IMPORTED_MODULE_11__/* .removeTreeScript */ .Ee)(paths.partial), { timeoutMs: 120_000 });
        return true;
    }
    catch (error) {
        log.warn(`Could not remove ${paths.partial} (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}); the next run removes it.`);
        return false;
    }
}


/***/ }),

/***/ 71870:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BX: () => (/* binding */ parseFileChecks),
/* harmony export */   Mx: () => (/* binding */ verifySnapshot),
/* harmony export */   _S: () => (/* binding */ parseListing),
/* harmony export */   oq: () => (/* binding */ fileCheckScript)
/* harmony export */ });
/* unused harmony exports snapshotFilesScript, hostProbeScript, probeHost, missingTools, unexpectedDirectories */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8835);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(89413);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(42494);
/* harmony import */ var _compression_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76213);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86489);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(47494);






/** `find` output: `<type>\t<size>\t<path>` per entry below the snapshot directory. */
function parseListing(text) {
    return text
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => {
        const [type, size, ...rest] = line.split('\t');
        return { type: type ?? '?', size: Number(size), path: rest.join('\t') };
    });
}
/**
 * `check` output lines: `file\t<size>\t<sha256>\t<tested as>\t<test status>\t<test message>\t<path>`
 * or `missing\t<path>`. `tested as` is the stream the file's first bytes or its name say it is
 * (`zstd`, `gzip`, or `none`), whatever the manifest claims.
 */
function parseFileChecks(text) {
    const found = [];
    for (const line of text.split('\n')) {
        if (!line.startsWith('file\t'))
            continue;
        const [, size, sha256, testedAs, status, message, ...rest] = line.split('\t');
        found.push({
            path: rest.join('\t'),
            size: Number(size),
            sha256: sha256 || null,
            ...(testedAs && testedAs !== 'none' ? { testedAs } : {}),
            integrity: status === '-'
                ? null
                : status === '0'
                    ? { ok: true }
                    : { ok: false, message: message || `exit ${status}` },
        });
    }
    return found;
}
/** Prints `absent`, or `present` and one `<type>\t<size>\t<path>` line per entry below `dir`. */
function snapshotFilesScript(dir) {
    return `dir=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(dir)}
if [ ! -d "$dir" ]; then echo absent; exit 0; fi
echo present
cd -- "$dir"
find . -mindepth 1 -printf '%y\\t%s\\t%P\\n'
`;
}
async function list(remote, dir) {
    const { stdout } = await remote.exec(snapshotFilesScript(dir));
    const [state, ...rest] = stdout.split('\n');
    if (state !== 'present')
        return { exists: false, files: [], manifestText: null };
    const files = parseListing(rest.join('\n'));
    let manifestText = null;
    if (files.some((file) => file.path === _layout_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1 && file.type === 'f')) {
        manifestText = (await remote.run(['cat', '--', node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(dir, _layout_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1)])).stdout;
    }
    return { exists: true, files, manifestText };
}
function fileCheckScript(dir, files, options = {}) {
    const streamTests = options.streamTests ?? true;
    const calls = files
        .map((file) => `check ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(file.compression)} ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(file.path)}`)
        .join('\n');
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(dir)}
${_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .SHA256_HASHER */ .WI}
# The stream is tested as what its first bytes or its name say, not only what the manifest claims.
stream_of() {
  local compression=$1 file=$2 magic
  magic=$(head -c 4 -- "$file" | od -An -tx1 | tr -d ' \\n')
  case $magic in
    28b52ffd) echo zstd; return ;;
    1f8b*) echo gzip; return ;;
  esac
  case $file in
    *.zst) echo zstd ;;
    *.gz) echo gzip ;;
    *) echo "$compression" ;;
  esac
}
check() {
  local compression=$1 file=$2 size sum${streamTests ? ' sum_fd' : ''} message status stream
  if [ ! -f "$file" ] || [ -L "$file" ]; then printf 'missing\\t%s\\n' "$file"; return 0; fi
  size=$(stat -c %s -- "$file")
  status=-; message=
  stream=$(stream_of "$compression" "$file")
${streamTests
        ? `  # The checksum and the stream test read the file side by side: the slower one's time, not the sum.
  exec {sum_fd}< <("\${hasher[@]}" <"$file")
  case $stream in
    zstd) message=$(zstd -q -t -- "$file" 2>&1) && status=0 || status=$? ;;
    gzip) message=$(gzip -t -- "$file" 2>&1) && status=0 || status=$? ;;
  esac
  IFS= read -r sum <&"$sum_fd" || sum=
  exec {sum_fd}<&-`
        : `  sum=$("\${hasher[@]}" <"$file") || sum=`}
  sum=\${sum%% *}
  message=\${message//$'\\n'/ }; message=\${message//$'\\t'/ }
  printf 'file\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$size" "$sum" "$stream" "$status" "$message" "$file"
}
${calls}
`;
}

/** Prints the missing tools, one per line, then `version <tool> <line>` for each version command. */
function hostProbeScript(tools, versionCommands) {
    return `${missingToolsScript(tools)}\n${toolVersionsScript(versionCommands)}\n`;
}
/** Missing tools and tool versions in one round trip. */
async function probeHost(remote, tools, versionCommands = []) {
    const { stdout } = await remote.exec(hostProbeScript(tools, versionCommands), {
        description: 'check the tools on the host',
    });
    const probe = { missing: [], versions: {} };
    for (const line of stdout.split('\n')) {
        if (line.startsWith('version ')) {
            const [, tool, ...rest] = line.split(' ');
            probe.versions[tool] = rest.join(' ').trim();
        }
        else if (line.trim())
            probe.missing.push(line.trim());
    }
    return probe;
}
async function missingTools(remote, tools) {
    if (tools.length === 0)
        return [];
    const { stdout } = await remote.exec((0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .missingToolsScript */ .LV)(tools));
    return stdout.split('\n').filter((line) => line.trim().length > 0);
}
/** Directories that hold no file the manifest lists, at any depth (an extra empty directory, say). */
function unexpectedDirectories(entries, manifest) {
    const needed = new Set();
    for (const file of manifest.files) {
        const parts = file.path.split('/');
        for (let i = 1; i < parts.length; i++)
            needed.add(parts.slice(0, i).join('/'));
    }
    return entries
        .filter((entry) => entry.type === 'd' && !needed.has(entry.path))
        .map((entry) => entry.path)
        .sort();
}
/** A directory named for one snapshot must hold that snapshot's manifest. */
function nameProblems(dir, manifest) {
    const name = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(dir);
    const named = /^\d{4}-\d{2}-\d{2}$/.test(name) || name.startsWith('pre-restore-');
    const own = manifest.label ?? manifest.date;
    return named && name !== own
        ? [`${dir}: the manifest is for ${own}, but the directory is named ${name}`]
        : [];
}
async function requireTools(remote, dir, manifest) {
    const tools = [
        'stat',
        'sha256sum',
        'head',
        'od',
        'tr',
        ...manifest.files.map((file) => (0,_compression_js__WEBPACK_IMPORTED_MODULE_2__/* .compressorTool */ .at)(file.compression)),
    ].filter((tool) => tool !== null);
    const missing = await missingTools(remote, tools);
    if (missing.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Cannot verify ${dir}: ${missing.join(', ')} not found on host ${remote.description}.`, { hint: `Install ${missing.join(' and ')} on the host.` });
    }
}
/** Re-reads a snapshot on the host and checks every file against its manifest. */
async function verifySnapshot(remote, dir, options = {}) {
    const started = Date.now();
    const report = (verdict, fields) => ({
        path: dir,
        verdict,
        manifest: fields.manifest ?? null,
        problems: fields.problems ?? [],
        fileProblems: fields.fileProblems ?? [],
        failedComponents: fields.failedComponents ?? [],
        filesChecked: fields.filesChecked ?? 0,
        bytesChecked: fields.bytesChecked ?? 0,
        durationMs: Date.now() - started,
    });
    const listing = await list(remote, dir);
    if (!listing.exists)
        return report('missing', { problems: [`${dir} does not exist on ${remote.description}`] });
    if (listing.manifestText === null) {
        return report('incomplete', {
            problems: [`${dir} has no ${_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1}: the snapshot was never completed, so it cannot be trusted`],
        });
    }
    const parsed = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .parseManifest */ .Ng)(listing.manifestText);
    if (!parsed.ok)
        return report('incomplete', { problems: [`${dir}: ${parsed.problem}`] });
    const manifest = parsed.manifest;
    const problems = nameProblems(dir, manifest);
    await requireTools(remote, dir, manifest);
    const { stdout } = await remote.exec(fileCheckScript(dir, manifest.files, options), {
        description: `check the files of ${dir}`,
    });
    const found = parseFileChecks(stdout);
    const regularFiles = listing.files.filter((file) => file.type === 'f' && file.path !== _layout_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1);
    const listed = new Set(manifest.files.map((file) => file.path));
    const extras = regularFiles
        .filter((file) => !listed.has(file.path))
        .map((file) => ({ path: file.path, size: file.size, sha256: null, integrity: null }));
    for (const other of listing.files.filter((file) => file.type !== 'f' && file.type !== 'd')) {
        problems.push(`${other.path}: unexpected ${other.type === 'l' ? 'symbolic link' : `entry of type ${other.type}`}`);
    }
    const fileProblems = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .compareFiles */ .hZ)(manifest.files, [...found, ...extras]);
    for (const empty of unexpectedDirectories(listing.files, manifest)) {
        problems.push(`${empty}/: unexpected directory (no file the manifest lists is in it)`);
    }
    problems.push(...fileProblems.map((problem) => problem.message));
    const failed = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .failedComponents */ .mw)(manifest);
    const filesGood = problems.length === 0;
    for (const component of failed) {
        const error = manifest.components[component]?.error;
        problems.push(`component ${component} failed when the snapshot was taken${error ? `: ${error}` : ''} (the other components were kept)`);
    }
    return report(!filesGood ? 'bad' : failed.length > 0 ? 'incomplete' : 'good', {
        manifest,
        problems,
        fileProblems,
        failedComponents: failed,
        filesChecked: found.length,
        bytesChecked: found.reduce((sum, file) => sum + file.size, 0),
    });
}


/***/ })

};

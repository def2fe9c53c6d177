export const id = 922;
export const ids = [922];
export const modules = {

/***/ 7196:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BB: () => (/* binding */ deleteSnapshots),
/* harmony export */   Cb: () => (/* binding */ listSnapshots),
/* harmony export */   Ip: () => (/* binding */ chooseSnapshot)
/* harmony export */ });
/* unused harmony export deleteSnapshotsScript */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8835);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(89413);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86489);
/* harmony import */ var _listing_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(91487);





/** The dated snapshot directories in the backups dir, oldest first (hidden work dirs excluded). */
async function listSnapshots(remote, layout) {
    const root = (0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .backupsRoot */ .GI)(layout);
    const { stdout } = await remote.exec((0,_listing_js__WEBPACK_IMPORTED_MODULE_3__/* .backupsListingScript */ .dd)(root), {
        description: `list the snapshots in ${root}`,
    });
    return (0,_listing_js__WEBPACK_IMPORTED_MODULE_3__/* .parseSnapshotListing */ .a0)(stdout.split('\n'))
        .map((snapshot) => snapshot.date)
        .sort();
}
/** `latest` or a date, against the dates present; throws naming what exists when there is no match. */
function chooseSnapshot(dates, wanted, where) {
    const sorted = [...dates].sort();
    if (wanted === 'latest') {
        const latest = sorted.at(-1);
        if (!latest)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`No snapshot in ${where}.`);
        return latest;
    }
    if (!sorted.includes(wanted)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`No snapshot ${wanted} in ${where}. Found: ${sorted.length ? sorted.slice(-10).join(', ') : 'none'}.`);
    }
    return wanted;
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
        if (!(0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .isSnapshotDate */ .XZ)(date))
            throw new Error(`deleteSnapshots: '${date}' is not a snapshot date`);
        const hidden = `.${date}.deleting-${runId}`;
        return `if [ -d ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_4__/* .shellQuote */ .Z)(date)} ]; then mv -T -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_4__/* .shellQuote */ .Z)(date)} ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_4__/* .shellQuote */ .Z)(hidden)}; rm -rf -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_4__/* .shellQuote */ .Z)(hidden)}; fi`;
    });
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_4__/* .shellQuote */ .Z)(root)}\n${lines.join('\n')}\nsync -- . 2>/dev/null || true\n`;
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

/***/ 30922:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  h1: () => (/* reexport */ snapshot_layout/* MANIFEST_FILE */.h1),
  mA: () => (/* reexport */ applyDiskRetention),
  dd: () => (/* reexport */ listing/* backupsListingScript */.dd),
  GI: () => (/* reexport */ snapshot_layout/* backupsRoot */.GI),
  w: () => (/* reexport */ snapshot/* beginSnapshot */.w),
  u1: () => (/* reexport */ manifest/* buildManifest */.u1),
  Ip: () => (/* reexport */ catalog/* chooseSnapshot */.Ip),
  XZ: () => (/* reexport */ snapshot_layout/* isSnapshotDate */.XZ),
  Cb: () => (/* reexport */ catalog/* listSnapshots */.Cb),
  t2: () => (/* reexport */ listing/* parseBackupsListing */.t2),
  W6: () => (/* reexport */ snapshot_layout/* parseLeftoverName */.W6),
  Mx: () => (/* reexport */ verify/* verifySnapshot */.Mx)
});

// UNUSED EXPORTS: BACKUPS_LISTING, COMPRESSIONS, DEFAULT_LEVEL, DEFAULT_RETENTION_POLICY, LOCK_FILE, MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, MISSING_TOOLS, PARTIAL_CREATED, SETUP_FAILED, SNAPSHOT_TOOLS, acquireHostLock, checkRelativePath, chooseRetained, commitScript, compareFiles, componentRecordSchema, compressionExtension, compressionLevel, compressorArgv, compressorTool, dayNumber, deleteSnapshots, deleteSnapshotsScript, describeHolder, fileCheckScript, hostProbeScript, integrityTestArgv, isoWeek, leftoverScript, listScript, lockScript, manifestFileSchema, manifestSchema, missingTools, missingToolsScript, newRunId, ownEntries, parseFileChecks, parseHolderLines, parseListing, parseManifest, parseSnapshotListing, partialDirScript, planLeftovers, prepareScript, probeHost, serializeManifest, snapshotDate, snapshotFilesScript, snapshotLockHooks, snapshotPaths

// EXTERNAL MODULE: ./lib/src/shared/snapshot/catalog.js
var catalog = __webpack_require__(7196);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/compression.js
var compression = __webpack_require__(76213);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/layout.js
var snapshot_layout = __webpack_require__(86489);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/listing.js
var listing = __webpack_require__(91487);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/lock.js
var snapshot_lock = __webpack_require__(38092);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/retention.js
var retention = __webpack_require__(94717);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/snapshot.js
var snapshot = __webpack_require__(46091);
;// CONCATENATED MODULE: ./lib/src/shared/snapshot/disk-retention.js







/**
 * Prunes the dated snapshot directories by the retention policy, under the host lock. A directory
 * counts as verified when it holds a manifest (it appears only after its manifest is written);
 * the newest verified one is never deleted.
 */
async function applyDiskRetention(remote, layout, policy, log, 
/** The day this run committed or reused: never deleted by it. */
protect, 
/**
 * The lock this run still holds and the listing its commit made under it: no second lock, no
 * second listing. Without it, the lock is taken and the directory listed here.
 */
held) {
    const root = (0,snapshot_layout/* backupsRoot */.GI)(layout);
    const runId = (0,snapshot/* newRunId */.F$)();
    const lock = held?.lock ?? (await (0,snapshot_lock/* acquireHostLock */.QM)(remote, external_node_path_.posix.join(root, snapshot_layout/* LOCK_FILE */.FI), runId));
    try {
        const snapshots = held?.snapshots ?? (await listDated(remote, root));
        const later = snapshots.filter((d) => d.date > protect).map((d) => d.date);
        if (later.length > 0) {
            log.warn(`${root} holds snapshot(s) dated after ${protect}: ${later.join(', ')} (another timezone setting, or a clock ahead?). They count as the newest for retention.`);
        }
        const plan = (0,retention/* chooseRetained */.AJ)(snapshots, policy);
        const deleted = plan.delete.map((d) => d.date).filter((date) => date !== protect);
        if (deleted.length > 0) {
            log.info(`Retention: removing ${deleted.join(', ')} from ${root}`);
            await (0,catalog/* deleteSnapshots */.BB)(remote, layout, lock, runId, deleted);
        }
        return { kept: snapshots.map((d) => d.date).filter((date) => !deleted.includes(date)), deleted };
    }
    finally {
        if (!held)
            await lock.release();
    }
}
/** The dated directories of the backups dir; verified: it holds a manifest. */
async function listDated(remote, root) {
    const { stdout } = await remote.exec((0,listing/* backupsListingScript */.dd)(root));
    return (0,listing/* parseSnapshotListing */.a0)(stdout.split('\n'));
}

// EXTERNAL MODULE: ./lib/src/shared/snapshot/manifest.js
var manifest = __webpack_require__(47494);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/prepare.js
var prepare = __webpack_require__(48664);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/small-file.js
var small_file = __webpack_require__(71399);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/verify.js
var verify = __webpack_require__(71870);
;// CONCATENATED MODULE: ./lib/src/shared/snapshot/index.js














/***/ }),

/***/ 86489:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FI: () => (/* binding */ LOCK_FILE),
/* harmony export */   GI: () => (/* binding */ backupsRoot),
/* harmony export */   W6: () => (/* binding */ parseLeftoverName),
/* harmony export */   XZ: () => (/* binding */ isSnapshotDate),
/* harmony export */   h1: () => (/* binding */ MANIFEST_FILE),
/* harmony export */   rw: () => (/* binding */ snapshotPaths),
/* harmony export */   zF: () => (/* binding */ snapshotDate)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8835);


const MANIFEST_FILE = 'manifest.json';
const LOCK_FILE = '.gateway-ops.lock';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** `.2026-11-25.partial-<id>` / `.replaced-<id>` / `.deleting-<id>`: left behind by a run that crashed. */
const LEFTOVER = /^\.(\d{4}-\d{2}-\d{2})\.(partial|replaced|deleting)-([A-Za-z0-9][A-Za-z0-9_-]{0,63})$/;
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
function snapshotPaths(layout, date, runId) {
    if (!isSnapshotDate(date))
        throw new Error(`snapshotPaths: '${date}' is not a date YYYY-MM-DD`);
    if (!RUN_ID.test(runId)) {
        throw new Error(`snapshotPaths: run id '${runId}' must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'`);
    }
    const root = backupsRoot(layout);
    return {
        root,
        date,
        final: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, date),
        partial: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, `.${date}.partial-${runId}`),
        replaced: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, `.${date}.replaced-${runId}`),
        lockFile: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, LOCK_FILE),
    };
}
/** Recognises the hidden work directories a crashed run leaves behind; anything else is not ours. */
function parseLeftoverName(name) {
    const match = LEFTOVER.exec(name);
    if (!match || !isSnapshotDate(match[1]))
        return null;
    return { name, date: match[1], kind: match[2], runId: match[3] };
}


/***/ }),

/***/ 91487:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ BACKUPS_LISTING),
/* harmony export */   a0: () => (/* binding */ parseSnapshotListing),
/* harmony export */   dd: () => (/* binding */ backupsListingScript),
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
 * Run in the backups dir: `dir <good|none> <own|foreign> <name>` per directory. Names holding a
 * newline are left out: no name this project writes has one, and they would forge lines.
 */
const BACKUPS_LISTING = `me=$(id -u)
find . -mindepth 1 -maxdepth 1 -type d -printf '%U %m %P\\0' | while IFS=' ' read -r -d '' uid mode name; do
  [[ $name == *$'\\n'* ]] && continue
  if [ -f "$name/${_layout_js__WEBPACK_IMPORTED_MODULE_0__/* .MANIFEST_FILE */ .h1}" ]; then manifest=good; else manifest=none; fi
  if [ "$uid" = "$me" ] && [ $((8#$mode & 8#022)) -eq 0 ]; then owner=own; else owner=foreign; fi
  printf 'dir %s %s %s\\n' "$manifest" "$owner" "$name"
done
`;
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
/* harmony export */   ih: () => (/* binding */ SETUP_FAILED)
/* harmony export */ });
/* unused harmony exports describeHolder, parseHolderLines, lockScript */
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
/* harmony export */   u1: () => (/* binding */ buildManifest)
/* harmony export */ });
/* unused harmony exports MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, manifestFileSchema, componentRecordSchema, manifestSchema */
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
const componentRecordSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    verdict: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['passed', 'skipped']),
    durationMs: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    details: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .unknown */ .L5J()),
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
    if (Date.parse(manifest.completedAt) < Date.parse(manifest.createdAt)) {
        ctx.addIssue({ code: 'custom', path: ['completedAt'], message: 'completedAt is before createdAt' });
    }
});
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
        if (actual.integrity && !actual.integrity.ok) {
            problems.push({
                path: file.path,
                kind: 'integrity',
                expected: `a complete ${file.compression} stream`,
                found: actual.integrity.message,
                message: `${file.path}: ${file.compression} test failed: ${actual.integrity.message}`,
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
/* harmony export */   S3: () => (/* binding */ snapshotLockHooks),
/* harmony export */   WV: () => (/* binding */ partialDirScript),
/* harmony export */   vb: () => (/* binding */ PARTIAL_CREATED),
/* harmony export */   xK: () => (/* binding */ ownEntries)
/* harmony export */ });
/* unused harmony exports SNAPSHOT_TOOLS, prepareScript, listScript */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8835);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(89413);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(42494);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86489);
/* harmony import */ var _listing_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(91487);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(38092);
/**
 * The start of a run on the host, before the lock is held and just after: the backups dir is
 * created and checked (nobody else can write into it), the tools are there, the listing is taken
 * and today's work dir made; what the listing holds that is not the SSH user's own is never used.
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
];
/**
 * Creates the backups dir when missing and refuses one that others could write into: a symlink,
 * or the dir or an ancestor up to the deploy dir owned by another user (root excepted for
 * ancestors) or writable by group/others. Only the backup user can then plant a lock symlink or a
 * work dir there.
 */
function prepareScript(root, deployDir) {
    return `umask 077
root=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(root)}
stop=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(deployDir || '.'))}
refuse() { echo "${_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .SETUP_FAILED */ .ih} $1" >&2; exit 73; }
if [ -L "$root" ]; then refuse "the backups dir $root is a symlink (to $(readlink -- "$root")): give its real path as backups-dir"; fi
if [ ! -d "$root" ]; then
  mkdir -p -- "$root" 2>/dev/null || { echo "${_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .SETUP_FAILED */ .ih} cannot create the backups dir $root as $(id -un): $(mkdir -p -- "$root" 2>&1 | tail -n 1)" >&2; exit 73; }
fi
if [ ! -w "$root" ] || [ ! -x "$root" ]; then
  echo "${_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .SETUP_FAILED */ .ih} the backups dir $root is not writable by $(id -un) (owner $(stat -c %U -- "$root"), mode $(stat -c %a -- "$root"))" >&2
  exit 73
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
`;
}
const PARTIAL_CREATED = '/partial-created';
/** Around taking the lock: the tools and the backups dir before; the listing (and work dir) after. */
function snapshotLockHooks(layout, paths) {
    return {
        before: `missing=$(${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .missingToolsScript */ .LV)(SNAPSHOT_TOOLS)})
if [ -n "$missing" ]; then echo "${_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .MISSING_TOOLS */ .R1}" $missing >&2; exit 69; fi
${prepareScript(paths.root, layout.deployDir)}`,
        after: listScript(paths.root, paths),
    };
}
function listScript(root, paths) {
    return `(
  cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(root)}
${_listing_js__WEBPACK_IMPORTED_MODULE_3__/* .BACKUPS_LISTING */ .$M})
if [ ! -e ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(paths.final)} ]; then mkdir -m 0700 -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(paths.partial)}; echo ${PARTIAL_CREATED}; fi
`;
}
/** Creates the run's work dir; fails if it exists (a run never adopts a directory it did not make). */
function partialDirScript(paths) {
    return `umask 077
mkdir -m 0700 -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(paths.partial)}
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
        else if (entry.name === paths.date) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Today's snapshot ${paths.final} is owned by another user or writable by others: gateway-ops did not make it and will not use it.`, {
                hint: `Look at it (ls -ld ${paths.final}); remove it or fix its owner and mode (chmod go-w), then run again.`,
            });
        }
        else if ((0,_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .parseLeftoverName */ .W6)(entry.name)) {
            log.warn(`Leaving ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(paths.root, entry.name)} alone: it is owned by another user or writable by others, so no gateway-ops run made it. Look at it and remove it.`);
        }
        else
            names.push(entry.name);
    }
    return names;
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
/* harmony export */   w: () => (/* binding */ beginSnapshot)
/* harmony export */ });
/* unused harmony exports planLeftovers, leftoverScript, commitScript */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8835);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(89413);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(42494);
/* harmony import */ var _setting_ref_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(46870);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86489);
/* harmony import */ var _listing_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(91487);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(38092);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(47494);
/* harmony import */ var _prepare_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(48664);
/* harmony import */ var _small_file_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(71399);
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(71870);












/**
 * What to do with hidden work directories left by crashed runs. Pure: given the names in the
 * backups dir, a `.partial-*` is always removed (only the lock holder writes, and we hold it); a
 * `.replaced-*` is the previous snapshot of a `force` run that died between its two renames, so it
 * goes back in place when its date is missing, and is removed when the new one made it; a
 * `.deleting-*` is a snapshot retention had started to delete.
 */
function planLeftovers(names) {
    const dates = new Set(names.filter(_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .isSnapshotDate */ .XZ));
    const actions = [];
    for (const name of [...names].sort()) {
        const leftover = (0,_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .parseLeftoverName */ .W6)(name);
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
function newRunId(now = new Date()) {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
    return `${stamp}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex')}`;
}
function leftoverScript(root, actions) {
    const lines = actions.map((action) => action.action === 'remove'
        ? `rm -rf -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .Z)(action.name)}`
        : `mv -T -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .Z)(action.name)} ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .Z)(action.date)}`);
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .Z)(root)}
${lines.join('\n')}
sync -- . 2>/dev/null || true
`;
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
cat > ${_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1}.tmp
sync -- ${_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1}.tmp
mv -T -- ${_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1}.tmp ${_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1}
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
${_listing_js__WEBPACK_IMPORTED_MODULE_4__/* .BACKUPS_LISTING */ .$M}`;
}
/**
 * Takes the host lock, cleans up after crashed runs, and either finds today's snapshot complete
 * and good (nothing to do) or opens a hidden work directory for a new one.
 */
async function beginSnapshot(remote, layout, log, options = {}) {
    const now = options.now ?? new Date();
    const runId = options.runId ?? newRunId(now);
    const date = (0,_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .snapshotDate */ .zF)(now, layout.timezone);
    const paths = (0,_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .snapshotPaths */ .rw)(layout, date, runId);
    // One round trip: tools and the backups dir, the lock, then (under it) the listing, which also
    // opens the work dir when today has no snapshot yet (the usual case).
    const lock = await (0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .acquireHostLock */ .QM)(remote, paths.lockFile, runId, now, (0,_prepare_js__WEBPACK_IMPORTED_MODULE_7__/* .snapshotLockHooks */ .S3)(layout, paths));
    try {
        const listed = lock.afterOutput.split('\n').filter(Boolean);
        const partialCreated = listed.includes(_prepare_js__WEBPACK_IMPORTED_MODULE_7__/* .PARTIAL_CREATED */ .vb);
        const names = (0,_prepare_js__WEBPACK_IMPORTED_MODULE_7__/* .ownEntries */ .xK)((0,_listing_js__WEBPACK_IMPORTED_MODULE_4__/* .parseBackupsListing */ .t2)(listed), paths, log);
        const leftovers = planLeftovers(names);
        if (leftovers.length > 0) {
            for (const leftover of leftovers) {
                log.warn(leftover.action === 'remove'
                    ? `Removing ${node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(paths.root, leftover.name)}, left by a run that did not finish.`
                    : `Restoring ${leftover.date} from ${leftover.name}: a forced run died while swapping it.`);
            }
            await remote.exec(leftoverScript(paths.root, leftovers));
        }
        let replacing = null;
        if (names.includes(date) ||
            leftovers.some((leftover) => leftover.action === 'restore' && leftover.date === date)) {
            const report = await (0,_verify_js__WEBPACK_IMPORTED_MODULE_9__/* .verifySnapshot */ .Mx)(remote, paths.final);
            if (report.verdict === 'good' && !options.force) {
                if (partialCreated)
                    await removePartial(remote, paths, log);
                return {
                    kind: 'existing',
                    date,
                    path: paths.final,
                    report,
                    leftovers,
                    release: () => lock.release(),
                };
            }
            if (report.verdict !== 'good' && !options.force) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Today's snapshot ${paths.final} exists but is ${report.verdict}: ${report.problems.slice(0, 5).join('; ')}`, {
                    hint: `Look at it, then run with ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_11__/* .settingRef */ .y)('force', true)} to replace it (the old one is kept until the new one is complete).`,
                });
            }
            replacing = report;
        }
        if (!partialCreated) {
            await remote.exec((0,_prepare_js__WEBPACK_IMPORTED_MODULE_7__/* .partialDirScript */ .WV)(paths));
        }
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
    return {
        kind: 'partial',
        date: paths.date,
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
            return (0,_small_file_js__WEBPACK_IMPORTED_MODULE_8__/* .writeSnapshotFile */ .CD)(remote, paths.partial, relativePath, content, component, options);
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
            let committed = false;
            try {
                const { stdout } = await remote.exec(commitScript(paths, manifest.files.map((file) => file.path), replacing !== null), { stdin: (0,_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .serializeManifest */ .MZ)(manifest), description: `commit ${paths.final}` });
                const lines = stdout.split('\n');
                const kept = options.keepLock === true;
                committed = true;
                return {
                    path: paths.final,
                    date: paths.date,
                    manifest,
                    replaced: lines.includes('replaced') ? paths.final : null,
                    snapshots: (0,_listing_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSnapshotListing */ .a0)(lines),
                    lock: kept ? lock : null,
                    release: () => lock.release(),
                };
            }
            catch (error) {
                await removePartial(remote, paths, log);
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Could not complete the snapshot ${paths.final}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`, {
                    cause: error,
                });
            }
            finally {
                if (!committed || options.keepLock !== true)
                    await lock.release();
            }
        },
        async abort() {
            if (settled)
                return;
            settled = true;
            await removePartial(remote, paths, log);
            await lock.release();
        },
    };
}
async function removePartial(remote, paths, log) {
    try {
        await remote.exec((0,_remote_script_js__WEBPACK_IMPORTED_MODULE_12__/* .removeTreeScript */ .Ee)(paths.partial), { timeoutMs: 120_000 });
    }
    catch (error) {
        log.warn(`Could not remove ${paths.partial} (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}); the next run removes it.`);
    }
}


/***/ }),

/***/ 71870:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BX: () => (/* binding */ parseFileChecks),
/* harmony export */   Mx: () => (/* binding */ verifySnapshot),
/* harmony export */   oq: () => (/* binding */ fileCheckScript)
/* harmony export */ });
/* unused harmony exports parseListing, snapshotFilesScript, hostProbeScript, probeHost, missingTools */
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
/** `check` output lines: `file\t<size>\t<sha256>\t<test status>\t<test message>\t<path>` or `missing\t<path>`. */
function parseFileChecks(text) {
    const found = [];
    for (const line of text.split('\n')) {
        if (!line.startsWith('file\t'))
            continue;
        const [, size, sha256, status, message, ...rest] = line.split('\t');
        found.push({
            path: rest.join('\t'),
            size: Number(size),
            sha256: sha256 || null,
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
function fileCheckScript(dir, files) {
    const calls = files
        .map((file) => `check ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(file.compression)} ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(file.path)}`)
        .join('\n');
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_5__/* .shellQuote */ .Z)(dir)}
${_remote_script_js__WEBPACK_IMPORTED_MODULE_6__/* .SHA256_HASHER */ .WI}
check() {
  local compression=$1 file=$2 size sum message status
  if [ ! -f "$file" ] || [ -L "$file" ]; then printf 'missing\\t%s\\n' "$file"; return 0; fi
  size=$(stat -c %s -- "$file")
  sum=$("\${hasher[@]}" <"$file"); sum=\${sum%% *}
  status=-; message=
  case $compression in
    zstd) message=$(zstd -q -t -- "$file" 2>&1) && status=0 || status=$? ;;
    gzip) message=$(gzip -t -- "$file" 2>&1) && status=0 || status=$? ;;
  esac
  message=\${message//$'\\n'/ }; message=\${message//$'\\t'/ }
  printf 'file\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$size" "$sum" "$status" "$message" "$file"
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
/** Re-reads a snapshot on the host and checks every file against its manifest. */
async function verifySnapshot(remote, dir) {
    const started = Date.now();
    const report = (verdict, fields) => ({
        path: dir,
        verdict,
        manifest: fields.manifest ?? null,
        problems: fields.problems ?? [],
        fileProblems: fields.fileProblems ?? [],
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
    const problems = [];
    const name = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(dir);
    if (/^\d{4}-\d{2}-\d{2}$/.test(name) && name !== manifest.date) {
        problems.push(`${dir}: the manifest is for ${manifest.date}, but the directory is named ${name}`);
    }
    const tools = [
        'stat',
        'sha256sum',
        ...manifest.files.map((file) => (0,_compression_js__WEBPACK_IMPORTED_MODULE_2__/* .compressorTool */ .at)(file.compression)),
    ].filter((tool) => tool !== null);
    const missing = await missingTools(remote, tools);
    if (missing.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Cannot verify ${dir}: ${missing.join(', ')} not found on host ${remote.description}.`, { hint: `Install ${missing.join(' and ')} on the host.` });
    }
    const { stdout } = await remote.exec(fileCheckScript(dir, manifest.files), {
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
    problems.push(...fileProblems.map((problem) => problem.message));
    return report(problems.length === 0 ? 'good' : 'bad', {
        manifest,
        problems,
        fileProblems,
        filesChecked: found.length,
        bytesChecked: found.reduce((sum, file) => sum + file.size, 0),
    });
}


/***/ })

};

export const id = 923;
export const ids = [923,493];
export const modules = {

/***/ 66923:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  backupCommand: () => (/* binding */ backupCommand)
});

// EXTERNAL MODULE: ./lib/src/shared/report/summary.js
var summary = __webpack_require__(70241);
// EXTERNAL MODULE: ./lib/src/shared/setting-ref.js
var setting_ref = __webpack_require__(46870);
// EXTERNAL MODULE: ./lib/src/shared/text.js
var shared_text = __webpack_require__(15831);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./lib/src/shared/errors.js
var shared_errors = __webpack_require__(8835);
// EXTERNAL MODULE: ./lib/src/shared/remote/quote.js
var quote = __webpack_require__(89413);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/lock.js
var snapshot_lock = __webpack_require__(38092);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/snapshot.js
var snapshot_snapshot = __webpack_require__(46091);
;// CONCATENATED MODULE: ./lib/src/shared/copy/plan.js
/** Pure: the steps that turn what the copy host holds into exactly the expected files. */
function planTransfer(expected, found) {
    const there = new Map(found.filter((line) => line.kind === 'file').map((line) => [line.path, line]));
    const steps = expected.map((file) => {
        const line = there.get(file.path);
        if (!line)
            return { file, action: 'send' };
        if (line.size === file.size && line.sha256 === file.sha256)
            return { file, action: 'keep' };
        if (line.size > 0 && line.size < file.size)
            return { file, action: 'resume', offset: line.size };
        return { file, action: 'restart' };
    });
    const wanted = new Set(expected.map((file) => file.path));
    const extras = found.filter((line) => line.kind === 'extra' && !wanted.has(line.path)).map((l) => l.path);
    let bytesToSend = 0;
    let bytesKept = 0;
    for (const step of steps) {
        if (step.action === 'keep')
            bytesKept += step.file.size;
        else if (step.action === 'resume') {
            bytesKept += step.offset;
            bytesToSend += step.file.size - step.offset;
        }
        else
            bytesToSend += step.file.size;
    }
    return { steps, extras, bytesToSend, bytesKept };
}
/** Every difference between the expected files and what the copy host computed, one line each. */
function verifyProblems(expected, found) {
    const there = new Map(found.filter((line) => line.kind === 'file').map((line) => [line.path, line]));
    const problems = [];
    for (const file of expected) {
        const line = there.get(file.path);
        if (!line)
            problems.push(`${file.path}: missing on the copy host (expected ${file.size} bytes)`);
        else if (line.size !== file.size)
            problems.push(`${file.path}: ${line.size} bytes on the copy host, expected ${file.size}`);
        else if (line.sha256 !== file.sha256)
            problems.push(`${file.path}: sha256 ${line.sha256} on the copy host, expected ${file.sha256}`);
    }
    const wanted = new Set(expected.map((file) => file.path));
    for (const line of found) {
        if (line.kind === 'extra' && !wanted.has(line.path))
            problems.push(`${line.path}: on the copy host but not in the manifest (${line.size} bytes)`);
    }
    return problems;
}

// EXTERNAL MODULE: ./lib/src/shared/copy/record.js
var copy_record = __webpack_require__(20461);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/catalog.js
var catalog = __webpack_require__(7196);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/listing.js
var listing = __webpack_require__(91487);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/retention.js
var retention = __webpack_require__(94717);
// EXTERNAL MODULE: ./lib/src/shared/copy/scripts.js
var scripts = __webpack_require__(67942);
;// CONCATENATED MODULE: ./lib/src/shared/copy/retention.js




/**
 * Prunes the copies by the production host's policy, with the same pure choice. A dated directory
 * on the copy host exists only once its copy verified (it is sealed from `.partial` after the
 * check), so a directory with a manifest counts as verified, as on the production host. The copy
 * just made is never deleted. Interrupted copies of older snapshots are removed.
 */
async function applyCopyRetention(target, paths, policy, lock, runId, log) {
    const { stdout } = await target.exec((0,listing/* backupsListingScript */.dd)(paths.root));
    const snapshots = (0,listing/* parseSnapshotListing */.a0)(stdout.split('\n'));
    const plan = (0,retention/* chooseRetained */.AJ)(snapshots, policy);
    const deleted = plan.delete.map((d) => d.date).filter((date) => date !== paths.label);
    if (deleted.length > 0) {
        log.info(`Copy retention: removing ${deleted.join(', ')} from ${target.description}:${paths.root}`);
        await (0,catalog/* deleteSnapshots */.BB)(target, { deployDir: '', backupsDir: paths.root, timezone: 'UTC' }, lock, runId, deleted);
    }
    await target.exec((0,scripts/* staleCopiesScript */.S)(paths));
    return [`Copy retention: kept ${snapshots.length - deleted.length}, deleted ${deleted.length} copy(ies).`];
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
;// CONCATENATED MODULE: ./lib/src/shared/copy/transfer.js



function clock(ms) {
    const s = Math.floor(ms / 1000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
/** One progress line every `intervalMs` while bytes flow: sent of total, rate, elapsed. */
class CopyProgress {
    total;
    log;
    sent = 0;
    started = Date.now();
    timer;
    constructor(total, log, intervalMs) {
        this.total = total;
        this.log = log;
        this.timer = setInterval(() => this.report(), intervalMs);
        this.timer.unref();
    }
    add(bytes) {
        this.sent += bytes;
    }
    get bytes() {
        return this.sent;
    }
    line() {
        const elapsed = Date.now() - this.started;
        const rate = elapsed > 0 ? (this.sent * 1000) / elapsed : 0;
        const percent = this.total > 0 ? ` (${Math.floor((this.sent * 100) / this.total)}%)` : '';
        return `copy: ${(0,shared_text/* formatBytes */.z3)(this.sent)} of ${(0,shared_text/* formatBytes */.z3)(this.total)}${percent}, ${(0,shared_text/* formatBytes */.z3)(rate)}/s, ${clock(elapsed)} elapsed`;
    }
    report() {
        this.log.info(this.line());
    }
    stop() {
        clearInterval(this.timer);
    }
}
/**
 * Streams one file from the production host to the copy host through this process: two SSH
 * channels joined by a counting Transform, with backpressure end to end. Either side failing
 * stops the other (the Transform is destroyed), so no command is left waiting on a dead pipe.
 */
async function streamFile(source, target, from, to, offset, progress) {
    const pipe = new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            progress.add(chunk.length);
            callback(null, chunk);
        },
    });
    const stop = (error) => {
        if (!pipe.destroyed)
            pipe.destroy(error instanceof Error ? error : new Error(String(error)));
        throw error;
    };
    const sending = source
        .exec((0,scripts/* sendScript */._2)(from.dir, from.file, offset), {
        stdout: pipe,
        description: `read ${from.file} on the production host`,
    })
        .catch(stop);
    const receiving = target
        .exec((0,scripts/* receiveScript */.rp)(to.partial, from.file, offset), {
        stdin: pipe,
        description: `write ${from.file} on the copy host`,
    })
        .catch(stop);
    const results = await Promise.allSettled([sending, receiving]);
    // The copy host's error says more (disk full, not writable) than the sender's broken pipe.
    const failed = results[1].status === 'rejected' ? results[1] : results[0];
    if (failed.status === 'rejected')
        throw failed.reason;
}

;// CONCATENATED MODULE: ./lib/src/shared/copy/via-host.js


/** The run's own directory on the production host for the copy host's key and known_hosts. */
function keyDirName(runId) {
    return `.gateway-ops-copy-${runId}`;
}
/**
 * `copy-via: host`: rsync on the production host pushes the snapshot straight to the copy host.
 * The copy host's key arrives on stdin (never in argv or a script) into a 0700 directory in the
 * SSH user's home, with a known_hosts file of the pinned keys, `StrictHostKeyChecking yes`, and is
 * removed by the script's EXIT trap; `removeKeyScript` is run again afterwards whatever happened,
 * for the case where the script itself was killed.
 */
function rsyncScript(from, partial, target, runId) {
    const ssh = [
        'ssh -i $dir/id -o IdentitiesOnly=yes -o IdentityAgent=none',
        '-o UserKnownHostsFile=$dir/known_hosts -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes',
        `-o BatchMode=yes -o ConnectTimeout=30 -o ServerAliveInterval=15 -p ${target.port}`,
    ].join(' ');
    return `command -v rsync >/dev/null || { echo 'rsync is not installed on the production host (copy-via: host needs it)' >&2; exit 69; }
umask 077
dir="$HOME"/${(0,quote/* shellQuote */.Z)(keyDirName(runId))}
mkdir -m 700 -- "$dir"
trap 'rm -rf -- "$dir"' EXIT
cat >"$dir/id"
printf '%s\\n' ${(0,quote/* shellQuote */.Z)(target.knownHosts.trim())} >"$dir/known_hosts"
rsync -rt --partial-dir=.rsync-partial --chmod=Du=rwx,Dgo=,Fu=rw,Fgo= --stats -e "${ssh}" -- ${(0,quote/* shellQuote */.Z)(`${from}/`)} ${(0,quote/* shellQuote */.Z)(`${target.user}@${target.host}:${partial}/`)}
`;
}
function removeKeyScript(runId) {
    return `rm -rf -- "$HOME"/${(0,quote/* shellQuote */.Z)(keyDirName(runId))}`;
}
/** Runs rsync on the production host; returns the bytes it reports sent. */
async function rsyncFromHost(source, from, partial, settings, runId, log) {
    const target = settings.viaHost;
    if (!target)
        throw new Error('rsyncFromHost: copy-via host without its settings');
    const privateKey = target.privateKey.endsWith('\n') ? target.privateKey : `${target.privateKey}\n`;
    try {
        const { stdout } = await source.exec(rsyncScript(from, partial, target, runId), {
            stdin: privateKey,
            description: 'rsync the snapshot from the production host to the copy host',
        });
        const sent = /Total bytes sent: ([\d,.]+)/.exec(stdout)?.[1]?.replace(/[,.]/g, '');
        log.info(`rsync on the production host: ${sent ?? '?'} bytes sent.`);
        return Number(sent ?? 0);
    }
    catch (error) {
        throw new shared_errors/* OperationError */.OK(`copy-via host: rsync on the production host failed: ${(0,shared_errors/* errorMessage */.gJ)(error)}`);
    }
    finally {
        await source
            .exec(removeKeyScript(runId))
            .catch((error) => log.warn(`Could not confirm the copy host's key was removed from the production host (~/${keyDirName(runId)}): ${(0,shared_errors/* errorMessage */.gJ)(error)}. Remove it by hand.`));
    }
}

;// CONCATENATED MODULE: ./lib/src/shared/copy/copy.js












/**
 * Copies a committed snapshot to the copy host and verifies it there (every file's sha256,
 * computed on the copy host, against the manifest), into a `.partial` name sealed only once it
 * verifies; then prunes the copies by the same policy as the production host. The local snapshot
 * is only read. The verdict is recorded beside the snapshot on the production host either way;
 * a copy that does not end verified throws.
 */
async function copySnapshot(source, target, snapshot, settings, log) {
    const started = Date.now();
    const paths = (0,scripts/* copyPaths */.oJ)(settings.root, snapshot.label);
    const base = {
        date: snapshot.label,
        host: target.description,
        hostKeyFingerprint: target.hostKeyFingerprint,
        path: paths.final,
        via: settings.via,
    };
    try {
        const outcome = await copyAndVerify(source, target, snapshot, paths, settings, log);
        const record = {
            ...base,
            verified: true,
            verifiedAt: new Date().toISOString(),
            files: outcome.files,
            bytes: outcome.bytes,
            bytesSent: outcome.bytesSent,
            durationMs: Date.now() - started,
            problems: [],
        };
        await (0,copy_record/* writeCopyRecord */.O8)(source, external_node_path_.posix.dirname(snapshot.path), record);
        return { record, details: outcome.details };
    }
    catch (error) {
        const record = {
            ...base,
            verified: false,
            verifiedAt: null,
            files: 0,
            bytes: 0,
            bytesSent: 0,
            durationMs: Date.now() - started,
            problems: [(0,shared_errors/* errorMessage */.gJ)(error)],
        };
        // Best effort: the copy's own failure is what the run reports.
        await (0,copy_record/* writeCopyRecord */.O8)(source, external_node_path_.posix.dirname(snapshot.path), record).catch((recordError) => log.warn(`Could not record the failed copy on the production host: ${(0,shared_errors/* errorMessage */.gJ)(recordError)}`));
        throw error;
    }
}
async function copyAndVerify(source, target, snapshot, paths, settings, log) {
    const expected = await expectedFiles(source, snapshot);
    const total = expected.reduce((sum, file) => sum + file.size, 0);
    const free = await prepare(target, paths.root);
    const runId = (0,snapshot_snapshot/* newRunId */.F$)();
    const lock = await (0,snapshot_lock/* acquireHostLock */.QM)(target, paths.lockFile, runId);
    try {
        const details = [];
        const existing = await hashOn(target, paths.final, expected, { mayBeAbsent: true });
        const stale = existing.length > 0 ? verifyProblems(expected, existing) : null;
        if (stale?.length === 0) {
            log.info(`The copy ${paths.final} on ${target.description} exists and verifies: nothing sent.`);
            details.push(`Copy on ${target.description}: already there and verified (${expected.length} files).`);
            details.push(...(await applyCopyRetention(target, paths, settings.policy, lock, runId, log)));
            return { files: expected.length, bytes: total, bytesSent: 0, details };
        }
        if (stale) {
            log.warn(`The copy ${paths.final} on ${target.description} does not match the snapshot: ${stale.join('; ')}. Repairing it (files that still match are kept).`);
            details.push(`Copy on ${target.description} failed verification and was repaired: ${stale.join('; ')}`);
        }
        await target.exec((0,scripts/* openPartialScript */.Vy)(paths, stale !== null));
        const sent = await transfer(source, target, snapshot, paths, expected, free, { settings, runId, log });
        const problems = verifyProblems(expected, await hashOn(target, paths.partial, expected));
        if (problems.length > 0) {
            throw new shared_errors/* OperationError */.OK(`The copy on ${target.description} does not verify against the manifest (sha256 computed on the copy host): ${problems.join('; ')}. It stays unsealed in ${paths.partial}; the local snapshot is untouched.`);
        }
        await target.exec((0,scripts/* sealScript */.lT)(paths));
        log.info(`Copied ${snapshot.label} to ${target.description}:${paths.final} and verified it there: ${expected.length} files, ${total} bytes (${sent.bytesSent} sent).`);
        details.push(`Copy on ${target.description}: verified there (${expected.length} files, sha256 computed on the copy host; ${sent.bytesSent} bytes sent, ${sent.bytesKept} already there).`);
        details.push(...(await applyCopyRetention(target, paths, settings.policy, lock, runId, log)));
        return { files: expected.length, bytes: total, bytesSent: sent.bytesSent, details };
    }
    finally {
        await lock.release();
    }
}
/** The manifest's files and manifest.json itself (as it is on the production host), sent last. */
async function expectedFiles(source, snapshot) {
    const manifestText = (await source.run(['cat', '--', external_node_path_.posix.join(snapshot.path, 'manifest.json')])).stdout;
    return [
        ...snapshot.manifest.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
        {
            path: 'manifest.json',
            size: Buffer.byteLength(manifestText),
            sha256: (0,external_node_crypto_.createHash)('sha256').update(manifestText).digest('hex'),
        },
    ];
}
/** sha256 and size of the expected files in `dir`, computed on the copy host. */
async function hashOn(target, dir, expected, options = {}) {
    const script = (0,scripts/* hashScript */.gw)(dir, expected.map((f) => f.path));
    const guarded = options.mayBeAbsent ? `[ -d ${(0,quote/* shellQuote */.Z)(dir)} ] || exit 0\n${script}` : script;
    return (0,scripts/* parseHashLines */.bE)((await target.exec(guarded, { description: `check the files of ${dir}` })).stdout);
}
/** Sends what the copy host does not hold yet (by the chosen route); refuses when it cannot fit. */
async function transfer(source, target, snapshot, paths, expected, free, run) {
    const { settings, runId, log } = run;
    const plan = planTransfer(expected, await hashOn(target, paths.partial, expected));
    if (plan.bytesToSend > free) {
        throw new shared_errors/* OperationError */.OK(`The copy host ${target.description} has ${free} bytes free in ${paths.root}; this copy needs ${plan.bytesToSend} more. Nothing was sent.`, { hint: 'Free space on the copy host or lower keep-daily/keep-weekly/keep-monthly.' });
    }
    if (plan.bytesKept > 0) {
        log.info(`Resuming the copy: ${plan.steps.filter((s) => s.action === 'keep').length} file(s) and ${plan.bytesKept} bytes already on ${target.description} are not sent again.`);
    }
    await target.exec((0,scripts/* removeScript */.Wb)(paths.partial, plan.extras));
    const bytesSent = settings.via === 'host'
        ? await rsyncFromHost(source, snapshot.path, paths.partial, settings, runId, log)
        : await sendThroughRunner(source, target, snapshot.path, paths, plan, settings, log);
    return { bytesSent, bytesKept: plan.bytesKept };
}
async function prepare(target, root) {
    const { stdout } = await target.exec((0,scripts/* prepareScript */.p5)(root), { description: `prepare ${root}` });
    const [state, ...rest] = stdout.trim().split(' ');
    if (state !== 'writable') {
        throw new shared_errors/* OperationError */.OK(`copy-to-path ${root} is not writable on the copy host ${target.description}: expected a directory the copy user can create files in, found: ${rest.join(' ') || 'no answer'}. Nothing was sent.`, { hint: 'Create the directory on the copy host and give it to copy-to-user.' });
    }
    return Number(rest[0] ?? 0) * 1024;
}
async function sendThroughRunner(source, target, dir, paths, plan, settings, log) {
    const progress = new CopyProgress(plan.bytesToSend, log, settings.progressIntervalMs ?? 10_000);
    try {
        for (const step of plan.steps) {
            if (step.action === 'keep')
                continue;
            const offset = step.action === 'resume' ? step.offset : 0;
            await streamFile(source, target, { dir, file: step.file.path }, { partial: paths.partial }, offset, progress);
            if (step.action !== 'resume')
                continue;
            // A resumed file whose prefix differs from the source is sent again whole, once.
            const [line] = (0,scripts/* parseHashLines */.bE)((await target.exec((0,scripts/* hashScript */.gw)(paths.partial, [step.file.path]))).stdout);
            if (line?.sha256 !== step.file.sha256) {
                log.warn(`${step.file.path}: the resumed file does not match the snapshot; sending it again whole.`);
                await streamFile(source, target, { dir, file: step.file.path }, { partial: paths.partial }, 0, progress);
            }
        }
        progress.report();
        return progress.bytes;
    }
    finally {
        progress.stop();
    }
}

;// CONCATENATED MODULE: ./lib/src/shared/copy/index.js
/** The off-host copy: a committed snapshot to a second host over SSH, verified there, pruned there. */





// EXTERNAL MODULE: ./lib/src/shared/remote/index.js + 6 modules
var remote = __webpack_require__(61678);
;// CONCATENATED MODULE: ./lib/src/commands/copy-step.js





function readSettingFile(name, path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        throw new shared_errors/* ConfigurationError */.j1(`Invalid setting '${name}': cannot read '${path}' (${error.code ?? error}).`);
    }
}
function copyHostSecrets(settings, log) {
    const privateKey = settings['copy-to-private-key'] ??
        readSettingFile('copy-to-private-key-file', settings['copy-to-private-key-file']);
    log.setSecret(privateKey);
    const knownHosts = settings['copy-to-known-hosts'] ??
        (settings['copy-to-known-hosts-file']
            ? readSettingFile('copy-to-known-hosts-file', settings['copy-to-known-hosts-file'])
            : undefined);
    return { privateKey, knownHosts };
}
/** The SSH session to the copy host: pinned host key, the same timeouts as the production host's. */
function openCopyHost(settings, log, secrets = copyHostSecrets(settings, log)) {
    return (0,remote/* connectRemoteHost */.Lz)({
        host: settings['copy-to-host'],
        port: settings['copy-to-port'],
        username: settings['copy-to-user'],
        privateKey: secrets.privateKey,
        ...(secrets.knownHosts ? { knownHosts: secrets.knownHosts } : {}),
        ...(settings['copy-to-host-fingerprint']
            ? { hostFingerprint: settings['copy-to-host-fingerprint'] }
            : {}),
        connectTimeoutMs: settings['ssh-connect-timeout'],
        commandTimeoutMs: settings['ssh-command-timeout'],
        keepaliveIntervalMs: settings['ssh-keepalive-interval'],
        logger: { warn: (m) => log.warn(m), info: (m) => log.info(m), debug: (m) => log.debug(m) },
    });
}
/**
 * The backup's last step: when copy-to-host is set, copy the committed snapshot there and verify
 * it. Returns the summary lines, or none when no copy is configured; throws when the copy fails
 * (the local snapshot is complete and untouched either way).
 */
async function copyToSecondHost(source, snapshot, settings, log, options = {}) {
    if (!settings['copy-to-host'])
        return [];
    const secrets = copyHostSecrets(settings, log);
    const result = await log.group('Copy to the second host', () => copyWith(source, snapshot, settings, log, secrets, options).catch((error) => {
        throw new shared_errors/* OperationError */.OK(`Snapshot ${snapshot.label} is complete and kept on the production host, but its copy to ${settings['copy-to-host']} failed: ${(0,shared_errors/* errorMessage */.gJ)(error)}`, error instanceof shared_errors/* OperationError */.OK && error.hint ? { hint: error.hint, cause: error } : { cause: error });
    }));
    return [...result.details];
}
async function copyWith(source, snapshot, settings, log, secrets, options) {
    const target = await openCopyHost(settings, log, secrets).catch(async (error) => {
        await recordUnreachable(source, snapshot, settings, error, log);
        throw error;
    });
    try {
        return await copySnapshot(source, target, snapshot, {
            root: settings['copy-to-path'],
            via: settings['copy-via'],
            policy: {
                keepDaily: settings['keep-daily'],
                keepWeekly: settings['keep-weekly'],
                keepMonthly: settings['keep-monthly'],
            },
            ...(options.progressIntervalMs ? { progressIntervalMs: options.progressIntervalMs } : {}),
            ...(settings['copy-via'] === 'host'
                ? {
                    viaHost: {
                        host: settings['copy-to-host'],
                        port: settings['copy-to-port'],
                        user: settings['copy-to-user'],
                        privateKey: secrets.privateKey,
                        knownHosts: secrets.knownHosts ?? '',
                    },
                }
                : {}),
        }, log);
    }
    finally {
        await target.close();
    }
}
/** A copy host that cannot be reached (or does not present its pinned key) is a failed copy too. */
async function recordUnreachable(source, snapshot, settings, error, log) {
    await (0,copy_record/* writeCopyRecord */.O8)(source, external_node_path_.posix.dirname(snapshot.path), {
        date: snapshot.label,
        host: `${settings['copy-to-user']}@${settings['copy-to-host']}:${settings['copy-to-port']}`,
        hostKeyFingerprint: '',
        path: external_node_path_.posix.join(settings['copy-to-path'], snapshot.label),
        via: settings['copy-via'],
        verified: false,
        verifiedAt: null,
        files: 0,
        bytes: 0,
        bytesSent: 0,
        durationMs: 0,
        problems: [(0,shared_errors/* errorMessage */.gJ)(error)],
    }).catch((recordError) => log.warn(`Could not record the failed copy on the production host: ${(0,shared_errors/* errorMessage */.gJ)(recordError)}`));
}

// EXTERNAL MODULE: ./lib/src/commands/health.js + 3 modules
var health = __webpack_require__(9493);
// EXTERNAL MODULE: ./lib/src/commands/host.js + 1 modules
var commands_host = __webpack_require__(20465);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/manifest.js
var snapshot_manifest = __webpack_require__(47494);
;// CONCATENATED MODULE: ./lib/src/shared/report/manifest-artifact.js




/** The real client (loaded only when an upload is asked for); it needs the runner's ACTIONS_* variables. */
async function defaultArtifactUpload() {
    const { DefaultArtifactClient } = await __webpack_require__.e(/* import() */ 645).then(__webpack_require__.bind(__webpack_require__, 9645));
    const client = new DefaultArtifactClient();
    return { upload: (name, files, root) => client.uploadArtifact(name, files, root) };
}
function manifestArtifactName(label) {
    return `gateway-ops-manifest-${label}`;
}
/**
 * Uploads manifest.json and nothing else: it names files and sizes, never their contents, and an
 * artifact is readable by anyone with read access to the repository. The copy on the runner lives
 * in a private temp dir only for the upload.
 */
async function uploadManifest(manifest, label, upload) {
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'gateway-ops-manifest-'));
    try {
        const file = (0,external_node_path_.join)(dir, 'manifest.json');
        (0,external_node_fs_.writeFileSync)(file, (0,snapshot_manifest/* serializeManifest */.MZ)(manifest), { mode: 0o600 });
        const name = manifestArtifactName(label);
        const result = await upload.upload(name, [file], dir);
        return { name, id: result.id ?? null, size: result.size ?? null };
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./lib/src/commands/snapshot-report.js




/** The job summary's table of a snapshot: one row per component (verdict, size, duration, files). */
function componentsTable(manifest) {
    return {
        header: ['component', 'verdict', 'size', 'duration', 'files'],
        rows: Object.entries(manifest.components).map(([name, record]) => {
            const files = manifest.files.filter((file) => file.component === name);
            const bytes = files.reduce((sum, file) => sum + file.size, 0);
            return [
                name,
                verdictText(record.verdict, { ...record.details, error: record.error }),
                files.length > 0 ? (0,shared_text/* formatBytes */.z3)(bytes) : '-',
                (0,commands_host/* formatDuration */.a3)(record.durationMs),
                files.length > 0 ? files.map((file) => file.path).join(', ') : '-',
            ];
        }),
    };
}
/** `skipped: <reason>` / `failed: <error>` when the component recorded why. */
function verdictText(verdict, details) {
    const why = details['error'] ?? details['reason'];
    return verdict !== 'passed' && typeof why === 'string' ? `${verdict}: ${why}` : verdict;
}
/**
 * `upload-manifest: true` in the action: manifest.json as an artifact. A failed upload is warned
 * about and reported; the snapshot on the host is complete either way.
 */
async function uploadManifestIfAsked(settings, surface, manifest, label, log, upload = defaultArtifactUpload) {
    if (!settings['upload-manifest'] || surface !== 'action')
        return [];
    try {
        const done = await uploadManifest(manifest, label, await upload());
        return [
            `Uploaded manifest.json (only it) as the artifact ${done.name}${done.id !== null ? ` (id ${done.id})` : ''}.`,
        ];
    }
    catch (error) {
        log.warn(`Could not upload manifest.json as an artifact: ${(0,shared_errors/* errorMessage */.gJ)(error)}`);
        return [`Manifest upload failed: ${(0,shared_errors/* errorMessage */.gJ)(error)}`];
    }
}

// EXTERNAL MODULE: ./lib/src/shared/snapshot/index.js + 2 modules
var shared_snapshot = __webpack_require__(21746);
// EXTERNAL MODULE: ./lib/src/version.js
var version = __webpack_require__(51294);
// EXTERNAL MODULE: ./lib/src/shared/remote/script.js
var script = __webpack_require__(42494);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/verify.js
var verify = __webpack_require__(71870);
;// CONCATENATED MODULE: ./lib/src/shared/git-state/scripts.js

/**
 * Host scripts of the git component. git runs on the host (never in a container), read-only:
 * `GIT_OPTIONAL_LOCKS=0` keeps `git status` from writing the index of the production checkout.
 */
const GIT_ENV = 'export GIT_OPTIONAL_LOCKS=0 GIT_TERMINAL_PROMPT=0 LC_ALL=C';
/** `tools-missing`, `no-deploy-dir`, `dubious`, `not-a-repository`, or `repository<TAB>TOPLEVEL`. */
function probeScript(deployDir) {
    return `${GIT_ENV}
if ! command -v git >/dev/null 2>&1; then echo tools-missing; exit 0; fi
if ! cd -- ${(0,quote/* shellQuote */.Z)(deployDir)} 2>/dev/null; then echo no-deploy-dir; exit 0; fi
if answer=$(git rev-parse --is-inside-work-tree 2>&1 </dev/null); then
  inside=$answer
else
  case $answer in *"dubious ownership"*) echo dubious; exit 0 ;; esac
  inside=
fi
if [ "$inside" != true ]; then echo not-a-repository; exit 0; fi
printf 'repository\\t%s\\n' "$(git rev-parse --show-toplevel)"
`;
}
/**
 * Writes `staged.patch`, `unstaged.patch` (each removed when empty) and `HEAD.tar.gz` into OUT and
 * prints `version`, `commit` or `no-commits`, `branch` or `detached`, the names of the files
 * kept, then a line `status-z` followed by `git status --porcelain=v2 --branch -z`. Any failure
 * removes OUT, so a failed component leaves nothing the manifest does not list.
 */
function captureScript(deployDir, out) {
    return `${GIT_ENV}
cd -- ${(0,quote/* shellQuote */.Z)(deployDir)}
out=${(0,quote/* shellQuote */.Z)(out)}
remove_out() { rm -rf -- "$out"; }
trap remove_out ERR
umask 077
mkdir -p -- "$out"
printf 'version\\t%s\\n' "$(git --version)"
if commit=$(git rev-parse --verify -q HEAD); then printf 'commit\\t%s\\n' "$commit"; else commit=; echo no-commits; fi
if branch=$(git symbolic-ref -q --short HEAD); then printf 'branch\\t%s\\n' "$branch"; else echo detached; fi
git diff --cached --binary --no-color --no-ext-diff >"$out/staged.patch"
git diff --binary --no-color --no-ext-diff >"$out/unstaged.patch"
for patch in staged unstaged; do
  if [ -s "$out/$patch.patch" ]; then printf 'kept\\t%s.patch\\n' "$patch"; else rm -f -- "$out/$patch.patch"; fi
done
if [ -n "$commit" ]; then
  git archive --format=tar HEAD | gzip -n -6 >"$out/HEAD.tar.gz"
  printf 'kept\\tHEAD.tar.gz\\n'
fi
echo status-z
git status --porcelain=v2 --branch -z --untracked-files=normal
`;
}

;// CONCATENATED MODULE: ./lib/src/shared/git-state/state.js
/** The parsed output of the capture script: what `git/state.json` records. Pure. */
/** Untracked names kept in state.json; a checkout with more says how many there were. */
const MAX_UNTRACKED_LISTED = 10_000;
/** The NUL-separated porcelain v2 entries as lines; a rename (`2 ...`) carries its old name. */
function statusLines(z) {
    const fields = z.split('\0');
    if (fields.at(-1) === '')
        fields.pop();
    const lines = [];
    for (let i = 0; i < fields.length; i++) {
        const field = fields[i];
        lines.push(field.startsWith('2 ') ? `${field}\t${fields[++i] ?? ''}` : field);
    }
    return lines;
}
function parseCapture(stdout) {
    const at = stdout.indexOf('status-z\n');
    if (at < 0)
        throw new Error("git capture: no 'status-z' line in the host's answer");
    const head = stdout.slice(0, at).split('\n').filter(Boolean);
    const value = (key) => head.find((line) => line.startsWith(`${key}\t`))?.slice(key.length + 1);
    const status = statusLines(stdout.slice(at + 'status-z\n'.length));
    const header = (key) => status.find((line) => line.startsWith(`# branch.${key} `))?.slice(key.length + 10);
    const aheadBehind = header('ab') ?? '';
    const ab = /^\+(\d+) -(\d+)$/.exec(aheadBehind);
    const untracked = status.filter((line) => line.startsWith('? ')).map((line) => line.slice(2));
    return {
        repository: true,
        gitVersion: value('version') ?? 'unknown',
        commit: value('commit') ?? null,
        branch: value('branch') ?? null,
        detached: head.includes('detached'),
        upstream: header('upstream') ?? null,
        ahead: ab ? Number(ab[1]) : null,
        behind: ab ? Number(ab[2]) : null,
        status,
        untracked: untracked.slice(0, MAX_UNTRACKED_LISTED),
        untrackedCount: untracked.length,
        changed: status.filter((line) => /^[12u] /.test(line)).length,
        files: head.filter((line) => line.startsWith('kept\t')).map((line) => line.slice(5)),
    };
}

;// CONCATENATED MODULE: ./lib/src/shared/git-state/git-state.js







const GIT_DIR = 'git';
const GIT_STATE_FILE = 'git/state.json';
/**
 * The git component's preconditions: git on the host, deploy-dir there and readable by git.
 * A deploy-dir outside any repository is recorded as such (skipped), not an error.
 */
async function prepareGitState(remote, deployDir, log) {
    const { stdout } = await remote.exec(probeScript(deployDir), { description: 'look for the git checkout' });
    const answer = stdout.trim();
    if (answer === 'tools-missing') {
        throw new shared_errors/* ConfigurationError */.j1(`git not found on host ${remote.description}: the git component runs git there (install git, or leave 'git' out of components).`);
    }
    if (answer === 'no-deploy-dir') {
        throw new shared_errors/* OperationError */.OK(`deploy-dir ${deployDir} does not exist on ${remote.description} (or the SSH user cannot enter it).`);
    }
    if (answer === 'dubious') {
        throw new shared_errors/* OperationError */.OK(`git refuses to read ${deployDir} on ${remote.description}: the checkout belongs to another user ("dubious ownership").`, {
            hint: `If that owner is trusted, run on the host as the SSH user: ${(0,quote/* shellJoin */.n)(['git', 'config', '--global', '--add', 'safe.directory', deployDir])}`,
        });
    }
    if (answer === 'not-a-repository') {
        log.warn(`deploy-dir ${deployDir} is not in a git repository: its git state is recorded as absent.`);
        const state = { repository: false, reason: `${deployDir} is not in a git repository` };
        return {
            toplevel: null,
            take: async () => ({
                name: 'git',
                verdict: 'skipped',
                durationMs: 0,
                details: { ...state },
                files: [],
            }),
        };
    }
    const toplevel = /^repository\t(.+)$/.exec(answer)?.[1];
    if (!toplevel)
        throw new Error(`git probe: unexpected answer from the host: ${answer.slice(0, 200)}`);
    return { toplevel, take: (dir) => takeGitState(remote, deployDir, toplevel, dir, log) };
}
async function takeGitState(remote, deployDir, toplevel, dir, log) {
    const started = Date.now();
    const out = external_node_path_.posix.join(dir.path, GIT_DIR);
    const { stdout } = await remote.exec(captureScript(deployDir, out), {
        description: `record the git state of ${deployDir}`,
        maxCollectedBytes: 64 * 1024 * 1024,
    });
    let state;
    let files;
    try {
        state = parseCapture(stdout);
        const written = await hashFiles(remote, dir.path, state.files);
        const json = `${JSON.stringify({ ...state, toplevel }, null, 2)}\n`;
        files = [...written, await dir.writeFile(GIT_STATE_FILE, json, 'git')];
    }
    catch (error) {
        // A failed component leaves nothing behind that the manifest would not list.
        await remote.exec((0,script/* removeTreeScript */.Ee)(out)).catch(() => { });
        throw error;
    }
    const where = state.detached ? `detached HEAD at ${state.commit?.slice(0, 12)}` : `branch ${state.branch}`;
    log.info(`Git: ${where}${state.commit ? '' : ' (no commits yet)'}, ${state.changed} changed file(s), ${state.untrackedCount} untracked (listed by name in ${GIT_STATE_FILE}, never copied).`);
    return {
        name: 'git',
        verdict: 'passed',
        durationMs: Date.now() - started,
        details: {
            repository: true,
            branch: state.branch,
            detached: state.detached,
            commit: state.commit,
            changed: state.changed,
            untracked: state.untrackedCount,
            staged: state.files.includes('staged.patch'),
            unstaged: state.files.includes('unstaged.patch'),
            archive: state.files.includes('HEAD.tar.gz'),
        },
        files,
    };
}
/** Size and sha256 of the files the capture wrote, computed on the host (HEAD.tar.gz also gzip-tested). */
async function hashFiles(remote, root, names) {
    if (names.length === 0)
        return [];
    const files = names.map((name) => ({
        path: `${GIT_DIR}/${name}`,
        compression: name.endsWith('.gz') ? 'gzip' : 'none',
    }));
    const { stdout } = await remote.exec((0,verify/* fileCheckScript */.oq)(root, files), {
        description: 'checksum the git files',
    });
    const found = new Map((0,verify/* parseFileChecks */.BX)(stdout).map((file) => [file.path, file]));
    return files.map((file) => {
        const checked = found.get(file.path);
        if (!checked?.sha256)
            throw new shared_errors/* OperationError */.OK(`${file.path} was not written on ${remote.description}.`);
        if (checked.integrity && !checked.integrity.ok) {
            throw new shared_errors/* OperationError */.OK(`${file.path} is not a valid gzip stream: ${checked.integrity.message}`);
        }
        return { ...file, size: checked.size, sha256: checked.sha256, component: 'git' };
    });
}

;// CONCATENATED MODULE: ./lib/src/shared/git-state/index.js
/** The deployment's git state in a snapshot: branch, commit, status, patches, an archive of HEAD. */



;// CONCATENATED MODULE: ./lib/src/commands/components/git.js

/** The deploy dir's git state: branch, commit, status, patches, HEAD archive (git runs on the host). */
const gitComponent = {
    name: 'git',
    title: 'Git',
    async prepare({ host, settings, log }) {
        const prepared = await prepareGitState(host, settings['deploy-dir'], log);
        return { take: (partial) => prepared.take(partial), close: async () => { } };
    },
};

// EXTERNAL MODULE: ./lib/src/shared/opensearch/index.js + 13 modules
var opensearch = __webpack_require__(88507);
;// CONCATENATED MODULE: ./lib/src/commands/components/opensearch.js




const OPENSEARCH_DESCRIPTION = 'opensearch/snapshot.json';
/** The OpenSearch snapshot in the (incremental) repository; the snapshot directory keeps its verified description. */
const opensearchComponent = {
    name: 'opensearch',
    title: 'OpenSearch',
    keepsDataOutside: true,
    async prepare(ctx) {
        const { settings, log } = ctx;
        const connection = await (0,commands_host/* openOpenSearch */.jJ)(ctx.host, settings, log);
        try {
            // The repository must take a snapshot before the first byte of any component is written.
            await (0,opensearch/* ensureRepository */.z0)(connection.client, { repository: settings['snapshot-repository'], location: settings['snapshot-location'] }, (0,commands_host/* osLog */.rU)(log));
        }
        catch (error) {
            await connection.close();
            throw error;
        }
        return preparedOpenSearch(ctx, connection);
    },
};
/**
 * The name pattern of this run's OpenSearch snapshot: the daily pattern, or for a labelled
 * snapshot one that the daily pattern does not match (so daily retention never prunes it).
 */
function namePatternFor(pattern, label) {
    return label === undefined ? pattern : pattern.replace('{date}', `${label.toLowerCase()}-{date}`);
}
function preparedOpenSearch(ctx, connection) {
    const { settings, log } = ctx;
    return {
        take: (partial) => takeOpenSearch(ctx, connection, partial),
        whyNotReusable: (recorded) => whyNotReusable(connection, recorded),
        async retain(policy, protectDate) {
            const result = await (0,opensearch/* applyOpenSearchRetention */.BZ)(connection.client, {
                repository: settings['snapshot-repository'],
                namePattern: settings['snapshot-name-pattern'],
                policy,
                protect: [(0,opensearch/* snapshotName */.aN)(settings['snapshot-name-pattern'], protectDate)],
            }, (0,commands_host/* osLog */.rU)(log));
            return `OpenSearch retention: kept ${result.kept.length}, deleted ${result.deleted.length} snapshot(s).`;
        },
        close: () => connection.close(),
    };
}
async function takeOpenSearch(ctx, connection, partial) {
    const { settings, log } = ctx;
    const namePattern = namePatternFor(settings['snapshot-name-pattern'], ctx.label);
    if (ctx.force) {
        // force retakes every component: the day's OpenSearch snapshot is not reused but taken anew.
        const name = (0,opensearch/* snapshotName */.aN)(namePattern, partial.date);
        const existing = await connection.client.snapshot
            .get({ repository: settings['snapshot-repository'], snapshot: name }, { ignore: [404] })
            .catch(() => null);
        if (existing && existing.statusCode !== 404) {
            log.info(`OpenSearch: force: deleting today's snapshot ${name} to take it again`);
            await (0,opensearch/* deleteSnapshot */.jY)(connection.client, settings['snapshot-repository'], name, (0,commands_host/* osLog */.rU)(log));
        }
    }
    const record = await (0,opensearch/* snapshotOpenSearch */.l6)(connection.client, {
        repository: settings['snapshot-repository'],
        location: settings['snapshot-location'],
        date: partial.date,
        namePattern,
        indices: settings.indices,
        timeoutMs: settings['opensearch-timeout'],
    }, (0,commands_host/* osLog */.rU)(log));
    const file = await partial.writeFile(OPENSEARCH_DESCRIPTION, `${JSON.stringify(record, null, 2)}\n`, 'opensearch');
    return {
        name: 'opensearch',
        verdict: 'passed',
        durationMs: record.durationMs,
        details: {
            snapshot: record.snapshot,
            repository: record.repository,
            state: record.state,
            reused: record.reused,
            shards: record.shards,
            indices: record.indices,
            sizes: record.sizes,
        },
        files: [file],
    };
}
/** A reused day's OpenSearch half lives in the repository, where it can vanish without the files noticing. */
async function whyNotReusable(connection, recorded) {
    const parsed = (0,shared_snapshot/* parseComponentDetails */.BP)('opensearch', recorded);
    if (!parsed.ok)
        return `${parsed.problem}.`;
    const { snapshot, repository, indices } = parsed.details;
    try {
        const verdict = await (0,opensearch/* verifyOpenSearchSnapshot */.UH)(connection.client, {
            repository,
            snapshot,
            expectedIndices: Object.keys(indices),
        });
        return verdict.ok
            ? null
            : `its OpenSearch snapshot ${snapshot} no longer verifies (${verdict.problems.join('; ')}).`;
    }
    catch (error) {
        return `its OpenSearch snapshot ${snapshot} cannot be checked (${(0,shared_errors/* errorMessage */.gJ)(error)}).`;
    }
}

// EXTERNAL MODULE: ./lib/src/shared/postgres/index.js + 10 modules
var postgres = __webpack_require__(58114);
;// CONCATENATED MODULE: ./lib/src/commands/components/postgres.js


function postgresOptions(settings) {
    return {
        target: (0,commands_host/* postgresTarget */.RB)(settings),
        ...(settings['postgres-user'] ? { user: settings['postgres-user'] } : {}),
        ...(settings.exec === 'host' ? { host: settings['postgres-host'], port: settings['postgres-port'] } : {}),
        ...(settings.exec === 'host' && settings['postgres-password']
            ? { password: settings['postgres-password'] }
            : {}),
        extraArgs: settings['pg-dumpall-args'],
        compression: settings.compression,
        ...(settings['compression-level'] !== undefined ? { level: settings['compression-level'] } : {}),
    };
}
/** The cluster with pg_dumpall: tools, container and credentials checked first, then the dump. */
const postgresComponent = {
    name: 'postgres',
    title: 'PostgreSQL',
    async prepare({ host, settings, log }) {
        const prepared = await (0,postgres/* preparePostgresDump */.vN)(host, postgresOptions(settings), log);
        return {
            take: (partial) => (0,postgres/* dumpPostgres */.Ax)(host, partial, prepared, log),
            close: async () => { },
        };
    },
};

// EXTERNAL MODULE: ./node_modules/age-encryption/dist/index.js + 51 modules
var dist = __webpack_require__(81539);
;// CONCATENATED MODULE: ./lib/src/shared/secrets/recipients.js


/**
 * An encrypter for the recipients, each checked by the age library itself (bech32 checksum, key
 * length), so a mistyped key is a settings error before anything is written, never an archive
 * nobody can open. `setting` is the name in the user's form (input `age-recipients`, `--age-recipients`).
 */
function encrypterFor(recipients, setting = 'age-recipients') {
    const encrypter = new dist/* Encrypter */.T7();
    const problems = [];
    for (const [index, recipient] of recipients.entries()) {
        if (!recipient.startsWith('age1') || recipient.startsWith('age1pq1') || recipient.startsWith('age1tag')) {
            problems.push(`Invalid setting '${setting}': entry ${index + 1} is not an age X25519 public key: expected 'age1' followed by 58 bech32 characters (from 'age-keygen -y'), found '${shorten(recipient)}'.`);
            continue;
        }
        try {
            encrypter.addRecipient(recipient);
        }
        catch {
            problems.push(`Invalid setting '${setting}': entry ${index + 1} ('${shorten(recipient)}') is not a valid age public key (its checksum or length is wrong: copy it again from 'age-keygen -y').`);
        }
    }
    if (problems.length > 0)
        throw new shared_errors/* ConfigurationError */.j1(problems);
    return encrypter;
}
function shorten(text) {
    return text.length > 24 ? `${text.slice(0, 12)}...${text.slice(-8)}` : text;
}

;// CONCATENATED MODULE: ./lib/src/shared/secrets/scripts.js

/**
 * Host scripts of the secrets component. File names never leave the host in clear: the scripts
 * print counts and sizes, tar's own messages (which name files) are dropped, and the list of files
 * goes to tar through a pipe, not argv (argv shows in `ps`).
 */
const SECRETS_TOOLS = ['tar', 'find', 'sort', 'stat'];
const ARCHIVE_FAILED = 'gateway-ops-secrets-archive-failed';
/**
 * `secret_files PATTERN...`: the regular files under the patterns (globs expanded by bash, never
 * word-split or evaluated), NUL-separated, each once; symbolic links are followed, as the
 * deployment reads them. On fd 3: `missing<TAB>PATTERN` for a pattern that matches nothing, and
 * `unlisted` when find could not read a directory.
 */
const SECRET_FILES_FUNCTION = `secret_files() {
  local pattern match found
  local IFS=
  for pattern in "$@"; do
    found=0
    # Unquoted on purpose: pathname expansion only (IFS is empty, so no word splitting).
    # shellcheck disable=SC2086
    for match in $pattern; do
      if [ -e "$match" ] || [ -L "$match" ]; then
        found=1
        match=\${match%/}
        find -L "./$match" -type f -print0 2>/dev/null || echo unlisted >&3
      fi
    done
    if [ "$found" = 0 ]; then printf 'missing\\t%s\\n' "$pattern" >&3; fi
  done | sort -zu
}`;
function enterDeployDir(deployDir) {
    return `deploy=${(0,quote/* shellQuote */.Z)(deployDir)}
if ! cd -- "$deploy" 2>/dev/null; then echo "no-deploy-dir"; exit 0; fi
shopt -s nullglob`;
}
/**
 * Counts what the archive would hold, before anything is written:
 * `tools-missing<TAB>T...`, `no-deploy-dir`, `missing<TAB>PATTERN`, `unlisted`,
 * `files<TAB>COUNT<TAB>BYTES<TAB>UNREADABLE`.
 */
function inventoryScript(deployDir, patterns) {
    return `missing_tools=
for tool in ${SECRETS_TOOLS.join(' ')}; do command -v "$tool" >/dev/null 2>&1 || missing_tools="$missing_tools $tool"; done
if [ -n "$missing_tools" ]; then printf 'tools-missing\\t%s\\n' "\${missing_tools# }"; exit 0; fi
${enterDeployDir(deployDir)}
${SECRET_FILES_FUNCTION}
exec 3>&1
count=0 bytes=0 unreadable=0
while IFS= read -r -d '' file; do
  count=$((count + 1))
  if [ -r "$file" ]; then bytes=$((bytes + $(stat -L -c %s -- "$file"))); else unreadable=$((unreadable + 1)); fi
done < <(secret_files ${patterns.map(quote/* shellQuote */.Z).join(' ')})
printf 'files\\t%s\\t%s\\t%s\\n' "$count" "$bytes" "$unreadable"
`;
}
/**
 * Writes the tar of the secret files (paths relative to deploy-dir) to stdout, nothing else. On
 * failure it says only which stage failed and its status on stderr: tar's messages name files.
 */
function archiveScript(deployDir, patterns) {
    return `${enterDeployDir(deployDir)}
${SECRET_FILES_FUNCTION}
set +e
secret_files ${patterns.map(quote/* shellQuote */.Z).join(' ')} 3>/dev/null | tar --null --no-recursion --dereference -T - -cf - 2>/dev/null
status=("\${PIPESTATUS[@]}")
set -e
if [ "\${status[0]}" != 0 ] || [ "\${status[1]}" != 0 ]; then
  echo "${ARCHIVE_FAILED} list=\${status[0]} tar=\${status[1]}" >&2
  exit 1
fi
`;
}
/** Stores stdin as FILE (mode 0600, directories 0700) and prints its size. */
function storeScript(file) {
    return `umask 077
target=${(0,quote/* shellQuote */.Z)(file)}
mkdir -p -- "$(dirname -- "$target")"
cat > "$target"
stat -c %s -- "$target"
`;
}
function parseInventory(stdout) {
    const lines = stdout.split('\n').filter((line) => line !== '');
    const tools = lines.find((line) => line.startsWith('tools-missing\t'));
    if (tools)
        return { kind: 'tools-missing', tools: tools.split('\t')[1].split(' ').filter(Boolean) };
    if (lines.includes('no-deploy-dir'))
        return { kind: 'no-deploy-dir' };
    const counts = lines.find((line) => line.startsWith('files\t'));
    if (!counts)
        throw new Error(`secrets inventory: no 'files' line in the host's answer`);
    const [, files, bytes, unreadable] = counts.split('\t').map(Number);
    return {
        kind: 'inventory',
        files: files,
        bytes: bytes,
        unreadable: unreadable,
        missing: lines.filter((line) => line.startsWith('missing\t')).map((line) => line.slice(8)),
        unlisted: lines.includes('unlisted'),
    };
}

;// CONCATENATED MODULE: ./lib/src/shared/secrets/secrets.js








const SECRETS_ARCHIVE = 'secrets/secrets.tar.age';
/**
 * The secrets component's preconditions: recipients valid (by the age library), tools and
 * deploy-dir on the host, what the paths match. Throws only for what must stop the whole run
 * (settings, tools, secrets-required); an unreadable file fails this component alone, in `take`.
 */
async function prepareSecrets(remote, options, log) {
    if (options.recipients.length === 0) {
        log.warn("No age-recipients are set: the deployment's secrets are NOT in this snapshot (they are never written in clear). Set age-recipients to an 'age1...' public key from 'age-keygen'.");
        return { inventory: null, take: async () => skipped('no age-recipients are set', []) };
    }
    const encrypter = encrypterFor(options.recipients);
    const { stdout } = await remote.exec(inventoryScript(options.deployDir, options.paths), {
        description: 'count the secret files',
    });
    const found = parseInventory(stdout);
    if (found.kind === 'tools-missing') {
        throw new shared_errors/* ConfigurationError */.j1(`${found.tools.join(', ')} not found on host ${remote.description}: the secrets component needs them there.`);
    }
    if (found.kind === 'no-deploy-dir') {
        throw new shared_errors/* OperationError */.OK(`deploy-dir ${options.deployDir} does not exist on ${remote.description} (or the SSH user cannot enter it): the secret paths are relative to it.`);
    }
    if (found.missing.length > 0) {
        const what = `${found.missing.length} of the ${options.paths.length} secret-paths match nothing in ${options.deployDir} on ${remote.description}`;
        if (options.required) {
            throw new shared_errors/* OperationError */.OK(`${what}: ${found.missing.join(', ')}.`, {
                hint: 'Fix secret-paths, or set secrets-required: false to record them as missing instead.',
            });
        }
        log.warn(`${what} (recorded as missing in the manifest).`);
    }
    return {
        inventory: found,
        take: (dir) => takeSecrets(remote, options, encrypter, found, dir, log),
    };
}
function skipped(reason, missing) {
    return { name: 'secrets', verdict: 'skipped', durationMs: 0, details: { reason, missing }, files: [] };
}
async function takeSecrets(remote, options, encrypter, inventory, dir, log) {
    const started = Date.now();
    if (inventory.unreadable > 0 || inventory.unlisted) {
        const what = inventory.unreadable > 0
            ? `${inventory.unreadable} of the ${inventory.files} secret files cannot be read`
            : 'a directory under secret-paths cannot be listed';
        throw new shared_errors/* OperationError */.OK(`${what} by the SSH user on ${remote.description}: the secrets component failed and wrote nothing. The names are not shown, as they can be secret.`, {
            hint: `On the host, as the SSH user, in ${options.deployDir}: ${(0,quote/* shellJoin */.n)(['find', '-L', ...options.paths, '!', '-readable'])} lists them.`,
        });
    }
    if (inventory.files === 0) {
        log.warn('No secret file was found under secret-paths: the secrets component is skipped.');
        return skipped('no file matches secret-paths', inventory.missing);
    }
    const target = external_node_path_.posix.join(dir.path, SECRETS_ARCHIVE);
    const sealed = await encryptedArchive(remote, options, encrypter, target);
    log.info(`Secrets: ${inventory.files} file(s), ${inventory.bytes} bytes, encrypted on the runner to ${options.recipients.length} age recipient(s): ${SECRETS_ARCHIVE} (${sealed.size} bytes, mode 0600).`);
    return {
        name: 'secrets',
        verdict: 'passed',
        durationMs: Date.now() - started,
        details: {
            files: inventory.files,
            bytes: inventory.bytes,
            missing: inventory.missing,
            recipients: options.recipients,
            encryption: 'age v1 (X25519), encrypted on the runner with age-encryption',
        },
        files: [
            {
                path: SECRETS_ARCHIVE,
                size: sealed.size,
                sha256: sealed.sha256,
                compression: 'none',
                component: 'secrets',
            },
        ],
    };
}
/**
 * tar on the host -> SSH -> age encryption in memory on the runner -> SSH -> the file on the host.
 * The plaintext exists only in pipes and in memory, never on a disk. Any failure removes the file.
 */
async function encryptedArchive(remote, options, encrypter, target) {
    const plaintext = new external_node_stream_.PassThrough();
    const cipher = await encrypter.encrypt(external_node_stream_.Readable.toWeb(plaintext));
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let size = 0;
    const counted = external_node_stream_.Readable.fromWeb(cipher).pipe(new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            hash.update(chunk);
            size += chunk.length;
            callback(null, chunk);
        },
    }));
    const reading = remote.exec(archiveScript(options.deployDir, options.paths), {
        stdout: plaintext,
        description: 'archive the secret files',
    });
    // A failed read must end the cipher stream too, or the store would wait for more forever.
    reading.catch((error) => {
        plaintext.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    const storing = remote.exec(storeScript(target), {
        stdin: counted,
        description: `store ${SECRETS_ARCHIVE}`,
    });
    const [read, stored] = await Promise.allSettled([reading, storing]);
    const failure = read.status === 'rejected'
        ? describeArchiveFailure(read.reason)
        : stored.status === 'rejected'
            ? `storing ${SECRETS_ARCHIVE} failed: ${(0,shared_errors/* errorMessage */.gJ)(stored.reason)}`
            : Number(stored.value.stdout.trim()) !== size
                ? `${SECRETS_ARCHIVE} holds ${stored.value.stdout.trim()} bytes on the host, ${size} were sent`
                : null;
    if (failure !== null) {
        await remote.exec((0,script/* removeTreeScript */.Ee)(target)).catch(() => { });
        throw new shared_errors/* OperationError */.OK(`The secrets archive was not written: ${failure}.`);
    }
    return { size, sha256: hash.digest('hex') };
}
function describeArchiveFailure(error) {
    const message = (0,shared_errors/* errorMessage */.gJ)(error);
    const stage = new RegExp(`${ARCHIVE_FAILED} list=(\\d+) tar=(\\d+)`).exec(message);
    if (!stage)
        return `reading the secret files failed: ${message}`;
    return stage[2] === '1'
        ? 'a secret file changed while it was read (tar exit 1); run again'
        : `tar on the host failed (list exit ${stage[1]}, tar exit ${stage[2]}; its messages name files, so they are not shown)`;
}

;// CONCATENATED MODULE: ./lib/src/shared/secrets/index.js
/** The deployment's secrets in a snapshot: a tar of the files, encrypted to age recipients. */




;// CONCATENATED MODULE: ./lib/src/commands/components/secrets.js

/** The deployment's secret files: a tar streamed from the host, age-encrypted on the runner, stored 0600. */
const secretsComponent = {
    name: 'secrets',
    title: 'Secrets',
    async prepare({ host, settings, log }) {
        const prepared = await prepareSecrets(host, {
            deployDir: settings['deploy-dir'],
            paths: settings['secret-paths'],
            recipients: settings['age-recipients'],
            required: settings['secrets-required'],
        }, log);
        return { take: (partial) => prepared.take(partial), close: async () => { } };
    },
};

;// CONCATENATED MODULE: ./lib/src/commands/components/index.js





/** Every component a snapshot can hold, in the order a run takes them. */
const SNAPSHOT_COMPONENTS = {
    postgres: postgresComponent,
    opensearch: opensearchComponent,
    secrets: secretsComponent,
    git: gitComponent,
};
/** The components asked for, in the registry's order (the order they are taken and listed). */
function componentsFor(names) {
    return Object.keys(SNAPSHOT_COMPONENTS)
        .filter((name) => names.includes(name))
        .map((name) => SNAPSHOT_COMPONENTS[name]);
}

;// CONCATENATED MODULE: ./lib/src/commands/take-snapshot.js





/**
 * One snapshot run, as the runbook should have been: every component's preconditions checked while
 * the host lock is taken, before the first byte is written; today's snapshot kept if it exists,
 * verifies and still answers; otherwise a new one built in a hidden directory, its manifest written
 * last and renamed into place; and only then retention, under the same lock. A component that fails
 * after another succeeded is recorded as failed and the snapshot kept for the good ones.
 */
async function takeSnapshot(host, settings, log, options = {}) {
    const force = options.force ?? settings.force;
    const ctx = {
        host,
        settings,
        log,
        force,
        ...(options.label !== undefined ? { label: options.label } : {}),
    };
    const preparing = componentsFor(options.components ?? settings.components).map((component) => {
        const prepared = component.prepare(ctx);
        prepared.catch(() => { }); // Awaited below, or irrelevant when today's snapshot is kept.
        return { component, prepared };
    });
    try {
        const begin = (forced) => (0,shared_snapshot/* beginSnapshot */.w)(host, (0,commands_host/* layoutOf */.aH)(settings), log, {
            force: forced,
            ...(options.label !== undefined ? { label: options.label } : {}),
        });
        let begun = await begin(force);
        if (begun.kind === 'existing') {
            const why = await take_snapshot_whyNotReusable(begun, preparing, settings);
            if (why === null)
                return await reuse(begun, log, options.keepLock === true);
            log.warn(`Today's snapshot ${begun.path} cannot be reused: ${why} Taking it again; it is replaced only once the new one is complete.`);
            await begun.release();
            begun = await begin(true);
            if (begun.kind === 'existing')
                throw new Error('beginSnapshot returned an existing snapshot despite force');
        }
        const ready = await allPrepared(begun, preparing);
        return await build(host, settings, log, begun, ready, options.keepLock === true);
    }
    finally {
        await closeAll(preparing, log);
    }
}
/** Today's snapshot verified and answers this run: kept, nothing redone (the lock kept if asked). */
async function reuse(existing, log, keepLock) {
    if (!keepLock)
        await existing.release();
    log.info(`Today's snapshot ${existing.path} exists and verifies (${existing.report.filesChecked} files): kept.`);
    const manifest = existing.report.manifest;
    return {
        label: existing.date,
        date: manifest.date,
        path: existing.path,
        manifest,
        reused: true,
        failed: [],
        replaced: null,
        retention: [],
        release: existing.release,
    };
}
/** Takes every component into the work directory, commits the manifest, then prunes. */
async function build(host, settings, log, partial, ready, keepLock) {
    const results = await takeComponents(partial, ready, log);
    const failed = results.filter((r) => r.verdict === 'failed').map((r) => r.name);
    const manifest = (0,shared_snapshot/* buildManifest */.u1)({
        gatewayOpsVersion: version/* VERSION */.x,
        runId: partial.runId,
        host: host.description,
        date: partial.date,
        timezone: settings.timezone,
        ...(partial.label !== partial.date ? { label: partial.label } : {}),
        createdAt: partial.startedAt,
        completedAt: new Date(),
        components: results,
    });
    // Retention follows under the same lock, from the listing the commit made.
    const committed = await partial.commit(manifest, { keepLock: true });
    if (failed.length > 0) {
        log.error(`Snapshot ${committed.path} is committed without ${failed.join(', ')} (failed, recorded in the manifest); kept for ${results
            .filter((r) => r.verdict !== 'failed')
            .map((r) => r.name)
            .join(', ')}.`);
    }
    else {
        log.info(`Snapshot ${committed.path} is complete: ${manifest.files.length} files, manifest written last.`);
    }
    let retention;
    try {
        const kept = ready.filter((r) => !failed.includes(r.component.name));
        retention = await retain(host, settings, log, kept, committed, partial.label);
    }
    catch (error) {
        await committed.release();
        throw error;
    }
    if (!keepLock)
        await committed.release();
    return {
        label: partial.label,
        date: committed.date,
        path: committed.path,
        manifest,
        reused: false,
        failed,
        replaced: committed.replaced,
        retention,
        release: () => committed.release(),
    };
}
/** Null when today's verified snapshot answers this run; otherwise why not, in one sentence. */
async function take_snapshot_whyNotReusable(existing, preparing, settings) {
    const manifest = existing.report.manifest;
    const wanted = preparing.map((p) => p.component.name);
    const missing = wanted.filter((name) => !(name in manifest.components));
    if (missing.length > 0)
        return `it has no ${missing.join(' or ')} component (components: ${settings.components.join(',')}).`;
    for (const { component, prepared } of preparing) {
        const recorded = manifest.components[component.name];
        let ready;
        try {
            ready = await prepared;
        }
        catch (error) {
            if (!component.keepsDataOutside)
                continue; // The verified files speak for it.
            return `its ${component.title} part cannot be checked (${(0,shared_errors/* errorMessage */.gJ)(error)}).`;
        }
        const why = await ready.whyNotReusable?.(recorded);
        if (why)
            return why;
    }
    return null;
}
/** Every component's preconditions, before the first byte is written; on any failure nothing is. */
async function allPrepared(partial, preparing) {
    const settled = await Promise.allSettled(preparing.map((p) => p.prepared));
    const failures = settled.flatMap((s, index) => s.status === 'rejected' ? [{ component: preparing[index].component, error: s.reason }] : []);
    if (failures.length > 0) {
        await partial.abort();
        if (failures.length === 1)
            throw failures[0].error;
        throw new shared_errors/* OperationError */.OK(`Nothing was written: ${failures.map((f) => `${f.component.title}: ${(0,shared_errors/* errorMessage */.gJ)(f.error)}`).join(' | ')}`, { cause: failures[0].error });
    }
    return preparing.map((p, index) => ({
        component: p.component,
        prepared: settled[index].value,
    }));
}
/**
 * Each component in turn. One that fails is recorded as failed (no files: what it wrote is
 * removed) and the others go on; when none succeeded there is nothing to keep and the run fails.
 */
async function takeComponents(partial, ready, log) {
    const results = [];
    const errors = [];
    try {
        for (const { component, prepared } of ready) {
            const started = Date.now();
            try {
                results.push(await log.group(component.title, () => prepared.take(partial)));
            }
            catch (error) {
                errors.push(error);
                log.error(`${component.title} failed: ${(0,shared_errors/* errorMessage */.gJ)(error)}`);
                await partial.discard(component.name);
                results.push({
                    name: component.name,
                    verdict: 'failed',
                    durationMs: Date.now() - started,
                    details: {},
                    files: [],
                    error: (0,shared_errors/* errorMessage */.gJ)(error),
                });
            }
        }
    }
    catch (error) {
        await partial.abort();
        throw error;
    }
    if (errors.length > 0 && errors.length === results.length) {
        await partial.abort();
        throw errors.length === 1
            ? errors[0]
            : new shared_errors/* OperationError */.OK(`Every component failed: ${errors.map(shared_errors/* errorMessage */.gJ).join(' | ')}`, {
                cause: errors[0],
            });
    }
    return results;
}
/** Retention runs only after the snapshot is complete, and never removes the newest good one. */
async function retain(host, settings, log, ready, committed, label) {
    const policy = {
        keepDaily: settings['keep-daily'],
        keepWeekly: settings['keep-weekly'],
        keepMonthly: settings['keep-monthly'],
        keepPreRestore: settings['keep-pre-restore'],
    };
    const lines = [];
    try {
        for (const { prepared } of ready) {
            if (prepared.retain)
                lines.push(await prepared.retain(policy, committed.date));
        }
        const disk = await (0,shared_snapshot/* applyDiskRetention */.mA)(host, (0,commands_host/* layoutOf */.aH)(settings), policy, log, label, committed.lock ? { lock: committed.lock } : undefined);
        lines.push(`Disk retention: kept ${disk.kept.length}, deleted ${disk.deleted.length} snapshot(s).`);
    }
    catch (error) {
        // The snapshot is committed and safe; a failed prune is reported, and retried tomorrow.
        log.warn(`Retention failed (the snapshot is committed and kept): ${(0,shared_errors/* errorMessage */.gJ)(error)}`);
        lines.push(`Retention failed: ${(0,shared_errors/* errorMessage */.gJ)(error)}`);
    }
    return lines;
}
async function closeAll(preparing, log) {
    await Promise.all(preparing.map(async ({ component, prepared }) => {
        try {
            await (await prepared).close();
        }
        catch (error) {
            // A component whose preparation failed has nothing open; a failed close is only noise.
            log.debug(`${component.title}: close: ${(0,shared_errors/* errorMessage */.gJ)(error)}`);
        }
    }));
}

;// CONCATENATED MODULE: ./lib/src/commands/backup.js








/**
 * The nightly backup: open the host, take today's snapshot (or keep today's when it verifies),
 * prune by the retention policy, copy it to the second host and verify it there, report.
 */
const backupCommand = async ({ settings, log, surface }) => {
    const remote = await (0,commands_host/* openHost */.Zb)(settings, log);
    try {
        await (0,health.preflight)(remote, settings, log);
        // The lock is kept through the copy: a concurrent run's retention or forced swap waits for it.
        const taken = await takeSnapshot(remote, settings, log, { keepLock: true });
        try {
            // The manifest is uploaded before the copy, so a failed copy still leaves it on the run.
            const uploaded = await uploadManifestIfAsked(settings, surface, taken.manifest, taken.label, log);
            return snapshotResult(taken, [...uploaded, ...(await copyToSecondHost(remote, taken, settings, log))]);
        }
        finally {
            await taken.release();
        }
    }
    finally {
        await remote.close();
    }
};
function snapshotResult(taken, reported) {
    const { manifest, reused } = taken;
    const kept = Object.keys(manifest.components).filter((name) => !taken.failed.includes(name));
    const details = reused
        ? [
            `Today's snapshot already existed and verified: nothing was redone (set ${(0,setting_ref/* settingRef */.y)('force', true)} to replace it).`,
        ]
        : [
            ...(taken.replaced ? [`Replaced the previous snapshot of ${taken.date} (force).`] : []),
            ...taken.retention,
        ];
    const verdict = taken.failed.length > 0 ? 'incomplete' : 'good';
    const failed = taken.failed.map((name) => `${name} failed: ${manifest.components[name]?.error ?? ''}`);
    return {
        ok: taken.failed.length === 0,
        headline: taken.failed.length > 0
            ? `Snapshot ${taken.label} is incomplete: ${taken.failed.join(' + ')} failed; ${kept.join(' + ')} kept (${(0,summary/* plural */.LS)(manifest.files.length, 'file')}, ${(0,shared_text/* formatBytes */.z3)(totalBytes(manifest))}). Fix the cause and run again: the next run takes it again.`
            : `Snapshot ${taken.label}: ${kept.join(' + ')}, ${(0,summary/* plural */.LS)(manifest.files.length, 'file')}, ${(0,shared_text/* formatBytes */.z3)(totalBytes(manifest))}${reused ? ' (already taken today, verified and kept)' : ''}.`,
        details: [...failed, ...details, ...reported],
        table: componentsTable(manifest),
        outputs: {
            'snapshot-date': taken.date,
            'snapshot-path': taken.path,
            manifest: JSON.stringify(manifest),
            reused: String(reused),
        },
        stdout: {
            text: `${taken.path} ${verdict}\n`,
            json: {
                ok: verdict === 'good',
                'snapshot-date': taken.date,
                'snapshot-path': taken.path,
                verdict,
                reused,
            },
        },
    };
}
function totalBytes(manifest) {
    return manifest.files.reduce((sum, file) => sum + file.size, 0);
}


/***/ }),

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


/***/ }),

/***/ 20461:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O8: () => (/* binding */ writeCopyRecord),
/* harmony export */   Qb: () => (/* binding */ parseCopyRecord),
/* harmony export */   YN: () => (/* binding */ COPY_RECORD_SUFFIX)
/* harmony export */ });
/* harmony import */ var _scripts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(67942);

const COPY_RECORD_SUFFIX = '.copy.json';
async function writeCopyRecord(source, backupsRoot, record) {
    const text = `${JSON.stringify({ format: 'gateway-ops-copy', formatVersion: 1, ...record }, null, 2)}\n`;
    await source.exec((0,_scripts_js__WEBPACK_IMPORTED_MODULE_0__/* .recordScript */ .XE)(backupsRoot, record.date), {
        stdin: text,
        description: `record the copy verdict of ${record.date}`,
    });
}
/** Parses a `<date>.copy.json`; null when it is not one (a reader reports "copy unknown"). */
function parseCopyRecord(text) {
    try {
        const json = JSON.parse(text);
        if (json.format !== 'gateway-ops-copy' ||
            typeof json.verified !== 'boolean' ||
            typeof json.date !== 'string')
            return null;
        return json;
    }
    catch {
        return null;
    }
}


/***/ }),

/***/ 67942:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ staleCopiesScript),
/* harmony export */   Vy: () => (/* binding */ openPartialScript),
/* harmony export */   Wb: () => (/* binding */ removeScript),
/* harmony export */   XE: () => (/* binding */ recordScript),
/* harmony export */   _2: () => (/* binding */ sendScript),
/* harmony export */   bE: () => (/* binding */ parseHashLines),
/* harmony export */   gw: () => (/* binding */ hashScript),
/* harmony export */   lT: () => (/* binding */ sealScript),
/* harmony export */   oJ: () => (/* binding */ copyPaths),
/* harmony export */   p5: () => (/* binding */ prepareScript),
/* harmony export */   rp: () => (/* binding */ receiveScript)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89413);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(42494);


function copyPaths(root, label) {
    const clean = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(root).replace(/(.)\/+$/, '$1');
    return {
        root: clean,
        label,
        final: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(clean, label),
        partial: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(clean, `.${label}.partial`),
        lockFile: node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(clean, '.gateway-ops.lock'),
    };
}
/**
 * Creates the copies' directory and prints `writable <free KiB>` or `not-writable <why>`: a path
 * the copy user cannot write is a finding with a clear message, not a failed `mkdir` deep in a transfer.
 */
function prepareScript(root) {
    return `root=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(root)}
umask 077
if ! why=$(mkdir -p -- "$root" 2>&1); then printf 'not-writable %s\\n' "\${why//$'\\n'/ }"; exit 0; fi
probe="$root/.gateway-ops-write-test.$$"
if ! why=$({ : >"$probe"; } 2>&1); then printf 'not-writable %s\\n' "\${why//$'\\n'/ }"; exit 0; fi
rm -f -- "$probe"
printf 'writable %s\\n' "$(df -Pk -- "$root" | awk 'NR == 2 { print $4 }')"
`;
}
/**
 * Makes the work directory ready: when a copy already sits at the final name it is moved back to
 * the partial name (only after it failed verification: the caller decides), and the partial
 * directory exists afterwards.
 */
function openPartialScript(paths, reopenFinal) {
    return `partial=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(paths.partial)}
umask 077
${reopenFinal ? `final=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(paths.final)}\nif [ -d "$final" ]; then rm -rf -- "$partial"; mv -T -- "$final" "$partial"; fi` : ''}
mkdir -p -- "$partial"
`;
}
/**
 * Prints `file\t<size>\t<sha256>\t<path>` for each given file present in `dir` (computed on the copy
 * host), `missing\t<path>` for the others, and `extra\t<size>\t<path>` for regular files not asked about.
 */
function hashScript(dir, files) {
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(dir)}
${_remote_script_js__WEBPACK_IMPORTED_MODULE_2__/* .SHA256_HASHER */ .WI}
declare -A wanted=()
for file in ${files.map(_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z).join(' ')}; do
  wanted[$file]=1
  if [ ! -f "$file" ] || [ -L "$file" ]; then printf 'missing\\t%s\\n' "$file"; continue; fi
  sum=$("\${hasher[@]}" <"$file"); sum=\${sum%% *}
  printf 'file\\t%s\\t%s\\t%s\\n' "$(stat -c %s -- "$file")" "$sum" "$file"
done
while IFS= read -r -d '' entry; do
  entry=\${entry#./}
  [ -n "\${wanted[$entry]:-}" ] || printf 'extra\\t%s\\t%s\\n' "$(stat -c %s -- "$entry")" "$entry"
done < <(find . -type f -print0)
`;
}
/** Sends `file` from `offset` (0: all of it) to stdout, on the production host. */
function sendScript(dir, file, offset) {
    const path = (0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(dir, file));
    return offset > 0 ? `exec tail -c +${offset + 1} -- ${path}` : `exec cat -- ${path}`;
}
/** Receives stdin into `file` in the partial directory: appended from `offset`, or written anew. */
function receiveScript(partial, file, offset) {
    const path = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(partial, file);
    return `umask 077
path=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(path)}
mkdir -p -- "$(dirname -- "$path")"
${offset > 0 ? `[ "$(stat -c %s -- "$path")" = ${offset} ] || { echo "the partial file is no longer ${offset} bytes long" >&2; exit 1; }\ncat >>"$path"` : 'cat >"$path"'}
`;
}
/** Removes files in the partial directory that the manifest does not list (an older run's leftovers). */
function removeScript(partial, files) {
    if (files.length === 0)
        return 'true';
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(partial)}\nrm -f -- ${files.map(_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z).join(' ')}`;
}
/** The verified copy takes its dated name; the directory entry is flushed to disk. */
function sealScript(paths) {
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(paths.root)}
if [ -e ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(paths.label)} ]; then echo ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(`${paths.final} appeared during the copy`)} >&2; exit 1; fi
mv -T -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(paths.partial))} ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(paths.label)}
sync -- . 2>/dev/null || true
`;
}
/** Partial directories of other snapshots than `label` (interrupted copies overtaken by newer ones). */
function staleCopiesScript(paths) {
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(paths.root)}
for d in .*.partial; do
  [ -d "$d" ] || continue
  [ "$d" = ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(paths.partial))} ] || rm -rf -- "$d"
done
`;
}
/**
 * Writes the copy's verdict beside the snapshot on the production host (`<label>.copy.json`,
 * atomically), and drops the verdicts of snapshots that are gone. The sealed snapshot is untouched.
 */
function recordScript(backupsRoot, label) {
    const name = `${label}.copy.json`;
    return `cd -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(backupsRoot)}
umask 077
cat >${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(`.${name}.tmp`)}
mv -f -- ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(`.${name}.tmp`)} ${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .Z)(name)}
for f in *.copy.json; do
  [ -f "$f" ] || continue
  [ -d "\${f%.copy.json}" ] || rm -f -- "$f"
done
`;
}
function parseHashLines(text) {
    const lines = [];
    for (const line of text.split('\n')) {
        const [kind, ...rest] = line.split('\t');
        if (kind === 'file') {
            const [size, sha256, ...path] = rest;
            lines.push({ kind, size: Number(size), sha256: sha256 ?? null, path: path.join('\t') });
        }
        else if (kind === 'missing') {
            lines.push({ kind, size: 0, sha256: null, path: rest.join('\t') });
        }
        else if (kind === 'extra') {
            const [size, ...path] = rest;
            lines.push({ kind, size: Number(size), sha256: null, path: path.join('\t') });
        }
    }
    return lines;
}


/***/ })

};

export const id = 173;
export const ids = [173];
export const modules = {

/***/ 78173:
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
// EXTERNAL MODULE: ./lib/src/shared/snapshot/index.js + 2 modules
var snapshot = __webpack_require__(21746);
// EXTERNAL MODULE: ./lib/src/shared/text.js
var shared_text = __webpack_require__(15831);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
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
    sent = 0;
    started = Date.now();
    timer;
    total;
    log;
    // Plain fields, not parameter properties: the benchmarks load this with --experimental-strip-types.
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
        throw new errors/* OperationError */.OK(`copy-via host: rsync on the production host failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    finally {
        await source
            .exec(removeKeyScript(runId))
            .catch((error) => log.warn(`Could not confirm the copy host's key was removed from the production host (~/${keyDirName(runId)}): ${(0,errors/* errorMessage */.gJ)(error)}. Remove it by hand.`));
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
            problems: [(0,errors/* errorMessage */.gJ)(error)],
        };
        // Best effort: the copy's own failure is what the run reports.
        await (0,copy_record/* writeCopyRecord */.O8)(source, external_node_path_.posix.dirname(snapshot.path), record).catch((recordError) => log.warn(`Could not record the failed copy on the production host: ${(0,errors/* errorMessage */.gJ)(recordError)}`));
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
            details.push(`Copy on ${target.description}: already there and verified (${(0,summary/* plural */.LS)(expected.length, 'file')}).`);
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
            throw new errors/* OperationError */.OK(`The copy on ${target.description} does not verify against the manifest (sha256 computed on the copy host): ${problems.join('; ')}. It stays unsealed in ${paths.partial}; the local snapshot is untouched.`);
        }
        await target.exec((0,scripts/* sealScript */.lT)(paths));
        log.info(`Copied ${snapshot.label} to ${target.description}:${paths.final} and verified it there: ${(0,summary/* plural */.LS)(expected.length, 'file')}, ${total} bytes (${sent.bytesSent} sent).`);
        details.push(`Copy on ${target.description}: verified there (${(0,summary/* plural */.LS)(expected.length, 'file')}, sha256 computed on the copy host; ${sent.bytesSent} bytes sent, ${sent.bytesKept} already there).`);
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
        throw new errors/* OperationError */.OK(`The copy host ${target.description} has ${free} bytes free in ${paths.root}; this copy needs ${plan.bytesToSend} more. Nothing was sent.`, { hint: 'Free space on the copy host or lower keep-daily/keep-weekly/keep-monthly.' });
    }
    if (plan.bytesKept > 0) {
        log.info(`Resuming the copy: ${(0,summary/* plural */.LS)(plan.steps.filter((s) => s.action === 'keep').length, 'file')} and ${plan.bytesKept} bytes already on ${target.description} are not sent again.`);
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
        throw new errors/* OperationError */.OK(`copy-to-path ${root} is not writable on the copy host ${target.description}: expected a directory the copy user can create files in, found: ${rest.join(' ') || 'no answer'}. Nothing was sent.`, { hint: 'Create the directory on the copy host and give it to copy-to-user.' });
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





// EXTERNAL MODULE: ./lib/src/shared/remote/index.js + 7 modules
var remote = __webpack_require__(43031);
;// CONCATENATED MODULE: ./lib/src/commands/copy-step.js





function readSettingFile(name, path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`Invalid setting '${name}': cannot read '${path}' (${error.code ?? error}).`);
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
        throw new errors/* OperationError */.OK(`Snapshot ${snapshot.label} is complete and kept on the production host, but its copy to ${settings['copy-to-host']} failed: ${(0,errors/* errorMessage */.gJ)(error)}`, error instanceof errors/* OperationError */.OK && error.hint ? { hint: error.hint, cause: error } : { cause: error });
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
        problems: [(0,errors/* errorMessage */.gJ)(error)],
    }).catch((recordError) => log.warn(`Could not record the failed copy on the production host: ${(0,errors/* errorMessage */.gJ)(recordError)}`));
}

// EXTERNAL MODULE: ./lib/src/commands/health.js + 3 modules
var health = __webpack_require__(9493);
// EXTERNAL MODULE: ./lib/src/commands/host.js + 1 modules
var host = __webpack_require__(20465);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/manifest.js
var snapshot_manifest = __webpack_require__(47494);
;// CONCATENATED MODULE: ./lib/src/shared/report/manifest-artifact.js




/** The real client (loaded only when an upload is asked for); it needs the runner's ACTIONS_* variables. */
async function defaultArtifactUpload() {
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(645)]).then(__webpack_require__.bind(__webpack_require__, 9645));
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
                (0,host/* formatDuration */.a3)(record.durationMs),
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
        log.warn(`Could not upload manifest.json as an artifact: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return [`Manifest upload failed: ${(0,errors/* errorMessage */.gJ)(error)}`];
    }
}

// EXTERNAL MODULE: ./lib/src/commands/take-snapshot.js + 8 modules
var take_snapshot = __webpack_require__(68605);
;// CONCATENATED MODULE: ./lib/src/commands/backup.js









/**
 * The nightly backup: open the host, take today's snapshot (or keep today's when it verifies),
 * prune by the retention policy, copy it to the second host and verify it there, report.
 */
const backupCommand = async ({ settings, log, surface }) => {
    const remote = await (0,host/* openHost */.Zb)(settings, log);
    try {
        await (0,health.preflight)(remote, settings, log);
        // The lock is held through the copy: a concurrent run's retention or forced swap waits for it.
        const layout = (0,host/* layoutOf */.aH)(settings);
        const lock = await (0,snapshot/* lockBackupsDir */.uS)(remote, layout, {
            before: (0,snapshot/* snapshotLockBefore */.nZ)(layout, (0,snapshot/* backupsRoot */.GI)(layout)),
        });
        try {
            const taken = await (0,take_snapshot/* takeSnapshot */.W)(remote, settings, log, { lock });
            // The manifest is uploaded before the copy, so a failed copy still leaves it on the run.
            const uploaded = await uploadManifestIfAsked(settings, surface, taken.manifest, taken.label, log);
            return snapshotResult(taken, [...uploaded, ...(await copyToSecondHost(remote, taken, settings, log))]);
        }
        finally {
            await lock.release();
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

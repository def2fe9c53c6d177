export const id = 961;
export const ids = [961];
export const modules = {

/***/ 74909:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ chooseRestorableSnapshot)
/* harmony export */ });
/* unused harmony export failedComponents */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _shared_opensearch_snapshot_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28650);
/* harmony import */ var _shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(21746);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(20465);
/* harmony import */ var _restore_steps_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1965);

// The room's modules, not its index: the index loads the OpenSearch client (openOpenSearch does, when needed).




/** Components whose manifest record says they failed: such a day is not complete. */
function failedComponents(manifest) {
    return Object.entries(manifest.components)
        .filter(([, record]) => record.verdict === 'failed')
        .map(([name]) => name);
}
/** Why this snapshot must not be restored (null: it verifies): the existing verify's checksums, file by file, then OpenSearch. */
async function whyNotRestorable(remote, settings, log, path) {
    // Size and sha256 of every file: the manifest's sums are of bytes whose streams were decoded when
    // written (the backup's check), so a second full decode would prove nothing a matching sum does not.
    const report = await (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .verifySnapshot */ .Mx)(remote, path, { streamTests: false });
    if (report.verdict !== 'good' || !report.manifest)
        return { problem: `${path} is ${report.verdict}: ${report.problems.slice(0, 3).join('; ')}` };
    const manifest = report.manifest;
    const failed = failedComponents(manifest);
    if (failed.length > 0)
        return {
            problem: `${path} is not complete: its ${failed.join(' and ')} component failed when it was taken`,
        };
    const opensearch = manifest.components['opensearch'];
    if (opensearch && settings.components.includes('opensearch')) {
        const recorded = opensearch.details;
        const connection = await (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .openOpenSearch */ .jJ)(remote, settings, log);
        try {
            const verdict = await (0,_shared_opensearch_snapshot_status_js__WEBPACK_IMPORTED_MODULE_1__/* .verifyOpenSearchSnapshot */ .UH)(connection.client, {
                repository: String(recorded['repository'] ?? settings['snapshot-repository']),
                snapshot: String(recorded['snapshot'] ?? ''),
                expectedIndices: Object.keys((recorded['indices'] ?? {})),
            });
            if (!verdict.ok)
                return { problem: `${path}: its OpenSearch snapshot ${verdict.problems.join('; ')}` };
        }
        finally {
            await connection.close();
        }
    }
    const date = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(path);
    return { snapshot: { date, path, manifest, filesChecked: report.filesChecked } };
}
/**
 * `latest`: the newest complete snapshot whose verify passes (older ones are tried in turn, each
 * skip said); a date: that snapshot, which must verify. Never a `.partial` one, never a safety snapshot.
 */
async function chooseRestorableSnapshot(remote, settings, log) {
    const root = (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .backupsRoot */ .GI)((0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .layoutOf */ .aH)(settings));
    const { stdout } = await remote.exec((0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .backupsListingScript */ .dd)(root), {
        description: `list the snapshots in ${root}`,
    });
    const names = (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .parseBackupsListing */ .t2)(stdout.split('\n')).map((entry) => entry.name);
    const dates = names.filter(_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .isSnapshotDate */ .XZ).sort().reverse();
    const wanted = settings['snapshot-date'];
    const where = `${root} on ${remote.description}`;
    if (wanted !== 'latest') {
        // A date, or a restore's safety snapshot (the way back from a restore that went wrong).
        if (!names.includes(wanted)) {
            const partial = names.some((name) => (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .parseLeftoverName */ .W6)(name)?.date === wanted);
            throw new _restore_steps_js__WEBPACK_IMPORTED_MODULE_4__/* .RestoreRefused */ .HQ(partial
                ? `restore refused by snapshot-date: the snapshot ${wanted} in ${where} is incomplete (only a .partial work directory exists): it cannot be restored.`
                : `restore refused by snapshot-date: no snapshot ${wanted} in ${where}. Found: ${dates.slice(0, 10).join(', ') || 'none'}.`, { hint: 'Set snapshot-date to one of the snapshots found, or latest. Nothing was changed.' });
        }
        const checked = await whyNotRestorable(remote, settings, log, node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, wanted));
        if ('problem' in checked)
            throw new _restore_steps_js__WEBPACK_IMPORTED_MODULE_4__/* .RestoreRefused */ .HQ(`restore refused: snapshot ${checked.problem}.`, {
                hint: 'Choose another snapshot-date (or latest). Nothing was changed.',
            });
        return checked.snapshot;
    }
    const skipped = [];
    for (const date of dates) {
        const checked = await whyNotRestorable(remote, settings, log, node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, date));
        if ('snapshot' in checked) {
            if (skipped.length > 0)
                log.warn(`Newer snapshots skipped: ${skipped.join('; ')}`);
            return checked.snapshot;
        }
        log.warn(`Skipping snapshot ${date}: ${checked.problem}`);
        skipped.push(checked.problem);
    }
    throw new _restore_steps_js__WEBPACK_IMPORTED_MODULE_4__/* .RestoreRefused */ .HQ(`restore refused: no complete snapshot that verifies in ${where}${skipped.length ? ` (${skipped.join('; ')})` : ''}.`, { hint: 'Nothing was changed.' });
}


/***/ }),

/***/ 1965:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ef: () => (/* binding */ refusedOnFailure),
/* harmony export */   HQ: () => (/* binding */ RestoreRefused),
/* harmony export */   gj: () => (/* binding */ Steps)
/* harmony export */ });
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8835);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(20465);


/** A restore that a guard (or a check) refused before anything changed. */
class RestoreRefused extends _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK {
    name = 'RestoreRefused';
}
/**
 * A check that fails before anything changed is a refusal: an OperationError from `body` (a red
 * cluster in the pre-flight, a lock held by another run) becomes a RestoreRefused with its hint.
 * Settings errors (exit 2) and bugs pass through as they are.
 */
async function refusedOnFailure(what, body) {
    try {
        return await body();
    }
    catch (error) {
        if (error instanceof RestoreRefused || !(error instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK))
            throw error;
        throw new RestoreRefused(`${what} refused: ${error.message}`, {
            hint: `${error.hint ? `${error.hint} ` : ''}Nothing was changed.`,
            cause: error,
        });
    }
}
/** Each step of a restore with its duration, for the job summary. */
class Steps {
    done = [];
    log;
    constructor(log) {
        this.log = log;
    }
    async run(name, body) {
        const started = Date.now();
        try {
            const value = await this.log.group(name, body);
            this.done.push({ name, ms: Date.now() - started, ok: true });
            return value;
        }
        catch (error) {
            this.done.push({ name, ms: Date.now() - started, ok: false });
            throw error;
        }
    }
    lines() {
        return this.done.map((step) => `Step ${step.ok ? '✓' : '✗'} ${step.name}: ${(0,_host_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(step.ms)}`);
    }
}


/***/ }),

/***/ 43961:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  opensearchRecord: () => (/* binding */ opensearchRecord),
  postgresRecord: () => (/* binding */ postgresRecord),
  restoreCommand: () => (/* binding */ restoreCommand),
  runRestore: () => (/* binding */ runRestore)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/restore-indices.js
var restore_indices = __webpack_require__(54633);
// EXTERNAL MODULE: ./lib/src/shared/postgres/index.js + 10 modules
var postgres = __webpack_require__(58114);
// EXTERNAL MODULE: ./lib/src/shared/restore/guards.js
var guards = __webpack_require__(70773);
// EXTERNAL MODULE: ./lib/src/shared/restore/lock.js
var restore_lock = __webpack_require__(2012);
// EXTERNAL MODULE: ./lib/src/shared/restore/plan.js
var restore_plan = __webpack_require__(35216);
// EXTERNAL MODULE: ./lib/src/shared/settings/definitions/common.js
var common = __webpack_require__(16710);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/index.js + 2 modules
var shared_snapshot = __webpack_require__(21746);
// EXTERNAL MODULE: ./lib/src/commands/health.js + 3 modules
var health = __webpack_require__(9493);
// EXTERNAL MODULE: ./lib/src/commands/host.js + 1 modules
var host = __webpack_require__(20465);
// EXTERNAL MODULE: ./lib/src/commands/restore-choose.js
var restore_choose = __webpack_require__(74909);
// EXTERNAL MODULE: ./lib/src/shared/interrupt.js
var interrupt = __webpack_require__(69493);
// EXTERNAL MODULE: ./lib/src/shared/remote/quote.js
var quote = __webpack_require__(89413);
;// CONCATENATED MODULE: ./lib/src/shared/restore/stopped-services.js
/**
 * A restore stops the deployment's services and starts them again in a `finally`; a restore killed
 * in between (a cancelled job, a dead runner) never runs that `finally`. So the services are written
 * down on the host before they are stopped, and struck off once they run again: the next restore
 * finds the note and starts them, and anyone can see what to run.
 */


const STOPPED_SERVICES_FILE = '.gateway-ops-stopped-services.json';
function stoppedServicesPath(backupsRoot) {
    return external_node_path_.posix.join(backupsRoot, STOPPED_SERVICES_FILE);
}
/** Writes stdin to `file` (0600), whole or not at all. */
function recordStoppedServicesScript(file) {
    return `umask 077
file=${(0,quote/* shellQuote */.Z)(file)}
cat >"$file.tmp"
sync -- "$file.tmp" 2>/dev/null || true
mv -T -- "$file.tmp" "$file"
`;
}
/** Prints the note when there is one (nothing otherwise). */
function readStoppedServicesScript(file) {
    return `file=${(0,quote/* shellQuote */.Z)(file)}
if [ -f "$file" ]; then cat -- "$file"; fi
`;
}
function clearStoppedServicesScript(file) {
    return `rm -f -- ${(0,quote/* shellQuote */.Z)(file)} ${(0,quote/* shellQuote */.Z)(`${file}.tmp`)}\n`;
}
/** The note's text, or null when it is not one (a torn or foreign file is not acted on). */
function parseStoppedServices(text) {
    if (text.trim() === '')
        return null;
    try {
        const value = JSON.parse(text);
        if (!Array.isArray(value.services) ||
            !value.services.every((s) => typeof s === 'string') ||
            typeof value.deployDir !== 'string' ||
            typeof value.composeFile !== 'string') {
            return null;
        }
        return {
            services: value.services,
            deployDir: value.deployDir,
            composeFile: value.composeFile,
            stoppedAt: String(value.stoppedAt ?? '?'),
            snapshotDate: String(value.snapshotDate ?? '?'),
        };
    }
    catch {
        return null;
    }
}
/** The command a person runs to start them by hand. */
function startByHand(note) {
    return `cd ${(0,quote/* shellJoin */.n)([note.deployDir])} && ${(0,quote/* shellJoin */.n)(['docker', 'compose', '-f', note.composeFile, 'start', ...note.services])}`;
}
/** Writes the note on the host before the services are stopped. */
async function noteStoppedServices(remote, file, note) {
    if (note.services.length === 0)
        return;
    await remote.exec(recordStoppedServicesScript(file), {
        stdin: `${JSON.stringify(note)}\n`,
        description: 'note the services the restore stops',
    });
}
/** Strikes the note off once the services run again. */
async function clearStoppedServices(remote, file) {
    await remote.exec(clearStoppedServicesScript(file), { description: 'clear the stopped-services note' });
}

// EXTERNAL MODULE: ./lib/src/shared/restore/work-dir.js
var work_dir = __webpack_require__(48924);
// EXTERNAL MODULE: ./lib/src/shared/remote/index.js + 7 modules
var remote = __webpack_require__(43031);
;// CONCATENATED MODULE: ./lib/src/commands/restore-services.js





/**
 * Under the host lock, what a restore that died left: its work dir (removed: no live run owns it)
 * and the services it had stopped (see startServicesLeftStopped).
 */
async function recoverInterruptedRestore(remote, settings, log) {
    await removeRestoreWorkDirs(remote, (0,shared_snapshot/* backupsRoot */.GI)((0,host/* layoutOf */.aH)(settings)), log);
    await startServicesLeftStopped(remote, settings, log);
}
/**
 * Removes the work dirs of restores that died or were interrupted (a foreign one is left, with a
 * warning). Only under the host lock: no live restore owns one then.
 */
async function removeRestoreWorkDirs(remote, root, log) {
    const { stdout } = await remote.exec((0,shared_snapshot/* backupsListingScript */.dd)(root), { description: 'list the backups dir' });
    const found = (0,shared_snapshot/* parseBackupsListing */.t2)(stdout.split('\n')).filter((entry) => (0,shared_snapshot/* isRestoreWorkDir */.Py)(entry.name));
    for (const entry of found.filter((e) => !e.own)) {
        log.warn(`Leaving ${root}/${entry.name} alone: it is owned by another user or writable by others, so no gateway-ops run made it. Look at it and remove it.`);
    }
    await (0,shared_snapshot/* cleanLeftovers */.Kz)(remote, root, found.filter((e) => e.own).map((e) => e.name), log);
}
/**
 * Starts what an interrupted restore left stopped (its note on the host), before this run does
 * anything else; when they cannot be started, says exactly what to run and goes on.
 */
async function startServicesLeftStopped(remote, settings, log) {
    const file = stoppedServicesPath((0,shared_snapshot/* backupsRoot */.GI)((0,host/* layoutOf */.aH)(settings)));
    const { stdout } = await remote.exec(readStoppedServicesScript(file), {
        description: 'read the stopped-services note',
    });
    const note = parseStoppedServices(stdout);
    if (!note)
        return;
    log.warn(`A restore of ${note.snapshotDate} that did not finish stopped ${note.services.join(', ')} at ${note.stoppedAt}: starting them again. Its databases may be half-restored: finish with a restore that succeeds.`);
    try {
        await remote.exec(composeScript(note.deployDir, note.composeFile, 'start', note.services), {
            description: `docker compose start ${note.services.join(' ')}`,
        });
        await remote.exec(clearStoppedServicesScript(file), { description: 'clear the stopped-services note' });
        log.info(`Started ${note.services.join(', ')} again`);
    }
    catch (error) {
        log.error(`Could not start ${note.services.join(', ')} again (${(0,errors/* errorMessage */.gJ)(error)}). Start them by hand: ${startByHand(note)}`);
    }
}
/** `docker compose -f <file> stop|start <services>` in the deployment's directory. */
async function composeServices(remote, settings, verb, services) {
    if (services.length === 0)
        return;
    await remote.exec(composeScript(settings['deploy-dir'], settings['compose-file'], verb, services), {
        description: `docker compose ${verb} ${services.join(' ')}`,
    });
}
/** `docker compose -f <file> <verb> <services>`, run in the deployment's directory. */
function composeScript(deployDir, composeFile, verb, services) {
    return `cd -- ${(0,remote/* shellJoin */.nZ)([deployDir])}\n${(0,remote/* shellJoin */.nZ)(['docker', 'compose', '-f', composeFile, verb, ...services])}\n`;
}

;// CONCATENATED MODULE: ./lib/src/commands/restore-run.js



// The room's modules, not its index: the index loads the OpenSearch client (openOpenSearch does, when needed).









function failure(checked, safetyPath, message, details, verdict = 'failed') {
    return {
        ok: false,
        headline: message,
        details,
        outputs: {
            'snapshot-date': checked.snapshot.date,
            'safety-snapshot-path': safetyPath ?? '',
            verdict,
        },
    };
}
/** How to go back: restore the safety snapshot with the same settings. */
function wayBack(checked, safetyPath) {
    if (!safetyPath)
        return checked.plan.safetySnapshotPath
            ? 'No safety snapshot was needed: the restore replaced no live index (every restored index was new to the cluster).'
            : 'No safety snapshot was taken (safety-snapshot: false).';
    return `The safety snapshot of the state before this restore is ${safetyPath}; restore it with: gateway-ops restore --snapshot-date ${external_node_path_.posix.basename(safetyPath)} --confirm ${checked.hostname} (and the same settings otherwise).`;
}
/** Stops the services, streams the dump, starts the services again whatever happened. */
async function restorePostgresComponent(remote, settings, log, checked, target) {
    const recorded = postgresRecord(checked.snapshot);
    const services = checked.plan.stopServices;
    // Written down first: a restore killed before its finally leaves the note for the next run.
    const note = stoppedServicesPath((0,shared_snapshot/* backupsRoot */.GI)((0,host/* layoutOf */.aH)(settings)));
    await noteStoppedServices(remote, note, {
        services,
        deployDir: settings['deploy-dir'],
        composeFile: settings['compose-file'],
        stoppedAt: new Date().toISOString(),
        snapshotDate: checked.snapshot.date,
    });
    const stream = new AbortController();
    let settled = () => { };
    const startedAgain = new Promise((resolve) => {
        settled = resolve;
    });
    // Interrupted (SIGTERM, Ctrl-C): stop the stream on the host, then the finally below starts the services.
    const forget = (0,interrupt/* whenInterrupted */.v)(async () => {
        stream.abort();
        await startedAgain;
    });
    try {
        await composeServices(remote, settings, 'stop', services);
        log.info(`Stopped ${services.length ? services.join(', ') : 'no services (stop-services: none)'}`);
        return await (0,postgres/* restorePostgres */.A2)(remote, target, {
            dumpFile: external_node_path_.posix.join(checked.snapshot.path, recorded.file.path),
            compression: recorded.compression,
            workTemplate: (0,work_dir/* restoreWorkTemplate */.O)((0,shared_snapshot/* backupsRoot */.GI)((0,host/* layoutOf */.aH)(settings))),
            keepRolePasswords: settings['keep-role-passwords'],
            recreate: recorded.databases.includes('postgres') ? ['postgres'] : [],
            plainBytes: recorded.plainBytes,
            stop: stream.signal,
        }, log);
    }
    finally {
        try {
            await composeServices(remote, settings, 'start', services);
            if (services.length)
                await clearStoppedServices(remote, note);
            if (services.length)
                log.info(`Started ${services.join(', ')} again`);
        }
        catch (error) {
            log.error(`Could not start ${services.join(', ')} again: ${(0,errors/* errorMessage */.gJ)(error)}. Start them by hand.`);
        }
        finally {
            // The host's supervisor SIGKILLs a stopped stream before its trap can remove the work dir.
            if (stream.signal.aborted)
                await removeRestoreWorkDirs(remote, (0,shared_snapshot/* backupsRoot */.GI)((0,host/* layoutOf */.aH)(settings)), log);
            forget();
            settled();
        }
    }
}
/** The safety snapshot's path (null when none is asked for), or the error that stopped it. */
async function takeSafety(remote, settings, log, checked, steps, safety) {
    const path = checked.plan.safetySnapshotPath;
    if (!path)
        return null;
    const components = (0,restore_plan/* safetyComponents */.pN)(checked.plan);
    if (components.length === 0) {
        log.info('Safety snapshot: none needed: the restore replaces no live index.');
        return null;
    }
    try {
        const label = external_node_path_.posix.basename(path);
        const taken = await steps.run('Safety snapshot', () => safety(remote, settings, log, { label, components, lock: checked.lock }));
        return taken.path;
    }
    catch (error) {
        return error instanceof Error ? error : new Error(String(error));
    }
}
/** Steps 2-5: safety snapshot, PostgreSQL, OpenSearch, proof. Returns the result; throws only for bugs. */
async function executeRestore(remote, settings, log, checked, steps, safety) {
    const safetyPath = await takeSafety(remote, settings, log, checked, steps, safety);
    if (safetyPath instanceof Error) {
        return failure(checked, null, 'The safety snapshot failed: the restore did not start; nothing was changed.', [(0,errors/* errorMessage */.gJ)(safetyPath), ...steps.lines()], 'refused');
    }
    // Interrupted from here on (SIGTERM, Ctrl-C): the way back is said before the CLI exits.
    const forget = (0,interrupt/* whenInterrupted */.v)(async () => log.error(wayBack(checked, safetyPath)));
    try {
        return await restoreComponents(remote, settings, log, checked, steps, safetyPath);
    }
    finally {
        forget();
    }
}
/** Steps 3-5, once the safety snapshot (if any) is taken. */
async function restoreComponents(remote, settings, log, checked, steps, safetyPath) {
    let rows = { expected: {}, found: {}, problems: [] };
    if (checked.postgres) {
        const restored = await postgresStep(remote, settings, log, checked, checked.postgres, steps, safetyPath);
        if ('headline' in restored)
            return restored;
        rows = restored;
    }
    let docs = { expected: {}, found: {} };
    if (checked.components.includes('opensearch')) {
        try {
            docs = await steps.run('OpenSearch restore', () => restoreOpenSearchComponent(remote, settings, log, checked));
        }
        catch (error) {
            return failure(checked, safetyPath, `The OpenSearch restore failed: ${(0,errors/* errorMessage */.gJ)(error)}`, [
                wayBack(checked, safetyPath),
                ...steps.lines(),
            ]);
        }
    }
    return provenResult(checked, safetyPath, steps, rows, docs);
}
/** The PostgreSQL restore and its row counts, or the failed result when the SQL stream failed. */
async function postgresStep(remote, settings, log, checked, target, steps, safetyPath) {
    const outcome = await steps.run('PostgreSQL restore', () => restorePostgresComponent(remote, settings, log, checked, target));
    if (!outcome.verdict.ok)
        return postgresFailure(checked, safetyPath, outcome, steps);
    const recorded = postgresRecord(checked.snapshot);
    const counted = await steps.run('PostgreSQL counts', () => (0,postgres/* countRestoredRows */.fw)(remote, target, recorded.databases));
    const extra = counted.databases.filter((d) => !recorded.databases.includes(d));
    return {
        expected: recorded.rowCounts,
        found: counted.counts,
        problems: extra.length ? [`databases not in the snapshot are still there: ${extra.join(', ')}`] : [],
    };
}
/** Step 5: every count against the manifest's; any difference fails the run. */
function provenResult(checked, safetyPath, steps, rows, docs) {
    const proof = (0,restore_plan/* proveCounts */.Dh)(rows.expected, rows.found, docs.expected, docs.found);
    const problems = [...rows.problems, ...proof.problems];
    const ok = problems.length === 0;
    return {
        ok,
        headline: ok
            ? `Restored ${checked.snapshot.date} onto ${checked.hostname}: every count as in the snapshot's manifest.`
            : `Restored ${checked.snapshot.date} onto ${checked.hostname}, but the proof failed: ${problems.length} difference(s).`,
        details: [
            ...problems,
            ...steps.lines(),
            ...(ok ? [] : [wayBack(checked, safetyPath)]),
            `Safety snapshot: ${safetyPath ?? 'none'}`,
        ],
        table: (0,restore_plan/* proofTable */.Jz)(proof.rows),
        outputs: {
            'snapshot-date': checked.snapshot.date,
            'safety-snapshot-path': safetyPath ?? '',
            verdict: ok ? 'restored' : 'failed',
        },
    };
}
function postgresFailure(checked, safetyPath, outcome, steps) {
    const v = outcome.verdict;
    const where = v.database
        ? ` in database ${v.database}${v.statement ? `, at the statement ${JSON.stringify(v.statement)}` : ''}`
        : '';
    const message = `The PostgreSQL restore failed${where}: ${v.problems.join('; ')}.`;
    return failure(checked, safetyPath, v.untouched
        ? `${message} Nothing was changed.`
        : `${message} The database${v.database ? ` ${v.database}` : 's'} may be half-restored.`, [message, wayBack(checked, safetyPath), 'The stopped services were started again.', ...steps.lines()]);
}
async function restoreOpenSearchComponent(remote, settings, log, checked) {
    const recorded = opensearchRecord(checked.snapshot);
    const connection = await (0,host/* openOpenSearch */.jJ)(remote, settings, log);
    try {
        await (0,restore_indices/* makeRoomForRestore */.bk)(connection.client, checked.plan.indicesReplaced, settings['opensearch-existing'], (0,host/* osLog */.rU)(log));
        const found = await (0,restore_indices/* restoreIndices */.MU)(connection.client, {
            repository: recorded.repository || settings['snapshot-repository'],
            snapshot: recorded.snapshot,
            indices: Object.keys(recorded.docs),
            existing: settings['opensearch-existing'],
            timeoutMs: settings['opensearch-timeout'],
        }, (0,host/* osLog */.rU)(log));
        return { expected: recorded.docs, found };
    }
    finally {
        await connection.close();
    }
}

// EXTERNAL MODULE: ./lib/src/commands/restore-steps.js
var restore_steps = __webpack_require__(1965);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/retention.js
var retention = __webpack_require__(44017);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/snapshot-status.js
var snapshot_status = __webpack_require__(28650);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/snapshot-verdict.js
var snapshot_verdict = __webpack_require__(81727);
// EXTERNAL MODULE: ./lib/src/commands/components/opensearch.js
var opensearch = __webpack_require__(14460);
// EXTERNAL MODULE: ./lib/src/commands/take-snapshot.js + 8 modules
var take_snapshot = __webpack_require__(68605);
;// CONCATENATED MODULE: ./lib/src/commands/safety-snapshot.js

// The room's modules, not its index: the index loads the OpenSearch client (openOpenSearch does, when needed).






/**
 * The safety snapshot is the backup's own snapshot run, under a `pre-restore-<UTC time>` label and
 * the restore's host lock, of the components about to be replaced. It runs no retention (it must
 * never prune the snapshot being restored). One failed component makes it no way back: the
 * restore does not start, and the OpenSearch snapshot it left in the repository is deleted.
 */
const takeSafetySnapshot = async (remote, settings, log, options) => {
    const cleanUp = () => options.components.includes('opensearch')
        ? discardOpenSearchHalf(remote, settings, log, options.label)
        : Promise.resolve('');
    let taken;
    try {
        taken = await (0,take_snapshot/* takeSnapshot */.W)(remote, settings, log, {
            label: options.label,
            components: options.components,
            lock: options.lock,
            force: false,
            retention: false,
        });
    }
    catch (error) {
        const said = await cleanUp();
        if (said)
            log.info(said);
        throw error;
    }
    if (taken.failed.length > 0) {
        const said = await cleanUp();
        throw new errors/* OperationError */.OK(`the safety snapshot ${taken.path} is incomplete: its ${taken.failed.join(' and ')} component failed (its manifest says so, so it is never restored as if whole).${said ? ` ${said}` : ''}`, {
            hint: 'Fix the cause (see the log above), then run the restore again; remove that directory once it is of no use.',
        });
    }
    log.info(`Safety snapshot ${taken.path}: ${Object.keys(taken.manifest.components).join(' + ')}, complete.`);
    return { path: taken.path };
};
/**
 * Deletes the OpenSearch snapshots named for this safety snapshot's label (taken, or begun when it
 * failed): a failed safety snapshot is no way back, so it must not hold space in the repository
 * nor be mistaken for one. Says what it did in one sentence; never throws (the failure is the news).
 */
async function discardOpenSearchHalf(remote, settings, log, label) {
    const repository = settings['snapshot-repository'];
    const pattern = (0,opensearch/* namePatternFor */.JD)(settings['snapshot-name-pattern'], label);
    const found = [];
    let listed = false;
    try {
        const connection = await (0,host/* openOpenSearch */.jJ)(remote, settings, log);
        try {
            const snapshots = await (0,retention/* listSnapshots */.C)(connection.client, repository);
            listed = true;
            for (const info of snapshots) {
                const name = info.snapshot ?? '';
                if ((0,snapshot_verdict/* dateFromSnapshotName */.C7)(pattern, name) === undefined)
                    continue;
                found.push(name);
                await (0,snapshot_status/* deleteSnapshot */.Cj)(connection.client, repository, name, (0,host/* osLog */.rU)(log));
            }
        }
        finally {
            await connection.close();
        }
    }
    catch (error) {
        return listed
            ? `Its OpenSearch snapshot ${found.at(-1)} could not be deleted from the repository '${repository}' (${(0,errors/* errorMessage */.gJ)(error)}): delete it through the _snapshot API.`
            : `The repository '${repository}' could not be searched for its OpenSearch snapshot (${(0,errors/* errorMessage */.gJ)(error)}): delete any snapshot named ${pattern} through the _snapshot API.`;
    }
    return found.length
        ? `Its OpenSearch snapshot ${found.join(', ')} was deleted from the repository '${repository}'.`
        : '';
}

;// CONCATENATED MODULE: ./lib/src/commands/restore.js


// The room's modules, not its index: the index loads the OpenSearch client (openOpenSearch does, when needed).














const TEMPLATES = ['template0', 'template1'];
function postgresRecord(snapshot) {
    const record = snapshot.manifest.components['postgres'];
    const details = (record?.details ?? {});
    const file = snapshot.manifest.files.find((f) => f.component === 'postgres');
    return {
        file,
        compression: (file?.compression ?? 'zstd'),
        serverVersion: String(details['serverVersion'] ?? ''),
        databases: (details['databases'] ?? []).filter((d) => !TEMPLATES.includes(d)),
        // template1's tables are not counted after a restore (the counts skip templates): neither here.
        rowCounts: Object.fromEntries(Object.entries((details['rowCounts'] ?? {})).filter(([database]) => !TEMPLATES.includes(database))),
        plainBytes: typeof details['plainBytes'] === 'number' ? details['plainBytes'] : null,
    };
}
function opensearchRecord(snapshot) {
    const details = (snapshot.manifest.components['opensearch']?.details ?? {});
    const indices = (details['indices'] ?? {});
    return {
        snapshot: String(details['snapshot'] ?? ''),
        repository: String(details['repository'] ?? ''),
        docs: Object.fromEntries((0,restore_indices/* restorableIndices */.Zd)(Object.keys(indices)).map((name) => [name, indices[name]?.docs ?? null])),
    };
}
/** Reads the PostgreSQL target (read-only); settled, never rejected, so it can run alongside the verify. */
function inspectTarget(remote, settings, log) {
    if (!settings.components.includes('postgres'))
        return Promise.resolve(null);
    return (0,postgres/* inspectPostgresTarget */.LF)(remote, {
        target: (0,host/* postgresTarget */.RB)(settings),
        // The snapshot's decompressor is checked by its verify (every file's tool), before this is used.
        compression: 'none',
        ...(settings['postgres-user'] ? { user: settings['postgres-user'] } : {}),
        ...(settings.exec === 'host'
            ? { host: settings['postgres-host'], port: settings['postgres-port'] }
            : {}),
        ...(settings.exec === 'host' && settings['postgres-password']
            ? { password: settings['postgres-password'] }
            : {}),
    }, log).then((target) => ({ target }), (error) => ({ error }));
}
/** Step 1, read-only: the snapshot, full verify, the target's version, the guards, the plan. */
async function checkRestore(remote, settings, log) {
    // The target is read while the snapshot's files are hashed: round trips hidden behind the checksum.
    const inspecting = inspectTarget(remote, settings, log);
    const naming = remote.run(['hostname'], { description: 'hostname' }).then((output) => ({ hostname: output.stdout.trim() }), (error) => ({ error }));
    const snapshot = await (0,restore_choose/* chooseRestorableSnapshot */.H)(remote, settings, log).finally(() => Promise.all([inspecting, naming]));
    const chosen = (0,restore_plan/* componentsToRestore */.CJ)(settings.components, Object.keys(snapshot.manifest.components), common/* COMPONENTS */.$);
    if (chosen.refusal)
        throw new restore_steps/* RestoreRefused */.HQ(chosen.refusal, { hint: 'Nothing was changed.' });
    const components = chosen.components;
    const named = await naming;
    if ('error' in named)
        throw named.error;
    const hostname = named.hostname;
    const recorded = postgresRecord(snapshot);
    let postgres = null;
    if (components.includes('postgres')) {
        const inspected = await inspecting;
        if (!inspected)
            throw new Error('bug: the PostgreSQL target was not inspected');
        if ('error' in inspected)
            throw inspected.error;
        postgres = inspected.target;
        const version = (0,guards/* checkPostgresVersion */.sD)(recorded.serverVersion, postgres.serverVersionNum);
        if (version)
            throw new restore_steps/* RestoreRefused */.HQ(version.message, { hint: 'Nothing was changed.' });
    }
    const refusal = (0,guards/* checkGuards */.hK)({
        hostname,
        confirm: settings.confirm,
        allowedHosts: settings['restore-allowed-hosts'],
        productionHosts: settings['production-hosts'],
        allowProduction: settings['allow-production'],
    });
    if (refusal)
        throw new restore_steps/* RestoreRefused */.HQ(refusal.message, { hint: 'Nothing was changed.' });
    const indices = components.includes('opensearch') ? Object.keys(opensearchRecord(snapshot).docs) : [];
    const live = indices.length > 0 ? await checkOpenSearchTarget(remote, settings, log, indices) : [];
    const stopServices = settings['stop-services'].filter((s) => s !== 'none');
    const root = (0,shared_snapshot/* backupsRoot */.GI)((0,host/* layoutOf */.aH)(settings));
    const plan = (0,restore_plan/* buildPlan */.Gg)({
        target: hostname,
        snapshotDate: snapshot.date,
        snapshotPath: snapshot.path,
        components,
        snapshotDatabases: recorded.databases,
        targetDatabases: postgres?.databases ?? [],
        snapshotIndices: indices,
        targetIndices: live,
        opensearchExisting: settings['opensearch-existing'],
        stopServices,
        safetySnapshotPath: settings['safety-snapshot'] ? external_node_path_.posix.join(root, (0,guards/* preRestoreLabel */.ed)(new Date())) : null,
    });
    return { snapshot, components, hostname, postgres, plan };
}
/** The live indices the restore replaces; refused now when they would have to be closed and cannot be. */
async function checkOpenSearchTarget(remote, settings, log, indices) {
    const connection = await (0,host/* openOpenSearch */.jJ)(remote, settings, log);
    try {
        const live = await (0,restore_indices/* liveIndices */.Os)(connection.client, indices);
        if (live.length > 0 && settings['opensearch-existing'] === 'close') {
            const why = await (0,restore_indices/* whyCannotClose */.UG)(connection.client);
            if (why) {
                throw new restore_steps/* RestoreRefused */.HQ(`restore refused: the live indices ${live.join(', ')} must be closed first, but ${why}. Set opensearch-existing: delete, or allow closing indices.`, { hint: 'Nothing was changed.' });
            }
        }
        return live;
    }
    finally {
        await connection.close();
    }
}
function refusedResult(error, steps, snapshotDate = '') {
    const hint = error.hint && error.hint !== 'Nothing was changed.' ? [error.hint] : [];
    return {
        ok: false,
        headline: `Restore refused: nothing was changed.`,
        details: [error.message, ...hint, ...steps.lines()],
        outputs: { 'snapshot-date': snapshotDate, 'safety-snapshot-path': '', verdict: 'refused' },
    };
}
async function runRestore(settings, log, safety) {
    const remote = await (0,host/* openHost */.Zb)(settings, log);
    const steps = new restore_steps/* Steps */.gj(log);
    let lock;
    try {
        let checked;
        try {
            await steps.run('Pre-flight', () => (0,restore_steps/* refusedOnFailure */.Ef)('restore', () => (0,health.preflight)(remote, settings, log)));
            // Held until the services are started again: no backup runs (or prunes) while a restore does.
            lock = await steps.run('Host lock', () => (0,restore_steps/* refusedOnFailure */.Ef)('restore', () => (0,shared_snapshot/* lockBackupsDir */.uS)(remote, (0,host/* layoutOf */.aH)(settings), (0,restore_lock/* restoreLockStep */.q)((0,host/* layoutOf */.aH)(settings), 'restore'))));
            // Under the lock: a note (or a work dir) left here is an interrupted run's, not a live one's.
            await recoverInterruptedRestore(remote, settings, log);
            checked = await steps.run('Choose and check', () => checkRestore(remote, settings, log));
        }
        catch (error) {
            if (error instanceof restore_steps/* RestoreRefused */.HQ)
                return refusedResult(error, steps);
            throw error;
        }
        const lines = (0,restore_plan/* planLines */.HN)(checked.plan);
        for (const line of lines)
            log.info(`Plan: ${line}`);
        if (settings['dry-run']) {
            return {
                ok: true,
                headline: `Dry run: the restore of ${checked.snapshot.date} onto ${checked.hostname} was planned; nothing was changed.`,
                details: lines,
                outputs: {
                    'snapshot-date': checked.snapshot.date,
                    'safety-snapshot-path': checked.plan.safetySnapshotPath ?? '',
                    verdict: 'planned',
                },
            };
        }
        return await executeRestore(remote, settings, log, { ...checked, lock }, steps, safety);
    }
    catch (error) {
        log.error(`restore failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
        throw error;
    }
    finally {
        await lock?.release();
        await remote.close();
    }
}
/**
 * `restore` (the restore action's default mode): a guarded restore of a chosen snapshot onto the
 * host, a safety snapshot first, and the proof afterwards.
 */
const restoreCommand = ({ settings, log }) => runRestore(settings, log, takeSafetySnapshot);


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


/***/ }),

/***/ 70773:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ed: () => (/* reexport safe */ _snapshot_layout_js__WEBPACK_IMPORTED_MODULE_0__.ed),
/* harmony export */   hK: () => (/* binding */ checkGuards),
/* harmony export */   sD: () => (/* binding */ checkPostgresVersion)
/* harmony export */ });
/* unused harmony export majorVersion */
/* harmony import */ var _snapshot_layout_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86489);
/**
 * The guards of a restore, as pure functions: each refusal names the guard and the setting that
 * would let the restore through. They run before anything on the target changes.
 */
const sameHost = (a, b) => a.toLowerCase() === b.toLowerCase();
/** The first guard that refuses, or null when every guard passes. */
function checkGuards(input) {
    const host = input.hostname;
    if (input.allowedHosts.length === 0) {
        return {
            guard: 'restore-allowed-hosts',
            message: `restore refused by restore-allowed-hosts: it is empty, so every restore is refused. Set restore-allowed-hosts: ${host} to allow restores onto this host.`,
        };
    }
    if (!input.allowedHosts.some((allowed) => sameHost(allowed, host))) {
        return {
            guard: 'restore-allowed-hosts',
            message: `restore refused by restore-allowed-hosts: the target ${host} is not in it (${input.allowedHosts.join(', ')}). Add ${host} to restore-allowed-hosts if this host may be overwritten.`,
        };
    }
    if (input.productionHosts.some((production) => sameHost(production, host)) && !input.allowProduction) {
        return {
            guard: 'production-hosts',
            message: `restore refused by production-hosts: ${host} is a production host. Set allow-production: true as well to restore onto it.`,
        };
    }
    // Exactly as printed: the typed confirmation is the operator reading the target's name.
    if (input.confirm !== host) {
        return {
            guard: 'confirm',
            message: input.confirm === undefined
                ? `restore refused by confirm: it is not set. Set confirm: ${host} (what 'hostname' prints on the target) to confirm this restore.`
                : `restore refused by confirm: expected exactly '${host}' (what 'hostname' prints on the target), found '${input.confirm}'.`,
        };
    }
    return null;
}
/** `15.4` / `15.4 (Debian 15.4-1)` / `150004` -> 15. */
function majorVersion(version) {
    if (typeof version === 'number')
        return version >= 100000 ? Math.floor(version / 10000) : null;
    const match = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
    if (!match)
        return null;
    const major = Number(match[1]);
    // 9.6 and older had two-part majors; they cannot restore a 10+ dump anyway.
    return major >= 10 ? major : major + Number(match[2] ?? 0) / 10;
}
/** The target must run a PostgreSQL at least as new as the one that was dumped. */
function checkPostgresVersion(dumped, target) {
    const from = majorVersion(dumped);
    const to = majorVersion(target);
    if (from === null || to === null) {
        return {
            guard: 'postgres-version',
            message: `restore refused: cannot compare PostgreSQL versions (snapshot ${dumped}, target ${target}).`,
        };
    }
    if (to < from) {
        return {
            guard: 'postgres-version',
            message: `restore refused: the snapshot was dumped from PostgreSQL ${from}, the target runs ${to}. A dump restores only into the same or a newer major version: upgrade the target first.`,
        };
    }
    return null;
}
/** The safety snapshot's label: the backup's own (one definition, in the snapshot layout). */



/***/ }),

/***/ 2012:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ restoreLockStep)
/* harmony export */ });
/* unused harmony export restoreLockScript */
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(42494);
/* harmony import */ var _remote_script_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(89413);
/* harmony import */ var _snapshot_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(21746);
/**
 * A restore holds the same host lock as a backup (`<backups-dir>/.gateway-ops.lock`), from before
 * it chooses a snapshot until the services are started again: a backup's retention cannot remove
 * the snapshot being restored, and a backup never dumps a half-restored cluster. A drill holds it
 * for as long as it reads the snapshot, for the same retention's sake.
 */


/** What the lock and the directory check use (the safety snapshot checks its own tools). */
const RESTORE_LOCK_TOOLS = ['bash', 'flock', 'stat'];
/**
 * Before the lock: the tools, and a backups dir that exists (a restore never creates it: there
 * would be nothing in it to restore) and that nobody else can write into (its dumps are run as SQL).
 */
function restoreLockScript(layout) {
    const root = (0,_snapshot_index_js__WEBPACK_IMPORTED_MODULE_0__/* .backupsRoot */ .GI)(layout);
    return `missing=$(${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_1__/* .missingToolsScript */ .LV)(RESTORE_LOCK_TOOLS)})
if [ -n "$missing" ]; then echo "${_snapshot_index_js__WEBPACK_IMPORTED_MODULE_0__/* .MISSING_TOOLS */ .R1}" $missing >&2; exit 69; fi
backups=${(0,_remote_script_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .Z)(root)}
if [ ! -d "$backups" ]; then
  echo "${_snapshot_index_js__WEBPACK_IMPORTED_MODULE_0__/* .SETUP_FAILED */ .ih} there is no backups dir $backups: no snapshot to restore from" >&2
  exit 73
fi
${(0,_snapshot_index_js__WEBPACK_IMPORTED_MODULE_0__/* .prepareScript */ .p5)(root, layout.deployDir)}`;
}
/** The check before a restore's or a drill's host lock, and a run id that says which it is. */
function restoreLockStep(layout, run) {
    return { before: restoreLockScript(layout), runId: `${run}-${(0,_snapshot_index_js__WEBPACK_IMPORTED_MODULE_0__/* .newRunId */ .F$)()}` };
}


/***/ }),

/***/ 35216:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CJ: () => (/* binding */ componentsToRestore),
/* harmony export */   Dh: () => (/* binding */ proveCounts),
/* harmony export */   Gg: () => (/* binding */ buildPlan),
/* harmony export */   HN: () => (/* binding */ planLines),
/* harmony export */   Jz: () => (/* binding */ proofTable),
/* harmony export */   pN: () => (/* binding */ safetyComponents)
/* harmony export */ });
/* unused harmony export RESTORABLE_COMPONENTS */
/** What a restore will do, decided before it does anything, and the proof afterwards: pure functions. */
const RESTORABLE_COMPONENTS = ['postgres', 'opensearch'];
/**
 * The components to restore: those asked for that the snapshot holds. Asking for one the snapshot
 * does not hold is refused, unless it is the default list (every component); secrets and git are
 * never restored by gateway-ops, and naming them outside the default is refused.
 */
function componentsToRestore(requested, inSnapshot, everyComponent) {
    const isDefault = everyComponent.every((c) => requested.includes(c));
    const unrestorable = requested.filter((c) => !RESTORABLE_COMPONENTS.includes(c));
    if (unrestorable.length > 0 && !isDefault) {
        return {
            components: [],
            refusal: `restore refused by components: ${unrestorable.join(', ')} cannot be restored by gateway-ops (only postgres and opensearch); restore them by hand from the snapshot's files.`,
        };
    }
    const restorable = requested.filter((c) => RESTORABLE_COMPONENTS.includes(c));
    const held = restorable.filter((c) => inSnapshot.includes(c));
    const missing = restorable.filter((c) => !inSnapshot.includes(c));
    if (missing.length > 0 && !isDefault) {
        return {
            components: held,
            refusal: `restore refused by components: the snapshot holds ${inSnapshot.join(', ') || 'nothing'}, not ${missing.join(', ')}. Set components to what it holds.`,
        };
    }
    if (held.length === 0) {
        return {
            components: [],
            refusal: 'restore refused: the snapshot holds no component that can be restored.',
        };
    }
    return { components: held, refusal: null };
}
function buildPlan(input) {
    const inSnapshot = new Set(input.snapshotDatabases);
    const onTarget = new Set(input.targetDatabases);
    const live = new Set(input.targetIndices);
    const postgres = input.components.includes('postgres');
    const opensearch = input.components.includes('opensearch');
    return {
        ...input,
        databasesReplaced: postgres ? input.snapshotDatabases.filter((d) => onTarget.has(d)) : [],
        databasesCreated: postgres ? input.snapshotDatabases.filter((d) => !onTarget.has(d)) : [],
        databasesDropped: postgres ? input.targetDatabases.filter((d) => !inSnapshot.has(d)) : [],
        indicesReplaced: opensearch ? input.snapshotIndices.filter((i) => live.has(i)) : [],
    };
}
const list = (items) => (items.length > 0 ? items.join(', ') : 'none');
/**
 * What the safety snapshot keeps: the components whose live data the restore replaces. OpenSearch
 * only when a live index is closed or deleted: restoring indices the cluster lacks replaces nothing
 * (and an empty cluster has nothing to snapshot).
 */
function safetyComponents(plan) {
    return plan.components.filter((c) => c !== 'opensearch' || plan.indicesReplaced.length > 0);
}
function safetyLine(plan) {
    if (!plan.safetySnapshotPath)
        return 'Safety snapshot: none (safety-snapshot: false)';
    const kept = safetyComponents(plan);
    if (kept.length === 0)
        return 'Safety snapshot: none needed (no live index is replaced)';
    const left = plan.components.filter((c) => !kept.includes(c));
    return `Safety snapshot: ${plan.safetySnapshotPath}${left.length > 0 ? ` (${kept.join(', ')} only: no live index is replaced)` : ''}`;
}
function planLines(plan) {
    const lines = [
        `Target: ${plan.target}`,
        `Snapshot: ${plan.snapshotDate} (${plan.snapshotPath})`,
        `Components: ${plan.components.join(', ')}`,
        safetyLine(plan),
    ];
    if (plan.components.includes('postgres')) {
        lines.push(`Services stopped during the restore: ${list(plan.stopServices)}`, `Databases replaced: ${list(plan.databasesReplaced)}`, `Databases created: ${list(plan.databasesCreated)}`, `Databases dropped (not in the snapshot): ${list(plan.databasesDropped)}`);
    }
    if (plan.components.includes('opensearch')) {
        lines.push(`Indices restored: ${list(plan.snapshotIndices)}`, `Live indices ${plan.opensearchExisting === 'close' ? 'closed' : 'deleted'} first: ${list(plan.indicesReplaced)}`);
    }
    return lines;
}
/** Per database (its tables' rows summed, each table compared) and per index, restored against recorded. */
function proveCounts(expectedRows, foundRows, expectedDocs, foundDocs) {
    const rows = [];
    const problems = [];
    for (const [database, tables] of Object.entries(expectedRows)) {
        const found = foundRows[database];
        let ok = found !== undefined;
        for (const [table, count] of Object.entries(tables)) {
            const restored = found?.[table];
            if (restored !== count) {
                ok = false;
                problems.push(`${database}.${table}: ${restored === undefined ? 'missing' : `${restored} rows`}, the snapshot has ${count}`);
            }
        }
        if (found === undefined)
            problems.push(`database ${database}: missing after the restore`);
        const sum = (t) => t ? Object.values(t).reduce((a, b) => a + b, 0) : null;
        rows.push({ kind: 'database', name: database, expected: sum(tables), found: sum(found), ok });
    }
    for (const [index, count] of Object.entries(expectedDocs)) {
        const found = foundDocs[index] ?? null;
        const ok = found !== null && (count === null || found === count);
        if (!ok)
            problems.push(`index ${index}: ${found ?? 'no'} documents, the snapshot has ${count ?? 'unknown'}`);
        rows.push({ kind: 'index', name: index, expected: count, found, ok });
    }
    return { ok: problems.length === 0, rows, problems };
}
function proofTable(rows) {
    return {
        header: ['', 'kind', 'name', 'in the snapshot', 'restored'],
        rows: rows.map((row) => [
            row.ok ? '✓' : '✗',
            row.kind,
            row.name,
            row.expected === null ? 'unknown' : String(row.expected),
            row.found === null ? 'missing' : String(row.found),
        ]),
    };
}


/***/ }),

/***/ 48924:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ drillWorkTemplate),
/* harmony export */   O: () => (/* binding */ restoreWorkTemplate)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/**
 * A restore's (and a drill's) private work dir on the host: `mktemp -d` in the backups dir, so a
 * run SIGKILLed before its trap leaves it where the next run, under the host lock, finds and
 * removes it. It holds psql's messages only: the password lives in the environment, never on disk.
 */

/** The `mktemp -d` template of a restore's work dir in `backupsRoot` (see isRestoreWorkDir). */
function restoreWorkTemplate(backupsRoot) {
    return node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(backupsRoot, '.restore-XXXXXXXXXX');
}
/** The `mktemp -d` template of a drill's work dir (a drill does not hold the host lock: never swept). */
function drillWorkTemplate(backupsRoot) {
    return node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(backupsRoot, '.drill-XXXXXXXXXX');
}


/***/ })

};

export const id = 605;
export const ids = [605];
export const modules = {

/***/ 14460:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JD: () => (/* binding */ namePatternFor),
/* harmony export */   a: () => (/* binding */ opensearchComponent)
/* harmony export */ });
/* unused harmony export OPENSEARCH_DESCRIPTION */
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8835);
/* harmony import */ var _shared_opensearch_repository_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(65111);
/* harmony import */ var _shared_opensearch_retention_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44017);
/* harmony import */ var _shared_opensearch_snapshot_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(32247);
/* harmony import */ var _shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(21746);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(20465);






const OPENSEARCH_DESCRIPTION = 'opensearch/snapshot.json';
/** The OpenSearch snapshot in the (incremental) repository; the snapshot directory keeps its verified description. */
const opensearchComponent = {
    name: 'opensearch',
    title: 'OpenSearch',
    keepsDataOutside: true,
    async prepare(ctx) {
        const { settings, log } = ctx;
        const connection = await (0,_host_js__WEBPACK_IMPORTED_MODULE_5__/* .openOpenSearch */ .jJ)(ctx.host, settings, log);
        try {
            // The repository must take a snapshot before the first byte of any component is written.
            await (0,_shared_opensearch_repository_js__WEBPACK_IMPORTED_MODULE_1__/* .ensureRepository */ .z)(connection.client, { repository: settings['snapshot-repository'], location: settings['snapshot-location'] }, (0,_host_js__WEBPACK_IMPORTED_MODULE_5__/* .osLog */ .rU)(log));
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
            const result = await (0,_shared_opensearch_retention_js__WEBPACK_IMPORTED_MODULE_2__/* .applyOpenSearchRetention */ .B)(connection.client, {
                repository: settings['snapshot-repository'],
                namePattern: settings['snapshot-name-pattern'],
                policy,
                protect: [(0,_shared_opensearch_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .snapshotName */ .aN)(settings['snapshot-name-pattern'], protectDate)],
            }, (0,_host_js__WEBPACK_IMPORTED_MODULE_5__/* .osLog */ .rU)(log));
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
        const name = (0,_shared_opensearch_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .snapshotName */ .aN)(namePattern, partial.date);
        const existing = await connection.client.snapshot
            .get({ repository: settings['snapshot-repository'], snapshot: name }, { ignore: [404] })
            .catch(() => null);
        if (existing && existing.statusCode !== 404) {
            log.info(`OpenSearch: force: deleting today's snapshot ${name} to take it again`);
            await (0,_shared_opensearch_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .deleteSnapshot */ .Cj)(connection.client, settings['snapshot-repository'], name, (0,_host_js__WEBPACK_IMPORTED_MODULE_5__/* .osLog */ .rU)(log));
        }
    }
    const record = await (0,_shared_opensearch_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .snapshotOpenSearch */ .l6)(connection.client, {
        repository: settings['snapshot-repository'],
        location: settings['snapshot-location'],
        date: partial.date,
        namePattern,
        indices: settings.indices,
        timeoutMs: settings['opensearch-timeout'],
    }, (0,_host_js__WEBPACK_IMPORTED_MODULE_5__/* .osLog */ .rU)(log));
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
    const parsed = (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_4__/* .parseComponentDetails */ .BP)('opensearch', recorded);
    if (!parsed.ok)
        return `${parsed.problem}.`;
    const { snapshot, repository, indices } = parsed.details;
    try {
        const verdict = await (0,_shared_opensearch_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .verifyOpenSearchSnapshot */ .UH)(connection.client, {
            repository,
            snapshot,
            expectedIndices: Object.keys(indices),
        });
        return verdict.ok
            ? null
            : `its OpenSearch snapshot ${snapshot} no longer verifies (${verdict.problems.join('; ')}).`;
    }
    catch (error) {
        return `its OpenSearch snapshot ${snapshot} cannot be checked (${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}).`;
    }
}


/***/ }),

/***/ 68605:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W: () => (/* binding */ takeSnapshot)
});

// EXTERNAL MODULE: ./lib/src/shared/errors.js
var shared_errors = __webpack_require__(8835);
// EXTERNAL MODULE: ./lib/src/shared/report/summary.js
var summary = __webpack_require__(70241);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/index.js + 2 modules
var snapshot = __webpack_require__(21746);
// EXTERNAL MODULE: ./lib/src/version.js
var version = __webpack_require__(51294);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/src/shared/remote/quote.js
var quote = __webpack_require__(89413);
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

// EXTERNAL MODULE: ./lib/src/commands/components/opensearch.js
var opensearch = __webpack_require__(14460);
// EXTERNAL MODULE: ./lib/src/shared/postgres/index.js + 10 modules
var postgres = __webpack_require__(58114);
// EXTERNAL MODULE: ./lib/src/commands/host.js + 1 modules
var commands_host = __webpack_require__(20465);
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

;// CONCATENATED MODULE: ./lib/src/commands/components/secrets.js
/** The deployment's secret files: a tar streamed from the host, age-encrypted on the runner, stored 0600. */
const secretsComponent = {
    name: 'secrets',
    title: 'Secrets',
    async prepare({ host, settings, log }) {
        // Loaded here, not at the top: the age library (~20 MB of RSS) only for a run that takes secrets.
        const { prepareSecrets } = await Promise.all(/* import() */[__webpack_require__.e(539), __webpack_require__.e(575)]).then(__webpack_require__.bind(__webpack_require__, 67575));
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
    opensearch: opensearch/* opensearchComponent */.a,
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
        const begin = (forced) => (0,snapshot/* beginSnapshot */.w)(host, (0,commands_host/* layoutOf */.aH)(settings), log, {
            force: forced,
            ...(options.label !== undefined ? { label: options.label } : {}),
            ...(options.lock ? { lock: options.lock } : {}),
        });
        let begun = await begin(force);
        if (begun.kind === 'existing') {
            const why = await whyNotReusable(begun, preparing, settings);
            if (why === null)
                return await reuse(begun, log);
            log.warn(`Today's snapshot ${begun.path} cannot be reused: ${why} Taking it again; it is replaced only once the new one is complete.`);
            await begun.release();
            begun = await begin(true);
            if (begun.kind === 'existing')
                throw new Error('beginSnapshot returned an existing snapshot despite force');
        }
        const ready = await allPrepared(begun, preparing);
        return await build(host, settings, log, begun, ready, options.retention !== false);
    }
    finally {
        await closeAll(preparing, log);
    }
}
async function reuse(existing, log) {
    await existing.release();
    log.info(`Today's snapshot ${existing.path} exists and verifies (${(0,summary/* plural */.LS)(existing.report.filesChecked, 'file')}): kept.`);
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
    };
}
/** Takes every component into the work directory, commits the manifest, then prunes. */
async function build(host, settings, log, partial, ready, prune) {
    const results = await takeComponents(partial, ready, log);
    const failed = results.filter((r) => r.verdict === 'failed').map((r) => r.name);
    const manifest = (0,snapshot/* buildManifest */.u1)({
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
        log.info(`Snapshot ${committed.path} is complete: ${(0,summary/* plural */.LS)(manifest.files.length, 'file')}, manifest written last.`);
    }
    let retention = [];
    try {
        const kept = ready.filter((r) => !failed.includes(r.component.name));
        if (prune)
            retention = await retain(host, settings, log, kept, committed, partial.label);
    }
    finally {
        await committed.release();
    }
    return {
        label: partial.label,
        date: committed.date,
        path: committed.path,
        manifest,
        reused: false,
        failed,
        replaced: committed.replaced,
        retention,
    };
}
/** Null when today's verified snapshot answers this run; otherwise why not, in one sentence. */
async function whyNotReusable(existing, preparing, settings) {
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
        const disk = await (0,snapshot/* applyDiskRetention */.mA)(host, (0,commands_host/* layoutOf */.aH)(settings), policy, log, label, committed.lock ? { lock: committed.lock } : undefined);
        const alone = disk.leftAlone.length > 0
            ? `; left alone ${disk.leftAlone.length} director${disk.leftAlone.length === 1 ? 'y' : 'ies'} it does not judge (${disk.leftAlone.join(', ')})`
            : '';
        lines.push(`Disk retention: kept ${disk.kept.length}, deleted ${disk.deleted.length} snapshot(s)${alone}.`);
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


/***/ })

};

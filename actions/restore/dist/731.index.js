export const id = 731;
export const ids = [731];
export const modules = {

/***/ 27731:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  renderColumns: () => (/* binding */ renderColumns),
  statusCommand: () => (/* binding */ statusCommand),
  statusTable: () => (/* binding */ statusTable)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/index.js + 2 modules
var snapshot = __webpack_require__(21746);
;// CONCATENATED MODULE: ./lib/src/shared/status/judge.js
/** complete: a valid manifest and no failed component; failed: a manifest recording a failure. */
function stateOf(snapshot) {
    if (!snapshot.manifest)
        return { state: 'incomplete', failed: [] };
    const failed = Object.entries(snapshot.manifest.components)
        .filter(([, record]) => String(record.verdict) === 'failed')
        .map(([name]) => name);
    return { state: failed.length > 0 ? 'failed' : 'complete', failed };
}
/** Bytes of the files the manifest lists (what the snapshot holds, as it promised). */
function manifestBytes(snapshot) {
    return snapshot.manifest?.files.reduce((sum, file) => sum + file.size, 0) ?? 0;
}
/** The newest daily snapshot that is complete; restores' safety snapshots never count as the schedule's. */
function newestComplete(snapshots) {
    return snapshots.filter((s) => s.kind === 'daily' && stateOf(s).state === 'complete').at(-1) ?? null;
}
function judgeStatus(snapshots, now, policy, check) {
    const newest = newestComplete(snapshots);
    if (!newest?.manifest) {
        return { ok: false, newest: null, problems: ['There is no complete daily snapshot.'] };
    }
    const problems = [];
    const completed = Date.parse(newest.manifest.completedAt);
    const age = now.getTime() - completed;
    if (age > policy.maxAgeMs) {
        problems.push(`The newest complete snapshot, ${newest.label}, was completed ${describeAge(age)} ago (${newest.manifest.completedAt}): older than max-age ${describeAge(policy.maxAgeMs)}.`);
    }
    const bytes = manifestBytes(newest);
    if (policy.minSize !== undefined && bytes < policy.minSize) {
        problems.push(`The newest complete snapshot, ${newest.label}, holds ${bytes} bytes: smaller than min-size ${policy.minSize} bytes.`);
    }
    if (check && check.verdict !== 'good') {
        problems.push(`The newest complete snapshot, ${newest.label}, fails verify (${check.verdict}): ${check.problems.slice(0, 3).join('; ')}${check.problems.length > 3 ? `; and ${check.problems.length - 3} more` : ''}.`);
    }
    return { ok: problems.length === 0, newest, problems };
}
/** `3 h 12 min`, `2 d 1 h`, `45 min`, `20 s`. */
function describeAge(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    if (d > 0)
        return h > 0 ? `${d} d ${h} h` : `${d} d`;
    if (h > 0)
        return m > 0 ? `${h} h ${m} min` : `${h} h`;
    if (m > 0)
        return `${m} min`;
    return `${s} s`;
}

// EXTERNAL MODULE: ./lib/src/shared/copy/record.js
var copy_record = __webpack_require__(20461);
// EXTERNAL MODULE: ./lib/src/shared/remote/quote.js
var quote = __webpack_require__(89413);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/layout.js
var layout = __webpack_require__(86489);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/listing.js
var listing = __webpack_require__(91487);
// EXTERNAL MODULE: ./lib/src/shared/snapshot/manifest.js
var manifest = __webpack_require__(47494);
;// CONCATENATED MODULE: ./lib/src/shared/status/listing.js





/** A restore's safety snapshot: same layout, never counted by daily retention or freshness. */
const PRE_RESTORE = /^pre-restore-\d{8}T\d{6}Z$/;
/**
 * One round trip over the backups dir's one listing: per snapshot directory
 * `entry<TAB>LABEL<TAB>BYTES<TAB>MANIFEST<TAB>COPY`, the last two the files' contents in base64
 * (`-` when absent), so any bytes survive the line format.
 */
function listingScript(root) {
    return `root=${(0,quote/* shellQuote */.Z)(root)}
if ! cd -- "$root" 2>/dev/null; then echo no-backups-dir; exit 0; fi
encoded() { if [ -f "$1" ]; then base64 -w0 -- "$1"; else printf -- -; fi; }
${(0,listing/* backupsListingWith */.At)(`    case $name in ${listing/* SNAPSHOT_NAME_PATTERN */.is}) ;; *) continue ;; esac
    bytes=$(find "$name" -type f -printf '%s\\n' | awk '{ s += $1 } END { printf "%d", s }')
    printf 'entry\\t%s\\t%s\\t%s\\t%s\\n' "$name" "$bytes" "$(encoded "$name/${layout/* MANIFEST_FILE */.h1}")" "$(encoded "$name${copy_record/* COPY_RECORD_SUFFIX */.YN}")"
`)}`;
}
function parseCopyState(text) {
    const record = (0,copy_record/* parseCopyRecord */.Qb)(text);
    return record
        ? {
            verified: record.verified,
            verifiedAt: record.verifiedAt ?? null,
            host: record.host,
            problems: record.problems ?? [],
        }
        : null;
}
/** The listing's lines as snapshots, oldest first; null when the backups dir does not exist. */
function parseListing(stdout) {
    const lines = stdout.split('\n');
    if (lines.includes('no-backups-dir'))
        return null;
    const snapshots = [];
    for (const line of lines) {
        const [tag, label, bytes, manifest64, copy64] = line.split('\t');
        if (tag !== 'entry' || !label)
            continue;
        const kind = (0,layout/* isSnapshotDate */.XZ)(label) ? 'daily' : PRE_RESTORE.test(label) ? 'pre-restore' : null;
        if (kind === null)
            continue;
        const parsed = manifest64 && manifest64 !== '-'
            ? (0,manifest/* parseManifest */.Ng)(Buffer.from(manifest64, 'base64').toString('utf8'))
            : null;
        const copy = copy64 && copy64 !== '-' ? parseCopyState(Buffer.from(copy64, 'base64').toString('utf8')) : null;
        snapshots.push({
            label,
            kind,
            bytes: Number(bytes) || 0,
            manifest: parsed?.ok ? parsed.manifest : null,
            manifestProblem: parsed === null ? `no ${layout/* MANIFEST_FILE */.h1}` : parsed.ok ? null : parsed.problem,
            copy,
            copyUnreadable: copy === null && !!copy64 && copy64 !== '-',
        });
    }
    return snapshots.sort((a, b) => completedKey(a).localeCompare(completedKey(b)));
}
/** Oldest first: by completion time when known, else by label (a date sorts like its day). */
function completedKey(snapshot) {
    return snapshot.manifest?.completedAt ?? snapshot.label;
}
async function listHostSnapshots(remote, root) {
    const { stdout } = await remote.exec(listingScript(root), {
        description: `list the snapshots in ${root}`,
        maxCollectedBytes: 256 * 1024 * 1024,
    });
    return parseListing(stdout);
}

;// CONCATENATED MODULE: ./lib/src/shared/status/index.js
/** `status`: the snapshots on a host, and whether the newest complete one is fresh, big enough and good. */



// EXTERNAL MODULE: ./lib/src/shared/text.js
var shared_text = __webpack_require__(15831);
// EXTERNAL MODULE: ./lib/src/commands/host.js + 1 modules
var host = __webpack_require__(20465);
;// CONCATENATED MODULE: ./lib/src/commands/status.js





/**
 * `status` (the backup action's `mode: status`): every snapshot on the host, and exit 1 when the
 * newest complete daily one is older than max-age, smaller than min-size, or fails verify, so a
 * backup that silently stopped happening is noticed. Only that one is re-checked (every sha256);
 * the others are described from their manifests.
 */
const statusCommand = async ({ settings, log, surface }) => {
    const remote = await (0,host/* openHost */.Zb)(settings, log);
    try {
        const root = (0,snapshot/* backupsRoot */.GI)((0,host/* layoutOf */.aH)(settings));
        log.info(`Listing the snapshots in ${root} on ${remote.description}`);
        const listed = (await listHostSnapshots(remote, root)) ?? [];
        const newest = newestComplete(listed);
        let check = null;
        if (newest) {
            log.info(`Verifying the newest complete snapshot, ${newest.label}: every file against its manifest.`);
            check = await (0,snapshot/* verifySnapshot */.Mx)(remote, external_node_path_.posix.join(root, newest.label));
        }
        const now = new Date();
        const judgement = judgeStatus(listed, now, policyOf(settings), check);
        const table = statusTable(listed, newest, check);
        return {
            ok: judgement.ok,
            headline: headline(listed, judgement, now, root),
            details: judgement.problems,
            // The CLI prints the table on stdout (below); the action puts it in the job summary.
            ...(surface === 'action' ? { table } : {}),
            stdout: {
                text: renderColumns(table),
                json: statusJson(listed, judgement, check, settings, now, remote.description, root),
            },
            outputs: (newest
                ? { 'snapshot-date': newest.label, 'snapshot-path': external_node_path_.posix.join(root, newest.label) }
                : {}),
        };
    }
    finally {
        await remote.close();
    }
};
function policyOf(settings) {
    return { maxAgeMs: settings['max-age'], minSize: settings['min-size'] };
}
function headline(listed, judgement, now, root) {
    const newest = judgement.newest;
    const count = `${listed.length} snapshot${listed.length === 1 ? '' : 's'} in ${root}`;
    if (!newest?.manifest)
        return `No complete daily snapshot (${count}).`;
    const age = describeAge(now.getTime() - Date.parse(newest.manifest.completedAt));
    const facts = `${newest.label}, completed ${age} ago, ${(0,shared_text/* formatBytes */.z3)(manifestBytes(newest))}`;
    return judgement.ok
        ? `Newest complete snapshot ${facts}, every file verified now (${count}).`
        : `Backups need attention: newest complete snapshot ${facts} (${count}).`;
}
function statusTable(listed, newest, check) {
    return {
        header: ['snapshot', 'completed', 'size', 'components', 'verdict', 'copy'],
        rows: [...listed]
            .reverse()
            .map((snapshot) => [
            snapshot.kind === 'pre-restore' ? `${snapshot.label} (safety)` : snapshot.label,
            snapshot.manifest?.completedAt ?? '-',
            (0,shared_text/* formatBytes */.z3)(snapshot.bytes),
            componentsText(snapshot),
            verdictText(snapshot, snapshot === newest ? check : null),
            copyText(snapshot),
        ]),
    };
}
function componentsText(snapshot) {
    if (!snapshot.manifest)
        return '-';
    return Object.entries(snapshot.manifest.components)
        .map(([name, record]) => (record.verdict === 'passed' ? name : `${name} (${record.verdict})`))
        .join(', ');
}
function verdictText(snapshot, check) {
    const { state, failed } = stateOf(snapshot);
    if (state === 'incomplete')
        return `incomplete: ${snapshot.manifestProblem ?? 'no manifest'}`;
    if (state === 'failed')
        return `failed: ${failed.join(', ')} (the other components are kept)`;
    if (!check)
        return 'complete (files not re-checked now)';
    return check.verdict === 'good'
        ? 'good: every file verified now'
        : `${check.verdict.toUpperCase()}: ${check.problems[0] ?? 'fails verify'}`;
}
function copyText(snapshot) {
    if (snapshot.copyUnreadable)
        return 'copy record unreadable';
    if (!snapshot.copy)
        return 'not copied';
    return snapshot.copy.verified
        ? `verified on ${snapshot.copy.host}${snapshot.copy.verifiedAt ? ` at ${snapshot.copy.verifiedAt}` : ''}`
        : `NOT verified on ${snapshot.copy.host}: ${snapshot.copy.problems[0] ?? 'no reason recorded'}`;
}
/** Columns padded for a terminal. */
function renderColumns(table) {
    const rows = [table.header, ...table.rows];
    const widths = table.header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
    return `${rows
        .map((row) => row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd())
        .join('\n')}\n`;
}
function statusJson(listed, judgement, check, settings, now, host, root) {
    return {
        ok: judgement.ok,
        checkedAt: now.toISOString(),
        host,
        backupsDir: root,
        maxAgeMs: settings['max-age'],
        minSize: settings['min-size'] ?? null,
        problems: judgement.problems,
        newestComplete: judgement.newest?.label ?? null,
        snapshots: [...listed].reverse().map((snapshot) => ({
            label: snapshot.label,
            kind: snapshot.kind,
            state: stateOf(snapshot).state,
            completedAt: snapshot.manifest?.completedAt ?? null,
            bytes: snapshot.bytes,
            manifestBytes: manifestBytes(snapshot),
            components: Object.fromEntries(Object.entries(snapshot.manifest?.components ?? {}).map(([name, record]) => [name, record.verdict])),
            manifestProblem: snapshot.manifestProblem,
            verify: snapshot === judgement.newest && check ? { verdict: check.verdict, problems: check.problems } : null,
            copy: snapshot.copy,
        })),
    };
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

export const id = 232;
export const ids = [232];
export const modules = {

/***/ 14232:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verifyCommand: () => (/* binding */ verifyCommand)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88507);
/* harmony import */ var _shared_report_summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(70241);
/* harmony import */ var _shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(21746);
/* harmony import */ var _shared_text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(15831);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(20465);






/**
 * `verify` (the backup action's `mode: verify`): re-reads a snapshot on the host (the latest, or
 * `snapshot-date`) and checks every file against its manifest, then its OpenSearch snapshot.
 */
const verifyCommand = async ({ settings, log }) => {
    const remote = await (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .openHost */ .Zb)(settings, log);
    try {
        const root = (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .backupsRoot */ .GI)((0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .layoutOf */ .aH)(settings));
        const date = (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .chooseSnapshot */ .Ip)(await (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .listSnapshots */ .Cb)(remote, (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .layoutOf */ .aH)(settings)), settings['snapshot-date'], `${root} on ${remote.description}`);
        const path = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(root, date);
        const swapped = await swappedAside(remote, settings, date);
        for (const line of swapped)
            log.warn(line);
        log.info(`Verifying ${path} on ${remote.description}`);
        const report = await (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .verifySnapshot */ .Mx)(remote, path);
        const problems = [...report.problems];
        const details = [...swapped];
        const opensearch = report.manifest?.components['opensearch'];
        if (opensearch && opensearch.verdict === 'passed') {
            const checked = await log.group('OpenSearch', () => verifyOpenSearchComponent(remote, settings, log, opensearch));
            problems.push(...checked.problems);
            details.push(...checked.details);
        }
        const ok = report.verdict === 'good' && problems.length === 0;
        const verdict = ok ? 'good' : report.verdict === 'good' ? 'bad' : report.verdict;
        return {
            ok,
            headline: ok
                ? `Snapshot ${date} verified: ${(0,_shared_report_summary_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(report.filesChecked, 'file')}, ${(0,_shared_text_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z3)(report.bytesChecked)}, every size and sha256 as in the manifest${opensearch ? '; OpenSearch snapshot checked' : ''}.`
                : report.verdict === 'incomplete' && report.failedComponents.length > 0
                    ? `Snapshot ${date} is incomplete: ${report.failedComponents.join(', ')} failed when it was taken; the other components are kept.`
                    : `Snapshot ${date} is ${verdict}.`,
            details: [...problems, ...details],
            outputs: {
                'snapshot-date': date,
                'snapshot-path': path,
                ...(report.manifest ? { manifest: JSON.stringify(report.manifest) } : {}),
            },
            ...(report.manifest ? { table: (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .filesTable */ .M5)(report.manifest) } : {}),
            stdout: {
                text: `${path} ${verdict}\n`,
                json: { ok, 'snapshot-date': date, 'snapshot-path': path, verdict, problems },
            },
        };
    }
    finally {
        await remote.close();
    }
};
/**
 * The OpenSearch part of a snapshot lives in the repository: judge it again from the snapshot
 * itself, then (restore-drill) restore it under new names and compare counts with the manifest.
 */
async function verifyOpenSearchComponent(remote, settings, log, recorded) {
    const parsed = (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .parseComponentDetails */ .BP)('opensearch', recorded);
    if (!parsed.ok)
        return { problems: [`OpenSearch: ${parsed.problem}`], details: [] };
    const { snapshot, repository, indices } = parsed.details;
    const connection = await (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .openOpenSearch */ .jJ)(remote, settings, log);
    try {
        const verdict = await (0,_shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_1__/* .verifyOpenSearchSnapshot */ .UH)(connection.client, {
            repository,
            snapshot,
            expectedIndices: Object.keys(indices),
        });
        if (!verdict.ok)
            return { problems: verdict.problems.map((p) => `OpenSearch: ${p}`), details: [] };
        const details = [
            `OpenSearch snapshot ${snapshot}: ${verdict.state}, ${verdict.shards.successful}/${verdict.shards.total} shards.`,
        ];
        if (!settings['restore-drill'])
            return { problems: [], details };
        const drill = await (0,_shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_1__/* .restoreDrill */ .SR)(connection.client, {
            repository,
            snapshot,
            expectedDocs: Object.fromEntries(Object.entries(indices).map(([name, record]) => [name, record.docs])),
        }, (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .osLog */ .rU)(log));
        if (!drill.ok)
            return { problems: drill.problems.map((p) => `OpenSearch restore drill: ${p}`), details };
        details.push(`Restore drill: ${(0,_shared_report_summary_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(drill.indices.length, 'index', 'indices')} restored under new names, document counts as in the manifest, then deleted.`);
        return { problems: [], details };
    }
    finally {
        await connection.close();
    }
}
/**
 * A forced run moves the old snapshot aside as `.<name>.replaced-*` only for its two renames; one
 * found here means a run died in that window (or is in it now): say so, as the next run puts it back.
 */
async function swappedAside(remote, settings, chosen) {
    const catalog = await (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .readCatalog */ .uM)(remote, (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .layoutOf */ .aH)(settings));
    return catalog.replaced.map((name) => {
        const of = name.slice(1).replace(/\.replaced-.*$/, '');
        const present = catalog.entries.some((e) => e.name === of);
        return present
            ? `${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(catalog.root, name)} is an older copy of ${of}, left by a forced run that died after the swap; the next backup removes it.`
            : `${of} is missing: a forced run died while swapping it, and its old snapshot is at ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(catalog.root, name)}; the next backup puts it back${of === chosen ? '' : ` (this verified ${chosen} instead)`}.`;
    });
}


/***/ })

};

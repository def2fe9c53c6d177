export const id = 722;
export const ids = [722];
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
/* harmony import */ var _shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(30922);
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
        log.info(`Verifying ${path} on ${remote.description}`);
        const report = await (0,_shared_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .verifySnapshot */ .Mx)(remote, path);
        const problems = [...report.problems];
        const details = [];
        const opensearch = report.manifest?.components['opensearch'];
        if (opensearch) {
            const checked = await log.group('OpenSearch', () => verifyOpenSearchComponent(remote, settings, log, opensearch.details));
            problems.push(...checked.problems);
            details.push(...checked.details);
        }
        const ok = report.verdict === 'good' && problems.length === 0;
        const verdict = ok ? 'good' : report.verdict === 'good' ? 'bad' : report.verdict;
        return {
            ok,
            headline: ok
                ? `Snapshot ${date} verified: ${(0,_shared_report_summary_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(report.filesChecked, 'file')}, ${(0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .formatBytes */ .z3)(report.bytesChecked)}, every size and sha256 as in the manifest${opensearch ? '; OpenSearch snapshot checked' : ''}.`
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
    const snapshot = String(recorded['snapshot'] ?? '');
    const repository = String(recorded['repository'] ?? settings['snapshot-repository']);
    const indices = (recorded['indices'] ?? {});
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


/***/ }),

/***/ 64377:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w$: () => (/* binding */ datetime)
/* harmony export */ });
/* unused harmony exports date, time, duration */
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43759);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);



function datetime(params) {
    return _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* ._isoDateTime */ .G1(_schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .ZodISODateTime */ .You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}


/***/ })

};

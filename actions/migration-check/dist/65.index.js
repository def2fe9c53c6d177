export const id = 65;
export const ids = [65];
export const modules = {

/***/ 14065:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   afterChange: () => (/* binding */ afterChange),
/* harmony export */   requestedWatermarks: () => (/* binding */ requestedWatermarks),
/* harmony export */   setWatermarksCommand: () => (/* binding */ setWatermarksCommand)
/* harmony export */ });
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8835);
/* harmony import */ var _shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2614);
/* harmony import */ var _shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88507);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(20465);




function settingName(level, surface) {
    return surface === 'cli' ? `--${level}` : level;
}
/** The levels asked for ('default' removes the override: null), checked before anything is sent. */
function requestedWatermarks(settings, surface) {
    const requested = {};
    const marks = {};
    const problems = [];
    for (const level of _shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .WATERMARK_LEVELS */ .J) {
        const raw = settings[level];
        if (raw === undefined)
            continue;
        if (raw.toLowerCase() === 'default') {
            requested[level] = null;
            continue;
        }
        const mark = (0,_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .parseWatermark */ .OZ)(raw);
        if (!mark) {
            problems.push(`Invalid setting '${settingName(level, surface)}': expected a percentage up to 100%, a ratio up to 1.0 or a byte size, found '${raw}'.`);
            continue;
        }
        requested[level] = raw;
        marks[level] = mark;
    }
    if (Object.keys(requested).length === 0 && problems.length === 0) {
        problems.push(`set-watermarks needs at least one of ${_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .WATERMARK_LEVELS */ .J.map((l) => `'${settingName(l, surface)}'`).join(', ')}.`);
    }
    problems.push(...(0,_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .watermarkOrderProblems */ .Nt)(marks));
    if (problems.length > 0)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(problems);
    return requested;
}
/** The settings body the cluster will hold once `requested` is applied to `scope`. */
function afterChange(before, scope, requested) {
    const scoped = { ...(before[scope] ?? {}) };
    for (const [level, value] of Object.entries(requested)) {
        if (value === null)
            delete scoped[_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .WATERMARK_KEYS */ .eL[level]];
        else
            scoped[_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .WATERMARK_KEYS */ .eL[level]] = value;
    }
    return { ...before, [scope]: scoped };
}
function describeLevels(body) {
    const { marks } = (0,_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .effectiveWatermarks */ .Jy)(body);
    return Object.fromEntries(_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .WATERMARK_LEVELS */ .J.map((level) => [
        level,
        `${(0,_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .describeWatermark */ .y1)(marks[level].mark)} (${marks[level].source})`,
    ]));
}
/**
 * `gateway-ops set-watermarks`: the runbook's "change disk watermark levels" through the API. The
 * levels given are checked for form and order before connecting; together with the levels the
 * cluster keeps, once more before the change is sent; then the effective levels are read back.
 */
const setWatermarksCommand = async ({ settings, log, surface }) => {
    const requested = requestedWatermarks(settings, surface);
    const scope = settings.persistence;
    const remote = await (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .openHost */ .Zb)(settings, log);
    try {
        const connection = await (0,_host_js__WEBPACK_IMPORTED_MODULE_3__/* .openOpenSearch */ .jJ)(remote, settings, log);
        try {
            const before = await (0,_shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_2__/* .readClusterSettings */ .Qr)(connection.client);
            const planned = (0,_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .effectiveWatermarks */ .Jy)(afterChange(before, scope, requested));
            const order = (0,_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .watermarkOrderProblems */ .Nt)(Object.fromEntries(_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .WATERMARK_LEVELS */ .J.map((level) => [level, planned.marks[level].mark])));
            if (order.length > 0) {
                throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1([
                    ...order.map((p) => `${p} (with the levels the cluster keeps: ${_shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .WATERMARK_LEVELS */ .J.map((l) => `${l} ${planned.marks[l].mark.raw} from ${planned.marks[l].source}`).join(', ')})`),
                    'Nothing was changed. Give the other levels too.',
                ]);
            }
            log.info(`OpenSearch: setting ${Object.entries(requested)
                .map(([l, v]) => `${l}=${v ?? 'default'}`)
                .join(', ')} (${scope})`);
            await (0,_shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_2__/* .putWatermarks */ .$B)(connection.client, scope, requested);
            const after = await (0,_shared_opensearch_index_js__WEBPACK_IMPORTED_MODULE_2__/* .readClusterSettings */ .Qr)(connection.client);
            const was = describeLevels(before);
            const now = describeLevels(after);
            const result = { scope, requested, before: was, after: now };
            return {
                ok: true,
                headline: `Disk watermarks of ${connection.endpoint} changed (${scope}).`,
                table: {
                    header: ['level', 'before', 'after'],
                    rows: _shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .WATERMARK_LEVELS */ .J.map((level) => [level, was[level], now[level]]),
                },
                outputs: { watermarks: JSON.stringify(result) },
                stdout: {
                    text: _shared_health_watermarks_js__WEBPACK_IMPORTED_MODULE_1__/* .WATERMARK_LEVELS */ .J.map((level) => `${level}\t${now[level]}\n`).join(''),
                    json: result,
                },
            };
        }
        finally {
            await connection.close();
        }
    }
    finally {
        await remote.close();
    }
};


/***/ })

};

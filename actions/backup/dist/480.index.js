export const id = 480;
export const ids = [480];
export const modules = {

/***/ 17480:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   connectThroughTunnel: () => (/* binding */ connectThroughTunnel)
/* harmony export */ });
/* unused harmony exports clientOptions, createOpenSearchClient */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41692);
/* harmony import */ var _opensearch_project_opensearch__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61093);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12968);
/**
 * The official OpenSearch client, configured for operations that must not be repeated behind our
 * back: `maxRetries: 0` (a timed-out snapshot request that the client sent again would collide with
 * itself), explicit TLS (a CA, or an explicit and warned `insecureTls`), credentials kept out of the
 * URL and out of every message, and a tunnel-aware host name check.
 */




/** The options handed to the client, exported for tests of what is (and is not) configured. */
function clientOptions(options) {
    const url = new URL(options.url);
    if (url.username || url.password) {
        throw new Error('opensearch: credentials must not be part of the URL (they would show in messages)');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`opensearch: URL must be http:// or https://, got ${url.protocol}`);
    }
    const base = {
        node: url.toString(),
        maxRetries: 0,
        requestTimeout: options.requestTimeoutMs ?? 30_000,
        sniffOnStart: false,
        sniffOnConnectionFault: false,
        sniffInterval: false,
        compression: undefined,
        // Big responses (GET _snapshot/<repo>/_all) must not be refused by the default breaker.
        memoryCircuitBreaker: { enabled: false, maxPercentage: 1 },
    };
    if (options.username !== undefined || options.password !== undefined) {
        base.auth = { username: options.username ?? '', password: options.password ?? '' };
    }
    if (url.protocol === 'https:') {
        const serverName = options.tlsServerName;
        base.ssl = {
            rejectUnauthorized: !options.insecureTls,
            ...(options.ca ? { ca: options.ca } : {}),
            ...(serverName && !(0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(serverName) ? { servername: serverName } : {}),
            ...(serverName
                ? {
                    checkServerIdentity: (_host, cert) => (0,node_tls__WEBPACK_IMPORTED_MODULE_1__.checkServerIdentity)(serverName, cert),
                }
                : {}),
        };
    }
    return base;
}
function createOpenSearchClient(options, log) {
    const url = new URL(options.url);
    if (url.protocol === 'https:' && options.insecureTls) {
        log?.warn(`opensearch: TLS certificate verification is OFF for ${url.host} (opensearch-insecure-tls: true); anyone on the path could read the credentials`);
    }
    if (url.protocol === 'http:' && options.password) {
        log?.warn(`opensearch: credentials are sent over plain http to ${url.host}`);
    }
    const client = new _opensearch_project_opensearch__WEBPACK_IMPORTED_MODULE_2__/* .Client */ .Kj(clientOptions(options));
    const secrets = options.password
        ? [options.password, `${options.username ?? ''}:${options.password}`]
        : [];
    const endpoint = `${url.protocol}//${options.tlsServerName ? `${options.tlsServerName} (via ${url.host})` : url.host}`;
    return {
        client,
        endpoint,
        secrets,
        mask: (text) => (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .maskSecrets */ .QU)(text, secrets),
        close: () => client.close(),
    };
}
/**
 * Reach OpenSearch through an SSH tunnel: forward a local port to the URL's host:port as seen from
 * the SSH host, and check the certificate against that host's name, not 127.0.0.1.
 */
async function connectThroughTunnel(remote, options, log) {
    const target = new URL(options.url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    const tunnel = await remote.forward(host, port);
    const local = `${target.protocol}//127.0.0.1:${tunnel.localPort}`;
    let connection;
    try {
        connection = createOpenSearchClient({ ...options, url: local, ...(target.protocol === 'https:' ? { tlsServerName: host } : {}) }, log);
    }
    catch (error) {
        await tunnel.close();
        throw error;
    }
    const endpoint = `${target.protocol}//${target.host} (through the SSH tunnel)`;
    const forget = (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .registerTunnelEndpoint */ .bA)(`127.0.0.1:${tunnel.localPort}`, endpoint);
    return {
        ...connection,
        endpoint,
        tunnel,
        async close() {
            try {
                await connection.close();
            }
            finally {
                forget();
                await tunnel.close();
            }
        },
    };
}


/***/ })

};

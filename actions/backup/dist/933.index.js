export const id = 933;
export const ids = [933];
export const modules = {

/***/ 20465:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  M5: () => (/* binding */ filesTable),
  a3: () => (/* binding */ formatDuration),
  aH: () => (/* binding */ layoutOf),
  Zb: () => (/* binding */ openHost),
  jJ: () => (/* binding */ openOpenSearch),
  rU: () => (/* binding */ osLog),
  RB: () => (/* binding */ postgresTarget)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
// EXTERNAL MODULE: ./lib/src/shared/opensearch/discover.js
var discover = __webpack_require__(11336);
// EXTERNAL MODULE: ./lib/src/shared/remote/index.js + 7 modules
var shared_remote = __webpack_require__(43031);
// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(85472);
// EXTERNAL MODULE: ./lib/src/shared/setting-ref.js
var setting_ref = __webpack_require__(46870);
;// CONCATENATED MODULE: ./lib/src/shared/remote/key-check.js




/**
 * Checks a private key before any connection, so a wrong key is a settings error that names the
 * setting and says what to do: not a key, a public key, encrypted without (or with a wrong)
 * passphrase. Returns warnings (a key file others can read, as OpenSSH warns).
 */
function checkPrivateKey(text, source, passphrase) {
    const setting = source.kind === 'file' ? (0,setting_ref/* settingRef */.y)('ssh-private-key-file') : (0,setting_ref/* settingRef */.y)('ssh-private-key');
    const what = source.kind === 'file' ? `the file '${source.path}'` : 'the key text';
    if (/^\s*(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-\S+)\s+[A-Za-z0-9+/=]+/.test(text)) {
        throw new errors/* ConfigurationError */.j1(`${setting}: ${what} is a public key${source.kind === 'file' && source.path.endsWith('.pub') ? ' (a .pub file)' : ''}; give the private key${source.kind === 'file' && source.path.endsWith('.pub') ? ` ('${source.path.slice(0, -4)}')` : ''}, whose first line is '-----BEGIN OPENSSH PRIVATE KEY-----'.`);
    }
    const parsed = lib.utils.parseKey(text, passphrase);
    if (parsed instanceof Error) {
        if (/encrypted|passphrase|decrypt|bad decrypt/i.test(parsed.message)) {
            throw new errors/* ConfigurationError */.j1(passphrase
                ? `${setting}: ${what} could not be decrypted with the given ${(0,setting_ref/* settingRef */.y)('ssh-passphrase')}: the passphrase is wrong.`
                : `${setting}: ${what} is encrypted and needs a passphrase: set ${(0,setting_ref/* settingRef */.y)('ssh-passphrase')}.`);
        }
        throw new errors/* ConfigurationError */.j1(source.kind === 'file'
            ? `${setting}: ${what} is not a private key ssh can read (${parsed.message}); point it at the private key file (e.g. ~/.ssh/id_ed25519).`
            : `${setting}: ${what} is not a private key ssh can read (${parsed.message}); give the whole private key text, BEGIN and END lines included.`);
    }
    const warnings = [];
    if (source.kind === 'file') {
        const mode = (0,external_node_fs_.statSync)(source.path).mode & 0o777;
        if (mode & 0o077) {
            warnings.push(`the private key file '${source.path}' can be read by others (mode ${mode.toString(8).padStart(4, '0')}): run 'chmod 600 ${source.path}' (OpenSSH refuses such a key).`);
        }
    }
    return warnings;
}

// EXTERNAL MODULE: ./lib/src/shared/text.js
var shared_text = __webpack_require__(15831);
;// CONCATENATED MODULE: ./lib/src/commands/host.js


// Not the OpenSearch room's index: that loads the OpenSearch client (~25 MB of RSS), which only a
// run that reaches OpenSearch needs (openOpenSearch loads it).




function readSettingFile(name, path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`Invalid setting '${name}': cannot read '${path}' (${error.code ?? error}).`);
    }
}
/** Opens the SSH session every host operation runs in, from the settings; secrets are masked first. */
async function openHost(settings, log) {
    const keyFile = settings['ssh-private-key'] === undefined ? settings['ssh-private-key-file'] : undefined;
    const privateKey = settings['ssh-private-key'] ?? readSettingFile('ssh-private-key-file', keyFile);
    log.setSecret(privateKey);
    if (settings['ssh-passphrase'])
        log.setSecret(settings['ssh-passphrase']);
    const source = keyFile ? { kind: 'file', path: keyFile } : { kind: 'text' };
    for (const warning of checkPrivateKey(privateKey, source, settings['ssh-passphrase']))
        log.warn(warning);
    const knownHosts = settings['ssh-known-hosts'] ??
        (settings['ssh-known-hosts-file']
            ? readSettingFile('ssh-known-hosts-file', settings['ssh-known-hosts-file'])
            : undefined);
    const remote = await (0,shared_remote/* connectRemoteHost */.Lz)({
        host: settings['ssh-host'],
        port: settings['ssh-port'],
        username: settings['ssh-user'],
        privateKey,
        ...(settings['ssh-passphrase'] ? { passphrase: settings['ssh-passphrase'] } : {}),
        ...(knownHosts ? { knownHosts } : {}),
        ...(settings['ssh-host-fingerprint'] ? { hostFingerprint: settings['ssh-host-fingerprint'] } : {}),
        insecureSkipHostKeyCheck: settings['ssh-insecure-skip-host-key-check'],
        connectTimeoutMs: settings['ssh-connect-timeout'],
        commandTimeoutMs: settings['ssh-command-timeout'],
        keepaliveIntervalMs: settings['ssh-keepalive-interval'],
        logger: { warn: (m) => log.warn(m), info: (m) => log.info(m), debug: (m) => log.debug(m) },
    });
    log.info(`Connected to ${remote.description} (host key ${remote.hostKeyFingerprint}).`);
    return remote;
}
function layoutOf(settings) {
    return {
        deployDir: settings['deploy-dir'],
        backupsDir: settings['backups-dir'],
        timezone: settings.timezone,
    };
}
function postgresTarget(settings) {
    return settings.exec === 'docker'
        ? { kind: 'docker', container: settings['postgres-container'] }
        : { kind: 'host' };
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${ms} ms`;
    const s = ms / 1000;
    return s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
/** OpenSearch through an SSH tunnel, credentials read from the container and masked at once. */
async function openOpenSearch(remote, settings, log) {
    const found = await (0,discover/* discoverOpenSearch */.W)(remote, {
        container: settings['opensearch-container'],
        ...(settings['opensearch-url'] ? { url: settings['opensearch-url'] } : {}),
        userVariable: settings['opensearch-user-variable'],
        passwordVariable: settings['opensearch-password-variable'],
        onSecret: (secret) => log.setSecret(secret),
    });
    if (settings['opensearch-insecure-tls']) {
        log.warn('opensearch-insecure-tls is true: the OpenSearch certificate is not verified.');
    }
    const { connectThroughTunnel } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(93), __webpack_require__.e(480)]).then(__webpack_require__.bind(__webpack_require__, 17480));
    return connectThroughTunnel(remote, {
        url: found.url,
        username: found.username,
        password: found.password,
        ...(settings['opensearch-ca'] ? { ca: settings['opensearch-ca'] } : {}),
        insecureTls: settings['opensearch-insecure-tls'],
    }, osLog(log));
}
function osLog(log) {
    return { info: (m) => log.info(m), warn: (m) => log.warn(m) };
}
/** The job summary's table of a snapshot's files. */
function filesTable(manifest) {
    return {
        header: ['component', 'file', 'size', 'sha256', 'duration', 'verdict'],
        rows: manifest.files.map((file) => {
            const component = manifest.components[file.component];
            return [
                file.component,
                file.path,
                (0,shared_text/* formatBytes */.z3)(file.size),
                `${file.sha256.slice(0, 16)}…`,
                component ? formatDuration(component.durationMs) : '',
                component?.verdict ?? '',
            ];
        }),
    };
}


/***/ }),

/***/ 11336:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ discoverOpenSearch)
/* harmony export */ });
/* unused harmony export parseContainerAddress */
/* harmony import */ var _remote_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43031);
/* harmony import */ var _setting_ref_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46870);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12968);
/**
 * Where OpenSearch is and how to log in, read from the container on the SSH host: the URL from
 * `docker inspect` (exact container name, never a substring match) unless `opensearch-url` is set,
 * and the credentials from the container's environment (the remote room's `readContainerEnv`: `printenv`
 * through `docker exec -i`, so the password never appears on a command line or in the process list).
 */



/** The first IP address in `docker inspect` output of `{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}`. */
function parseContainerAddress(output) {
    return output
        .split(/\s+/)
        .map((s) => s.trim())
        .find((s) => /^[0-9a-f.:]+$/i.test(s) && s.length > 0);
}
async function discoverOpenSearch(remote, options) {
    let url = options.url;
    if (!url) {
        let output = '';
        try {
            ({ stdout: output } = await remote.run([
                'docker',
                'inspect',
                '--type',
                'container',
                '--format',
                '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
                options.container,
            ], { timeoutMs: 30_000 }));
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OpenSearchError */ .R0('connection', `cannot inspect the OpenSearch container ${options.container}: ${error instanceof Error ? error.message : String(error)}`, {
                hint: `Check ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .settingRef */ .y)('opensearch-container')} (an exact container name) and that it is running.`,
            });
        }
        const address = parseContainerAddress(output);
        if (!address) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OpenSearchError */ .R0('connection', `the OpenSearch container ${options.container} has no network address`, {
                hint: `Set ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .settingRef */ .y)('opensearch-url')} to the URL OpenSearch answers on, as seen from the SSH host.`,
            });
        }
        url = `https://${address.includes(':') ? `[${address}]` : address}:9200`;
    }
    const env = await (0,_remote_index_js__WEBPACK_IMPORTED_MODULE_0__/* .readContainerEnv */ .De)(remote, { kind: 'docker', container: options.container }, [
        options.userVariable,
        options.passwordVariable,
    ]);
    const username = env[options.userVariable];
    const password = env[options.passwordVariable];
    if (password)
        options.onSecret?.(password);
    for (const [name, value] of [
        [options.userVariable, username],
        [options.passwordVariable, password],
    ]) {
        if (!value) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OpenSearchError */ .R0('auth', `the OpenSearch container ${options.container} has no ${name} in its environment`, {
                hint: `Set ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .settingRef */ .y)('opensearch-user-variable')} / ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .settingRef */ .y)('opensearch-password-variable')} to the names the container uses.`,
            });
        }
    }
    return { url, username: username, password: password };
}


/***/ }),

/***/ 12968:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QU: () => (/* binding */ maskSecrets),
/* harmony export */   R0: () => (/* binding */ OpenSearchError),
/* harmony export */   UO: () => (/* binding */ describeOpenSearchError),
/* harmony export */   _R: () => (/* binding */ errorBodyText),
/* harmony export */   bA: () => (/* binding */ registerTunnelEndpoint)
/* harmony export */ });
/* unused harmony export configuredAddresses */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8835);
/* harmony import */ var _setting_ref_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46870);
/**
 * OpenSearch failures turned into messages an operator can act on. A client error object is never
 * passed on as it is: its `meta` holds the request headers (the Authorization header included),
 * so anything that serialised it would print the credentials. Messages are built from the status,
 * the error type and reason, and the URL without user info, then masked.
 */


class OpenSearchError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK {
    name = 'OpenSearchError';
    code;
    status;
    /** What was known when it failed (JSON-serialisable), e.g. a snapshot's failed verdict. */
    details;
    constructor(code, message, options = {}) {
        super(message, options.hint === undefined ? {} : { hint: options.hint });
        this.code = code;
        this.status = options.status;
        this.details = options.details;
    }
}
/**
 * Replace every secret (and its URL-encoded and base64 forms) in `text` by '***'. Pass
 * `user:password` as a secret too, so that a Basic header is masked whole.
 */
function maskSecrets(text, secrets) {
    let out = text;
    const forms = new Set();
    const values = secrets.filter((s) => typeof s === 'string' && s.length >= 3);
    for (const s of values) {
        forms.add(s);
        forms.add(encodeURIComponent(s));
        forms.add(Buffer.from(s).toString('base64'));
    }
    for (const form of [...forms].sort((a, b) => b.length - a.length))
        out = out.split(form).join('***');
    return out;
}
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|Hostname\/IP does not match|certificate|ERR_SSL|EPROTO|wrong version number/i;
/** `type: reason` of an OpenSearch error body, with its causes. */
function errorBodyText(body) {
    const b = (typeof body === 'string' ? safeJson(body) : body);
    const error = b?.error;
    if (!error)
        return { type: '', text: typeof body === 'string' ? body.slice(0, 500) : '' };
    if (typeof error === 'string')
        return { type: '', text: error };
    const parts = [];
    const seen = new Set();
    const add = (t, r) => {
        const s = `${t ?? 'error'}: ${r ?? ''}`.trim();
        if (!seen.has(s)) {
            seen.add(s);
            parts.push(s);
        }
    };
    add(error.type, error.reason);
    let cause = error.caused_by;
    for (let depth = 0; cause && depth < 5; depth++) {
        add(cause.type, cause.reason);
        cause = cause.caused_by;
    }
    for (const root of error.root_cause ?? [])
        add(root.type, root.reason);
    return { type: error.type ?? '', text: parts.join('; caused by ') };
}
function safeJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/**
 * Local tunnel addresses (`127.0.0.1:41234`) and the address the user configured that each
 * stands for: messages name what the user wrote, never the tunnel's random port.
 */
const TUNNELS = new Map();
/** Called when a tunnel opens; the returned function forgets it when the tunnel closes. */
function registerTunnelEndpoint(localHost, configured) {
    TUNNELS.set(localHost, configured);
    return () => {
        if (TUNNELS.get(localHost) === configured)
            TUNNELS.delete(localHost);
    };
}
/** Replaces every local tunnel address in a message by the configured address. */
function configuredAddresses(text) {
    let out = text;
    for (const [local, configured] of TUNNELS) {
        out = out.split(`https://${local}`).join(configured).split(`http://${local}`).join(configured);
        out = out.split(local).join(configured);
    }
    return out;
}
/** The endpoint of a client error, without user info. */
function where(error, fallback) {
    const url = error.meta?.meta?.connection?.url;
    if (url instanceof URL)
        return configuredAddresses(`${url.protocol}//${url.host}`);
    return fallback;
}
/**
 * Turn anything the client threw into an OpenSearchError with a clear message. `doing` says what
 * was attempted ('registering repository my-fs-repository').
 */
function describeOpenSearchError(error, doing, context = {}) {
    if (error instanceof OpenSearchError)
        return error;
    const e = (error ?? {});
    const endpoint = where(e, context.endpoint ?? 'OpenSearch');
    const mask = (s) => configuredAddresses(maskSecrets(s, context.secrets ?? []));
    const status = e.meta?.statusCode ?? e.statusCode ?? undefined;
    const name = e.name ?? '';
    if (name === 'ResponseError' || typeof status === 'number') {
        const { type, text } = errorBodyText(e.meta?.body ?? e.body);
        const detail = mask(text || e.message || 'no details');
        if (status === 401) {
            return new OpenSearchError('auth', `${doing}: OpenSearch at ${endpoint} rejected the credentials (HTTP 401)`, {
                status,
                hint: `Check the user and password variables read from the OpenSearch container's environment (${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_1__/* .settingRef */ .y)('opensearch-user-variable')}, ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_1__/* .settingRef */ .y)('opensearch-password-variable')}).`,
            });
        }
        if (status === 403) {
            return new OpenSearchError('forbidden', `${doing}: the OpenSearch user is not allowed to (HTTP 403): ${detail}`, {
                status,
                hint: 'The user needs the cluster permissions for snapshots (cluster:admin/snapshot/*, cluster:admin/repository/*) and to read the indices.',
            });
        }
        if (status === 503 && /concurrent_snapshot_execution_exception/.test(type + detail)) {
            return new OpenSearchError('concurrent-snapshot', `${doing}: another snapshot operation is running on the cluster (HTTP 503): ${detail}`, {
                status,
                hint: 'Wait for it to finish (GET _snapshot/_status lists running snapshots) and run again; this run did not start a second one.',
            });
        }
        return new OpenSearchError('api', `${doing}: OpenSearch answered HTTP ${status ?? '?'}: ${detail}`, {
            ...(status === undefined ? {} : { status }),
        });
    }
    const message = mask(`${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`);
    if (name === 'TimeoutError') {
        return new OpenSearchError('request-timeout', `${doing}: the request to ${endpoint} timed out (${message})`, {
            hint: 'OpenSearch did not answer in time; check its load and the SSH tunnel.',
        });
    }
    if (TLS_CODES.test(message)) {
        return new OpenSearchError('tls', `${doing}: TLS with ${endpoint} failed: ${message}`, {
            hint: `Set ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_1__/* .settingRef */ .y)('opensearch-ca')} to the PEM of the CA that signed OpenSearch's certificate (or, knowingly, ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_1__/* .settingRef */ .y)('opensearch-insecure-tls', true)}); an http:// URL against an https port, or the reverse, fails the same way.`,
        });
    }
    if (name === 'ConnectionError' ||
        /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|socket hang up/.test(message)) {
        return new OpenSearchError('connection', `${doing}: cannot reach OpenSearch at ${endpoint}: ${message}`, {
            hint: `Is the OpenSearch container running, and is ${(0,_setting_ref_js__WEBPACK_IMPORTED_MODULE_1__/* .settingRef */ .y)('opensearch-url')} right as seen from the SSH host?`,
        });
    }
    return new OpenSearchError('api', `${doing}: ${message}`);
}


/***/ }),

/***/ 93142:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   De: () => (/* binding */ readContainerEnv),
/* harmony export */   vt: () => (/* binding */ commandIn)
/* harmony export */ });
/* unused harmony exports assertContainerName, describeTarget */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(60050);
/**
 * The container seam: where a service's commands run. `docker exec -i` into a container (never
 * `-t`: there is no terminal in cron or CI, and a TTY turns LF into CRLF), or directly on the host.
 */

const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function assertContainerName(name) {
    if (!CONTAINER_NAME.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`invalid container name ${JSON.stringify(name)}: docker names are letters, digits, '_', '.' and '-', not starting with a symbol`);
    }
}
function assertEnvName(name) {
    if (!ENV_NAME.test(name))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`invalid environment variable name ${JSON.stringify(name)}`);
}
/** `docker exec` or nothing, by target. */
function describeTarget(target) {
    return target.kind === 'docker' ? `container ${target.container}` : 'the host';
}
/**
 * argv that runs `argv` in the target: `docker exec -i [-u U] [-w D] [-e K=V]... [-e NAME]... C argv...`
 * for a container; for the host `argv` unchanged (or prefixed with `env [-C D] K=V...`).
 * The result is meant for `RemoteHost.run` (which quotes every element).
 */
function commandIn(target, argv, options = {}) {
    if (argv.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi('commandIn: empty command');
    const env = Object.entries(options.env ?? {});
    for (const [name] of env)
        assertEnvName(name);
    for (const name of options.passEnv ?? [])
        assertEnvName(name);
    if (target.kind === 'docker') {
        assertContainerName(target.container);
        const out = ['docker', 'exec', '-i'];
        if (options.user !== undefined)
            out.push('-u', options.user);
        if (options.workdir !== undefined)
            out.push('-w', options.workdir);
        for (const [name, value] of env)
            out.push('-e', `${name}=${value}`);
        for (const name of options.passEnv ?? [])
            out.push('-e', name);
        out.push(target.container, ...argv);
        return out;
    }
    if (options.user !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`running as another user (${options.user}) is only supported inside a container`);
    }
    // passEnv: on the host the command inherits the calling shell's environment anyway.
    if (env.length === 0 && options.workdir === undefined)
        return [...argv];
    const out = ['env'];
    if (options.workdir !== undefined)
        out.push('-C', options.workdir);
    for (const [name, value] of env)
        out.push(`${name}=${value}`);
    out.push('--', ...argv);
    return out;
}
/**
 * Read environment variables of the target (`docker exec -i C printenv NAME`, or the host's login
 * environment). Unset variables are `undefined`. The values may be secrets: the caller masks them
 * (`core.setSecret`) before anything can print them. A missing or stopped container is an error.
 */
async function readContainerEnv(remote, target, names) {
    const result = {};
    for (const name of names) {
        assertEnvName(name);
        try {
            const { stdout } = await remote.run(commandIn(target, ['printenv', name]), {
                description: `printenv ${name} in ${describeTarget(target)}`,
                maxCollectedBytes: 1024 * 1024,
            });
            result[name] = stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
        }
        catch (error) {
            // printenv exits 1 without a word when the variable is unset.
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteCommandError */ .at && error.exitCode === 1 && error.stderrTail.trim() === '') {
                result[name] = undefined;
                continue;
            }
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteCommandError */ .at && target.kind === 'docker') {
                if (/No such container/i.test(error.stderrTail)) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`container ${target.container} does not exist on ${remote.description} (docker: "No such container"); check the container setting against \`docker ps -a\` on the host`);
                }
                if (/is not running/i.test(error.stderrTail)) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`container ${target.container} on ${remote.description} is not running; start it (docker compose up -d) or check the container setting`);
                }
            }
            throw error;
        }
    }
    return result;
}


/***/ }),

/***/ 60050:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DQ: () => (/* binding */ NotSshPortError),
/* harmony export */   Hi: () => (/* binding */ RemoteError),
/* harmony export */   Tu: () => (/* binding */ RemoteConnectError),
/* harmony export */   _W: () => (/* binding */ HostKeyMismatchError),
/* harmony export */   at: () => (/* binding */ RemoteCommandError),
/* harmony export */   g1: () => (/* binding */ UnknownHostKeyError),
/* harmony export */   v3: () => (/* binding */ AuthenticationError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8835);
/**
 * Errors of the remote layer. Messages say what was expected, what was found and what to do; they
 * never contain key material, passwords or command output other than the stderr tail.
 */

/**
 * Base class: anything that went wrong talking to the remote host. An operation failure unless
 * the user must change something (a key the server refuses, a host key not pinned or changed).
 */
class RemoteError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GatewayOpsError */ .f8 {
    name = 'RemoteError';
    kind = 'operation';
}
/** Could not connect (refused, timeout, DNS, handshake) or bad local options. */
class RemoteConnectError extends RemoteError {
    name = 'RemoteConnectError';
}
/** The port answered, but not as an SSH server (a web server, PostgreSQL): the user set the wrong port. */
class NotSshPortError extends RemoteConnectError {
    name = 'NotSshPortError';
    kind = 'user';
}
/** The host presented a key that matches none of the pinned ones (known_hosts entries or fingerprints). */
class HostKeyMismatchError extends RemoteError {
    name = 'HostKeyMismatchError';
    kind = 'user';
    /** Fingerprints (`SHA256:...`) that would have been accepted. */
    expected;
    /** Fingerprint of the key the host presented. */
    found;
    constructor(message, expected, found) {
        super(message);
        this.expected = expected;
        this.found = found;
    }
}
/** No known_hosts entry (and no fingerprint) for this host: nothing to verify its key against. */
class UnknownHostKeyError extends RemoteError {
    name = 'UnknownHostKeyError';
    kind = 'user';
    /** Fingerprint of the key the host presented. */
    found;
    constructor(message, found) {
        super(message);
        this.found = found;
    }
}
/** The server refused our user key. */
class AuthenticationError extends RemoteError {
    name = 'AuthenticationError';
    kind = 'user';
}
/** A remote command did not end with exit status 0. */
class RemoteCommandError extends RemoteError {
    name = 'RemoteCommandError';
    command;
    host;
    failure;
    exitCode;
    signal;
    stderrTail;
    constructor(details) {
        super(RemoteCommandError.format(details));
        this.command = details.command;
        this.host = details.host;
        this.failure = details.failure;
        this.exitCode = details.exitCode ?? null;
        this.signal = details.signal ?? null;
        this.stderrTail = details.stderrTail ?? '';
    }
    static format(d) {
        let what;
        switch (d.failure) {
            case 'exit-status':
                what = `exited with status ${d.exitCode}`;
                if (d.exitCode !== undefined && d.exitCode !== null && d.exitCode > 128 && d.exitCode < 160) {
                    what += ` (128+${d.exitCode - 128}: a process was killed by signal ${d.exitCode - 128})`;
                }
                break;
            case 'signal':
                what = `was killed by signal ${d.signal}`;
                break;
            case 'no-exit-status':
                what = `ended without an exit status${d.detail ? ` (${d.detail})` : ''}: the SSH connection was lost (or the remote session killed) while it ran, so its result is unknown`;
                break;
            case 'timeout':
                what = `did not finish within the command timeout (${d.detail}); it was signalled and its channel closed`;
                break;
            case 'output-limit':
                what = `wrote more output than can be collected (${d.detail}); stream it to a Writable instead`;
                break;
            case 'stdout-error':
                what = `could not deliver its output: ${d.detail}`;
                break;
            case 'stdin-error':
                what = `could not be fed its input: ${d.detail}`;
                break;
            case 'channel':
                what = `could not be started: ${d.detail}`;
                break;
        }
        const tail = d.stderrTail?.trim() ? `\nlast lines of stderr:\n${d.stderrTail.trimEnd()}` : '';
        return `remote command \`${d.command}\` on ${d.host} ${what}${tail}`;
    }
}


/***/ }),

/***/ 43031:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Lz: () => (/* reexport */ connectRemoteHost),
  De: () => (/* reexport */ container/* readContainerEnv */.De),
  nZ: () => (/* reexport */ quote/* shellJoin */.n)
});

// UNUSED EXPORTS: AuthenticationError, DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_KEEPALIVE_COUNT_MAX, DEFAULT_KEEPALIVE_INTERVAL_MS, HostKeyMismatchError, RemoteCommandError, RemoteConnectError, RemoteError, SCRIPT_PRELUDE, SESSION_GUARD, SHA256_HASHER, SshRemoteHost, UnknownHostKeyError, assertContainerName, commandIn, describeTarget, fingerprintOf, keyTypeOf, knownHostsName, missingToolsScript, normalizeFingerprint, parseKnownHosts, removeTreeScript, shellQuote, toolVersionsScript

// EXTERNAL MODULE: ./lib/src/shared/remote/container.js
var container = __webpack_require__(93142);
// EXTERNAL MODULE: ./lib/src/shared/remote/errors.js
var errors = __webpack_require__(60050);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./lib/src/shared/remote/known-hosts.js
/**
 * Host key pinning: OpenSSH `known_hosts` lines (plain, `[host]:port`, wildcard and negated
 * patterns, hashed `|1|salt|hash` entries, `@revoked`) and `SHA256:` fingerprints as
 * `ssh-keygen -lf` prints them.
 */

/** `SHA256:<base64 without padding>` of a raw public key blob, as OpenSSH prints it. */
function fingerprintOf(keyBlob) {
    return `SHA256:${(0,external_node_crypto_.createHash)('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}
/** The key type written inside a raw SSH public key blob (`ssh-ed25519`, `ssh-rsa`, ...). */
function keyTypeOf(keyBlob) {
    if (keyBlob.length < 4)
        return 'unknown';
    const len = keyBlob.readUInt32BE(0);
    if (len > 64 || keyBlob.length < 4 + len)
        return 'unknown';
    return keyBlob.subarray(4, 4 + len).toString('latin1');
}
/**
 * Normalize a fingerprint as a user may paste it: `SHA256:abc`, `SHA256:abc=`, or a full
 * `ssh-keygen -lf` line (`256 SHA256:abc comment (ED25519)`). Returns `SHA256:<base64 no padding>`.
 */
function normalizeFingerprint(value) {
    const match = value.trim().match(/SHA256:([A-Za-z0-9+/]+=*)/);
    if (!match) {
        throw new Error(`a host fingerprint must look like SHA256:<base64> (as \`ssh-keygen -lf\` prints it); found ${JSON.stringify(value.slice(0, 80))}`);
    }
    const base64 = match[1].replace(/=+$/, '');
    if (Buffer.from(base64, 'base64').length !== 32) {
        throw new Error(`a SHA256 host fingerprint has 43 base64 characters; found ${JSON.stringify(match[0])}`);
    }
    return `SHA256:${base64}`;
}
/** Parse known_hosts text (or lines). Invalid lines are errors naming the line. */
function parseKnownHosts(text) {
    const lines = typeof text === 'string' ? text.split(/\r?\n/) : text.flatMap((t) => t.split(/\r?\n/));
    const entries = [];
    lines.forEach((raw, index) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const fields = line.split(/\s+/);
        let marker = '';
        if (fields[0]?.startsWith('@')) {
            if (fields[0] !== '@revoked' && fields[0] !== '@cert-authority') {
                throw new Error(`known_hosts line ${index + 1}: unknown marker ${fields[0]}`);
            }
            marker = fields.shift();
        }
        const [hosts, keyType, keyBase64] = fields;
        if (!hosts || !keyType || !keyBase64 || !/^[A-Za-z0-9+/]+=*$/.test(keyBase64)) {
            throw new Error(`known_hosts line ${index + 1} is not of the form "host[,host...] key-type base64-key" (as ssh-keyscan prints it)`);
        }
        const key = Buffer.from(keyBase64, 'base64');
        if (keyTypeOf(key) !== keyType) {
            throw new Error(`known_hosts line ${index + 1}: the key is not a ${keyType} key`);
        }
        entries.push({ marker, hosts, keyType, key, line: index + 1 });
    });
    return entries;
}
/** The name OpenSSH looks up for host and port: `host` for port 22, `[host]:port` otherwise. */
function knownHostsName(host, port) {
    const h = host.toLowerCase();
    return port === 22 ? h : `[${h}]:${port}`;
}
function wildcardMatch(pattern, value) {
    const re = new RegExp(`^${pattern
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|]/g, '\\$&')))
        .join('')}$`);
    return re.test(value);
}
/** Whether an entry's hosts field matches `host`:`port` (plain, pattern, or hashed). */
function hostsFieldMatches(hostsField, host, port) {
    const name = knownHostsName(host, port);
    if (hostsField.startsWith('|1|')) {
        const [, , salt, hash] = hostsField.split('|');
        if (!salt || !hash)
            return false;
        const digest = (0,external_node_crypto_.createHmac)('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
        return digest === hash;
    }
    let matched = false;
    for (const rawPattern of hostsField.split(',')) {
        const negated = rawPattern.startsWith('!');
        const pattern = (negated ? rawPattern.slice(1) : rawPattern).toLowerCase();
        if (wildcardMatch(pattern, name)) {
            if (negated)
                return false;
            matched = true;
        }
    }
    return matched;
}
/** Host key algorithm names (ssh2 `algorithms.serverHostKey`) that produce keys of `keyType`. */
function hostKeyAlgorithmsFor(keyType) {
    if (keyType === 'ssh-rsa')
        return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
    return [keyType];
}

// EXTERNAL MODULE: ./lib/src/shared/remote/quote.js
var quote = __webpack_require__(89413);
// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(85472);
// EXTERNAL MODULE: ./lib/src/shared/setting-ref.js
var setting_ref = __webpack_require__(46870);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
;// CONCATENATED MODULE: ./lib/src/shared/remote/login-noise.js
/**
 * What the user's login shell prints before our command starts (`.bashrc`, `.profile`, a motd
 * script) is not the command's output: it would fill an error's last stderr lines and push the
 * cause out, or corrupt a streamed dump. The supervisor prints `OUTPUT_START` on stdout and on
 * stderr as its first act; everything a stream carried before it is dropped.
 */

/** The line the supervisor prints first on stdout and on stderr (record separators around a name). */
const OUTPUT_START = '\u001egateway-ops output starts\u001e\n';
/** The same as `printf` format text for the supervisor (octal escapes, no quote characters). */
const OUTPUT_START_PRINTF = '\\036gateway-ops output starts\\036\\n';
const MARK = Buffer.from(OUTPUT_START);
/** Past this much text without the mark, the shell is not one that ran the supervisor: pass it on. */
const MAX_HELD_BYTES = 1024 * 1024;
/** One stream's filter: holds what arrives until the mark, then passes everything after it. */
class LoginNoiseFilter {
    held = Buffer.alloc(0);
    started = false;
    /** Bytes dropped before the mark (for a debug line). */
    dropped = 0;
    emit;
    constructor(emit) {
        this.emit = emit;
    }
    push(chunk) {
        if (this.started) {
            this.emit(chunk);
            return;
        }
        this.held = Buffer.concat([this.held, chunk]);
        const at = this.held.indexOf(MARK);
        if (at >= 0) {
            const rest = this.held.subarray(at + MARK.length);
            this.dropped = at;
            this.started = true;
            this.held = Buffer.alloc(0);
            if (rest.length > 0)
                this.emit(rest);
        }
        else if (this.held.length > MAX_HELD_BYTES)
            this.end();
    }
    /**
     * The stream ended before the mark: the supervisor never ran (the login shell failed, a forced
     * command ran instead), so what arrived is all there is and may be the cause: pass it on.
     */
    end() {
        if (this.started)
            return;
        this.started = true;
        const held = this.held;
        this.held = Buffer.alloc(0);
        if (held.length > 0)
            this.emit(held);
    }
}
/** The filter as a Transform, for stdout piped to the caller's Writable (backpressure kept). */
function loginNoiseTransform() {
    let filter;
    const transform = new external_node_stream_.Transform({
        transform(chunk, _encoding, done) {
            filter.push(chunk);
            done();
        },
        flush(done) {
            filter.end();
            done();
        },
    });
    filter = new LoginNoiseFilter((chunk) => transform.push(chunk));
    return transform;
}

;// CONCATENATED MODULE: ./lib/src/shared/remote/exec-channel.js
/**
 * One exec channel: streams stdin/stdout/stderr, and settles only on a zero exit status; a
 * non-zero or missing status, a signal, a timeout, an output limit or a stream error rejects with
 * a RemoteCommandError carrying the last lines of stderr.
 */



const STDERR_TAIL_LINES = 20;
const STDERR_TAIL_BYTES = 16 * 1024;
/**
 * Send an SSH `signal` request. ssh2's `channel.signal()` silently does nothing once stdin was
 * ended (it checks `writable`), which is always the case here; the protocol allows the request
 * after EOF, so send it through the protocol object (ssh2 1.x internals, covered by a test).
 */
function sendSignal(channel, name) {
    const internal = channel;
    const protocol = internal._client?._protocol;
    if (internal.outgoing && typeof protocol?.signal === 'function') {
        if (internal.outgoing.state === 'open' || internal.outgoing.state === 'eof') {
            protocol.signal(internal.outgoing.id, name);
        }
        return;
    }
    channel.signal(name);
}
class StderrTail {
    text = '';
    push(chunk) {
        this.text = (this.text + chunk).slice(-STDERR_TAIL_BYTES);
    }
    toString() {
        return this.text
            .split('\n')
            .filter((l, i, all) => l !== '' || i < all.length - 1)
            .slice(-STDERR_TAIL_LINES)
            .map((l) => (l.length > 500 ? `${l.slice(0, 500)}...` : l))
            .join('\n');
    }
}
/** Runs `command` on a new channel of the connection. */
function runChannel(connection, command, description, options, limits) {
    return new Promise((resolve, reject) => {
        new ExecChannel(connection, description, options, limits, resolve, reject).start(command);
    });
}
class ExecChannel {
    tail = new StderrTail();
    channel;
    exitCode = null;
    exitSignal = null;
    failure;
    settled = false;
    closed = false;
    timer;
    chunks = [];
    collected = 0;
    stdoutDone = Promise.resolve();
    /** What the caller's Writable is piped from (stdout without the login shell's noise). */
    stdoutSource;
    collectedStdout = new LoginNoiseFilter((data) => this.collect(data));
    stderr = new LoginNoiseFilter((data) => {
        const text = data.toString('utf8');
        this.tail.push(text);
        this.options.onStderr?.(text);
    });
    abort = (reason) => {
        this.failure ??= { failure: 'no-exit-status', detail: reason };
        this.settle(this.failure);
    };
    connection;
    description;
    options;
    limits;
    resolve;
    reject;
    // Plain fields, not parameter properties: the benchmarks load this with --experimental-strip-types.
    constructor(connection, description, options, limits, resolve, reject) {
        this.connection = connection;
        this.description = description;
        this.options = options;
        this.limits = limits;
        this.resolve = resolve;
        this.reject = reject;
    }
    start(command) {
        this.connection.pending.add(this.abort);
        const { timeoutMs } = this.limits;
        if (timeoutMs > 0) {
            this.timer = setTimeout(() => this.kill({ failure: 'timeout', detail: `${timeoutMs} ms` }), timeoutMs);
        }
        this.connection.client.exec(command, (error, stream) => {
            if (error) {
                this.settle({ failure: 'channel', detail: error.message });
                return;
            }
            if (this.settled) {
                stream.close();
                return;
            }
            this.attach(stream);
        });
    }
    settle(outcome) {
        if (this.settled)
            return;
        // A stream that never showed the supervisor's mark: what it carried is all there is.
        this.stderr.end();
        this.collectedStdout.end();
        const error = outcome ?? this.failure;
        this.settled = true;
        if (this.timer)
            clearTimeout(this.timer);
        this.connection.pending.delete(this.abort);
        const target = this.options.stdout;
        if (error) {
            // The caller's Writable is left to the caller (it is not ended: the output is incomplete).
            if (target && this.stdoutSource)
                this.stdoutSource.unpipe(target);
            this.reject(new errors/* RemoteCommandError */.at({
                command: this.description,
                host: this.connection.description,
                ...error,
                stderrTail: this.tail.toString(),
            }));
            return;
        }
        this.resolve({
            exitCode: 0,
            stdout: target ? '' : Buffer.concat(this.chunks).toString('utf8'),
            stderrTail: this.tail.toString(),
        });
    }
    /** Stops the command: signals it (OpenSSH honours `signal` requests) and closes the channel. */
    kill(why) {
        this.failure ??= why;
        const channel = this.channel;
        if (!channel) {
            this.settle(this.failure);
            return;
        }
        try {
            // The supervisor kills the command's whole process group on TERM.
            sendSignal(channel, 'TERM');
        }
        catch {
            // channel already gone
        }
        setTimeout(() => channel.close(), 1000).unref();
        // If the server never confirms the close, give up waiting.
        setTimeout(() => this.settle(this.failure), 5000).unref();
    }
    conclude() {
        if (this.failure)
            this.settle(this.failure);
        else if (this.exitSignal)
            this.settle({ failure: 'signal', signal: this.exitSignal });
        else if (this.exitCode === null) {
            this.settle({ failure: 'no-exit-status', detail: this.connection.closeReason() || 'channel closed' });
        }
        else if (this.exitCode !== 0)
            this.settle({ failure: 'exit-status', exitCode: this.exitCode });
        else
            this.settle();
    }
    attach(stream) {
        this.channel = stream;
        stream.on('error', (streamError) => {
            this.failure ??= { failure: 'channel', detail: streamError.message };
        });
        stream.on('exit', (code, signal) => {
            if (typeof code === 'number')
                this.exitCode = code;
            if (signal)
                this.exitSignal = signal;
            // A failure is known now; give the rest of stderr a moment, but do not wait for processes
            // of the command that still hold its output open.
            if (this.exitSignal || (this.exitCode !== null && this.exitCode !== 0)) {
                setTimeout(() => {
                    if (this.closed)
                        return;
                    this.conclude();
                    stream.close();
                }, 1000).unref();
            }
        });
        stream.stderr.on('data', (data) => this.stderr.push(data));
        this.readStdout(stream);
        stream.on('close', () => {
            this.closed = true;
            // With a Writable, success is known only when it has taken all the data.
            const waitForTarget = !this.failure && this.options.stdout && this.exitCode === 0 && !this.exitSignal;
            if (waitForTarget)
                void this.stdoutDone.then(() => this.conclude());
            else
                this.conclude();
        });
        this.feedStdin(stream);
    }
    readStdout(stream) {
        const target = this.options.stdout;
        if (target) {
            this.stdoutSource = stream.pipe(loginNoiseTransform());
            this.stdoutSource.pipe(target);
            this.stdoutDone = new Promise((done) => {
                (0,external_node_stream_.finished)(target, (streamError) => {
                    if (streamError && !this.settled)
                        this.kill({ failure: 'stdout-error', detail: streamError.message });
                    done();
                });
            });
            return;
        }
        stream.on('data', (data) => this.collectedStdout.push(data));
    }
    collect(data) {
        if (this.settled)
            return;
        const max = this.limits.maxCollectedBytes;
        this.collected += data.length;
        if (this.collected > max) {
            this.kill({ failure: 'output-limit', detail: `more than ${max} bytes` });
            return;
        }
        this.chunks.push(data);
    }
    feedStdin(stream) {
        const input = this.options.stdin;
        if (input === undefined)
            stream.end();
        else if (typeof input === 'string' || Buffer.isBuffer(input))
            stream.end(input);
        else {
            input.on('error', (streamError) => this.kill({ failure: 'stdin-error', detail: streamError.message }));
            input.pipe(stream);
        }
    }
}

;// CONCATENATED MODULE: ./lib/src/shared/remote/host-key-policy.js
/**
 * The host-key policy of a connection: the keys pinned by ssh-known-hosts (`@revoked` included)
 * and ssh-host-fingerprint, and the explicit, loudly warned insecure skip.
 */



/** ssh-host-fingerprint: one, a list, or a comma/newline-separated string; normalized. */
function pinnedFingerprints(value) {
    const listed = value === undefined
        ? []
        : typeof value === 'string'
            ? value
                .split(/[\n,]+/)
                .map((f) => f.trim())
                .filter(Boolean)
            : [...value];
    return listed.map((f) => {
        try {
            return normalizeFingerprint(f);
        }
        catch (error) {
            throw new errors/* RemoteConnectError */.Tu(`${(0,setting_ref/* settingRef */.y)('ssh-host-fingerprint')}: ${error.message}`);
        }
    });
}
/** The ssh-known-hosts entries for this host and port. */
function matchingKnownHosts(options, port) {
    if (options.knownHosts === undefined)
        return [];
    try {
        return parseKnownHosts(options.knownHosts).filter((e) => hostsFieldMatches(e.hosts, options.host, port));
    }
    catch (error) {
        throw new errors/* RemoteConnectError */.Tu(`${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')}: ${error.message}`);
    }
}
function hostKeyPolicy(options, port) {
    const where = knownHostsName(options.host, port);
    const pinCommand = `ssh-keyscan ${port === 22 ? '' : `-p ${port} `}${options.host}`;
    const fingerprints = pinnedFingerprints(options.hostFingerprint);
    const entries = matchingKnownHosts(options, port);
    const revoked = entries.filter((e) => e.marker === '@revoked');
    const pinned = entries.filter((e) => e.marker === '');
    const hasKnownHosts = options.knownHosts !== undefined && String(options.knownHosts).trim() !== '';
    if (!hasKnownHosts && fingerprints.length === 0 && !options.insecureSkipHostKeyCheck) {
        throw new errors/* RemoteConnectError */.Tu(`no host key to verify ${where} against: set ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')} (the output of \`${pinCommand}\`, checked out of band) or ${(0,setting_ref/* settingRef */.y)('ssh-host-fingerprint')} (SHA256:..., as \`ssh-keygen -lf\` prints it). Connecting without verification would let anyone on the path impersonate the host.`);
    }
    const expected = [...pinned.map((e) => fingerprintOf(e.key)), ...fingerprints];
    // Ask the server for a pinned key type when known_hosts says which (ssh-keyscan lists several).
    let algorithms;
    if (pinned.length > 0 && fingerprints.length === 0) {
        algorithms = [...new Set(pinned.flatMap((e) => hostKeyAlgorithmsFor(e.keyType)))];
    }
    return {
        ...(algorithms ? { algorithms } : {}),
        check(key) {
            const found = fingerprintOf(key);
            const type = keyTypeOf(key);
            if (revoked.some((e) => e.key.equals(key))) {
                return new errors/* HostKeyMismatchError */._W(`host key verification failed for ${where}: its ${type} key ${found} is marked @revoked in ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')}. Do not connect; find out why the host still uses a revoked key.`, expected, found);
            }
            if (pinned.some((e) => e.key.equals(key)) || fingerprints.includes(found))
                return undefined;
            if (options.insecureSkipHostKeyCheck) {
                options.logger?.warn(`${(0,setting_ref/* settingRef */.y)('ssh-insecure-skip-host-key-check')} is set: the host key of ${where} (${type} ${found}) was NOT verified. Anyone able to intercept this connection can impersonate the host and read everything sent over it. Pin it with ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')} (\`${pinCommand}\`) or ${(0,setting_ref/* settingRef */.y)('ssh-host-fingerprint', found)}`);
                return undefined;
            }
            if (expected.length === 0) {
                return new errors/* UnknownHostKeyError */.g1(`host key verification failed: ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')} has no entry for ${where}. The host presented the ${type} key ${found}. If that is the host's real key (compare with \`ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub\` run on the host), pin it: add the output of \`${pinCommand}\` to ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')}, or set ${(0,setting_ref/* settingRef */.y)('ssh-host-fingerprint', found)}`, found);
            }
            return new errors/* HostKeyMismatchError */._W(`host key verification failed for ${where}: expected ${expected.join(' or ')}, found ${type} ${found}. The host key changed, or someone is intercepting the connection. If the host was legitimately re-keyed, verify the new key on the host and update ${(0,setting_ref/* settingRef */.y)('ssh-known-hosts')} / ${(0,setting_ref/* settingRef */.y)('ssh-host-fingerprint')}.`, expected, found);
        },
    };
}

// EXTERNAL MODULE: ./lib/src/shared/remote/script.js
var remote_script = __webpack_require__(42494);
;// CONCATENATED MODULE: ./lib/src/shared/remote/supervisor.js
/**
 * What sshd runs for every exec: a small supervisor around the script. It is the session leader,
 * so its process group holds every process of the command.
 */


/**
 * The supervisor runs the script with `bash -c`, and
 * - on TERM/HUP/INT (our timeout sends TERM as an SSH `signal` request) kills the whole group;
 * - when the session's sshd process disappears, i.e. the connection was lost, kills the whole
 *   group too, so nothing (a dump writing to a file, a lock holder) runs on unobserved;
 * - when it finds itself re-parented (its parent became PID 1 or a subreaper: the connection was
 *   lost while the login shell was still starting, before or after it exec'd us), does the same.
 * The session's server process is the nearest ancestor named sshd*, dropbear* or tailscaled (a
 * login shell or wrapper that does not exec may sit between). When /proc shows none, the server
 * died before the supervisor started (it was re-parented to PID 1 or a subreaper): it says so on
 * stderr and kills its group. Without /proc the watched process is the parent.
 * The script's exit status is the supervisor's. Its first act marks the start of our own output
 * on stdout and stderr: what the login shell printed before (`.bashrc` noise) is dropped.
 */
const SUPERVISOR = [
    "trap 'trap - TERM HUP INT; kill -KILL 0' TERM HUP INT",
    `printf '${OUTPUT_START_PRINTF}'; printf '${OUTPUT_START_PRINTF}' >&2`,
    // parent_of PID: sets parent_pid from /proc (the comm field may hold spaces and parentheses).
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'parent_of() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; read -r _ parent_pid _ <<<"${stat##*) }"; }',
    'first_parent=$PPID',
    'session=',
    'pid=$$',
    'while parent_of "$pid" && [ "$parent_pid" -gt 1 ]; do',
    '  case $(cat "/proc/$parent_pid/comm" 2>/dev/null) in sshd*|dropbear*|tailscaled) session=$parent_pid; break ;; esac',
    '  pid=$parent_pid',
    'done',
    'if [ -z "$session" ] && [ -r /proc/$$/stat ] || [ "$first_parent" -le 1 ]; then',
    '  echo "gateway-ops: no SSH server process (sshd, dropbear, tailscaled) above this command: the connection was lost while the login shell started; stopping" >&2',
    '  kill -KILL 0',
    'fi',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'session=${session:-$PPID}',
    'still_attached() { kill -0 "$session" 2>/dev/null && { ! parent_of "$1" || [ "$parent_pid" = "$first_parent" ]; }; }',
    'supervisor=$$',
    '( while still_attached "$supervisor"; do sleep 1; done; kill -KILL 0 ) </dev/null >/dev/null 2>&1 &',
    'watchdog=$!',
    'bash --norc --noprofile -c "$1" gwops-script <&0 &',
    'wait "$!" && status=0 || status=$?',
    'kill "$watchdog" 2>/dev/null || true',
    'exit "$status"',
].join('\n');
/** The exec request's command line for `script`. */
function remoteCommandLine(script) {
    // --norc: Debian's bash reads ~/.bashrc for a command from sshd; the login shell already did.
    return `exec bash --norc --noprofile -c ${(0,quote/* shellQuote */.Z)(SUPERVISOR)} gwops ${(0,quote/* shellQuote */.Z)(remote_script/* SCRIPT_PRELUDE */.i + script)}`;
}
/** A short, single-line description of a script for messages. */
function scriptSummary(script) {
    const oneLine = script
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'))
        .join('; ')
        .replace(/\s+/g, ' ');
    return oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./lib/src/shared/remote/tunnel.js
/** TCP tunnels over the SSH connection: a local port on 127.0.0.1 forwarded to a host-side address. */


/** Listens on a free local port; each accepted socket is a `direct-tcpip` channel to the target. */
function openTunnel(client, description, targetHost, targetPort, logger, onClose) {
    const sockets = new Set();
    const server = (0,external_node_net_.createServer)((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
        client.forwardOut('127.0.0.1', socket.remotePort ?? 0, targetHost, targetPort, (error, stream) => {
            if (error) {
                logger?.warn(`${description}: tunnel to ${targetHost}:${targetPort} refused by the host: ${error.message}`);
                socket.destroy();
                return;
            }
            stream.on('error', () => socket.destroy());
            stream.on('close', () => socket.destroy());
            socket.on('close', () => stream.close());
            socket.pipe(stream).pipe(socket);
        });
    });
    return new Promise((resolve, reject) => {
        server.once('error', (error) => reject(new errors/* RemoteError */.Hi(`could not open a local port for the tunnel: ${error.message}`)));
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            const localPort = typeof address === 'object' && address ? address.port : 0;
            let closing;
            const tunnel = {
                localHost: '127.0.0.1',
                localPort,
                close: () => {
                    closing ??= new Promise((done) => {
                        onClose(tunnel);
                        for (const socket of sockets)
                            socket.destroy();
                        server.close(() => done());
                    });
                    return closing;
                },
            };
            resolve(tunnel);
        });
    });
}

;// CONCATENATED MODULE: ./lib/src/shared/remote/ssh.js
/**
 * `connectRemoteHost`: an SSH session to a host on ssh2, with a pinned host key (host-key-policy.ts),
 * keepalive, connect and command timeouts, streaming exec whose non-zero or missing exit status is
 * an error (exec-channel.ts, run under the supervisor of supervisor.ts), and TCP tunnels
 * (tunnel.ts). node-ssh is not used for exec: its execCommand buffers everything and resolves
 * with `code: null` when the connection drops.
 */
// ssh2 is CommonJS: Node's ESM loader cannot see its named exports, so take them from the default.

const { Client, utils } = lib;








const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 6 * 60 * 60 * 1000;
const DEFAULT_KEEPALIVE_INTERVAL_MS = 15_000;
const DEFAULT_KEEPALIVE_COUNT_MAX = 4;
const DEFAULT_MAX_COLLECTED_STDOUT = 16 * 1024 * 1024;
const MAX_SCRIPT_BYTES = 100 * 1024;
function mapConnectError(error, where, options, timeoutMs) {
    if (error instanceof errors/* RemoteError */.Hi)
        return error;
    if (error.level === 'client-authentication') {
        return new errors/* AuthenticationError */.v3(`authentication failed for user ${options.username} on ${where}: the key was not accepted (is its public key in ~${options.username}/.ssh/authorized_keys on the host, and is the user right?)`);
    }
    if (error.level === 'protocol') {
        return new errors/* NotSshPortError */.DQ(`${where} did not answer as an SSH server (${error.message}): is this an SSH port? Check ${(0,setting_ref/* settingRef */.y)('ssh-port')} and ${(0,setting_ref/* settingRef */.y)('ssh-host')}.`);
    }
    if (error.level === 'client-timeout' && /handshake/i.test(error.message)) {
        return new errors/* RemoteConnectError */.Tu(`could not connect to ${where} within ${timeoutMs} ms (ssh-connect-timeout): no SSH handshake completed. Check the host, the port and firewalls.`);
    }
    switch (error.code) {
        case 'ECONNREFUSED':
            return new errors/* RemoteConnectError */.Tu(`could not connect to ${where}: connection refused (is sshd running on that port?)`);
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return new errors/* RemoteConnectError */.Tu(`could not connect to ${where}: the host name ${options.host} does not resolve`);
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
            return new errors/* RemoteConnectError */.Tu(`could not connect to ${where}: host unreachable`);
        case 'ECONNRESET':
            return new errors/* RemoteConnectError */.Tu(`could not connect to ${where}: the connection was reset during the SSH handshake`);
    }
    return new errors/* RemoteConnectError */.Tu(`SSH connection to ${where} failed: ${error.message}`);
}
/** Connect, verify the host key, authenticate. Rejects with a RemoteError subclass. */
async function connectRemoteHost(options) {
    const port = options.port ?? 22;
    const where = `${options.username}@${options.host}:${port}`;
    if (!options.host || !options.username) {
        throw new errors/* RemoteConnectError */.Tu('ssh-host and ssh-user are required');
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new errors/* RemoteConnectError */.Tu(`ssh-port must be 1-65535; found ${port}`);
    }
    const parsed = utils.parseKey(options.privateKey, options.passphrase);
    if (parsed instanceof Error) {
        const encrypted = /encrypted|passphrase|decrypt/i.test(parsed.message);
        throw new errors/* RemoteConnectError */.Tu(encrypted
            ? `ssh-private-key could not be decrypted: ${options.passphrase ? 'the passphrase is wrong' : 'it is encrypted and no ssh-passphrase was given'}`
            : `ssh-private-key could not be read (${parsed.message}); give the whole private key text, BEGIN and END lines included`);
    }
    const policy = hostKeyPolicy(options, port);
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const client = new Client();
    let hostKeyError;
    let hostKeyFingerprint = '';
    const config = {
        host: options.host,
        port,
        username: options.username,
        privateKey: options.privateKey,
        ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
        readyTimeout: connectTimeoutMs,
        keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS,
        keepaliveCountMax: options.keepaliveCountMax ?? DEFAULT_KEEPALIVE_COUNT_MAX,
        tryKeyboard: false,
        agent: undefined,
        hostVerifier: (key) => {
            hostKeyFingerprint = fingerprintOf(key);
            hostKeyError = policy.check(key);
            return hostKeyError === undefined;
        },
        ...(policy.algorithms ? { algorithms: { serverHostKey: policy.algorithms } } : {}),
    };
    await new Promise((resolve, reject) => {
        let settled = false;
        const fail = (error) => {
            if (settled)
                return;
            settled = true;
            client.destroy();
            reject(hostKeyError ?? mapConnectError(error, where, options, connectTimeoutMs));
        };
        client.once('ready', () => {
            if (settled)
                return;
            settled = true;
            resolve();
        });
        client.on('error', fail);
        client.once('close', () => fail(new Error('the connection closed during the SSH handshake')));
        try {
            client.connect(config);
            // Commands and their results are small messages: without TCP_NODELAY, Nagle's algorithm
            // holds each one back until the previous is acknowledged (up to the peer's 40 ms delayed
            // ACK), several times per command.
            client.setNoDelay(true);
        }
        catch (error) {
            fail(error);
        }
    });
    options.logger?.debug?.(`connected to ${where} (host key ${hostKeyFingerprint})`);
    return new SshRemoteHost(client, where, hostKeyFingerprint, options);
}
class SshRemoteHost {
    description;
    /** `SHA256:...` of the key the host presented (verified unless insecure skip was set). */
    hostKeyFingerprint;
    client;
    options;
    closed = false;
    closeReason = '';
    pending = new Set();
    tunnels = new Set();
    connection;
    constructor(client, description, hostKeyFingerprint, options) {
        this.client = client;
        this.description = description;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.options = options;
        this.connection = {
            client,
            description,
            closeReason: () => this.closeReason,
            pending: this.pending,
        };
        client.on('error', (error) => {
            this.closeReason =
                error.level === 'client-timeout'
                    ? `no answer to SSH keepalives (${error.message})`
                    : `SSH connection error: ${error.message}`;
            options.logger?.warn(`${description}: ${this.closeReason}`);
        });
        client.on('close', () => {
            this.closed = true;
            for (const abort of [...this.pending])
                abort(this.closeReason || 'the SSH connection closed');
            for (const tunnel of [...this.tunnels])
                void tunnel.close();
        });
    }
    exec(script, options = {}) {
        const command = remoteCommandLine(script);
        const description = options.description ?? scriptSummary(script);
        if (Buffer.byteLength(command) > MAX_SCRIPT_BYTES) {
            return Promise.reject(new errors/* RemoteCommandError */.at({
                command: description,
                host: this.description,
                failure: 'channel',
                detail: `the script is longer than ${MAX_SCRIPT_BYTES} bytes; pass data through stdin instead`,
            }));
        }
        const started = performance.now();
        const done = (outcome) => this.options.logger?.debug?.(`remote command ${outcome} in ${Math.round(performance.now() - started)} ms: ${description}`);
        return this.runChannel(command, description, options).then((result) => {
            done('ended');
            return result;
        }, (error) => {
            done('failed');
            throw error;
        });
    }
    run(argv, options = {}) {
        if (argv.length === 0)
            return Promise.reject(new errors/* RemoteError */.Hi('run: empty argv'));
        const description = options.description ??
            (argv.length > 3 ? `${(0,quote/* shellJoin */.n)(argv.slice(0, 3))} ...` : (0,quote/* shellJoin */.n)(argv)).slice(0, 120);
        return this.exec((0,quote/* shellJoin */.n)(argv), { ...options, description });
    }
    runChannel(command, description, options) {
        if (this.closed) {
            return Promise.reject(new errors/* RemoteCommandError */.at({
                command: description,
                host: this.description,
                failure: 'channel',
                detail: this.closeReason || 'the SSH connection is closed',
            }));
        }
        return runChannel(this.connection, command, description, options, {
            timeoutMs: options.timeoutMs ?? this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
            maxCollectedBytes: options.maxCollectedBytes ?? this.options.maxCollectedStdoutBytes ?? DEFAULT_MAX_COLLECTED_STDOUT,
        });
    }
    forward(targetHost, targetPort) {
        if (this.closed)
            return Promise.reject(new errors/* RemoteError */.Hi(`${this.description}: the SSH connection is closed`));
        return openTunnel(this.client, this.description, targetHost, targetPort, this.options.logger, (tunnel) => this.tunnels.delete(tunnel)).then((tunnel) => {
            this.tunnels.add(tunnel);
            return tunnel;
        });
    }
    async close() {
        await Promise.all([...this.tunnels].map((t) => t.close()));
        if (this.closed)
            return;
        await new Promise((resolve) => {
            this.client.once('close', () => resolve());
            this.client.end();
            setTimeout(resolve, 2000).unref();
        });
    }
}

;// CONCATENATED MODULE: ./lib/src/shared/remote/index.js
/** The remote room: SSH sessions to a host, shell quoting, tunnels, and the container seam. */







/***/ }),

/***/ 89413:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ shellQuote),
/* harmony export */   n: () => (/* binding */ shellJoin)
/* harmony export */ });
/**
 * POSIX shell quoting. Every argument that reaches a remote shell goes through `shellQuote`:
 * the result is one word for sh/bash/dash/zsh whatever the input holds (spaces, quotes, `$`,
 * backticks, globs, newlines, leading dashes stay data; a leading dash is still an option to the
 * program receiving it, so pass `--` where that matters).
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** Quote one argument for a POSIX shell. NUL bytes cannot be passed in an argument and are refused. */
function shellQuote(value) {
    if (value.includes('\0'))
        throw new Error('shellQuote: an argument cannot contain a NUL byte');
    if (value !== '' && SAFE.test(value))
        return value;
    return `'${value.replaceAll("'", `'\\''`)}'`;
}
/** Quote every argument and join them with spaces: a command line for a POSIX shell. */
function shellJoin(argv) {
    return argv.map(shellQuote).join(' ');
}


/***/ }),

/***/ 42494:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ee: () => (/* binding */ removeTreeScript),
/* harmony export */   FK: () => (/* binding */ toolVersionsScript),
/* harmony export */   LV: () => (/* binding */ missingToolsScript),
/* harmony export */   R6: () => (/* binding */ SESSION_GUARD),
/* harmony export */   WI: () => (/* binding */ SHA256_HASHER),
/* harmony export */   i: () => (/* binding */ SCRIPT_PRELUDE)
/* harmony export */ });
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(89413);
/**
 * The pieces every host script is made of. A script is built by a TypeScript function from these
 * and from values passed through `shellQuote` (one word) or `shellJoin` (an argv); the exec
 * channel adds `SCRIPT_PRELUDE` in front of it, so no script repeats it.
 */


/** The prelude of every script: bash strict mode (also inside `$(...)`). Added by the exec channel. */
const SCRIPT_PRELUDE = 'set -euo pipefail\nshopt -s inherit_errexit 2>/dev/null || true\n';
/**
 * Script prologue for long work on the host. sshd sends no signal when the SSH connection drops
 * (no pty), so a pipeline writing to files would run on, orphaned, into a directory the next run
 * cleans up. A watcher holds the script's stdin (which the caller keeps open until the command
 * ends) and, on EOF, kills the script's whole process group. `session_guard_end` disarms it.
 * Everything after the prologue reads /dev/null, so `docker exec -i` cannot eat the watcher's input.
 */
const SESSION_GUARD = `exec 3<&0 0</dev/null
( exec >/dev/null 2>&1; cat <&3 >/dev/null || true; kill -TERM 0 ) &
session_guard_pid=$!
exec 3<&-
session_guard_end() { kill "$session_guard_pid" 2>/dev/null || true; }
`;
/**
 * Sets `hasher` to a sha256 command that reads stdin and prints `<hex> ...`: openssl when the host
 * has it (it uses the CPU's SHA instructions: about 5x faster than coreutils' sha256sum here), else
 * sha256sum.
 */
const SHA256_HASHER = `if command -v openssl >/dev/null 2>&1 && [ "$(printf '' | openssl dgst -sha256 -r 2>/dev/null | cut -c1-8)" = e3b0c442 ]; then
  hasher=(openssl dgst -sha256 -r)
else
  hasher=(sha256sum)
fi`;
/** Removes a directory tree (nothing when it is absent). */
function removeTreeScript(path) {
    return `rm -rf -- ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(path)}\n`;
}
/** Prints the tools of `tools` the host lacks, one per line (`prefix` before each name). */
function missingToolsScript(tools, prefix = '') {
    const unique = [...new Set(tools)];
    return `tools=(${unique.map(_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z).join(' ')})
for tool in "\${tools[@]}"; do command -v "$tool" >/dev/null 2>&1 || echo ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(prefix)}"$tool"; done`;
}
/** Prints `version <tool> <first line of its version output>` for each argv whose tool exists. */
function toolVersionsScript(versionCommands) {
    if (versionCommands.length === 0)
        return '';
    return `version_of() { if command -v "$1" >/dev/null 2>&1; then printf 'version %s %s\\n' "$1" "$("$@" 2>&1 | head -n 1)"; fi; }
${versionCommands.map((argv) => `version_of ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellJoin */ .n)(argv)}`).join('\n')}`;
}


/***/ }),

/***/ 46870:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ settingRef)
/* harmony export */ });
/**
 * A setting named inside a message (a hint, an error), written `⟦name⟧` or `⟦name=value⟧`. The
 * front end renders it in the form the user is using (`--force` on the command line, `force: true`
 * in an action), see `renderSettingRefs` in settings/names.ts. Any layer may use this: it imports nothing.
 */
function settingRef(name, value) {
    return value === undefined ? `⟦${name}⟧` : `⟦${name}=${value}⟧`;
}


/***/ }),

/***/ 94717:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AJ: () => (/* binding */ chooseRetained),
/* harmony export */   QK: () => (/* binding */ DEFAULT_RETENTION_POLICY)
/* harmony export */ });
/* unused harmony exports dayNumber, isoWeek */
/**
 * Retention of dated snapshots (OpenSearch snapshots and the on-disk day directories alike).
 *
 * Pure: given the snapshots and a policy, say which to keep and which to delete, and why.
 * The rules, newest first:
 * - only verified snapshots fill a slot: a failed day neither counts as a day nor as the
 *   representative of its week or month;
 * - daily: the newest verified snapshot of each of the `keepDaily` most recent days that have one;
 * - weekly: the newest verified snapshot of each of the `keepWeekly` most recent ISO weeks
 *   (Monday to Sunday, ISO week-numbering year) that have one;
 * - monthly: the newest verified snapshot of each of the `keepMonthly` most recent calendar months;
 * - the newest verified snapshot is always kept, whatever the policy says;
 * - for each component, the newest snapshot holding a good copy of it is kept, as pgBackRest never
 *   expires the only backup a restore could use: a day whose OpenSearch part failed still holds the
 *   newest PostgreSQL dump until a later snapshot holds a newer one;
 * - an unverified snapshot newer than the newest verified one is kept (it may still be running or
 *   be investigated); an unverified one older than it is deleted (superseded);
 * - while a bad snapshot (unverified, `components: []`) is kept, no verified one is deleted: a
 *   good snapshot never goes while a bad one stays;
 * - a second snapshot of the same day (only the newest of a day fills a slot) is deleted.
 * The slots overlap: one snapshot may be a day's, a week's and a month's at once.
 */
const DEFAULT_RETENTION_POLICY = { keepDaily: 7, keepWeekly: 4, keepMonthly: 6 };
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Days since 1970-01-01 of a valid 'YYYY-MM-DD', or undefined when it is not a real date. */
function dayNumber(date) {
    const m = DATE.exec(date);
    if (!m)
        return undefined;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
        return undefined;
    return t / 86_400_000;
}
/** ISO 8601 week of a date: '2026-W48'; the year is the ISO week-numbering year. */
function isoWeek(date) {
    const day = dayNumber(date);
    if (day === undefined)
        throw new Error(`not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
    const t = new Date(day * 86_400_000);
    const weekday = (t.getUTCDay() + 6) % 7; // Monday = 0
    // The Thursday of this week decides the year.
    const thursday = new Date((day - weekday + 3) * 86_400_000);
    const year = thursday.getUTCFullYear();
    const firstThursdayDay = dayNumber(`${year}-01-04`);
    const firstWeekday = (new Date(firstThursdayDay * 86_400_000).getUTCDay() + 6) % 7;
    const week1Monday = firstThursdayDay - firstWeekday;
    const week = Math.floor((day - weekday - week1Monday) / 7) + 1;
    return `${year}-W${String(week).padStart(2, '0')}`;
}
function checkPolicy(policy) {
    for (const [key, value] of Object.entries(policy)) {
        if (!Number.isInteger(value) || value < 0) {
            throw new Error(`retention: ${key} must be a non-negative integer, got ${String(value)}`);
        }
    }
}
/** For each component, the newest entry holding a good copy of it (entries newest first). */
function newestCopies(entries) {
    const newest = new Set();
    const copied = new Set();
    for (const entry of entries) {
        for (const component of entry.snapshot.components ?? []) {
            if (copied.has(component))
                continue;
            copied.add(component);
            newest.add(entry);
            if (!entry.keep)
                entry.why.push(`newest good copy of ${component} (always kept)`);
        }
    }
    return newest;
}
/** While a bad snapshot (unverified, `components: []`) is kept, every verified one is kept too. */
function keepGoodWhileBadIsKept(entries) {
    if (!entries.some((e) => e.keep && !e.snapshot.verified && e.snapshot.components?.length === 0))
        return;
    for (const entry of entries) {
        if (entry.keep || !entry.snapshot.verified)
            continue;
        entry.keep = true;
        entry.why = ['verified, and a bad snapshot is kept: no good snapshot is deleted while a bad one stays'];
    }
}
function chooseRetained(snapshots, policy = DEFAULT_RETENTION_POLICY) {
    checkPolicy(policy);
    const entries = snapshots.map((snapshot, position) => {
        const day = dayNumber(snapshot.date);
        if (day === undefined)
            throw new Error(`retention: not a date YYYY-MM-DD: ${JSON.stringify(snapshot.date)}`);
        return { snapshot, position, day, why: [], keep: false };
    });
    // Newest first; for the same day the later entry in the input counts as the newer one.
    entries.sort((a, b) => b.day - a.day || b.position - a.position);
    const newestVerified = entries.find((e) => e.snapshot.verified);
    const rules = [
        { name: 'daily', count: policy.keepDaily, bucket: (d) => d },
        { name: 'weekly', count: policy.keepWeekly, bucket: isoWeek },
        { name: 'monthly', count: policy.keepMonthly, bucket: (d) => d.slice(0, 7) },
    ];
    for (const rule of rules) {
        const seen = new Set();
        for (const entry of entries) {
            if (seen.size >= rule.count)
                break;
            if (!entry.snapshot.verified)
                continue;
            const bucket = rule.bucket(entry.snapshot.date);
            if (seen.has(bucket))
                continue;
            seen.add(bucket);
            entry.keep = true;
            entry.why.push(`${rule.name} ${bucket}`);
        }
    }
    const newestCopy = newestCopies(entries);
    const keptDays = new Set();
    for (const entry of entries) {
        if (entry === newestVerified) {
            if (!entry.keep)
                entry.why.push('newest verified snapshot (always kept)');
            entry.keep = true;
        }
        if (newestCopy.has(entry))
            entry.keep = true;
        if (entry.keep) {
            keptDays.add(entry.day);
            continue;
        }
        if (!entry.snapshot.verified) {
            if (!newestVerified || entry.day > newestVerified.day) {
                entry.keep = true;
                entry.why.push('unverified, newer than every verified snapshot (kept for inspection)');
            }
            else {
                entry.why.push('unverified (failed or partial), superseded by a newer verified snapshot');
            }
            continue;
        }
        entry.why.push(keptDays.has(entry.day) ? 'an older snapshot of a day already kept' : 'outside every slot');
    }
    keepGoodWhileBadIsKept(entries);
    const reasons = entries.map((e) => ({ snapshot: e.snapshot, keep: e.keep, why: e.why }));
    return {
        keep: reasons.filter((r) => r.keep).map((r) => r.snapshot),
        delete: reasons.filter((r) => !r.keep).map((r) => r.snapshot),
        reasons,
    };
}


/***/ })

};

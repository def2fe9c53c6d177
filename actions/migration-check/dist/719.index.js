export const id = 719;
export const ids = [719];
export const modules = {

/***/ 76719:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./lib/src/shared/settings/definitions/common.js
var common = __webpack_require__(16710);
// EXTERNAL MODULE: ./lib/src/shared/settings/kinds.js
var kinds = __webpack_require__(40693);
// EXTERNAL MODULE: ./lib/src/shared/settings/types.js
var types = __webpack_require__(27971);
;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/copy.js


/** The off-host copy's second host: validated exactly as the production host's ssh-* settings. */
const copySettings = {
    'copy-to-host': (0,types/* setting */.Pe)({
        description: 'The second host that receives a verified copy of each snapshot over SSH. Empty: no copy is made.',
        kind: (0,kinds/* hostKind */.Pz)(),
        commands: ['backup'],
    }),
    'copy-to-port': (0,types/* settingWithDefault */.ak)({
        description: "The copy host's SSH port.",
        kind: (0,kinds/* intKind */.kb)(1, 65535),
        default: 22,
        commands: ['backup'],
    }),
    'copy-to-user': (0,types/* setting */.Pe)({
        description: 'The SSH user on the copy host; it must be able to write copy-to-path.',
        kind: (0,kinds/* nameKind */.uo)('a user name'),
        commands: ['backup'],
    }),
    'copy-to-path': (0,types/* setting */.Pe)({
        description: "Directory of the copies on the copy host (one YYYY-MM-DD directory per snapshot, pruned by the same keep-* policy); relative paths are from the user's home.",
        kind: (0,kinds/* pathKind */.gl)(),
        commands: ['backup'],
    }),
    'copy-to-private-key': (0,types/* setting */.Pe)({
        description: "The copy host's private key (OpenSSH or PEM text), as from a secret. The CLI reads it from GATEWAY_OPS_COPY_TO_PRIVATE_KEY or copy-to-private-key-file.",
        kind: (0,kinds/* blockKind */.UT)('the text of a private key'),
        commands: ['backup'],
        secret: true,
        surfaces: { action: true, cli: false, config: false },
    }),
    'copy-to-private-key-file': (0,types/* setting */.Pe)({
        description: "File holding the copy host's private key (for the CLI and config files).",
        kind: (0,kinds/* pathKind */.gl)(),
        commands: ['backup'],
        surfaces: { action: false, cli: true, config: true },
    }),
    'copy-to-known-hosts': (0,types/* setting */.Pe)({
        description: "known_hosts lines for the copy host (as printed by 'ssh-keyscan -p PORT HOST'). This, copy-to-known-hosts-file or copy-to-host-fingerprint is required.",
        kind: (0,kinds/* blockKind */.UT)('known_hosts lines'),
        commands: ['backup'],
        surfaces: { action: true, cli: false, config: true },
    }),
    'copy-to-known-hosts-file': (0,types/* setting */.Pe)({
        description: 'A known_hosts file to check the copy host key against (for the CLI and config files).',
        kind: (0,kinds/* pathKind */.gl)(),
        commands: ['backup'],
        surfaces: { action: false, cli: true, config: true },
    }),
    'copy-to-host-fingerprint': (0,types/* setting */.Pe)({
        description: "The copy host key's fingerprint as OpenSSH prints it ('SHA256:...', from 'ssh-keygen -lf').",
        kind: (0,kinds/* patternKind */.LW)(/^SHA256:[A-Za-z0-9+/]{43}=?$/, "'SHA256:' followed by 43 base64 characters", 'SHA256:<base64>'),
        commands: ['backup'],
    }),
    'copy-via': (0,types/* settingWithDefault */.ak)({
        description: "How the copy travels: 'runner' streams it through this runner over two SSH connections (the production host never holds the copy host's key); 'host' runs rsync on the production host with a key written for the run only (for very large snapshots).",
        kind: (0,kinds/* choiceKind */.au)(['runner', 'host']),
        default: 'runner',
        commands: ['backup'],
    }),
    'alert-issue': (0,types/* settingWithDefault */.ak)({
        description: "When a scheduled run fails, open (or update) one GitHub issue labelled 'backup-failure'; close it when a later run succeeds. Needs 'permissions: issues: write'.",
        kind: (0,kinds/* boolKind */.xF)(),
        default: false,
        commands: ['backup', 'verify'],
        surfaces: { action: true, cli: false, config: false },
    }),
    'alert-webhook-url': (0,types/* setting */.Pe)({
        description: 'A healthchecks.io-style monitor URL: POST <url>/start when a run starts, <url> on success, <url>/fail on failure. A secret (the URL is the credential); the CLI reads it from GATEWAY_OPS_ALERT_WEBHOOK_URL.',
        kind: (0,kinds/* patternKind */.LW)(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL', '<url>'),
        commands: ['backup', 'verify'],
        secret: true,
        surfaces: { action: true, cli: false, config: false },
    }),
};

;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/health.js


/** A disk watermark as OpenSearch takes it: a share of the disk used, or a byte size that must stay free. */
const WATERMARK = (0,kinds/* patternKind */.LW)(/^(?:\d{1,3}(?:\.\d+)?%|0?\.\d+|[01](?:\.0+)?|\d+(?:\.\d+)?(?:b|kb?|mb?|gb?|tb?|pb?)|default)$/i, "a share of the disk used ('85%' or '0.85'), a byte size that must stay free ('50gb'), or 'default' to remove the setting", '<watermark>');
const healthSettings = {
    'refresh-collation': (0,types/* settingWithDefault */.ak)({
        description: 'Run ALTER DATABASE ... REFRESH COLLATION VERSION for every database with a collation-version mismatch (after reindexing, if the collation really changed).',
        kind: (0,kinds/* boolKind */.xF)(),
        default: false,
        commands: ['health'],
    }),
    low: (0,types/* setting */.Pe)({
        description: "The low disk watermark: past it, no new shards go to the node. E.g. '85%' (used) or '100gb' (free).",
        kind: WATERMARK,
        commands: ['set-watermarks'],
    }),
    high: (0,types/* setting */.Pe)({
        description: "The high disk watermark: past it, shards are moved off the node. E.g. '90%' or '50gb'.",
        kind: WATERMARK,
        commands: ['set-watermarks'],
    }),
    'flood-stage': (0,types/* setting */.Pe)({
        description: "The flood-stage watermark: past it, every index on the node becomes read-only. E.g. '95%' or '10gb'.",
        kind: WATERMARK,
        commands: ['set-watermarks'],
    }),
    persistence: (0,types/* settingWithDefault */.ak)({
        description: "Where set-watermarks writes: 'persistent' (kept across restarts) or 'transient' (until the cluster restarts; overrides persistent).",
        kind: (0,kinds/* choiceKind */.au)(['persistent', 'transient']),
        default: 'persistent',
        commands: ['set-watermarks'],
    }),
};

;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/migrations.js


const REF = (0,kinds/* patternKind */.LW)(/^[A-Za-z0-9_./@^~{}-]+$/, 'a git ref (branch, tag or commit)', '<ref>');
const migrationSettings = {
    repo: (0,types/* settingWithDefault */.ak)({
        localPath: true,
        description: 'The git repository (working tree) to check.',
        kind: (0,kinds/* pathKind */.gl)(),
        default: '.',
        commands: ['migration-check'],
    }),
    base: (0,types/* setting */.Pe)({
        description: "The base branch or commit. In the action: the pull request's base, or the pushed branch.",
        kind: REF,
        commands: ['migration-check'],
        surfaces: { action: true, cli: true, config: true },
    }),
    head: (0,types/* settingWithDefault */.ak)({
        description: 'The head to compare with the base.',
        kind: REF,
        default: 'HEAD',
        commands: ['migration-check'],
        surfaces: { action: false, cli: true, config: false },
    }),
    format: (0,types/* settingWithDefault */.ak)({
        description: "Output format of the CLI's result on stdout: text, or json (one JSON object).",
        kind: (0,kinds/* choiceKind */.au)(['text', 'json']),
        default: 'text',
        commands: ['migration-check', 'backup', 'verify', 'status', 'health', 'set-watermarks'],
        surfaces: { action: false, cli: true, config: false },
    }),
    fix: (0,types/* settingWithDefault */.ak)({
        description: "Apply the rebase plan to the working tree (what 'rebase_migration' would do), without Django.",
        kind: (0,kinds/* boolKind */.xF)(),
        default: false,
        commands: ['migration-check'],
        surfaces: { action: false, cli: true, config: false },
    }),
    'manage-command': (0,types/* settingWithDefault */.ak)({
        description: "The command prefix in suggested fixes, e.g. 'docker exec -it sds-gateway-local-app python manage.py'.",
        kind: (0,kinds/* textKind */._I)('<command>', 'a command'),
        default: 'python manage.py',
        commands: ['migration-check'],
    }),
    apps: (0,types/* setting */.Pe)({
        description: "App labels to check by django-linear-migrations' rules. Default: every app of a project where one app has migrations/max_migration.txt (every app with migrations is checked for two leaves).",
        kind: (0,kinds/* listKind */.zM)((0,kinds/* nameKind */.uo)('an app label')),
        commands: ['migration-check'],
    }),
    'allow-no-apps': (0,types/* settingWithDefault */.ak)({
        description: "Pass when no app has migrations/max_migration.txt and 'apps' is not set (by default that is a settings error: nothing would be checked).",
        kind: (0,kinds/* boolKind */.xF)(),
        default: false,
        commands: ['migration-check'],
    }),
    'exclude-apps': (0,types/* settingWithDefault */.ak)({
        description: 'App labels never checked.',
        kind: (0,kinds/* listKind */.zM)((0,kinds/* nameKind */.uo)('an app label')),
        default: [],
        commands: ['migration-check'],
    }),
    'github-token': (0,types/* setting */.Pe)({
        description: 
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, shown to the user as is
        'Token to comment on pull requests (needs pull-requests: write) and to open alert issues (alert-issue, needs issues: write); usually ${{ github.token }}.',
        kind: (0,kinds/* blockKind */.UT)('a GitHub token'),
        commands: ['migration-check', 'backup', 'verify'],
        secret: true,
        surfaces: { action: true, cli: false, config: false },
    }),
};

;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/opensearch.js


const ON_HOST = ['backup', 'verify', 'restore', 'drill'];
/** Reaching the cluster: every command that talks to OpenSearch. */
const CONNECT = [...ON_HOST, 'health', 'set-watermarks'];
const REPOSITORY = [...ON_HOST, 'health'];
const opensearchSettings = {
    'opensearch-container': (0,types/* settingWithDefault */.ak)({
        description: 'The OpenSearch container: its address and credentials are read from it.',
        kind: (0,kinds/* nameKind */.uo)('a container name'),
        default: 'sds-gateway-prod-opensearch',
        commands: CONNECT,
    }),
    'opensearch-url': (0,types/* setting */.Pe)({
        description: 'OpenSearch URL as seen from the SSH host; reached through an SSH tunnel.',
        kind: (0,kinds/* patternKind */.LW)(/^https?:\/\/[A-Za-z0-9.[\]:-]+(?::\d+)?\/?$/, "an http(s) URL such as 'https://10.0.0.5:9200'", '<url>'),
        defaultText: "https:// + the container's address from docker inspect + :9200",
        commands: CONNECT,
    }),
    'opensearch-user-variable': (0,types/* settingWithDefault */.ak)({
        description: "The container's environment variable holding the OpenSearch admin user.",
        kind: (0,kinds/* nameKind */.uo)('an environment variable name'),
        default: 'OPENSEARCH_ADMIN_USER',
        commands: CONNECT,
    }),
    'opensearch-password-variable': (0,types/* settingWithDefault */.ak)({
        description: "The container's environment variable holding the OpenSearch admin password.",
        kind: (0,kinds/* nameKind */.uo)('an environment variable name'),
        default: 'OPENSEARCH_INITIAL_ADMIN_PASSWORD',
        commands: CONNECT,
    }),
    'opensearch-ca': (0,types/* setting */.Pe)({
        description: "PEM certificate(s) of the CA that signed OpenSearch's TLS certificate.",
        kind: (0,kinds/* blockKind */.UT)('PEM certificate text'),
        commands: CONNECT,
    }),
    'opensearch-insecure-tls': (0,types/* settingWithDefault */.ak)({
        description: "Do not verify OpenSearch's TLS certificate. Unsafe; warned on every run.",
        kind: (0,kinds/* boolKind */.xF)(),
        default: false,
        commands: CONNECT,
    }),
    'snapshot-repository': (0,types/* settingWithDefault */.ak)({
        description: 'The OpenSearch snapshot repository (type fs); registered if missing.',
        kind: (0,kinds/* nameKind */.uo)('a repository name'),
        default: 'my-fs-repository',
        commands: REPOSITORY,
    }),
    'snapshot-location': (0,types/* settingWithDefault */.ak)({
        description: "The repository's location inside the OpenSearch container; must be under its path.repo.",
        kind: (0,kinds/* pathKind */.gl)(),
        default: '/mnt/snapshots',
        commands: REPOSITORY,
    }),
    'snapshot-name-pattern': (0,types/* settingWithDefault */.ak)({
        description: "OpenSearch snapshot name; '{date}' becomes the snapshot date.",
        kind: (0,kinds/* patternKind */.LW)(/^[a-z0-9_.-]*\{date\}[a-z0-9_.-]*$/, "a lower-case name containing '{date}'", '<pattern>'),
        default: 'snapshot_{date}',
        commands: ON_HOST,
    }),
    indices: (0,types/* settingWithDefault */.ak)({
        description: "Indices (patterns allowed) to snapshot; '.opendistro_security' is always left out.",
        kind: (0,kinds/* listKind */.zM)((0,kinds/* patternKind */.LW)(/^-?[a-z0-9_.*+-]+$/, 'index names or patterns', '<index>')),
        default: ['*'],
        commands: ON_HOST,
    }),
    'opensearch-timeout': (0,types/* settingWithDefault */.ak)({
        description: 'How long a snapshot may take before the run fails.',
        kind: (0,kinds/* durationKind */.fc)(),
        default: 30 * 60_000,
        defaultText: '30m',
        commands: ON_HOST,
    }),
    'restore-drill': (0,types/* settingWithDefault */.ak)({
        description: "With verify: also restore the snapshot's OpenSearch indices under new names, compare document counts with the manifest, and delete them.",
        kind: (0,kinds/* boolKind */.xF)(),
        default: true,
        commands: ['verify'],
    }),
};

;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/postgres.js


const postgres_ON_HOST = ['backup', 'verify', 'restore', 'drill', 'health'];
const postgresSettings = {
    'postgres-container': (0,types/* settingWithDefault */.ak)({
        description: 'The PostgreSQL container (exec: docker).',
        kind: (0,kinds/* nameKind */.uo)('a container name'),
        default: 'sds-gateway-prod-postgres',
        commands: postgres_ON_HOST,
    }),
    'postgres-user': (0,types/* setting */.Pe)({
        description: 'The PostgreSQL superuser to dump and restore as.',
        kind: (0,kinds/* nameKind */.uo)('a role name'),
        defaultText: "read from the container's POSTGRES_USER",
        commands: postgres_ON_HOST,
    }),
    'postgres-password': (0,types/* setting */.Pe)({
        description: "The PostgreSQL password, with exec: host (with exec: docker it is read from the container's environment). Reaches the host over the SSH channel, never on a command line: the dump reads it from a private .pgpass file removed when it ends, the restore from its environment only. The CLI reads it from GATEWAY_OPS_POSTGRES_PASSWORD.",
        kind: (0,kinds/* blockKind */.UT)('the password text'),
        commands: postgres_ON_HOST,
        secret: true,
        surfaces: { action: true, cli: false, config: false },
    }),
    'postgres-host': (0,types/* settingWithDefault */.ak)({
        description: 'PostgreSQL host as seen from the SSH host (exec: host).',
        kind: (0,kinds/* hostKind */.Pz)(),
        default: '127.0.0.1',
        commands: postgres_ON_HOST,
    }),
    'postgres-port': (0,types/* settingWithDefault */.ak)({
        description: 'PostgreSQL port as seen from the SSH host (exec: host).',
        kind: (0,kinds/* intKind */.kb)(1, 65535),
        default: 5432,
        commands: postgres_ON_HOST,
    }),
    'pg-dumpall-args': (0,types/* settingWithDefault */.ak)({
        description: "Extra pg_dumpall options, e.g. '--no-role-passwords'.",
        kind: (0,kinds/* listKind */.zM)((0,kinds/* patternKind */.LW)(/^--?[A-Za-z][A-Za-z-]*(?:=[A-Za-z0-9_.,:-]+)?$/, "pg_dumpall options such as '--no-role-passwords' or '--exclude-database=name'", '<option>')),
        default: [],
        commands: ['backup'],
    }),
    compression: (0,types/* settingWithDefault */.ak)({
        description: 'How the dump is compressed on the host.',
        kind: (0,kinds/* choiceKind */.au)(['zstd', 'gzip', 'none']),
        default: 'zstd',
        commands: ['backup'],
    }),
    'compression-level': (0,types/* setting */.Pe)({
        description: 'Compression level: 1-19 for zstd, 1-9 for gzip.',
        kind: (0,kinds/* intKind */.kb)(1, 19),
        defaultText: '3 for zstd, 6 for gzip',
        commands: ['backup'],
    }),
};

;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/report.js


const reportSettings = {
    'upload-manifest': (0,types/* settingWithDefault */.ak)({
        description: "Upload the snapshot's manifest.json (only it: never a dump or the secrets) as a workflow artifact.",
        kind: (0,kinds/* boolKind */.xF)(),
        default: false,
        commands: ['backup'],
        surfaces: { action: true, cli: false, config: false },
    }),
};

;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/restore.js


const RESTORING = ['restore', 'drill'];
/** The reference deployment's services that hold database connections (the app and every celery process). */
const DEFAULT_STOP_SERVICES = [
    'sds-gateway-prod-app',
    'celery-worker',
    'celery-beat',
    'celery-flower',
];
const restoreSettings = {
    confirm: (0,types/* setting */.Pe)({
        description: "Must equal, exactly, what 'hostname' prints on the target host: the typed confirmation of a restore.",
        kind: (0,kinds/* hostKind */.Pz)(),
        commands: ['restore'],
    }),
    'restore-allowed-hosts': (0,types/* settingWithDefault */.ak)({
        description: 'The hostnames (as the target prints them) a restore may target. No default: empty refuses every restore.',
        kind: (0,kinds/* listKind */.zM)((0,kinds/* hostKind */.Pz)()),
        default: [],
        defaultText: 'none: every restore is refused',
        commands: ['restore'],
    }),
    'production-hosts': (0,types/* settingWithDefault */.ak)({
        description: 'Hostnames of production: a restore there is refused unless allow-production is true.',
        kind: (0,kinds/* listKind */.zM)((0,kinds/* hostKind */.Pz)()),
        default: [],
        commands: ['restore'],
    }),
    'allow-production': (0,types/* settingWithDefault */.ak)({
        description: 'Allow a restore onto a host listed in production-hosts.',
        kind: (0,kinds/* boolKind */.xF)(),
        default: false,
        commands: ['restore'],
    }),
    'safety-snapshot': (0,types/* settingWithDefault */.ak)({
        description: 'Take a snapshot of the target first, into <backups-dir>/pre-restore-<UTC time>/; if it fails, the restore does not start.',
        kind: (0,kinds/* boolKind */.xF)(),
        default: true,
        commands: ['restore'],
    }),
    'stop-services': (0,types/* settingWithDefault */.ak)({
        description: "Compose services that connect to the database, stopped during the restore and started again after it ('none': stop nothing).",
        kind: (0,kinds/* listKind */.zM)((0,kinds/* nameKind */.uo)('a compose service name')),
        default: DEFAULT_STOP_SERVICES,
        commands: ['restore'],
    }),
    'compose-file': (0,types/* settingWithDefault */.ak)({
        description: "The compose file 'docker compose -f' uses to stop and start services, relative to deploy-dir.",
        kind: (0,kinds/* pathKind */.gl)(),
        default: 'compose.production.yaml',
        commands: ['restore'],
    }),
    'keep-role-passwords': (0,types/* settingWithDefault */.ak)({
        description: "Roles that already exist on the target keep the target's password; the snapshot's password hashes are used only for new roles.",
        kind: (0,kinds/* boolKind */.xF)(),
        default: true,
        commands: RESTORING,
    }),
    'opensearch-existing': (0,types/* settingWithDefault */.ak)({
        description: "What happens to a live index the snapshot restores: 'close' it first, or 'delete' it.",
        kind: (0,kinds/* choiceKind */.au)(['close', 'delete']),
        default: 'close',
        commands: ['restore'],
    }),
    'dry-run': (0,types/* settingWithDefault */.ak)({
        description: 'Print the plan (snapshot, components, databases, indices, services, safety snapshot) and change nothing.',
        kind: (0,kinds/* boolKind */.xF)(),
        default: false,
        commands: RESTORING,
    }),
    'drill-postgres-host': (0,types/* settingWithDefault */.ak)({
        description: 'The scratch PostgreSQL a drill restores into, as seen from the SSH host (exec: host).',
        kind: (0,kinds/* hostKind */.Pz)(),
        default: '127.0.0.1',
        commands: ['drill'],
    }),
    'drill-postgres-port': (0,types/* setting */.Pe)({
        description: "The scratch PostgreSQL's port, as seen from the SSH host (exec: host).",
        kind: (0,kinds/* intKind */.kb)(1, 65535),
        commands: ['drill'],
    }),
    'drill-postgres-user': (0,types/* setting */.Pe)({
        description: "The scratch PostgreSQL's superuser (exec: host).",
        kind: (0,kinds/* nameKind */.uo)('a role name'),
        defaultText: "postgres-user, else the scratch container's POSTGRES_USER",
        commands: ['drill'],
    }),
    'drill-postgres-container': (0,types/* setting */.Pe)({
        description: 'The scratch PostgreSQL container a drill restores into (exec: docker).',
        kind: (0,kinds/* nameKind */.uo)('a container name'),
        commands: ['drill'],
    }),
    'drill-index-prefix': (0,types/* settingWithDefault */.ak)({
        description: "A drill restores each OpenSearch index as '<prefix><index>' (the backup's restore drill rename), then deletes it.",
        kind: (0,kinds/* patternKind */.LW)(/^[a-z0-9][a-z0-9_.-]*-$/, "lower case, ending with '-'", '<prefix>'),
        default: 'drill-',
        commands: ['drill'],
    }),
};

;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/secrets.js


/**
 * A path or glob relative to deploy-dir: no leading '/' or '-', no '..' segment, and only the
 * characters of a path plus the glob characters '*', '?', '[', ']'.
 */
const SECRET_PATH = /^(?![/-])(?!(?:.*\/)?\.\.(?:\/|$))[A-Za-z0-9_./@+:*?[\]-]+$/;
/**
 * An X25519 age recipient: 'age1' and 58 bech32 characters. The checksum is checked by the age
 * library when the secrets component starts (still before anything is written).
 */
const AGE_RECIPIENT = /^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/;
const secretSettings = {
    'secret-paths': (0,types/* settingWithDefault */.ak)({
        description: "The deployment's secret files and directories, relative to deploy-dir; globs such as 'config/*.env' allowed. Archived and encrypted to age-recipients.",
        kind: (0,kinds/* listKind */.zM)((0,kinds/* patternKind */.LW)(SECRET_PATH, "paths or globs relative to deploy-dir (letters, digits, '_ . / @ + : -' and '* ? [ ]'; no leading '/' or '-', no '..')", '<path>')),
        default: [
            '.envs/',
            '.env.sh',
            'scripts/.env.sh',
            'scripts/prod-hostnames.env',
            'config/*.env',
        ],
        commands: ['backup'],
    }),
    'age-recipients': (0,types/* settingWithDefault */.ak)({
        description: "age public keys ('age1...', from age-keygen) the secrets archive is encrypted to. Empty: secrets are skipped with a warning, never written in clear.",
        kind: (0,kinds/* listKind */.zM)((0,kinds/* patternKind */.LW)(AGE_RECIPIENT, "age X25519 public keys: 'age1' followed by 58 lower-case bech32 characters, as printed by 'age-keygen -y' (post-quantum 'age1pq1...' keys are not accepted: age 1.1, as in Debian 12, cannot decrypt them)", '<age1...>')),
        default: [],
        commands: ['backup'],
    }),
    'secrets-required': (0,types/* settingWithDefault */.ak)({
        description: 'Fail before anything is written when a secret-paths entry matches nothing on the host (otherwise it is recorded as missing in the manifest).',
        kind: (0,kinds/* boolKind */.xF)(),
        default: false,
        commands: ['backup'],
    }),
};

;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/ssh.js


const ssh_ON_HOST = ['backup', 'verify', 'restore', 'drill', 'status', 'health', 'set-watermarks'];
const sshSettings = {
    'ssh-host': (0,types/* setting */.Pe)({
        description: 'The production host to reach over SSH.',
        kind: (0,kinds/* hostKind */.Pz)(),
        commands: ssh_ON_HOST,
        requiredFor: ssh_ON_HOST,
    }),
    'ssh-port': (0,types/* settingWithDefault */.ak)({
        description: "The host's SSH port.",
        kind: (0,kinds/* intKind */.kb)(1, 65535),
        default: 22,
        commands: ssh_ON_HOST,
    }),
    'ssh-user': (0,types/* setting */.Pe)({
        description: 'The SSH user; it must be allowed to run docker (or the database tools, with exec: host).',
        kind: (0,kinds/* nameKind */.uo)('a user name'),
        commands: ssh_ON_HOST,
        requiredFor: ssh_ON_HOST,
    }),
    'ssh-private-key': (0,types/* setting */.Pe)({
        twin: 'ssh-private-key-file',
        description: 'The private key (OpenSSH or PEM text), as from a secret. The CLI reads it from GATEWAY_OPS_SSH_PRIVATE_KEY or ssh-private-key-file.',
        kind: (0,kinds/* blockKind */.UT)('the text of a private key'),
        commands: ssh_ON_HOST,
        secret: true,
        surfaces: { action: true, cli: false, config: false },
    }),
    'ssh-private-key-file': (0,types/* setting */.Pe)({
        localPath: true,
        twin: 'ssh-private-key',
        description: 'File holding the private key (for the CLI and config files).',
        kind: (0,kinds/* pathKind */.gl)(),
        commands: ssh_ON_HOST,
        surfaces: { action: false, cli: true, config: true },
    }),
    'ssh-passphrase': (0,types/* setting */.Pe)({
        description: "The private key's passphrase, if it has one. The CLI reads it from GATEWAY_OPS_SSH_PASSPHRASE.",
        kind: (0,kinds/* blockKind */.UT)('the passphrase text'),
        commands: ssh_ON_HOST,
        secret: true,
        surfaces: { action: true, cli: false, config: false },
    }),
    'ssh-known-hosts': (0,types/* setting */.Pe)({
        twin: 'ssh-known-hosts-file',
        description: "known_hosts lines for the host (as printed by 'ssh-keyscan -p PORT HOST'). This or ssh-host-fingerprint is required.",
        kind: (0,kinds/* blockKind */.UT)('known_hosts lines'),
        commands: ssh_ON_HOST,
        surfaces: { action: true, cli: false, config: true },
    }),
    'ssh-known-hosts-file': (0,types/* setting */.Pe)({
        localPath: true,
        twin: 'ssh-known-hosts',
        description: 'A known_hosts file to check the host key against (for the CLI and config files).',
        kind: (0,kinds/* pathKind */.gl)(),
        commands: ssh_ON_HOST,
        surfaces: { action: false, cli: true, config: true },
    }),
    'ssh-host-fingerprint': (0,types/* setting */.Pe)({
        description: "The host key's fingerprint as OpenSSH prints it ('SHA256:...', from 'ssh-keygen -lf').",
        kind: (0,kinds/* patternKind */.LW)(/^SHA256:[A-Za-z0-9+/]{43}=?$/, "'SHA256:' followed by 43 base64 characters", 'SHA256:<base64>'),
        commands: ssh_ON_HOST,
    }),
    'ssh-insecure-skip-host-key-check': (0,types/* settingWithDefault */.ak)({
        description: 'Accept any host key. Unsafe: anyone on the path can impersonate the host. Warned on every run.',
        kind: (0,kinds/* boolKind */.xF)(),
        default: false,
        commands: ssh_ON_HOST,
    }),
    'ssh-connect-timeout': (0,types/* settingWithDefault */.ak)({
        description: 'How long to wait for the SSH connection and authentication.',
        kind: (0,kinds/* durationKind */.fc)(),
        default: 30_000,
        defaultText: '30s',
        commands: ssh_ON_HOST,
    }),
    'ssh-command-timeout': (0,types/* settingWithDefault */.ak)({
        description: 'The longest any one remote command (such as the dump) may run; 0 for no limit.',
        kind: (0,kinds/* durationKind */.fc)(),
        default: 6 * 3600_000,
        defaultText: '6h',
        commands: ssh_ON_HOST,
    }),
    'ssh-keepalive-interval': (0,types/* settingWithDefault */.ak)({
        description: 'Interval of SSH keepalive messages, so that NAT and firewalls keep a silent connection open.',
        kind: (0,kinds/* durationKind */.fc)(),
        default: 15_000,
        defaultText: '15s',
        commands: ssh_ON_HOST,
    }),
    exec: (0,types/* settingWithDefault */.ak)({
        description: "Where database commands run: 'docker' (inside the service containers with 'docker exec -i') or 'host' (tools installed on the host).",
        kind: (0,kinds/* choiceKind */.au)(['docker', 'host']),
        default: 'docker',
        commands: ssh_ON_HOST,
    }),
};

;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/status.js


const statusSettings = {
    'max-age': (0,types/* settingWithDefault */.ak)({
        description: 'status: fail (exit 1) when the newest complete daily snapshot was completed longer ago than this.',
        kind: (0,kinds/* durationKind */.fc)(365 * 24 * 3600_000),
        default: 26 * 3600_000,
        defaultText: '26h',
        commands: ['status'],
    }),
    'min-size': (0,types/* setting */.Pe)({
        description: 'status: fail (exit 1) when the newest complete daily snapshot is smaller than this.',
        kind: (0,kinds/* sizeKind */.uX)(),
        defaultText: 'no minimum',
        commands: ['status'],
    }),
};

;// CONCATENATED MODULE: ./lib/src/shared/settings/definitions/index.js











/** Every setting of every command, by its one name (action input, CLI flag, config key). */
const SETTINGS = {
    ...common/* commonSettings */.J,
    ...sshSettings,
    ...postgresSettings,
    ...opensearchSettings,
    ...migrationSettings,
    ...restoreSettings,
    ...secretSettings,
    ...reportSettings,
    ...statusSettings,
    ...copySettings,
    ...healthSettings,
};

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
// EXTERNAL MODULE: ./lib/src/shared/text.js
var shared_text = __webpack_require__(15831);
;// CONCATENATED MODULE: ./lib/src/shared/settings/load.js






const ALL = SETTINGS;
function definitionOf(name) {
    return Object.hasOwn(ALL, name) ? ALL[name] : undefined;
}
function isAvailable(def, surface) {
    return def.surfaces?.[surface] ?? true;
}
/** The environment variable that carries a secret setting for the CLI. */
function envName(name) {
    return `GATEWAY_OPS_${name.toUpperCase().replaceAll('-', '_')}`;
}
/** The settings of one command on one surface, in schema order. */
function settingsFor(command, surface) {
    return Object.keys(ALL).filter((name) => {
        const def = ALL[name];
        return def.commands.includes(command) && isAvailable(def, surface);
    });
}
function describeFound(def, raw) {
    if (def.secret)
        return 'a value that is not of that form (not shown: it is secret)';
    const text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
    const shown = (0,shared_text/* echoValue */.J_)(text);
    return typeof raw === 'string' ? `'${shown}'` : `${shown} (${Array.isArray(raw) ? 'a list' : typeof raw})`;
}
// The YAML parser loads only when a config file is read (fast start).
const requireLazily = (0,external_node_module_.createRequire)(import.meta.url);
function yaml() {
    return requireLazily('yaml');
}
/** A config file larger than this is refused (and /dev/zero cannot make the read run forever). */
const CONFIG_LIMIT_BYTES = 1024 * 1024;
/** Reads at most CONFIG_LIMIT_BYTES + 1 bytes; more is an error, not a wait. */
function readBounded(path, limit = CONFIG_LIMIT_BYTES) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const buffer = Buffer.alloc(limit + 1);
        let length = 0;
        while (length < buffer.length) {
            const n = (0,external_node_fs_.readSync)(fd, buffer, length, buffer.length - length, null);
            if (n === 0)
                break;
            length += n;
        }
        if (length > limit)
            throw Object.assign(new Error('too large'), { code: `larger than ${limit} bytes` });
        return buffer.subarray(0, length).toString('utf8');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function readConfig(path, readFile, problems) {
    let text;
    try {
        text = readFile(path);
    }
    catch (error) {
        problems.push(`Setting 'config': cannot read the file '${(0,shared_text/* echoValue */.J_)(path)}' (${error.code ?? error}).`);
        return {};
    }
    // The YAML library's messages quote the file's text (a secret included): only codes and
    // positions are reported, and its warnings are never printed (logLevel: 'silent').
    const doc = yaml().parseDocument(text, { logLevel: 'silent', prettyErrors: false });
    const trouble = doc.errors[0] ?? doc.warnings[0];
    if (trouble) {
        const at = trouble.linePos?.[0];
        const where = at ? ` at line ${at.line}, column ${at.col}` : '';
        const what = trouble.code === 'TAG_RESOLVE_FAILED'
            ? 'uses a YAML tag (such as !secret) that gateway-ops does not resolve; give plain values'
            : `is not valid YAML (${trouble.code})`;
        problems.push(`Setting 'config': '${path}' ${what}${where}.`);
        return {};
    }
    let data;
    try {
        data = doc.toJS();
    }
    catch (error) {
        problems.push(`Setting 'config': '${path}' could not be read as YAML (${error.name}).`);
        return {};
    }
    if (data === null || data === undefined)
        return {};
    if (typeof data !== 'object' || Array.isArray(data)) {
        problems.push(`Setting 'config': expected '${path}' to hold a mapping of setting names to values, found ${Array.isArray(data) ? 'a list' : typeof data}.`);
        return {};
    }
    const config = {};
    for (const [key, value] of Object.entries(data)) {
        const def = definitionOf(key);
        if (!def) {
            const hint = (0,shared_text/* closest */.kp)(key, Object.keys(ALL));
            problems.push(`Unknown setting '${(0,shared_text/* echoValue */.J_)(key)}' in '${path}'${hint ? ` (did you mean '${hint}'?)` : ''}.`);
        }
        else if (!isAvailable(def, 'config')) {
            problems.push(def.secret
                ? `Setting '${key}' cannot be given in a config file: it is secret (use an action input from a secret, or an environment variable).`
                : `Setting '${key}' cannot be given in a config file.`);
        }
        else if (value !== null && value !== undefined) {
            // A path on this machine, written relative in the file, is relative to the file (cron runs elsewhere).
            config[key] =
                def.localPath && typeof value === 'string' && value !== '' && !(0,external_node_path_.isAbsolute)(value)
                    ? (0,external_node_path_.resolve)((0,external_node_path_.dirname)((0,external_node_path_.resolve)(path)), value)
                    : value;
        }
    }
    return config;
}
/**
 * Read, check and type the settings of a command. Every problem is collected; any problem raises
 * one ConfigurationError listing them all, before anything is run.
 */
function loadSettings(command, sources) {
    const problems = [];
    const readFile = sources.readFile ?? ((p) => readBounded(p));
    const explicit = {};
    for (const [key, value] of Object.entries(sources.explicit)) {
        if (value === undefined || value.trim() === '')
            continue;
        const def = definitionOf(key);
        const where = sources.surface === 'action' ? 'input' : 'option';
        if (!def || !isAvailable(def, sources.surface)) {
            const hint = (0,shared_text/* closest */.kp)(key, settingsFor(command, sources.surface));
            problems.push(`Unknown ${where} '${sources.surface === 'cli' ? '--' : ''}${(0,shared_text/* echoValue */.J_)(key)}'${hint ? ` (did you mean '${hint}'?)` : ''}.`);
        }
        else if (!def.commands.includes(command)) {
            problems.push(`Setting '${key}' does not apply to '${command}'.`);
        }
        else {
            explicit[key] = value;
        }
    }
    if (sources.surface === 'cli' && sources.env) {
        for (const name of Object.keys(ALL)) {
            const value = sources.env[envName(name)];
            if (ALL[name].secret && ALL[name].commands.includes(command) && value !== undefined && value !== '') {
                explicit[name] = value;
            }
        }
    }
    const configPath = explicit['config'];
    const config = configPath ? readConfig(configPath, readFile, problems) : {};
    const settings = {};
    const origin = {};
    for (const name of Object.keys(ALL)) {
        const def = ALL[name];
        let raw;
        let source;
        if (explicit[name] !== undefined) {
            raw = explicit[name];
            source = sources.surface === 'action' ? 'input' : 'flag';
        }
        else if (config[name] !== undefined && def.commands.includes(command)) {
            raw = config[name];
            source = 'config';
        }
        else {
            settings[name] = def.default;
            origin[name] = def.default === undefined ? 'unset' : 'default';
            continue;
        }
        const parsed = def.kind.parse(raw);
        if (parsed.success) {
            settings[name] = parsed.data;
            origin[name] = source;
        }
        else {
            const from = source === 'config' ? ` in '${configPath}'` : '';
            problems.push(`Invalid setting '${name}'${from}: expected ${def.kind.expected}, found ${describeFound(def, raw)}.`);
        }
    }
    for (const name of Object.keys(ALL)) {
        const def = ALL[name];
        if (def.requiredFor?.includes(command) && settings[name] === undefined && origin[name] === 'unset') {
            problems.push(`Missing setting '${name}': ${def.description}`);
        }
    }
    if (problems.length > 0)
        throw new errors/* ConfigurationError */.j1(problems);
    return { settings: settings, sources: origin };
}

;// CONCATENATED MODULE: ./lib/src/shared/settings/index.js





;// CONCATENATED MODULE: ./lib/src/runner/metadata.js

const ACTIONS = [
    {
        directory: 'backup',
        name: 'gateway-ops backup',
        description: "Over SSH, take today's verified snapshot of a Docker Compose Django + PostgreSQL + OpenSearch deployment: checksummed manifest, atomic, one per day. With mode: verify, re-check one; with mode: health, check the cluster, the databases and the disk.",
        branding: { icon: 'archive', color: 'blue' },
        commands: ['backup', 'verify', 'status', 'health'],
        modes: {
            setting: 'mode',
            commands: { backup: 'backup', verify: 'verify', status: 'status', health: 'health' },
        },
        outputs: {
            'snapshot-date': "The snapshot's date (YYYY-MM-DD).",
            'snapshot-path': "The snapshot's directory on the host.",
            manifest: "The snapshot's manifest.json (JSON): every file with size and sha256, components, versions, row counts.",
            reused: "'true' when today's snapshot already existed, verified, and was kept.",
            health: 'mode: health: the report as JSON (status, and every finding with area, check, status, summary, fix).',
            'health-status': "mode: health: 'ok', 'warn' or 'fail'.",
        },
    },
    {
        directory: 'migration-check',
        name: 'gateway-ops migration-check',
        description: 'Check that Django migrations stay linear (django-linear-migrations rules) on pull requests and pushes, and tell each pull request the exact rebase_migration command that fixes it.',
        branding: { icon: 'git-merge', color: 'green' },
        commands: ['migration-check'],
        outputs: {
            conflicts: 'JSON list of the apps with problems: app, problems (code, message, file, line) and fix.',
            'apps-needing-rebase': "Comma-separated labels of the apps that 'rebase_migration' fixes.",
            ok: "'true' when every checked app is linear and its max_migration.txt is right.",
        },
    },
    {
        directory: 'restore',
        name: 'gateway-ops restore',
        description: 'Restore a chosen snapshot to a host, with safeguards, a safety snapshot first and verification after; with mode: drill, restore it into scratch targets, compare and discard.',
        branding: { icon: 'rotate-ccw', color: 'orange' },
        commands: ['restore', 'drill'],
        modes: { setting: 'mode', commands: { restore: 'restore', drill: 'drill' }, default: 'restore' },
        outputs: {
            'snapshot-date': 'The date of the snapshot that was restored (or drilled).',
            'safety-snapshot-path': "The safety snapshot's directory on the host (empty when none was taken).",
            verdict: "'restored', 'failed', 'refused', 'planned' (dry-run); for a drill 'passed' or 'failed'.",
        },
    },
];
/** The inputs an action declares: the settings of its commands that actions accept. */
function actionInputs(action) {
    const names = new Set();
    for (const command of action.commands)
        for (const name of settingsFor(command, 'action'))
            names.add(name);
    return [...names];
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
;// CONCATENATED MODULE: ./lib/src/commands/index.js
const COMMAND_SUMMARIES = {
    backup: "Take today's verified snapshot of the deployment on the host over SSH.",
    verify: 'Re-read a snapshot on the host and check every file against its manifest.',
    restore: 'Restore a chosen snapshot to a host, with a safety snapshot first and verification after.',
    drill: 'Restore a snapshot into scratch targets, compare every count with its manifest, and discard it.',
    'migration-check': 'Check that Django migrations stay linear against a base branch and say how to fix them.',
    status: 'List the snapshots on the host; exit 1 when the newest complete one is too old, too small or bad.',
    health: 'Check the OpenSearch cluster, its disks and repository, PostgreSQL collations and the backups disk.',
    'set-watermarks': "Change OpenSearch's disk watermarks (low, high, flood-stage), showing before and after.",
};
/**
 * Each command's modules load only when it runs (`--help` and migration-check never load ssh2,
 * pg or the OpenSearch client): one line per command.
 */
const COMMAND_LOADERS = {
    backup: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(377), __webpack_require__.e(849), __webpack_require__.e(933), __webpack_require__.e(746), __webpack_require__.e(391), __webpack_require__.e(17), __webpack_require__.e(493), __webpack_require__.e(605), __webpack_require__.e(173)]).then(__webpack_require__.bind(__webpack_require__, 78173))).backupCommand,
    verify: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(377), __webpack_require__.e(830), __webpack_require__.e(93), __webpack_require__.e(933), __webpack_require__.e(746), __webpack_require__.e(391), __webpack_require__.e(17), __webpack_require__.e(232)]).then(__webpack_require__.bind(__webpack_require__, 14232))).verifyCommand,
    restore: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(377), __webpack_require__.e(849), __webpack_require__.e(933), __webpack_require__.e(746), __webpack_require__.e(391), __webpack_require__.e(17), __webpack_require__.e(493), __webpack_require__.e(605), __webpack_require__.e(961)]).then(__webpack_require__.bind(__webpack_require__, 43961))).restoreCommand,
    drill: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(377), __webpack_require__.e(830), __webpack_require__.e(93), __webpack_require__.e(849), __webpack_require__.e(933), __webpack_require__.e(746), __webpack_require__.e(391), __webpack_require__.e(17), __webpack_require__.e(493), __webpack_require__.e(605), __webpack_require__.e(961), __webpack_require__.e(744)]).then(__webpack_require__.bind(__webpack_require__, 43744))).drillCommand,
    'migration-check': async () => (await __webpack_require__.e(/* import() */ 292).then(__webpack_require__.bind(__webpack_require__, 13292))).migrationCheckCommand,
    status: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(377), __webpack_require__.e(933), __webpack_require__.e(746), __webpack_require__.e(731)]).then(__webpack_require__.bind(__webpack_require__, 27731))).statusCommand,
    health: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(377), __webpack_require__.e(849), __webpack_require__.e(933), __webpack_require__.e(746), __webpack_require__.e(391), __webpack_require__.e(493)]).then(__webpack_require__.bind(__webpack_require__, 9493))).healthCommand,
    'set-watermarks': async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(830), __webpack_require__.e(93), __webpack_require__.e(933), __webpack_require__.e(391), __webpack_require__.e(17), __webpack_require__.e(65)]).then(__webpack_require__.bind(__webpack_require__, 14065))).setWatermarksCommand,
};
/** What is left when a command is interrupted (Ctrl-C), printed before the CLI exits 130. */
const INTERRUPTED = {
    backup: "Today's snapshot was not completed: a work dir it had opened on the host is removed (when that fails, it stays as a .partial directory that no reader takes for complete, and the next run removes it); the lock on the host ends with the SSH session.",
    verify: 'The snapshot was not changed; it was not fully verified.',
    restore: 'The restore was interrupted: if it had started, the databases may be half-restored (the way back through the safety snapshot is above, when one was taken); the services it stopped were started again where the log above says so, and the next restore starts any left stopped (their note is on the host).',
    drill: 'The drill was interrupted: the scratch cluster may still hold restored databases; drop them before the next drill.',
    'migration-check': 'No verdict was given; without --fix nothing was changed.',
    status: 'Nothing was changed; the snapshots were not fully checked.',
    health: 'The checks were not finished; with refresh-collation, databases refreshed so far stay refreshed.',
    'set-watermarks': 'The watermarks may or may not have been changed: GET _cluster/settings shows them.',
};

;// CONCATENATED MODULE: ./lib/src/shared/report/webhook.js
/**
 * A healthchecks.io-style monitor: pinged when a run starts, succeeds or fails, so a run that
 * fails, hangs or never happens at all is noticed (the monitor alerts on a missing ping).
 */
const WEBHOOK_TIMEOUT_MS = 10_000;
/** healthchecks.io's protocol: `<url>/start`, `<url>`, `<url>/fail`. The URL (it holds the check's key) is never logged. */
function webhookUrl(base, event) {
    const trimmed = base.replace(/\/+$/, '');
    return event === 'start' ? `${trimmed}/start` : event === 'failure' ? `${trimmed}/fail` : trimmed;
}
async function pingWebhook(base, event, body, log, timeoutMs = WEBHOOK_TIMEOUT_MS) {
    try {
        const response = await fetch(webhookUrl(base, event), {
            method: 'POST',
            body: body.slice(0, 10_000),
            headers: { 'content-type': 'text/plain; charset=utf-8' },
            signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) {
            log.warn(`alert-webhook-url: the ${event} ping was answered with HTTP ${response.status}.`);
            return false;
        }
        log.info(`alert-webhook-url: ${event} ping sent.`);
        return true;
    }
    catch (error) {
        const why = error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the request failed';
        // The error text can quote the URL: say only what kind of failure it was.
        log.warn(`alert-webhook-url: the ${event} ping could not be sent (${why}).`);
        return false;
    }
}
function plainText(html) {
    return html
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#(\d+);/g, (_m, code) => String.fromCharCode(Number(code)))
        .replace(/[ \t]+/g, ' ')
        .trim();
}
/** Start ping before the command, success or failure ping after it (settings-stage failures send none: the missing success is the alert). */
async function withWebhook(url, log, run) {
    if (!url)
        return run();
    await pingWebhook(url, 'start', 'started', log);
    const outcome = await run();
    await pingWebhook(url, outcome.ok ? 'success' : 'failure', plainText(outcome.text), log);
    return outcome;
}

;// CONCATENATED MODULE: ./lib/src/shared/settings/copy-checks.js

/** The copy-to-* settings as a whole: all or nothing once copy-to-host is set, as for ssh-*. */
function copyToProblems(s, surface) {
    if (!s['copy-to-host'])
        return [];
    const problems = [];
    for (const name of ['copy-to-user', 'copy-to-path']) {
        if (!s[name])
            problems.push(`Missing setting '${name}': needed because copy-to-host is set.`);
    }
    if (!s['copy-to-private-key'] && !s['copy-to-private-key-file']) {
        problems.push(surface === 'action'
            ? // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, shown to the user as is
                "Missing setting 'copy-to-private-key': the copy host's SSH private key, e.g. ${{ secrets.COPY_SSH_KEY }}."
            : "Missing copy host key: set 'copy-to-private-key-file' or the environment variable GATEWAY_OPS_COPY_TO_PRIVATE_KEY.");
    }
    if (s['copy-to-private-key'] && s['copy-to-private-key-file']) {
        problems.push("Settings 'copy-to-private-key' and 'copy-to-private-key-file' are both set: keep one.");
    }
    const pinned = s['copy-to-known-hosts'] || s['copy-to-known-hosts-file'] || s['copy-to-host-fingerprint'];
    if (!pinned) {
        problems.push("Missing copy host key pin: set 'copy-to-known-hosts' (lines from 'ssh-keyscan -p PORT HOST'), 'copy-to-known-hosts-file' or " +
            "'copy-to-host-fingerprint' (SHA256:... from 'ssh-keygen -lf'). Host keys are always verified.");
    }
    if (s['copy-via'] === 'host' && !s['copy-to-known-hosts'] && !s['copy-to-known-hosts-file']) {
        problems.push("Setting 'copy-via: host' needs 'copy-to-known-hosts' or 'copy-to-known-hosts-file': rsync on the production host checks the copy host's key with OpenSSH, which cannot pin a fingerprint alone.");
    }
    for (const name of ['copy-to-private-key-file', 'copy-to-known-hosts-file']) {
        const path = s[name];
        if (path && !(0,external_node_fs_.existsSync)(path))
            problems.push(`Invalid setting '${name}': expected an existing file, found '${path}' (no such file).`);
    }
    return problems;
}

;// CONCATENATED MODULE: ./lib/src/shared/settings/names.js


const names_REF = /⟦([a-z0-9-]+)(?:=([^⟧]*))?⟧/g;
/** Renders every `⟦name⟧` / `⟦name=value⟧` of a message for the surface. */
function renderSettingRefs(text, surface) {
    if (!text.includes('⟦'))
        return text;
    return text.replace(names_REF, (_, name, value) => settingName(name, surface, value));
}
/** One setting's name as the user writes it on `surface` (with its value, when given). */
function settingName(name, surface, value) {
    const def = definitionOf(name);
    if (!def)
        return value === undefined ? name : `${name}: ${value}`;
    if (surface === 'cli' && def.secret)
        return `the environment variable ${envName(name)}`;
    if (!isAvailable(def, surface) && def.twin) {
        const twin = definitionOf(def.twin);
        if (twin && isAvailable(twin, surface))
            return settingName(def.twin, surface, undefined);
    }
    if (surface !== 'cli')
        return value === undefined ? name : `${name}: ${value}`;
    if (def.secret || !isAvailable(def, 'cli'))
        return `the environment variable ${envName(name)}`;
    if (value === undefined)
        return `--${name}`;
    if (def.kind.placeholder === 'true|false' && value === 'true')
        return `--${name}`;
    return `--${name} ${value}`;
}

;// CONCATENATED MODULE: ./lib/src/shared/settings/checks.js



/**
 * Rules that involve more than one setting, or the machine the CLI runs on. Returns problems
 * in the same form as loadSettings so both are reported together.
 */
function crossCheck(command, s, surface) {
    const problems = [];
    const onHost = ['backup', 'verify', 'restore', 'drill', 'status', 'health', 'set-watermarks'].includes(command);
    if (onHost) {
        if (!s['ssh-private-key'] && !s['ssh-private-key-file']) {
            problems.push(surface === 'action'
                ? // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, shown to the user as is
                    "Missing setting 'ssh-private-key': the SSH private key, e.g. ${{ secrets.BACKUP_SSH_KEY }}."
                : "Missing SSH key: set 'ssh-private-key-file' or the environment variable GATEWAY_OPS_SSH_PRIVATE_KEY.");
        }
        if (s['ssh-private-key'] && s['ssh-private-key-file']) {
            problems.push(surface === 'cli'
                ? 'Both GATEWAY_OPS_SSH_PRIVATE_KEY and --ssh-private-key-file are set: keep one.'
                : "Settings 'ssh-private-key' and 'ssh-private-key-file' are both set: keep one.");
        }
        const pinned = s['ssh-known-hosts'] || s['ssh-known-hosts-file'] || s['ssh-host-fingerprint'];
        if (!pinned && !s['ssh-insecure-skip-host-key-check']) {
            problems.push(surface === 'action'
                ? "Missing host key: set 'ssh-known-hosts' (lines from 'ssh-keyscan -p PORT HOST') or 'ssh-host-fingerprint' (SHA256:... from 'ssh-keygen -lf'). Host keys are always verified."
                : "Missing host key: set --ssh-known-hosts-file (a file of lines from 'ssh-keyscan -p PORT HOST') or --ssh-host-fingerprint (SHA256:... from 'ssh-keygen -lf'), or ssh-known-hosts in the --config file. Host keys are always verified.");
        }
        for (const name of ['ssh-private-key-file', 'ssh-known-hosts-file']) {
            const path = s[name];
            if (path && !(0,external_node_fs_.existsSync)(path))
                problems.push(`Invalid setting '${surface === 'cli' ? settingName(name, 'cli') : name}': expected an existing file, found '${path}' (no such file).`);
        }
        if (s['postgres-password'] && s.exec !== 'host') {
            problems.push(`Setting '${settingName('postgres-password', surface)}' is used with exec: host only; with exec: docker the password is read from the container's environment. Remove it, or set ${settingName('exec', surface, 'host')}.`);
        }
        try {
            new Intl.DateTimeFormat('en-CA', { timeZone: s.timezone });
        }
        catch {
            problems.push(`Invalid setting 'timezone': expected an IANA time zone such as 'UTC' or 'Europe/Berlin', found '${s.timezone}'.`);
        }
    }
    if (command === 'backup') {
        const level = s['compression-level'];
        if (level !== undefined) {
            if (s.compression === 'gzip' && level > 9) {
                problems.push(`Invalid setting 'compression-level': expected 1 to 9 for gzip, found ${level}.`);
            }
            if (s.compression === 'none')
                problems.push("Setting 'compression-level' has no effect with compression: none; remove it.");
        }
        problems.push(...copyToProblems(s, surface));
        if (s['keep-daily'] < 1)
            problems.push("Invalid setting 'keep-daily': at least 1 snapshot is always kept.");
    }
    return problems;
}

;// CONCATENATED MODULE: ./lib/src/run-command.js






async function runCommand(request) {
    const { log, surface } = request;
    maskGivenSecrets(request);
    let command = typeof request.command === 'string' ? request.command : firstMode(request.command);
    let settings;
    try {
        if (typeof request.command !== 'string')
            command = chooseMode(request.command, request.explicit);
        settings = load(command, request);
        for (const name of Object.keys(SETTINGS)) {
            const value = settings[name];
            if (SETTINGS[name].secret && typeof value === 'string')
                log.setSecret(value);
        }
        const problems = crossCheck(command, settings, surface);
        if (problems.length > 0)
            throw new errors/* ConfigurationError */.j1(problems);
    }
    catch (error) {
        return { stage: 'settings', command, failure: (0,errors/* classifyFailure */.XE)(error, surface) };
    }
    const webhookUrl = settings['alert-webhook-url'];
    return (await withWebhook(webhookUrl, log, () => runLoaded(command, settings, request))).outcome;
}
async function runLoaded(command, settings, request) {
    const { log, surface } = request;
    let outcome;
    try {
        const run = await COMMAND_LOADERS[command]();
        const result = await run({ settings, log, surface, stdout: request.stdout });
        outcome = { stage: 'done', command, settings, result };
    }
    catch (error) {
        outcome = { stage: 'run', command, failure: (0,errors/* classifyFailure */.XE)(error, surface) };
    }
    const ok = outcome.stage === 'done' && outcome.result.ok;
    const text = outcome.stage === 'done' ? outcome.result.headline : outcome.failure.message;
    return { ok, text: renderSettingRefs(text, surface), outcome };
}
/** Secrets are masked before anything can print them, even when their value is then rejected. */
function maskGivenSecrets(request) {
    for (const name of Object.keys(SETTINGS)) {
        if (!SETTINGS[name].secret)
            continue;
        for (const value of [request.explicit[name], request.env?.[envName(name)]])
            if (value)
                request.log.setSecret(value);
    }
}
function firstMode(choice) {
    return Object.values(choice.commands)[0];
}
function chooseMode(choice, explicit) {
    const def = definitionOf(choice.setting);
    const raw = explicit[choice.setting]?.trim() || choice.default || def.default;
    const parsed = def.kind.parse(raw);
    const command = parsed.success ? choice.commands[String(parsed.data)] : undefined;
    if (command === undefined) {
        const modes = Object.keys(choice.commands).map((m) => `'${m}'`);
        throw new errors/* ConfigurationError */.j1(`Invalid setting '${choice.setting}': expected one of ${modes.join(', ')}, found '${String(raw)}'.`);
    }
    return command;
}
/**
 * loadSettings for the chosen command; with modes, an input the chosen mode does not take is
 * refused by name (never dropped), together with every other problem.
 */
function load(command, request) {
    const problems = [...(request.problems ?? [])];
    const explicit = { ...request.explicit };
    if (typeof request.command !== 'string') {
        const taken = new Set(settingsFor(command, request.surface));
        const mode = explicit[request.command.setting]?.trim() ||
            request.command.default ||
            String(definitionOf(request.command.setting).default);
        for (const [name, value] of Object.entries(request.explicit)) {
            if (!value?.trim() || taken.has(name))
                continue;
            const others = Object.entries(request.command.commands)
                .filter(([, c]) => settingsFor(c, request.surface).includes(name))
                .map(([m]) => m);
            if (others.length === 0)
                continue;
            problems.push(`Input '${name}' is not used by ${request.command.setting} '${mode}' (it is for ${request.command.setting} ${others.map((m) => `'${m}'`).join(' or ')}): remove it, or set ${request.command.setting}: ${others[0]}.`);
            delete explicit[name];
        }
    }
    let loaded;
    try {
        loaded = loadSettings(command, {
            surface: request.surface,
            explicit,
            ...(request.env ? { env: request.env } : {}),
            ...(request.readFile ? { readFile: request.readFile } : {}),
        }).settings;
    }
    catch (error) {
        if (error instanceof errors/* ConfigurationError */.j1 && problems.length > 0)
            throw new errors/* ConfigurationError */.j1([...problems, ...error.problems]);
        throw error;
    }
    if (problems.length > 0)
        throw new errors/* ConfigurationError */.j1(problems);
    return loaded;
}

;// CONCATENATED MODULE: ./lib/src/shared/report/action-log.js


/** The Actions log: annotations for warnings and errors, masking through the runner, settings named as inputs. */
class ActionLog {
    info(message) {
        core/* info */.pq(renderSettingRefs(message, 'action'));
    }
    warn(message, annotation) {
        core/* warning */.$e(renderSettingRefs(message, 'action'), toProperties(annotation));
    }
    error(message, annotation) {
        core/* error */.z3(renderSettingRefs(message, 'action'), toProperties(annotation));
    }
    debug(message) {
        core/* debug */.Yz(renderSettingRefs(message, 'action'));
    }
    setSecret(value) {
        core/* setSecret */.Pq(value);
        // The runner masks line by line: register each line of a multi-line secret.
        for (const line of value.split(/\r?\n/))
            if (line.trim().length >= 4)
                core/* setSecret */.Pq(line.trim());
    }
    group(title, body) {
        return core/* group */.Os(title, body);
    }
}
function toProperties(annotation) {
    if (!annotation)
        return {};
    const props = {};
    if (annotation.file)
        props.file = annotation.file;
    if (annotation.line)
        props.startLine = annotation.line;
    if (annotation.title)
        props.title = annotation.title;
    return props;
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./lib/src/shared/report/github.js
var report_github = __webpack_require__(77026);
;// CONCATENATED MODULE: ./lib/src/shared/report/alert-issues.js


function octokitAlertIssueClient(options) {
    const octokit = (0,github.getOctokit)(options.token, options.baseUrl ? { baseUrl: options.baseUrl } : {});
    const { owner, repo } = options;
    const issueOf = (i) => ({
        number: i.number,
        title: i.title,
        body: i.body ?? '',
        url: i.html_url,
    });
    return {
        openIssuesLabelled: (label) => (0,report_github.wrap)('listing issues', async () => {
            const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
                owner,
                repo,
                state: 'open',
                labels: label,
                sort: 'created',
                direction: 'asc',
                per_page: 100,
            });
            return issues.filter((i) => !i.pull_request).map(issueOf);
        }),
        createIssue: (title, body, label) => (0,report_github.wrap)('creating an issue', async () => {
            const r = await octokit.rest.issues.create({ owner, repo, title, body, labels: [label] });
            return issueOf(r.data);
        }),
        updateIssueBody: (issue, body) => (0,report_github.wrap)('updating an issue', async () => {
            await octokit.rest.issues.update({ owner, repo, issue_number: issue, body });
        }),
        comment: (issue, body) => (0,report_github.wrap)('commenting on an issue', async () => {
            await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body });
        }),
        close: (issue) => (0,report_github.wrap)('closing an issue', async () => {
            await octokit.rest.issues.update({
                owner,
                repo,
                issue_number: issue,
                state: 'closed',
                state_reason: 'completed',
            });
        }),
    };
}

;// CONCATENATED MODULE: ./lib/src/shared/report/alerts.js







/**
 * Alerts that reach people: a failed scheduled run opens (or updates) ONE issue labelled
 * `backup-failure`; a later good run closes it with a comment.
 */
const ALERT_LABEL = 'backup-failure';
/** Marks the issue as ours, so a human's issue with the same label is never closed by a run. */
const MARKER = '<!-- gateway-ops:backup-failure -->';
const BODY_LIMIT = 60_000; // GitHub refuses bodies above 65 536 characters
function cut(text) {
    return text.length > BODY_LIMIT
        ? `${text.slice(0, BODY_LIMIT)}\n\n(cut at ${BODY_LIMIT} characters)`
        : text;
}
function issueBody(outcome) {
    return cut(`${MARKER}\nThe scheduled run of **${outcome.action}** failed: ${outcome.runUrl}\n\nThis issue is updated by every failing run and closed by the next good one.\n\n${outcome.summary}`);
}
/** Opens, updates or closes the one alert issue; returns what it did, in one line. */
async function reconcileAlertIssue(client, outcome) {
    const ours = (await client.openIssuesLabelled(ALERT_LABEL)).filter((i) => i.body.includes(MARKER));
    const [open, ...duplicates] = ours;
    if (outcome.ok) {
        if (!open)
            return 'no open alert issue: nothing to close';
        for (const issue of ours) {
            await client.comment(issue.number, `${outcome.action} succeeded again: ${outcome.runUrl}. Closing.`);
            await client.close(issue.number);
        }
        return `closed alert issue #${open.number}${duplicates.length ? ` (and ${duplicates.length} duplicate(s))` : ''}`;
    }
    if (!outcome.scheduled)
        return 'not a scheduled run: no alert issue opened';
    if (open) {
        await client.updateIssueBody(open.number, issueBody(outcome));
        await client.comment(open.number, cut(`Failed again: ${outcome.runUrl}\n\n${outcome.summary}`));
        return `updated alert issue #${open.number}`;
    }
    const created = await client.createIssue(`${outcome.action}: scheduled run failing`, issueBody(outcome), ALERT_LABEL);
    return `opened alert issue #${created.number}`;
}
function input(name, fallback) {
    const raw = core/* getInput */.V4(name);
    if (!raw)
        return fallback;
    const parsed = SETTINGS[name].kind.parse(raw);
    return parsed.success ? parsed.data : fallback;
}
/**
 * Runs one action step, then reconciles the alert issue with its outcome (the webhook pings are
 * part of the run path of both front ends: see runCommand). Alerting never changes the run's
 * outcome; a failure to alert is a warning saying what to fix. Actions without alert-issue are
 * run as they are.
 */
async function withAlerts(action, step) {
    const issue = input('alert-issue', false) === true;
    const token = input('github-token', '');
    const log = { info: (m) => core/* info */.pq(m), warn: (m) => core/* warning */.$e(m) };
    const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
    const before = summaryFile ? sizeOf(summaryFile) : 0;
    await step();
    if (!issue)
        return;
    const ok = process.exitCode === undefined || process.exitCode === 0;
    const summary = summaryFile ? (0,external_node_fs_.readFileSync)(summaryFile, 'utf8').slice(before) : '';
    const server = process.env['GITHUB_SERVER_URL'] ?? 'https://github.com';
    const repository = process.env['GITHUB_REPOSITORY'] ?? '';
    const outcome = {
        ok,
        action,
        summary: summary || '(no job summary was written)',
        runUrl: `${server}/${repository}/actions/runs/${process.env['GITHUB_RUN_ID'] ?? ''}`,
        scheduled: process.env['GITHUB_EVENT_NAME'] === 'schedule',
    };
    if (!token || !repository.includes('/')) {
        log.warn(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, shown to the user as is
        "alert-issue is true but no github-token was given (or GITHUB_REPOSITORY is unset): pass 'github-token: ${{ github.token }}' with 'permissions: issues: write'.");
        return;
    }
    const [owner, repo] = repository.split('/');
    const client = octokitAlertIssueClient({
        token,
        owner,
        repo,
        ...(process.env['GITHUB_API_URL'] ? { baseUrl: process.env['GITHUB_API_URL'] } : {}),
    });
    try {
        log.info(`alert-issue: ${await reconcileAlertIssue(client, outcome)}.`);
    }
    catch (error) {
        const denied = error instanceof report_github.GitHubRequestError && (error.status === 403 || error.status === 404);
        log.warn(`alert-issue: ${(0,errors/* errorMessage */.gJ)(error)}${denied ? " (the workflow needs 'permissions: issues: write')" : ''}`);
    }
}
function sizeOf(path) {
    try {
        return (0,external_node_fs_.statSync)(path).size;
    }
    catch {
        return 0;
    }
}

// EXTERNAL MODULE: ./lib/src/shared/report/summary.js
var summary = __webpack_require__(70241);
;// CONCATENATED MODULE: ./lib/src/runner/run-action.js










/**
 * Runs one action as the runner does: read the inputs, then the one run path (check them, run
 * the command), then write the summary and outputs. Never throws: failures end in core.setFailed
 * with a message that says what to change.
 */
async function runAction(action) {
    return withAlerts(action.name, () => runSteps(action)); // issue + webhook, see alerts.ts
}
async function runSteps(action) {
    const log = new ActionLog();
    const explicit = {};
    for (const name of actionInputs(action))
        explicit[name] = core/* getInput */.V4(name);
    const outcome = await runCommand({
        surface: 'action',
        command: action.modes ?? action.commands[0],
        explicit,
        log,
        stdout: (text) => core/* info */.pq(text),
    });
    await report(action, outcome);
}
async function report(action, outcome) {
    const prefix = action.name;
    const say = (text) => renderSettingRefs(text, 'action');
    if (outcome.stage !== 'done') {
        const { failure } = outcome;
        const message = say(failure.message);
        const hint = failure.hint ? say(failure.hint) : undefined;
        const headline = outcome.stage === 'settings' && failure.kind === 'user'
            ? 'Settings rejected: nothing was done.'
            : `${outcome.command} failed.`;
        await writeSummary(prefix, {
            ok: false,
            headline,
            details: [message, ...(hint ? [`Hint: ${hint}`] : [])],
            outputs: {},
        });
        if (failure.stack)
            core/* debug */.Yz(failure.stack);
        core/* setFailed */.C1(`${prefix}: ${message}${hint ? ` (${hint})` : ''}`);
        return;
    }
    const { result } = outcome;
    for (const [name, value] of Object.entries(result.outputs))
        core/* setOutput */.uH(name, value);
    await writeSummary(prefix, {
        ...result,
        headline: say(result.headline),
        details: (result.details ?? []).map(say),
    });
    if (!result.ok)
        core/* setFailed */.C1(`${prefix}: ${say(result.headline)}`);
}
async function writeSummary(title, result) {
    if (!process.env['GITHUB_STEP_SUMMARY'])
        return;
    try {
        await core/* summary */.z.addRaw((0,summary/* renderSummaryHtml */.Au)(title, result), true).write();
    }
    catch (error) {
        core/* warning */.$e(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}

;// CONCATENATED MODULE: ./lib/actions/migration-check/src/main.js


/** Pull requests and pushes to the base branch: migrations stay linear. */
async function run() {
    await runAction(ACTIONS.find((a) => a.directory === 'migration-check'));
}


/***/ }),

/***/ 8835:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OK: () => (/* binding */ OperationError),
/* harmony export */   XE: () => (/* binding */ classifyFailure),
/* harmony export */   f8: () => (/* binding */ GatewayOpsError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   j1: () => (/* binding */ ConfigurationError)
/* harmony export */ });
/* unused harmony exports EXIT, bugReportAdvice */
/** Base of every error raised on purpose; its `kind` decides how it is reported. */
class GatewayOpsError extends Error {
    hint;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.hint = options.hint;
    }
}
/**
 * A mistake the user must fix (a setting, a missing host key, a key that is not a key):
 * kept apart from bugs so the message says what to change. Exit code 2 in the CLI.
 */
class ConfigurationError extends GatewayOpsError {
    name = 'ConfigurationError';
    kind = 'user';
    problems;
    constructor(problems, options = {}) {
        const list = typeof problems === 'string' ? [problems] : problems;
        super(list.length === 1 ? list[0] : `${list.length} problems with the settings:\n- ${list.join('\n- ')}`, options);
        this.problems = list;
    }
}
/** The operation ran and failed (a dump cut short, a checksum mismatch): exit code 1. */
class OperationError extends GatewayOpsError {
    name = 'OperationError';
    kind = 'operation';
}
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 };
/** Where a bug is reported, and how to get the stack, for the surface the user is on. */
function bugReportAdvice(surface) {
    const debug = surface === 'cli'
        ? 'run again with GATEWAY_OPS_DEBUG=1 for the stack'
        : 're-run the job with debug logging (ACTIONS_STEP_DEBUG) for the stack';
    return `This is a bug in gateway-ops, not a problem with your settings or host: please report it in the gateway-ops issue tracker with this message (${debug}).`;
}
/** The one classifier both front ends use. */
function classifyFailure(error, surface) {
    if (error instanceof GatewayOpsError) {
        return {
            kind: error.kind,
            exitCode: error.kind === 'user' ? EXIT.usage : EXIT.failed,
            message: error.message,
            hint: error.hint,
            stack: undefined,
        };
    }
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
        kind: 'bug',
        exitCode: EXIT.failed,
        message: `unexpected error: ${text}. ${bugReportAdvice(surface)}`,
        hint: undefined,
        stack: error instanceof Error ? error.stack : undefined,
    };
}


/***/ }),

/***/ 77026:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ACTIONS_BOT_LOGIN: () => (/* binding */ ACTIONS_BOT_LOGIN),
/* harmony export */   GitHubRequestError: () => (/* binding */ GitHubRequestError),
/* harmony export */   octokitClient: () => (/* binding */ octokitClient),
/* harmony export */   wrap: () => (/* binding */ wrap)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8835);


/** An HTTP error from GitHub, with its status (403 = the token may not write, e.g. on a fork). */
class GitHubRequestError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GatewayOpsError */ .f8 {
    name = 'GitHubRequestError';
    kind = 'operation';
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
/** The workflow token's user when GitHub does not say (the REST /user endpoint refuses app tokens). */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
async function wrap(what, call) {
    try {
        return await call();
    }
    catch (error) {
        const status = typeof error.status === 'number' ? error.status : 0;
        throw new GitHubRequestError(`GitHub ${what} failed${status ? ` (HTTP ${status})` : ''}: ${error.message}`, status);
    }
}
/** The real client over Octokit (`@actions/github`); `baseUrl` for GHES (and the loopback test). */
function octokitClient(options) {
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__.getOctokit)(options.token, options.baseUrl ? { baseUrl: options.baseUrl } : {});
    const { owner, repo } = options;
    let login;
    return {
        async ownLogin() {
            if (login)
                return login;
            try {
                const result = await octokit.graphql('query { viewer { login } }');
                login = result.viewer.login;
            }
            catch {
                login = ACTIONS_BOT_LOGIN;
            }
            return login;
        },
        listComments: (issue, page, perPage) => wrap('listing comments', async () => {
            const r = await octokit.rest.issues.listComments({
                owner,
                repo,
                issue_number: issue,
                page,
                per_page: perPage,
            });
            return r.data.map((c) => ({ id: c.id, body: c.body ?? '', author: c.user?.login ?? null }));
        }),
        createComment: (issue, body) => wrap('creating a comment', async () => {
            const r = await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body });
            return { id: r.data.id, body: r.data.body ?? '', author: r.data.user?.login ?? null };
        }),
        updateComment: (commentId, body) => wrap('updating a comment', async () => {
            await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
        }),
        listOpenPullRequests: (base) => wrap('listing pull requests', async () => {
            const pulls = await octokit.paginate(octokit.rest.pulls.list, {
                owner,
                repo,
                base,
                state: 'open',
                per_page: 100,
            });
            return pulls.map((p) => ({
                number: p.number,
                headSha: p.head.sha,
                headRef: p.head.ref,
                fromFork: (p.head.repo?.full_name ?? '') !== `${owner}/${repo}`,
            }));
        }),
    };
}


/***/ }),

/***/ 70241:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ renderSummaryHtml),
/* harmony export */   LS: () => (/* binding */ plural)
/* harmony export */ });
/* unused harmony exports escapeHtml, SUMMARY_LIMIT, renderSummaryLines */
/** core.summary does no escaping: everything we put in it goes through here. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
/** core.summary aborts above 1 MiB. */
const SUMMARY_LIMIT = 900_000;
/** The job summary of one run, as HTML. */
function renderSummaryHtml(title, result) {
    let html = `<h2>${escapeHtml(title)}: ${result.ok ? '✅' : '❌'} ${escapeHtml(result.headline)}</h2>\n`;
    if (result.details?.length)
        html += `<ul>${result.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>\n`;
    if (result.table)
        html += renderTableHtml(result.table);
    if (html.length > SUMMARY_LIMIT)
        html = `${html.slice(0, SUMMARY_LIMIT)}\n<p>(summary cut at ${SUMMARY_LIMIT} characters)</p>\n`;
    return html;
}
function renderTableHtml(table) {
    const head = `<tr>${table.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
    const rows = table.rows
        .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('\n');
    return `<table>\n${head}\n${rows}\n</table>\n`;
}
/** The same result as lines for a terminal: headline, indented details, the table as `a | b` rows. */
function renderSummaryLines(result) {
    const lines = [result.headline, ...(result.details ?? []).map((d) => `  ${d}`)];
    if (result.table)
        for (const row of [result.table.header, ...result.table.rows])
            lines.push(`  ${row.join(' | ')}`);
    return lines;
}
/** "1 file", "3 files": every count in a message goes through here. */
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}


/***/ }),

/***/ 16710:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ COMPONENTS),
/* harmony export */   J: () => (/* binding */ commonSettings)
/* harmony export */ });
/* harmony import */ var _kinds_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(40693);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27971);


const ON_HOST = ['backup', 'verify', 'restore', 'drill', 'status', 'health'];
const COMPONENTS = ['postgres', 'opensearch', 'secrets', 'git'];
const commonSettings = {
    config: (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .setting */ .Pe)({
        description: 'YAML file of settings (keys are the setting names). Inputs and flags override it.',
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .pathKind */ .gl)(),
        commands: [
            'backup',
            'verify',
            'restore',
            'drill',
            'migration-check',
            'status',
            'health',
            'set-watermarks',
        ],
        surfaces: { action: true, cli: true, config: false },
    }),
    'deploy-dir': (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: "The deployment's directory on the host (where docker compose runs); relative paths are from the SSH user's home.",
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .pathKind */ .gl)(),
        default: '.',
        commands: ON_HOST,
    }),
    'backups-dir': (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: 'Directory of the daily snapshots on the host, relative to deploy-dir unless absolute.',
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .pathKind */ .gl)(),
        default: 'data/backups',
        commands: ON_HOST,
    }),
    timezone: (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: "IANA time zone that decides a snapshot's date (YYYY-MM-DD).",
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .patternKind */ .LW)(/^(?:UTC|[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2})$/, "an IANA time zone such as 'UTC' or 'America/Chicago'", '<zone>'),
        default: 'UTC',
        commands: ON_HOST,
    }),
    components: (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: 'What the snapshot contains (backup: postgres, opensearch, secrets, git); what to restore (restore, drill: postgres and opensearch, of what the snapshot holds; secrets and git are restored by hand).',
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .listKind */ .zM)((0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .choiceKind */ .au)(COMPONENTS), { min: 1 }),
        default: ['postgres', 'opensearch', 'secrets', 'git'],
        commands: ['backup', 'restore', 'drill', 'health'],
    }),
    force: (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: "Take a new snapshot even if today's exists and verifies; the old one is replaced only after the new one is complete.",
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .boolKind */ .xF)(),
        default: false,
        commands: ['backup'],
    }),
    mode: (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: "The action's job. backup action: 'backup' takes today's snapshot, 'verify' re-checks one, 'status' lists them and fails when the newest is too old, too small or bad, 'health' checks the cluster, the databases and the disk. restore action: 'restore' (its default), or 'drill' into scratch targets.",
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .choiceKind */ .au)(['backup', 'verify', 'status', 'health', 'restore', 'drill']),
        default: 'backup',
        defaultText: "'backup' (backup action), 'restore' (restore action)",
        commands: ['backup', 'verify', 'status', 'health', 'restore', 'drill'],
        surfaces: { action: true, cli: false, config: false },
    }),
    'snapshot-date': (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: "Which snapshot to verify or restore: 'latest' (the newest daily one), a date YYYY-MM-DD, or a safety snapshot's label.",
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .snapshotChoiceKind */ .Y9)(),
        default: 'latest',
        commands: ['verify', 'restore', 'drill'],
    }),
    'keep-daily': (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: 'Retention: keep the newest snapshot of each of this many most recent days.',
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .intKind */ .kb)(1, 3650),
        default: 7,
        commands: ['backup'],
    }),
    'keep-weekly': (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: 'Retention: also keep the newest snapshot of each of this many most recent ISO weeks.',
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .intKind */ .kb)(0, 520),
        default: 4,
        commands: ['backup'],
    }),
    'keep-pre-restore': (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: 'Retention: keep this many of the newest pre-restore (safety) snapshots; daily retention never counts or prunes them.',
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .intKind */ .kb)(1, 1000),
        default: 3,
        commands: ['backup', 'restore'],
    }),
    'keep-monthly': (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .settingWithDefault */ .ak)({
        description: 'Retention: also keep the newest snapshot of each of this many most recent months.',
        kind: (0,_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .intKind */ .kb)(0, 240),
        default: 6,
        commands: ['backup'],
    }),
};


/***/ }),

/***/ 40693:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LW: () => (/* binding */ patternKind),
/* harmony export */   Pz: () => (/* binding */ hostKind),
/* harmony export */   UT: () => (/* binding */ blockKind),
/* harmony export */   Y9: () => (/* binding */ snapshotChoiceKind),
/* harmony export */   _I: () => (/* binding */ textKind),
/* harmony export */   au: () => (/* binding */ choiceKind),
/* harmony export */   fc: () => (/* binding */ durationKind),
/* harmony export */   gl: () => (/* binding */ pathKind),
/* harmony export */   kb: () => (/* binding */ intKind),
/* harmony export */   uX: () => (/* binding */ sizeKind),
/* harmony export */   uo: () => (/* binding */ nameKind),
/* harmony export */   xF: () => (/* binding */ boolKind),
/* harmony export */   zM: () => (/* binding */ listKind)
/* harmony export */ });
/* unused harmony exports kind, dateKind, isCalendarDate */
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98995);

// zod loads only when a value is parsed, not when the definitions are read: `--help` and the
// action.yml generator never pay for it (fast start).
const requireLazily = (0,node_module__WEBPACK_IMPORTED_MODULE_0__.createRequire)(import.meta.url);
let zod;
function z() {
    zod ??= requireLazily('zod').z;
    return zod;
}
/**
 * A kind whose schema is built on first use. `check`, where given, is the same rule as `build`
 * without zod (test/unit/settings/kinds-check.property.test.ts holds them equal): parsing the
 * settings of a short command (migration-check) then never loads zod (~60 ms of a whole process).
 */
function kind(spec) {
    let built;
    const schema = () => {
        built ??= spec.build(z());
        return built;
    };
    return {
        expected: spec.expected,
        placeholder: spec.placeholder,
        get schema() {
            return schema();
        },
        parse: spec.check ?? ((raw) => schema().safeParse(raw)),
    };
}
const text = (raw) => typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
const ok = (data) => ({ success: true, data });
const REFUSED = { success: false };
/** `text`, then a string whose length is within [min, max] and that matches `re`. */
function checkText(re, min, max) {
    return (raw) => {
        const v = text(raw);
        return typeof v === 'string' && v.length >= min && v.length <= max && (!re || re.test(v))
            ? ok(v)
            : REFUSED;
    };
}
/** Shell metacharacters and whitespace are refused in names and paths: they are never needed there. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const PATH = /^[A-Za-z0-9_./@+-][A-Za-z0-9_./@+:-]*$/;
function nameKind(what = 'a name') {
    return kind({
        expected: `${what} of letters, digits, '_', '.', '-' (starting with a letter or digit)`,
        placeholder: '<name>',
        build: (z) => z.preprocess(text, z.string().regex(NAME).max(255)),
        check: checkText(NAME, 0, 255),
    });
}
function pathKind() {
    return kind({
        expected: "a path of letters, digits and '_ . / @ + : -' (no spaces or shell metacharacters)",
        placeholder: '<path>',
        build: (z) => z.preprocess(text, z.string().regex(PATH).max(4096)),
        check: checkText(PATH, 0, 4096),
    });
}
function hostKind() {
    return kind({
        expected: 'a host name or IP address',
        placeholder: '<host>',
        build: (z) => z.preprocess(text, z
            .string()
            .regex(/^(?:[A-Za-z0-9][A-Za-z0-9.-]*|\[?[0-9A-Fa-f:.]+\]?)$/)
            .max(253)),
    });
}
function textKind(placeholder = '<text>', expected = 'non-empty text') {
    return kind({
        expected,
        placeholder,
        build: (z) => z.preprocess(text, z.string().min(1)),
        check: checkText(undefined, 1, Infinity),
    });
}
function patternKind(re, expected, placeholder) {
    return kind({
        expected,
        placeholder,
        build: (z) => z.preprocess(text, z.string().regex(re)),
        check: checkText(re, 0, Infinity),
    });
}
function intKind(min, max) {
    return kind({
        expected: `an integer from ${min} to ${max}`,
        placeholder: '<n>',
        build: (z) => z.preprocess((raw) => (typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw.trim()) : raw), z.number().int().min(min).max(max)),
    });
}
/** Durations as `30s`, `5m`, `2h` or plain seconds; value in milliseconds. */
function durationKind(maxMs = 7 * 24 * 3600_000) {
    const units = { ms: 1, s: 1000, m: 60_000, h: 3600_000 };
    return kind({
        expected: "a duration such as '90s', '15m', '2h' (or whole seconds)",
        placeholder: '<duration>',
        build: (z) => z.preprocess((raw) => {
            if (typeof raw === 'number')
                return raw * 1000;
            if (typeof raw !== 'string')
                return raw;
            const m = /^\s*(\d+)\s*(ms|s|m|h)?\s*$/.exec(raw);
            return m ? Number(m[1]) * (units[m[2] ?? 's'] ?? 1000) : raw;
        }, z.number().int().min(0).max(maxMs)),
    });
}
function boolKind() {
    const word = (raw) => {
        if (typeof raw !== 'string')
            return raw;
        const v = raw.trim().toLowerCase();
        return v === 'true' ? true : v === 'false' ? false : raw;
    };
    return kind({
        expected: "'true' or 'false'",
        placeholder: 'true|false',
        build: (z) => z.preprocess(word, z.boolean()),
        check: (raw) => {
            const v = word(raw);
            return typeof v === 'boolean' ? ok(v) : REFUSED;
        },
    });
}
function choiceKind(values) {
    const trim = (raw) => (typeof raw === 'string' ? raw.trim() : raw);
    return kind({
        expected: `one of ${values.map((v) => `'${v}'`).join(', ')}`,
        placeholder: values.join('|'),
        build: (z) => z.preprocess(trim, z.enum(values)),
        check: (raw) => {
            const v = trim(raw);
            return typeof v === 'string' && values.includes(v)
                ? ok(v)
                : REFUSED;
        },
    });
}
/** A list: YAML sequence, or text separated by commas and/or newlines. */
function listKind(item, options = {}) {
    const split = (raw) => {
        if (typeof raw !== 'string')
            return raw;
        return raw
            .split(/[,\n]/)
            .map((s) => s.trim())
            .filter((s) => s !== '');
    };
    return kind({
        expected: `a list (comma- or newline-separated) of ${options.allowed ? `values among ${options.allowed.map((v) => `'${v}'`).join(', ')}` : item.expected}`,
        placeholder: `${item.placeholder},...`,
        check: (raw) => {
            const v = split(raw);
            if (!Array.isArray(v) || v.length < (options.min ?? 0))
                return REFUSED;
            const items = [];
            for (const x of v) {
                const parsed = item.parse(x);
                if (!parsed.success)
                    return REFUSED;
                items.push(parsed.data);
            }
            return !options.allowed || items.every((x) => options.allowed.includes(String(x)))
                ? ok(items)
                : REFUSED;
        },
        build: (z) => z.preprocess(split, (options.allowed
            ? z.array(item.schema).refine((xs) => xs.every((x) => options.allowed.includes(String(x))))
            : z.array(item.schema)).min(options.min ?? 0)),
    });
}
/** Multi-line text such as a private key or known_hosts lines; kept verbatim. */
function blockKind(expected) {
    return kind({
        expected,
        placeholder: '<text>',
        build: (z) => z.preprocess(text, z.string().min(1)),
        check: checkText(undefined, 1, Infinity),
    });
}
/** A calendar date YYYY-MM-DD that exists (2026-13-01 and 2026-02-30 do not), or one of `words`. */
function dateKind(words = []) {
    const form = [...words.map((w) => `'${w}'`), 'a date YYYY-MM-DD'].join(' or ');
    return kind({
        expected: `${form} (a real calendar date)`,
        placeholder: '<date>',
        build: (z) => z.preprocess((raw) => (typeof raw === 'string' ? raw.trim() : raw), z.string().refine((v) => words.includes(v) || isCalendarDate(v))),
    });
}
/** `latest`, a real date, or a restore's safety snapshot by its label (`pre-restore-20261201T101500Z`). */
function snapshotChoiceKind() {
    const dates = dateKind(['latest']);
    return kind({
        expected: `${dates.expected}, or a safety snapshot's label pre-restore-YYYYMMDDTHHMMSSZ`,
        placeholder: dates.placeholder,
        build: (z) => z.union([
            dates.schema,
            z
                .string()
                .trim()
                .regex(/^pre-restore-\d{8}T\d{6}Z$/),
        ]),
    });
}
function isCalendarDate(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m)
        return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
const UNITS = {
    '': 1,
    b: 1,
    k: 1024,
    kb: 1000,
    kib: 1024,
    m: 1024 ** 2,
    mb: 1000 ** 2,
    mib: 1024 ** 2,
    g: 1024 ** 3,
    gb: 1000 ** 3,
    gib: 1024 ** 3,
    t: 1024 ** 4,
    tb: 1000 ** 4,
    tib: 1024 ** 4,
};
/** A size such as '500MiB', '2GB', '1.5G' or plain bytes; value in bytes. */
function sizeKind() {
    return kind({
        expected: "a size such as '500MiB', '2GB', '1.5G' (K/M/G/T are binary) or whole bytes",
        placeholder: '<size>',
        build: (z) => z.preprocess((raw) => {
            if (typeof raw === 'number')
                return raw;
            if (typeof raw !== 'string')
                return raw;
            const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(raw);
            const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
            return m && unit !== undefined ? Math.round(Number(m[1]) * unit) : raw;
        }, z.number().int().nonnegative()),
    });
}


/***/ }),

/***/ 27971:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pe: () => (/* binding */ setting),
/* harmony export */   ak: () => (/* binding */ settingWithDefault)
/* harmony export */ });
/* unused harmony export COMMANDS */
/** The operations. Each action runs one or more of them; the CLI has one subcommand each. */
const COMMANDS = (/* unused pure expression or super */ null && ([
    'backup',
    'verify',
    'restore',
    'drill',
    'migration-check',
    'status',
    'health',
    'set-watermarks',
]));
/** A setting that is unset unless given. */
function setting(definition) {
    return definition;
}
/** A setting that always has a value. */
function settingWithDefault(definition) {
    return definition;
}


/***/ }),

/***/ 15831:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J_: () => (/* binding */ echoValue),
/* harmony export */   kp: () => (/* binding */ closest),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* unused harmony export editDistance */
/**
 * A value the user gave, made safe to echo in a message: control characters (newlines, ANSI
 * escapes), bidirectional overrides such as U+202E and other invisible format characters are
 * shown as escapes, and the result is capped so a huge value cannot flood the log.
 */
function echoValue(value, max = 80) {
    const chars = [...value];
    const cut = chars.length > max;
    const shown = (cut ? chars.slice(0, max) : chars).map(escapeChar).join('');
    return cut ? `${shown}... (${chars.length} characters)` : shown;
}
// C0/C1 controls, DEL, and format characters (bidi controls, zero-width, BOM).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;
function escapeChar(c) {
    if (!UNSAFE.test(c))
        return c;
    if (c === '\n')
        return '\\n';
    if (c === '\r')
        return '\\r';
    if (c === '\t')
        return '\\t';
    const code = c.codePointAt(0);
    return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
}
/** Levenshtein distance, for "did you mean". */
function editDistance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = tmp;
        }
    }
    return row[b.length];
}
/** The candidate nearest to `name` (at most 3 edits away), for "did you mean". */
function closest(name, candidates) {
    if (name.length > 200)
        return undefined;
    let best;
    for (const c of candidates) {
        const d = editDistance(name, c);
        if (d <= 3 && (!best || d < best.d))
            best = { c, d };
    }
    return best?.c;
}
/** A byte count for people: 1024-based units, one decimal above bytes ('512 B', '1.5 GiB'). */
function formatBytes(bytes) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}


/***/ })

};

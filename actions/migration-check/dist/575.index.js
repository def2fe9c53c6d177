export const id = 575;
export const ids = [575];
export const modules = {

/***/ 67575:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareSecrets: () => (/* reexport */ prepareSecrets)
});

// UNUSED EXPORTS: SECRETS_ARCHIVE, encrypterFor, parseInventory

// EXTERNAL MODULE: ./node_modules/age-encryption/dist/index.js + 51 modules
var dist = __webpack_require__(81539);
// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
;// CONCATENATED MODULE: ./lib/src/shared/secrets/recipients.js


/**
 * An encrypter for the recipients, each checked by the age library itself (bech32 checksum, key
 * length), so a mistyped key is a settings error before anything is written, never an archive
 * nobody can open. `setting` is the name in the user's form (input `age-recipients`, `--age-recipients`).
 */
function encrypterFor(recipients, setting = 'age-recipients') {
    const encrypter = new dist/* Encrypter */.T7();
    const problems = [];
    for (const [index, recipient] of recipients.entries()) {
        if (!recipient.startsWith('age1') || recipient.startsWith('age1pq1') || recipient.startsWith('age1tag')) {
            problems.push(`Invalid setting '${setting}': entry ${index + 1} is not an age X25519 public key: expected 'age1' followed by 58 bech32 characters (from 'age-keygen -y'), found '${shorten(recipient)}'.`);
            continue;
        }
        try {
            encrypter.addRecipient(recipient);
        }
        catch {
            problems.push(`Invalid setting '${setting}': entry ${index + 1} ('${shorten(recipient)}') is not a valid age public key (its checksum or length is wrong: copy it again from 'age-keygen -y').`);
        }
    }
    if (problems.length > 0)
        throw new errors/* ConfigurationError */.j1(problems);
    return encrypter;
}
function shorten(text) {
    return text.length > 24 ? `${text.slice(0, 12)}...${text.slice(-8)}` : text;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./lib/src/shared/remote/quote.js
var quote = __webpack_require__(89413);
// EXTERNAL MODULE: ./lib/src/shared/remote/script.js
var script = __webpack_require__(42494);
;// CONCATENATED MODULE: ./lib/src/shared/secrets/scripts.js

/**
 * Host scripts of the secrets component. File names never leave the host in clear: the scripts
 * print counts and sizes, tar's own messages (which name files) are dropped, and the list of files
 * goes to tar through a pipe, not argv (argv shows in `ps`).
 */
const SECRETS_TOOLS = ['tar', 'find', 'sort', 'stat'];
const ARCHIVE_FAILED = 'gateway-ops-secrets-archive-failed';
/**
 * `secret_files PATTERN...`: the regular files under the patterns (globs expanded by bash, never
 * word-split or evaluated), NUL-separated, each once; symbolic links are followed, as the
 * deployment reads them. On fd 3: `missing<TAB>PATTERN` for a pattern that matches nothing, and
 * `unlisted` when find could not read a directory.
 */
const SECRET_FILES_FUNCTION = `secret_files() {
  local pattern match found
  local IFS=
  for pattern in "$@"; do
    found=0
    # Unquoted on purpose: pathname expansion only (IFS is empty, so no word splitting).
    # shellcheck disable=SC2086
    for match in $pattern; do
      if [ -e "$match" ] || [ -L "$match" ]; then
        found=1
        match=\${match%/}
        find -L "./$match" -type f -print0 2>/dev/null || echo unlisted >&3
      fi
    done
    if [ "$found" = 0 ]; then printf 'missing\\t%s\\n' "$pattern" >&3; fi
  done | sort -zu
}`;
function enterDeployDir(deployDir) {
    return `deploy=${(0,quote/* shellQuote */.Z)(deployDir)}
if ! cd -- "$deploy" 2>/dev/null; then echo "no-deploy-dir"; exit 0; fi
shopt -s nullglob`;
}
/**
 * Counts what the archive would hold, before anything is written:
 * `tools-missing<TAB>T...`, `no-deploy-dir`, `missing<TAB>PATTERN`, `unlisted`,
 * `files<TAB>COUNT<TAB>BYTES<TAB>UNREADABLE`.
 */
function inventoryScript(deployDir, patterns) {
    return `missing_tools=
for tool in ${SECRETS_TOOLS.join(' ')}; do command -v "$tool" >/dev/null 2>&1 || missing_tools="$missing_tools $tool"; done
if [ -n "$missing_tools" ]; then printf 'tools-missing\\t%s\\n' "\${missing_tools# }"; exit 0; fi
${enterDeployDir(deployDir)}
${SECRET_FILES_FUNCTION}
exec 3>&1
count=0 bytes=0 unreadable=0
while IFS= read -r -d '' file; do
  count=$((count + 1))
  if [ -r "$file" ]; then bytes=$((bytes + $(stat -L -c %s -- "$file"))); else unreadable=$((unreadable + 1)); fi
done < <(secret_files ${patterns.map(quote/* shellQuote */.Z).join(' ')})
printf 'files\\t%s\\t%s\\t%s\\n' "$count" "$bytes" "$unreadable"
`;
}
/**
 * Writes the tar of the secret files (paths relative to deploy-dir) to stdout, nothing else. On
 * failure it says only which stage failed and its status on stderr: tar's messages name files.
 */
function archiveScript(deployDir, patterns) {
    return `${enterDeployDir(deployDir)}
${SECRET_FILES_FUNCTION}
set +e
secret_files ${patterns.map(quote/* shellQuote */.Z).join(' ')} 3>/dev/null | tar --null --no-recursion --dereference -T - -cf - 2>/dev/null
status=("\${PIPESTATUS[@]}")
set -e
if [ "\${status[0]}" != 0 ] || [ "\${status[1]}" != 0 ]; then
  echo "${ARCHIVE_FAILED} list=\${status[0]} tar=\${status[1]}" >&2
  exit 1
fi
`;
}
/** Stores stdin as FILE (mode 0600, directories 0700) and prints its size. */
function storeScript(file) {
    return `umask 077
target=${(0,quote/* shellQuote */.Z)(file)}
mkdir -p -- "$(dirname -- "$target")"
cat > "$target"
stat -c %s -- "$target"
`;
}
function parseInventory(stdout) {
    const lines = stdout.split('\n').filter((line) => line !== '');
    const tools = lines.find((line) => line.startsWith('tools-missing\t'));
    if (tools)
        return { kind: 'tools-missing', tools: tools.split('\t')[1].split(' ').filter(Boolean) };
    if (lines.includes('no-deploy-dir'))
        return { kind: 'no-deploy-dir' };
    const counts = lines.find((line) => line.startsWith('files\t'));
    if (!counts)
        throw new Error(`secrets inventory: no 'files' line in the host's answer`);
    const [, files, bytes, unreadable] = counts.split('\t').map(Number);
    return {
        kind: 'inventory',
        files: files,
        bytes: bytes,
        unreadable: unreadable,
        missing: lines.filter((line) => line.startsWith('missing\t')).map((line) => line.slice(8)),
        unlisted: lines.includes('unlisted'),
    };
}

;// CONCATENATED MODULE: ./lib/src/shared/secrets/secrets.js








const SECRETS_ARCHIVE = 'secrets/secrets.tar.age';
/**
 * The secrets component's preconditions: recipients valid (by the age library), tools and
 * deploy-dir on the host, what the paths match. Throws only for what must stop the whole run
 * (settings, tools, secrets-required); an unreadable file fails this component alone, in `take`.
 */
async function prepareSecrets(remote, options, log) {
    if (options.recipients.length === 0) {
        log.warn("No age-recipients are set: the deployment's secrets are NOT in this snapshot (they are never written in clear). Set age-recipients to an 'age1...' public key from 'age-keygen'.");
        return { inventory: null, take: async () => skipped('no age-recipients are set', []) };
    }
    const encrypter = encrypterFor(options.recipients);
    const { stdout } = await remote.exec(inventoryScript(options.deployDir, options.paths), {
        description: 'count the secret files',
    });
    const found = parseInventory(stdout);
    if (found.kind === 'tools-missing') {
        throw new errors/* ConfigurationError */.j1(`${found.tools.join(', ')} not found on host ${remote.description}: the secrets component needs them there.`);
    }
    if (found.kind === 'no-deploy-dir') {
        throw new errors/* OperationError */.OK(`deploy-dir ${options.deployDir} does not exist on ${remote.description} (or the SSH user cannot enter it): the secret paths are relative to it.`);
    }
    if (found.missing.length > 0) {
        const what = `${found.missing.length} of the ${options.paths.length} secret-paths match nothing in ${options.deployDir} on ${remote.description}`;
        if (options.required) {
            throw new errors/* OperationError */.OK(`${what}: ${found.missing.join(', ')}.`, {
                hint: 'Fix secret-paths, or set secrets-required: false to record them as missing instead.',
            });
        }
        log.warn(`${what} (recorded as missing in the manifest).`);
    }
    return {
        inventory: found,
        take: (dir) => takeSecrets(remote, options, encrypter, found, dir, log),
    };
}
function skipped(reason, missing) {
    return { name: 'secrets', verdict: 'skipped', durationMs: 0, details: { reason, missing }, files: [] };
}
async function takeSecrets(remote, options, encrypter, inventory, dir, log) {
    const started = Date.now();
    if (inventory.unreadable > 0 || inventory.unlisted) {
        const what = inventory.unreadable > 0
            ? `${inventory.unreadable} of the ${inventory.files} secret files cannot be read`
            : 'a directory under secret-paths cannot be listed';
        throw new errors/* OperationError */.OK(`${what} by the SSH user on ${remote.description}: the secrets component failed and wrote nothing. The names are not shown, as they can be secret.`, {
            hint: `On the host, as the SSH user, in ${options.deployDir}: ${(0,quote/* shellJoin */.n)(['find', '-L', ...options.paths, '!', '-readable'])} lists them.`,
        });
    }
    if (inventory.files === 0) {
        log.warn('No secret file was found under secret-paths: the secrets component is skipped.');
        return skipped('no file matches secret-paths', inventory.missing);
    }
    const target = external_node_path_.posix.join(dir.path, SECRETS_ARCHIVE);
    const sealed = await encryptedArchive(remote, options, encrypter, target);
    log.info(`Secrets: ${inventory.files} file(s), ${inventory.bytes} bytes, encrypted on the runner to ${options.recipients.length} age recipient(s): ${SECRETS_ARCHIVE} (${sealed.size} bytes, mode 0600).`);
    return {
        name: 'secrets',
        verdict: 'passed',
        durationMs: Date.now() - started,
        details: {
            files: inventory.files,
            bytes: inventory.bytes,
            missing: inventory.missing,
            recipients: options.recipients,
            encryption: 'age v1 (X25519), encrypted on the runner with age-encryption',
        },
        files: [
            {
                path: SECRETS_ARCHIVE,
                size: sealed.size,
                sha256: sealed.sha256,
                compression: 'none',
                component: 'secrets',
            },
        ],
    };
}
/**
 * tar on the host -> SSH -> age encryption in memory on the runner -> SSH -> the file on the host.
 * The plaintext exists only in pipes and in memory, never on a disk. Any failure removes the file.
 */
async function encryptedArchive(remote, options, encrypter, target) {
    const plaintext = new external_node_stream_.PassThrough();
    const cipher = await encrypter.encrypt(external_node_stream_.Readable.toWeb(plaintext));
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let size = 0;
    const counted = external_node_stream_.Readable.fromWeb(cipher).pipe(new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            hash.update(chunk);
            size += chunk.length;
            callback(null, chunk);
        },
    }));
    const reading = remote.exec(archiveScript(options.deployDir, options.paths), {
        stdout: plaintext,
        description: 'archive the secret files',
    });
    // A failed read must end the cipher stream too, or the store would wait for more forever.
    reading.catch((error) => {
        plaintext.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    const storing = remote.exec(storeScript(target), {
        stdin: counted,
        description: `store ${SECRETS_ARCHIVE}`,
    });
    const [read, stored] = await Promise.allSettled([reading, storing]);
    const failure = read.status === 'rejected'
        ? describeArchiveFailure(read.reason)
        : stored.status === 'rejected'
            ? `storing ${SECRETS_ARCHIVE} failed: ${(0,errors/* errorMessage */.gJ)(stored.reason)}`
            : Number(stored.value.stdout.trim()) !== size
                ? `${SECRETS_ARCHIVE} holds ${stored.value.stdout.trim()} bytes on the host, ${size} were sent`
                : null;
    if (failure !== null) {
        await remote.exec((0,script/* removeTreeScript */.Ee)(target)).catch(() => { });
        throw new errors/* OperationError */.OK(`The secrets archive was not written: ${failure}.`);
    }
    return { size, sha256: hash.digest('hex') };
}
function describeArchiveFailure(error) {
    const message = (0,errors/* errorMessage */.gJ)(error);
    const stage = new RegExp(`${ARCHIVE_FAILED} list=(\\d+) tar=(\\d+)`).exec(message);
    if (!stage)
        return `reading the secret files failed: ${message}`;
    return stage[2] === '1'
        ? 'a secret file changed while it was read (tar exit 1); run again'
        : `tar on the host failed (list exit ${stage[1]}, tar exit ${stage[2]}; its messages name files, so they are not shown)`;
}

;// CONCATENATED MODULE: ./lib/src/shared/secrets/index.js
/** The deployment's secrets in a snapshot: a tar of the files, encrypted to age recipients. */





/***/ })

};

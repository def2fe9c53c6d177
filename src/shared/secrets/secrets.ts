import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Encrypter } from 'age-encryption';
import { ConfigurationError, errorMessage, OperationError } from '../errors.js';
import { shellJoin } from '../remote/quote.js';
import { removeTreeScript } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import type { ComponentResult } from '../snapshot/manifest.js';
import { encrypterFor } from './recipients.js';
import {
  ARCHIVE_FAILED,
  archiveScript,
  inventoryScript,
  parseInventory,
  type SecretsInventory,
  storeScript,
} from './scripts.js';

export const SECRETS_ARCHIVE = 'secrets/secrets.tar.age';

export interface SecretsOptions {
  /** The deployment's directory on the host; secret paths are relative to it. */
  readonly deployDir: string;
  readonly paths: readonly string[];
  readonly recipients: readonly string[];
  /** A path that matches nothing fails the run before anything is written. */
  readonly required: boolean;
}

/** Where the component writes: the snapshot's work directory on the host. */
export interface SnapshotDirectory {
  readonly path: string;
}

export interface PreparedSecrets {
  /** What the archive will hold (counts only), or null when the component is skipped. */
  readonly inventory: SecretsInventory | null;
  take(dir: SnapshotDirectory): Promise<ComponentResult>;
}

/**
 * The secrets component's preconditions: recipients valid (by the age library), tools and
 * deploy-dir on the host, what the paths match. Throws only for what must stop the whole run
 * (settings, tools, secrets-required); an unreadable file fails this component alone, in `take`.
 */
export async function prepareSecrets(
  remote: RemoteHost,
  options: SecretsOptions,
  log: Log,
): Promise<PreparedSecrets> {
  if (options.recipients.length === 0) {
    log.warn(
      "No age-recipients are set: the deployment's secrets are NOT in this snapshot (they are never written in clear). Set age-recipients to an 'age1...' public key from 'age-keygen'.",
    );
    return { inventory: null, take: async () => skipped('no age-recipients are set', []) };
  }
  const encrypter = encrypterFor(options.recipients);
  const { stdout } = await remote.exec(inventoryScript(options.deployDir, options.paths), {
    description: 'count the secret files',
  });
  const found = parseInventory(stdout);
  if (found.kind === 'tools-missing') {
    throw new ConfigurationError(
      `${found.tools.join(', ')} not found on host ${remote.description}: the secrets component needs them there.`,
    );
  }
  if (found.kind === 'no-deploy-dir') {
    throw new OperationError(
      `deploy-dir ${options.deployDir} does not exist on ${remote.description} (or the SSH user cannot enter it): the secret paths are relative to it.`,
    );
  }
  if (found.missing.length > 0) {
    const what = `${found.missing.length} of the ${options.paths.length} secret-paths match nothing in ${options.deployDir} on ${remote.description}`;
    if (options.required) {
      throw new OperationError(`${what}: ${found.missing.join(', ')}.`, {
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

function skipped(reason: string, missing: readonly string[]): ComponentResult {
  return { name: 'secrets', verdict: 'skipped', durationMs: 0, details: { reason, missing }, files: [] };
}

async function takeSecrets(
  remote: RemoteHost,
  options: SecretsOptions,
  encrypter: Encrypter,
  inventory: SecretsInventory,
  dir: SnapshotDirectory,
  log: Log,
): Promise<ComponentResult> {
  const started = Date.now();
  if (inventory.unreadable > 0 || inventory.unlisted) {
    const what =
      inventory.unreadable > 0
        ? `${inventory.unreadable} of the ${inventory.files} secret files cannot be read`
        : 'a directory under secret-paths cannot be listed';
    throw new OperationError(
      `${what} by the SSH user on ${remote.description}: the secrets component failed and wrote nothing. The names are not shown, as they can be secret.`,
      {
        hint: `On the host, as the SSH user, in ${options.deployDir}: ${shellJoin(['find', '-L', ...options.paths, '!', '-readable'])} lists them.`,
      },
    );
  }
  if (inventory.files === 0) {
    log.warn('No secret file was found under secret-paths: the secrets component is skipped.');
    return skipped('no file matches secret-paths', inventory.missing);
  }
  const target = posix.join(dir.path, SECRETS_ARCHIVE);
  const sealed = await encryptedArchive(remote, options, encrypter, target);
  log.info(
    `Secrets: ${inventory.files} file(s), ${inventory.bytes} bytes, encrypted on the runner to ${options.recipients.length} age recipient(s): ${SECRETS_ARCHIVE} (${sealed.size} bytes, mode 0600).`,
  );
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
async function encryptedArchive(
  remote: RemoteHost,
  options: SecretsOptions,
  encrypter: Encrypter,
  target: string,
): Promise<{ size: number; sha256: string }> {
  const plaintext = new PassThrough();
  const cipher = await encrypter.encrypt(Readable.toWeb(plaintext) as ReadableStream<Uint8Array>);
  const hash = createHash('sha256');
  let size = 0;
  const counted = Readable.fromWeb(cipher as unknown as WebReadableStream<Uint8Array>).pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    }),
  );
  const reading = remote.exec(archiveScript(options.deployDir, options.paths), {
    stdout: plaintext,
    description: 'archive the secret files',
  });
  // A failed read must end the cipher stream too, or the store would wait for more forever.
  reading.catch((error: unknown) => {
    plaintext.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const storing = remote.exec(storeScript(target), {
    stdin: counted,
    description: `store ${SECRETS_ARCHIVE}`,
  });
  const [read, stored] = await Promise.allSettled([reading, storing]);
  const failure =
    read.status === 'rejected'
      ? describeArchiveFailure(read.reason)
      : stored.status === 'rejected'
        ? `storing ${SECRETS_ARCHIVE} failed: ${errorMessage(stored.reason)}`
        : Number(stored.value.stdout.trim()) !== size
          ? `${SECRETS_ARCHIVE} holds ${stored.value.stdout.trim()} bytes on the host, ${size} were sent`
          : null;
  if (failure !== null) {
    await remote.exec(removeTreeScript(target)).catch(() => {});
    throw new OperationError(`The secrets archive was not written: ${failure}.`);
  }
  return { size, sha256: hash.digest('hex') };
}

function describeArchiveFailure(error: unknown): string {
  const message = errorMessage(error);
  const stage = new RegExp(`${ARCHIVE_FAILED} list=(\\d+) tar=(\\d+)`).exec(message);
  if (!stage) return `reading the secret files failed: ${message}`;
  return stage[2] === '1'
    ? 'a secret file changed while it was read (tar exit 1); run again'
    : `tar on the host failed (list exit ${stage[1]}, tar exit ${stage[2]}; its messages name files, so they are not shown)`;
}

import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { shellQuote } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';
import type { Compression } from './compression.js';
import type { ManifestFile } from './manifest.js';

export interface WriteFileOptions {
  /** How the content is compressed, for verify's stream test; default `none`. */
  readonly compression?: Compression;
}

/** A relative path inside a snapshot: no `..`, no leading `/`, no empty segment, no control characters. */
export function checkRelativePath(path: string): void {
  const parts = path.split('/');
  if (
    path.length === 0 ||
    path.startsWith('/') ||
    parts.some((part) => part === '' || part === '.' || part === '..') ||
    /[\0-\x1f]/.test(path)
  ) {
    throw new Error(`writeFile: ${JSON.stringify(path)} is not a relative path inside the snapshot`);
  }
}

/** The script that stores stdin as `<dir>/<path>`: directories 0700, the file 0600 (umask 077). */
export function writeFileScript(dir: string, relativePath: string): string {
  checkRelativePath(relativePath);
  const target = posix.join(dir, relativePath);
  return `umask 077
mkdir -p -- ${shellQuote(posix.dirname(target))}
cat > ${shellQuote(target)}
`;
}

/**
 * Writes a small file (a description, a state file) into a snapshot's work directory through
 * stdin, never argv, and returns its manifest entry: size and sha256 of exactly the bytes sent.
 */
export async function writeSnapshotFile(
  remote: RemoteHost,
  dir: string,
  relativePath: string,
  content: string | Buffer,
  component: string,
  options: WriteFileOptions = {},
): Promise<ManifestFile> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  await remote.exec(writeFileScript(dir, relativePath), {
    stdin: bytes,
    description: `write ${relativePath} into ${posix.basename(dir)}`,
  });
  return {
    path: relativePath,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    compression: options.compression ?? 'none',
    component,
  };
}

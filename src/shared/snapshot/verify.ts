import { posix } from 'node:path';
import { OperationError } from '../errors.js';
import { missingToolsScript, SHA256_HASHER, shellQuote, toolVersionsScript } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';
import { compressorTool } from './compression.js';
import { MANIFEST_FILE } from './layout.js';
import {
  compareFiles,
  type FileProblem,
  type FoundFile,
  failedComponents,
  type Manifest,
  parseManifest,
} from './manifest.js';

/**
 * `good`: a valid manifest and every file matches it. `bad`: a valid manifest, and files that do
 * not match. `incomplete`: no valid manifest, so nothing says what the snapshot should hold: never
 * usable; or a valid manifest whose files match but which records a component as failed: its good
 * components can be restored, but it is not a complete day. `missing`: no such directory.
 */
export type SnapshotVerdict = 'good' | 'bad' | 'incomplete' | 'missing';

export interface VerifyReport {
  readonly path: string;
  readonly verdict: SnapshotVerdict;
  readonly manifest: Manifest | null;
  /** Why the verdict is not `good`, one line each, saying what was expected and what was found. */
  readonly problems: readonly string[];
  readonly fileProblems: readonly FileProblem[];
  /** Components the manifest records as failed (the snapshot was kept for the others). */
  readonly failedComponents: readonly string[];
  readonly filesChecked: number;
  readonly bytesChecked: number;
  readonly durationMs: number;
}

interface Listing {
  exists: boolean;
  files: { path: string; size: number; type: string }[];
  manifestText: string | null;
}

/** `find` output: `<type>\t<size>\t<path>` per entry below the snapshot directory. */
export function parseListing(text: string): Listing['files'] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [type, size, ...rest] = line.split('\t');
      return { type: type ?? '?', size: Number(size), path: rest.join('\t') };
    });
}

/**
 * `check` output lines: `file\t<size>\t<sha256>\t<tested as>\t<test status>\t<test message>\t<path>`
 * or `missing\t<path>`. `tested as` is the stream the file's first bytes or its name say it is
 * (`zstd`, `gzip`, or `none`), whatever the manifest claims.
 */
export function parseFileChecks(text: string): FoundFile[] {
  const found: FoundFile[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('file\t')) continue;
    const [, size, sha256, testedAs, status, message, ...rest] = line.split('\t');
    found.push({
      path: rest.join('\t'),
      size: Number(size),
      sha256: sha256 || null,
      ...(testedAs && testedAs !== 'none' ? { testedAs } : {}),
      integrity:
        status === '-'
          ? null
          : status === '0'
            ? { ok: true }
            : { ok: false, message: message || `exit ${status}` },
    });
  }
  return found;
}

/** Prints `absent`, or `present` and one `<type>\t<size>\t<path>` line per entry below `dir`. */
export function snapshotFilesScript(dir: string): string {
  return `dir=${shellQuote(dir)}
if [ ! -d "$dir" ]; then echo absent; exit 0; fi
echo present
cd -- "$dir"
find . -mindepth 1 -printf '%y\\t%s\\t%P\\n'
`;
}

async function list(remote: RemoteHost, dir: string): Promise<Listing> {
  const { stdout } = await remote.exec(snapshotFilesScript(dir));
  const [state, ...rest] = stdout.split('\n');
  if (state !== 'present') return { exists: false, files: [], manifestText: null };
  const files = parseListing(rest.join('\n'));
  let manifestText: string | null = null;
  if (files.some((file) => file.path === MANIFEST_FILE && file.type === 'f')) {
    manifestText = (await remote.run(['cat', '--', posix.join(dir, MANIFEST_FILE)])).stdout;
  }
  return { exists: true, files, manifestText };
}

export interface FileCheckOptions {
  /**
   * Decode every compressed stream (`zstd -t`, `gzip -t`) besides the checksum (default). Off, a
   * file is proven by size and sha256 alone: enough when the manifest's sha256 is of bytes whose
   * stream was decoded when they were written (the dump's check, the git capture's test), since
   * equal bytes decode the same; a flipped byte still fails the checksum.
   */
  readonly streamTests?: boolean;
}

export function fileCheckScript(
  dir: string,
  files: readonly { path: string; compression: string }[],
  options: FileCheckOptions = {},
): string {
  const streamTests = options.streamTests ?? true;
  const calls = files
    .map((file) => `check ${shellQuote(file.compression)} ${shellQuote(file.path)}`)
    .join('\n');
  return `cd -- ${shellQuote(dir)}
${SHA256_HASHER}
# The stream is tested as what its first bytes or its name say, not only what the manifest claims.
stream_of() {
  local compression=$1 file=$2 magic
  magic=$(head -c 4 -- "$file" | od -An -tx1 | tr -d ' \\n')
  case $magic in
    28b52ffd) echo zstd; return ;;
    1f8b*) echo gzip; return ;;
  esac
  case $file in
    *.zst) echo zstd ;;
    *.gz) echo gzip ;;
    *) echo "$compression" ;;
  esac
}
check() {
  local compression=$1 file=$2 size sum${streamTests ? ' sum_fd' : ''} message status stream
  if [ ! -f "$file" ] || [ -L "$file" ]; then printf 'missing\\t%s\\n' "$file"; return 0; fi
  size=$(stat -c %s -- "$file")
  status=-; message=
  stream=$(stream_of "$compression" "$file")
${
  streamTests
    ? `  # The checksum and the stream test read the file side by side: the slower one's time, not the sum.
  exec {sum_fd}< <("\${hasher[@]}" <"$file")
  case $stream in
    zstd) message=$(zstd -q -t -- "$file" 2>&1) && status=0 || status=$? ;;
    gzip) message=$(gzip -t -- "$file" 2>&1) && status=0 || status=$? ;;
  esac
  IFS= read -r sum <&"$sum_fd" || sum=
  exec {sum_fd}<&-`
    : `  sum=$("\${hasher[@]}" <"$file") || sum=`
}
  sum=\${sum%% *}
  message=\${message//$'\\n'/ }; message=\${message//$'\\t'/ }
  printf 'file\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$size" "$sum" "$stream" "$status" "$message" "$file"
}
${calls}
`;
}

export { missingToolsScript };

export interface HostProbe {
  readonly missing: string[];
  /** First line of `<tool> --version`, by tool. */
  readonly versions: Record<string, string>;
}

/** Prints the missing tools, one per line, then `version <tool> <line>` for each version command. */
export function hostProbeScript(
  tools: readonly string[],
  versionCommands: readonly (readonly string[])[],
): string {
  return `${missingToolsScript(tools)}\n${toolVersionsScript(versionCommands)}\n`;
}

/** Missing tools and tool versions in one round trip. */
export async function probeHost(
  remote: RemoteHost,
  tools: readonly string[],
  versionCommands: readonly (readonly string[])[] = [],
): Promise<HostProbe> {
  const { stdout } = await remote.exec(hostProbeScript(tools, versionCommands), {
    description: 'check the tools on the host',
  });
  const probe: HostProbe = { missing: [], versions: {} };
  for (const line of stdout.split('\n')) {
    if (line.startsWith('version ')) {
      const [, tool, ...rest] = line.split(' ');
      probe.versions[tool!] = rest.join(' ').trim();
    } else if (line.trim()) probe.missing.push(line.trim());
  }
  return probe;
}

export async function missingTools(remote: RemoteHost, tools: readonly string[]): Promise<string[]> {
  if (tools.length === 0) return [];
  const { stdout } = await remote.exec(missingToolsScript(tools));
  return stdout.split('\n').filter((line) => line.trim().length > 0);
}

/** Directories that hold no file the manifest lists, at any depth (an extra empty directory, say). */
export function unexpectedDirectories(entries: Listing['files'], manifest: Manifest): string[] {
  const needed = new Set<string>();
  for (const file of manifest.files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) needed.add(parts.slice(0, i).join('/'));
  }
  return entries
    .filter((entry) => entry.type === 'd' && !needed.has(entry.path))
    .map((entry) => entry.path)
    .sort();
}

/** A directory named for one snapshot must hold that snapshot's manifest. */
function nameProblems(dir: string, manifest: Manifest): string[] {
  const name = posix.basename(dir);
  const named = /^\d{4}-\d{2}-\d{2}$/.test(name) || name.startsWith('pre-restore-');
  const own = manifest.label ?? manifest.date;
  return named && name !== own
    ? [`${dir}: the manifest is for ${own}, but the directory is named ${name}`]
    : [];
}

async function requireTools(remote: RemoteHost, dir: string, manifest: Manifest): Promise<void> {
  const tools = [
    'stat',
    'sha256sum',
    'head',
    'od',
    'tr',
    ...manifest.files.map((file) => compressorTool(file.compression)),
  ].filter((tool): tool is string => tool !== null);
  const missing = await missingTools(remote, tools);
  if (missing.length > 0) {
    throw new OperationError(
      `Cannot verify ${dir}: ${missing.join(', ')} not found on host ${remote.description}.`,
      { hint: `Install ${missing.join(' and ')} on the host.` },
    );
  }
}

/** Re-reads a snapshot on the host and checks every file against its manifest. */
export async function verifySnapshot(
  remote: RemoteHost,
  dir: string,
  options: FileCheckOptions = {},
): Promise<VerifyReport> {
  const started = Date.now();
  const report = (
    verdict: SnapshotVerdict,
    fields: Partial<
      Pick<
        VerifyReport,
        'manifest' | 'problems' | 'fileProblems' | 'failedComponents' | 'filesChecked' | 'bytesChecked'
      >
    >,
  ): VerifyReport => ({
    path: dir,
    verdict,
    manifest: fields.manifest ?? null,
    problems: fields.problems ?? [],
    fileProblems: fields.fileProblems ?? [],
    failedComponents: fields.failedComponents ?? [],
    filesChecked: fields.filesChecked ?? 0,
    bytesChecked: fields.bytesChecked ?? 0,
    durationMs: Date.now() - started,
  });

  const listing = await list(remote, dir);
  if (!listing.exists)
    return report('missing', { problems: [`${dir} does not exist on ${remote.description}`] });
  if (listing.manifestText === null) {
    return report('incomplete', {
      problems: [`${dir} has no ${MANIFEST_FILE}: the snapshot was never completed, so it cannot be trusted`],
    });
  }
  const parsed = parseManifest(listing.manifestText);
  if (!parsed.ok) return report('incomplete', { problems: [`${dir}: ${parsed.problem}`] });
  const manifest = parsed.manifest;

  const problems = nameProblems(dir, manifest);
  await requireTools(remote, dir, manifest);
  const { stdout } = await remote.exec(fileCheckScript(dir, manifest.files, options), {
    description: `check the files of ${dir}`,
  });
  const found = parseFileChecks(stdout);
  const regularFiles = listing.files.filter((file) => file.type === 'f' && file.path !== MANIFEST_FILE);
  const listed = new Set(manifest.files.map((file) => file.path));
  const extras: FoundFile[] = regularFiles
    .filter((file) => !listed.has(file.path))
    .map((file) => ({ path: file.path, size: file.size, sha256: null, integrity: null }));
  for (const other of listing.files.filter((file) => file.type !== 'f' && file.type !== 'd')) {
    problems.push(
      `${other.path}: unexpected ${other.type === 'l' ? 'symbolic link' : `entry of type ${other.type}`}`,
    );
  }
  const fileProblems = compareFiles(manifest.files, [...found, ...extras]);
  for (const empty of unexpectedDirectories(listing.files, manifest)) {
    problems.push(`${empty}/: unexpected directory (no file the manifest lists is in it)`);
  }
  problems.push(...fileProblems.map((problem) => problem.message));
  const failed = failedComponents(manifest);
  const filesGood = problems.length === 0;
  for (const component of failed) {
    const error = manifest.components[component]?.error;
    problems.push(
      `component ${component} failed when the snapshot was taken${error ? `: ${error}` : ''} (the other components were kept)`,
    );
  }
  return report(!filesGood ? 'bad' : failed.length > 0 ? 'incomplete' : 'good', {
    manifest,
    problems,
    fileProblems,
    failedComponents: failed,
    filesChecked: found.length,
    bytesChecked: found.reduce((sum, file) => sum + file.size, 0),
  });
}

import { COPY_RECORD_SUFFIX, type CopyRecord, parseCopyRecord } from '../copy/record.js';
import { shellQuote } from '../remote/quote.js';
import type { RemoteHost } from '../remote/types.js';
import { isSnapshotDate, MANIFEST_FILE } from '../snapshot/layout.js';
import { backupsListingWith, SNAPSHOT_NAME_PATTERN } from '../snapshot/listing.js';
import { type Manifest, parseManifest } from '../snapshot/manifest.js';

/** A restore's safety snapshot: same layout, never counted by daily retention or freshness. */
const PRE_RESTORE = /^pre-restore-\d{8}T\d{6}Z$/;

/** What the copy step recorded beside a snapshot (`<label>.copy.json`), as far as status needs it. */
export type CopyState = Pick<CopyRecord, 'verified' | 'verifiedAt' | 'host' | 'problems'>;

export interface ListedSnapshot {
  /** The directory name: a date, or `pre-restore-<UTC time>`. */
  readonly label: string;
  readonly kind: 'daily' | 'pre-restore';
  /** Bytes of every file in the directory, as found (not as the manifest says). */
  readonly bytes: number;
  readonly manifest: Manifest | null;
  /** Why there is no usable manifest (absent, not valid); null when there is one. */
  readonly manifestProblem: string | null;
  /** null: no copy record (never copied, or the copy step is not configured). */
  readonly copy: CopyState | null;
  /** The copy record exists but cannot be read. */
  readonly copyUnreadable: boolean;
}

/**
 * One round trip over the backups dir's one listing: per snapshot directory
 * `entry<TAB>LABEL<TAB>BYTES<TAB>MANIFEST<TAB>COPY`, the last two the files' contents in base64
 * (`-` when absent), so any bytes survive the line format.
 */
export function listingScript(root: string): string {
  return `root=${shellQuote(root)}
if ! cd -- "$root" 2>/dev/null; then echo no-backups-dir; exit 0; fi
encoded() { if [ -f "$1" ]; then base64 -w0 -- "$1"; else printf -- -; fi; }
${backupsListingWith(`    case $name in ${SNAPSHOT_NAME_PATTERN}) ;; *) continue ;; esac
    bytes=$(find "$name" -type f -printf '%s\\n' | awk '{ s += $1 } END { printf "%d", s }')
    printf 'entry\\t%s\\t%s\\t%s\\t%s\\n' "$name" "$bytes" "$(encoded "$name/${MANIFEST_FILE}")" "$(encoded "$name${COPY_RECORD_SUFFIX}")"
`)}`;
}

export function parseCopyState(text: string): CopyState | null {
  const record = parseCopyRecord(text);
  return record
    ? {
        verified: record.verified,
        verifiedAt: record.verifiedAt ?? null,
        host: record.host,
        problems: record.problems ?? [],
      }
    : null;
}

/** The listing's lines as snapshots, oldest first; null when the backups dir does not exist. */
export function parseListing(stdout: string): ListedSnapshot[] | null {
  const lines = stdout.split('\n');
  if (lines.includes('no-backups-dir')) return null;
  const snapshots: ListedSnapshot[] = [];
  for (const line of lines) {
    const [tag, label, bytes, manifest64, copy64] = line.split('\t');
    if (tag !== 'entry' || !label) continue;
    const kind = isSnapshotDate(label) ? 'daily' : PRE_RESTORE.test(label) ? 'pre-restore' : null;
    if (kind === null) continue;
    const parsed =
      manifest64 && manifest64 !== '-'
        ? parseManifest(Buffer.from(manifest64, 'base64').toString('utf8'))
        : null;
    const copy =
      copy64 && copy64 !== '-' ? parseCopyState(Buffer.from(copy64, 'base64').toString('utf8')) : null;
    snapshots.push({
      label,
      kind,
      bytes: Number(bytes) || 0,
      manifest: parsed?.ok ? parsed.manifest : null,
      manifestProblem: parsed === null ? `no ${MANIFEST_FILE}` : parsed.ok ? null : parsed.problem,
      copy,
      copyUnreadable: copy === null && !!copy64 && copy64 !== '-',
    });
  }
  return snapshots.sort((a, b) => completedKey(a).localeCompare(completedKey(b)));
}

/** Oldest first: by completion time when known, else by label (a date sorts like its day). */
function completedKey(snapshot: ListedSnapshot): string {
  return snapshot.manifest?.completedAt ?? snapshot.label;
}

export async function listHostSnapshots(remote: RemoteHost, root: string): Promise<ListedSnapshot[] | null> {
  const { stdout } = await remote.exec(listingScript(root), {
    description: `list the snapshots in ${root}`,
    maxCollectedBytes: 256 * 1024 * 1024,
  });
  return parseListing(stdout);
}

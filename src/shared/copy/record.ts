import type { RemoteHost } from '../remote/types.js';
import { recordScript } from './scripts.js';

/**
 * The copy's verdict, `<backups-dir>/<date>.copy.json` on the production host, beside the sealed
 * snapshot (whose manifest is never edited) so `status` reads it without the copy host's key.
 */
export interface CopyRecord {
  readonly format?: 'gateway-ops-copy';
  readonly formatVersion?: 1;
  readonly date: string;
  /** `user@host:port` of the copy host. */
  readonly host: string;
  /** The copy host's key as verified on connection. */
  readonly hostKeyFingerprint: string;
  /** The copy's directory on the copy host. */
  readonly path: string;
  readonly via: 'runner' | 'host';
  /** True only when every file's sha256, computed on the copy host, matched the manifest. */
  readonly verified: boolean;
  readonly verifiedAt: string | null;
  readonly files: number;
  readonly bytes: number;
  readonly bytesSent: number;
  readonly durationMs: number;
  /** Why it is not verified, one line each. */
  readonly problems: readonly string[];
}

export const COPY_RECORD_SUFFIX = '.copy.json';

export async function writeCopyRecord(
  source: RemoteHost,
  backupsRoot: string,
  record: CopyRecord,
): Promise<void> {
  const text = `${JSON.stringify({ format: 'gateway-ops-copy', formatVersion: 1, ...record }, null, 2)}\n`;
  await source.exec(recordScript(backupsRoot, record.date), {
    stdin: text,
    description: `record the copy verdict of ${record.date}`,
  });
}

/** Parses a `<date>.copy.json`; null when it is not one (a reader reports "copy unknown"). */
export function parseCopyRecord(text: string): CopyRecord | null {
  try {
    const json = JSON.parse(text) as Partial<CopyRecord>;
    if (
      json.format !== 'gateway-ops-copy' ||
      typeof json.verified !== 'boolean' ||
      typeof json.date !== 'string'
    )
      return null;
    return json as CopyRecord;
  } catch {
    return null;
  }
}

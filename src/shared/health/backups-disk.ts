/**
 * Free space where the snapshots are written, against the size of the last complete one: a new
 * day's snapshot needs about as much again (the previous day is kept until the new one is whole).
 */
import { shellQuote } from '../remote/quote.js';
import { MANIFEST_FILE } from '../snapshot/index.js';
import { formatBytes } from '../text.js';
import type { Finding } from './findings.js';

/** Room asked for beyond the last snapshot's size: databases grow between two nights. */
export const GROWTH_MARGIN = 1.1;

export interface BackupsDisk {
  readonly root: string;
  /** The directory df measured: the backups dir, or its nearest existing parent. */
  readonly measured: string;
  readonly availBytes: number;
  /** The newest directory with a manifest, and its size on disk. */
  readonly last: { readonly date: string; readonly bytes: number } | null;
}

/** One script: df of the backups dir (or the parent it will be made in), du of the newest complete snapshot. */
export function backupsDiskScript(root: string): string {
  return `root=${shellQuote(root)}
dir=$root
while [ ! -d "$dir" ]; do dir=$(dirname -- "$dir"); done
printf 'measured %s\\n' "$dir"
printf 'avail %s\\n' "$(df -Pk -- "$dir" | awk 'NR == 2 { print $4 }')"
if [ -d "$root" ]; then
  cd -- "$root"
  last=
  for d in [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]; do
    if [ -f "$d/${MANIFEST_FILE}" ]; then last=$d; fi
  done
  if [ -n "$last" ]; then printf 'last %s %s\\n' "$last" "$(du -sk -- "$last" | cut -f1)"; fi
fi
`;
}

export function parseBackupsDisk(root: string, stdout: string): BackupsDisk {
  let measured = root;
  let avail = Number.NaN;
  let last: BackupsDisk['last'] = null;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('measured ')) measured = line.slice('measured '.length);
    const a = /^avail (\d+)$/.exec(line);
    if (a) avail = Number(a[1]) * 1024;
    const l = /^last (\d{4}-\d{2}-\d{2}) (\d+)$/.exec(line);
    if (l) last = { date: l[1]!, bytes: Number(l[2]) * 1024 };
  }
  if (Number.isNaN(avail))
    throw new Error(`df printed no free space for ${measured}: ${stdout.slice(0, 200)}`);
  return { root, measured, availBytes: avail, last };
}

export function judgeBackupsDisk(disk: BackupsDisk, where: string): Finding {
  const check = 'backups disk';
  const free = `${formatBytes(disk.availBytes)} free at ${disk.measured} on ${where}`;
  if (!disk.last) {
    return {
      area: 'backups',
      check,
      status: 'ok',
      summary: `${free}; no complete snapshot in ${disk.root} yet to compare with`,
    };
  }
  const need = Math.ceil(disk.last.bytes * GROWTH_MARGIN);
  const last = `the last snapshot (${disk.last.date}) takes ${formatBytes(disk.last.bytes)}`;
  if (disk.availBytes < need) {
    return {
      area: 'backups',
      check,
      status: 'fail',
      blocking: true,
      summary: `${free}, ${last}: a new one needs about ${formatBytes(need)}`,
      fix: `Free at least ${formatBytes(need - disk.availBytes)} on that disk, lower keep-daily/keep-weekly/keep-monthly, or set backups-dir to a larger disk.`,
    };
  }
  if (disk.availBytes < 2 * need) {
    return {
      area: 'backups',
      check,
      status: 'warn',
      summary: `${free}, ${last}: room for one more, not two`,
      fix: 'Free space or lower the retention before the next night fails.',
    };
  }
  return {
    area: 'backups',
    check,
    status: 'ok',
    summary: `${free}, ${last}: room for ${Math.floor(disk.availBytes / need)} more`,
  };
}

/** The parsed output of the capture script: what `git/state.json` records. Pure. */

/** Untracked names kept in state.json; a checkout with more says how many there were. */
export const MAX_UNTRACKED_LISTED = 10_000;

export interface GitState {
  readonly repository: true;
  readonly gitVersion: string;
  readonly commit: string | null;
  readonly branch: string | null;
  readonly detached: boolean;
  readonly upstream: string | null;
  readonly ahead: number | null;
  readonly behind: number | null;
  /** `git status --porcelain=v2 --branch` lines, names unquoted (a rename's old name after a TAB). */
  readonly status: readonly string[];
  /** Untracked files and directories (`dir/`), by name only: they are never copied. */
  readonly untracked: readonly string[];
  readonly untrackedCount: number;
  /** Tracked files with changes (staged or not). */
  readonly changed: number;
  /** Files of git/ written besides state.json. */
  readonly files: readonly string[];
}

export interface NoRepository {
  readonly repository: false;
  readonly reason: string;
}

/** The NUL-separated porcelain v2 entries as lines; a rename (`2 ...`) carries its old name. */
export function statusLines(z: string): string[] {
  const fields = z.split('\0');
  if (fields.at(-1) === '') fields.pop();
  const lines: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    lines.push(field.startsWith('2 ') ? `${field}\t${fields[++i] ?? ''}` : field);
  }
  return lines;
}

export function parseCapture(stdout: string): GitState {
  const at = stdout.indexOf('status-z\n');
  if (at < 0) throw new Error("git capture: no 'status-z' line in the host's answer");
  const head = stdout.slice(0, at).split('\n').filter(Boolean);
  const value = (key: string) => head.find((line) => line.startsWith(`${key}\t`))?.slice(key.length + 1);
  const status = statusLines(stdout.slice(at + 'status-z\n'.length));
  const header = (key: string) =>
    status.find((line) => line.startsWith(`# branch.${key} `))?.slice(key.length + 10);
  const aheadBehind = header('ab') ?? '';
  const ab = /^\+(\d+) -(\d+)$/.exec(aheadBehind);
  const untracked = status.filter((line) => line.startsWith('? ')).map((line) => line.slice(2));
  return {
    repository: true,
    gitVersion: value('version') ?? 'unknown',
    commit: value('commit') ?? null,
    branch: value('branch') ?? null,
    detached: head.includes('detached'),
    upstream: header('upstream') ?? null,
    ahead: ab ? Number(ab[1]) : null,
    behind: ab ? Number(ab[2]) : null,
    status,
    untracked: untracked.slice(0, MAX_UNTRACKED_LISTED),
    untrackedCount: untracked.length,
    changed: status.filter((line) => /^[12u] /.test(line)).length,
    files: head.filter((line) => line.startsWith('kept\t')).map((line) => line.slice(5)),
  };
}

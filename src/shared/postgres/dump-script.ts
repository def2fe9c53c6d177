import { commandIn } from '../remote/container.js';
import { SESSION_GUARD, SHA256_HASHER, shellJoin, shellQuote } from '../remote/script.js';
import type { ExecTarget } from '../remote/types.js';
import { type Compression, compressorArgv } from '../snapshot/compression.js';
import {
  DUMP_COMPLETE_MARK,
  type DumpScan,
  incompleteDump,
  parseDumpScan,
  SCAN_AWK_PROGRAM,
  SCAN_GREP_PATTERN,
} from './dump-scan.js';

export { DUMP_COMPLETE_MARK };

/**
 * In the container, pg_dumpall takes the password from the container's own environment, so it
 * never appears on a command line (`docker exec -e PGPASSWORD=...` would show in `ps`).
 */
const FROM_CONTAINER_ENV =
  'if [ -z "$PGPASSWORD" ] && [ -n "$POSTGRES_PASSWORD" ]; then export PGPASSWORD="$POSTGRES_PASSWORD"; fi; exec pg_dumpall "$@"';

export interface DumpCommand {
  readonly target: ExecTarget;
  readonly user: string;
  /** exec: host only. */
  readonly host?: string;
  readonly port?: number;
  readonly extraArgs: readonly string[];
}

export function pgDumpallArgv(command: DumpCommand): string[] {
  const args = ['-U', command.user, ...command.extraArgs];
  if (command.target.kind === 'docker') {
    return commandIn(command.target, ['sh', '-c', FROM_CONTAINER_ENV, 'pg_dumpall', ...args]);
  }
  const connection = [
    ...(command.host ? ['-h', command.host] : []),
    ...(command.port ? ['-p', String(command.port)] : []),
  ];
  return ['pg_dumpall', '-w', ...connection, ...args];
}

export interface DumpScriptInput {
  readonly partialDir: string;
  /** Path of the dump relative to the snapshot, e.g. `postgres/pg_dumpall.sql.zst`. */
  readonly file: string;
  readonly dump: readonly string[];
  readonly compression: Compression;
  readonly level: number | null;
  /** A 0600 pgpass file (exec: host with a password); removed when the script ends, whatever happens. */
  readonly pgpassFile?: string;
}

/** Names of the pipeline's stages, in PIPESTATUS order. */
export function pipelineStages(compression: Compression): string[] {
  return compression === 'none'
    ? ['pg_dumpall', 'tee (dump file)', 'sha256']
    : ['pg_dumpall', compression, 'tee (dump file)', 'sha256'];
}

/**
 * argv that decodes stdin to stdout, verifying checksums and framing on the way (as `-t` does).
 * zstd's `-v` adds the decoded size to its stderr (`/*stdin*\ : 684003828 bytes`).
 */
function decodeArgv(compression: Compression): string[] {
  switch (compression) {
    case 'zstd':
      return ['zstd', '-v', '-d', '-c'];
    case 'gzip':
      return ['gzip', '-d', '-c'];
    case 'none':
      return ['cat'];
  }
}

/**
 * The dump, run on the host as ONE pipeline so it moves the data as fast as the bare
 * `pg_dumpall | zstd > f`: `pg_dumpall | zstd | tee <file> <fifo> | sha256`. Size and checksum
 * come from the same pass; every stage's exit status is reported (PIPESTATUS). The FIFO feeds the
 * check, running alongside: the COMPRESSED stream, as written to the file, is decoded (`zstd -d`
 * and `gzip -d` verify checksums and framing, as `-t` does) into `grep | awk` (see dump-scan.ts),
 * which find the completion mark and count every table's rows. Teeing the plain stream instead was
 * measured to cost more than the compression itself (extra pipe copies of the whole dump);
 * re-reading the file afterwards adds its whole decode time to the run.
 * While the check finishes, the dump file is flushed to disk (the commit's fsync then finds it clean).
 * The script reports and exits 0; `dumpFailures` decides, so that decision is tested with plain input.
 */
export function dumpScript(input: DumpScriptInput): string {
  const compressor = compressorArgv(input.compression, input.level);
  const stages = [
    `${shellJoin(input.dump)} </dev/null`,
    ...(compressor ? [shellJoin(compressor)] : []),
    'tee -- "$partial/$file" "$fifo"',
    `"\${hasher[@]}" >"$sumfile"`,
  ];
  // The pgpass line arrives as the first line of stdin, before the guard takes stdin over.
  const pgpass = input.pgpassFile
    ? `IFS= read -r pgpass_line
printf '%s\\n' "$pgpass_line" >${shellQuote(input.pgpassFile)}
unset pgpass_line
export PGPASSFILE=${shellQuote(input.pgpassFile)}
`
    : '';
  const plainSize =
    input.compression === 'zstd'
      ? `plain=$(sed -n 's/.*: *\\([0-9][0-9]*\\) bytes *$/\\1/p' "$checkfile" | tail -n 1); echo "plain-size \${plain:-unknown}"`
      : input.compression === 'gzip'
        ? `if [ -f "$partial/$file" ]; then echo "gzip-isize $(tail -c 4 -- "$partial/$file" | base64 -w0)"; fi`
        : `if [ -f "$partial/$file" ]; then echo "plain-size $(stat -c %s -- "$partial/$file")"; fi`;
  return `umask 077
${pgpass}${SESSION_GUARD}partial=${shellQuote(input.partialDir)}
file=${shellQuote(input.file)}
work="$partial/$(dirname -- "$file")"
# umask 077 (above) makes every level 0700, not only the deepest as -m would
mkdir -p -- "$work"
scanfile="$work/.dump-scan"; sumfile="$work/.dump-sha256"; checkfile="$work/.dump-check"; fifo="$work/.dump-check.fifo"
elapsed() { local now=$EPOCHREALTIME; awk -v a="\${1/,/.}" -v b="\${now/,/.}" 'BEGIN { printf "%.3f", b - a }'; }
cleanup() { rm -f -- "$scanfile" "$sumfile" "$checkfile" "$fifo"${input.pgpassFile ? ` ${shellQuote(input.pgpassFile)}` : ''}; session_guard_end; }
trap cleanup EXIT
${SHA256_HASHER}
mkfifo -m 0600 -- "$fifo"
(
  set +e
  ${shellJoin(decodeArgv(input.compression))} <"$fifo" 2>"$checkfile" | LC_ALL=C grep -a -n -b -E ${shellQuote(SCAN_GREP_PATTERN)} | LC_ALL=C awk ${shellQuote(SCAN_AWK_PROGRAM)} >"$scanfile"
  checks=("\${PIPESTATUS[@]}")
  message=$(grep -v -e '^\\*\\*\\*' -e ': *[0-9][0-9]* bytes *$' "$checkfile" 2>/dev/null | head -c 300)
  echo "check \${checks[*]} \${message//$'\\n'/ }"
) &
check_pid=$!
pipeline_started=$EPOCHREALTIME
set +e
${stages.join(' | ')}
statuses=("\${PIPESTATUS[@]}")
pipeline_seconds=$(elapsed "$pipeline_started")
check_started=$EPOCHREALTIME
# If tee never opened the FIFO, the check is stuck opening it: a momentary writer lets it see EOF.
exec 5<>"$fifo"; exec 5>&-
if [ -f "$partial/$file" ]; then sync -- "$partial/$file" 2>/dev/null & sync_pid=$!; fi
wait "$check_pid"
if [ -n "\${sync_pid:-}" ]; then wait "$sync_pid"; fi
set -e
echo "check-seconds $(elapsed "$check_started")"
echo "pipeline-seconds $pipeline_seconds"
# CPU of everything the pipeline and the check ran on the host (user and system, children of this
# shell). \`times\` must run in this shell, not a subshell, and write only to stdout: the disk may be full.
echo pipeline-cpu-next
times
echo "status \${statuses[*]}"
if [ -f "$partial/$file" ]; then echo "size $(stat -c %s -- "$partial/$file")"; fi
if [ -s "$sumfile" ]; then read -r sum _ <"$sumfile"; echo "sha256 $sum"; fi
${plainSize}
if [ -f "$scanfile" ]; then echo "scan $(base64 -w0 <"$scanfile")"; fi
`;
}

export interface DumpScriptResult {
  readonly statuses: number[];
  readonly size: number | null;
  readonly sha256: string | null;
  /** The check alongside the pipeline: the decoder's, grep's and awk's exit statuses, and the decoder's stderr. */
  readonly check: { decoder: number; grep: number; awk: number; message: string } | null;
  /** Size of the decoded dump (gzip: modulo 2^32, from its trailer); null when unknown. */
  readonly plainSize: number | null;
  readonly plainSizeModulo32: boolean;
  /** What the dump holds, read by the check; null when the check wrote nothing. */
  readonly scan: DumpScan | null;
  readonly pipelineSeconds: number | null;
  /** User + system CPU seconds of the pipeline's processes on the host. */
  readonly pipelineCpuSeconds: number | null;
  readonly checkSeconds: number | null;
}

export function parseDumpScriptOutput(stdout: string): DumpScriptResult {
  let statuses: number[] = [];
  let size: number | null = null;
  let sha256: string | null = null;
  let check: DumpScriptResult['check'] = null;
  let plainSize: number | null = null;
  let plainSizeModulo32 = false;
  let scan: DumpScan | null = null;
  let pipelineSeconds: number | null = null;
  let pipelineCpuSeconds: number | null = null;
  let checkSeconds: number | null = null;
  let cpuLine = -1;
  for (const [index, line] of stdout.split('\n').entries()) {
    const space = line.indexOf(' ');
    const key = space === -1 ? line : line.slice(0, space);
    const value = space === -1 ? '' : line.slice(space + 1);
    if (key === 'status') statuses = value.split(' ').filter(Boolean).map(Number);
    else if (key === 'size') size = Number(value);
    else if (key === 'sha256' && /^[0-9a-f]{64}$/.test(value)) sha256 = value;
    else if (key === 'plain-size' && /^\d+$/.test(value)) plainSize = Number(value);
    else if (key === 'gzip-isize') {
      const trailer = Buffer.from(value, 'base64');
      if (trailer.length === 4) {
        plainSize = trailer.readUInt32LE(0);
        plainSizeModulo32 = true;
      }
    } else if (key === 'scan') scan = parseDumpScan(Buffer.from(value, 'base64'));
    else if (key === 'pipeline-seconds') pipelineSeconds = Number(value);
    else if (key === 'check-seconds') checkSeconds = Number(value);
    else if (key === 'check') {
      const [decoder, grep, awk, ...message] = value.split(' ');
      check = {
        decoder: Number(decoder),
        grep: Number(grep),
        awk: Number(awk),
        message: message.join(' ').trim(),
      };
    } else if (key === 'pipeline-cpu-next') cpuLine = index + 2;
    else if (index === cpuLine) pipelineCpuSeconds = bashTimesSeconds(line);
  }
  return {
    statuses,
    size,
    sha256,
    check,
    plainSize,
    plainSizeModulo32,
    scan,
    pipelineSeconds,
    pipelineCpuSeconds,
    checkSeconds,
  };
}

/** `0m3.210s 0m1.100s` (bash `times`, one line) to total seconds; null when unreadable. */
export function bashTimesSeconds(line: string): number | null {
  const parts = [...line.matchAll(/(\d+)m([\d.,]+)s/g)];
  if (parts.length === 0) return null;
  const total = parts.reduce(
    (sum, part) => sum + Number(part[1]) * 60 + Number(part[2]!.replace(',', '.')),
    0,
  );
  return Math.round(total * 1000) / 1000;
}

function describeExit(stage: string, status: number): string {
  if (status === 141) return `${stage} was stopped by SIGPIPE (the next stage stopped reading)`;
  if (status === 127) return `${stage} was not found (exit 127)`;
  if (status > 128) return `${stage} was killed by signal ${status - 128}`;
  return `${stage} exited ${status}`;
}

/** Why the dump must not be accepted (empty when it may be). The first reason is the likeliest cause. */
export function dumpFailures(result: DumpScriptResult, compression: Compression): string[] {
  const stages = pipelineStages(compression);
  const failures: string[] = [];
  if (result.statuses.length !== stages.length) {
    failures.push(
      `the dump pipeline did not report its ${stages.length} exit statuses (got ${result.statuses.length})`,
    );
  }
  const exits = result.statuses
    .map((status, index) => ({ stage: stages[index] ?? `stage ${index + 1}`, status }))
    .filter((exit) => exit.status !== 0);
  // A broken pipe is a consequence; list the stages that failed on their own first.
  exits.sort((a, b) => Number(a.status === 141) - Number(b.status === 141));
  failures.push(...exits.map((exit) => describeExit(exit.stage, exit.status)));
  if (result.size === null) failures.push('the dump file was not written');
  if (result.sha256 === null) failures.push('no sha256 was computed for the dump file');
  const check = result.check;
  if (check === null) {
    failures.push('the written stream was not checked');
    return failures;
  }
  if (check.decoder !== 0) {
    failures.push(
      compression === 'none'
        ? describeExit('reading the stored file', check.decoder)
        : `${compression} -d of the written stream failed (exit ${check.decoder})${check.message ? `: ${check.message}` : ''}`,
    );
  }
  // grep exits 1 when nothing matched: the completion mark is then missing, said below.
  if (check.grep > 1) failures.push(describeExit('grep (dump scan)', check.grep));
  if (check.awk !== 0) failures.push(describeExit('awk (dump scan)', check.awk));
  if (result.scan === null) failures.push('the dump scan wrote nothing');
  else {
    const incomplete = incompleteDump(result.scan, result.plainSize, { modulo32: result.plainSizeModulo32 });
    if (incomplete) failures.push(incomplete);
  }
  return failures;
}

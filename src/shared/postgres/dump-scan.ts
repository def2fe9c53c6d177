/**
 * What the dump holds, read from the dump itself while it is being checked: the completion mark
 * and where it sits, the databases (`\connect`), and every table's data block (`COPY ... FROM
 * stdin;` up to `\.`), whose line count is its row count.
 *
 * On the host, the decoded stream goes through `grep` (about 2 GB/s: it only looks at line starts)
 * and the few lines it finds through a small `awk` state machine, so what reaches us is a line per
 * table, not per row. Counting from the dump costs no PostgreSQL time at all, where exact
 * `count(*)` on every table read the whole database a second time on the same CPUs, and the counts
 * are exactly those of the data in the file: pg_dumpall dumps each database in one snapshot, a
 * `count(*)` beside it sees a live database at other moments.
 */
import type { RowCounts } from './row-counts.js';

/** The line a complete `pg_dumpall` ends with (followed only by `--` and a blank line). */
export const DUMP_COMPLETE_MARK = '-- PostgreSQL database cluster dump complete';

/**
 * Lines that matter, matched at their start only. Data rows never start with `\.` (COPY's text
 * format escapes backslashes), but may start with anything else: the awk below ignores everything
 * inside a data block except its end.
 */
export const SCAN_GREP_PATTERN = `^(COPY |\\\\\\.$|\\\\connect |SET client_encoding = |${DUMP_COMPLETE_MARK}$)`;

/**
 * Bytes of a COPY line kept: the qualified name fits in 262 (two identifiers of at most 63 bytes,
 * quoted with every quote doubled, a dot, `COPY `); the column list of a wide table does not need
 * to travel, and a line each for many thousands of tables stays small.
 */
export const SCAN_HEADER_BYTES = 300;

/**
 * Reads grep's `LINE:BYTE:TEXT` lines and prints `T <rows> <COPY line>` per data block, `D <line>`
 * for database and encoding switches, `E <byte offset> <line>` for the completion mark outside a
 * data block, and `U <line> <COPY line>` for a data block that never ended. Numbers go through
 * printf %.0f: mawk prints integers above 2^31 in exponent form otherwise.
 */
export const SCAN_AWK_PROGRAM = `{
  i = index($0, ":"); n = substr($0, 1, i - 1); r = substr($0, i + 1)
  j = index(r, ":"); b = substr(r, 1, j - 1); t = substr(r, j + 1)
}
c { if (t == "\\\\.") { printf "T %.0f %s\\n", n - s - 1, substr(h, 1, ${SCAN_HEADER_BYTES}); c = 0 }; next }
t ~ /^COPY .* FROM stdin;$/ { c = 1; s = n; h = t; next }
t ~ /^(\\\\connect |SET client_encoding = )/ { print "D " t; next }
t == "${DUMP_COMPLETE_MARK}" { print "E " b " " n }
END { if (c) printf "U %.0f %s\\n", s, substr(h, 1, ${SCAN_HEADER_BYTES}) }`;

/** The awk program's output, read. */
export interface DumpScan {
  /** Databases in the order the dump connects to them. */
  readonly databases: string[];
  /** Rows per `schema.table`, per database (blocks naming the same table are added up). */
  readonly rowCounts: RowCounts;
  /** Byte offset of the completion mark's line in the plain dump; null when there is none outside a data block. */
  readonly markOffset: number | null;
  /** Something that came after the completion mark (a table or a database), when anything did. */
  readonly afterMark: string | null;
  /** The COPY line of a data block that never ended. */
  readonly unterminated: string | null;
  /** Lines the parser did not understand (a `\connect` or COPY line of an unexpected form). */
  readonly unreadable: string[];
}

/** PostgreSQL encoding names to WHATWG labels (TextDecoder), for table and database names. */
const ENCODINGS: Record<string, string> = {
  UTF8: 'utf-8',
  LATIN1: 'iso-8859-1',
  LATIN2: 'iso-8859-2',
  LATIN3: 'iso-8859-3',
  LATIN4: 'iso-8859-4',
  LATIN5: 'windows-1254',
  LATIN6: 'iso-8859-10',
  LATIN7: 'iso-8859-13',
  LATIN8: 'iso-8859-14',
  LATIN9: 'iso-8859-15',
  LATIN10: 'iso-8859-16',
  ISO_8859_5: 'iso-8859-5',
  ISO_8859_6: 'iso-8859-6',
  ISO_8859_7: 'iso-8859-7',
  ISO_8859_8: 'iso-8859-8',
  WIN866: 'ibm866',
  WIN874: 'windows-874',
  WIN1250: 'windows-1250',
  WIN1251: 'windows-1251',
  WIN1252: 'windows-1252',
  WIN1253: 'windows-1253',
  WIN1254: 'windows-1254',
  WIN1255: 'windows-1255',
  WIN1256: 'windows-1256',
  WIN1257: 'windows-1257',
  WIN1258: 'windows-1258',
  KOI8R: 'koi8-r',
  KOI8U: 'koi8-u',
  EUC_JP: 'euc-jp',
  EUC_KR: 'euc-kr',
  UHC: 'euc-kr',
  EUC_CN: 'gbk',
  GBK: 'gbk',
  GB18030: 'gb18030',
  SJIS: 'shift_jis',
  BIG5: 'big5',
};

function decoderFor(encoding: string): (bytes: Buffer) => string {
  const label = ENCODINGS[encoding.toUpperCase()];
  if (label) {
    try {
      const decoder = new TextDecoder(label);
      return (bytes) => decoder.decode(bytes);
    } catch {
      // A Node without that encoding: fall through.
    }
  }
  // SQL_ASCII and the rest: byte for byte, so at least the same dump always gives the same names.
  return (bytes) => bytes.toString('latin1');
}

/** One identifier as pg_dump writes it (fmtId): bare, or in double quotes with `""` for `"`. */
function readIdentifier(text: string, at: number): { name: string; end: number } | null {
  if (text[at] === '"') {
    let name = '';
    let i = at + 1;
    for (;;) {
      const quote = text.indexOf('"', i);
      if (quote === -1) return null;
      name += text.slice(i, quote);
      if (text[quote + 1] === '"') {
        name += '"';
        i = quote + 2;
      } else return { name, end: quote + 1 };
    }
  }
  const match = /^[^\s."(]+/.exec(text.slice(at));
  return match ? { name: match[0], end: at + match[0].length } : null;
}

/**
 * `COPY schema.table (cols) FROM stdin;` (or `COPY schema.table  FROM stdin;`: no columns) to
 * `schema.table`; `truncated`: the line was cut after SCAN_HEADER_BYTES (awk checked its end).
 */
export function copyTarget(line: string, truncated = false): string | null {
  if (!line.startsWith('COPY ') || (!truncated && !line.endsWith(' FROM stdin;'))) return null;
  const schema = readIdentifier(line, 5);
  if (!schema || line[schema.end] !== '.') return null;
  const table = readIdentifier(line, schema.end + 1);
  if (!table || line[table.end] !== ' ') return null;
  return `${schema.name}.${table.name}`;
}

/**
 * `\connect name` or `\connect "Name"` (an SQL identifier), or for other names
 * `\connect -reuse-previous=on "dbname='...'"` (a connection string, with `\` escaping `'` and `\`,
 * inside an SQL-quoted identifier), to the database name.
 */
export function connectTarget(line: string): string | null {
  const argument = line.slice('\\connect '.length);
  const reuse = '-reuse-previous=on ';
  if (!argument.startsWith(reuse)) {
    // A name that needs no connection string, as an SQL identifier: bare or double-quoted.
    const name = readIdentifier(argument, 0);
    return name && name.end === argument.length && !/['\\]/.test(argument) ? name.name : null;
  }
  const quoted = readIdentifier(argument, reuse.length);
  if (!quoted || quoted.end !== argument.length) return null;
  const connection = quoted.name;
  if (!connection.startsWith('dbname=')) return null;
  const value = connection.slice('dbname='.length);
  if (!value.startsWith("'")) return /^[^\s'\\]+$/.test(value) ? value : null;
  let name = '';
  for (let i = 1; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\') {
      i++;
      if (i >= value.length) return null;
      name += value[i];
    } else if (ch === "'") return i === value.length - 1 ? name : null;
    else name += ch;
  }
  return null;
}

/** Parses the awk program's output (raw bytes: names are in the dump's client encoding). */
export function parseDumpScan(output: Buffer): DumpScan {
  const databases: string[] = [];
  const rowCounts: RowCounts = {};
  const unreadable: string[] = [];
  let decode = decoderFor('UTF8');
  let database: string | null = null;
  let markOffset: number | null = null;
  let afterMark: string | null = null;
  let unterminated: string | null = null;
  let start = 0;
  while (start < output.length) {
    let end = output.indexOf(0x0a, start);
    if (end === -1) end = output.length;
    const line = output.subarray(start, end);
    start = end + 1;
    if (line.length < 2) continue;
    const kind = String.fromCharCode(line[0]!);
    const rest = line.subarray(2);
    if (kind === 'D') {
      const text = decode(rest);
      const encoding = /^SET client_encoding = '([A-Za-z0-9_]+)';$/.exec(text);
      if (encoding) {
        decode = decoderFor(encoding[1]!);
        continue;
      }
      const name = connectTarget(text);
      if (name === null) {
        unreadable.push(text);
        continue;
      }
      if (markOffset !== null) afterMark ??= `a connection to database ${name}`;
      database = name;
      if (!(name in rowCounts)) {
        databases.push(name);
        rowCounts[name] = {};
      }
    } else if (kind === 'T' || kind === 'U') {
      const space = rest.indexOf(0x20);
      const number = Number(rest.subarray(0, space).toString('latin1'));
      const raw = rest.subarray(space + 1);
      const header = decode(raw);
      if (kind === 'U') {
        unterminated = header;
        continue;
      }
      const table = copyTarget(header, raw.length >= SCAN_HEADER_BYTES);
      if (table === null || database === null || !Number.isSafeInteger(number) || number < 0) {
        unreadable.push(header);
        continue;
      }
      if (markOffset !== null) afterMark ??= `the data of ${database}.${table}`;
      const tables = rowCounts[database]!;
      tables[table] = (tables[table] ?? 0) + number;
    } else if (kind === 'E') {
      const offset = Number(rest.toString('latin1').split(' ')[0]);
      if (Number.isSafeInteger(offset)) {
        // A second mark (the first was a function body's text, say): the last one counts.
        markOffset = offset;
        afterMark = null;
      }
    }
  }
  return { databases, rowCounts, markOffset, afterMark, unterminated, unreadable };
}

/** Bytes pg_dumpall writes after the mark's line: `--` and a blank line; a little slack for other versions. */
export const MAX_AFTER_MARK = 16;

/**
 * Why the plain dump is not complete, or null when it is: the completion mark is there, outside
 * any data block, nothing followed it but its own trailer, and every data block ended.
 * `plainSize` is the decoded size in bytes, or its value modulo 2^32 for gzip (`modulo32`).
 */
export function incompleteDump(
  scan: DumpScan,
  plainSize: number | null,
  options: { modulo32?: boolean } = {},
): string | null {
  if (scan.unterminated !== null) {
    return `the dump was cut short inside the data of ${copyTarget(scan.unterminated, true) ?? scan.unterminated} (no end of data)`;
  }
  if (scan.markOffset === null) return `the dump does not end with '${DUMP_COMPLETE_MARK}': it was cut short`;
  if (scan.afterMark !== null) {
    return `'${DUMP_COMPLETE_MARK}' is not at the end of the dump: ${scan.afterMark} follows it`;
  }
  if (plainSize === null) return 'the size of the decoded dump is unknown, so its end cannot be checked';
  const markEnd = scan.markOffset + Buffer.byteLength(DUMP_COMPLETE_MARK) + 1;
  const after = options.modulo32
    ? (plainSize - (markEnd % 2 ** 32) + 2 ** 32) % 2 ** 32
    : plainSize - markEnd;
  if (after < 0 || after > MAX_AFTER_MARK) {
    return `'${DUMP_COMPLETE_MARK}' is not at the end of the dump: ${after < 0 ? 'the dump is shorter than where the mark was found' : `${after} bytes follow it`}`;
  }
  return null;
}

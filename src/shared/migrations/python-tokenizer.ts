/**
 * A small but real Python tokenizer: enough of the language's lexical rules to read a
 * migration module's top-level statements without executing it. It knows strings with all
 * prefixes (raw, bytes, unicode, f-strings), triple quotes, escapes, comments, brackets
 * (newlines inside them do not end a statement), backslash continuation and indentation.
 * Anything it does not understand raises `PythonSyntaxError` with a line number.
 */

export type TokenType = 'name' | 'number' | 'string' | 'op';

export interface Token {
  type: TokenType;
  /** Source text of the token. */
  text: string;
  /** Offsets into the source (UTF-16 code units, as JS strings count). */
  start: number;
  end: number;
  /** 1-based line of the token's first character. */
  line: number;
  /** For strings: the decoded value; `bytes`/`fstring`/`unicodePrefix` describe the prefix. */
  value?: string;
  bytes?: boolean;
  fstring?: boolean;
  unicodePrefix?: boolean;
}

/** One logical line: the tokens of a statement (or several, split later on `;`) and its indent. */
export interface LogicalLine {
  indent: number;
  tokens: Token[];
  line: number;
}

export class PythonSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`${message} (line ${line})`);
    this.line = line;
    this.name = 'PythonSyntaxError';
  }
}

// Python's operators and delimiters; matchOperator tries the longest (3 characters) first.
const OPERATORS =
  '**= //= >>= <<= ... != %= &= ** *= += -= -> // /= := << <= == >= >> @= ^= |= % & ( ) * + , - . / : ; < = > @ [ ] ^ { | } ~'.split(
    ' ',
  );

// By first character, longest first: one startsWith per candidate, no substring per length.
const OPERATORS_BY_FIRST = new Map<string, string[]>();
for (const op of [...OPERATORS].sort((a, b) => b.length - a.length)) {
  const list = OPERATORS_BY_FIRST.get(op[0]!) ?? [];
  list.push(op);
  OPERATORS_BY_FIRST.set(op[0]!, list);
}

// The same lists by character code (no Map lookup per operator).
const OPERATORS_BY_CODE: (string[] | undefined)[] = Array.from({ length: 128 }, (_, code) =>
  OPERATORS_BY_FIRST.get(String.fromCharCode(code)),
);

function matchOperator(source: string, pos: number): string | undefined {
  const code = source.charCodeAt(pos);
  const candidates = code < 128 ? OPERATORS_BY_CODE[code] : undefined;
  if (candidates === undefined) return undefined;
  for (let i = 0; i < candidates.length; i++) {
    const op = candidates[i]!;
    if (op.length === 1 || source.startsWith(op, pos)) return op;
  }
  return undefined;
}

function isNameStart(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
  return NAME_START.test(c);
}

/** Whether the character at `p` may continue a name (ASCII by code, without making a string of it). */
function isNameContinueAt(source: string, p: number): boolean {
  const code = source.charCodeAt(p);
  if (code < 128)
    return (
      (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95
    );
  return NAME_CONTINUE.test(source[p]!);
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);
const NAME_START = /[\p{L}\p{Nl}_]/u;
const NAME_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u;
const STRING_PREFIX = /^(?:r|u|b|br|rb|f|fr|rf)$/i;
const NUMBER =
  /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/;
/** The same pattern, matched in place (no copy of the source) with `lastIndex`. */
const NUMBER_AT = new RegExp(NUMBER.source.slice(1), 'y');
const CONFLICT_MARKER = /^(?:<{7}|>{7}|\|{7}|={7})/m;

/** Lines that git writes for a conflict; Python rejects them, and so do we, by name. */
export function findConflictMarker(source: string): number | null {
  if (!CONFLICT_MARKER.test(source)) return null;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(?:<{7}|>{7}|\|{7})(?: |\r?$)/.test(line) || /^={7}\r?$/.test(line)) return i + 1;
  }
  return null;
}

/** Tokenizes `source` into logical lines. Comments and blank lines are dropped. */
export function tokenize(source: string): LogicalLine[] {
  return run(new Scanner(source, false));
}

/**
 * Tokenizes `source` as `tokenize` does (every character is scanned, every syntax error raised
 * with the same message and line), but keeps only the tokens a reader of a migration's
 * `class Migration` needs, without making objects of the rest:
 * - every module-level (indent 0) line with its first token; a line starting with `class` with
 *   all of its tokens;
 * - after a module-level `class Migration` header, up to the next module-level line: the lines
 *   at the indent of the first indented line, each with the tokens of its `;`-separated
 *   statements that start with one of `statementNames` (and the `;` tokens), possibly none;
 * - no other line.
 */
export function tokenizeMigrationOutline(source: string, statementNames: readonly string[]): LogicalLine[] {
  const s = new Scanner(source, true);
  s.statementNames = statementNames;
  return run(s);
}

function run(s: Scanner): LogicalLine[] {
  const source = s.source;
  const length = source.length;
  while (s.pos < length) {
    if (s.atLineStart && s.depth.length === 0 && !s.startLine()) break;
    const code = source.charCodeAt(s.pos);
    // The scanner for the character's class; operators take the rest or throw.
    if (code < 128) SCANNER_OF[code]!(s, code);
    else scanNonAscii(s);
  }
  if (s.depth.length > 0)
    throw new PythonSyntaxError(`'${s.depth[s.depth.length - 1]}' was never closed`, s.line);
  s.endLogicalLine();
  return s.lines;
}

/** What an outline keeps of the current line (see tokenizeMigrationOutline). */
const KEEP_ALL = 0;
const KEEP_FIRST = 1;
const KEEP_FIRST_TAKEN = 2;
const KEEP_STATEMENTS = 3;
const KEEP_NONE = 4;

/** The tokenizer's state over one source: where it is, the open brackets, the logical line being built. */
class Scanner {
  readonly source: string;
  readonly lines: LogicalLine[] = [];
  /** Open brackets: newlines inside them do not end a statement. */
  readonly depth: string[] = [];
  pos: number;
  line = 1;
  atLineStart = true;
  private readonly indentStack = [0];
  private current: Token[] = [];
  private currentIndent = 0;
  private currentLine = 1;
  /** Outline mode: see tokenizeMigrationOutline. */
  private readonly outline: boolean;
  statementNames: readonly string[] = [];
  private keep = KEEP_ALL;
  private inMigrationBody = false;
  private bodyIndent = -1;
  private statementStart = false;
  private keepStatement = false;

  constructor(source: string, outline: boolean) {
    this.source = source;
    this.outline = outline;
    // A UTF-8 byte-order mark is not part of the program.
    this.pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** Whether the token starting now is kept; `name` is its text when it is a name (else null). */
  keeps(name: string | null): boolean {
    switch (this.keep) {
      case KEEP_ALL:
        return true;
      case KEEP_FIRST:
        this.keep = name === 'class' ? KEEP_ALL : KEEP_FIRST_TAKEN;
        return true;
      case KEEP_STATEMENTS:
        if (this.statementStart) {
          this.statementStart = false;
          this.keepStatement = name !== null && this.statementNames.includes(name);
        }
        return this.keepStatement;
      default:
        return false;
    }
  }

  /** Whether a name token is kept at this point: only the outline's statement starts need its text. */
  keepsName(start: number, end: number): boolean {
    const keep = this.keep;
    if (keep === KEEP_ALL) return true;
    if (keep === KEEP_FIRST || (keep === KEEP_STATEMENTS && this.statementStart))
      return this.keeps(this.source.slice(start, end));
    return keep === KEEP_STATEMENTS && this.keepStatement;
  }

  /** Whether a `;` here separates the outline's statements (it is kept, and a new statement starts). */
  separatesStatements(): boolean {
    return this.keep === KEEP_STATEMENTS && this.depth.length === 0;
  }

  startStatement(): void {
    this.statementStart = true;
  }

  push(token: Token): void {
    this.current.push(token);
    this.pos = token.end;
  }

  endLogicalLine(): void {
    const tokens = this.current;
    if (!this.outline) {
      if (tokens.length > 0) {
        this.lines.push({ indent: this.currentIndent, tokens, line: this.currentLine });
        this.current = [];
      }
    } else if (!this.atLineStart && this.keep !== KEEP_NONE) {
      this.lines.push({ indent: this.currentIndent, tokens, line: this.currentLine });
      this.current = [];
      if (this.currentIndent === 0 && this.keep === KEEP_ALL && tokens[1]?.text === 'Migration') {
        this.inMigrationBody = true;
        this.bodyIndent = -1;
      }
    }
    this.atLineStart = true;
  }

  /** Measures a line's indentation (blank and comment-only lines do not count); false at the end. */
  startLine(): boolean {
    const source = this.source;
    let col = 0;
    let p = this.pos;
    while (p < source.length) {
      const c = source.charCodeAt(p);
      if (c === 32) col++;
      else if (c === 9) col = (Math.floor(col / 8) + 1) * 8;
      else if (c === 12) col = 0;
      else break;
      p++;
    }
    if (p >= source.length) return false;
    this.pos = p;
    const c = source.charCodeAt(p);
    if (c === 35 || c === 10 || c === 13 || (c === 92 && isNewline(source, p + 1))) return true;
    this.indent(col);
    this.currentIndent = col;
    this.currentLine = this.line;
    this.atLineStart = false;
    if (this.outline) this.chooseKeep(col);
    return true;
  }

  private chooseKeep(col: number): void {
    if (col === 0) {
      this.keep = KEEP_FIRST;
      this.inMigrationBody = false;
    } else if (!this.inMigrationBody) {
      this.keep = KEEP_NONE;
    } else {
      if (this.bodyIndent < 0) this.bodyIndent = col;
      this.keep = col === this.bodyIndent ? KEEP_STATEMENTS : KEEP_NONE;
      this.statementStart = true;
      this.keepStatement = false;
    }
  }

  private indent(col: number): void {
    const stack = this.indentStack;
    if (col > stack[stack.length - 1]!) stack.push(col);
    else {
      while (col < stack[stack.length - 1]!) stack.pop();
      if (col !== stack[stack.length - 1])
        throw new PythonSyntaxError('unindent does not match any outer indentation level', this.line);
    }
  }
}

/** Takes the token (or the skipped text) at the scanner's position; `code` is its first character's. */
type Scan = (s: Scanner, code: number) => void;

const scanNewline: Scan = (s, code) => {
  s.pos += code === 13 && s.source.charCodeAt(s.pos + 1) === 10 ? 2 : 1;
  s.line++;
  if (s.depth.length === 0) s.endLogicalLine();
};

const scanBlank: Scan = (s) => {
  const source = s.source;
  let p = s.pos + 1;
  for (let b = source.charCodeAt(p); b === 32 || b === 9 || b === 12; b = source.charCodeAt(++p));
  s.pos = p;
};

const scanComment: Scan = (s) => {
  const source = s.source;
  let p = s.pos;
  for (let c = source.charCodeAt(p); p < source.length && c !== 10 && c !== 13; c = source.charCodeAt(++p));
  s.pos = p;
};

const scanContinuation: Scan = (s) => {
  const source = s.source;
  if (!isNewline(source, s.pos + 1))
    throw new PythonSyntaxError('unexpected character after line continuation', s.line);
  s.pos += source[s.pos + 1] === '\r' && source[s.pos + 2] === '\n' ? 3 : 2;
  s.line++;
};

/** A name, which may turn out to be a string's prefix (`r'...'`, `b"..."`). */
const scanName: Scan = (s) => {
  const source = s.source;
  const start = s.pos;
  let end = start + 1;
  while (end < source.length && isNameContinueAt(source, end)) end++;
  if (!isNameStart(source[start]!))
    throw new PythonSyntaxError(`invalid character '${source[start]}'`, s.line);
  const next = source.charCodeAt(end);
  if ((next === 34 || next === 39) && end - start <= 2) {
    const word = source.slice(start, end);
    if (STRING_PREFIX.test(word)) {
      scanStringAt(s, start, end, word.toLowerCase());
      return;
    }
  }
  if (s.keepsName(start, end))
    s.push({ type: 'name', text: source.slice(start, end), start, end, line: s.line });
  else s.pos = end;
};

const scanString: Scan = (s) => {
  scanStringAt(s, s.pos, s.pos, '');
};

function scanStringAt(s: Scanner, start: number, quoteAt: number, prefix: string): void {
  const source = s.source;
  const end = readString(s, start, quoteAt, prefix, s.keeps(null));
  s.pos = end;
  s.line += countNewlines(source, start, end);
}

const scanNumber: Scan = (s) => {
  const source = s.source;
  const start = s.pos;
  NUMBER_AT.lastIndex = start;
  let m = NUMBER_AT.exec(source);
  // Matched within a window of 200 characters: a longer match (never seen) is taken as before.
  if (m && m[0].length >= 199) m = NUMBER.exec(source.slice(start, start + 200));
  const end = m ? start + m[0].length : start + 1;
  if (s.keeps(null)) s.push({ type: 'number', text: source.slice(start, end), start, end, line: s.line });
  else s.pos = end;
};

const scanOperator: Scan = (s) => {
  const source = s.source;
  const op = matchOperator(source, s.pos);
  if (!op) throw new PythonSyntaxError(`invalid character '${source[s.pos]}'`, s.line);
  if (op === ';' && s.separatesStatements()) {
    s.push({ type: 'op', text: op, start: s.pos, end: s.pos + 1, line: s.line });
    s.startStatement();
    return;
  }
  if (OPENERS[op]) s.depth.push(op);
  else if (CLOSERS.has(op)) {
    const open = s.depth.pop();
    if (!open || OPENERS[open] !== op) throw new PythonSyntaxError(`unmatched '${op}'`, s.line);
  }
  if (s.keeps(null)) s.push({ type: 'op', text: op, start: s.pos, end: s.pos + op.length, line: s.line });
  else s.pos += op.length;
};

/** A '.' starts a number when a digit follows, else it is an operator. */
const scanDot: Scan = (s, code) => {
  const next = s.source.charCodeAt(s.pos + 1);
  if (next >= 48 && next <= 57) scanNumber(s, code);
  else scanOperator(s, code);
};

/** Each ASCII character's scanner. */
const SCANNER_OF: Scan[] = Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code);
  if (c === '.') return scanDot;
  if (c === '\n' || c === '\r') return scanNewline;
  if (c === ' ' || c === '\t' || c === '\f') return scanBlank;
  if (c === '#') return scanComment;
  if (c === '\\') return scanContinuation;
  if (isNameStart(c)) return scanName;
  if (c === '"' || c === "'") return scanString;
  if (c >= '0' && c <= '9') return scanNumber;
  return scanOperator;
});

/** Non-ASCII characters can only start names (anything else is an invalid character). */
function scanNonAscii(s: Scanner): void {
  scanName(s, s.source.charCodeAt(s.pos));
}

function isNewline(source: string, p: number): boolean {
  return source[p] === '\n' || source[p] === '\r' || p >= source.length;
}

/** Newlines in `source[start, end)`: `\n`, `\r\n` and a lone `\r` each count once. */
function countNewlines(source: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && (i + 1 >= end || source.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** Reads the string literal at `start`; pushes its token if `keep` (else only checks it); returns its end. */
function readString(s: Scanner, start: number, quoteAt: number, prefix: string, keep: boolean): number {
  const source = s.source;
  const line = s.line;
  const quote = source.charCodeAt(quoteAt);
  const triple = source.charCodeAt(quoteAt + 1) === quote && source.charCodeAt(quoteAt + 2) === quote;
  const delimiterLength = triple ? 3 : 1;
  const raw = prefix.includes('r');
  let p = quoteAt + delimiterLength;
  const bodyStart = p;
  let escaped = false;
  for (;;) {
    if (p >= source.length) throw new PythonSyntaxError('unterminated string literal', line);
    const c = source.charCodeAt(p);
    if (c === 92 /* \\ */) {
      escaped = true;
      p += source.charCodeAt(p + 1) === 13 && source.charCodeAt(p + 2) === 10 ? 3 : 2;
      continue;
    }
    if (!triple && (c === 10 || c === 13)) throw new PythonSyntaxError('unterminated string literal', line);
    if (
      c === quote &&
      (!triple || (source.charCodeAt(p + 1) === quote && source.charCodeAt(p + 2) === quote))
    )
      break;
    p++;
  }
  const end = p + delimiterLength;
  const bytes = prefix.includes('b');
  // Escapes are decoded (and checked) whether or not the token is kept.
  if (!keep && (raw || !escaped)) return end;
  let body = source.slice(bodyStart, p);
  if (body.includes('\r')) body = body.replace(/\r\n?/g, '\n');
  const value = raw || !escaped ? body : decodeEscapes(body, bytes, line);
  if (!keep) return end;
  s.push({
    type: 'string',
    text: source.slice(start, end),
    start,
    end,
    line,
    value,
    bytes,
    fstring: prefix.includes('f'),
    unicodePrefix: prefix === 'u',
  });
  return end;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function decodeEscapes(body: string, bytes: boolean, line: number): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[i + 1] ?? '';
    i++;
    if (e === '\n') continue;
    if (SIMPLE_ESCAPES[e] !== undefined) {
      out += SIMPLE_ESCAPES[e];
    } else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out += String.fromCodePoint(Number.parseInt(m, 8));
      i += m.length - 1;
    } else if (e === 'x' || (!bytes && (e === 'u' || e === 'U'))) {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex))
        throw new PythonSyntaxError(`truncated \\${e} escape`, line);
      out += String.fromCodePoint(Number.parseInt(hex, 16));
      i += len;
    } else if (!bytes && e === 'N') {
      // Named escapes would need the Unicode name table; report instead of guessing.
      throw new PythonSyntaxError('\\N{...} escapes are not supported by the static reader', line);
    } else {
      out += `\\${e}`;
    }
  }
  return out;
}

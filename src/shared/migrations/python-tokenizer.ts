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

function matchOperator(source: string, pos: number): string | undefined {
  for (const op of OPERATORS_BY_FIRST.get(source[pos]!) ?? []) if (source.startsWith(op, pos)) return op;
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

/** Lines that git writes for a conflict; Python rejects them, and so do we, by name. */
export function findConflictMarker(source: string): number | null {
  if (!/^(?:<{7}|>{7}|\|{7}|={7})/m.test(source)) return null;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(?:<{7}|>{7}|\|{7})(?: |\r?$)/.test(line) || /^={7}\r?$/.test(line)) return i + 1;
  }
  return null;
}

/** Tokenizes `source` into logical lines. Comments and blank lines are dropped. */
export function tokenize(source: string): LogicalLine[] {
  const s = new Scanner(source);
  while (s.pos < s.source.length) {
    if (s.atLineStart && s.depth.length === 0 && !s.startLine()) break;
    const c = s.source[s.pos]!;
    // The scanner for the character's class; operators take the rest or throw.
    const scan = SCANNER_OF[c.charCodeAt(0)];
    if (!scan?.(s, c)) scanOther(s, c);
  }
  if (s.depth.length > 0)
    throw new PythonSyntaxError(`'${s.depth[s.depth.length - 1]}' was never closed`, s.line);
  s.endLogicalLine();
  return s.lines;
}

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

  constructor(source: string) {
    this.source = source;
    // A UTF-8 byte-order mark is not part of the program.
    this.pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  push(token: Token): void {
    this.current.push(token);
    this.pos = token.end;
  }

  endLogicalLine(): void {
    if (this.current.length > 0)
      this.lines.push({ indent: this.currentIndent, tokens: this.current, line: this.currentLine });
    this.current = [];
    this.atLineStart = true;
  }

  /** Measures a line's indentation (blank and comment-only lines do not count); false at the end. */
  startLine(): boolean {
    const source = this.source;
    let col = 0;
    let p = this.pos;
    while (p < source.length) {
      const c = source[p];
      if (c === ' ') col++;
      else if (c === '\t') col = (Math.floor(col / 8) + 1) * 8;
      else if (c === '\f') col = 0;
      else break;
      p++;
    }
    if (p >= source.length) return false;
    this.pos = p;
    const c = source[p];
    if (c === '#' || c === '\n' || c === '\r' || (c === '\\' && isNewline(source, p + 1))) return true;
    this.indent(col);
    this.currentIndent = col;
    this.currentLine = this.line;
    this.atLineStart = false;
    return true;
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

/** Takes the token (or the skipped text) at the scanner's position and returns true, or declines. */
type Scan = (s: Scanner, c: string) => boolean;

const scanNewline: Scan = (s, c) => {
  if (c !== '\n' && c !== '\r') return false;
  s.pos += c === '\r' && s.source[s.pos + 1] === '\n' ? 2 : 1;
  s.line++;
  if (s.depth.length === 0) s.endLogicalLine();
  return true;
};

const scanBlank: Scan = (s, c) => {
  if (c !== ' ' && c !== '\t' && c !== '\f') return false;
  const source = s.source;
  let p = s.pos + 1;
  for (let b = source.charCodeAt(p); b === 32 || b === 9 || b === 12; b = source.charCodeAt(++p));
  s.pos = p;
  return true;
};

const scanComment: Scan = (s, c) => {
  if (c !== '#') return false;
  const source = s.source;
  while (s.pos < source.length && source[s.pos] !== '\n' && source[s.pos] !== '\r') s.pos++;
  return true;
};

const scanContinuation: Scan = (s, c) => {
  if (c !== '\\') return false;
  const source = s.source;
  if (!isNewline(source, s.pos + 1))
    throw new PythonSyntaxError('unexpected character after line continuation', s.line);
  s.pos += source[s.pos + 1] === '\r' && source[s.pos + 2] === '\n' ? 3 : 2;
  s.line++;
  return true;
};

/** A name, which may turn out to be a string's prefix (`r'...'`, `b"..."`). */
const scanName: Scan = (s, c) => {
  if (!isNameStart(c) && c.charCodeAt(0) <= 127) return false;
  const source = s.source;
  let end = s.pos + 1;
  while (end < source.length && isNameContinueAt(source, end)) end++;
  const word = source.slice(s.pos, end);
  if (!isNameStart(c)) throw new PythonSyntaxError(`invalid character '${c}'`, s.line);
  if ((source[end] === '"' || source[end] === "'") && STRING_PREFIX.test(word)) {
    pushString(s, readString(source, s.pos, end, word.toLowerCase(), s.line));
    return true;
  }
  s.push({ type: 'name', text: word, start: s.pos, end, line: s.line });
  return true;
};

const scanString: Scan = (s, c) => {
  if (c !== '"' && c !== "'") return false;
  pushString(s, readString(s.source, s.pos, s.pos, '', s.line));
  return true;
};

function pushString(s: Scanner, token: Token): void {
  s.push(token);
  s.line += countNewlines(token.text);
}

const scanNumber: Scan = (s, c) => {
  const source = s.source;
  if (!/[0-9]/.test(c) && !(c === '.' && /[0-9]/.test(source[s.pos + 1] ?? ''))) return false;
  const m = NUMBER.exec(source.slice(s.pos, s.pos + 200));
  const text = m ? m[0] : c;
  s.push({ type: 'number', text, start: s.pos, end: s.pos + text.length, line: s.line });
  return true;
};

const scanOperator: Scan = (s, c) => {
  const op = matchOperator(s.source, s.pos);
  if (!op) throw new PythonSyntaxError(`invalid character '${c}'`, s.line);
  if (OPENERS[op]) s.depth.push(op);
  else if (CLOSERS.has(op)) {
    const open = s.depth.pop();
    if (!open || OPENERS[open] !== op) throw new PythonSyntaxError(`unmatched '${op}'`, s.line);
  }
  s.push({ type: 'op', text: op, start: s.pos, end: s.pos + op.length, line: s.line });
  return true;
};

const SCANNERS: readonly Scan[] = [
  scanNewline,
  scanBlank,
  scanComment,
  scanContinuation,
  scanName,
  scanString,
  scanNumber,
  scanOperator,
];

/**
 * Each ASCII character's scanner: the one of SCANNERS, in their order, that takes it (trying
 * them in turn per character was most of the tokenizer's time). A '.' may start a number or be
 * an operator, and non-ASCII characters can only start names: those try the scanners in turn.
 */
const SCANNER_OF: (Scan | undefined)[] = Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code);
  if (c === '.') return undefined;
  if (c === '\n' || c === '\r') return scanNewline;
  if (c === ' ' || c === '\t' || c === '\f') return scanBlank;
  if (c === '#') return scanComment;
  if (c === '\\') return scanContinuation;
  if (isNameStart(c)) return scanName;
  if (c === '"' || c === "'") return scanString;
  if (c >= '0' && c <= '9') return scanNumber;
  return scanOperator;
});

function scanOther(s: Scanner, c: string): boolean {
  for (const scan of SCANNERS) if (scan(s, c)) return true;
  return false;
}

function isNewline(source: string, p: number): boolean {
  return source[p] === '\n' || source[p] === '\r' || p >= source.length;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') count++;
    else if (text[i] === '\r' && text[i + 1] !== '\n') count++;
  }
  return count;
}

function readString(source: string, start: number, quoteAt: number, prefix: string, line: number): Token {
  const quote = source.charCodeAt(quoteAt);
  const triple = source.charCodeAt(quoteAt + 1) === quote && source.charCodeAt(quoteAt + 2) === quote;
  const delimiter = triple ? source.slice(quoteAt, quoteAt + 3) : source[quoteAt]!;
  const raw = prefix.includes('r');
  let p = quoteAt + delimiter.length;
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
    if (c === quote && (!triple || source.startsWith(delimiter, p))) break;
    p++;
  }
  let body = source.slice(bodyStart, p);
  if (body.includes('\r')) body = body.replace(/\r\n?/g, '\n');
  const end = p + delimiter.length;
  const bytes = prefix.includes('b');
  return {
    type: 'string',
    text: source.slice(start, end),
    start,
    end,
    line,
    value: raw || !escaped ? body : decodeEscapes(body, bytes, line),
    bytes,
    fstring: prefix.includes('f'),
    unicodePrefix: prefix === 'u',
  };
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

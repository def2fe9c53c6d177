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

const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '!=',
  '%=',
  '&=',
  '**',
  '*=',
  '+=',
  '-=',
  '->',
  '//',
  '/=',
  ':=',
  '<<',
  '<=',
  '==',
  '>=',
  '>>',
  '@=',
  '^=',
  '|=',
  '%',
  '&',
  '(',
  ')',
  '*',
  '+',
  ',',
  '-',
  '.',
  '/',
  ':',
  ';',
  '<',
  '=',
  '>',
  '@',
  '[',
  ']',
  '^',
  '{',
  '|',
  '}',
  '~',
];

const OPERATOR_SET = new Set(OPERATORS);

function matchOperator(source: string, pos: number): string | undefined {
  for (let len = 3; len >= 1; len--) {
    const candidate = source.slice(pos, pos + len);
    if (candidate.length === len && OPERATOR_SET.has(candidate)) return candidate;
  }
  return undefined;
}

function isNameStart(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
  return NAME_START.test(c);
}

function isNameContinue(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128)
    return (
      (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95
    );
  return NAME_CONTINUE.test(c);
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
  const lines: LogicalLine[] = [];
  const indentStack = [0];
  // A UTF-8 byte-order mark is not part of the program.
  let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const depth: string[] = [];
  let current: Token[] = [];
  let currentIndent = 0;
  let currentLine = 1;
  let atLineStart = true;
  const n = source.length;

  const endLogicalLine = () => {
    if (current.length > 0) lines.push({ indent: currentIndent, tokens: current, line: currentLine });
    current = [];
    atLineStart = true;
  };

  while (pos < n) {
    if (atLineStart && depth.length === 0) {
      // Measure indentation; blank and comment-only lines do not count.
      let col = 0;
      let p = pos;
      while (p < n) {
        const c = source[p];
        if (c === ' ') col++;
        else if (c === '\t') col = (Math.floor(col / 8) + 1) * 8;
        else if (c === '\f') col = 0;
        else break;
        p++;
      }
      const c = source[p];
      if (p >= n) break;
      if (c === '#' || c === '\n' || c === '\r' || (c === '\\' && isNewline(source, p + 1))) {
        pos = p;
      } else {
        if (col > indentStack[indentStack.length - 1]!) indentStack.push(col);
        else {
          while (col < indentStack[indentStack.length - 1]!) indentStack.pop();
          if (col !== indentStack[indentStack.length - 1]) {
            throw new PythonSyntaxError('unindent does not match any outer indentation level', line);
          }
        }
        currentIndent = col;
        currentLine = line;
        atLineStart = false;
        pos = p;
      }
    }
    const c = source[pos]!;
    if (c === '\n' || c === '\r') {
      pos += c === '\r' && source[pos + 1] === '\n' ? 2 : 1;
      line++;
      if (depth.length === 0) endLogicalLine();
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f') {
      pos++;
      continue;
    }
    if (c === '#') {
      while (pos < n && source[pos] !== '\n' && source[pos] !== '\r') pos++;
      continue;
    }
    if (c === '\\') {
      if (!isNewline(source, pos + 1))
        throw new PythonSyntaxError('unexpected character after line continuation', line);
      pos += source[pos + 1] === '\r' && source[pos + 2] === '\n' ? 3 : 2;
      line++;
      continue;
    }
    const startLine = line;
    // Names, which may turn out to be a string prefix.
    if (isNameStart(c) || c.charCodeAt(0) > 127) {
      let end = pos + 1;
      while (end < n && isNameContinue(source[end]!)) end++;
      const word = source.slice(pos, end);
      if (!isNameStart(c)) throw new PythonSyntaxError(`invalid character '${c}'`, line);
      if ((source[end] === '"' || source[end] === "'") && STRING_PREFIX.test(word)) {
        const tok = readString(source, pos, end, word.toLowerCase(), startLine);
        line += countNewlines(tok.text);
        current.push(tok);
        pos = tok.end;
        continue;
      }
      current.push({ type: 'name', text: word, start: pos, end, line: startLine });
      pos = end;
      continue;
    }
    if (c === '"' || c === "'") {
      const tok = readString(source, pos, pos, '', startLine);
      line += countNewlines(tok.text);
      current.push(tok);
      pos = tok.end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[pos + 1] ?? ''))) {
      const m = NUMBER.exec(source.slice(pos, pos + 200));
      const text = m ? m[0] : c;
      current.push({ type: 'number', text, start: pos, end: pos + text.length, line: startLine });
      pos += text.length;
      continue;
    }
    const op = matchOperator(source, pos);
    if (!op) throw new PythonSyntaxError(`invalid character '${c}'`, line);
    if (OPENERS[op]) depth.push(op);
    else if (CLOSERS.has(op)) {
      const open = depth.pop();
      if (!open || OPENERS[open] !== op) throw new PythonSyntaxError(`unmatched '${op}'`, line);
    }
    current.push({ type: 'op', text: op, start: pos, end: pos + op.length, line: startLine });
    pos += op.length;
  }
  if (depth.length > 0) throw new PythonSyntaxError(`'${depth[depth.length - 1]}' was never closed`, line);
  endLogicalLine();
  return lines;
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
  const quote = source[quoteAt]!;
  const triple = source.startsWith(quote.repeat(3), quoteAt);
  const delimiter = triple ? quote.repeat(3) : quote;
  const raw = prefix.includes('r');
  let p = quoteAt + delimiter.length;
  const bodyStart = p;
  for (;;) {
    if (p >= source.length) throw new PythonSyntaxError('unterminated string literal', line);
    const c = source[p]!;
    if (c === '\\') {
      p += source[p + 1] === '\r' && source[p + 2] === '\n' ? 3 : 2;
      continue;
    }
    if (!triple && (c === '\n' || c === '\r'))
      throw new PythonSyntaxError('unterminated string literal', line);
    if (source.startsWith(delimiter, p)) break;
    p++;
  }
  const body = source.slice(bodyStart, p).replace(/\r\n?/g, '\n');
  const end = p + delimiter.length;
  const bytes = prefix.includes('b');
  return {
    type: 'string',
    text: source.slice(start, end),
    start,
    end,
    line,
    value: raw ? body : decodeEscapes(body, bytes, line),
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

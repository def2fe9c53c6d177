import { PythonSyntaxError, type Token } from './python-tokenizer.js';

/**
 * The literal subset of Python expressions a migration's class attributes are written in.
 * Anything else (operators, comprehensions, subscripts) is `computed`: known to be there,
 * never evaluated.
 */
export type PyExpr =
  | { kind: 'str'; value: string; unicodePrefix: boolean; start: number; end: number; line: number }
  | { kind: 'bytes'; value: string; start: number; end: number; line: number }
  | { kind: 'number'; text: string; start: number; end: number; line: number }
  | { kind: 'name'; id: string; start: number; end: number; line: number }
  | { kind: 'attribute'; value: PyExpr; attr: string; start: number; end: number; line: number }
  | {
      kind: 'call';
      func: PyExpr;
      args: PyExpr[];
      keywords: [string, PyExpr][];
      start: number;
      end: number;
      line: number;
    }
  | { kind: 'tuple' | 'list'; elts: PyExpr[]; start: number; end: number; line: number }
  | { kind: 'computed'; reason: string; start: number; end: number; line: number };

/** Parses one expression (or a bare tuple `a, b`) spanning all of `tokens`. */
export function parseExpression(tokens: Token[]): PyExpr {
  if (tokens.length === 0) throw new PythonSyntaxError('expected an expression', 0);
  const parser = new ExpressionParser(tokens);
  const first = parser.parseTestList();
  if (!parser.atEnd()) {
    const t = parser.peek()!;
    return {
      kind: 'computed',
      reason: `uses '${t.text}'`,
      start: first.start,
      end: last(tokens).end,
      line: first.line,
    };
  }
  return first;
}

function isOpener(text: string): boolean {
  return text === '(' || text === '[' || text === '{';
}

function isCloser(text: string): boolean {
  return text === ')' || text === ']' || text === '}';
}

function last<T>(items: T[]): T {
  return items[items.length - 1]!;
}

class ExpressionParser {
  private i = 0;
  private readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t?.type === 'op' && t.text === text;
  }

  private expectOp(text: string): Token {
    const t = this.peek();
    if (t?.type !== 'op' || t.text !== text) {
      throw new PythonSyntaxError(
        `expected '${text}', found '${t?.text ?? 'end of statement'}'`,
        t?.line ?? 0,
      );
    }
    this.i++;
    return t;
  }

  /** `a, b, c` without brackets is a tuple, as in `dependencies = ('a', 'b'),`. */
  parseTestList(): PyExpr {
    const first = this.parseOperand();
    if (!this.isOp(',')) return first;
    const elts = [first];
    let end = first.end;
    while (this.isOp(',')) {
      end = this.expectOp(',').end;
      if (this.atEnd() || this.isOp(')') || this.isOp(']')) break;
      const e = this.parseOperand();
      elts.push(e);
      end = e.end;
    }
    return { kind: 'tuple', elts, start: first.start, end, line: first.line };
  }

  /** An operand followed by anything other than `,` or a closing bracket is computed. */
  private parseOperand(): PyExpr {
    const start = this.peek();
    const atom = this.parseAtomWithTrailers();
    let depth = 0;
    let computed: string | null = null;
    while (!this.atEnd()) {
      const t = this.peek()!;
      if (t.type === 'op') {
        const text = t.text;
        if (depth === 0 && (text === ',' || text === ':' || text === '=' || isCloser(text))) break;
        if (isOpener(text)) depth++;
        else if (isCloser(text)) depth--;
      }
      computed ??= `uses '${t.text}'`;
      this.i++;
    }
    if (computed !== null) {
      const endTok = this.tokens[this.i - 1]!;
      return { kind: 'computed', reason: computed, start: start!.start, end: endTok.end, line: start!.line };
    }
    return atom;
  }

  private parseAtomWithTrailers(): PyExpr {
    let expr = this.parseAtom();
    for (;;) {
      if (this.isOp('.')) {
        this.i++;
        const name = this.peek();
        if (name?.type !== 'name')
          throw new PythonSyntaxError('expected a name after "."', name?.line ?? expr.line);
        this.i++;
        expr = {
          kind: 'attribute',
          value: expr,
          attr: name.text,
          start: expr.start,
          end: name.end,
          line: expr.line,
        };
      } else if (this.isOp('(')) {
        this.i++;
        const args: PyExpr[] = [];
        const keywords: [string, PyExpr][] = [];
        while (!this.isOp(')')) {
          const t = this.peek();
          const next = this.tokens[this.i + 1];
          if (t?.type === 'name' && next?.type === 'op' && next.text === '=') {
            this.i += 2;
            keywords.push([t.text, this.parseOperand()]);
          } else {
            args.push(this.parseOperand());
          }
          if (!this.isOp(',')) break;
          this.i++;
        }
        const close = this.expectOp(')');
        expr = {
          kind: 'call',
          func: expr,
          args,
          keywords,
          start: expr.start,
          end: close.end,
          line: expr.line,
        };
      } else if (this.isOp('[')) {
        const open = this.expectOp('[');
        let depth = 1;
        while (depth > 0 && !this.atEnd()) {
          const t = this.tokens[this.i++]!;
          if (t.type === 'op' && isOpener(t.text)) depth++;
          if (t.type === 'op' && isCloser(t.text)) depth--;
        }
        const end = this.tokens[this.i - 1]!.end;
        expr = {
          kind: 'computed',
          reason: 'uses a subscript',
          start: expr.start,
          end: Math.max(end, open.end),
          line: expr.line,
        };
      } else {
        return expr;
      }
    }
  }

  private parseAtom(): PyExpr {
    const t = this.peek();
    if (!t) throw new PythonSyntaxError('expected an expression', this.tokens[this.i - 1]?.line ?? 0);
    if (t.type === 'string') return this.parseStrings();
    if (t.type === 'number') {
      this.i++;
      return { kind: 'number', text: t.text, start: t.start, end: t.end, line: t.line };
    }
    if (t.type === 'name') {
      this.i++;
      const id = t.text;
      if (id === 'lambda' || id === 'not' || id === 'await' || id === 'yield') {
        return this.skipComputed(t, `uses '${t.text}'`);
      }
      return { kind: 'name', id: t.text, start: t.start, end: t.end, line: t.line };
    }
    if (t.text === '(' || t.text === '[') {
      this.i++;
      const close = t.text === '(' ? ')' : ']';
      const elts: PyExpr[] = [];
      let sawComma = false;
      while (!this.isOp(close)) {
        elts.push(this.parseOperand());
        if (!this.isOp(',')) break;
        this.i++;
        sawComma = true;
      }
      if (!this.isOp(close)) {
        const bad = this.peek();
        throw new PythonSyntaxError(
          `expected '${close}', found '${bad?.text ?? 'end of statement'}'`,
          bad?.line ?? t.line,
        );
      }
      const end = this.expectOp(close).end;
      // `(x)` is x itself, and its position excludes the parentheses, as in CPython's ast.
      if (t.text === '(' && elts.length === 1 && !sawComma) return elts[0]!;
      return { kind: t.text === '(' ? 'tuple' : 'list', elts, start: t.start, end, line: t.line };
    }
    if (t.text === '{') {
      this.i++;
      return this.skipComputed(t, 'uses a dict or set', 1);
    }
    if (t.text === '-' || t.text === '+' || t.text === '~' || t.text === '*' || t.text === '**') {
      this.i++;
      const operand = this.parseAtomWithTrailers();
      return { kind: 'computed', reason: `uses '${t.text}'`, start: t.start, end: operand.end, line: t.line };
    }
    throw new PythonSyntaxError(`unexpected '${t.text}'`, t.line);
  }

  private skipComputed(first: Token, reason: string, depth0 = 0): PyExpr {
    let depth = depth0;
    let end = first.end;
    while (!this.atEnd()) {
      const t = this.peek()!;
      if (depth === 0 && t.type === 'op' && (t.text === ',' || isCloser(t.text))) break;
      if (t.type === 'op' && isOpener(t.text)) depth++;
      if (t.type === 'op' && isCloser(t.text)) depth--;
      end = t.end;
      this.i++;
      if (depth === 0 && depth0 > 0) break;
    }
    return { kind: 'computed', reason, start: first.start, end, line: first.line };
  }

  /** Adjacent string literals concatenate (`'a' 'b'`); mixing bytes and str is an error. */
  private parseStrings(): PyExpr {
    const first = this.peek()!;
    let value = '';
    let end = first.end;
    let bytes: boolean | undefined;
    let fstring = false;
    while (this.peek()?.type === 'string') {
      const t = this.tokens[this.i++]!;
      if (bytes !== undefined && bytes !== t.bytes) {
        throw new PythonSyntaxError('cannot mix bytes and nonbytes literals', t.line);
      }
      bytes = t.bytes ?? false;
      fstring ||= t.fstring ?? false;
      value += t.value ?? '';
      end = t.end;
    }
    if (fstring)
      return { kind: 'computed', reason: 'uses an f-string', start: first.start, end, line: first.line };
    if (bytes) return { kind: 'bytes', value, start: first.start, end, line: first.line };
    return {
      kind: 'str',
      value,
      unicodePrefix: first.unicodePrefix ?? false,
      start: first.start,
      end,
      line: first.line,
    };
  }
}

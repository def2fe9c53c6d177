import type { PyExpr } from './python-expression.js';

/**
 * Re-emits an expression the way Python's `ast.unparse` does (rebase_migration writes the
 * new dependency list with it): `repr()` for strings, `, ` between items, `(x,)` for a
 * one-element tuple. Returns null for what we only know as `computed`.
 */
export function unparse(expr: PyExpr): string | null {
  switch (expr.kind) {
    case 'str':
      return (expr.unicodePrefix ? 'u' : '') + pyStrRepr(expr.value);
    case 'bytes':
      return pyBytesRepr(expr.value);
    case 'number':
      return pyNumberRepr(expr.text);
    case 'name':
      return expr.id;
    case 'attribute': {
      const value = unparse(expr.value);
      if (value === null) return null;
      // `1 .real` needs the space; nothing in a migration does, but keep Python's rule.
      return `${expr.value.kind === 'number' && /^\d+$/.test(value) ? `${value} ` : value}.${expr.attr}`;
    }
    case 'call': {
      const func = unparse(expr.func);
      const args = expr.args.map(unparse);
      const keywords = expr.keywords.map(([k, v]) => {
        const u = unparse(v);
        return u === null ? null : `${k}=${u}`;
      });
      if (func === null || args.includes(null) || keywords.includes(null)) return null;
      return `${func}(${[...args, ...keywords].join(', ')})`;
    }
    case 'tuple':
    case 'list': {
      const items = expr.elts.map(unparse);
      if (items.includes(null)) return null;
      if (expr.kind === 'list') return `[${items.join(', ')}]`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    case 'computed':
      return null;
  }
}

// Python's str.isprintable(): false for control, format, surrogate, private-use,
// unassigned and separator characters, except the ASCII space.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's `repr(str)`. */
export function pyStrRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f || ch === ' ') out += ch;
    else if (NON_PRINTABLE.test(ch))
      out += cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's `repr(bytes)`, for a value holding one char per byte. */
function pyBytesRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = `b${quote}`;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp >= 0x7f) out += `\\x${hex(cp & 0xff, 2)}`;
    else out += ch;
  }
  return out + quote;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** `repr()` of the number a literal denotes: `0x10` -> `16`, `1_000` -> `1000`. */
function pyNumberRepr(text: string): string | null {
  const t = text.replace(/_/g, '');
  if (/^0[xX]/.test(t) || /^0[oO]/.test(t) || /^0[bB]/.test(t)) return BigInt(t.toLowerCase()).toString();
  if (/^\d+$/.test(t)) return BigInt(t).toString();
  // Floats and complex numbers: Python's float repr differs from JavaScript's in places.
  return null;
}

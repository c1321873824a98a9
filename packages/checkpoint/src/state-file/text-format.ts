/**
 * The subset of protobuf text format a `CheckpointState` needs, general
 * enough for hand-edited files: `#` comments, fields in any order, `:`
 * with or without spaces, single or double quotes with C escapes, adjacent
 * string literals concatenated, `[a, b]` lists, `;`/`,` separators.
 */

export class TextFormatError extends Error {
  override readonly name = 'TextFormatError';
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

export type TextScalar = { kind: 'string'; bytes: Uint8Array } | { kind: 'number'; text: string } | { kind: 'ident'; text: string };

/** Parses `field: value` pairs in file order. Nested messages are refused (a state file has none). */
export function parseTextFields(text: string): { name: string; value: TextScalar; line: number }[] {
  const out: { name: string; value: TextScalar; line: number }[] = [];
  let pos = 0;
  let line = 1;
  const n = text.length;

  const skipSpace = (): void => {
    while (pos < n) {
      const c = text[pos] as string;
      if (c === '\n') {
        line++;
        pos++;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') pos++;
      else if (c === '#') {
        while (pos < n && text[pos] !== '\n') pos++;
      } else break;
    }
  };
  const ident = (): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos, pos + 256));
    if (m === null) throw new TextFormatError(`expected a field name at ${JSON.stringify(text.slice(pos, pos + 20))}`, line);
    pos += m[0].length;
    return m[0];
  };
  const stringLiteral = (): Uint8Array => {
    const bytes: number[] = [];
    while (pos < n && (text[pos] === '"' || text[pos] === "'")) {
      const quote = text[pos] as string;
      pos++;
      for (;;) {
        if (pos >= n) throw new TextFormatError('unterminated string', line);
        const c = text[pos] as string;
        if (c === '\n') throw new TextFormatError('newline inside a string', line);
        if (c === quote) {
          pos++;
          break;
        }
        if (c !== '\\') {
          const cp = text.codePointAt(pos) as number;
          pos += cp > 0xffff ? 2 : 1;
          bytes.push(...new TextEncoder().encode(String.fromCodePoint(cp)));
          continue;
        }
        pos++;
        const e = text[pos] as string | undefined;
        if (e === undefined) throw new TextFormatError('unterminated escape', line);
        const simple: Record<string, number> = { n: 10, r: 13, t: 9, '"': 34, "'": 39, '\\': 92, a: 7, b: 8, f: 12, v: 11, '?': 63 };
        if (simple[e] !== undefined) {
          bytes.push(simple[e]);
          pos++;
        } else if (/[0-7]/.test(e)) {
          const m = /^[0-7]{1,3}/.exec(text.slice(pos, pos + 3)) as RegExpExecArray;
          const v = parseInt(m[0], 8);
          if (v > 255) throw new TextFormatError(`octal escape \\${m[0]} is out of range`, line);
          bytes.push(v);
          pos += m[0].length;
        } else if (e === 'x') {
          const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(pos + 1, pos + 3));
          if (m === null) throw new TextFormatError('bad \\x escape', line);
          bytes.push(parseInt(m[0], 16));
          pos += 1 + m[0].length;
        } else throw new TextFormatError(`unknown escape \\${e}`, line);
      }
      skipSpace();
    }
    return new Uint8Array(bytes);
  };
  const scalar = (): TextScalar => {
    const c = text[pos];
    if (c === '"' || c === "'") return { kind: 'string', bytes: stringLiteral() };
    const m = /^-?(?:inf(?:inity)?|nan|0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fF]?)/i.exec(text.slice(pos, pos + 64));
    if (m !== null) {
      pos += m[0].length;
      return { kind: 'number', text: m[0] };
    }
    return { kind: 'ident', text: ident() };
  };

  for (;;) {
    skipSpace();
    if (pos >= n) return out;
    const fieldLine = line;
    const name = ident();
    skipSpace();
    if (text[pos] === '{' || text[pos] === '<') throw new TextFormatError(`field ${name} is not a message`, line);
    if (text[pos] !== ':') throw new TextFormatError(`expected ':' after ${name}`, line);
    pos++;
    skipSpace();
    if (text[pos] === '[') {
      pos++;
      skipSpace();
      while (text[pos] !== ']') {
        out.push({ name, value: scalar(), line: fieldLine });
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          skipSpace();
        } else if (text[pos] !== ']') throw new TextFormatError(`expected ',' or ']' in the list of ${name}`, line);
      }
      pos++;
    } else {
      out.push({ name, value: scalar(), line: fieldLine });
    }
    skipSpace();
    if (text[pos] === ';' || text[pos] === ',') pos++;
  }
}

/** C-escapes bytes for a text-format string literal, as Python's `text_format` does (octal for non-ASCII). */
export function escapeTextBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 0x0a) s += '\\n';
    else if (b === 0x0d) s += '\\r';
    else if (b === 0x09) s += '\\t';
    else if (b === 0x22) s += '\\"';
    else if (b === 0x27) s += "\\'";
    else if (b === 0x5c) s += '\\\\';
    else if (b < 0x20 || b >= 0x7f) s += `\\${b.toString(8).padStart(3, '0')}`;
    else s += String.fromCharCode(b);
  }
  return s;
}

/** A double as Python's `repr` prints it: shortest round-trip digits, `.0` on integers, exponent outside [1e-4, 1e16). */
export function formatDouble(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const negative = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let body: string;
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else if (exp < 0) {
    body = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    body = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  } else {
    body = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return negative ? `-${body}` : body;
}

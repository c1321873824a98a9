import type { TensorData } from '../bundle/tensor-data.js';

/** Elements per tensor above which printing summarizes with `...`, as NumPy's default threshold. */
export const SUMMARY_THRESHOLD = 1000;
const EDGE_ITEMS = 3;

/** The shortest decimal that reads back as the same float32, as NumPy prints float32 arrays. */
export function formatFloat32(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  for (let p = 1; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

function formatFloat64(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return String(v);
}

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function bfloat16ToNumber(bits: number): number {
  return new Float32Array(new Uint32Array([bits << 16]).buffer)[0] as number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A Python-bytes-like literal: `b'text'` with escapes for non-printable bytes. */
export function formatBytes(b: Uint8Array): string {
  let s = "b'";
  for (const c of b) {
    if (c === 0x5c) s += '\\\\';
    else if (c === 0x27) s += "\\'";
    else if (c === 0x0a) s += '\\n';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return `${s}'`;
}

/** One element of a tensor as display text. */
export function elementText(t: TensorData, i: number): string {
  const d = t.data;
  switch (t.dtype) {
    case 'float32': return formatFloat32((d as Float32Array)[i] as number);
    case 'float64': return formatFloat64((d as Float64Array)[i] as number);
    case 'float16': return formatFloat32(Math.fround(halfToNumber((d as Uint16Array)[i] as number)));
    case 'bfloat16': return formatFloat32(bfloat16ToNumber((d as Uint16Array)[i] as number));
    case 'complex64': return `(${formatFloat32((d as Float32Array)[2 * i] as number)}+${formatFloat32((d as Float32Array)[2 * i + 1] as number)}j)`;
    case 'complex128': return `(${formatFloat64((d as Float64Array)[2 * i] as number)}+${formatFloat64((d as Float64Array)[2 * i + 1] as number)}j)`;
    case 'bool': return (d as Uint8Array)[i] ? 'True' : 'False';
    case 'string': case 'variant': {
      const b = (d as readonly Uint8Array[])[i] as Uint8Array;
      return b.length > 200 ? `${formatBytes(b.subarray(0, 64))}...(${b.length} bytes)` : formatBytes(b);
    }
    default: return String((d as ArrayLike<number | bigint>)[i]);
  }
}

/**
 * NumPy-style nested brackets, summarized with `...` past
 * {@link SUMMARY_THRESHOLD} elements (the first and last three per axis).
 */
export function formatTensor(t: TensorData): string {
  const shape = t.shape;
  const count = shape.reduce((a, b) => a * b, 1);
  if (shape.length === 0) return elementText(t, 0);
  const summarize = count > SUMMARY_THRESHOLD;
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const render = (axis: number, offset: number): string => {
    const n = shape[axis] as number;
    const idx = summarize && n > 2 * EDGE_ITEMS
      ? [...Array.from({ length: EDGE_ITEMS }, (_, k) => k), -1, ...Array.from({ length: EDGE_ITEMS }, (_, k) => n - EDGE_ITEMS + k)]
      : Array.from({ length: n }, (_, k) => k);
    if (axis === shape.length - 1) return `[${idx.map((k) => (k < 0 ? '...' : elementText(t, offset + k))).join(' ')}]`;
    // Rows of axis a are separated by (rank - a - 1) newlines and indented past the a + 1 open brackets.
    const rows = idx.map((k) => (k < 0 ? '...' : render(axis + 1, offset + k * (strides[axis] as number))));
    return `[${rows.join(`${'\n'.repeat(shape.length - axis - 1)}${' '.repeat(axis + 1)}`)}]`;
  };
  return render(0, 0);
}

/** A JSON-safe value: numbers (NaN/±Infinity and 64-bit ints as strings), strings as UTF-8 or `{ hex }`. */
export function jsonValues(t: TensorData): unknown[] {
  const out: unknown[] = [];
  const count = t.dtype === 'string' || t.dtype === 'variant' ? t.data.length : t.shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < count; i++) {
    if (t.dtype === 'string' || t.dtype === 'variant') {
      const b = t.data[i] as Uint8Array;
      try {
        out.push(utf8.decode(b));
      } catch {
        out.push({ hex: Buffer.from(b).toString('hex') });
      }
    } else if (t.dtype === 'complex64' || t.dtype === 'complex128') {
      out.push([jsonNumber((t.data as Float32Array)[2 * i] as number), jsonNumber((t.data as Float32Array)[2 * i + 1] as number)]);
    } else if (t.dtype === 'bool') {
      out.push((t.data as Uint8Array)[i] === 1);
    } else if (t.dtype === 'float16' || t.dtype === 'bfloat16') {
      const bits = (t.data as Uint16Array)[i] as number;
      out.push(jsonNumber(t.dtype === 'float16' ? halfToNumber(bits) : bfloat16ToNumber(bits)));
    } else {
      const v = (t.data as ArrayLike<number | bigint>)[i] as number | bigint;
      out.push(typeof v === 'bigint' ? v.toString() : jsonNumber(v));
    }
  }
  return out;
}

function jsonNumber(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

/** Elements as float64 for numeric comparison (complex: interleaved parts), or `null` for non-numeric dtypes. */
export function numericView(t: TensorData): Float64Array | null {
  if (t.dtype === 'string' || t.dtype === 'variant') return null;
  const d = t.data;
  const out = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) {
    const v = d[i] as number | bigint;
    if (t.dtype === 'float16') out[i] = halfToNumber(v as number);
    else if (t.dtype === 'bfloat16') out[i] = bfloat16ToNumber(v as number);
    else out[i] = Number(v);
  }
  return out;
}

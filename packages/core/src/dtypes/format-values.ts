import type { DType } from '@varscope/kernel-api';
import type { ScalarLike } from './tensor-like.js';
import { isComplex } from './tensor-like.js';

/** numpy prints at most this many elements before summarizing with `...`. */
const SUMMARY_THRESHOLD = 1000;
/** Elements shown at each end of a summarized dimension. */
const EDGE_ITEMS = 3;

/** The shortest decimal that reads back as the same float32. */
function shortestFloat32(x: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(x);
}

function formatReal(x: number, dtype: DType): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const text = dtype === 'float64' ? String(x) : shortestFloat32(x);
  // numpy marks integral floats with a trailing dot: `1.`
  return /^-?\d+$/.test(text) ? `${text}.` : text;
}

/** One element as numpy would print it inside an array. */
export function formatElement(v: ScalarLike, dtype: DType): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (isComplex(v)) {
    const part = dtype === 'complex64' ? 'float32' : 'float64';
    const im = formatReal(Math.abs(v.im), part);
    return `${formatReal(v.re, part)}${v.im < 0 || Object.is(v.im, -0) ? '-' : '+'}${im}j`;
  }
  const kind = dtype.startsWith('float') || dtype === 'bfloat16';
  return kind ? formatReal(v, dtype) : String(v);
}

/**
 * numpy's `str(array)`: nested brackets, elements separated by spaces, rows on new lines;
 * arrays of more than 1000 elements show three items at each end of every dimension.
 */
export function formatArray(shape: readonly number[], size: number, dtype: DType, at: (flatIndex: number) => ScalarLike): string {
  if (shape.length === 0) return formatElement(at(0), dtype);
  const summarize = size > SUMMARY_THRESHOLD;
  const strides: number[] = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] as number;
  }
  const render = (axis: number, offset: number, indent: string): string => {
    const n = shape[axis] as number;
    const indices: (number | null)[] = [];
    if (summarize && n > 2 * EDGE_ITEMS) {
      for (let i = 0; i < EDGE_ITEMS; i++) indices.push(i);
      indices.push(null);
      for (let i = n - EDGE_ITEMS; i < n; i++) indices.push(i);
    } else {
      for (let i = 0; i < n; i++) indices.push(i);
    }
    const stride = strides[axis] as number;
    if (axis === shape.length - 1) {
      const items = indices.map((i) => (i === null ? '...' : formatElement(at(offset + i * stride), dtype)));
      return `[${items.join(' ')}]`;
    }
    const inner = indent + ' ';
    const separator = '\n'.repeat(shape.length - 1 - axis) + inner;
    const items = indices.map((i) => (i === null ? '...' : render(axis + 1, offset + i * stride, inner)));
    return `[${items.join(separator)}]`;
  };
  return render(0, 0, '');
}

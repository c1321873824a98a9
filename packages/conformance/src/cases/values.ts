import type { DType } from '@varscope/kernel-api';
import type { CaseTensor } from './kernel-case.js';

/** A small deterministic generator (mulberry32) so case data is stable across runs and machines. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

const FLOAT_DTYPES = new Set<DType>(['float32', 'float64', 'float16', 'bfloat16']);
const COMPLEX_DTYPES = new Set<DType>(['complex64', 'complex128']);

export interface ValueRange {
  readonly min?: number;
  readonly max?: number;
  /** Avoid zero (divisors). */
  readonly nonZero?: boolean;
  /** Mix NaN, ±Infinity, -0 into float data. */
  readonly specials?: boolean;
}

const INT_RANGES: Partial<Record<DType, [number, number]>> = {
  int8: [-100, 100], int16: [-1000, 1000], int32: [-1000, 1000], int64: [-1000, 1000],
  uint8: [0, 200], uint16: [0, 1000], uint32: [0, 1000], uint64: [0, 1000],
};

/** Deterministic values of `dtype` for a tensor of `shape`. */
export function tensor(dtype: DType, shape: readonly number[], seed: number, range: ValueRange = {}): CaseTensor {
  const r = rng(seed);
  const n = sizeOf(shape);
  const values: (number | bigint)[] = [];
  const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0];
  for (let i = 0; i < n; i++) {
    if (dtype === 'bool') {
      values.push(r() < 0.5 ? 0 : 1);
    } else if (FLOAT_DTYPES.has(dtype)) {
      if (range.specials && i < specials.length && n > 4) {
        values.push(specials[i] as number);
        continue;
      }
      const lo = range.min ?? -3;
      const hi = range.max ?? 3;
      let v = lo + (hi - lo) * r();
      if (range.nonZero && Math.abs(v) < 0.25) v = v < 0 ? -0.5 : 0.5;
      // Quarter steps keep float16/bfloat16 values exact and sums reproducible.
      values.push(dtype === 'float32' || dtype === 'float64' ? Math.fround(v) : Math.round(v * 4) / 4);
    } else if (COMPLEX_DTYPES.has(dtype)) {
      values.push(Math.fround(-2 + 4 * r()));
      values.push(Math.fround(-2 + 4 * r()));
    } else {
      const [dlo, dhi] = INT_RANGES[dtype] ?? [-100, 100];
      const lo = Math.max(range.min ?? dlo, dlo);
      const hi = Math.min(range.max ?? dhi, dhi);
      let v = Math.floor(lo + (hi - lo + 1) * r());
      if (range.nonZero && v === 0) v = 1;
      values.push(dtype === 'int64' || dtype === 'uint64' ? BigInt(v) : v);
    }
  }
  return { dtype, shape, values };
}

/** A tensor with explicit values. */
export function literal(dtype: DType, shape: readonly number[], values: readonly (number | bigint)[]): CaseTensor {
  const v = dtype === 'int64' || dtype === 'uint64' ? values.map((x) => BigInt(x)) : values;
  return { dtype, shape, values: v };
}

/** An int32 vector (shapes, axes, begin/size…). */
export const ints = (values: readonly number[], dtype: DType = 'int32'): CaseTensor =>
  literal(dtype, [values.length], values);

/** An int32 scalar. */
export const int = (value: number, dtype: DType = 'int32'): CaseTensor => literal(dtype, [], [value]);

/** numpy broadcasting of two static shapes. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(`case bug: shapes ${a} and ${b} do not broadcast`);
    out.push(da === 1 ? db : da);
  }
  return out;
}

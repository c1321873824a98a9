import { DTYPES, allocateData, shapeSize, shapeStrides } from '@varscope/kernel-api';
import type { DType, HostTensor, TensorData, TypedArrayFor } from '@varscope/kernel-api';
import { InvalidArgumentError } from '../../errors.js';

/** `[2,3]` — TensorFlow's debug form of a shape, used in kernel error messages. */
export const debugShape = (shape: readonly number[] | null): string =>
  shape === null ? '<unknown>' : `[${shape.map((d) => (d < 0 ? '?' : String(d))).join(',')}]`;

/** A host tensor with fresh storage. */
export function hostTensor<D extends DType>(dtype: D, shape: readonly number[], data?: TypedArrayFor[D]): HostTensor {
  return { dtype, shape: [...shape], data: data ?? allocateData(dtype, shapeSize(shape)) };
}

export function scalar(dtype: 'int32' | 'int64' | 'bool', value: number | boolean): HostTensor {
  const t = hostTensor(dtype, []);
  if (dtype === 'int64') (t.data as BigInt64Array)[0] = BigInt(value as number);
  else (t.data as Int32Array | Uint8Array)[0] = Number(value);
  return t;
}

/** An int32/int64 vector of `values` in `dtype`. */
export function intVector(dtype: DType, values: readonly number[]): HostTensor {
  if (dtype === 'int64') return hostTensor('int64', [values.length], BigInt64Array.from(values, (v) => BigInt(v)));
  if (dtype === 'int32') return hostTensor('int32', [values.length], Int32Array.from(values));
  throw new TypeError(`intVector: ${dtype} is not an index type`);
}

/** The elements of an int32/int64 tensor as numbers (shape and index inputs). */
export function readInts(t: HostTensor, what: string, nodeName: string): number[] {
  if (t.dtype !== 'int32' && t.dtype !== 'int64') {
    throw new InvalidArgumentError(`${what} must be int32 or int64, got ${t.dtype}`, nodeName);
  }
  return Array.from(t.data as ArrayLike<number | bigint>, (v) => Number(v));
}

/** Copies `data` (so a value handed to the user or stored in a variable shares nothing). */
export function copyData(data: TensorData): TensorData {
  return (data as unknown as { slice(): TensorData }).slice();
}

/** Whether element `i` of `t` is non-zero (TensorFlow's truthiness for `Where`). */
export function isNonZero(t: HostTensor, i: number): boolean {
  const info = DTYPES[t.dtype];
  const d = t.data as ArrayLike<number | bigint | string>;
  if (info.kind === 'string') return (d[i] as string) !== '';
  if (info.lanes === 2) return d[2 * i] !== 0 || d[2 * i + 1] !== 0;
  // float16/bfloat16 hold raw bits: +0 and -0 are the only zeros.
  if (t.dtype === 'float16' || t.dtype === 'bfloat16') return ((d[i] as number) & 0x7fff) !== 0;
  const v = d[i];
  return typeof v === 'bigint' ? v !== 0n : v !== 0; // NaN counts as non-zero, as in C++
}

/**
 * For each element of a broadcast result of shape `out`, the flat index into an input of shape
 * `input` (numpy broadcasting, dimensions aligned on the right).
 */
export function broadcastIndex(input: readonly number[], out: readonly number[]): Int32Array {
  const n = shapeSize(out);
  const result = new Int32Array(n);
  const inStrides = shapeStrides(input);
  const offset = out.length - input.length;
  const strides = out.map((_, k) => {
    const j = k - offset;
    return j < 0 || input[j] === 1 ? 0 : (inStrides[j] as number);
  });
  const index = new Array<number>(out.length).fill(0);
  for (let i = 0; i < n; i++) {
    let flat = 0;
    for (let k = 0; k < out.length; k++) flat += (index[k] as number) * (strides[k] as number);
    result[i] = flat;
    for (let k = out.length - 1; k >= 0; k--) {
      index[k] = (index[k] as number) + 1;
      if ((index[k] as number) < (out[k] as number)) break;
      index[k] = 0;
    }
  }
  return result;
}

import { DTYPES } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';
import type { TensorView } from '../kernel/tensor-view.js';
import { complex } from './complex.js';
import type { Complex } from './complex.js';
import { bfloat16BitsFromNumber, bfloat16BitsToNumber, halfBitsFromNumber, halfBitsToNumber } from './half.js';

// Typed element access by domain. Writers store through the typed array, which rounds
// float32/float64 and wraps integers exactly as a C store of the value would.

export type NumberReader = (i: number) => number;
export type NumberWriter = (i: number, v: number) => void;

type NumberStorage = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array
  | Uint8Array | Uint16Array | Uint32Array;

function numberStorage(view: TensorView): NumberStorage {
  const { array, lanes } = DTYPES[view.dtype];
  if (lanes !== 1 || array === 'BigInt64Array' || array === 'BigUint64Array' || array === 'Array') {
    throw new TypeError(`${view.dtype} elements are not plain numbers`);
  }
  return view.data as NumberStorage;
}

/** Reads real (float, ≤32-bit int, bool, quantized) elements as numbers; float16/bfloat16 are decoded. */
export function numberReader(view: TensorView): NumberReader {
  const data = numberStorage(view);
  if (view.dtype === 'float16') return (i) => halfBitsToNumber(data[i] as number);
  if (view.dtype === 'bfloat16') return (i) => bfloat16BitsToNumber(data[i] as number);
  return (i) => data[i] as number;
}

/** Writes numbers: floats round to the dtype; integers must be integral and wrap; bool stores `v != 0`. */
export function numberWriter(view: TensorView): NumberWriter {
  const data = numberStorage(view);
  if (view.dtype === 'float16') return (i, v) => { data[i] = halfBitsFromNumber(v); };
  if (view.dtype === 'bfloat16') return (i, v) => { data[i] = bfloat16BitsFromNumber(v); };
  if (view.dtype === 'bool') return (i, v) => { data[i] = v !== 0 ? 1 : 0; };
  return (i, v) => { data[i] = v; };
}

export function bigintReader(view: TensorView): (i: number) => bigint {
  if (view.dtype !== 'int64' && view.dtype !== 'uint64') throw new TypeError(`${view.dtype} elements are not bigints`);
  const data = view.data as BigInt64Array | BigUint64Array;
  return (i) => data[i] as bigint;
}

export function bigintWriter(view: TensorView): (i: number, v: bigint) => void {
  if (view.dtype !== 'int64' && view.dtype !== 'uint64') throw new TypeError(`${view.dtype} elements are not bigints`);
  const data = view.data as BigInt64Array | BigUint64Array;
  return (i, v) => { data[i] = v; };
}

export function complexReader(view: TensorView): (i: number) => Complex {
  if (DTYPES[view.dtype].kind !== 'complex') throw new TypeError(`${view.dtype} elements are not complex`);
  const data = view.data as Float32Array | Float64Array;
  return (i) => complex(data[2 * i] as number, data[2 * i + 1] as number);
}

export function complexWriter(view: TensorView): (i: number, v: Complex) => void {
  if (DTYPES[view.dtype].kind !== 'complex') throw new TypeError(`${view.dtype} elements are not complex`);
  const data = view.data as Float32Array | Float64Array;
  return (i, v) => {
    data[2 * i] = v.re;
    data[2 * i + 1] = v.im;
  };
}

/** Copies element `si` of `src` to element `di` of `dst` bit for bit (any dtype; both must match). */
export function rawCopier(src: TensorView, dst: TensorView): (di: number, si: number) => void {
  if (src.dtype !== dst.dtype) throw new TypeError(`cannot copy ${src.dtype} elements into ${dst.dtype}`);
  const lanes = DTYPES[src.dtype].lanes;
  const s = src.data as unknown as ArrayLike<unknown> & { [k: number]: unknown };
  const d = dst.data as unknown as { [k: number]: unknown };
  if (lanes === 1) return (di, si) => { d[di] = s[si]; };
  return (di, si) => {
    d[2 * di] = s[2 * si];
    d[2 * di + 1] = s[2 * si + 1];
  };
}

/** Storage slots per element: 2 for complex (re, im), else 1. */
export function lanesOf(dtype: DType): number {
  return DTYPES[dtype].lanes;
}

/** Sets elements [from, to) to zero: all-zero bits, which is +0, 0, false or 0+0i in every dtype. */
export function zeroFiller(view: TensorView): (from: number, to: number) => void {
  const lanes = DTYPES[view.dtype].lanes;
  if (view.data instanceof BigInt64Array || view.data instanceof BigUint64Array) {
    const data = view.data;
    return (from, to) => { data.fill(0n, from, to); };
  }
  const data = view.data as Exclude<TensorView['data'], BigInt64Array | BigUint64Array | unknown[]>;
  return (from, to) => { data.fill(0, from * lanes, to * lanes); };
}

import { DTYPES } from '@varscope/kernel-api';
import type { DType, TensorData } from '@varscope/kernel-api';
import { bfloat16Bits, bfloat16FromBits, float16Bits, float16FromBits } from './half-precision.js';
import type { Complex, ScalarLike } from './tensor-like.js';

/**
 * Reading and writing single elements of kernel-api's storage layout, which differs from
 * the logical value for float16/bfloat16 (raw bits), complex (interleaved re, im) and
 * bool (0/1 bytes).
 */

type Indexed = { [i: number]: unknown; length: number };

/** Element `i` of `data` as a JS value: number, bigint (64-bit ints), boolean, string or `{re, im}`. */
export function readElement(dtype: DType, data: TensorData, i: number): ScalarLike {
  const d = data as unknown as Indexed;
  switch (dtype) {
    case 'float16': return float16FromBits(d[i] as number);
    case 'bfloat16': return bfloat16FromBits(d[i] as number);
    case 'complex64':
    case 'complex128': return { re: d[2 * i] as number, im: d[2 * i + 1] as number };
    case 'bool': return d[i] !== 0;
    default: return d[i] as ScalarLike;
  }
}

/**
 * Stores `value` as element `i`. The value must already suit the dtype (a number for real
 * types, a bigint for 64-bit ints, a boolean for bool, a string, a `{re, im}` for complex);
 * conversion and range checks happen before this.
 */
export function writeElement(dtype: DType, data: TensorData, i: number, value: number | bigint | boolean | string | Complex): void {
  const d = data as unknown as Indexed;
  switch (dtype) {
    case 'float16': d[i] = float16Bits(value as number); return;
    case 'bfloat16': d[i] = bfloat16Bits(value as number); return;
    case 'complex64':
    case 'complex128': {
      const c = value as Complex;
      d[2 * i] = c.re;
      d[2 * i + 1] = c.im;
      return;
    }
    case 'bool': d[i] = value ? 1 : 0; return;
    default: d[i] = value;
  }
}

/** Copies element `from` to every element in [start, end) (padding with the last element). */
export function repeatElement(dtype: DType, data: TensorData, from: number, start: number, end: number): void {
  const lanes = DTYPES[dtype].lanes;
  const d = data as unknown as Indexed;
  for (let i = start; i < end; i++) {
    for (let l = 0; l < lanes; l++) d[i * lanes + l] = d[from * lanes + l];
  }
}

/** Inclusive integer range of each integer (and quantized) dtype. */
export const INTEGER_RANGES: Readonly<Partial<Record<DType, readonly [bigint, bigint]>>> = Object.freeze({
  int8: [-128n, 127n], qint8: [-128n, 127n],
  uint8: [0n, 255n], quint8: [0n, 255n],
  int16: [-32768n, 32767n], qint16: [-32768n, 32767n],
  uint16: [0n, 65535n], quint16: [0n, 65535n],
  int32: [-2147483648n, 2147483647n], qint32: [-2147483648n, 2147483647n],
  uint32: [0n, 4294967295n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
});

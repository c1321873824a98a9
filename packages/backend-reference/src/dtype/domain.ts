import { DTYPES } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';
import { roundToBfloat16, roundToHalf } from './half.js';

/**
 * How a kernel computes on a dtype's elements:
 * - `float`: JS numbers (float16/bfloat16 decoded from their bit patterns);
 * - `int`: integers of at most 32 bits as JS numbers, wrapped to the dtype when stored;
 * - `bigint`: int64/uint64, wrapped to 64 bits when stored;
 * - `complex`: (re, im) pairs of numbers;
 * - `bool`: 0 or 1;
 * - `quantized`: raw storage only (data movement and equality).
 */
export type Domain = 'float' | 'int' | 'bigint' | 'complex' | 'bool' | 'quantized';

export function domainOf(dtype: DType): Domain {
  switch (DTYPES[dtype].kind) {
    case 'float': return 'float';
    case 'int':
    case 'uint': return dtype === 'int64' || dtype === 'uint64' ? 'bigint' : 'int';
    case 'complex': return 'complex';
    case 'bool': return 'bool';
    case 'quantized': return 'quantized';
    default: throw new TypeError(`dtype ${dtype} has no kernels`);
  }
}

/** Wraps an exact integer to the dtype's width (what storing it in the typed array does), for intermediate values. */
export function intWrapper(dtype: DType): (x: number) => number {
  switch (dtype) {
    case 'int8': return (x) => (x << 24) >> 24;
    case 'int16': return (x) => (x << 16) >> 16;
    case 'int32': return (x) => x | 0;
    case 'uint8': return (x) => x & 0xff;
    case 'uint16': return (x) => x & 0xffff;
    case 'uint32': return (x) => x >>> 0;
    default: throw new TypeError(`${dtype} is not a ≤32-bit integer dtype`);
  }
}

export function bigintWrapper(dtype: DType): (x: bigint) => bigint {
  return dtype === 'uint64' ? (x) => BigInt.asUintN(64, x) : (x) => BigInt.asIntN(64, x);
}

/** Rounds a number to the float dtype's precision (identity for float64). */
export function floatRounder(dtype: DType): (x: number) => number {
  switch (dtype) {
    case 'float64': return (x) => x;
    case 'float32': return Math.fround;
    case 'float16': return roundToHalf;
    case 'bfloat16': return roundToBfloat16;
    default: throw new TypeError(`${dtype} is not a float dtype`);
  }
}

/** Smallest and largest finite values (float) or the integer range bounds, as TF's `lowest()`/`max()`. */
export function numericLimits(dtype: DType): { lowest: number | bigint; highest: number | bigint } {
  switch (dtype) {
    case 'float32': return { lowest: -3.4028234663852886e38, highest: 3.4028234663852886e38 };
    case 'float64': return { lowest: -Number.MAX_VALUE, highest: Number.MAX_VALUE };
    case 'float16': return { lowest: -65504, highest: 65504 };
    case 'bfloat16': return { lowest: -3.3895313892515355e38, highest: 3.3895313892515355e38 };
    case 'int8': return { lowest: -128, highest: 127 };
    case 'int16': return { lowest: -32768, highest: 32767 };
    case 'int32': return { lowest: -2147483648, highest: 2147483647 };
    case 'uint8': return { lowest: 0, highest: 255 };
    case 'uint16': return { lowest: 0, highest: 65535 };
    case 'uint32': return { lowest: 0, highest: 4294967295 };
    case 'int64': return { lowest: -(2n ** 63n), highest: 2n ** 63n - 1n };
    case 'uint64': return { lowest: 0n, highest: 2n ** 64n - 1n };
    default: throw new TypeError(`${dtype} has no numeric limits`);
  }
}

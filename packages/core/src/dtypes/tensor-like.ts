import type { HostTensor } from '@varscope/kernel-api';

/**
 * A complex number. JavaScript has none, so complex values are `{ re, im }` objects, both
 * in input (`constant([{ re: 1, im: 2 }])`) and in `NDArray.toArray()` output.
 */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

/** One element of a plain JS value. */
export type ScalarLike = number | boolean | string | bigint | Complex;

/** Nested arrays of scalars: the rank is the nesting depth; every level must be rectangular. */
export type NestedArray = readonly (ScalarLike | NestedArray)[];

/** The typed arrays accepted as values; each keeps its own dtype (`Float64Array` → float64). */
export type NumericTypedArray =
  | Float32Array | Float64Array
  | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array | BigUint64Array;

/**
 * Everything accepted as a tensor value (initial values, feeds, `constant`): JS scalars,
 * nested arrays, typed arrays (flat; give a `shape` to make them N-d) and host tensors
 * (`NDArray`, or any `{ dtype, shape, data }` in kernel-api's storage layout).
 */
export type TensorLike = ScalarLike | NestedArray | NumericTypedArray | HostTensor;

export function isComplex(value: unknown): value is Complex {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.re === 'number' && typeof v.im === 'number';
}

export function isNumericTypedArray(value: unknown): value is NumericTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** A `{ dtype, shape, data }` object such as an `NDArray` (checked loosely; validated on use). */
export function isHostTensor(value: unknown): value is HostTensor {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.dtype === 'string' && Array.isArray(v.shape) && v.data !== undefined;
}

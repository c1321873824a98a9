import { isInteger, isFloating } from '@varscope/kernel-api';
import type { HostTensor } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import { readElement } from '../dtypes/element-codec.js';

/**
 * Reading small host tensors (shapes, axes, begin/size…) as JS numbers, for shape
 * functions and for host kernels that need the same values.
 */

/** The elements of an integer tensor as numbers (int64 values beyond 2^53 are an error). */
export function hostTensorToInts(t: HostTensor, what: string): number[] {
  if (!isInteger(t.dtype)) throw new ValueError(`${what} must be an int32 or int64 tensor, but is ${t.dtype}`);
  const n = t.shape.reduce((a, b) => a * b, 1);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const v = readElement(t.dtype, t.data, i);
    const num = typeof v === 'bigint' ? Number(v) : (v as number);
    if (!Number.isSafeInteger(num)) throw new ValueError(`${what} holds ${String(v)}, which is too large to use as an index or size`);
    out[i] = num;
  }
  return out;
}

/** The single element of an integer tensor with one element (a scalar or a 1-vector). */
export function hostTensorToInt(t: HostTensor, what: string): number {
  const values = hostTensorToInts(t, what);
  if (values.length !== 1) throw new ValueError(`${what} must be a scalar, but has ${values.length} elements`);
  return values[0] as number;
}

/** The elements of a real (integer or floating) tensor as numbers. */
export function hostTensorToNumbers(t: HostTensor, what: string): number[] {
  if (isInteger(t.dtype)) return hostTensorToInts(t, what);
  if (!isFloating(t.dtype)) throw new ValueError(`${what} must be a real number tensor, but is ${t.dtype}`);
  const n = t.shape.reduce((a, b) => a * b, 1);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = readElement(t.dtype, t.data, i) as number;
  return out;
}

/** The elements of a string tensor. */
export function hostTensorToStrings(t: HostTensor, what: string): string[] {
  if (t.dtype !== 'string') throw new ValueError(`${what} must be a string tensor, but is ${t.dtype}`);
  return [...(t.data as string[])];
}

import { isDType } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import { describeForError } from './as-dtype.js';
import { flattenNested } from './flatten-value.js';
import { isHostTensor, isNumericTypedArray } from './tensor-like.js';
import type { NumericTypedArray, ScalarLike } from './tensor-like.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The dtype a typed array's elements have. */
export function typedArrayDType(array: NumericTypedArray): DType {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Int8Array) return 'int8';
  if (array instanceof Int16Array) return 'int16';
  if (array instanceof Int32Array) return 'int32';
  if (array instanceof BigInt64Array) return 'int64';
  if (array instanceof Uint8Array || array instanceof Uint8ClampedArray) return 'uint8';
  if (array instanceof Uint16Array) return 'uint16';
  if (array instanceof Uint32Array) return 'uint32';
  if (array instanceof BigUint64Array) return 'uint64';
  throw new TypeError(`Unsupported typed array ${describeForError(array)}`);
}

/** Element kinds met while inferring, with the first example of each for error messages. */
type Kind = 'number' | 'bigint' | 'boolean' | 'string' | 'complex';

/**
 * The dtype TensorFlow's `make_tensor_proto` infers for a plain value (TF-SEMANTICS §A):
 * - a number with a fractional part, NaN, ±Infinity or -0 → float32; an integer → int32
 *   when every integer fits, else int64 (integers beyond 2^53 must be bigints);
 * - bigint → int64; boolean → bool; string → string; `{re, im}` → complex128;
 * - nested arrays: ints mixed with floats → float32, with complex → complex128; mixing
 *   numbers with strings or booleans is a `TypeError`; ragged arrays are a `ValueError`;
 * - `[]` → float32 (shape [0]);
 * - typed arrays and host tensors (`NDArray`) keep their dtype.
 *
 * JavaScript has one number type, so `1.0` is the integer 1 (int32): write a fractional
 * value, or pass a dtype, to get floats. Strings are JS strings only: a `Uint8Array` is
 * always uint8 data, never bytes of a string (string tensors store `string[]`), and typed
 * arrays inside nested arrays are rejected rather than guessed at.
 */
export function inferDType(value: unknown): DType {
  if (isNumericTypedArray(value)) return typedArrayDType(value);
  if (isHostTensor(value)) {
    if (!isDType(value.dtype)) throw new TypeError(`Unknown dtype ${describeForError(value.dtype)} on a host tensor`);
    return value.dtype;
  }
  return inferLeavesDType(flattenNested(value).leaves);
}

/** The dtype for row-major leaves of a plain value (see `inferDType`). */
export function inferLeavesDType(leaves: readonly ScalarLike[]): DType {
  const seen = new Map<Kind, ScalarLike>();
  let float = false;
  let wide = false;
  for (const leaf of leaves) {
    switch (typeof leaf) {
      case 'number':
        if (!seen.has('number')) seen.set('number', leaf);
        if (!Number.isInteger(leaf) || Object.is(leaf, -0)) {
          float = true;
        } else if (leaf < INT32_MIN || leaf > INT32_MAX) {
          if (!Number.isSafeInteger(leaf)) {
            throw new ValueError(
              `Integer ${leaf} is beyond 2^53 and may already have lost precision as a JS number; pass it as a bigint`);
          }
          wide = true;
        }
        break;
      case 'bigint':
        if (!seen.has('bigint')) seen.set('bigint', leaf);
        if (leaf < INT64_MIN || leaf > INT64_MAX) {
          throw new ValueError(`Can't convert ${leaf}n to int64: out of range; pass dtype 'uint64' for larger values`);
        }
        break;
      case 'boolean':
        if (!seen.has('boolean')) seen.set('boolean', leaf);
        break;
      case 'string':
        if (!seen.has('string')) seen.set('string', leaf);
        break;
      default:
        if (!seen.has('complex')) seen.set('complex', leaf);
    }
  }
  if (seen.size === 0) return 'float32';
  const exclusive: Kind[] = ['string', 'boolean'];
  for (const kind of exclusive) {
    if (seen.has(kind) && seen.size > 1) {
      const other = [...seen.keys()].find((k) => k !== kind) as Kind;
      throw new TypeError(
        `Can't convert a list that mixes ${kind} and ${other} elements (e.g. ${describeForError(seen.get(kind))} and ${describeForError(seen.get(other))}) to a Tensor`);
    }
  }
  if (seen.has('string')) return 'string';
  if (seen.has('boolean')) return 'bool';
  if (seen.has('complex')) return 'complex128';
  if (float) return 'float32';
  if (wide || seen.has('bigint')) return 'int64';
  return 'int32';
}

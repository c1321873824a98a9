import { DTYPES, isDType } from '@varscope/kernel-api';
import type { DType, HostTensor, TypedArrayFor } from '@varscope/kernel-api';
import { describeForError } from './as-dtype.js';
import { checkHostTensor, convertToHostTensor } from './convert-to-host-tensor.js';
import { readElement } from './element-codec.js';
import { formatArray } from './format-values.js';
import type { ScalarLike, TensorLike } from './tensor-like.js';

/** What `NDArray.toArray()` returns: a scalar for rank 0, else nested arrays. */
export type NestedValues = ScalarLike | NestedValues[];

/**
 * A tensor's value on the host: what `Session.run` returns. `data` is kernel-api's storage
 * for the dtype (`Float32Array`, `BigInt64Array` for int64, `Uint8Array` 0/1 for bool,
 * `string[]`, raw bits in a `Uint16Array` for float16/bfloat16, interleaved re/im for
 * complex), row-major. Treat it as immutable: graphs and sessions may share it.
 */
export class NDArray<D extends DType = DType> implements HostTensor {
  readonly dtype: D;
  readonly shape: readonly number[];
  readonly data: TypedArrayFor[D];
  readonly size: number;

  /** Wraps storage that is already in kernel-api's layout (validated: type and length). */
  constructor(dtype: D, shape: readonly number[], data: TypedArrayFor[D]) {
    if (!isDType(dtype)) throw new TypeError(`Cannot convert value ${describeForError(dtype)} to a TensorFlow DType.`);
    const checked = checkHostTensor({ dtype, shape, data });
    this.dtype = dtype;
    this.shape = Object.freeze([...checked.shape]);
    this.data = data;
    this.size = this.shape.reduce((a, b) => a * b, 1);
  }

  /**
   * Builds an NDArray from any value: nested arrays (dtype by TensorFlow's inference
   * rules), a typed array (its own dtype; `shape` makes it N-d), or another host tensor.
   * `shape` and `dtype` follow `convertToHostTensor`.
   */
  static from(value: TensorLike, shape?: readonly number[], dtype?: DType): NDArray {
    if (value instanceof NDArray && shape === undefined && (dtype === undefined || dtype === value.dtype)) return value;
    const t = convertToHostTensor(value, {
      ...(shape === undefined ? {} : { shape }),
      ...(dtype === undefined ? {} : { dtype }),
    });
    return NDArray.fromHostTensor(t);
  }

  /** Wraps a host tensor (kernel-api layout) without copying. */
  static fromHostTensor(t: HostTensor): NDArray {
    return t instanceof NDArray ? t : new NDArray(t.dtype, t.shape, t.data as TypedArrayFor[DType]);
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The element at `index` (one integer per dimension), decoded as in `toArray()`. */
  get(...index: number[]): ScalarLike {
    if (index.length !== this.shape.length) {
      throw new RangeError(
        `Index [${index.join(', ')}] has ${index.length} coordinates, but the array has shape [${this.shape.join(', ')}] (rank ${this.shape.length})`);
    }
    let flat = 0;
    for (let axis = 0; axis < index.length; axis++) {
      const i = index[axis] as number;
      const dim = this.shape[axis] as number;
      if (!Number.isInteger(i) || i < 0 || i >= dim) {
        throw new RangeError(
          `Index ${describeForError(i)} is out of bounds for axis ${axis} with size ${dim} (index [${index.join(', ')}], shape [${this.shape.join(', ')}])`);
      }
      flat = flat * dim + i;
    }
    return readElement(this.dtype, this.data, flat);
  }

  /**
   * Nested JS arrays (a scalar for rank 0): numbers, `bigint` for 64-bit ints, booleans
   * for bool, strings, `{re, im}` for complex; float16/bfloat16 decoded to numbers.
   */
  toArray(): NestedValues {
    if (this.shape.length === 0) return readElement(this.dtype, this.data, 0);
    let next = 0;
    const build = (axis: number): NestedValues[] => {
      const n = this.shape[axis] as number;
      const out = new Array<NestedValues>(n);
      for (let i = 0; i < n; i++) {
        out[i] = axis === this.shape.length - 1 ? readElement(this.dtype, this.data, next++) : build(axis + 1);
      }
      return out;
    };
    return build(0);
  }

  /** numpy-like: `[[1. 2.]\n [3. 4.]]`, summarized beyond 1000 elements. */
  toString(): string {
    return formatArray(this.shape, this.size, this.dtype, (i) => readElement(this.dtype, this.data, i));
  }

  /** Bytes of element storage (0 for strings and opaque types, which have no fixed size). */
  get byteLength(): number {
    return this.size * DTYPES[this.dtype].byteSize;
  }
}

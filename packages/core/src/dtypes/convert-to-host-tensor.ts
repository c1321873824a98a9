import { DTYPES, allocateData, isBigIntDType, isDType } from '@varscope/kernel-api';
import type { DType, HostTensor, TensorData } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import { formatPythonShape } from '../shape/format-shape.js';
import { describeForError } from './as-dtype.js';
import { INTEGER_RANGES, readElement, repeatElement, writeElement } from './element-codec.js';
import { flattenNested } from './flatten-value.js';
import { inferLeavesDType, typedArrayDType } from './infer-dtype.js';
import { isComplex, isHostTensor, isNumericTypedArray } from './tensor-like.js';
import type { Complex, ScalarLike, TensorLike } from './tensor-like.js';

export interface ConvertOptions {
  /** The dtype wanted; inferred from the value when absent (see `inferDType`). */
  readonly dtype?: DType;
  /**
   * The shape wanted. As in TensorFlow: a single value fills it, fewer values are padded
   * with the last one, more values are an error.
   */
  readonly shape?: readonly number[];
  /** Require the value's own shape to equal `shape` (TensorFlow's `verify_shape`). */
  readonly verifyShape?: boolean;
  /** What is being converted, added to error messages (e.g. the constant's name). */
  readonly name?: string;
}

/**
 * Converts a value to a host tensor by TensorFlow's `make_tensor_proto` rules.
 *
 * - Plain values (scalars, nested arrays) with an explicit `dtype` must be compatible with
 *   it: a fraction for an integer dtype is a `TypeError` ("Expected int32, got 2.5 of type
 *   'number' instead."), so is an integer out of the dtype's range, a number for bool or a
 *   string for a numeric dtype. Integers convert to float dtypes; real numbers to complex.
 * - Typed arrays and host tensors with a different explicit `dtype` are cast like numpy's
 *   `astype` (TensorFlow casts ndarrays the same way): floats truncate toward zero, integers
 *   wrap, nonzero is `true`. Strings never cast to or from numbers.
 * - float16/bfloat16 store raw bits, rounded to nearest even; complex values are `{re, im}`
 *   objects, stored interleaved; strings are stored as `string[]`.
 *
 * Typed-array input is copied; a host tensor with the same dtype and shape shares its data
 * (tensors are treated as immutable values).
 */
export function convertToHostTensor(value: TensorLike, options: ConvertOptions = {}): HostTensor {
  try {
    return convert(value, options);
  } catch (error) {
    if (options.name !== undefined && error instanceof Error && !error.message.includes(`'${options.name}'`)) {
      error.message = `${error.message} (converting the value for '${options.name}')`;
    }
    throw error;
  }
}

function convert(value: TensorLike, options: ConvertOptions): HostTensor {
  if (options.dtype !== undefined && !isDType(options.dtype)) {
    throw new TypeError(`Cannot convert value ${describeForError(options.dtype)} to a TensorFlow DType.`);
  }
  if (options.dtype === 'resource' || options.dtype === 'variant') {
    throw new TypeError(`Can't convert a value to a ${options.dtype} tensor: ${options.dtype} tensors only come from ops`);
  }

  if (options.shape === undefined) {
    const fast = convertPlainNumbers(value, options.dtype);
    if (fast !== undefined) return fast;
  }

  let sourceShape: readonly number[];
  let dtype: DType;
  let data: TensorData;
  let count: number;

  if (isNumericTypedArray(value) || isHostTensor(value)) {
    const source = isNumericTypedArray(value)
      ? { dtype: typedArrayDType(value), shape: [value.length], data: value as unknown as TensorData, shareable: false }
      : { ...checkHostTensor(value), shareable: true };
    sourceShape = source.shape;
    dtype = options.dtype ?? source.dtype;
    count = shapeElements(source.shape);
    if (dtype === source.dtype) {
      data = source.shareable && options.shape === undefined ? source.data : copyData(source.data);
    } else {
      data = allocateData(dtype, count);
      for (let i = 0; i < count; i++) {
        writeElement(dtype, data, i, castElement(readElement(source.dtype, source.data, i), source.dtype, dtype));
      }
    }
  } else {
    const flat = flattenNested(value);
    sourceShape = flat.shape;
    dtype = options.dtype ?? inferLeavesDType(flat.leaves);
    count = flat.leaves.length;
    data = allocateData(dtype, count);
    for (let i = 0; i < count; i++) {
      writeElement(dtype, data, i, coerceLeaf(flat.leaves[i] as ScalarLike, dtype));
    }
  }

  if (options.shape === undefined) return freezeTensor(dtype, sourceShape, data);

  const shape = checkShapeOption(options.shape);
  const wanted = shapeElements(shape);
  if (options.verifyShape === true && !sameShape(shape, sourceShape)) {
    throw new TypeError(`Expected Tensor's shape: ${formatPythonShape(shape)}, got ${formatPythonShape(sourceShape)}.`);
  }
  if (count > wanted) {
    throw new ValueError(`Too many elements provided. Needed at most ${wanted}, but received ${count}`);
  }
  if (count === wanted) return freezeTensor(dtype, shape, data);
  // Fewer elements: TensorFlow repeats the last one (an empty value gives zeros).
  const padded = allocateData(dtype, wanted);
  const lanes = DTYPES[dtype].lanes;
  for (let i = 0; i < count * lanes; i++) (padded as unknown as unknown[])[i] = (data as unknown as unknown[])[i];
  if (count > 0) repeatElement(dtype, padded, count - 1, count, wanted);
  return freezeTensor(dtype, shape, padded);
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const SCALAR_SHAPE: readonly number[] = Object.freeze([]);

/**
 * A JS number or a short flat array of numbers as a float32/float64/int32 tensor: the values op
 * wrappers turn into constants all the time (`1`, a shape `[4, 4]`, `min`/`max` bounds).
 * Gives the same result as the general path, or undefined to leave the value to it (other
 * dtypes, anything it would reject or infer differently).
 */
function convertPlainNumbers(value: unknown, wanted: DType | undefined): HostTensor | undefined {
  const scalar = typeof value === 'number';
  if (!scalar && !(Array.isArray(value) && value.length > 0 && value.length <= 16)) return undefined;
  const items = scalar ? undefined : (value as readonly unknown[]);
  const n = items === undefined ? 1 : items.length;
  let allInt32 = true;
  for (let i = 0; i < n; i++) {
    const v = items === undefined ? value : items[i];
    if (typeof v !== 'number') return undefined;
    if (allInt32 && !(Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX && !Object.is(v, -0))) allInt32 = false;
  }
  let dtype = wanted;
  if (dtype === undefined) {
    if (allInt32) dtype = 'int32';
    else {
      // Inference gives float32 unless an integer is too wide for int32 (then int64 or an error).
      for (let i = 0; i < n; i++) {
        const v = (items === undefined ? value : items[i]) as number;
        if (Number.isInteger(v) && (v < INT32_MIN || v > INT32_MAX)) return undefined;
      }
      dtype = 'float32';
    }
  }
  let data: Float32Array | Float64Array | Int32Array;
  if (dtype === 'float32') data = new Float32Array(n);
  else if (dtype === 'float64') data = new Float64Array(n);
  else if (dtype === 'int32' && allInt32) data = new Int32Array(n);
  else return undefined;
  for (let i = 0; i < n; i++) data[i] = (items === undefined ? value : items[i]) as number;
  return Object.freeze({ dtype, shape: scalar ? SCALAR_SHAPE : Object.freeze([n]), data: data as TensorData });
}

function freezeTensor(dtype: DType, shape: readonly number[], data: TensorData): HostTensor {
  return Object.freeze({ dtype, shape: Object.freeze([...shape]), data });
}

function shapeElements(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function checkShapeOption(shape: readonly number[]): readonly number[] {
  if (!Array.isArray(shape)) throw new TypeError(`shape must be an array of dimensions, got ${describeForError(shape)}`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ValueError(`Dimension ${describeForError(d)} in shape ${describeForError(shape)} must be a non-negative integer`);
    }
  }
  return shape;
}

/** Validates a host tensor's dtype, shape and storage before its data is used. */
export function checkHostTensor(t: HostTensor): { dtype: DType; shape: readonly number[]; data: TensorData } {
  if (!isDType(t.dtype)) throw new TypeError(`Unknown dtype ${describeForError(t.dtype)} on a host tensor`);
  for (const d of t.shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ValueError(`Host tensor has invalid shape ${describeForError(t.shape)}: dimensions must be non-negative integers`);
    }
  }
  const info = DTYPES[t.dtype];
  const n = shapeElements(t.shape);
  const storage = t.data as unknown as { length: number; constructor: { name: string } };
  const expectedName = info.array;
  const actualName = Array.isArray(t.data) ? 'Array' : storage.constructor.name;
  if (actualName !== expectedName) {
    throw new TypeError(`A ${t.dtype} tensor stores its elements in a ${expectedName}, got a ${actualName}`);
  }
  if (storage.length !== n * info.lanes) {
    throw new ValueError(
      `A ${t.dtype} tensor of shape ${formatPythonShape(t.shape)} needs ${n * info.lanes} storage elements, got ${storage.length}`);
  }
  return { dtype: t.dtype, shape: t.shape, data: t.data };
}

function copyData(data: TensorData): TensorData {
  if (Array.isArray(data)) return [...(data as unknown[])] as TensorData;
  // A Uint8ClampedArray source becomes a plain Uint8Array, uint8's storage type.
  if (data instanceof Uint8ClampedArray) return new Uint8Array(data) as TensorData;
  return (data as unknown as { slice(): TensorData }).slice();
}

function typeName(v: unknown): string {
  return isComplex(v) ? 'complex' : typeof v;
}

function incompatible(dtype: DType, v: unknown, why = ''): TypeError {
  return new TypeError(`Expected ${dtype}, got ${describeForError(v)} of type '${typeName(v)}' instead.${why}`);
}

/** A plain leaf as the storage value for `dtype`, with TensorFlow's compatibility checks. */
function coerceLeaf(v: ScalarLike, dtype: DType): number | bigint | boolean | string | Complex {
  const kind = DTYPES[dtype].kind;
  switch (kind) {
    case 'string':
      if (typeof v !== 'string') throw incompatible(dtype, v);
      return v;
    case 'bool':
      if (typeof v !== 'boolean') throw incompatible(dtype, v);
      return v;
    case 'float':
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      throw incompatible(dtype, v);
    case 'complex':
      if (typeof v === 'number') return { re: v, im: 0 };
      if (typeof v === 'bigint') return { re: Number(v), im: 0 };
      if (isComplex(v)) return { re: v.re, im: v.im };
      throw incompatible(dtype, v);
    case 'int': case 'uint': case 'quantized': {
      let big: bigint;
      if (typeof v === 'bigint') big = v;
      else if (typeof v === 'number' && Number.isInteger(v)) {
        if (!Number.isSafeInteger(v)) {
          throw incompatible(dtype, v, ' Integers beyond 2^53 must be given as bigints.');
        }
        big = BigInt(v);
      } else throw incompatible(dtype, v);
      const range = INTEGER_RANGES[dtype] as readonly [bigint, bigint];
      if (big < range[0] || big > range[1]) {
        throw incompatible(dtype, v, ` The value is out of range for ${dtype} [${range[0]}, ${range[1]}].`);
      }
      return isBigIntDType(dtype) ? big : Number(big);
    }
    default:
      throw new TypeError(`Can't convert a value to a ${dtype} tensor`);
  }
}

const INT_BITS: Readonly<Partial<Record<DType, number>>> = {
  int8: 8, uint8: 8, qint8: 8, quint8: 8, int16: 16, uint16: 16, qint16: 16, quint16: 16,
  int32: 32, uint32: 32, qint32: 32, int64: 64, uint64: 64,
};

/** numpy `astype` for one element (used for typed arrays and tensors given another dtype). */
function castElement(v: ScalarLike, from: DType, to: DType): number | bigint | boolean | string | Complex {
  const toKind = DTYPES[to].kind;
  if ((toKind === 'string') !== (typeof v === 'string')) {
    throw new TypeError(`Cannot cast a ${from} value to ${to}`);
  }
  if (typeof v === 'string') return v;
  const re = typeof v === 'boolean' ? (v ? 1 : 0) : isComplex(v) ? v.re : v;
  const im = isComplex(v) ? v.im : 0;
  switch (toKind) {
    case 'bool': return re !== 0 && re !== 0n ? true : im !== 0;
    case 'float': return Number(re);
    case 'complex': return { re: Number(re), im };
    default: {
      const bits = INT_BITS[to] as number;
      let big: bigint;
      if (typeof re === 'bigint') big = re;
      else big = Number.isFinite(re) ? BigInt(Math.trunc(re)) : 0n;
      const wrapped = DTYPES[to].kind === 'uint' || to === 'quint8' || to === 'quint16'
        ? BigInt.asUintN(bits, big) : BigInt.asIntN(bits, big);
      return isBigIntDType(to) ? wrapped : Number(wrapped);
    }
  }
}

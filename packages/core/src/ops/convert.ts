import type { DType } from '@varscope/kernel-api';
import { convertToHostTensor } from '../dtypes/index.js';
import type { TensorLike } from '../dtypes/index.js';
import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { AS_REF, TO_TENSOR, isRefConvertible, isTensorConvertible } from '../graph/conversion.js';
import type { TensorConvertible } from '../graph/conversion.js';

/** Anything an op accepts as an input: a tensor, a variable, or a plain value (made a constant). */
export type TensorInput = Tensor | TensorConvertible | TensorLike;

export interface ConvertOptions {
  /** Required dtype: a tensor of another dtype is an error, a plain value is converted to it. */
  readonly dtype?: DType;
  /** Dtype to try for plain values when no `dtype` is required (falls back to inference). */
  readonly preferredDType?: DType;
  /** Name of the constant made for a plain value. */
  readonly name?: string;
}

/** TensorFlow's `convert_to_tensor`. */
export function convertToTensor(value: TensorInput, options: ConvertOptions = {}): Tensor {
  let t: Tensor | undefined;
  if (value instanceof Tensor) t = value;
  else if (isTensorConvertible(value)) t = value[TO_TENSOR]();
  if (t !== undefined) {
    if (options.dtype !== undefined && t.dtype !== options.dtype) {
      throw new ValueError(`Tensor conversion requested dtype ${options.dtype} for Tensor with dtype ${t.dtype}: ${t.toString()}`);
    }
    return t;
  }
  if (value === null || value === undefined) {
    throw new ValueError(`None values not supported.`);
  }
  return constant(value as TensorLike, {
    dtype: options.dtype,
    preferredDType: options.dtype === undefined ? options.preferredDType : undefined,
    name: options.name ?? 'Const',
  });
}

/** A reference tensor for ops that mutate a variable. */
export function convertToRef(value: unknown, what: string): Tensor {
  if (value instanceof Tensor) {
    if (!value.isRef) throw new TypeError(`${what} requires l-value input; ${value.name} is not a variable reference`);
    return value;
  }
  if (isRefConvertible(value)) return value[AS_REF]();
  throw new TypeError(`${what} requires a Variable or a reference tensor, got ${String(value)}`);
}

export interface ConstantOptions {
  readonly dtype?: DType;
  readonly shape?: readonly number[];
  readonly name?: string;
  readonly verifyShape?: boolean;
  /** @internal Dtype to try first for plain values; inference decides if it does not fit. */
  readonly preferredDType?: DType;
}

/** A constant tensor (TensorFlow's `tf.constant`), an op of type `Const`. */
export function constant(value: TensorLike, options: ConstantOptions = {}): Tensor {
  let host;
  if (options.dtype === undefined && options.preferredDType !== undefined) {
    try {
      host = convertToHostTensor(value, { dtype: options.preferredDType, shape: options.shape, verifyShape: options.verifyShape });
    } catch {
      host = undefined;
    }
  }
  host ??= convertToHostTensor(value, { dtype: options.dtype, shape: options.shape, verifyShape: options.verifyShape });
  const g = getDefaultGraph();
  const value0 = host;
  return g.atomically(() => g.createOp({
    type: 'Const',
    name: options.name ?? 'Const',
    attrs: { value: value0, dtype: value0.dtype },
  })).output(0);
}

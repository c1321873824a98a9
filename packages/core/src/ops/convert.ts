import type { DType, HostTensor } from '@varscope/kernel-api';
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

/**
 * Host tensors of scalar constants, by how their dtype is chosen and by value. Op wrappers make
 * the same small constants over and over (`1`, an initializer's bounds); host tensors are
 * immutable values, so every such `Const` can share one. Bounded: cleared when it grows large.
 */
const SCALAR_CONSTANTS = new Map<string, Map<number, HostTensor>>();
const SCALAR_CONSTANTS_PER_MODE = 1024;

function cachedScalar(value: number, options: ConstantOptions): HostTensor {
  // -0 and 0 are one Map key but different float bits.
  if (Object.is(value, -0) || options.shape !== undefined) return hostTensorFor(value, options);
  const mode = options.dtype ?? (options.preferredDType !== undefined ? `preferred ${options.preferredDType}` : '');
  let byValue = SCALAR_CONSTANTS.get(mode);
  if (byValue === undefined) SCALAR_CONSTANTS.set(mode, (byValue = new Map()));
  let host = byValue.get(value);
  if (host === undefined) {
    host = hostTensorFor(value, options);
    if (byValue.size >= SCALAR_CONSTANTS_PER_MODE) byValue.clear();
    byValue.set(value, host);
  }
  return host;
}

/** The constant's value: the preferred dtype if the value fits it, else by the value's own rules. */
function hostTensorFor(value: TensorLike, options: ConstantOptions): HostTensor {
  if (options.dtype === undefined && options.preferredDType !== undefined) {
    try {
      return convertToHostTensor(value, { dtype: options.preferredDType, shape: options.shape, verifyShape: options.verifyShape });
    } catch {
      // inference decides
    }
  }
  return convertToHostTensor(value, { dtype: options.dtype, shape: options.shape, verifyShape: options.verifyShape });
}

/** A constant tensor (TensorFlow's `tf.constant`), an op of type `Const`. */
export function constant(value: TensorLike, options: ConstantOptions = {}): Tensor {
  const host = typeof value === 'number' ? cachedScalar(value, options) : hostTensorFor(value, options);
  const g = getDefaultGraph();
  const value0 = host;
  return g.atomically(() => g.createOp({
    type: 'Const',
    name: options.name ?? 'Const',
    attrs: { value: value0, dtype: value0.dtype },
  })).output(0);
}

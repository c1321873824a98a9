import type { DType } from '@varscope/kernel-api';
import { asDType } from '../dtypes/index.js';
import { getDefaultGraph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { rank, range } from './array.js';
import { constant } from './convert.js';
import type { TensorInput } from './convert.js';
import type { NameOptions } from './math.js';
import { genOp1 } from './op-inputs.js';

export interface ReduceOptions extends NameOptions {
  /** The dimensions to reduce (default: all). */
  readonly axis?: TensorInput | null;
  /** Keep reduced dimensions with length 1 (default false). */
  readonly keepDims?: boolean;
}

/**
 * The axes to reduce when none are given (TensorFlow's `_ReductionDims`): a constant
 * `[0, …, rank-1]` when the rank of a tensor input is known, else `range(0, rank(x))` in the graph.
 */
function reductionDims(x: TensorInput, axis: TensorInput | null | undefined): TensorInput {
  if (axis !== undefined && axis !== null) return axis;
  if (x instanceof Tensor && x.shape.rank !== null) {
    return constant(Array.from({ length: x.shape.rank }, (_v, i) => i), { dtype: 'int32' });
  }
  return range(0, rank(x));
}

function reduction(type: string, input: TensorInput, options: ReduceOptions): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => {
    const axes = reductionDims(input, options.axis);
    const out = genOp1({ type, name: options.name, inputs: [input, axes], attrs: { keep_dims: options.keepDims ?? false } });
    // Reducing over every axis gives a scalar even when the axes are only known at run time.
    if (!options.keepDims && (options.axis === undefined || options.axis === null) && out.shape.rank === null) out.setShape([]);
    return out;
  });
}

/** The sum over `axis` (op `Sum`; TensorFlow's `tf.reduce_sum`). */
export function reduceSum(input: TensorInput, options: ReduceOptions = {}): Tensor {
  return reduction('Sum', input, options);
}

/** The mean over `axis` (op `Mean`); integer inputs divide with truncation, as in TensorFlow. */
export function reduceMean(input: TensorInput, options: ReduceOptions = {}): Tensor {
  return reduction('Mean', input, options);
}

/** The maximum over `axis` (op `Max`). */
export function reduceMax(input: TensorInput, options: ReduceOptions = {}): Tensor {
  return reduction('Max', input, options);
}

/** The minimum over `axis` (op `Min`). */
export function reduceMin(input: TensorInput, options: ReduceOptions = {}): Tensor {
  return reduction('Min', input, options);
}

/** The product over `axis` (op `Prod`). */
export function reduceProd(input: TensorInput, options: ReduceOptions = {}): Tensor {
  return reduction('Prod', input, options);
}

/** Logical and over `axis` of a bool tensor (op `All`). */
export function reduceAll(input: TensorInput, options: ReduceOptions = {}): Tensor {
  return reduction('All', input, options);
}

/** Logical or over `axis` of a bool tensor (op `Any`). */
export function reduceAny(input: TensorInput, options: ReduceOptions = {}): Tensor {
  return reduction('Any', input, options);
}

export interface ArgReduceOptions extends NameOptions {
  /** The axis to reduce (default 0). */
  readonly axis?: TensorInput;
  /** `int64` (default) or `int32`. */
  readonly outputType?: DType | string;
}

function argReduction(type: 'ArgMax' | 'ArgMin', input: TensorInput, options: ArgReduceOptions): Tensor {
  const outputType = asDType(options.outputType ?? 'int64');
  return genOp1({ type, name: options.name, inputs: [input, options.axis ?? 0], attrs: { output_type: outputType } });
}

/** The index of the largest value along `axis` (op `ArgMax`; first on ties). */
export function argMax(input: TensorInput, options: ArgReduceOptions = {}): Tensor {
  return argReduction('ArgMax', input, options);
}

/** The index of the smallest value along `axis` (op `ArgMin`; first on ties). */
export function argMin(input: TensorInput, options: ArgReduceOptions = {}): Tensor {
  return argReduction('ArgMin', input, options);
}

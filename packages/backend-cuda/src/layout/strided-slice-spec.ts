import { validateStridedSlice } from '@varscope/kernel-api';
import type { StridedSliceArgs } from '@varscope/kernel-api';

export type { StridedSliceArgs };

/**
 * The slice resolved over every input dimension: what the kernel walks. Along dimension d it
 * reads `sizes[d]` elements at `begin[d]`, `begin[d] + strides[d]`, … (all inside the input).
 * The output's own shape drops shrunk axes and adds new ones, which keeps the element order.
 */
export interface StridedSliceWalk {
  /** First index read per input dimension (0 where that dimension's size is 0). */
  readonly begin: readonly number[];
  /** Step per input dimension (never 0; negative walks backwards). */
  readonly strides: readonly number[];
  /** Elements taken per input dimension (TensorFlow's "processing shape"). */
  readonly sizes: readonly number[];
  /** The output shape TensorFlow gives this slice ("final shape"). */
  readonly outputShape: readonly number[];
}

/**
 * The walk the addon's strided copy performs, from kernel-api's shared ValidateStridedSliceOp
 * (TensorFlow's rules and wording; errors name the node). Empty dimensions start at 0 so the
 * addon's bounds check holds for every dimension.
 */
export function resolveStridedSlice(inputShape: readonly number[], args: StridedSliceArgs, node: string): StridedSliceWalk {
  const spec = validateStridedSlice(inputShape, args, node);
  return {
    begin: spec.begin.map((b, d) => (spec.processingShape[d] === 0 ? 0 : b)),
    strides: spec.strides,
    sizes: spec.processingShape,
    outputShape: spec.finalShape,
  };
}

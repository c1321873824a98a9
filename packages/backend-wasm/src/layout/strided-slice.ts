import { validateStridedSlice } from '@varscope/kernel-api';
import type { StridedSliceArgs } from '@varscope/kernel-api';

/** Where the slice starts along one input dimension, its step, and how many elements it takes. */
export interface DimSlice {
  readonly start: number;
  readonly step: number;
  readonly count: number;
}

/**
 * The per-dimension walk of a StridedSlice, from kernel-api's shared ValidateStridedSliceOp
 * (TensorFlow's semantics and wording); errors name the node.
 */
export function stridedSliceDims(inShape: readonly number[], args: StridedSliceArgs, nodeName: string): DimSlice[] {
  const spec = validateStridedSlice(inShape, args, nodeName);
  return spec.processingShape.map((count, d) => ({
    start: spec.begin[d] as number, step: spec.strides[d] as number, count,
  }));
}

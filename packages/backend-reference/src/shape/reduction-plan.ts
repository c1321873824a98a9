import { shapeSize } from '@varscope/kernel-api';
import type { KernelContext } from '../kernel/kernel-context.js';
import { normalizeAxis } from './axes.js';

/** How a reduction maps input elements to output elements. */
export interface ReductionPlan {
  /** The output shape (reduced dims kept as 1 with keep_dims, else dropped). */
  readonly outShape: number[];
  /** For each input element (row-major), the flat index of the output element it folds into. */
  readonly target: Int32Array | Float64Array;
  /** Input elements per output element. */
  readonly count: number;
}

/**
 * Plans a reduction of `inShape` over `axes` (negative allowed, repeats ignored, empty = none),
 * and checks the result against the output core allocated.
 */
export function planReduction(ctx: KernelContext, inShape: readonly number[], axes: readonly number[], keepDims: boolean): ReductionPlan {
  const rank = inShape.length;
  const reduced = new Array<boolean>(rank).fill(false);
  for (const a of axes) {
    const axis = normalizeAxis(a, rank);
    if (axis === null) throw ctx.argumentError(`Invalid reduction dimension (${a} for input with ${rank} dimension(s))`);
    reduced[axis] = true;
  }
  const outShape: number[] = [];
  const outDimOf: number[] = []; // input dim → output dim (-1 when dropped or kept as 1)
  let count = 1;
  for (let d = 0; d < rank; d++) {
    if (reduced[d]) {
      count *= inShape[d] as number;
      outDimOf.push(-1);
      if (keepDims) outShape.push(1);
    } else {
      outDimOf.push(outShape.length);
      outShape.push(inShape[d] as number);
    }
  }
  const size = shapeSize(inShape);
  const target = size < 2 ** 31 ? new Int32Array(size) : new Float64Array(size);
  const outStrides = new Array<number>(outShape.length);
  let s = 1;
  for (let d = outShape.length - 1; d >= 0; d--) {
    outStrides[d] = s;
    s *= outShape[d] as number;
  }
  const coord = new Array<number>(rank).fill(0);
  for (let i = 0; i < size; i++) {
    let flat = 0;
    for (let d = 0; d < rank; d++) {
      const od = outDimOf[d] as number;
      if (od >= 0) flat += (coord[d] as number) * (outStrides[od] as number);
    }
    target[i] = flat;
    for (let d = rank - 1; d >= 0; d--) {
      coord[d] = (coord[d] as number) + 1;
      if ((coord[d] as number) < (inShape[d] as number)) break;
      coord[d] = 0;
    }
  }
  return { outShape, target, count };
}

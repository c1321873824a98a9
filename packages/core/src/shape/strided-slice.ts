import { ValueError } from '../errors.js';

/** The arguments of a StridedSlice: index vectors (absent when unknown) and the five masks. */
export interface StridedSliceArgs {
  /** Input dims; -1 (or null) for an unknown dimension. */
  readonly inputShape: readonly (number | null)[];
  /** `begin` values, or undefined when not known yet. */
  readonly begin?: readonly number[];
  /** `end` values, or undefined when not known yet. */
  readonly end?: readonly number[];
  readonly strides: readonly number[];
  readonly beginMask?: number;
  readonly endMask?: number;
  readonly ellipsisMask?: number;
  readonly newAxisMask?: number;
  readonly shrinkAxisMask?: number;
}

/**
 * The "processing" form of a strided slice (TensorFlow's `ValidateStridedSliceOp` output):
 * one entry per input dimension, with masks, negative indices, ellipsis and new axes
 * resolved. A kernel computes `processingShape` elements by stepping `strides[i]` from
 * `begin[i]` toward `end[i]` in every input dimension i, then views the result as
 * `finalShape` (same elements: shrunk axes dropped, new axes added as 1).
 */
export interface StridedSliceSpec {
  /** Canonical start per input dimension (in [0, dim] or [-1, dim-1] for negative strides). */
  readonly begin: readonly number[];
  /** Canonical (exclusive) end per input dimension. */
  readonly end: readonly number[];
  readonly strides: readonly number[];
  /** Elements taken along each input dimension (null when unknown). */
  readonly processingShape: readonly (number | null)[];
  /** The op's output shape (null dims when unknown). */
  readonly finalShape: readonly (number | null)[];
  /** Input dims that are indexed with a single element and removed (dense form of shrink_axis_mask). */
  readonly shrinkAxes: readonly number[];
  /** Every dimension is taken whole with stride 1: the output is the input, reshaped. */
  readonly isIdentity: boolean;
  /** Every stride is 1. */
  readonly isSimpleSlice: boolean;
  /** Only dimension 0 is sliced (with stride 1): the output is a contiguous block. */
  readonly sliceDim0: boolean;
}

const SHRINK_AXIS = -1;
const NEW_AXIS = -2;

const bit = (mask: number, i: number): boolean => ((mask >>> i) & 1) === 1;

/**
 * TensorFlow's `ValidateStridedSliceOp` (strided_slice_op.cc): checks the arguments and
 * computes the processing and final shapes with TensorFlow's error messages. Works with
 * partial knowledge (unknown dims or unknown begin/end give unknown sizes), as the shape
 * function does at graph build.
 */
export function validateStridedSlice(args: StridedSliceArgs): StridedSliceSpec {
  const { strides } = args;
  const sparseDims = strides.length;
  const beginMaskSpec = args.beginMask ?? 0;
  const endMaskSpec = args.endMask ?? 0;
  const newAxisMask = args.newAxisMask ?? 0;
  const shrinkAxisMask = args.shrinkAxisMask ?? 0;
  let ellipsisMask = args.ellipsisMask ?? 0;

  const beginWrong = args.begin !== undefined && !(args.begin.length === sparseDims && sparseDims < 32);
  const endWrong = args.end !== undefined && args.end.length !== sparseDims;
  if (beginWrong || endWrong || sparseDims >= 32) {
    if (args.begin !== undefined && args.end !== undefined) {
      throw new ValueError(
        `Expected begin, end, and strides to be 1D equal size tensors, but got shapes [${args.begin.length}], [${args.end.length}], and [${sparseDims}] instead.`);
    }
    throw new ValueError(`Expected begin, end, and strides to be 1D equal size tensors, but got shape [${sparseDims}] for strides.`);
  }
  if (ellipsisMask !== 0 && (ellipsisMask & (ellipsisMask - 1)) !== 0) {
    throw new ValueError('Multiple ellipses in slice spec not allowed');
  }

  // Step 1: count new axes after the ellipsis; add an implicit ellipsis at the end.
  let ellipsisSeen = false;
  let numAddAxisAfterEllipsis = 0;
  for (let i = 0; i < sparseDims; i++) {
    if (ellipsisSeen && bit(newAxisMask, i)) numAddAxisAfterEllipsis++;
    if (bit(ellipsisMask, i)) ellipsisSeen = true;
  }
  let dims = sparseDims;
  if (!ellipsisSeen) {
    ellipsisMask |= 1 << dims;
    dims++;
  }

  // Step 2: the sparse spec (one entry per index expression) to a dense one (one per input dim).
  const inputShape = args.inputShape.map((d) => (d === null ? -1 : d));
  const denseDims = inputShape.length;
  const begin = new Array<number>(denseDims).fill(0);
  const end = new Array<number>(denseDims).fill(0);
  const denseStrides = new Array<number>(denseDims).fill(1);
  let beginMask = 0;
  let endMask = 0;
  let denseShrinkMask = 0;
  const gather: number[] = [];
  let fullIndex = 0;
  for (let i = 0; i < dims; i++) {
    if (bit(ellipsisMask, i)) {
      const nextIndex = Math.min(denseDims - (dims - i) + 1 + numAddAxisAfterEllipsis, denseDims);
      for (; fullIndex < nextIndex; fullIndex++) {
        begin[fullIndex] = 0;
        end[fullIndex] = 0;
        denseStrides[fullIndex] = 1;
        beginMask |= 1 << fullIndex;
        endMask |= 1 << fullIndex;
        gather.push(fullIndex);
      }
    } else if (bit(newAxisMask, i)) {
      gather.push(NEW_AXIS);
    } else {
      if (fullIndex === denseDims) {
        throw new ValueError(`Index out of range using input dim ${fullIndex}; input has only ${denseDims} dims`);
      }
      if (args.begin !== undefined) begin[fullIndex] = args.begin[i] as number;
      if (args.end !== undefined) end[fullIndex] = args.end[i] as number;
      denseStrides[fullIndex] = strides[i] as number;
      if (bit(beginMaskSpec, i)) beginMask |= 1 << fullIndex;
      if (bit(endMaskSpec, i)) endMask |= 1 << fullIndex;
      if (bit(shrinkAxisMask, i)) {
        gather.push(SHRINK_AXIS);
        denseShrinkMask |= 1 << fullIndex;
      } else {
        gather.push(fullIndex);
      }
      fullIndex++;
    }
  }

  // Step 3: make implicit ranges explicit, bounds-check, and size each dimension.
  const beginValid = args.begin !== undefined;
  const endValid = args.end !== undefined;
  let isIdentity = true;
  let sliceDim0 = true;
  let isSimpleSlice = true;
  const processing: (number | null)[] = [];
  const shrinkAxes: number[] = [];
  for (let i = 0; i < denseDims; i++) {
    const stride = denseStrides[i] as number;
    const dim = inputShape[i] as number;
    if (stride === 0) throw new ValueError(`strides[${i}] must be non-zero`);
    const shrink = bit(denseShrinkMask, i);
    if (shrink) shrinkAxes.push(i);
    if (dim === -1) {
      processing.push(shrink ? 1 : null);
      continue;
    }
    const masked = [bit(beginMask, i), bit(endMask, i)] as const;
    const validRange = [stride > 0 ? 0 : -1, stride > 0 ? dim : dim - 1] as const;
    const canonical = (x: number, c: 0 | 1): number => {
      if (masked[c]) return stride > 0 ? validRange[c] : (validRange[(c + 1) & 1] as number);
      const forward = x < 0 ? dim + x : x;
      return forward < validRange[0] ? validRange[0] : forward > validRange[1] ? validRange[1] : forward;
    };
    if (shrink && stride <= 0) throw new ValueError('only stride 1 allowed on non-range indexing.');
    isSimpleSlice &&= stride === 1;
    const beginAndEndMasked = masked[0] && masked[1];
    if (beginValid && endValid) {
      if (shrink) {
        // foo[-1] gives begin -1, end 0: rebuild end as begin + 1 after making begin positive.
        const forward = (begin[i] as number) < 0 ? dim + (begin[i] as number) : (begin[i] as number);
        begin[i] = forward;
        end[i] = forward + 1;
        if (forward < 0 || forward >= dim) throw new ValueError(`slice index ${forward} of dimension ${i} out of bounds.`);
      } else {
        begin[i] = canonical(begin[i] as number, 0);
        end[i] = canonical(end[i] as number, 1);
      }
      const takeAll = stride === 1 && begin[i] === 0 && end[i] === dim;
      isIdentity &&= takeAll;
      sliceDim0 &&= (i === 0 && stride === 1) || takeAll;
    } else {
      isIdentity &&= stride === 1 && beginAndEndMasked;
      sliceDim0 &&= (i === 0 && stride === 1) || beginAndEndMasked;
    }
    let interval: number | null = null;
    if (beginValid && endValid) interval = (end[i] as number) - (begin[i] as number);
    else if (shrink) interval = 1;
    else if (beginAndEndMasked) interval = stride < 0 ? -dim : dim;
    if (interval === null) {
      processing.push(null);
    } else if (interval === 0 || (interval < 0) !== (stride < 0)) {
      processing.push(0);
    } else {
      processing.push(Math.trunc(interval / stride) + (interval % stride !== 0 ? 1 : 0));
    }
  }

  // Step 4: the final shape: shrunk dims dropped, new axes inserted.
  const finalShape: (number | null)[] = [];
  for (const g of gather) {
    if (g >= 0) finalShape.push(processing[g] as number | null);
    else if (g === NEW_AXIS) finalShape.push(1);
  }

  return {
    begin, end, strides: denseStrides, processingShape: processing, finalShape, shrinkAxes,
    isIdentity, isSimpleSlice, sliceDim0,
  };
}

import { KernelArgumentError } from './errors.js';

/** StridedSlice's attrs and host inputs. */
export interface StridedSliceArgs {
  readonly begin: readonly number[];
  readonly end: readonly number[];
  readonly strides: readonly number[];
  readonly beginMask: number;
  readonly endMask: number;
  readonly ellipsisMask: number;
  readonly newAxisMask: number;
  readonly shrinkAxisMask: number;
}

/** The resolved slice over every input dimension (TensorFlow's dense spec after canonicalisation). */
export interface StridedSliceSpec {
  /** Per input dimension: first index read, end (exclusive, may be -1 for negative strides), and stride. */
  readonly begin: readonly number[];
  readonly end: readonly number[];
  readonly strides: readonly number[];
  /** Elements taken along each input dimension (the shape Eigen slices to). */
  readonly processingShape: readonly number[];
  /** The output shape: processing shape with shrunk dimensions removed and new axes inserted. */
  readonly finalShape: readonly number[];
}

const NEW_AXIS = -1;
const SHRINK_AXIS = -2;
const bit = (mask: number, i: number): boolean => i < 31 ? ((mask >>> i) & 1) === 1 : false;


/**
 * TensorFlow's ValidateStridedSliceOp for a fully known input shape, shared by every backend: expands the ellipsis (or an
 * implicit one at the end), places new axes, applies begin/end masks, wraps negative indices,
 * clamps to the valid range for the stride's direction, and turns shrink-axis entries into
 * single-element slices (out-of-range shrink indices are errors). Errors use TensorFlow's wording.
 */
export function validateStridedSlice(inputShape: readonly number[], args: StridedSliceArgs, nodeName?: string): StridedSliceSpec {
  const fail = (message: string): never => {
    throw new KernelArgumentError('StridedSlice', nodeName === undefined ? message : `${message} (node '${nodeName}')`);
  };
  const { begin, end, strides } = args;
  if (begin.length !== end.length || begin.length !== strides.length) {
    fail(`Expected begin, end, and strides to be 1D equal size tensors, but got shapes [${begin.length}], [${end.length}], and [${strides.length}] instead.`);
  }
  if (begin.length > 31) fail(`Requires begin/end/strides of at most 31 entries, got ${begin.length}`);
  let ellipsisCount = 0;
  for (let i = 0; i < begin.length; i++) if (bit(args.ellipsisMask, i)) ellipsisCount++;
  if (ellipsisCount > 1) fail('Multiple ellipses in slice spec not allowed');

  // Sparse spec: one entry per begin/end/strides element, plus an implicit trailing ellipsis.
  let sparseDims = begin.length;
  let ellipsisMask = args.ellipsisMask;
  let addAxisAfterEllipsis = 0;
  let ellipsisSeen = false;
  for (let i = 0; i < sparseDims; i++) {
    if (ellipsisSeen && bit(args.newAxisMask, i)) addAxisAfterEllipsis++;
    if (bit(ellipsisMask, i)) ellipsisSeen = true;
  }
  if (!ellipsisSeen) {
    ellipsisMask |= 1 << sparseDims;
    sparseDims++;
  }

  // Dense spec: one entry per input dimension.
  const rank = inputShape.length;
  const dBegin = new Array<number>(rank).fill(0);
  const dEnd = new Array<number>(rank).fill(0);
  const dStrides = new Array<number>(rank).fill(1);
  const dBeginMask = new Array<boolean>(rank).fill(false);
  const dEndMask = new Array<boolean>(rank).fill(false);
  const dShrink = new Array<boolean>(rank).fill(false);
  const gather: number[] = [];
  let full = 0;
  for (let i = 0; i < sparseDims; i++) {
    if (bit(ellipsisMask, i)) {
      const next = Math.min(rank - (sparseDims - i) + 1 + addAxisAfterEllipsis, rank);
      for (; full < next; full++) {
        dBeginMask[full] = true;
        dEndMask[full] = true;
        gather.push(full);
      }
    } else if (bit(args.newAxisMask, i)) {
      gather.push(NEW_AXIS);
    } else {
      if (full === rank) fail(`Index out of range using input dim ${full}; input has only ${rank} dims`);
      dBegin[full] = begin[i] as number;
      dEnd[full] = end[i] as number;
      dStrides[full] = strides[i] as number;
      dBeginMask[full] = bit(args.beginMask, i);
      dEndMask[full] = bit(args.endMask, i);
      if (bit(args.shrinkAxisMask, i)) {
        gather.push(SHRINK_AXIS);
        dShrink[full] = true;
      } else {
        gather.push(full);
      }
      full++;
    }
  }

  const processingShape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const stride = dStrides[i] as number;
    const dim = inputShape[i] as number;
    if (stride === 0) fail(`strides[${i}] must be non-zero`);
    const shrink = dShrink[i] as boolean;
    if (shrink && stride <= 0) fail('only stride 1 allowed on non-range indexing.');
    // Valid index range for the stride's direction: [0, dim] forward, [-1, dim - 1] backward.
    const lo = stride > 0 ? 0 : -1;
    const hi = stride > 0 ? dim : dim - 1;
    const canonical = (x: number, masked: boolean, isEnd: boolean): number => {
      if (masked) return (stride > 0) !== isEnd ? lo : hi;
      const fwd = x < 0 ? dim + x : x;
      return fwd < lo ? lo : fwd > hi ? hi : fwd;
    };
    if (shrink) {
      const fwd = (dBegin[i] as number) < 0 ? dim + (dBegin[i] as number) : (dBegin[i] as number);
      if (fwd < 0 || fwd >= dim) fail(`slice index ${dBegin[i]} of dimension ${i} out of bounds.`);
      dBegin[i] = fwd;
      dEnd[i] = fwd + 1;
    } else {
      dBegin[i] = canonical(dBegin[i] as number, dBeginMask[i] as boolean, false);
      dEnd[i] = canonical(dEnd[i] as number, dEndMask[i] as boolean, true);
    }
    const interval = (dEnd[i] as number) - (dBegin[i] as number);
    const size = interval === 0 || (interval < 0) !== (stride < 0)
      ? 0
      : Math.trunc(interval / stride) + (interval % stride !== 0 ? 1 : 0);
    processingShape.push(size);
  }

  const finalShape: number[] = [];
  for (const g of gather) {
    if (g >= 0) finalShape.push(processingShape[g] as number);
    else if (g === NEW_AXIS) finalShape.push(1);
  }
  return { begin: dBegin, end: dEnd, strides: dStrides, processingShape, finalShape };
}

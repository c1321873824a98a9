import { KernelArgumentError } from '@varscope/kernel-api';

/** StridedSlice's host inputs and mask attrs, as the op receives them. */
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

const NEW_AXIS = -1;
const SHRINK_AXIS = -2;
const bit = (mask: number, i: number): boolean => i < 31 && ((mask >>> i) & 1) === 1;

/**
 * TensorFlow's ValidateStridedSliceOp (strided_slice_op.cc) for a known input shape: builds the
 * sparse spec (with an implicit trailing ellipsis), expands it to one entry per input dimension,
 * applies the begin/end masks, wraps negative indices, clamps to the range valid for the
 * stride's direction, and turns shrink-axis entries into one-element slices. Errors carry
 * TensorFlow's wording and name the node.
 */
export function resolveStridedSlice(inputShape: readonly number[], args: StridedSliceArgs, node: string): StridedSliceWalk {
  const fail = (message: string): never => {
    throw new KernelArgumentError('StridedSlice', `${message} (node '${node}')`);
  };
  const { begin, end, strides } = args;
  if (begin.length !== end.length || begin.length !== strides.length) {
    fail(`Expected begin, end, and strides to be 1D equal size tensors, but got shapes [${begin.length}], [${end.length}], and [${strides.length}] instead.`);
  }
  if (begin.length > 31) fail(`Requires begin/end/strides of at most 31 entries, got ${begin.length}`);
  let ellipses = 0;
  for (let i = 0; i < begin.length; i++) if (bit(args.ellipsisMask, i)) ellipses++;
  if (ellipses > 1) fail('Multiple ellipses in slice spec not allowed');

  // Sparse spec: one entry per begin/end/strides element, plus an implicit trailing ellipsis.
  let sparseDims = begin.length;
  let ellipsisMask = args.ellipsisMask;
  let newAxesAfterEllipsis = 0;
  let ellipsisSeen = false;
  for (let i = 0; i < sparseDims; i++) {
    if (ellipsisSeen && bit(args.newAxisMask, i)) newAxesAfterEllipsis++;
    if (bit(ellipsisMask, i)) ellipsisSeen = true;
  }
  if (!ellipsisSeen) {
    ellipsisMask |= 1 << sparseDims;
    sparseDims++;
  }

  // Dense spec: one entry per input dimension; `gather` maps output dims to input dims.
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
      const next = Math.min(rank - (sparseDims - i) + 1 + newAxesAfterEllipsis, rank);
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
        dShrink[full] = true;
        gather.push(SHRINK_AXIS);
      } else {
        gather.push(full);
      }
      full++;
    }
  }

  const walkBegin: number[] = [];
  const sizes: number[] = [];
  for (let d = 0; d < rank; d++) {
    const stride = dStrides[d] as number;
    const dim = inputShape[d] as number;
    if (stride === 0) fail(`strides[${d}] must be non-zero`);
    let first: number;
    let size: number;
    if (dShrink[d]) {
      if (stride <= 0) fail('only stride 1 allowed on non-range indexing.');
      const b = dBegin[d] as number;
      first = b < 0 ? dim + b : b;
      if (first < 0 || first >= dim) fail(`slice index ${b} of dimension ${d} out of bounds.`);
      size = 1;
    } else {
      // Valid index range for the stride's direction: [0, dim] forward, [-1, dim - 1] backward.
      const lo = stride > 0 ? 0 : -1;
      const hi = stride > 0 ? dim : dim - 1;
      const canonical = (x: number, masked: boolean, isEnd: boolean): number => {
        if (masked) return (stride > 0) !== isEnd ? lo : hi;
        const fwd = x < 0 ? dim + x : x;
        return fwd < lo ? lo : fwd > hi ? hi : fwd;
      };
      first = canonical(dBegin[d] as number, dBeginMask[d] as boolean, false);
      const stop = canonical(dEnd[d] as number, dEndMask[d] as boolean, true);
      const interval = stop - first;
      size = interval === 0 || (interval < 0) !== (stride < 0) ? 0 : Math.ceil(interval / stride);
    }
    walkBegin.push(size === 0 ? 0 : first);
    sizes.push(size);
  }

  const outputShape: number[] = [];
  for (const g of gather) {
    if (g >= 0) outputShape.push(sizes[g] as number);
    else if (g === NEW_AXIS) outputShape.push(1);
  }
  return { begin: walkBegin, strides: dStrides, sizes, outputShape };
}

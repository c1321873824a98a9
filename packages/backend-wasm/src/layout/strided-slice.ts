/**
 * TensorFlow's StridedSlice semantics (strided_slice_op.cc, ValidateStridedSliceOp): turns
 * begin/end/strides and the five masks into, for each input dimension, where the slice starts,
 * its step and how many elements it takes. Core has already inferred and checked the output
 * shape; this only needs the walk.
 */
export interface DimSlice {
  readonly start: number;
  readonly step: number;
  readonly count: number;
}

export interface StridedSliceSpec {
  readonly begin: readonly number[];
  readonly end: readonly number[];
  readonly strides: readonly number[];
  readonly beginMask: number;
  readonly endMask: number;
  readonly ellipsisMask: number;
  readonly newAxisMask: number;
  readonly shrinkAxisMask: number;
}

export function stridedSliceDims(inShape: readonly number[], spec: StridedSliceSpec): DimSlice[] {
  const n = spec.begin.length;
  // expand the sparse spec (with ellipsis and new axes) into one entry per input dimension
  const dense: { begin: number; end: number; stride: number; bMask: boolean; eMask: boolean; shrink: boolean }[] = [];
  let ellipsisSeen = false;
  const realSpecDims = (): number => {
    let c = 0;
    for (let i = 0; i < n; i++) if (!((spec.newAxisMask >> i) & 1) && !((spec.ellipsisMask >> i) & 1)) c++;
    return c;
  };
  for (let i = 0; i < n; i++) {
    const bit = 1 << i;
    if (spec.ellipsisMask & bit) {
      if (ellipsisSeen) throw new RangeError('Multiple ellipses in slice spec not allowed');
      ellipsisSeen = true;
      const fill = inShape.length - realSpecDims();
      for (let k = 0; k < fill; k++) dense.push({ begin: 0, end: 0, stride: 1, bMask: true, eMask: true, shrink: false });
      continue;
    }
    if (spec.newAxisMask & bit) continue; // a new axis of size 1 reads nothing from the input
    dense.push({
      begin: spec.begin[i] as number, end: spec.end[i] as number, stride: spec.strides[i] as number,
      bMask: (spec.beginMask & bit) !== 0, eMask: (spec.endMask & bit) !== 0, shrink: (spec.shrinkAxisMask & bit) !== 0,
    });
  }
  while (dense.length < inShape.length) dense.push({ begin: 0, end: 0, stride: 1, bMask: true, eMask: true, shrink: false });
  if (dense.length > inShape.length) throw new RangeError(`slice spec has more dimensions than the input's ${inShape.length}`);

  return dense.map((d, i) => {
    const dim = inShape[i] as number;
    if (d.stride === 0) throw new RangeError(`strides[${i}] must be non-zero`);
    const canon = (x: number): number => {
      if (d.shrink) return x < 0 ? x + dim : x;
      const lo = d.stride > 0 ? 0 : -1, hi = d.stride > 0 ? dim : dim - 1;
      const v = x < 0 ? x + dim : x;
      return Math.min(Math.max(v, lo), hi);
    };
    if (d.shrink) {
      const b = canon(d.begin);
      if (b < 0 || b >= dim) throw new RangeError(`slice index ${d.begin} of dimension ${i} out of bounds.`);
      return { start: b, step: 1, count: 1 };
    }
    const start = d.bMask ? (d.stride > 0 ? 0 : dim - 1) : canon(d.begin);
    const stop = d.eMask ? (d.stride > 0 ? dim : -1) : canon(d.end);
    const span = d.stride > 0 ? stop - start : start - stop;
    const step = Math.abs(d.stride);
    const count = span <= 0 ? 0 : Math.ceil(span / step);
    return { start, step: d.stride, count };
  });
}

import { readElement } from '../../dtypes/element-codec.js';
import { broadcastGradientArgs } from '../broadcast.js';
import { validateStridedSlice } from '../strided-slice.js';
import { TensorShape } from '../tensor-shape.js';
import type { Dim } from '../tensor-shape.js';
import { withContext } from './context.js';
import { axisFromScalarInput, scalarShape, unchangedShape } from './common.js';
import type { ShapeFn, ShapeFnTable } from './shape-fn.js';

/** TensorFlow's `SetOutputShapeForReshape`, plus the kernel's checks once values are known. */
const reshape: ShapeFn = (c) => {
  const input = c.input(0);
  const sizes = c.inputInts(1);
  if (sizes !== undefined) {
    const unknown = sizes.flatMap((d, i) => (d === -1 ? [i] : []));
    if (unknown.length > 1) c.fail(`Only one input size may be -1, not both ${unknown[0]} and ${unknown[1]}`);
  }
  let out = c.shapeFromShapeTensor(1);
  if (out.dims === null || input.dims === null) return [out];

  const product = (dims: readonly Dim[]): { known: number; unknownAt: number[] } => {
    let known = 1;
    const unknownAt: number[] = [];
    dims.forEach((d, i) => (d === null ? unknownAt.push(i) : (known *= d)));
    return { known, unknownAt };
  };
  const o = product(out.dims);
  const i = product(input.dims);
  if (o.unknownAt.length > 1 || i.unknownAt.length > 1) return [out];
  if (i.unknownAt.length === 0 && o.unknownAt.length === 0) {
    if (i.known !== o.known) {
      c.fail(`Cannot reshape a tensor with ${i.known} elements to shape ${out.toDebugString()} (${o.known} elements)`);
    }
  } else if (i.unknownAt.length === 0 && o.unknownAt.length === 1) {
    if (o.known > 0) {
      out = c.replaceDim(out, o.unknownAt[0] as number, c.divideDim(i.known, o.known, true));
    } else {
      c.fail(`Reshape cannot infer the missing input size for an empty tensor unless all specified input sizes are non-zero`);
    }
  } else if (i.unknownAt.length === 1 && o.unknownAt.length === 0) {
    if (i.known !== 0) c.divideDim(o.known, i.known, true);
  } else if (i.known === o.known) {
    out = c.replaceDim(out, o.unknownAt[0] as number, input.dim(i.unknownAt[0] as number));
  }
  return [out];
};

const squeeze: ShapeFn = (c) => {
  const input = c.input(0);
  if (input.dims === null) return [TensorShape.unknown()];
  const rank = input.dims.length;
  const squeezeDims = c.attrInts('squeeze_dims');
  const explicit = new Set<number>();
  for (const d of squeezeDims) {
    if (d < -rank || d >= rank) c.fail(`Tried to squeeze dim index ${d} for tensor with ${rank} dimensions.`);
    explicit.add(d < 0 ? d + rank : d);
  }
  const dims: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const d = input.dims[i] as Dim;
    const isExplicit = explicit.has(i);
    if (d === null) {
      // An explicitly squeezed unknown dim is assumed to be 1; with no list we cannot tell.
      if (isExplicit) continue;
      if (squeezeDims.length === 0) return [TensorShape.unknown()];
    } else if (d === 1) {
      if (isExplicit || squeezeDims.length === 0) continue;
    } else if (isExplicit) {
      c.fail(`Can not squeeze dim[${i}], expected a dimension of 1, got ${d}`);
    }
    dims.push(d);
  }
  return [new TensorShape(dims)];
};

const expandDims: ShapeFn = (c) => {
  const input = c.input(0);
  const values = c.inputInts(1);
  if (values !== undefined && values.length !== 1) c.fail(`'dim' input must be a tensor with a single value`);
  if (values === undefined || input.dims === null) return [TensorShape.unknown()];
  const rank = input.dims.length;
  let dim = values[0] as number;
  const minDim = -1 - rank;
  if (dim < minDim || dim > rank) c.fail(`dim ${dim} not in the interval [${minDim}, ${rank}].`);
  if (dim < 0) dim += rank + 1;
  return [new TensorShape([...input.dims.slice(0, dim), 1, ...input.dims.slice(dim)])];
};

const transpose: ShapeFn = (c) => {
  const input = c.input(0);
  const permShape = c.withRankAtMost(c.input(1), 1);
  const perm = c.inputInts(1);
  let rank: number;
  if (input.rank !== null) rank = input.rank;
  else if (permShape.rank === 1 && permShape.dim(0) !== null) rank = permShape.dim(0) as number;
  else if (perm !== undefined) rank = perm.length;
  else return [TensorShape.unknown()];
  // A one-element permutation is ambiguous between a scalar and a vector; both come back unchanged.
  if (input.rank === null && rank < 2) return [input];
  const shaped = c.withRank(input, rank);
  if (permShape.rank === 1) c.withValue(permShape.dim(0), rank);
  if (perm === undefined) {
    const known = shaped.dims as readonly Dim[];
    const same = known.length > 0 && known.every((d) => d !== null && d === known[0]);
    return [new TensorShape(known.map(() => (same ? (known[0] as Dim) : null)))];
  }
  if (perm.length !== rank) c.fail(`Dimension must be ${rank} but is ${perm.length}`);
  const seen = new Set<number>();
  const dims = perm.map((p) => {
    if (p < 0 || p >= rank) c.fail(`perm dim ${p} is out of range of input rank ${rank}`);
    seen.add(p);
    return shaped.dim(p);
  });
  if (seen.size !== rank) {
    const missing = [...Array(rank).keys()].find((k) => !seen.has(k));
    c.fail(`${missing} is missing from {${perm.join(',')}}.`);
  }
  return [new TensorShape(dims)];
};

/** TensorFlow's `ConcatShapeHelper` for ConcatV2 (values then a scalar axis). */
const concatV2: ShapeFn = (c) => {
  const n = c.numInputs - 1;
  c.withRank(c.input(n), 0);
  const axisValue = c.inputScalarInt(n);
  if (axisValue === undefined) {
    let rank: number | null = null;
    for (let i = 0; i < n; i++) {
      const r = c.input(i).rank;
      if (r !== null) {
        if (rank === null) rank = r;
        else c.withRank(c.input(i), rank);
      }
    }
    if (rank === null) return [TensorShape.unknown()];
    if (rank === 0) c.fail(`Can't concatenate scalars (use tf.stack instead)`);
    return [TensorShape.unknownOfRank(rank)];
  }
  const minRank = axisValue < 0 ? -axisValue : axisValue + 1;
  let rank: number | null = null;
  for (let i = 0; i < n; i++) {
    const s = c.withRankAtLeast(c.input(i), minRank);
    if (rank === null && s.rank !== null) rank = s.rank;
  }
  if (rank === null) return [TensorShape.unknown()];
  const axis = axisValue < 0 ? axisValue + rank : axisValue;
  let last = c.withRank(c.input(n - 1), rank);
  let before = c.subshape(last, 0, axis);
  let middle = last.dim(axis);
  let after = c.subshape(last, axis + 1);
  for (let i = n - 2; i >= 0; i--) {
    last = c.withRankAtLeast(c.input(i), minRank);
    before = c.merge(c.subshape(last, 0, axis), before);
    middle = c.addDim(middle, last.dims === null ? null : last.dim(axis));
    after = c.merge(c.subshape(last, axis + 1), after);
  }
  return [before.concatenate([middle]).concatenate(after)];
};

const pack: ShapeFn = (c) => {
  let cur = c.input(c.numInputs - 1);
  for (let i = c.numInputs - 2; i >= 0; i--) {
    cur = withContext(() => c.merge(c.input(i), cur), `From merging shape ${i} with other shapes.`);
  }
  if (cur.dims === null) return [TensorShape.unknown()];
  const rank = cur.dims.length;
  let axis = c.attrInt('axis');
  if (axis < -(rank + 1) || axis >= rank + 1) c.fail(`Invalid axis: ${axis}; must be in [${-(rank + 1)},${rank + 1})`);
  if (axis < 0) axis += rank + 1;
  return [new TensorShape([...cur.dims.slice(0, axis), c.numInputs, ...cur.dims.slice(axis)])];
};

const unpack: ShapeFn = (c) => {
  const s = c.input(0);
  let out = s;
  if (s.dims !== null) {
    const rank = s.dims.length;
    let axis = c.attrInt('axis');
    if (axis < -rank || axis >= rank) c.fail(`Invalid axis: ${axis}; must be in [${-rank},${rank})`);
    if (axis < 0) axis += rank;
    c.withValue(s.dim(axis), c.numOutputs);
    out = new TensorShape(s.dims.filter((_, i) => i !== axis));
  }
  return new Array<TensorShape>(c.numOutputs).fill(out);
};

const split: ShapeFn = (c) => {
  const input = c.input(1);
  const axis = axisFromScalarInput(c, 0, input.rank);
  const numSplit = c.numOutputs;
  let out: TensorShape;
  if (axis === null) {
    out = input.rank === null ? TensorShape.unknown() : TensorShape.unknownOfRank(input.rank);
  } else {
    const s = c.withRankAtLeast(input, axis + 1);
    const size = withContext(() => c.divideDim(s.dims === null ? null : s.dim(axis), numSplit, true),
      'Number of ways to split should evenly divide the split dimension');
    out = c.replaceDim(s, axis, size);
  }
  return new Array<TensorShape>(numSplit).fill(out);
};

const splitV: ShapeFn = (c) => {
  const input = c.input(0);
  const numOutputs = c.numOutputs;
  const sizesShape = c.withRank(c.input(1), 1);
  const n = sizesShape.dim(0);
  if (n !== null && n !== numOutputs) {
    c.fail(`Length of size_splits should be equal to num_outputs, but is ${n} and ${numOutputs}`);
  }
  const axis = axisFromScalarInput(c, 2, input.rank);
  if (axis === null) {
    return new Array<TensorShape>(numOutputs).fill(input.rank === null ? TensorShape.unknown() : TensorShape.unknownOfRank(input.rank));
  }
  const s = c.withRankAtLeast(input, axis + 1);
  const sizes = c.inputInts(1);
  if (sizes === undefined) return new Array<TensorShape>(numOutputs).fill(c.replaceDim(s, axis, null));
  const dimSize = s.dims === null ? null : s.dim(axis);
  let total = 0;
  let inferAt = -1;
  sizes.forEach((size, i) => {
    if (size === -1) {
      if (inferAt !== -1) c.fail('Only one dimensions can have a value of -1. Second one found at dimension ' + i);
      inferAt = i;
    } else if (size < 0) {
      c.fail(`Split sizes must be non-negative or -1, but size_splits[${i}] is ${size}`);
    } else {
      total += size;
    }
  });
  if (dimSize !== null && ((inferAt === -1 && total !== dimSize) || (inferAt !== -1 && total > dimSize))) {
    c.fail(`Determined shape must either match input shape along split_dim exactly if fully specified, or be less than the size of the input along split_dim if not fully specified.  Got: ${total}`);
  }
  return sizes.map((size, i) => {
    const d: Dim = i === inferAt ? (dimSize === null ? null : dimSize - total) : size;
    return c.replaceDim(s, axis, d);
  });
};

const slice: ShapeFn = (c) => {
  const input = c.input(0);
  const beginShape = c.withRank(c.input(1), 1);
  const sizesShape = c.withRank(c.input(2), 1);
  const ndims = c.merge(beginShape, sizesShape).dim(0);
  const shaped = ndims === null ? input : c.withRank(input, ndims);
  const begin = c.inputInts(1);
  const sizes = c.inputInts(2);
  if (begin !== undefined && sizes !== undefined) {
    if (begin.length !== sizes.length) c.fail(`Expected begin and size arguments to be 1-D tensors of the same size`);
    const s = c.withRank(shaped, begin.length);
    return [new TensorShape(begin.map((b, i) => {
      const dim = s.dim(i);
      const size = sizes[i] as number;
      if (size < -1) c.fail(`Out of bounds slicing on dimension ${i} of length ${dim ?? -1}: sizes vector cannot be < -1, but was ${size}`);
      if (dim !== null) {
        if (b < 0 || b > dim) c.fail(`Expected begin[${i}] in [0, ${dim}], but got ${b}`);
        if (size !== -1 && size > dim - b) c.fail(`Expected size[${i}] in [0, ${dim - b}], but got ${size}`);
      } else if (b < 0) {
        c.fail(`Expected begin[${i}] to be non-negative, but got ${b}`);
      }
      return size === -1 ? c.subtractDim(dim, b) : size;
    }))];
  }
  const rank = shaped.rank ?? ndims;
  if (rank === null) return [TensorShape.unknown()];
  if (sizes !== undefined) return [new TensorShape(sizes.map((size) => (size === -1 ? null : size)))];
  return [TensorShape.unknownOfRank(rank)];
};

const stridedSlice: ShapeFn = (c) => {
  const input = c.input(0);
  let vecShape = c.withRank(c.input(1), 1);
  vecShape = c.merge(vecShape, c.withRank(c.input(2), 1));
  vecShape = c.merge(vecShape, c.withRank(c.input(3), 1));
  const strides = c.inputInts(3);
  if (input.dims === null || vecShape.dim(0) === null || strides === undefined) return [TensorShape.unknown()];
  const begin = c.inputInts(1);
  const end = c.inputInts(2);
  const spec = validateStridedSlice({
    inputShape: input.dims,
    ...(begin === undefined ? {} : { begin }),
    ...(end === undefined ? {} : { end }),
    strides,
    beginMask: c.attrInt('begin_mask'),
    endMask: c.attrInt('end_mask'),
    ellipsisMask: c.attrInt('ellipsis_mask'),
    newAxisMask: c.attrInt('new_axis_mask'),
    shrinkAxisMask: c.attrInt('shrink_axis_mask'),
  });
  return [new TensorShape(spec.finalShape)];
};

const gatherV2: ShapeFn = (c) => {
  c.withRankAtMost(c.input(2), 1);
  const params = c.withRankAtLeast(c.input(0), 1);
  const indices = c.input(1);
  let batchDims = c.attrInt('batch_dims');
  const axisValue = c.inputScalarInt(2);
  if (axisValue === undefined) {
    if (params.rank !== null && indices.rank !== null) {
      const bd = batchDims < 0 ? batchDims + indices.rank : batchDims;
      c.withRankAtLeast(params, bd + 1);
      return [TensorShape.unknownOfRank(params.rank + indices.rank - 1 - bd)];
    }
    return [TensorShape.unknown()];
  }
  c.withRankAtLeast(params, axisValue < 0 ? -axisValue : axisValue + 1);
  c.withRankAtLeast(indices, Math.abs(batchDims));
  if (batchDims < 0 && indices.rank !== null) batchDims += indices.rank;
  c.withRankAtLeast(params, batchDims + 1);
  if (params.rank !== null) {
    const axis = axisValue < 0 ? axisValue + params.rank : axisValue;
    if (batchDims > axis) c.fail(`batch_dims (${batchDims}) must be less than or equal to axis (${axis}).`);
    if (indices.rank !== null) {
      for (let i = 0; i < batchDims; i++) {
        const p = params.dim(i);
        const q = indices.dim(i);
        if (p !== null && q !== null && p !== q) {
          c.fail(`params.shape[${i}]: ${p} should be equal to indices.shape[${i}]: ${q}`);
        }
      }
    }
  }
  let out = c.subshape(params, 0, axisValue).concatenate(c.subshape(indices, batchDims));
  if (axisValue !== -1) out = out.concatenate(c.subshape(params, axisValue + 1));
  return [out];
};

const tile: ShapeFn = (c) => {
  const input = c.input(0);
  const multiplesShape = c.withRank(c.input(1), 1);
  if (input.rank !== null) c.withValue(multiplesShape.dim(0), input.rank);
  const multiples = c.inputInts(1);
  if (multiples === undefined) {
    const n = input.rank ?? multiplesShape.dim(0);
    return [n === null ? TensorShape.unknown() : TensorShape.unknownOfRank(n)];
  }
  const shaped = c.withRank(input, multiples.length);
  return [new TensorShape(multiples.map((m, i) => {
    if (m < 0) c.fail(`Expected multiples argument to be non-negative, but got ${m}`);
    return c.multiplyDim(shaped.dim(i), m);
  }))];
};

/** TensorFlow's `PadShapeFn` (Pad, PadV2). */
const pad: ShapeFn = (c) => {
  const paddingsShape = c.withRank(c.input(1), 2);
  c.withValue(paddingsShape.dim(1), 2);
  if (c.numInputs > 2) c.withRank(c.input(2), 0);
  let input = c.input(0);
  let n = paddingsShape.dim(0);
  if (n !== null) input = c.withRank(input, n);
  else if (input.rank !== null) n = input.rank;
  const paddings = c.inputInts(1);
  if (paddings === undefined) return [n === null ? TensorShape.unknown() : TensorShape.unknownOfRank(n)];
  const rank = paddings.length / 2;
  input = c.withRank(input, rank);
  return [new TensorShape(Array.from({ length: rank }, (_, i) => {
    const before = paddings[2 * i] as number;
    const after = paddings[2 * i + 1] as number;
    if (before < 0 || after < 0) c.fail('Paddings must be non-negative');
    return c.addDim(input.dim(i), before + after);
  }))];
};

const fill: ShapeFn = (c) => {
  c.withRank(c.input(0), 1);
  c.withRank(c.input(1), 0);
  const dims = c.inputInts(0);
  if (dims !== undefined && dims.some((d) => d < 0)) c.fail('Fill dimensions must be >= 0');
  return [c.shapeFromShapeTensor(0)];
};

const shape: ShapeFn = (c) => [new TensorShape([c.input(0).rank])];

const oneHot: ShapeFn = (c) => {
  const indices = c.input(0);
  c.withRank(c.input(1), 0);
  c.withRank(c.input(2), 0);
  c.withRank(c.input(3), 0);
  const axis = c.attrInt('axis');
  if (axis < -1) c.fail('axis must be >= -1');
  const depth = c.inputScalarInt(1);
  if (depth !== undefined && depth < 0) c.fail(`depth must be non-negative, got: ${depth}`);
  if (indices.dims === null) return [TensorShape.unknown()];
  const rank = indices.dims.length;
  if (axis > rank) c.fail(`Expected axis to be -1 or between [0, ${rank + 1}).  But received: ${axis}`);
  const at = axis === -1 ? rank : axis;
  return [new TensorShape([...indices.dims.slice(0, at), depth ?? null, ...indices.dims.slice(at)])];
};

/** Rows of coordinates: unknown until the data is known (the host executor passes it). */
const where: ShapeFn = (c) => {
  const input = c.input(0);
  const value = c.inputValue(0);
  let count: number | null = null;
  if (value !== undefined) {
    count = 0;
    const n = value.shape.reduce((a, b) => a * b, 1);
    for (let i = 0; i < n; i++) {
      const v = readElement(value.dtype, value.data, i);
      const nonzero = typeof v === 'object' ? v.re !== 0 || v.im !== 0 : typeof v === 'bigint' ? v !== 0n : Boolean(v);
      if (nonzero) count++;
    }
  }
  return [new TensorShape([count, input.rank])];
};

const broadcastGradientArgsShape: ShapeFn = (c) => {
  c.withRank(c.input(0), 1);
  c.withRank(c.input(1), 1);
  const s0 = c.inputInts(0);
  const s1 = c.inputInts(1);
  if (s0 === undefined || s1 === undefined) return [new TensorShape([null]), new TensorShape([null])];
  const r = broadcastGradientArgs(s0, s1);
  return [new TensorShape([r[0].length]), new TensorShape([r[1].length])];
};

export const ARRAY_SHAPE_FNS: ShapeFnTable = Object.freeze({
  Identity: unchangedShape,
  StopGradient: unchangedShape,
  ZerosLike: unchangedShape,
  OnesLike: unchangedShape,
  Reshape: reshape,
  Squeeze: squeeze,
  ExpandDims: expandDims,
  Transpose: transpose,
  ConcatV2: concatV2,
  Pack: pack,
  Unpack: unpack,
  Split: split,
  SplitV: splitV,
  Slice: slice,
  StridedSlice: stridedSlice,
  GatherV2: gatherV2,
  Tile: tile,
  Pad: pad,
  PadV2: pad,
  Fill: fill,
  Shape: shape,
  Size: scalarShape,
  Rank: scalarShape,
  OneHot: oneHot,
  Where: where,
  BroadcastGradientArgs: broadcastGradientArgsShape,
});

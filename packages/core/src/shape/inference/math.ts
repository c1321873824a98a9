import { TensorShape } from '../tensor-shape.js';
import type { Dim } from '../tensor-shape.js';
import { withContext } from './context.js';
import type { InferenceContext } from './context.js';
import { broadcastBinary, broadcastShapes, unchangedShape } from './common.js';
import type { ShapeFn, ShapeFnTable } from './shape-fn.js';

/** TensorFlow's `ReductionShape` (Sum, Mean, Prod, Max, Min, All, Any). */
const reduction: ShapeFn = (c) => {
  const input = c.input(0);
  c.withRankAtMost(c.input(1), 1);
  const keepDims = c.attrBool('keep_dims');
  const axes = c.inputInts(1);
  if (axes === undefined || input.dims === null) {
    return [keepDims && input.rank !== null ? TensorShape.unknownOfRank(input.rank) : TensorShape.unknown()];
  }
  const rank = input.dims.length;
  const reduced = new Set<number>();
  for (const axis of axes) {
    if (axis < -rank || axis >= rank) c.fail(`Invalid reduction dimension ${axis} for input with ${rank} dimensions.`);
    reduced.add(axis < 0 ? axis + rank : axis);
  }
  const dims: Dim[] = [];
  input.dims.forEach((d, i) => {
    if (!reduced.has(i)) dims.push(d);
    else if (keepDims) dims.push(1);
  });
  return [new TensorShape(dims)];
};

/** TensorFlow's `ArgOpShape` (ArgMax, ArgMin). */
const argReduction: ShapeFn = (c) => {
  const input = c.withRankAtLeast(c.input(0), 1);
  c.withRankAtMost(c.input(1), 0);
  if (input.dims === null) return [TensorShape.unknown()];
  const rank = input.dims.length;
  if (rank <= 1) return [TensorShape.scalar()];
  const axis = c.inputScalarInt(1);
  if (axis === undefined) return [TensorShape.unknownOfRank(rank - 1)];
  if (axis < -rank || axis >= rank) {
    c.fail(`Dimension (${axis}) must be in the range [${-rank}, ${rank}), where ${rank} is the number of dimensions in the input.`);
  }
  const normalized = axis < 0 ? axis + rank : axis;
  return [new TensorShape(input.dims.filter((_, i) => i !== normalized))];
};

const matMul: ShapeFn = (c) => {
  const a = c.withRank(c.input(0), 2);
  const b = c.withRank(c.input(1), 2);
  const ta = c.attrBool('transpose_a');
  const tb = c.attrBool('transpose_b');
  const rows = a.dim(ta ? 1 : 0);
  const cols = b.dim(tb ? 0 : 1);
  c.mergeDim(a.dim(ta ? 0 : 1), b.dim(tb ? 1 : 0));
  return [new TensorShape([rows, cols])];
};

const batchMatMulV2: ShapeFn = (c) => {
  const a = c.withRankAtLeast(c.input(0), 2);
  const b = c.withRankAtLeast(c.input(1), 2);
  if (a.dims === null || b.dims === null) return [TensorShape.unknown()];
  const adjX = c.attrBool('adj_x');
  const adjY = c.attrBool('adj_y');
  const rows = a.dim(adjX ? -1 : -2);
  const cols = b.dim(adjY ? -2 : -1);
  c.mergeDim(a.dim(adjX ? -2 : -1), b.dim(adjY ? -1 : -2));
  const batch = broadcastShapes(c, c.subshape(a, 0, -2), c.subshape(b, 0, -2));
  return [batch.concatenate([rows, cols])];
};

/** TensorFlow's Select shape function (TF1 `Select`, not `SelectV2`). */
const select: ShapeFn = (c) => {
  const data = c.merge(c.input(1), c.input(2));
  const cond = c.input(0);
  if (cond.rank === null || data.rank === null) return [data];
  if (cond.rank === 0) return [data];
  if (cond.rank !== 1 || data.rank === 0) return [c.merge(data, cond)];
  c.merge(cond, new TensorShape([data.dim(0)]));
  return [data];
};

const addN: ShapeFn = (c) => {
  let cur = c.input(c.numInputs - 1);
  for (let i = c.numInputs - 2; i >= 0 && cur.rank === null; i--) cur = c.input(i);
  for (let i = c.numInputs - 1; i >= 0; i--) {
    cur = withContext(() => c.merge(c.input(i), cur), `From merging shape ${i} with other shapes.`);
  }
  return [cur];
};

const range: ShapeFn = (c) => {
  const names = ['start', 'limit', 'delta'];
  names.forEach((name, i) => withContext(() => c.withRank(c.input(i), 0), `for '${name}'`));
  const [start, limit, delta] = [0, 1, 2].map((i) => c.inputNumbers(i)?.[0]);
  if (start === undefined || limit === undefined || delta === undefined) return [new TensorShape([null])];
  if (start > limit && delta > 0) c.fail(`Requires start <= limit when delta > 0: ${start}/${limit}`);
  if (start < limit && delta < 0) c.fail(`Requires start >= limit when delta < 0: ${start}/${limit}`);
  if (delta === 0) c.fail('Requires delta != 0');
  const integral = c.inputDType(0) === 'int32' || c.inputDType(0) === 'int64';
  const size = integral
    ? Math.floor((Math.abs(limit - start) + Math.abs(delta) - 1) / Math.abs(delta))
    : Math.ceil(Math.abs((limit - start) / delta));
  return [new TensorShape([size])];
};

/** Unchanged shape; the kernel requires each bound to be a scalar or of t's shape. */
const clipByValue: ShapeFn = (c: InferenceContext) => {
  const t = c.input(0);
  const [lo, hi] = [c.input(1), c.input(2)];
  const fits = (b: TensorShape): boolean => b.rank === null || b.rank === 0 || b.isCompatibleWith(t);
  if (!fits(lo) || !fits(hi)) {
    c.fail(`clip_value_min and clip_value_max must be either scalars or have the same shape as the input t: t.shape = ${t.toDebugString()}, clip_value_min.shape = ${lo.toDebugString()}, clip_value_max.shape = ${hi.toDebugString()}`);
  }
  return [t];
};

const BROADCAST_BINARY_OPS = [
  'Add', 'AddV2', 'Sub', 'Mul', 'RealDiv', 'Div', 'FloorDiv', 'FloorMod', 'TruncateMod', 'Pow',
  'Maximum', 'Minimum', 'SquaredDifference', 'Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater',
  'GreaterEqual', 'LogicalAnd', 'LogicalOr',
];
const UNARY_OPS = [
  'LogicalNot', 'Neg', 'Abs', 'Sign', 'Square', 'Sqrt', 'Rsqrt', 'Reciprocal', 'Exp', 'Log', 'Log1p',
  'Sin', 'Cos', 'Floor', 'Ceil', 'Round', 'Cast',
];

export const MATH_SHAPE_FNS: ShapeFnTable = Object.freeze({
  ...Object.fromEntries(BROADCAST_BINARY_OPS.map((op) => [op, broadcastBinary])),
  ...Object.fromEntries(UNARY_OPS.map((op) => [op, unchangedShape])),
  ClipByValue: clipByValue,
  Select: select,
  AddN: addN,
  MatMul: matMul,
  BatchMatMulV2: batchMatMulV2,
  Sum: reduction, Mean: reduction, Prod: reduction, Max: reduction, Min: reduction, All: reduction, Any: reduction,
  ArgMax: argReduction, ArgMin: argReduction,
  Range: range,
});

// Gradients of shape-changing, joining, slicing and gathering ops (TensorFlow's array_grad.py).
import { ValueError } from '../errors.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import {
  argMax, concat, constant, matMul, mod, oneHot, pad, rank, reduceSum, reshape, shape, slice, split, squeeze, stack,
  sub, transpose, unstack,
} from '../ops/index.js';
import { genOp1 } from '../ops/op-inputs.js';
import { constantInts } from './grad-ops.js';
import type { GradientFunction } from './registry.js';

const input = (op: Operation, i: number): Tensor => op.inputs[i] as Tensor;
const first = (grads: readonly (Tensor | null)[]): Tensor => grads[0] as Tensor;

const identityGrad: GradientFunction = (_op, grads) => [first(grads)];

/** `reshape(grad, shape(input))` (TensorFlow's `_ReshapeToInput`). */
const reshapeToInput = (op: Operation, grad: Tensor): Tensor => reshape(grad, shape(input(op, 0)));

const reshapeGrad: GradientFunction = (op, grads) => [reshapeToInput(op, first(grads)), null];
const squeezeGrad: GradientFunction = (op, grads) => [reshapeToInput(op, first(grads))];
const expandDimsGrad: GradientFunction = (op, grads) => [reshapeToInput(op, first(grads)), null];

/**
 * The inverse of a permutation. TensorFlow builds `InvertPermutation`, which varscope's schema
 * lacks: a constant when the permutation is, else `argmax(one_hot(p, n), axis 0)` (column j
 * of the permutation matrix has its one at the position i with p[i] = j).
 */
function invertPermutation(p: Tensor): Tensor {
  const values = constantInts(p);
  if (values !== undefined) {
    const inv = new Array<number>(values.length);
    values.forEach((v, i) => { inv[v] = i; });
    return constant(inv, { dtype: p.dtype });
  }
  const n = genOp1({ type: 'Size', inputs: [p], attrs: { out_type: 'int32' } });
  return argMax(oneHot(p, n, { dtype: 'int32' }), { axis: 0, outputType: p.dtype });
}

const transposeGrad: GradientFunction = (op, grads) => [transpose(first(grads), { perm: invertPermutation(input(op, 1)) }), null];

/**
 * ConcatV2: each input's slice of the gradient. TensorFlow slices with `ConcatOffset` for up
 * to 16 inputs and splits above; varscope's schema has no `ConcatOffset`, so it always splits
 * (`SplitV` on the inputs' sizes along the axis), TensorFlow's own many-input path.
 */
const concatGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const n = op.inputs.length - 1;
  const values = op.inputs.slice(0, n);
  const axis = input(op, n);
  if (n === 1) return [grad, null];
  const nonNegAxis = mod(axis, rank(values[0] as Tensor));
  const sizes = values.map((v) => shape(v));
  const along = squeeze(slice(stack(sizes, { axis: 1 }), stack([nonNegAxis, 0]), [1, -1]));
  const parts = split(grad, along, { axis: nonNegAxis, num: n });
  return [...parts, null];
};

const packGrad: GradientFunction = (op, grads) =>
  unstack(first(grads), { num: op.attrs.N as number, axis: op.attrs.axis as number });

const unpackGrad: GradientFunction = (op, grads) => [stack(grads as Tensor[], { axis: op.attrs.axis as number })];

const splitGrad: GradientFunction = (op, grads) => [null, concat(grads as Tensor[], input(op, 0))];
const splitVGrad: GradientFunction = (op, grads) => [concat(grads as Tensor[], input(op, 2)), null, null];

const sliceGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const x = input(op, 0);
  const begin = input(op, 1);
  const inputRank = rank(x);
  const sliceSize = shape(op.outputs[0] as Tensor);
  const padShape = stack([inputRank, 1]);
  const beforePad = reshape(begin, padShape);
  const afterPad = reshape(sub(sub(shape(x, { outType: begin.dtype === 'int64' ? 'int64' : 'int32' }), sliceSize), begin), padShape);
  const paddings = concat([beforePad, afterPad], 1);
  return [pad(grad, paddings), null, null];
};

const padGrad: GradientFunction = (op, grads) => {
  const x = input(op, 0);
  const a = input(op, 1);
  const padBefore = slice(a, [0, 0], stack([rank(x), 1]));
  const begin = reshape(padBefore, [-1]);
  const sizes = shape(x);
  const xGrad = slice(first(grads), begin, sizes);
  return op.inputs.length === 3 ? [xGrad, null, null] : [xGrad, null];
};

const tileGrad: GradientFunction = (op, grads) => {
  const multiples = input(op, 1);
  const inputShape = shape(input(op, 0), { outType: multiples.dtype === 'int64' ? 'int64' : 'int32' });
  const splitShape = reshape(transpose(stack([multiples, inputShape])), [-1]);
  const axes = genOp1({ type: 'Range', inputs: [0, genOp1({ type: 'Size', inputs: [splitShape], attrs: { out_type: 'int32' } }), 2] });
  const inputGrad = reduceSum(reshape(first(grads), splitShape), { axis: axes });
  inputGrad.setShape(input(op, 0).shape);
  return [inputGrad, null];
};

const fillGrad: GradientFunction = (_op, grads) => [null, reduceSum(first(grads))];

/**
 * GatherV2: TensorFlow returns `IndexedSlices` and densifies them with `UnsortedSegmentSum`;
 * varscope has neither, so the dense gradient is built directly as
 * `one_hot(indices, n)ᵀ · grad` (repeated indices add up, as segment sums do). The axis must be
 * a constant and the ranks of params and indices known; `batch_dims` must be 0.
 */
const gatherGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const params = input(op, 0);
  const indices = input(op, 1);
  const axisValue = constantInts(input(op, 2))?.[0];
  const pr = params.shape.rank;
  const ir = indices.shape.rank;
  if ((op.attrs.batch_dims ?? 0) !== 0) throw new ValueError(`Gradient of GatherV2 '${op.name}' with batch_dims != 0 is not supported`);
  if (axisValue === undefined || pr === null || ir === null) {
    throw new ValueError(`Gradient of GatherV2 '${op.name}' needs a constant axis and known ranks of params and indices`);
  }
  const axis = axisValue < 0 ? axisValue + pr : axisValue;
  const paramsShape = shape(params);
  // Move the gathered dims to the front: grad [outer…, idx…, inner…] → [idx…, outer…, inner…].
  const outer = Array.from({ length: axis }, (_v, i) => i);
  const idx = Array.from({ length: ir }, (_v, i) => axis + i);
  const inner = Array.from({ length: pr - axis - 1 }, (_v, i) => axis + ir + i);
  const front = axis === 0 ? grad : transpose(grad, { perm: [...idx, ...outer, ...inner] });
  const n = genOp1({ type: 'StridedSlice', inputs: [paramsShape, [axis], [axis + 1], [1]], attrs: { shrink_axis_mask: 1 } });
  const flatIndices = reshape(indices, [-1]);
  const values = reshape(front, stack([genOp1({ type: 'Size', inputs: [flatIndices], attrs: { out_type: 'int32' } }), -1]));
  const hot = oneHot(flatIndices, n, { dtype: grad.dtype });
  const dense = matMul(hot, values, { transposeA: true });
  if (axis === 0) return [reshape(dense, paramsShape), null, null];
  // Params with the axis moved to the front, then moved back.
  const toFront = [axis, ...outer, ...Array.from({ length: pr - axis - 1 }, (_v, i) => axis + 1 + i)];
  const frontShape = genOp1({ type: 'GatherV2', inputs: [paramsShape, constant(toFront, { dtype: 'int32' }), 0] });
  const back = new Array<number>(pr);
  toFront.forEach((d, i) => { back[d] = i; });
  return [transpose(reshape(dense, frontShape), { perm: back }), null, null];
};

export const ARRAY_GRADIENTS: readonly [string, GradientFunction][] = [
  ['Identity', identityGrad],
  ['PlaceholderWithDefault', identityGrad],
  ['Reshape', reshapeGrad],
  ['Squeeze', squeezeGrad],
  ['ExpandDims', expandDimsGrad],
  ['Transpose', transposeGrad],
  ['ConcatV2', concatGrad],
  ['Pack', packGrad],
  ['Unpack', unpackGrad],
  ['Split', splitGrad],
  ['SplitV', splitVGrad],
  ['Slice', sliceGrad],
  ['Pad', padGrad],
  ['PadV2', padGrad],
  ['Tile', tileGrad],
  ['Fill', fillGrad],
  ['GatherV2', gatherGrad],
];

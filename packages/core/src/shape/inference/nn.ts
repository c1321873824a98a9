import { TensorShape } from '../tensor-shape.js';
import type { Dim } from '../tensor-shape.js';
import type { InferenceContext } from './context.js';
import { fourValues, formatIndices, windowedOutputSize } from './conv-util.js';
import { mergeBothInputs, scalarShape, unchangedShape, unchangedShapeWithRankAtLeast } from './common.js';
import type { ShapeFn, ShapeFnTable } from './shape-fn.js';

/** A 4-D shape with the given N, H, W, C dims laid out in `format`. */
function layout4d(format: string, n: Dim, h: Dim, w: Dim, ch: Dim): TensorShape {
  return new TensorShape(format === 'NCHW' ? [n, ch, h, w] : [n, h, w, ch]);
}

const biasAdd: ShapeFn = (c) => {
  const nchw = c.attrString('data_format') === 'NCHW';
  const input = c.withRankAtLeast(c.input(0), nchw ? 3 : 2);
  const bias = c.withRank(c.input(1), 1);
  if (input.dims === null) return [TensorShape.unknown()];
  const at = nchw ? input.dims.length - 3 : input.dims.length - 1;
  return [c.replaceDim(input, at, c.mergeDim(input.dim(at), bias.dim(0)))];
};

const biasAddGrad: ShapeFn = (c) => {
  const nchw = c.attrString('data_format') === 'NCHW';
  const input = c.withRankAtLeast(c.input(0), nchw ? 3 : 2);
  return [new TensorShape([input.dims === null ? null : input.dim(nchw ? -3 : -1)])];
};

/** Checks Conv2D's stride and dilation attrs; returns them per spatial dim. */
function convWindowAttrs(c: InferenceContext, label: string) {
  const format = c.attrString('data_format');
  const idx = formatIndices(format);
  const strides = fourValues(c, 'strides', label);
  const dilations = fourValues(c, 'dilations', label);
  if (strides[idx.N] !== 1 || strides[idx.C] !== 1) {
    c.fail('Current implementation does not yet support strides in the batch and depth dimensions.');
  }
  if (dilations[idx.N] !== 1 || dilations[idx.C] !== 1) {
    c.fail('Current implementation does not yet support dilations in the batch and depth dimensions.');
  }
  if (c.attrInts('explicit_paddings').length !== 0) {
    c.fail('explicit_paddings attribute must be empty if the padding attribute is not EXPLICIT');
  }
  return {
    format, idx,
    strideRows: strides[idx.H] as number, strideCols: strides[idx.W] as number,
    dilationRows: dilations[idx.H] as number, dilationCols: dilations[idx.W] as number,
    padding: c.attrString('padding'),
  };
}

/** TensorFlow's `Conv2DShape`: input in `data_format`, filter [rows, cols, in_depth, out_depth]. */
const conv2d: ShapeFn = (c) => {
  const input = c.withRank(c.input(0), 4);
  const filter = c.withRank(c.input(1), 4);
  const a = convWindowAttrs(c, 'Conv2D');
  c.mergeDim(input.dim(a.idx.C), filter.dim(2));
  const rows = windowedOutputSize(c, input.dim(a.idx.H), filter.dim(0), a.dilationRows, a.strideRows, a.padding);
  const cols = windowedOutputSize(c, input.dim(a.idx.W), filter.dim(1), a.dilationCols, a.strideCols, a.padding);
  return [layout4d(a.format, input.dim(a.idx.N), rows, cols, filter.dim(3))];
};

/** The gradient ops take the shape they produce as a host input. */
const conv2dBackpropInput: ShapeFn = (c) => {
  convWindowAttrs(c, 'Conv2DBackpropInput');
  c.withRank(c.input(1), 4);
  c.withRank(c.input(2), 4);
  return [c.withRank(c.shapeFromShapeTensor(0, { allowUnknown: false }), 4)];
};

const conv2dBackpropFilter: ShapeFn = (c) => {
  convWindowAttrs(c, 'Conv2DBackpropFilter');
  c.withRank(c.input(0), 4);
  c.withRank(c.input(2), 4);
  return [c.withRank(c.shapeFromShapeTensor(1, { allowUnknown: false }), 4)];
};

/** Checks ksize/strides for pooling; returns the windows per dim. */
function poolWindowAttrs(c: InferenceContext, label: string) {
  const format = c.attrString('data_format');
  const idx = formatIndices(format);
  const ksize = fourValues(c, 'ksize', label);
  const strides = fourValues(c, 'strides', label);
  if (ksize[idx.N] !== 1 || strides[idx.N] !== 1) c.fail('Pooling is not yet supported on the batch dimension.');
  return { format, idx, ksize, strides, padding: c.attrString('padding') };
}

/** TensorFlow's `MaxPoolShape`: windows may also run over depth (alone, as on CPU). */
const maxPool: ShapeFn = (c) => {
  const input = c.withRank(c.input(0), 4);
  const p = poolWindowAttrs(c, 'MaxPool');
  const { H, W, C, N } = p.idx;
  const spatial = p.ksize[H] !== 1 || p.ksize[W] !== 1 || p.strides[H] !== 1 || p.strides[W] !== 1;
  const depth = p.ksize[C] !== 1 || p.strides[C] !== 1;
  if (spatial && depth) c.fail('MaxPooling supports exactly one of pooling across depth or pooling across width/height.');
  const size = (axis: number): Dim =>
    windowedOutputSize(c, input.dim(axis), p.ksize[axis] as number, 1, p.strides[axis] as number, p.padding);
  return [layout4d(p.format, input.dim(N), size(H), size(W), size(C))];
};

const avgPool: ShapeFn = (c) => {
  const input = c.withRank(c.input(0), 4);
  const p = poolWindowAttrs(c, 'AvgPool');
  const { H, W, C, N } = p.idx;
  if (p.ksize[C] !== 1 || p.strides[C] !== 1) c.fail('Pooling is not yet supported on the depth dimension.');
  const size = (axis: number): Dim =>
    windowedOutputSize(c, input.dim(axis), p.ksize[axis] as number, 1, p.strides[axis] as number, p.padding);
  return [layout4d(p.format, input.dim(N), size(H), size(W), input.dim(C))];
};

const maxPoolGrad: ShapeFn = (c) => {
  poolWindowAttrs(c, 'MaxPoolGrad');
  c.withRank(c.input(1), 4);
  c.withRank(c.input(2), 4);
  return [c.withRank(c.input(0), 4)];
};

const avgPoolGrad: ShapeFn = (c) => {
  poolWindowAttrs(c, 'AvgPoolGrad');
  c.withRank(c.input(1), 4);
  return [c.withRank(c.shapeFromShapeTensor(0, { allowUnknown: false }), 4)];
};

/** logits and labels are [batch, classes] of one shape: loss [batch], backprop like logits. */
const softmaxCrossEntropy: ShapeFn = (c) => {
  const input = c.merge(c.withRank(c.input(0), 2), c.input(1));
  return [new TensorShape([input.dim(0)]), input];
};

const sparseSoftmaxCrossEntropy: ShapeFn = (c) => {
  const features = c.withRank(c.input(0), 2);
  const labels = c.withRank(c.input(1), 1);
  const batch = c.mergeDim(features.dim(0), labels.dim(0));
  return [new TensorShape([batch]), c.replaceDim(features, 0, batch)];
};

const ACTIVATIONS = ['Relu', 'Relu6', 'Sigmoid', 'Tanh', 'Softplus', 'Elu', 'LeakyRelu'];
const GRADIENTS = ['ReluGrad', 'Relu6Grad', 'SoftplusGrad', 'EluGrad', 'SigmoidGrad', 'TanhGrad'];

export const NN_SHAPE_FNS: ShapeFnTable = Object.freeze({
  ...Object.fromEntries(ACTIVATIONS.map((op) => [op, unchangedShape])),
  ...Object.fromEntries(GRADIENTS.map((op) => [op, mergeBothInputs])),
  Softmax: unchangedShapeWithRankAtLeast(1),
  LogSoftmax: unchangedShapeWithRankAtLeast(1),
  BiasAdd: biasAdd,
  BiasAddGrad: biasAddGrad,
  Conv2D: conv2d,
  Conv2DBackpropInput: conv2dBackpropInput,
  Conv2DBackpropFilter: conv2dBackpropFilter,
  MaxPool: maxPool,
  MaxPoolGrad: maxPoolGrad,
  AvgPool: avgPool,
  AvgPoolGrad: avgPoolGrad,
  SoftmaxCrossEntropyWithLogits: softmaxCrossEntropy,
  SparseSoftmaxCrossEntropyWithLogits: sparseSoftmaxCrossEntropy,
  L2Loss: scalarShape,
});

import type { DType } from '../dtype.js';
import type { OpDef } from '../op-def.js';
import { DATA_FORMAT_4D, FLOAT, INDEX, PADDING, arg, attr, fixed, op, typeAttr, unary } from './dsl.js';

const FT = typeAttr('T', FLOAT);
const conv2dAttrs = [FT, attr('strides', 'list(int)'), attr('use_cudnn_on_gpu', 'bool', true), PADDING,
  attr('explicit_paddings', 'list(int)', []), DATA_FORMAT_4D, attr('dilations', 'list(int)', [1, 1, 1, 1])];
const poolAttrs = [attr('ksize', 'list(int)'), attr('strides', 'list(int)'), PADDING, DATA_FORMAT_4D];
/** TensorFlow names these activations' argument `features` and their result `activations`. */
const activation = (name: string, summary: string, types: readonly DType[]): OpDef =>
  op(name, summary, { inputs: [arg('features')], outputs: [arg('activations')], attrs: [typeAttr('T', types)] });
const grad = (name: string, summary: string, a: string, b: string): OpDef =>
  op(name, summary, { inputs: [arg(a), arg(b)], outputs: [arg('backprops')], attrs: [FT] });

/** Activations, convolutions, pooling, losses. */
export const NN_OPS: readonly OpDef[] = [
  activation('Relu', 'max(x, 0).', [...FLOAT, 'int32', 'int64', 'int8', 'int16', 'uint8', 'uint16']),
  activation('Relu6', 'min(max(x, 0), 6).', FLOAT),
  unary('Sigmoid', '1 / (1 + e⁻ˣ).', FLOAT),
  unary('Tanh', 'tanh x.', FLOAT),
  activation('Softplus', 'ln(1 + eˣ), computed without overflow.', FLOAT),
  activation('Elu', 'x if x > 0 else eˣ - 1.', FLOAT),
  op('LeakyRelu', 'x if x > 0 else alpha·x.', { inputs: [arg('features')], outputs: [arg('activations')], attrs: [attr('alpha', 'float', 0.2), FT] }),
  grad('ReluGrad', 'gradients where features > 0, else 0.', 'gradients', 'features'),
  grad('Relu6Grad', 'gradients where 0 < features < 6, else 0.', 'gradients', 'features'),
  grad('SoftplusGrad', 'gradients · sigmoid(features).', 'gradients', 'features'),
  grad('EluGrad', 'gradients · (outputs + 1) where outputs < 0, else gradients.', 'gradients', 'outputs'),
  op('SigmoidGrad', 'dy · y · (1 - y).', { inputs: [arg('y'), arg('dy')], outputs: [arg('z')], attrs: [FT] }),
  op('TanhGrad', 'dy · (1 - y²).', { inputs: [arg('y'), arg('dy')], outputs: [arg('z')], attrs: [FT] }),
  op('Softmax', 'Softmax over the last dimension (max-subtracted).', { inputs: [arg('logits')], outputs: [arg('softmax')], attrs: [FT] }),
  op('LogSoftmax', 'Log-softmax over the last dimension.', { inputs: [arg('logits')], outputs: [arg('logsoftmax')], attrs: [FT] }),
  op('BiasAdd', 'Adds a 1-D bias to the channel dimension.', {
    inputs: [arg('value'), arg('bias')], outputs: [arg('output')], attrs: [typeAttr('T', [...FLOAT, 'int32', 'int64']), DATA_FORMAT_4D],
  }),
  op('BiasAddGrad', 'Sums out_backprop over every dimension but the channel one.', {
    inputs: [arg('out_backprop')], outputs: [arg('output')], attrs: [typeAttr('T', [...FLOAT, 'int32', 'int64']), DATA_FORMAT_4D],
  }),
  op('Conv2D', '2-D convolution (cross-correlation) of a 4-D input with a [h, w, in, out] filter.', {
    inputs: [arg('input'), arg('filter')], outputs: [arg('output')], attrs: conv2dAttrs,
  }),
  op('Conv2DBackpropInput', 'Gradient of Conv2D with respect to its input.', {
    inputs: [fixed('input_sizes', 'int32', { hostMemory: true }), arg('filter'), arg('out_backprop')],
    outputs: [arg('output')], attrs: conv2dAttrs,
  }),
  op('Conv2DBackpropFilter', 'Gradient of Conv2D with respect to its filter.', {
    inputs: [arg('input'), fixed('filter_sizes', 'int32', { hostMemory: true }), arg('out_backprop')],
    outputs: [arg('output')], attrs: conv2dAttrs,
  }),
  op('MaxPool', 'Max pooling over 4-D windows.', {
    inputs: [arg('input')], outputs: [arg('output')], attrs: [typeAttr('T', FLOAT, 'float32'), ...poolAttrs],
  }),
  op('MaxPoolGrad', 'Gradient of MaxPool: each window\'s gradient goes to its (first) maximum.', {
    inputs: [arg('orig_input'), arg('orig_output'), arg('grad')], outputs: [arg('output')],
    attrs: [...poolAttrs, typeAttr('T', FLOAT, 'float32')],
  }),
  op('AvgPool', 'Average pooling over 4-D windows (padding not counted).', {
    inputs: [arg('value')], outputs: [arg('output')], attrs: [...poolAttrs, FT],
  }),
  op('AvgPoolGrad', 'Gradient of AvgPool.', {
    inputs: [fixed('orig_input_shape', 'int32', { hostMemory: true }), arg('grad')], outputs: [arg('output')],
    attrs: [...poolAttrs, FT],
  }),
  op('SoftmaxCrossEntropyWithLogits', 'Per-row cross-entropy of softmax(features) against labels, and its gradient.', {
    inputs: [arg('features'), arg('labels')], outputs: [arg('loss'), arg('backprop')], attrs: [FT],
  }),
  op('SparseSoftmaxCrossEntropyWithLogits', 'Cross-entropy against class indices, and its gradient.', {
    inputs: [arg('features'), arg('labels', 'Tlabels')], outputs: [arg('loss'), arg('backprop')],
    attrs: [FT, typeAttr('Tlabels', INDEX, 'int64')],
  }),
  op('L2Loss', 'sum(t²) / 2.', { inputs: [arg('t')], outputs: [arg('output')], attrs: [FT] }),
];

// Gradients of activations, softmax, losses, convolution, pooling and bias (TensorFlow's nn_grad.py).
import type { AttrValue } from '@varscope/kernel-api';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { constantValue } from '../graph/graph.js';
import {
  constant, exp, expandDims, greater, logSoftmax, matMul, mul, neg, reduceSum, select, shape, softmax, squeeze, sub, add,
} from '../ops/index.js';
import { genOp1 } from '../ops/op-inputs.js';
import type { GradientFunction } from './registry.js';

const input = (op: Operation, i: number): Tensor => op.inputs[i] as Tensor;
const output = (op: Operation, i = 0): Tensor => op.outputs[i] as Tensor;
const first = (grads: readonly (Tensor | null)[]): Tensor => grads[0] as Tensor;

function gen(type: string, inputs: readonly Tensor[], attrs?: Record<string, AttrValue | undefined>): Tensor {
  return genOp1({ type, inputs, ...(attrs !== undefined ? { attrs } : {}) });
}

/** The attrs of `op` named in `names` (copied onto its gradient op). */
function pick(op: Operation, names: readonly string[]): Record<string, AttrValue | undefined> {
  const out: Record<string, AttrValue | undefined> = {};
  for (const n of names) out[n] = op.attrs[n];
  return out;
}

const reluGrad: GradientFunction = (op, grads) => [gen('ReluGrad', [first(grads), output(op)])];
const relu6Grad: GradientFunction = (op, grads) => [gen('Relu6Grad', [first(grads), output(op)])];
const eluGrad: GradientFunction = (op, grads) => [gen('EluGrad', [first(grads), output(op)])];
const softplusGrad: GradientFunction = (op, grads) => [gen('SoftplusGrad', [first(grads), input(op, 0)])];
/** TensorFlow's `LeakyReluGrad` kernel, which varscope's schema lacks: `x > 0 ? g : alpha·g`. */
const leakyReluGrad: GradientFunction = (op, grads) => {
  const g = first(grads);
  const x = input(op, 0);
  const alpha = constant(op.attrs.alpha as number, { dtype: g.dtype });
  return [select(greater(x, constant(0, { dtype: x.dtype })), g, mul(g, alpha))];
};

const softmaxGrad: GradientFunction = (op, grads) => {
  const gradSoftmax = first(grads);
  const sm = output(op);
  const sumChannels = reduceSum(mul(gradSoftmax, sm), { axis: -1, keepDims: true });
  return [mul(sub(gradSoftmax, sumChannels), sm)];
};

const logSoftmaxGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const sm = exp(output(op));
  return [sub(grad, mul(reduceSum(grad, { axis: -1, keepDims: true }), sm))];
};

/** `expand_dims(vec, -1) * mat` (TensorFlow's `_BroadcastMul`). */
function broadcastMul(vec: Tensor, mat: Tensor): Tensor {
  return mul(expandDims(vec, -1), mat);
}

/** Whether a gradient is known to be all zeros (TensorFlow's `IsZero` in the cross-entropy gradient). */
function isZero(g: Tensor): boolean {
  if (g.op.type === 'ZerosLike' || g.op.type === 'Zeros') return true;
  const v = constantValue(g);
  return v !== undefined && Array.from(v.data as ArrayLike<number>).every((x) => Number(x) === 0);
}

const softmaxCrossEntropyGrad: GradientFunction = (op, grads) => {
  const gradLoss = first(grads);
  const gradGrad = grads[1] ?? null;
  const softmaxGradient = output(op, 1);
  let grad = broadcastMul(gradLoss, softmaxGradient);
  const logits = input(op, 0);
  if (gradGrad !== null && !isZero(gradGrad)) {
    const sm = softmax(logits);
    grad = add(grad, mul(sub(gradGrad, squeeze(matMul(expandDims(gradGrad, 1), expandDims(sm, 2)), { axis: 1 })), sm));
  }
  return [grad, broadcastMul(gradLoss, neg(logSoftmax(logits)))];
};

/**
 * The second output is the gradient itself. TensorFlow wraps it in `PreventGradient` (second
 * derivatives are not defined); varscope has no such op, and no gradient is registered for the
 * path through it because the backprop output is not differentiated again here.
 */
const sparseSoftmaxCrossEntropyGrad: GradientFunction = (op, grads) => [broadcastMul(first(grads), output(op, 1)), null];

const CONV_ATTRS = ['strides', 'padding', 'explicit_paddings', 'use_cudnn_on_gpu', 'data_format', 'dilations'] as const;

/** Conv2D: TensorFlow takes both shapes with one `ShapeN`, which varscope lacks: two `Shape`s. */
const conv2dGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const attrs = pick(op, CONV_ATTRS);
  const s0 = shape(input(op, 0));
  const s1 = shape(input(op, 1));
  return [
    gen('Conv2DBackpropInput', [s0, input(op, 1), grad], attrs),
    gen('Conv2DBackpropFilter', [input(op, 0), s1, grad], attrs),
  ];
};

const POOL_ATTRS = ['ksize', 'strides', 'padding', 'data_format'] as const;

const maxPoolGrad: GradientFunction = (op, grads) =>
  [gen('MaxPoolGrad', [input(op, 0), output(op), first(grads)], pick(op, POOL_ATTRS))];

const avgPoolGrad: GradientFunction = (op, grads) =>
  [gen('AvgPoolGrad', [shape(input(op, 0)), first(grads)], pick(op, POOL_ATTRS))];

const biasAddGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  return [grad, gen('BiasAddGrad', [grad], { data_format: op.attrs.data_format })];
};

export const NN_GRADIENTS: readonly [string, GradientFunction][] = [
  ['Relu', reluGrad],
  ['Relu6', relu6Grad],
  ['Elu', eluGrad],
  ['Softplus', softplusGrad],
  ['LeakyRelu', leakyReluGrad],
  ['Softmax', softmaxGrad],
  ['LogSoftmax', logSoftmaxGrad],
  ['SoftmaxCrossEntropyWithLogits', softmaxCrossEntropyGrad],
  ['SparseSoftmaxCrossEntropyWithLogits', sparseSoftmaxCrossEntropyGrad],
  ['Conv2D', conv2dGrad],
  ['MaxPool', maxPoolGrad],
  ['AvgPool', avgPoolGrad],
  ['BiasAdd', biasAddGrad],
];

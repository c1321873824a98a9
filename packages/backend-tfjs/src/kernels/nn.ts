import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { KernelRuntimeError } from '@varscope/kernel-api';
import { attrInts, attrNumber, attrString, input, outShape } from './kernel.js';
import type { KernelArgs, TfjsKernel } from './kernel.js';

const F = ['float32'] as const;

/** Runs a tfjs kernel by name: tfjs names its gradient kernels as TensorFlow does. */
const runKernel = (name: string, inputs: Record<string, Tensor>, attrs: Record<string, unknown>): Tensor =>
  tf.engine().runKernel(name, inputs as never, attrs as never) as Tensor;

const pad = (a: KernelArgs) => attrString(a, 'padding').toLowerCase() as 'same' | 'valid';
const format = (a: KernelArgs) => attrString(a, 'data_format') as 'NHWC' | 'NCHW';
/** The spatial pair of a 4-d attr (`strides`, `ksize`, `dilations`) for the data format. */
function spatial(a: KernelArgs, name: string): [number, number] {
  const v = attrInts(a, name);
  return format(a) === 'NCHW' ? [v[2] as number, v[3] as number] : [v[1] as number, v[2] as number];
}
const hasDilations = (a: KernelArgs) => Array.isArray(a.attrs.dilations) && (a.attrs.dilations as number[]).some((d) => d !== 1);

/** Label values outside [0, classes) are an error in TensorFlow, not a NaN. */
function checkLabels(a: KernelArgs, labels: Tensor, classes: number): void {
  const values = labels.dataSync();
  for (const v of values) {
    if (v < 0 || v >= classes) {
      throw new KernelRuntimeError(a.op, `Received a label value of ${v} which is outside the valid range of [0, ${classes}).  Label values: ${Array.from(values).join(' ')}`);
    }
  }
}

function softmaxCrossEntropy(logits: Tensor, labels: Tensor): Tensor[] {
  const logProbs = tf.logSoftmax(logits);
  return [tf.neg(tf.sum(tf.mul(labels, logProbs), -1)), tf.sub(tf.exp(logProbs), labels)];
}

export const NN_KERNELS: Readonly<Record<string, TfjsKernel>> = {
  ReluGrad: { dtypes: F, run: (a) => [tf.mul(input(a, 0), tf.cast(tf.greater(input(a, 1), 0), 'float32'))] },
  Relu6Grad: { dtypes: F, run: (a) => [tf.mul(input(a, 0), tf.cast(tf.logicalAnd(tf.greater(input(a, 1), 0), tf.less(input(a, 1), 6)), 'float32'))] },
  SoftplusGrad: { dtypes: F, run: (a) => [tf.mul(input(a, 0), tf.sigmoid(input(a, 1)))] },
  EluGrad: { dtypes: F, run: (a) => [tf.where(tf.less(input(a, 1), 0), tf.mul(input(a, 0), tf.add(input(a, 1), 1)), input(a, 0))] },
  SigmoidGrad: { dtypes: F, run: (a) => [tf.mul(input(a, 1), tf.mul(input(a, 0), tf.sub(1, input(a, 0))))] },
  TanhGrad: { dtypes: F, run: (a) => [tf.mul(input(a, 1), tf.sub(1, tf.square(input(a, 0))))] },
  LeakyRelu: { dtypes: F, run: (a) => [tf.leakyRelu(input(a, 0), attrNumber(a, 'alpha'))] },
  Softmax: { dtypes: F, run: (a) => [tf.softmax(input(a, 0))] },
  LogSoftmax: { dtypes: F, run: (a) => [tf.logSoftmax(input(a, 0))] },
  BiasAdd: {
    dtypes: F,
    run: (a) => {
      const [x, b] = [input(a, 0), input(a, 1)];
      if (format(a) === 'NHWC' || x.rank < 3) return [tf.add(x, b)];
      return [tf.add(x, tf.reshape(b, [b.size, ...Array<number>(x.rank - 2).fill(1)]))];
    },
  },
  BiasAddGrad: {
    dtypes: F,
    run: (a) => {
      const dy = input(a, 0);
      const channel = format(a) === 'NCHW' && dy.rank >= 3 ? 1 : dy.rank - 1;
      return [tf.sum(dy, [...Array(dy.rank).keys()].filter((i) => i !== channel))];
    },
  },
  SoftmaxCrossEntropyWithLogits: { dtypes: F, run: (a) => softmaxCrossEntropy(input(a, 0), input(a, 1)) },
  SparseSoftmaxCrossEntropyWithLogits: {
    dtypes: F,
    run: (a) => {
      const [logits, labels] = [input(a, 0), input(a, 1)];
      const classes = logits.shape[1] as number;
      checkLabels(a, labels, classes);
      // One-hot in int32, then cast: exact for 0/1, and tfjs-wasm's float32 one-hot is broken.
      return softmaxCrossEntropy(logits, tf.cast(tf.oneHot(tf.cast(labels, 'int32') as tf.Tensor1D, classes), 'float32'));
    },
  },
  L2Loss: { dtypes: F, run: (a) => [tf.div(tf.sum(tf.square(input(a, 0))), 2)] },

  Conv2D: {
    dtypes: F,
    run: (a) => {
      // NCHW runs as NHWC between two transposes, as TensorFlow's CPU kernels do (tfjs-wasm has no NCHW convolution).
      const nchw = format(a) === 'NCHW';
      const x = nchw ? tf.transpose(input(a, 0), [0, 2, 3, 1]) : input(a, 0);
      const y = tf.conv2d(x as tf.Tensor4D, input(a, 1) as tf.Tensor4D, spatial(a, 'strides'), pad(a), 'NHWC', spatial(a, 'dilations'));
      return [nchw ? tf.transpose(y, [0, 3, 1, 2]) : y];
    },
  },
  Conv2DBackpropInput: {
    dtypes: F,
    run: (a) => {
      if (hasDilations(a)) throw new KernelRuntimeError(a.op, 'tfjs has no dilated Conv2DBackpropInput');
      return [runKernel('Conv2DBackpropInput', { dy: input(a, 2), filter: input(a, 1) },
        { strides: spatial(a, 'strides'), pad: pad(a), dataFormat: format(a), inputShape: outShape(a) })];
    },
  },
  Conv2DBackpropFilter: {
    dtypes: F,
    run: (a) => {
      if (hasDilations(a)) throw new KernelRuntimeError(a.op, 'tfjs has no dilated Conv2DBackpropFilter');
      return [runKernel('Conv2DBackpropFilter', { x: input(a, 0), dy: input(a, 2) },
        { strides: spatial(a, 'strides'), pad: pad(a), dataFormat: format(a), filterShape: outShape(a) })];
    },
  },
  MaxPool: { dtypes: F, run: (a) => [tf.maxPool(input(a, 0) as tf.Tensor4D, spatial(a, 'ksize'), spatial(a, 'strides'), pad(a))] },
  AvgPool: { dtypes: F, run: (a) => [tf.avgPool(input(a, 0) as tf.Tensor4D, spatial(a, 'ksize'), spatial(a, 'strides'), pad(a))] },
  MaxPoolGrad: {
    dtypes: F,
    run: (a) => [runKernel('MaxPoolGrad', { dy: input(a, 2), input: input(a, 0), output: input(a, 1) },
      { filterSize: spatial(a, 'ksize'), strides: spatial(a, 'strides'), pad: pad(a) })],
  },
  AvgPoolGrad: {
    dtypes: F,
    // tfjs's AvgPoolGrad reads only the input's shape; a zero tensor of the original shape stands in for it.
    run: (a) => [runKernel('AvgPoolGrad', { dy: input(a, 1), input: tf.zeros(outShape(a)) },
      { filterSize: spatial(a, 'ksize'), strides: spatial(a, 'strides'), pad: pad(a) })],
  },
};

import { FLOAT } from '../../dtype/dtype-sets.js';
import { bigintReader, numberReader, numberWriter } from '../../dtype/element-io.js';
import type { Kernel } from '../../kernel/kernel.js';
import { broadcastIndexMap, broadcastShapes } from '../../shape/broadcast.js';

const fmt = (s: readonly number[]): string => `[${s.join(',')}]`;

/**
 * One row of softmax cross-entropy, in float64: with s = x − max(x) and L = ln Σ eˢ,
 * loss = Σ labels·(L − s) and backprop = eˢ/Σeˢ − labels (TensorFlow's xent functor).
 */
function xentRow(logits: readonly number[], label: (j: number) => number, backprop: (j: number, v: number) => void): number {
  let max = -Infinity;
  for (const v of logits) max = Number.isNaN(v) || Number.isNaN(max) ? NaN : Math.max(max, v);
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  const logSum = Math.log(sum);
  let loss = 0;
  logits.forEach((v, j) => {
    const s = v - max;
    const l = label(j);
    loss += l * (logSum - s);
    backprop(j, Math.exp(s) / sum - l);
  });
  return loss;
}

export const CROSS_ENTROPY_KERNELS: Kernel[] = [
  {
    op: 'SoftmaxCrossEntropyWithLogits',
    dtypes: FLOAT,
    run(ctx) {
      ctx.expectArity(2, 2);
      const features = ctx.input(0);
      const labels = ctx.input(1);
      const loss = ctx.output(0);
      const backprop = ctx.output(1);
      // Labels and features broadcast against each other to [batch, classes].
      const shape = broadcastShapes(features.shape, labels.shape);
      if (shape === null || shape.length !== 2) {
        throw ctx.argumentError(`logits and labels must be broadcastable to a matrix: logits_size=${fmt(features.shape)} labels_size=${fmt(labels.shape)}`);
      }
      const [batch, classes] = shape as [number, number];
      ctx.expectShape(loss, [batch], 'loss');
      ctx.expectShape(backprop, shape, 'backprop');
      const fMap = broadcastIndexMap(shape, features.shape);
      const lMap = broadcastIndexMap(shape, labels.shape);
      const rf = numberReader(features);
      const rl = numberReader(labels);
      const wLoss = numberWriter(loss);
      const wBack = numberWriter(backprop);
      for (let b = 0; b < batch; b++) {
        const row = Array.from({ length: classes }, (_, j) => rf(fMap[b * classes + j] as number));
        wLoss(b, xentRow(row, (j) => rl(lMap[b * classes + j] as number), (j, v) => wBack(b * classes + j, v)));
      }
    },
  },
  {
    op: 'SparseSoftmaxCrossEntropyWithLogits',
    dtypes: FLOAT,
    run(ctx) {
      ctx.expectArity(2, 2);
      const features = ctx.input(0);
      const labels = ctx.input(1);
      const loss = ctx.output(0);
      const backprop = ctx.output(1);
      if (features.shape.length !== 2) throw ctx.argumentError(`logits must be 2-D, but got shape ${fmt(features.shape)}`);
      const [batch, classes] = features.shape as [number, number];
      if (labels.shape.length !== 1 || labels.shape[0] !== batch) {
        throw ctx.argumentError(`logits and labels must have the same first dimension, got logits shape ${fmt(features.shape)} and labels shape ${fmt(labels.shape)}`);
      }
      ctx.expectShape(loss, [batch], 'loss');
      ctx.expectShape(backprop, features.shape, 'backprop');
      const readLabel = labels.dtype === 'int64' ? ((r) => (i: number) => Number(r(i)))(bigintReader(labels)) : numberReader(labels);
      const values = Array.from({ length: batch }, (_, b) => readLabel(b));
      const bad = values.find((v) => !(v >= 0 && v < classes));
      if (bad !== undefined) {
        throw ctx.runtimeError(`Received a label value of ${bad} which is outside the valid range of [0, ${classes}).  Label values: ${values.join(' ')}`);
      }
      const rf = numberReader(features);
      const wLoss = numberWriter(loss);
      const wBack = numberWriter(backprop);
      for (let b = 0; b < batch; b++) {
        const row = Array.from({ length: classes }, (_, j) => rf(b * classes + j));
        const label = values[b] as number;
        wLoss(b, xentRow(row, (j) => (j === label ? 1 : 0), (j, v) => wBack(b * classes + j, v)));
      }
    },
  },
];

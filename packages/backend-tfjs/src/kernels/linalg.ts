import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { attrBool, input, outShape } from './kernel.js';
import type { KernelArgs, TfjsKernel } from './kernel.js';

/** The axes of a reduction (input 1, read on the host), normalised; `[]` reduces nothing. */
function axes(a: KernelArgs): number[] {
  const rank = input(a, 0).rank;
  return a.host(1).map((ax) => (ax < 0 ? ax + rank : ax));
}

/** A reduction through tfjs, with TensorFlow's meaning of an empty axis list (the identity). */
const reduction = (dtypes: TfjsKernel['dtypes'], f: (x: Tensor, axis: number[], keep: boolean) => Tensor): TfjsKernel => ({
  dtypes,
  run: (a) => {
    const ax = axes(a);
    const x = input(a, 0);
    return [ax.length === 0 ? tf.clone(x) : tf.reshape(f(x, ax, attrBool(a, 'keep_dims')), outShape(a))];
  },
});

/** tfjs's batched matMul wants equal batch dimensions: broadcast them first, as BatchMatMulV2 does. */
function batchMatMul(a: KernelArgs): Tensor {
  const [x, y] = [input(a, 0), input(a, 1)];
  const out = outShape(a);
  const batch = out.slice(0, -2);
  const widen = (t: Tensor) => tf.broadcastTo(t, [...batch, ...t.shape.slice(-2)]);
  return tf.matMul(widen(x), widen(y), attrBool(a, 'adj_x'), attrBool(a, 'adj_y'));
}

export const LINALG_KERNELS: Readonly<Record<string, TfjsKernel>> = {
  MatMul: { dtypes: ['float32', 'int32'], run: (a) => [tf.matMul(input(a, 0), input(a, 1), attrBool(a, 'transpose_a'), attrBool(a, 'transpose_b'))] },
  BatchMatMulV2: { dtypes: ['float32'], run: (a) => [batchMatMul(a)] },
  Sum: reduction(['float32', 'int32'], (x, ax, keep) => tf.sum(x, ax, keep)),
  Mean: reduction(['float32', 'int32'], (x, ax, keep) => tf.mean(x, ax, keep)),
  Max: reduction(['float32', 'int32'], (x, ax, keep) => tf.max(x, ax, keep)),
  Min: reduction(['float32', 'int32'], (x, ax, keep) => tf.min(x, ax, keep)),
  Prod: reduction(['float32', 'int32'], (x, ax, keep) => tf.prod(x, ax, keep)),
  All: reduction(['bool'], (x, ax, keep) => tf.all(x, ax, keep)),
  Any: reduction(['bool'], (x, ax, keep) => tf.any(x, ax, keep)),
  ArgMax: { dtypes: ['float32', 'int32'], run: (a) => [tf.argMax(input(a, 0), a.host(1)[0])] },
  ArgMin: { dtypes: ['float32', 'int32'], run: (a) => [tf.argMin(input(a, 0), a.host(1)[0])] },
};

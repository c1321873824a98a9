import * as tf from '@tensorflow/tfjs-core';
import { KernelRuntimeError } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';
import { attrNumber, input, outShape } from './kernel.js';
import type { KernelArgs, TfjsKernel } from './kernel.js';

const ALL: readonly DType[] = ['float32', 'int32', 'bool'];

/** Ops whose output is the input's elements in the same order: core has computed the shape already. */
const relabel: TfjsKernel = { dtypes: ALL, run: (a) => [tf.reshape(input(a, 0), outShape(a))] };

function checkIndices(a: KernelArgs, indices: tf.Tensor, limit: number): void {
  const values = indices.dataSync();
  values.forEach((v, i) => {
    if (v < 0 || v >= limit) throw new KernelRuntimeError(a.op, `indices[${i}] = ${v} is not in [0, ${limit})`);
  });
}

export const ARRAY_KERNELS: Readonly<Record<string, TfjsKernel>> = {
  Reshape: relabel,
  ExpandDims: relabel,
  Squeeze: relabel,
  Transpose: { dtypes: ALL, run: (a) => [tf.transpose(input(a, 0), a.host(1))] },
  ConcatV2: {
    dtypes: ALL,
    run: (a) => {
      const n = attrNumber(a, 'N');
      return [tf.concat(a.inputs.slice(0, n) as tf.Tensor[], a.host(n)[0])];
    },
  },
  Slice: { dtypes: ALL, run: (a) => [tf.slice(input(a, 0), a.host(1), a.host(2))] },
  StridedSlice: {
    dtypes: ALL,
    run: (a) => {
      const m = (name: string) => attrNumber(a, name);
      const y = tf.stridedSlice(input(a, 0), a.host(1), a.host(2), a.host(3),
        m('begin_mask'), m('end_mask'), m('ellipsis_mask'), m('new_axis_mask'), m('shrink_axis_mask'));
      return [tf.reshape(y, outShape(a))];
    },
  },
  Tile: { dtypes: ALL, run: (a) => [tf.tile(input(a, 0), a.host(1))] },
  Pad: { dtypes: ['float32', 'int32'], run: (a) => [tf.pad(input(a, 0), pairs(a.host(1)))] },
  PadV2: { dtypes: ['float32', 'int32'], run: (a) => [tf.pad(input(a, 0), pairs(a.host(1)), a.host(2)[0])] },
  Pack: { dtypes: ALL, run: (a) => [tf.stack([...a.inputs], attrNumber(a, 'axis'))] },
  Unpack: { dtypes: ALL, run: (a) => tf.unstack(input(a, 0), attrNumber(a, 'axis')) },
  Split: { dtypes: ALL, run: (a) => tf.split(input(a, 1), attrNumber(a, 'num_split'), a.host(0)[0]) },
  SplitV: { dtypes: ALL, run: (a) => tf.split(input(a, 0), a.host(1), a.host(2)[0]) },
  GatherV2: {
    dtypes: ALL,
    run: (a) => {
      const x = input(a, 0);
      const rank = x.rank;
      const axis0 = a.host(2)[0] as number;
      const axis = axis0 < 0 ? axis0 + rank : axis0;
      checkIndices(a, input(a, 1), x.shape[axis] as number);
      return [tf.gather(x, input(a, 1), axis, attrNumber(a, 'batch_dims'))];
    },
  },
  Fill: { dtypes: ALL, run: (a) => [tf.fill(outShape(a), a.host(1)[0] as number, a.outputs[0]?.dtype as 'float32' | 'int32' | 'bool')] },
  OneHot: {
    dtypes: ['int32'],
    run: (a) => {
      if (attrNumber(a, 'axis') !== -1) throw new KernelRuntimeError(a.op, 'tfjs one-hot encodes along the last axis only');
      return [tf.oneHot(input(a, 0) as tf.Tensor1D, a.host(1)[0] as number, a.host(2)[0], a.host(3)[0], a.outputs[0]?.dtype as 'float32' | 'int32')];
    },
  },
  Range: {
    dtypes: ['float32', 'int32'],
    run: (a) => [tf.range(a.host(0)[0] as number, a.host(1)[0] as number, a.host(2)[0], a.outputs[0]?.dtype as 'float32' | 'int32')],
  },
};

/** TensorFlow's [rank, 2] paddings as tfjs's pairs. */
function pairs(flat: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i] as number, flat[i + 1] as number]);
  return out;
}

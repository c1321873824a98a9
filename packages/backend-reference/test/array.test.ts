import { KernelRuntimeError } from '@varscope/kernel-api';
import type { DType, HostTensor } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { runOp, run1, scalar, tensor, values, vec } from './support/run-op.js';

const iota = (dtype: DType, shape: number[]): HostTensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(dtype, shape, Array.from({ length: n }, (_, i) => (dtype === 'int64' ? BigInt(i) : i)));
};

describe('reshape-like ops', () => {
  it('copies the data unchanged, resolving -1', () => {
    const x = iota('qint8', [2, 3]);
    expect(run1('Reshape', [x, vec('int32', [3, -1])], { dtype: 'qint8', shape: [3, 2] }, { T: 'qint8' })).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => run1('Reshape', [x, vec('int32', [4, -1])], { dtype: 'qint8', shape: [4, 2] }, { T: 'qint8' })).toThrow(/cannot reshape a tensor with 6 elements/);
    expect(run1('Identity', [tensor('complex128', [1], [1, 2])], { dtype: 'complex128', shape: [1] }, { T: 'complex128' })).toEqual([1, 2]);
    expect(run1('StopGradient', [vec('bool', [true])], { dtype: 'bool', shape: [1] }, { T: 'bool' })).toEqual([1]);
    expect(run1('Squeeze', [iota('int32', [1, 3, 1])], { dtype: 'int32', shape: [3] }, { T: 'int32' })).toEqual([0, 1, 2]);
    expect(run1('Squeeze', [iota('int32', [1, 3, 1])], { dtype: 'int32', shape: [1, 3] }, { T: 'int32', squeeze_dims: [-1] })).toEqual([0, 1, 2]);
    expect(() => run1('Squeeze', [iota('int32', [1, 3, 1])], { dtype: 'int32', shape: [1, 1] }, { T: 'int32', squeeze_dims: [1] })).toThrow(/Can not squeeze dim\[1\]/);
    expect(run1('ExpandDims', [iota('float16', [2]), scalar('int32', -1)], { dtype: 'float16', shape: [2, 1] }, { T: 'float16' })).toEqual([0, 1]);
  });
});

describe('Transpose', () => {
  it('permutes any rank', () => {
    expect(run1('Transpose', [iota('int32', [2, 3]), vec('int32', [1, 0])], { dtype: 'int32', shape: [3, 2] }, { T: 'int32' })).toEqual([0, 3, 1, 4, 2, 5]);
    expect(run1('Transpose', [iota('int64', [2, 3, 4]), vec('int32', [2, 0, 1])], { dtype: 'int64', shape: [4, 2, 3] }, { T: 'int64' }))
      .toEqual([0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23].map(BigInt));
    expect(run1('Transpose', [tensor('complex64', [1, 2], [1, 2, 3, 4]), vec('int64', [1, 0])], { dtype: 'complex64', shape: [2, 1] }, { T: 'complex64', Tperm: 'int64' })).toEqual([1, 2, 3, 4]);
    expect(run1('Transpose', [scalar('float32', 5), vec('int32', [])], { dtype: 'float32', shape: [] }, { T: 'float32' })).toEqual([5]);
    expect(() => run1('Transpose', [iota('int32', [2, 3]), vec('int32', [0, 0])], { dtype: 'int32', shape: [2, 2] }, { T: 'int32' })).toThrow(/not a permutation/);
  });
});

describe('ConcatV2, Pack, Unpack, Split, SplitV', () => {
  it('concatenates along any axis', () => {
    const a = iota('int32', [2, 2]);
    const b = tensor('int32', [2, 1], [10, 11]);
    expect(run1('ConcatV2', [a, b, scalar('int32', 1)], { dtype: 'int32', shape: [2, 3] }, { N: 2, T: 'int32' })).toEqual([0, 1, 10, 2, 3, 11]);
    expect(run1('ConcatV2', [a, a, scalar('int32', -2)], { dtype: 'int32', shape: [4, 2] }, { N: 2, T: 'int32' })).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(run1('ConcatV2', [tensor('float32', [0, 2], []), tensor('float32', [1, 2], [1, 2]), scalar('int32', 0)], { dtype: 'float32', shape: [1, 2] }, { N: 2, T: 'float32' })).toEqual([1, 2]);
    expect(() => run1('ConcatV2', [a, tensor('int32', [1, 1], [9]), scalar('int32', 1)], { dtype: 'int32', shape: [2, 3] }, { N: 2, T: 'int32' })).toThrow(/does not match/);
  });

  it('packs and unpacks along an axis', () => {
    const x = vec('int32', [1, 2]);
    const y = vec('int32', [3, 4]);
    expect(run1('Pack', [x, y], { dtype: 'int32', shape: [2, 2] }, { N: 2, T: 'int32', axis: 1 })).toEqual([1, 3, 2, 4]);
    expect(run1('Pack', [scalar('bool', true), scalar('bool', false)], { dtype: 'bool', shape: [2] }, { N: 2, T: 'bool' })).toEqual([1, 0]);
    const parts = runOp('Unpack', [iota('float32', [2, 3])], [{ dtype: 'float32', shape: [2] }, { dtype: 'float32', shape: [2] }, { dtype: 'float32', shape: [2] }], { num: 3, T: 'float32', axis: -1 });
    expect(parts.map(values)).toEqual([[0, 3], [1, 4], [2, 5]]);
  });

  it('splits evenly or by sizes (one -1 inferred)', () => {
    const x = iota('uint16', [2, 4]);
    const even = runOp('Split', [scalar('int32', 1), x], [{ dtype: 'uint16', shape: [2, 2] }, { dtype: 'uint16', shape: [2, 2] }], { num_split: 2, T: 'uint16' });
    expect(even.map(values)).toEqual([[0, 1, 4, 5], [2, 3, 6, 7]]);
    expect(() => runOp('Split', [scalar('int32', 1), x], [{ dtype: 'uint16', shape: [2, 1] }, { dtype: 'uint16', shape: [2, 1] }, { dtype: 'uint16', shape: [2, 1] }], { num_split: 3, T: 'uint16' }))
      .toThrow(/evenly divide/);
    const sized = runOp('SplitV', [x, vec('int64', [1n, -1n]), scalar('int32', -1)], [{ dtype: 'uint16', shape: [2, 1] }, { dtype: 'uint16', shape: [2, 3] }], { num_split: 2, T: 'uint16', Tlen: 'int64' });
    expect(sized.map(values)).toEqual([[0, 4], [1, 2, 3, 5, 6, 7]]);
  });
});

describe('Slice, Tile, Pad, PadV2', () => {
  it('slices with size -1 meaning to the end', () => {
    expect(run1('Slice', [iota('int32', [3, 3]), vec('int32', [1, 1]), vec('int32', [-1, 1])], { dtype: 'int32', shape: [2, 1] }, { T: 'int32', Index: 'int32' })).toEqual([4, 7]);
    expect(() => run1('Slice', [iota('int32', [3, 3]), vec('int32', [2, 0]), vec('int32', [2, 1])], { dtype: 'int32', shape: [2, 1] }, { T: 'int32', Index: 'int32' })).toThrow(/Expected size\[0\]/);
  });

  it('tiles', () => {
    expect(run1('Tile', [iota('int32', [2, 1]), vec('int32', [2, 3])], { dtype: 'int32', shape: [4, 3] }, { T: 'int32' })).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1]);
    expect(run1('Tile', [iota('int32', [2]), vec('int32', [0])], { dtype: 'int32', shape: [0] }, { T: 'int32' })).toEqual([]);
  });

  it('pads with zeros or a constant', () => {
    const x = tensor('float32', [1, 2], [1, 2]);
    const p = tensor('int32', [2, 2], [1, 0, 0, 2]);
    expect(run1('Pad', [x, p], { dtype: 'float32', shape: [2, 4] }, { T: 'float32' })).toEqual([0, 0, 0, 0, 1, 2, 0, 0]);
    expect(run1('PadV2', [x, p, scalar('float32', -1)], { dtype: 'float32', shape: [2, 4] }, { T: 'float32' })).toEqual([-1, -1, -1, -1, 1, 2, -1, -1]);
    expect(run1('Pad', [vec('int64', [5n]), tensor('int32', [1, 2], [1, 1])], { dtype: 'int64', shape: [3] }, { T: 'int64' })).toEqual([0n, 5n, 0n]);
    expect(run1('Pad', [tensor('complex64', [1], [1, 2]), tensor('int32', [1, 2], [0, 1])], { dtype: 'complex64', shape: [2] }, { T: 'complex64' })).toEqual([1, 2, 0, 0]);
  });
});

describe('StridedSlice', () => {
  const x = iota('int32', [3, 4]);
  const ss = (t: HostTensor, begin: number[], end: number[], strides: number[], shape: number[], masks: Record<string, number> = {}) =>
    run1('StridedSlice', [t, vec('int32', begin), vec('int32', end), vec('int32', strides)], { dtype: t.dtype, shape }, { T: t.dtype, Index: 'int32', ...masks });

  it('slices with begin/end/strides like Python', () => {
    expect(ss(x, [1, 1], [3, 3], [1, 1], [2, 2])).toEqual([5, 6, 9, 10]); // x[1:3, 1:3]
    expect(ss(x, [0, 0], [3, 4], [2, 3], [2, 2])).toEqual([0, 3, 8, 11]); // x[::2, ::3]
    expect(ss(x, [-1, -1], [-4, -5], [-1, -2], [3, 2])).toEqual([11, 9, 7, 5, 3, 1]); // x[::-1, ::-2]
    expect(ss(x, [0, 10], [3, -10], [1, -1], [3, 4])).toEqual([3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8]); // clamped
    expect(ss(x, [2, 0], [1, 4], [1, 1], [0, 4])).toEqual([]); // empty interval
  });

  it('applies begin/end masks, shrink, new axis and ellipsis', () => {
    expect(ss(x, [5, 2], [0, 0], [1, 1], [3, 2], { begin_mask: 1, end_mask: 3 })).toEqual([2, 3, 6, 7, 10, 11]); // x[:, 2:]
    expect(ss(x, [0, 0], [0, 0], [-1, 1], [3, 4], { begin_mask: 3, end_mask: 3 })).toEqual([8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3]); // x[::-1]
    expect(ss(x, [-1, 0], [0, 0], [1, 1], [4], { shrink_axis_mask: 1, end_mask: 2 })).toEqual([8, 9, 10, 11]); // x[-1]
    expect(ss(x, [1, 2], [0, 0], [1, 1], [], { shrink_axis_mask: 3 })).toEqual([6]); // x[1, 2]
    expect(ss(x, [0, 0, 1], [0, 0, 2], [1, 1, 1], [3, 1, 1], { ellipsis_mask: 1, new_axis_mask: 2 })).toEqual([1, 5, 9]); // x[..., None, 1:2]
    expect(ss(x, [0, 0], [0, 0], [1, 1], [1, 3, 4], { new_axis_mask: 1, ellipsis_mask: 2 })).toEqual([...Array(12).keys()]); // x[None, ...]
    expect(ss(iota('int32', [2, 2, 2]), [0, 1], [0, 2], [1, 1], [2, 2], { ellipsis_mask: 1, shrink_axis_mask: 2 })).toEqual([1, 3, 5, 7]); // y[..., 1]
  });

  it('rejects out-of-range shrink indices and zero strides', () => {
    expect(() => ss(x, [3, 0], [4, 0], [1, 1], [4], { shrink_axis_mask: 1 })).toThrow('slice index 3 of dimension 0 out of bounds.');
    expect(() => ss(x, [0, 0], [1, 1], [0, 1], [1, 1])).toThrow('strides[0] must be non-zero');
    expect(() => ss(x, [0, 0], [1, 1], [1, 1], [1, 1], { ellipsis_mask: 3 })).toThrow('Multiple ellipses in slice spec not allowed');
    expect(() => ss(x, [0, 0, 0], [1, 1, 1], [1, 1, 1], [1, 1])).toThrow(/Index out of range using input dim 2/);
  });
});

describe('GatherV2', () => {
  const params = iota('float32', [3, 2]);
  it('gathers along an axis, with batch_dims', () => {
    expect(run1('GatherV2', [params, vec('int32', [2, 0, 2]), scalar('int32', 0)], { dtype: 'float32', shape: [3, 2] }, { Tparams: 'float32', Tindices: 'int32', Taxis: 'int32' }))
      .toEqual([4, 5, 0, 1, 4, 5]);
    expect(run1('GatherV2', [params, tensor('int64', [2, 2], [1n, 0n, 0n, 0n]), scalar('int32', 1)], { dtype: 'float32', shape: [3, 2, 2] }, { Tparams: 'float32', Tindices: 'int64', Taxis: 'int32' }))
      .toEqual([1, 0, 0, 0, 3, 2, 2, 2, 5, 4, 4, 4]);
    expect(run1('GatherV2', [params, tensor('int32', [3, 1], [1, 0, 1]), scalar('int32', 1)], { dtype: 'float32', shape: [3, 1] }, { Tparams: 'float32', Tindices: 'int32', Taxis: 'int32', batch_dims: 1 }))
      .toEqual([1, 2, 5]);
    expect(run1('GatherV2', [vec('quint8', [7, 8]), scalar('int32', 1), scalar('int32', 0)], { dtype: 'quint8', shape: [] }, { Tparams: 'quint8', Tindices: 'int32', Taxis: 'int32' })).toEqual([8]);
  });

  it('raises on an index out of range, naming it as TensorFlow does', () => {
    const call = () => run1('GatherV2', [params, tensor('int32', [2, 2], [0, 1, 3, 0]), scalar('int32', 0)], { dtype: 'float32', shape: [2, 2, 2] }, { Tparams: 'float32', Tindices: 'int32', Taxis: 'int32' });
    expect(call).toThrow(KernelRuntimeError);
    expect(call).toThrow('indices[1,0] = 3 is not in [0, 3)');
    expect(() => run1('GatherV2', [params, scalar('int32', -1), scalar('int32', 0)], { dtype: 'float32', shape: [2] }, { Tparams: 'float32', Tindices: 'int32', Taxis: 'int32' }))
      .toThrow('indices = -1 is not in [0, 3)');
  });
});

describe('Fill, ZerosLike, OnesLike, OneHot, Range', () => {
  it('fills every storage', () => {
    expect(run1('Fill', [vec('int32', [2, 2]), scalar('float16', 1.5)], { dtype: 'float16', shape: [2, 2] }, { T: 'float16' })).toEqual([1.5, 1.5, 1.5, 1.5]);
    expect(run1('Fill', [vec('int64', [2n]), tensor('complex64', [], [1, -1])], { dtype: 'complex64', shape: [2] }, { T: 'complex64', index_type: 'int64' })).toEqual([1, -1, 1, -1]);
    expect(run1('Fill', [vec('int32', [0, 3]), scalar('qint32', 4)], { dtype: 'qint32', shape: [0, 3] }, { T: 'qint32' })).toEqual([]);
    expect(run1('ZerosLike', [vec('int64', [5n, 6n])], { dtype: 'int64', shape: [2] }, { T: 'int64' })).toEqual([0n, 0n]);
    expect(run1('ZerosLike', [tensor('complex128', [1], [5, 6])], { dtype: 'complex128', shape: [1] }, { T: 'complex128' })).toEqual([0, 0]);
    expect(run1('OnesLike', [vec('bfloat16', [5, 6])], { dtype: 'bfloat16', shape: [2] }, { T: 'bfloat16' })).toEqual([1, 1]);
    expect(run1('OnesLike', [tensor('complex64', [1], [5, 6])], { dtype: 'complex64', shape: [1] }, { T: 'complex64' })).toEqual([1, 0]);
    expect(run1('OnesLike', [vec('uint64', [9n])], { dtype: 'uint64', shape: [1] }, { T: 'uint64' })).toEqual([1n]);
  });

  it('makes one-hot tensors along any axis; out-of-range indices give off values', () => {
    const onehot = (indices: HostTensor, depth: number, shape: number[], axis = -1) =>
      run1('OneHot', [indices, scalar('int32', depth), scalar('float32', 5), scalar('float32', -1)], { dtype: 'float32', shape }, { T: 'float32', TI: indices.dtype, axis });
    expect(onehot(vec('int64', [0n, 2n, -1n]), 3, [3, 3])).toEqual([5, -1, -1, -1, -1, 5, -1, -1, -1]);
    expect(onehot(vec('int32', [0, 2]), 3, [3, 2], 0)).toEqual([5, -1, -1, -1, -1, 5]);
    expect(onehot(vec('uint8', [1]), 0, [1, 0])).toEqual([]);
  });

  it('ranges by accumulating delta in the dtype', () => {
    const range = (dtype: DType, start: number, limit: number, delta: number, n: number) =>
      run1('Range', [scalar(dtype, start), scalar(dtype, limit), scalar(dtype, delta)], { dtype, shape: [n] }, { Tidx: dtype });
    expect(range('int32', 3, 10, 3, 3)).toEqual([3, 6, 9]);
    expect(range('int32', 5, 0, -2, 3)).toEqual([5, 3, 1]);
    expect(range('float32', 0, 0.35, 0.1, 4)).toEqual([0, Math.fround(0.1), Math.fround(Math.fround(0.1) + Math.fround(0.1)), Math.fround(Math.fround(Math.fround(0.1) + Math.fround(0.1)) + Math.fround(0.1))]);
    expect(run1('Range', [scalar('int64', 0n), scalar('int64', 5n), scalar('int64', 2n)], { dtype: 'int64', shape: [3] }, { Tidx: 'int64' })).toEqual([0n, 2n, 4n]);
    expect(() => range('int32', 0, 5, 0, 0)).toThrow('Requires delta != 0: 0');
    expect(() => range('int32', 5, 0, 1, 0)).toThrow('Requires start <= limit when delta > 0: 5/0');
    expect(() => range('int32', 0, 5, 1, 4)).toThrow(/output has shape \[4\], expected \[5\]/);
  });
});

describe('0-size tensors', () => {
  it('pass through every family without touching memory', () => {
    const empty = (dtype: DType, shape: number[]) => tensor(dtype, shape, []);
    expect(run1('Transpose', [empty('int32', [0, 2]), vec('int32', [1, 0])], { dtype: 'int32', shape: [2, 0] }, { T: 'int32' })).toEqual([]);
    expect(run1('GatherV2', [iota('float32', [3]), empty('int32', [0]), scalar('int32', 0)], { dtype: 'float32', shape: [0] }, { Tparams: 'float32', Tindices: 'int32', Taxis: 'int32' })).toEqual([]);
    expect(run1('GatherV2', [empty('float32', [0, 2]), empty('int32', [0]), scalar('int32', 0)], { dtype: 'float32', shape: [0, 2] }, { Tparams: 'float32', Tindices: 'int32', Taxis: 'int32' })).toEqual([]);
    expect(run1('ConcatV2', [empty('int64', [0]), empty('int64', [0]), scalar('int32', 0)], { dtype: 'int64', shape: [0] }, { N: 2, T: 'int64' })).toEqual([]);
    expect(run1('Conv2D', [empty('float32', [0, 3, 3, 1]), tensor('float32', [1, 1, 1, 2], [1, 2])], { dtype: 'float32', shape: [0, 3, 3, 2] }, { T: 'float32', strides: [1, 1, 1, 1], padding: 'SAME' })).toEqual([]);
    expect(run1('MaxPool', [empty('float32', [1, 0, 2, 1])], { dtype: 'float32', shape: [1, 0, 2, 1] }, { T: 'float32', ksize: [1, 1, 1, 1], strides: [1, 1, 1, 1], padding: 'SAME' })).toEqual([]);
    expect(run1('RandomUniform', [vec('int32', [0, 5])], { dtype: 'float32', shape: [0, 5] }, { dtype: 'float32', T: 'int32' }, { philox: { seed: 1, seed2: 1, offset: 0 } })).toEqual([]);
    expect(run1('StridedSlice', [empty('bool', [0, 3]), vec('int32', [0]), vec('int32', [0]), vec('int32', [1])], { dtype: 'bool', shape: [0, 3] }, { T: 'bool', Index: 'int32', end_mask: 1 })).toEqual([]);
    expect(run1('Select', [empty('bool', [0]), empty('qint16', [0]), empty('qint16', [0])], { dtype: 'qint16', shape: [0] }, { T: 'qint16' })).toEqual([]);
  });
});

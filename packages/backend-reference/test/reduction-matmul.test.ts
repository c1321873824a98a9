import type { DType, HostTensor } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { run1, scalar, tensor, vec } from './support/run-op.js';

const reduce = (op: string, x: HostTensor, axes: number[], shape: number[], keepDims = false) =>
  run1(op, [x, vec('int32', axes)], { dtype: x.dtype, shape }, { T: x.dtype, keep_dims: keepDims });

describe('reductions', () => {
  const x = tensor('float32', [2, 3], [1, 2, 3, 4, 5, 6]);

  it('reduces over any set of axes, negative axes included, with keep_dims', () => {
    expect(reduce('Sum', x, [0], [3])).toEqual([5, 7, 9]);
    expect(reduce('Sum', x, [-1], [2])).toEqual([6, 15]);
    expect(reduce('Sum', x, [0, 1], [])).toEqual([21]);
    expect(reduce('Sum', x, [1], [2, 1], true)).toEqual([6, 15]);
    expect(reduce('Sum', x, [1, -1], [2])).toEqual([6, 15]); // a repeated axis counts once
    expect(reduce('Prod', x, [1], [2])).toEqual([6, 120]);
    expect(reduce('Max', x, [0], [3])).toEqual([4, 5, 6]);
    expect(reduce('Min', x, [1], [2])).toEqual([1, 4]);
    expect(reduce('Mean', x, [0], [3])).toEqual([2.5, 3.5, 4.5]);
  });

  it('is the identity over no axes', () => {
    expect(reduce('Sum', x, [], [2, 3])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(reduce('Max', scalar('int32', 7), [], [])).toEqual([7]);
  });

  it('gives the identity element over empty extents', () => {
    const empty = tensor('float32', [0, 2], []);
    expect(reduce('Sum', empty, [0], [2])).toEqual([0, 0]);
    expect(reduce('Prod', empty, [0], [2])).toEqual([1, 1]);
    expect(reduce('Max', empty, [0], [2])).toEqual([-Infinity, -Infinity]);
    expect(reduce('Min', tensor('int32', [0], []), [0], [])).toEqual([2147483647]);
    expect(reduce('Mean', empty, [0], [2])).toEqual([NaN, NaN]);
    expect(() => reduce('Mean', tensor('int32', [0], []), [0], [])).toThrow('Integer division by zero');
  });

  it('truncates integer means and wraps integer sums', () => {
    expect(reduce('Mean', vec('int32', [1, 2, 2]), [0], [])).toEqual([1]);
    expect(reduce('Mean', vec('int32', [-1, -2, -2]), [0], [])).toEqual([-1]);
    expect(reduce('Mean', vec('int64', [-7n, 0n]), [0], [])).toEqual([-3n]);
    expect(reduce('Sum', vec('int8', [100, 100]), [0], [])).toEqual([-56]);
    expect(reduce('Sum', vec('uint64', [2n ** 64n - 1n, 2n]), [0], [])).toEqual([1n]);
    expect(reduce('Prod', vec('int32', [65536, 65536, 3]), [0], [])).toEqual([0]);
  });

  it('propagates NaN through Max and Min', () => {
    expect(reduce('Max', vec('float32', [1, NaN, 3]), [0], [])).toEqual([NaN]);
    expect(reduce('Min', vec('float64', [NaN, -1]), [0], [])).toEqual([NaN]);
  });

  it('accumulates floats in float64 and rounds once', () => {
    // 2^24 + 1 + 1 in float32 steps would stay at 2^24; the exact sum 2^24 + 2 is a float32.
    expect(reduce('Sum', vec('float32', [2 ** 24, 1, 1]), [0], [])).toEqual([2 ** 24 + 2]);
    expect(reduce('Sum', vec('float16', [2048, 1, 1]), [0], [])).toEqual([2050]);
    expect(reduce('Mean', vec('bfloat16', [1, 2]), [0], [])).toEqual([1.5]);
  });

  it('reduces complex values', () => {
    const c = tensor('complex64', [2], [1, 2, 3, 4]);
    expect(reduce('Sum', c, [0], [])).toEqual([4, 6]);
    expect(reduce('Prod', c, [0], [])).toEqual([-5, 10]);
    expect(reduce('Mean', c, [0], [])).toEqual([2, 3]);
  });

  it('reduces bools with All and Any', () => {
    const b = tensor('bool', [2, 2], [true, false, true, true]);
    const run = (op: string, axes: number[], shape: number[]) => run1(op, [b, vec('int32', axes)], { dtype: 'bool', shape }, { keep_dims: false });
    expect(run('All', [1], [2])).toEqual([0, 1]);
    expect(run('Any', [0], [2])).toEqual([1, 1]);
    expect(run1('All', [tensor('bool', [0], []), vec('int32', [0])], { dtype: 'bool', shape: [] })).toEqual([1]);
    expect(run1('Any', [tensor('bool', [0], []), vec('int32', [0])], { dtype: 'bool', shape: [] })).toEqual([0]);
  });

  it('rejects an axis out of range', () => {
    expect(() => reduce('Sum', x, [2], [2])).toThrow('Invalid reduction dimension (2 for input with 2 dimension(s))');
  });
});

describe('ArgMax / ArgMin', () => {
  const arg = (op: string, x: HostTensor, axis: number, shape: number[], out: DType = 'int64') =>
    run1(op, [x, scalar('int32', axis)], { dtype: out, shape }, { T: x.dtype, output_type: out });

  it('returns the first index on ties along the given axis', () => {
    const x = tensor('float32', [2, 3], [1, 5, 5, 7, 0, 7]);
    expect(arg('ArgMax', x, 1, [2])).toEqual([1n, 0n]);
    expect(arg('ArgMax', x, 0, [3], 'int32')).toEqual([1, 0, 1]);
    expect(arg('ArgMin', x, -1, [2], 'int32')).toEqual([0, 1]);
    expect(arg('ArgMax', vec('int64', [3n, 9n, 9n]), 0, [], 'int32')).toEqual([1]);
    expect(arg('ArgMin', vec('uint8', [3, 0, 0]), 0, [], 'int32')).toEqual([1]);
  });

  it('never picks NaN (TensorFlow 1 CPU); an all-NaN row gives 0', () => {
    expect(arg('ArgMax', vec('float32', [NaN, 1, NaN, 2]), 0, [], 'int32')).toEqual([3]);
    expect(arg('ArgMin', vec('float64', [NaN, 1, NaN, 0]), 0, [], 'int32')).toEqual([3]);
    expect(arg('ArgMax', vec('float32', [NaN, NaN]), 0, [], 'int32')).toEqual([0]);
  });

  it('rejects an empty axis', () => {
    expect(() => arg('ArgMax', tensor('float32', [2, 0], []), 1, [2])).toThrow(/Reduction axis 1 is empty/);
  });
});

describe('MatMul and BatchMatMulV2', () => {
  const a = tensor('float32', [2, 3], [1, 2, 3, 4, 5, 6]);
  const b = tensor('float32', [3, 2], [7, 8, 9, 10, 11, 12]);

  it('multiplies matrices with either operand transposed', () => {
    const mm = (x: HostTensor, y: HostTensor, shape: number[], ta = false, tb = false) =>
      run1('MatMul', [x, y], { dtype: x.dtype, shape }, { T: x.dtype, transpose_a: ta, transpose_b: tb });
    expect(mm(a, b, [2, 2])).toEqual([58, 64, 139, 154]);
    expect(mm(a, a, [3, 3], true, false)).toEqual([17, 22, 27, 22, 29, 36, 27, 36, 45]);
    expect(mm(a, a, [2, 2], false, true)).toEqual([14, 32, 32, 77]);
    expect(mm(b, a, [2, 2], true, true)).toEqual([58, 139, 64, 154]);
    expect(mm(tensor('int32', [1, 2], [65536, 1]), tensor('int32', [2, 1], [65536, 5]), [1, 1])).toEqual([5]);
    expect(mm(tensor('int64', [1, 1], [3n]), tensor('int64', [1, 1], [-4n]), [1, 1])).toEqual([-12n]);
    expect(mm(tensor('float32', [2, 0], []), tensor('float32', [0, 3], []), [2, 3])).toEqual([0, 0, 0, 0, 0, 0]);
    // complex: transpose without conjugation
    expect(mm(tensor('complex64', [1, 1], [1, 2]), tensor('complex64', [1, 1], [3, 4]), [1, 1], true, true)).toEqual([-5, 10]);
    expect(() => mm(a, a, [2, 2])).toThrow(/Matrix size-incompatible: In\[0\]: \[2,3\], In\[1\]: \[2,3\]/);
  });

  it('broadcasts batch dimensions and takes adjoints', () => {
    const x = tensor('float64', [2, 1, 2], [1, 2, 3, 4]);
    const y = tensor('float64', [2, 1], [10, 100]);
    expect(run1('BatchMatMulV2', [x, y], { dtype: 'float64', shape: [2, 1, 1] }, { T: 'float64' })).toEqual([210, 430]);
    const c = tensor('complex128', [1, 1, 1], [0, 1]);
    expect(run1('BatchMatMulV2', [c, c], { dtype: 'complex128', shape: [1, 1, 1] }, { T: 'complex128', adj_x: true })).toEqual([1, 0]);
    expect(run1('BatchMatMulV2', [c, c], { dtype: 'complex128', shape: [1, 1, 1] }, { T: 'complex128' })).toEqual([-1, 0]);
  });
});

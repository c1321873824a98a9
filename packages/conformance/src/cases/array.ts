import type { DType } from '@varscope/kernel-api';
import type { KernelCase } from './kernel-case.js';
import { int, ints, literal, tensor } from './values.js';

const MOVERS: readonly DType[] = ['float32', 'int32', 'int64', 'bool', 'uint8', 'float64', 'float16'];

/** Data movement across the dtypes every backend should move: reshape, transpose, concat, slice, gather… */
export function arrayCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  let seed = 11000;
  const add = (c: Omit<KernelCase, 'tolerance' | 'tags'> & { tags?: string[] }) =>
    cases.push({ tolerance: 'exact', tags: [], ...c });
  for (const dtype of MOVERS) {
    const x = tensor(dtype, [2, 3, 4], seed++);
    add({ id: `Reshape/${dtype}`, op: 'Reshape', dtype, attrs: { T: dtype, Tshape: 'int32' }, inputs: [x, ints([4, -1])], outputs: [{ dtype, shape: [4, 6] }] });
    for (const perm of [[0, 1, 2], [2, 0, 1], [1, 0, 2], [2, 1, 0]]) {
      add({ id: `Transpose/${dtype}/[${perm}]`, op: 'Transpose', dtype, attrs: { T: dtype, Tperm: 'int32' }, inputs: [x, ints(perm)],
        outputs: [{ dtype, shape: perm.map((p) => [2, 3, 4][p] as number) }] });
    }
    for (const axis of [0, 1, -1]) {
      const a = tensor(dtype, [2, 3, 4], seed++);
      const shapeB = [2, 3, 4];
      const ax = axis < 0 ? 2 : axis;
      shapeB[ax] = 1;
      const b = tensor(dtype, shapeB, seed++);
      const out = [2, 3, 4];
      out[ax] = (out[ax] as number) + 1;
      add({ id: `ConcatV2/${dtype}/axis${axis}`, op: 'ConcatV2', dtype, attrs: { N: 2, T: dtype, Tidx: 'int32' }, inputs: [a, b, int(axis)], outputs: [{ dtype, shape: out }] });
    }
    add({ id: `Slice/${dtype}`, op: 'Slice', dtype, attrs: { T: dtype, Index: 'int32' }, inputs: [x, ints([1, 0, 1]), ints([1, -1, 2])], outputs: [{ dtype, shape: [1, 3, 2] }] });
    add({ id: `Tile/${dtype}`, op: 'Tile', dtype, attrs: { T: dtype, Tmultiples: 'int32' }, inputs: [tensor(dtype, [2, 3], seed++), ints([2, 3])], outputs: [{ dtype, shape: [4, 9] }] });
    add({ id: `Pad/${dtype}`, op: 'Pad', dtype, attrs: { T: dtype, Tpaddings: 'int32' }, inputs: [tensor(dtype, [2, 3], seed++), literal('int32', [2, 2], [1, 0, 2, 1])], outputs: [{ dtype, shape: [3, 6] }] });
    add({ id: `Pack/${dtype}/axis1`, op: 'Pack', dtype, attrs: { N: 3, T: dtype, axis: 1 }, inputs: [tensor(dtype, [2, 3], seed++), tensor(dtype, [2, 3], seed++), tensor(dtype, [2, 3], seed++)], outputs: [{ dtype, shape: [2, 3, 3] }] });
    add({ id: `Unpack/${dtype}/axis1`, op: 'Unpack', dtype, attrs: { num: 3, T: dtype, axis: 1 }, inputs: [x], outputs: [{ dtype, shape: [2, 4] }, { dtype, shape: [2, 4] }, { dtype, shape: [2, 4] }] });
    add({ id: `Split/${dtype}`, op: 'Split', dtype: dtype, attrs: { num_split: 2, T: dtype }, inputs: [int(2), x], outputs: [{ dtype, shape: [2, 3, 2] }, { dtype, shape: [2, 3, 2] }] });
    add({ id: `SplitV/${dtype}`, op: 'SplitV', dtype, attrs: { num_split: 2, T: dtype, Tlen: 'int32' }, inputs: [x, ints([1, 2]), int(1)], outputs: [{ dtype, shape: [2, 1, 4] }, { dtype, shape: [2, 2, 4] }] });
    add({ id: `ExpandDims/${dtype}`, op: 'ExpandDims', dtype, attrs: { T: dtype, Tdim: 'int32' }, inputs: [x, int(-1)], outputs: [{ dtype, shape: [2, 3, 4, 1] }] });
    add({ id: `Squeeze/${dtype}`, op: 'Squeeze', dtype, attrs: { T: dtype, squeeze_dims: [] }, inputs: [tensor(dtype, [1, 3, 1, 2], seed++)], outputs: [{ dtype, shape: [3, 2] }] });
    add({ id: `GatherV2/${dtype}/axis0`, op: 'GatherV2', dtype, attrs: { batch_dims: 0, Tparams: dtype, Tindices: 'int32', Taxis: 'int32' }, inputs: [x, ints([1, 0, 1]), int(0)], outputs: [{ dtype, shape: [3, 3, 4] }] });
    add({ id: `GatherV2/${dtype}/axis2-int64`, op: 'GatherV2', dtype, attrs: { batch_dims: 0, Tparams: dtype, Tindices: 'int64', Taxis: 'int32' }, inputs: [x, literal('int64', [2, 2], [3, 0, 2, 2]), int(2)], outputs: [{ dtype, shape: [2, 3, 2, 2] }] });
  }
  add({ id: 'GatherV2/float32/out-of-range', op: 'GatherV2', dtype: 'float32', attrs: { batch_dims: 0, Tparams: 'float32', Tindices: 'int32', Taxis: 'int32' },
    inputs: [tensor('float32', [3, 2], seed++), ints([0, 5]), int(0)], outputs: [{ dtype: 'float32', shape: [2, 2] }], throws: 'indices[1] = 5 is not in [0, 3)', tags: ['error'] });
  for (const dtype of ['float32', 'int32', 'bool'] as DType[]) {
    add({ id: `Fill/${dtype}`, op: 'Fill', dtype, attrs: { T: dtype, index_type: 'int32' }, inputs: [ints([2, 3]), tensor(dtype, [], seed++)], outputs: [{ dtype, shape: [2, 3] }] });
  }
  add({ id: 'Fill/float32/empty', op: 'Fill', dtype: 'float32', attrs: { T: 'float32', index_type: 'int32' }, inputs: [ints([0, 3]), tensor('float32', [], seed++)], outputs: [{ dtype: 'float32', shape: [0, 3] }], tags: ['empty'] });
  const ss = (id: string, shape: number[], begin: number[], end: number[], strides: number[], masks: Partial<Record<string, number>>, out: number[]) =>
    add({ id: `StridedSlice/float32/${id}`, op: 'StridedSlice', dtype: 'float32',
      attrs: { T: 'float32', Index: 'int32', begin_mask: 0, end_mask: 0, ellipsis_mask: 0, new_axis_mask: 0, shrink_axis_mask: 0, ...masks },
      inputs: [tensor('float32', shape, seed++), ints(begin), ints(end), ints(strides)], outputs: [{ dtype: 'float32', shape: out }] });
  ss('basic', [5, 6], [1, 2], [4, 6], [1, 2], {}, [3, 2]);
  ss('negative-stride', [7], [-1], [0], [-2], {}, [3]);
  ss('reverse-all', [4, 3], [0, 0], [0, 0], [-1, -1], { begin_mask: 3, end_mask: 3 }, [4, 3]);
  ss('shrink', [3, 4], [1, 0], [2, 4], [1, 1], { shrink_axis_mask: 1 }, [4]);
  ss('ellipsis-newaxis', [2, 3, 4], [0, 0], [0, 2], [1, 1], { ellipsis_mask: 1, new_axis_mask: 0, end_mask: 0, begin_mask: 0 }, [2, 3, 2]);
  ss('new-axis', [3, 4], [0, 0, 1], [0, 0, 3], [1, 1, 1], { new_axis_mask: 1, begin_mask: 2, end_mask: 2 }, [1, 3, 2]);
  add({ id: 'OneHot/float32', op: 'OneHot', dtype: 'int32', attrs: { axis: -1, T: 'float32', TI: 'int32' },
    inputs: [ints([0, 2, -1, 1]), int(3), literal('float32', [], [1]), literal('float32', [], [0])], outputs: [{ dtype: 'float32', shape: [4, 3] }] });
  add({ id: 'Range/int32', op: 'Range', dtype: 'int32', attrs: { Tidx: 'int32' }, inputs: [int(3), int(18), int(4)], outputs: [{ dtype: 'int32', shape: [4] }] });
  add({ id: 'Range/float32', op: 'Range', dtype: 'float32', attrs: { Tidx: 'float32' },
    inputs: [literal('float32', [], [1]), literal('float32', [], [2]), literal('float32', [], [0.25])], outputs: [{ dtype: 'float32', shape: [4] }] });
  add({ id: 'PadV2/float32', op: 'PadV2', dtype: 'float32', attrs: { T: 'float32', Tpaddings: 'int32' },
    inputs: [tensor('float32', [2, 2], seed++), literal('int32', [2, 2], [0, 1, 1, 0]), literal('float32', [], [7])], outputs: [{ dtype: 'float32', shape: [3, 3] }] });
  return cases;
}

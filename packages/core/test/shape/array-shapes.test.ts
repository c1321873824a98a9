import { describe, expect, it } from 'vitest';
import { NDArray } from '../../src/dtypes/index.js';
import { i64, infer, int, ofType, s, shapes, unknown } from './helpers.js';

describe('Reshape', () => {
  it('infers the -1 dimension', () => {
    expect(shapes('Reshape', [s(2, 3), int([-1])])).toEqual(['[6]']);
    expect(shapes('Reshape', [s(2, 3), i64([3, -1])])).toEqual(['[3,2]']);
    expect(shapes('Reshape', [s(null, 3), int([-1, 3])])).toEqual(['[?,3]']);
    expect(shapes('Reshape', [s(null, 4), int([2, 2, -1])])).toEqual(['[2,2,?]']);
    expect(shapes('Reshape', [s(2, 3), ofType('int32', 2)])).toEqual(['[?,?]']);
    expect(shapes('Reshape', [unknown, int([4, -1])])).toEqual(['[4,?]']);
  });

  it('reports mismatched sizes', () => {
    expect(() => shapes('Reshape', [s(2, 3), int([4])]))
      .toThrow("Cannot reshape a tensor with 6 elements to shape [4] (4 elements) for 'Reshape' (op: 'Reshape') with input shapes: [2,3], [1] and with computed input tensors: input[1] = <4>.");
    expect(() => shapes('Reshape', [s(6), int([4, -1])])).toThrow('Dimension size must be evenly divisible by 4 but is 6');
    expect(() => shapes('Reshape', [s(2, 3), int([-1, -1])])).toThrow('Only one input size may be -1, not both 0 and 1');
    expect(() => shapes('Reshape', [s(0, 3), int([-1, 0])])).toThrow(/cannot infer the missing input size for an empty tensor/);
    expect(() => shapes('Reshape', [s(2, 3), int([-2, 3])])).toThrow('Invalid value in tensor used for shape: -2');
  });
});

describe('Squeeze, ExpandDims, Transpose', () => {
  it('Squeeze', () => {
    expect(shapes('Squeeze', [s(1, 2, 1, 3)])).toEqual(['[2,3]']);
    expect(shapes('Squeeze', [s(1, 2, 1, 3)], { squeeze_dims: [0] })).toEqual(['[2,1,3]']);
    expect(shapes('Squeeze', [s(1, 2, 1, 3)], { squeeze_dims: [-2] })).toEqual(['[1,2,3]']);
    expect(shapes('Squeeze', [s(null, 1)])).toEqual(['?']);
    expect(shapes('Squeeze', [s(null, 1, 2)], { squeeze_dims: [0] })).toEqual(['[1,2]']);
    expect(() => shapes('Squeeze', [s(1, 2)], { squeeze_dims: [1] })).toThrow('Can not squeeze dim[1], expected a dimension of 1, got 2');
    expect(() => shapes('Squeeze', [s(1, 2)], { squeeze_dims: [2] })).toThrow('Tried to squeeze dim index 2 for tensor with 2 dimensions.');
  });

  it('ExpandDims', () => {
    expect(shapes('ExpandDims', [s(2, 3), int(0)])).toEqual(['[1,2,3]']);
    expect(shapes('ExpandDims', [s(2, 3), int(-1)])).toEqual(['[2,3,1]']);
    expect(shapes('ExpandDims', [s(2, 3), int([2])])).toEqual(['[2,3,1]']);
    expect(shapes('ExpandDims', [s(2, 3), ofType('int32')])).toEqual(['?']);
    expect(() => shapes('ExpandDims', [s(2, 3), int(3)])).toThrow('dim 3 not in the interval [-3, 2].');
    expect(() => shapes('ExpandDims', [s(2, 3), int([0, 1])])).toThrow("'dim' input must be a tensor with a single value");
  });

  it('Transpose', () => {
    expect(shapes('Transpose', [s(2, 3, 4), int([2, 0, 1])])).toEqual(['[4,2,3]']);
    expect(shapes('Transpose', [s(2, 3, 4), ofType('int32', 3)])).toEqual(['[?,?,?]']);
    expect(shapes('Transpose', [s(3, 3), ofType('int32', 2)])).toEqual(['[3,3]']);
    expect(shapes('Transpose', [unknown, int([1, 0])])).toEqual(['[?,?]']);
    expect(() => shapes('Transpose', [s(2, 3, 4), int([0, 0, 1])])).toThrow('2 is missing from {0,0,1}.');
    expect(() => shapes('Transpose', [s(2, 3, 4), int([0, 3, 1])])).toThrow('perm dim 3 is out of range of input rank 3');
    expect(() => shapes('Transpose', [s(2, 3, 4), int([0, 1])])).toThrow('Dimension must be 3 but is 2');
  });
});

describe('ConcatV2, Pack, Unpack, Split, SplitV', () => {
  it('ConcatV2', () => {
    expect(shapes('ConcatV2', [s(2, 3), s(4, 3), int(0)])).toEqual(['[6,3]']);
    expect(shapes('ConcatV2', [s(2, 3), s(2, 5), int(-1)])).toEqual(['[2,8]']);
    expect(shapes('ConcatV2', [s(null, 3), s(2, 3), int(0)])).toEqual(['[?,3]']);
    expect(shapes('ConcatV2', [s(null, 3), s(2, 4), int(1)])).toEqual(['[2,7]']);
    expect(shapes('ConcatV2', [s(2, 3), s(2, 3), ofType('int32')])).toEqual(['[?,?]']);
    expect(shapes('ConcatV2', [unknown, unknown, int(0)])).toEqual(['?']);
    expect(() => shapes('ConcatV2', [s(2, 3), s(3, 3), int(1)]))
      .toThrow('Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3].');
    expect(() => shapes('ConcatV2', [s(), s(), ofType('int32')])).toThrow("Can't concatenate scalars (use tf.stack instead)");
    expect(() => shapes('ConcatV2', [s(2), s(2), int(1)])).toThrow('Shape must be at least rank 2 but is rank 1');
  });

  it('Pack', () => {
    expect(shapes('Pack', [s(2, 3), s(2, 3), s(2, 3)])).toEqual(['[3,2,3]']);
    expect(shapes('Pack', [s(2, 3), s(null, 3)], { axis: -1 })).toEqual(['[2,3,2]']);
    expect(() => shapes('Pack', [s(2, 3), s(2, 3)], { axis: 3 })).toThrow('Invalid axis: 3; must be in [-3,3)');
    expect(() => shapes('Pack', [s(2), s(3)])).toThrow(/From merging shape 0 with other shapes/);
  });

  it('Unpack', () => {
    expect(shapes('Unpack', [s(3, 4)], { num: 3 })).toEqual(['[4]', '[4]', '[4]']);
    expect(shapes('Unpack', [s(3, 4)], { num: 4, axis: -1 })).toEqual(['[3]', '[3]', '[3]', '[3]']);
    expect(() => shapes('Unpack', [s(3, 4)], { num: 2 })).toThrow('Dimension must be 2 but is 3');
  });

  it('Split', () => {
    expect(shapes('Split', [int(1), s(4, 6)], { num_split: 3 })).toEqual(['[4,2]', '[4,2]', '[4,2]']);
    expect(shapes('Split', [int(-1), s(4, 6)], { num_split: 2 })).toEqual(['[4,3]', '[4,3]']);
    expect(shapes('Split', [ofType('int32'), s(4, 6)], { num_split: 2 })).toEqual(['[?,?]', '[?,?]']);
    expect(() => shapes('Split', [int(1), s(4, 6)], { num_split: 4 }))
      .toThrow('Dimension size must be evenly divisible by 4 but is 6\n\tNumber of ways to split should evenly divide the split dimension');
    expect(() => shapes('Split', [int(2), s(4, 6)], { num_split: 2 })).toThrow('Dimension size, given by scalar input 2 must be in range [-2, 2)');
  });

  it('SplitV', () => {
    expect(shapes('SplitV', [s(10, 3), i64([3, -1, 2]), int(0)], { num_split: 3 })).toEqual(['[3,3]', '[5,3]', '[2,3]']);
    expect(shapes('SplitV', [s(10, 3), ofType('int64', 2), int(0)], { num_split: 2 })).toEqual(['[?,3]', '[?,3]']);
    expect(() => shapes('SplitV', [s(10, 3), i64([3, 4]), int(0)], { num_split: 2 })).toThrow(/Determined shape must either match input shape along split_dim exactly.*Got: 7/);
  });
});

describe('Slice, GatherV2, Tile, Pad, Fill', () => {
  it('Slice', () => {
    expect(shapes('Slice', [s(4, 5), int([1, 2]), int([2, -1])])).toEqual(['[2,3]']);
    expect(shapes('Slice', [s(4, 5), ofType('int32', 2), int([2, -1])])).toEqual(['[2,?]']);
    expect(shapes('Slice', [s(null, 5), int([1, 2]), int([2, -1])])).toEqual(['[2,3]']);
    expect(() => shapes('Slice', [s(4, 5), int([1, 0]), int([4, 1])])).toThrow('Expected size[0] in [0, 3], but got 4');
    expect(() => shapes('Slice', [s(4, 5), int([5, 0]), int([0, 1])])).toThrow('Expected begin[0] in [0, 4], but got 5');
  });

  it('GatherV2', () => {
    expect(shapes('GatherV2', [s(5, 6), int([0, 1, 2]), int(0)])).toEqual(['[3,6]']);
    expect(shapes('GatherV2', [s(5, 6), int([0, 1, 2]), int(1)])).toEqual(['[5,3]']);
    expect(shapes('GatherV2', [s(5, 6), int([0, 1, 2]), int(-1)])).toEqual(['[5,3]']);
    expect(shapes('GatherV2', [s(5, 6), ofType('int32', 2, 4), int(1)])).toEqual(['[5,2,4]']);
    expect(shapes('GatherV2', [s(3, 5, 6), ofType('int32', 3, 4), int(1)], { batch_dims: 1 })).toEqual(['[3,4,6]']);
    expect(shapes('GatherV2', [s(5, 6), ofType('int32', 2, 4), ofType('int32')])).toEqual(['[?,?,?]']);
    expect(() => shapes('GatherV2', [s(3, 5), ofType('int32', 4, 2), int(1)], { batch_dims: 1 }))
      .toThrow('params.shape[0]: 3 should be equal to indices.shape[0]: 4');
    expect(() => shapes('GatherV2', [s(5), int([0]), int(1)])).toThrow('Shape must be at least rank 2 but is rank 1');
  });

  it('Tile', () => {
    expect(shapes('Tile', [s(2, 3), int([2, 1])])).toEqual(['[4,3]']);
    expect(shapes('Tile', [s(null, 3), int([1, 0])])).toEqual(['[?,0]']);
    expect(shapes('Tile', [s(2, 3), ofType('int32', 2)])).toEqual(['[?,?]']);
    expect(() => shapes('Tile', [s(2, 3), int([2])])).toThrow('Dimension must be 2 but is 1');
  });

  it('Pad and PadV2', () => {
    expect(shapes('Pad', [s(2, 3), int([[1, 1], [0, 2]])])).toEqual(['[4,5]']);
    expect(shapes('PadV2', [s(null, 3), int([[1, 1], [0, 2]]), s()])).toEqual(['[?,5]']);
    expect(shapes('Pad', [s(2, 3), ofType('int32', 2, 2)])).toEqual(['[?,?]']);
    expect(() => shapes('Pad', [s(2, 3), int([[1, -1], [0, 2]])])).toThrow('Paddings must be non-negative');
    expect(() => shapes('Pad', [s(2, 3), int([[1, 1]])])).toThrow('Shape must be rank 1 but is rank 2');
  });

  it('Fill', () => {
    expect(shapes('Fill', [int([2, 3]), s()])).toEqual(['[2,3]']);
    expect(shapes('Fill', [ofType('int32', 3), s()])).toEqual(['[?,?,?]']);
    expect(() => shapes('Fill', [int([2, -1]), s()])).toThrow('Fill dimensions must be >= 0');
  });
});

describe('Shape, Size, Rank, OneHot, Where, BroadcastGradientArgs', () => {
  it('Shape / Size / Rank', () => {
    expect(shapes('Shape', [s(2, 3)])).toEqual(['[2]']);
    expect(shapes('Shape', [unknown])).toEqual(['[?]']);
    expect(infer('Shape', [s(2)], { out_type: 'int64' })[0]?.dtype).toBe('int64');
    expect(shapes('Size', [s(2, 3)])).toEqual(['[]']);
    expect(shapes('Rank', [s(2, 3)])).toEqual(['[]']);
  });

  it('OneHot', () => {
    const onOff = [s(), s()];
    expect(shapes('OneHot', [ofType('int64', 4), int(10), ...onOff])).toEqual(['[4,10]']);
    expect(shapes('OneHot', [ofType('int64', 4), int(10), ...onOff], { axis: 0 })).toEqual(['[10,4]']);
    expect(shapes('OneHot', [ofType('int64', 2, 3), int(10), ...onOff], { axis: 1 })).toEqual(['[2,10,3]']);
    expect(shapes('OneHot', [ofType('int64', 2), ofType('int32'), ...onOff])).toEqual(['[2,?]']);
    expect(() => shapes('OneHot', [ofType('int64', 2), int(-1), ...onOff])).toThrow('depth must be non-negative, got: -1');
  });

  it('Where is data-dependent', () => {
    expect(shapes('Where', [ofType('bool', 2, 3)])).toEqual(['[?,2]']);
    const value = NDArray.from([[true, false], [false, true]]);
    expect(shapes('Where', [{ value }])).toEqual(['[2,2]']);
    expect(shapes('Where', [{ value: [0, 3, 0, 5, 1], dtype: 'float32' }])).toEqual(['[3,1]']);
    expect(infer('Where', [ofType('bool', 2)])[0]?.dtype).toBe('int64');
  });

  it('BroadcastGradientArgs', () => {
    expect(shapes('BroadcastGradientArgs', [ofType('int32', 2), ofType('int32', 1)])).toEqual(['[?]', '[?]']);
    expect(shapes('BroadcastGradientArgs', [int([2, 3]), int([3])])).toEqual(['[0]', '[1]']);
    expect(() => shapes('BroadcastGradientArgs', [int([2, 3]), int([4])])).toThrow(/Incompatible shapes: \[2,3\] vs. \[4\]/);
  });
});

import { describe, expect, it } from 'vitest';
import { infer, int, s, shapes } from './helpers.js';

const conv = (input: (number | null)[], filter: (number | null)[], attrs: Record<string, unknown>) =>
  shapes('Conv2D', [s(...input), s(...filter)], { strides: [1, 1, 1, 1], ...attrs } as never);

describe('Conv2D output sizes', () => {
  it('VALID and SAME, stride 1 and 2', () => {
    expect(conv([1, 5, 5, 3], [3, 3, 3, 8], { padding: 'VALID' })).toEqual(['[1,3,3,8]']);
    expect(conv([1, 5, 5, 3], [3, 3, 3, 8], { padding: 'SAME' })).toEqual(['[1,5,5,8]']);
    expect(conv([1, 5, 5, 3], [3, 3, 3, 8], { padding: 'SAME', strides: [1, 2, 2, 1] })).toEqual(['[1,3,3,8]']);
    expect(conv([1, 5, 5, 3], [3, 3, 3, 8], { padding: 'VALID', strides: [1, 2, 2, 1] })).toEqual(['[1,2,2,8]']);
    expect(conv([2, 7, 6, 1], [2, 3, 1, 4], { padding: 'VALID', strides: [1, 3, 2, 1] })).toEqual(['[2,2,2,4]']);
  });

  it('dilations enlarge the window', () => {
    expect(conv([1, 5, 5, 3], [3, 3, 3, 8], { padding: 'VALID', dilations: [1, 2, 2, 1] })).toEqual(['[1,1,1,8]']);
    expect(conv([1, 5, 5, 3], [3, 3, 3, 8], { padding: 'SAME', dilations: [1, 2, 2, 1] })).toEqual(['[1,5,5,8]']);
  });

  it('NCHW', () => {
    expect(conv([1, 3, 5, 5], [3, 3, 3, 8], { padding: 'SAME', strides: [1, 1, 2, 2], data_format: 'NCHW' })).toEqual(['[1,8,3,3]']);
  });

  it('partial shapes (SEED-SCENARIOS 7.3)', () => {
    expect(conv([null, 28, 28, 1], [5, 5, 1, 32], { padding: 'SAME' })).toEqual(['[?,28,28,32]']);
    expect(conv([null, 28, 28, 1], [null, 5, 1, 32], { padding: 'VALID' })).toEqual(['[?,?,24,32]']);
  });

  it('errors', () => {
    expect(() => shapes('Conv2D', [s(1, 2, 2, 1), s(3, 3, 1, 1)], { strides: [1, 1, 1, 1], padding: 'VALID' }))
      .toThrow("Negative dimension size caused by subtracting 3 from 2 for 'Conv2D' (op: 'Conv2D') with input shapes: [1,2,2,1], [3,3,1,1].");
    expect(() => conv([1, 5, 5, 3], [3, 3, 4, 8], { padding: 'SAME' })).toThrow('Dimensions must be equal, but are 3 and 4');
    expect(() => conv([1, 5, 5, 3], [3, 3, 3, 8], { padding: 'SAME', strides: [1, 1, 1] }))
      .toThrow('Conv2D requires the stride attribute to contain 4 values, but got: 3');
    expect(() => conv([1, 5, 5, 3], [3, 3, 3, 8], { padding: 'SAME', strides: [2, 1, 1, 1] }))
      .toThrow('Current implementation does not yet support strides in the batch and depth dimensions.');
    expect(() => conv([1, 5, 5], [3, 3, 3, 8], { padding: 'SAME' })).toThrow('Shape must be rank 4 but is rank 3');
  });

  it('backprop ops take their output shape from a host input', () => {
    const attrs = { strides: [1, 1, 1, 1], padding: 'SAME' };
    expect(shapes('Conv2DBackpropInput', [int([1, 5, 5, 3]), s(3, 3, 3, 8), s(1, 5, 5, 8)], attrs)).toEqual(['[1,5,5,3]']);
    expect(shapes('Conv2DBackpropFilter', [s(1, 5, 5, 3), int([3, 3, 3, 8]), s(1, 5, 5, 8)], attrs)).toEqual(['[3,3,3,8]']);
    expect(shapes('Conv2DBackpropInput', [{ dtype: 'int32', shape: [4] }, s(3, 3, 3, 8), s(1, 5, 5, 8)], attrs)).toEqual(['[?,?,?,?]']);
  });
});

describe('pooling', () => {
  const pool = (type: string, input: number[], k: number, stride: number, padding: string, extra = {}) =>
    shapes(type, [s(...input)], { ksize: [1, k, k, 1], strides: [1, stride, stride, 1], padding, ...extra });

  it('MaxPool and AvgPool sizes', () => {
    expect(pool('MaxPool', [1, 4, 4, 1], 2, 2, 'VALID')).toEqual(['[1,2,2,1]']);
    expect(pool('MaxPool', [1, 5, 5, 2], 3, 2, 'SAME')).toEqual(['[1,3,3,2]']);
    expect(pool('AvgPool', [1, 5, 5, 2], 3, 2, 'VALID')).toEqual(['[1,2,2,2]']);
    expect(shapes('MaxPool', [s(1, 2, 5, 5)], { ksize: [1, 1, 3, 3], strides: [1, 1, 2, 2], padding: 'VALID', data_format: 'NCHW' }))
      .toEqual(['[1,2,2,2]']);
    expect(shapes('MaxPool', [s(1, 4, 4, 6)], { ksize: [1, 1, 1, 3], strides: [1, 1, 1, 3], padding: 'VALID' })).toEqual(['[1,4,4,2]']);
  });

  it('rejects batch and depth windows where TensorFlow does', () => {
    expect(() => shapes('MaxPool', [s(2, 4, 4, 1)], { ksize: [2, 2, 2, 1], strides: [1, 1, 1, 1], padding: 'VALID' }))
      .toThrow('Pooling is not yet supported on the batch dimension.');
    expect(() => shapes('AvgPool', [s(1, 4, 4, 4)], { ksize: [1, 1, 1, 2], strides: [1, 1, 1, 2], padding: 'VALID' }))
      .toThrow('Pooling is not yet supported on the depth dimension.');
    expect(() => shapes('MaxPool', [s(1, 4, 4, 4)], { ksize: [1, 2, 2, 2], strides: [1, 1, 1, 1], padding: 'VALID' }))
      .toThrow('MaxPooling supports exactly one of pooling across depth or pooling across width/height.');
    expect(() => shapes('MaxPool', [s(1, 4, 4, 1)], { ksize: [1, 2, 2], strides: [1, 1, 1, 1], padding: 'VALID' }))
      .toThrow('MaxPool requires the ksize attribute to contain 4 values, but got: 3');
  });

  it('gradients', () => {
    const attrs = { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'VALID' };
    expect(shapes('MaxPoolGrad', [s(1, 4, 4, 1), s(1, 2, 2, 1), s(1, 2, 2, 1)], attrs)).toEqual(['[1,4,4,1]']);
    expect(shapes('AvgPoolGrad', [int([1, 4, 4, 1]), s(1, 2, 2, 1)], attrs)).toEqual(['[1,4,4,1]']);
  });
});

describe('other nn ops', () => {
  it('BiasAdd and BiasAddGrad', () => {
    expect(shapes('BiasAdd', [s(null, 3), s(3)])).toEqual(['[?,3]']);
    expect(shapes('BiasAdd', [s(1, 3, 4, 4), s(null)], { data_format: 'NCHW' })).toEqual(['[1,3,4,4]']);
    expect(shapes('BiasAdd', [s(2, null), s(5)])).toEqual(['[2,5]']);
    expect(() => shapes('BiasAdd', [s(2, 3), s(4)])).toThrow('Dimensions must be equal, but are 3 and 4');
    expect(() => shapes('BiasAdd', [s(3), s(3)])).toThrow('Shape must be at least rank 2 but is rank 1');
    expect(shapes('BiasAddGrad', [s(2, 5, 5, 3)])).toEqual(['[3]']);
    expect(shapes('BiasAddGrad', [s(2, 3, 5, 5)], { data_format: 'NCHW' })).toEqual(['[3]']);
  });

  it('cross-entropies have two outputs', () => {
    expect(shapes('SoftmaxCrossEntropyWithLogits', [s(4, 10), s(null, 10)])).toEqual(['[4]', '[4,10]']);
    expect(() => shapes('SoftmaxCrossEntropyWithLogits', [s(4, 10), s(4, 9)])).toThrow(/Dimension 1 in both shapes must be equal/);
    const sparse = infer('SparseSoftmaxCrossEntropyWithLogits', [s(null, 10), { dtype: 'int64', shape: [4] }]);
    expect(sparse.map((o) => [o.dtype, o.shape.toDebugString()])).toEqual([['float32', '[4]'], ['float32', '[4,10]']]);
    expect(() => shapes('SparseSoftmaxCrossEntropyWithLogits', [s(3, 10), { dtype: 'int64', shape: [4] }]))
      .toThrow('Dimensions must be equal, but are 3 and 4');
  });

  it('activations, gradients, softmax, L2Loss', () => {
    expect(shapes('Relu', [s(null, 3)])).toEqual(['[?,3]']);
    expect(shapes('ReluGrad', [s(null, 3), s(2, null)])).toEqual(['[2,3]']);
    expect(() => shapes('TanhGrad', [s(2), s(3)])).toThrow(/Dimension 0 in both shapes must be equal, but are 2 and 3/);
    expect(shapes('Softmax', [s(2, 5)])).toEqual(['[2,5]']);
    expect(() => shapes('Softmax', [s()])).toThrow('Shape must be at least rank 1 but is rank 0');
    expect(shapes('L2Loss', [s(3, 4)])).toEqual(['[]']);
  });
});

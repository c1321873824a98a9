import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { i64, infer, int, ofType, s, shapes, unknown } from './helpers.js';

describe('MatMul and BatchMatMulV2', () => {
  it('multiplies, with transposes', () => {
    expect(shapes('MatMul', [s(2, 3), s(3, 5)])).toEqual(['[2,5]']);
    expect(shapes('MatMul', [s(3, 2), s(3, 5)], { transpose_a: true })).toEqual(['[2,5]']);
    expect(shapes('MatMul', [s(2, 3), s(5, 3)], { transpose_b: true })).toEqual(['[2,5]']);
    expect(shapes('MatMul', [s(null, 784), s(784, 256)])).toEqual(['[?,256]']);
    expect(shapes('MatMul', [unknown, s(3, 5)])).toEqual(['[?,5]']);
  });

  it('reports TensorFlow\'s errors', () => {
    expect(() => shapes('MatMul', [s(2, 3), s(4, 5)]))
      .toThrow("Dimensions must be equal, but are 3 and 4 for 'MatMul' (op: 'MatMul') with input shapes: [2,3], [4,5].");
    expect(() => shapes('MatMul', [s(3), s(3, 5)])).toThrow('Shape must be rank 2 but is rank 1');
  });

  it('batches with broadcasting', () => {
    expect(shapes('BatchMatMulV2', [s(10, 2, 3), s(3, 4)])).toEqual(['[10,2,4]']);
    expect(shapes('BatchMatMulV2', [s(1, 2, 3), s(5, 3, 4)])).toEqual(['[5,2,4]']);
    expect(shapes('BatchMatMulV2', [s(2, 3, 2), s(2, 3, 4)], { adj_x: true })).toEqual(['[2,2,4]']);
    expect(() => shapes('BatchMatMulV2', [s(2, 2, 3), s(3, 3, 4)])).toThrow('Dimensions must be equal, but are 2 and 3');
  });
});

describe('reductions', () => {
  it('drops or keeps reduced axes; negative axes count from the end', () => {
    expect(shapes('Sum', [s(2, 3, 4), int([1])])).toEqual(['[2,4]']);
    expect(shapes('Sum', [s(2, 3, 4), int([1])], { keep_dims: true })).toEqual(['[2,1,4]']);
    expect(shapes('Mean', [s(2, 3, 4), int([-1])])).toEqual(['[2,3]']);
    expect(shapes('Max', [s(2, 3, 4), i64([0, 2])], { keep_dims: true })).toEqual(['[1,3,1]']);
    expect(shapes('Prod', [s(2, 3, 4), int(1)])).toEqual(['[2,4]']);
    expect(shapes('Min', [s(2, 3, 4), int([])])).toEqual(['[2,3,4]']);
    expect(shapes('Any', [ofType('bool', 2, 3), int([0, 1])])).toEqual(['[]']);
  });

  it('is partial without the axes', () => {
    expect(shapes('Sum', [s(2, 3, 4), ofType('int32', 1)], { keep_dims: true })).toEqual(['[?,?,?]']);
    expect(shapes('Sum', [s(2, 3, 4), ofType('int32', 1)])).toEqual(['?']);
  });

  it('rejects bad axes', () => {
    expect(() => shapes('Sum', [s(2, 3, 4), int([3])]))
      .toThrow("Invalid reduction dimension 3 for input with 3 dimensions. for 'Sum' (op: 'Sum') with input shapes: [2,3,4], [1] and with computed input tensors: input[1] = <3>.");
    expect(() => shapes('Sum', [s(2, 3, 4), ofType('int32', 2, 1)])).toThrow('Shape must be at most rank 1 but is rank 2');
  });

  it('ArgMax / ArgMin', () => {
    expect(shapes('ArgMax', [s(2, 3), int(1)])).toEqual(['[2]']);
    expect(shapes('ArgMin', [s(2, 3), int(-2)])).toEqual(['[3]']);
    expect(shapes('ArgMax', [s(5), int(0)])).toEqual(['[]']);
    expect(shapes('ArgMax', [s(2, 3, 4), ofType('int32')])).toEqual(['[?,?]']);
    expect(() => shapes('ArgMax', [s(2, 3), int(2)]))
      .toThrow('Dimension (2) must be in the range [-2, 2), where 2 is the number of dimensions in the input.');
    expect(infer('ArgMax', [s(2, 3), int(1)])[0]?.dtype).toBe('int64');
    expect(infer('ArgMax', [s(2, 3), int(1)], { output_type: 'int32' })[0]?.dtype).toBe('int32');
  });
});

describe('elementwise and others', () => {
  it('unary ops and Cast keep the shape; Cast gives DstT', () => {
    expect(shapes('Exp', [s(null, 2)])).toEqual(['[?,2]']);
    const out = infer('Cast', [ofType('int32', 2, 2)], { DstT: 'float32' });
    expect(out.map((o) => [o.dtype, o.shape.toDebugString()])).toEqual([['float32', '[2,2]']]);
  });

  it('comparisons output bool', () => {
    expect(infer('Equal', [s(2), s(2)])[0]?.dtype).toBe('bool');
  });

  it('Select: same shapes, a vector over the first dimension, or a scalar condition', () => {
    expect(shapes('Select', [ofType('bool', 2, 3), s(2, 3), s(2, 3)])).toEqual(['[2,3]']);
    expect(shapes('Select', [ofType('bool', 2), s(2, 3), s(null, 3)])).toEqual(['[2,3]']);
    expect(shapes('Select', [ofType('bool'), s(2, 3), s(2, 3)])).toEqual(['[2,3]']);
    expect(() => shapes('Select', [ofType('bool', 3), s(2, 3), s(2, 3)]))
      .toThrow('Dimension 0 in both shapes must be equal, but are 3 and 2. Shapes are [3] and [2].');
    expect(() => shapes('Select', [ofType('bool', 2, 3), s(2, 3), s(2, 4)])).toThrow(ValueError);
  });

  it('AddN merges every input', () => {
    expect(shapes('AddN', [s(2, null), s(null, 3), unknown])).toEqual(['[2,3]']);
    expect(() => shapes('AddN', [s(2), s(3)])).toThrow(/From merging shape 0 with other shapes\. for 'AddN'/);
  });

  it('ClipByValue bounds are scalars or of t\'s shape', () => {
    expect(shapes('ClipByValue', [s(2, 3), s(), s(2, 3)])).toEqual(['[2,3]']);
    expect(() => shapes('ClipByValue', [s(2, 3), s(3), s()])).toThrow(/clip_value_min and clip_value_max must be either scalars/);
  });

  it('Range sizes from its values', () => {
    expect(shapes('Range', [int(0), int(10), int(3)])).toEqual(['[4]']);
    expect(shapes('Range', [int(10), int(0), int(-3)])).toEqual(['[4]']);
    expect(shapes('Range', [{ value: 0, dtype: 'float32' }, { value: 1, dtype: 'float32' }, { value: 0.3, dtype: 'float32' }]))
      .toEqual(['[4]']);
    expect(shapes('Range', [int(0), ofType('int32'), int(1)])).toEqual(['[?]']);
    expect(() => shapes('Range', [int(5), int(0), int(1)])).toThrow('Requires start <= limit when delta > 0: 5/0');
    expect(() => shapes('Range', [int(0), int(5), int(0)])).toThrow('Requires delta != 0');
    expect(() => shapes('Range', [ofType('int32', 1), int(5), int(1)])).toThrow(/Shape must be rank 0 but is rank 1\n\tfor 'start'/);
  });
});

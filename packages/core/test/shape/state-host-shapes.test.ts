import { describe, expect, it } from 'vitest';
import { NDArray } from '../../src/dtypes/index.js';
import { ValueError } from '../../src/errors.js';
import { infer, int, ofType, s, shapes, unknown } from './helpers.js';

describe('variables and assignment', () => {
  it('VariableV2 takes its shape attr', () => {
    expect(shapes('VariableV2', [], { shape: [2, 3], dtype: 'float32' })).toEqual(['[2,3]']);
    expect(shapes('VariableV2', [], { shape: [-1, 3], dtype: 'float32' })).toEqual(['[?,3]']);
    expect(shapes('VariableV2', [], { shape: null, dtype: 'int32' })).toEqual(['?']);
    expect(infer('VariableV2', [], { shape: [], dtype: 'int64' })[0]?.dtype).toBe('int64');
  });

  it('Assign validates the shape (TF-SEMANTICS 124)', () => {
    expect(() => shapes('Assign', [s(2, 3), s(2, 2)]))
      .toThrow("Dimension 1 in both shapes must be equal, but are 3 and 2. Shapes are [2,3] and [2,2]. for 'Assign' (op: 'Assign') with input shapes: [2,3], [2,2].");
    expect(() => shapes('Assign', [s(2, 3), s(2, 2)])).toThrow(ValueError);
    expect(shapes('Assign', [s(2, 3), s(2, 2)], { validate_shape: false })).toEqual(['[2,2]']);
    expect(shapes('Assign', [s(null, 3), s(2, null)])).toEqual(['[2,3]']);
    expect(() => shapes('AssignAdd', [s(2), s(3)])).toThrow(/Dimension 0 in both shapes must be equal/);
    expect(shapes('CountUpTo', [ofType('int32')], { limit: 3 })).toEqual(['[]']);
    expect(shapes('IsVariableInitialized', [s(2)], { dtype: 'float32' })).toEqual(['[]']);
  });

  it('Apply* ops: slots and grad match var, hyperparameters are scalars', () => {
    const v = s(2, 3);
    expect(shapes('ApplyAdam', [v, v, v, s(), s(), s(), s(), s(), s(), s(2, 3)])).toEqual(['[2,3]']);
    expect(() => shapes('ApplyAdam', [v, v, s(2, 2), s(), s(), s(), s(), s(), s(), v]))
      .toThrow('Dimension 1 in both shapes must be equal, but are 3 and 2. Shapes are [2,3] and [2,2].');
    expect(() => shapes('ApplyMomentum', [v, v, s(1), v, s()])).toThrow("Shape must be rank 0 but is rank 1 for 'ApplyMomentum'");
    expect(shapes('ApplyGradientDescent', [s(null, 3), s(), s(2, null)])).toEqual(['[2,3]']);
    expect(shapes('ApplyCenteredRMSProp', [v, v, v, v, s(), s(), s(), s(), v])).toEqual(['[2,3]']);
  });
});

describe('random ops', () => {
  it('take their shape from the shape input', () => {
    expect(shapes('RandomUniform', [int([2, 3])], { dtype: 'float32' })).toEqual(['[2,3]']);
    expect(shapes('TruncatedNormal', [{ dtype: 'int64', value: [784, 256] }], { dtype: 'float64' })).toEqual(['[784,256]']);
    expect(shapes('RandomStandardNormal', [ofType('int32', 2)], { dtype: 'float32' })).toEqual(['[?,?]']);
    expect(() => shapes('RandomUniform', [int([-1, 3])], { dtype: 'float32' })).toThrow('Dimension -1 must be >= 0');
    expect(shapes('RandomUniformInt', [int([4]), int(0), int(10)])).toEqual(['[4]']);
    expect(() => shapes('RandomUniformInt', [int([4]), int(5), int(3)])).toThrow('Need minval < maxval: 5 >= 3');
  });
});

describe('host ops', () => {
  it('Const and placeholders', () => {
    const value = NDArray.from([[1, 2, 3]]);
    expect(shapes('Const', [], { value, dtype: 'int32' })).toEqual(['[1,3]']);
    expect(() => shapes('Const', [], { value, dtype: 'float32' })).toThrow(/Const value has dtype int32 but the dtype attr is float32/);
    expect(shapes('Placeholder', [], { dtype: 'float32' })).toEqual(['?']);
    expect(shapes('Placeholder', [], { dtype: 'float32', shape: [-1, 784] })).toEqual(['[?,784]']);
    expect(shapes('PlaceholderWithDefault', [s(2)], { dtype: 'float32', shape: [-1] })).toEqual(['[?]']);
    expect(() => shapes('PlaceholderWithDefault', [s(2)], { dtype: 'float32', shape: [3] })).toThrow(/must be equal, but are 2 and 3/);
  });

  it('control flow', () => {
    expect(shapes('Switch', [s(2, 3), ofType('bool')])).toEqual(['[2,3]', '[2,3]']);
    expect(() => shapes('Switch', [s(2, 3), ofType('bool', 1)])).toThrow('Shape must be rank 0 but is rank 1');
    const merged = infer('Merge', [s(2, 3), s(2, 4)]);
    expect(merged.map((o) => [o.dtype, o.shape.toDebugString()])).toEqual([['float32', '[2,?]'], ['int32', '[]']]);
    expect(shapes('Merge', [s(2, 3), s(2)])).toEqual(['?', '[]']);
    expect(shapes('NoOp', [])).toEqual([]);
  });

  it('checkpoint ops', () => {
    const str = (...dims: number[]) => ofType('string', ...dims);
    expect(shapes('SaveV2', [str(), str(2), str(2), s(2), ofType('int32', 3)], { dtypes: ['float32', 'int32'] })).toEqual([]);
    expect(() => shapes('SaveV2', [str(), str(3), str(2), s(2), s(3)], { dtypes: ['float32', 'float32'] }))
      .toThrow('Dimension must be 2 but is 3');
    expect(shapes('RestoreV2', [str(), str(2), str(2)], { dtypes: ['float32', 'int64'] })).toEqual(['?', '?']);
    const slices = { dtype: 'string' as const, value: ['', '3 1 1 2,1:0,1:0,1'] };
    expect(shapes('RestoreV2', [str(), str(2), slices], { dtypes: ['float32', 'float32'] })).toEqual(['?', '[1,1,1]']);
    expect(shapes('RestoreV2', [str(), str(1), { dtype: 'string', value: ['4 5 -:-'] }], { dtypes: ['float32'] })).toEqual(['[4,5]']);
    expect(() => shapes('RestoreV2', [str(), str(1), { dtype: 'string', value: ['4 5 0,9:-'] }], { dtypes: ['float32'] }))
      .toThrow(/exceeds the size 4/);
    expect(() => shapes('RestoreV2', [str(), str(2), slices], { dtypes: ['float32'] })).toThrow(ValueError);
  });

  it('strings and summaries', () => {
    expect(shapes('StringJoin', [ofType('string'), ofType('string', 3), ofType('string', null)])).toEqual(['[3]']);
    expect(shapes('StringJoin', [ofType('string'), ofType('string')])).toEqual(['[]']);
    expect(shapes('StringJoin', [ofType('string'), { dtype: 'string', shape: null }])).toEqual(['?']);
    expect(shapes('ScalarSummary', [ofType('string', 2), s(2)])).toEqual(['[]']);
    expect(() => shapes('ScalarSummary', [ofType('string', 2), s(3)])).toThrow('tags and values not the same shape: [2] != [3]');
    expect(shapes('ShardedFilename', [ofType('string'), ofType('int32'), ofType('int32')])).toEqual(['[]']);
    expect(shapes('MergeSummary', [ofType('string'), ofType('string')])).toEqual(['[]']);
    expect(shapes('HistogramSummary', [ofType('string'), s(10)])).toEqual(['[]']);
    expect(shapes('MergeV2Checkpoints', [ofType('string', 2), ofType('string')])).toEqual([]);
    expect(shapes('Identity', [unknown])).toEqual(['?']);
  });
});

import { describe, expect, it } from 'vitest';
import { TO_TENSOR } from '../../src/graph/index.js';
import { ValueError } from '../../src/errors.js';
import {
  add, addN, div, index, logicalAnd, matMul, maximum, pad, placeholder, reshape, shape, split, sqrt, stack, unstack, where,
  relu, cast, concat, index as getItem, zeros,
} from '../../src/ops/index.js';
import { inGraph, opSummary } from './helpers.js';

describe('input conversion errors use TensorFlow\'s wording (op_def_library)', () => {
  it('rejects operands of different dtypes', () => {
    inGraph(() => {
      const i = placeholder('int32', [2], { name: 'i' });
      const f = placeholder('float32', [2], { name: 'f' });
      expect(() => add(i, f)).toThrow(new TypeError("Input 'y' of 'Add' Op has type float32 that does not match type int32 of argument 'x'."));
      expect(() => add(i, 2.5)).toThrow(TypeError);
      expect(() => add(i, 2.5)).toThrow(/^Expected int32 passed to parameter 'y' of op 'Add', got 2.5 of type 'float' instead\. Error: /);
      expect(() => logicalAnd(f, true)).toThrow("Input 'x' of 'LogicalAnd' Op has type float32 that does not match expected type of bool.");
      expect(() => sqrt(i)).toThrow("Value passed to parameter 'x' has DataType int32 not in list of allowed values: float16, bfloat16, float32, float64, complex64, complex128");
      expect(() => div(placeholder('string', []), 'a')).toThrow('Invalid dtype string in __truediv__');
    });
  });

  it('converts a plain operand to the dtype of a later tensor operand, so maximum(0, x) works for float x', () => {
    inGraph(() => {
      const f = placeholder('float32', [2], { name: 'f' });
      expect(maximum(0, f).op.inputs[0]?.dtype).toBe('float32');
      expect(concat([[1, 2], f], 0).op.inputs[0]?.dtype).toBe('float32');
    });
  });

  it('accepts objects that convert to tensors (Variables) wherever a tensor is expected', () => {
    inGraph(() => {
      const f = placeholder('float32', [2], { name: 'f' });
      const convertible = { [TO_TENSOR]: () => f };
      expect(add(convertible, 1).op.inputs[0]).toBe(f);
      expect(relu(convertible).op.inputs[0]).toBe(f);
    });
  });

  it('packs lists holding tensors (TensorFlow autopacking): reshape(x, [-1, n])', () => {
    inGraph((g) => {
      const x = placeholder('float32', [null, 3], { name: 'x' });
      const n = getItem(shape(x), [1]);
      const r = reshape(x, [-1, n]);
      expect(r.op.inputs[1]?.op.type).toBe('Pack');
      expect(opSummary(g).slice(-3)).toEqual(['Reshape/shape/0:Const', 'Reshape/shape:Pack', 'Reshape:Reshape']);
    });
  });
});

describe('argument validation, all-or-nothing', () => {
  it('leaves the graph unchanged when a builder fails', () => {
    inGraph((g) => {
      const x = placeholder('float32', [2, 3], { name: 'x' });
      const before = opSummary(g);
      expect(() => matMul(x, x)).toThrow();
      expect(() => reshape(x, [4])).toThrow();
      expect(() => add(x, [1.5, 'a'] as never)).toThrow(TypeError);
      expect(() => cast(x, 'nope')).toThrow(TypeError);
      expect(opSummary(g)).toEqual(before);
      // The names a failed builder tried are free again.
      expect(add(x, 1).op.name).toBe('add');
    });
  });

  it('checks split, stack and unstack arguments', () => {
    inGraph(() => {
      const x = placeholder('float32', [6, 2], { name: 'x' });
      expect(() => split(x, 0)).toThrow(ValueError);
      expect(() => split(x, placeholder('int32', []))).toThrow(/Rank-0 tensors are not supported/);
      expect(() => split(x, placeholder('int32', null))).toThrow(/Cannot infer num from shape <unknown>/);
      expect(() => unstack(placeholder('float32', [null, 2]))).toThrow(/Cannot infer num from shape \(\?, 2\)/);
      expect(() => unstack(x, { axis: 2 })).toThrow(new ValueError('axis = 2 not in [-2, 2)'));
      expect(() => stack([x, x], { axis: 3 })).toThrow(new ValueError('axis = 3 not in [-3, 3)'));
      expect(() => stack([])).toThrow(ValueError);
    });
  });

  it('checks the remaining builders', () => {
    inGraph(() => {
      const x = placeholder('float32', [2, 2], { name: 'x' });
      expect(() => zeros([null, 2])).toThrow('Cannot convert a partially known TensorShape (?, 2) to a Tensor.');
      expect(() => addN([])).toThrow('inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape');
      expect(addN([x])).toBe(x);
      expect(addN([x], { name: 'sum' }).op.type).toBe('Identity');
      expect(() => where(true, x)).toThrow('x and y must both be non-None or both be None.');
      expect(() => pad(x, [[1, 1], [1, 1]], { mode: 'REFLECT' })).toThrow(/MirrorPad/);
      expect(() => pad(x, [[1, 1], [1, 1]], { mode: 'WRAP' })).toThrow('Unknown padding mode: WRAP');
      expect(() => index(x, [1.5])).toThrow(TypeError);
      expect(() => index(x, ['1:2:3:4'])).toThrow(TypeError);
      expect(() => matMul(x, x, { transposeA: true, adjointA: true })).toThrow('Only one of transpose_a and adjoint_a can be True.');
    });
  });
});

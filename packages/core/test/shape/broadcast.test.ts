import { describe, expect, it } from 'vitest';
import { broadcastGradientArgs, broadcastStaticShapes } from '../../src/shape/index.js';
import { ValueError } from '../../src/errors.js';
import { s, shapes, unknown } from './helpers.js';

const b = (x: readonly (number | null)[] | null, y: readonly (number | null)[] | null) => broadcastStaticShapes(x, y).toDebugString();

describe('broadcastStaticShapes', () => {
  it('broadcasts known shapes numpy-style', () => {
    expect(b([2, 3], [3])).toBe('[2,3]');
    expect(b([2, 1], [1, 5])).toBe('[2,5]');
    expect(b([], [4, 1])).toBe('[4,1]');
    expect(b([0], [1])).toBe('[0]');
    expect(b([5, 1, 3], [4, 1])).toBe('[5,4,3]');
  });

  it('handles unknown dims as BroadcastBinaryOpShapeFn does', () => {
    expect(b([null], [3])).toBe('[3]');
    expect(b([null], [1])).toBe('[?]');
    expect(b([1], [null])).toBe('[?]');
    expect(b([null], [null])).toBe('[?]');
    expect(b([null, 3], [2, 1])).toBe('[2,3]');
    // 0 is neither > 1 nor 1: the result is unknown (it could be 0, or an error at run time).
    expect(b([0], [null])).toBe('[?]');
    expect(b(null, [3])).toBe('?');
  });

  it('rejects incompatible shapes', () => {
    expect(() => b([2, 3], [4])).toThrow(ValueError);
    expect(() => b([2, 3], [4])).toThrow('Incompatible shapes for broadcasting: (2, 3) and (4,)');
  });
});

describe('binary op shape inference', () => {
  it('gives TensorFlow\'s message with the node context', () => {
    expect(() => shapes('Add', [s(2, 3), s(4)], {}, 'add'))
      .toThrow("Dimensions must be equal, but are 3 and 4 for 'add' (op: 'Add') with input shapes: [2,3], [4].");
  });

  it('infers partial and unknown shapes', () => {
    expect(shapes('Mul', [s(null, 784), s(784)])).toEqual(['[?,784]']);
    expect(shapes('Less', [s(2), unknown])).toEqual(['?']);
    expect(shapes('LogicalAnd', [{ dtype: 'bool', shape: [3, 1] }, { dtype: 'bool', shape: [1, 2] }])).toEqual(['[3,2]']);
  });
});

describe('broadcastGradientArgs', () => {
  it('returns the reduction axes of each input', () => {
    expect(broadcastGradientArgs([2, 3], [3])).toEqual([[], [0]]);
    expect(broadcastGradientArgs([2, 1], [1, 5])).toEqual([[1], [0]]);
    expect(broadcastGradientArgs([2, 3], [2, 3])).toEqual([[], []]);
    // Axes where both are 1 are reduced for both (TensorFlow's BCast).
    expect(broadcastGradientArgs([2, 1], [1])).toEqual([[1], [0, 1]]);
    expect(broadcastGradientArgs([], [4, 1])).toEqual([[0, 1], [1]]);
    expect(() => broadcastGradientArgs([2, 3], [4])).toThrow('Incompatible shapes: [2,3] vs. [4]');
  });
});

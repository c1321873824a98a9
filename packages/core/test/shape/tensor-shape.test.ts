import { describe, expect, it } from 'vitest';
import { TensorShape, asShape } from '../../src/shape/index.js';
import { ValueError } from '../../src/errors.js';

describe('TensorShape', () => {
  it('prints as Python and as the C++ shape functions do', () => {
    expect(new TensorShape([2, 3]).toString()).toBe('(2, 3)');
    expect(new TensorShape([2]).toString()).toBe('(2,)');
    expect(TensorShape.scalar().toString()).toBe('()');
    expect(new TensorShape([null, 784]).toString()).toBe('(?, 784)');
    expect(TensorShape.unknown().toString()).toBe('<unknown>');
    expect(new TensorShape([2, 3]).toDebugString()).toBe('[2,3]');
    expect(new TensorShape([-1, 784]).toDebugString()).toBe('[?,784]');
    expect(TensorShape.unknown().toDebugString()).toBe('?');
    expect(TensorShape.scalar().toDebugString()).toBe('[]');
  });

  it('rank, elements, full definition', () => {
    const partial = new TensorShape([null, 3]);
    expect(partial.rank).toBe(2);
    expect(partial.isFullyDefined()).toBe(false);
    expect(partial.numElements()).toBeNull();
    expect(() => partial.toArray()).toThrow(ValueError);
    expect(TensorShape.unknown().rank).toBeNull();
    expect(new TensorShape([2, 3]).numElements()).toBe(6);
    expect(TensorShape.scalar().numElements()).toBe(1);
    expect(new TensorShape([2, 3]).toArray()).toEqual([2, 3]);
  });

  it('compatibility and merging', () => {
    const a = new TensorShape([null, 3]);
    expect(a.isCompatibleWith([2, 3])).toBe(true);
    expect(a.isCompatibleWith([2, 4])).toBe(false);
    expect(a.isCompatibleWith([2])).toBe(false);
    expect(a.isCompatibleWith(null)).toBe(true);
    expect(a.mergeWith([2, null]).dims).toEqual([2, 3]);
    expect(TensorShape.unknown().mergeWith([1]).dims).toEqual([1]);
    expect(() => new TensorShape([2]).mergeWith([3])).toThrow('Shapes (2,) and (3,) are not compatible');
    expect(() => new TensorShape([2]).mergeWith([2, 1])).toThrow(ValueError);
  });

  it('concatenate and rank assertions', () => {
    expect(new TensorShape([1]).concatenate([null, 2]).dims).toEqual([1, null, 2]);
    expect(new TensorShape([1]).concatenate(null).dims).toBeNull();
    expect(TensorShape.unknown().withRank(2).dims).toEqual([null, null]);
    expect(() => new TensorShape([1]).withRank(2)).toThrow('Shape (1,) must have rank 2');
    expect(() => new TensorShape([1]).withRankAtLeast(2)).toThrow(ValueError);
    expect(() => new TensorShape([1, 2]).withRankAtMost(1)).toThrow(ValueError);
  });

  it('asShape and validation', () => {
    expect(asShape([-1, 2]).dims).toEqual([null, 2]);
    expect(asShape(undefined).dims).toBeNull();
    const t = new TensorShape([1]);
    expect(asShape(t)).toBe(t);
    expect(() => new TensorShape([-2])).toThrow(ValueError);
    expect(() => new TensorShape([1.5])).toThrow(ValueError);
    expect(new TensorShape([null, 2]).equals([-1, 2])).toBe(true);
    expect(new TensorShape([null, 2]).equals([1, 2])).toBe(false);
  });
});

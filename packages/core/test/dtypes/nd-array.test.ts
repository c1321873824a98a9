import { describe, expect, it } from 'vitest';
import { NDArray } from '../../src/dtypes/index.js';

describe('NDArray', () => {
  it('builds from nested arrays with TensorFlow dtype inference', () => {
    const a = NDArray.from([[1, 2, 3], [4, 5, 6]]);
    expect(a.dtype).toBe('int32');
    expect(a.shape).toEqual([2, 3]);
    expect(a.size).toBe(6);
    expect(a.rank).toBe(2);
    expect(a.data).toEqual(new Int32Array([1, 2, 3, 4, 5, 6]));
  });

  it('round-trips through toArray for every kind of element', () => {
    const cases: [unknown, string][] = [
      [[[1.5, 2], [3, 4]], 'float32'],
      [[true, false], 'bool'],
      [['a', 'b'], 'string'],
      [[1n, -(2n ** 62n)], 'int64'],
      [[{ re: 1, im: -1 }, { re: 0, im: 2 }], 'complex128'],
      [7, 'int32'],
      [[[[]]], 'float32'],
    ];
    for (const [value, dtype] of cases) {
      const a = NDArray.from(value as never);
      expect(a.dtype).toBe(dtype);
      expect(a.toArray()).toEqual(value);
    }
  });

  it('decodes float16/bfloat16 and gives bigints for uint64', () => {
    expect(NDArray.from([0.5, 2], undefined, 'float16').toArray()).toEqual([0.5, 2]);
    expect(NDArray.from([1.5], undefined, 'bfloat16').toArray()).toEqual([1.5]);
    expect(NDArray.from([3], undefined, 'uint64').toArray()).toEqual([3n]);
    expect(NDArray.from(3, undefined, 'int64').toArray()).toBe(3n);
  });

  it('takes a typed array with a shape', () => {
    const a = NDArray.from(new Float32Array([1, 2, 3, 4]), [2, 2]);
    expect(a.dtype).toBe('float32');
    expect(a.toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it('get is bounds-checked', () => {
    const a = NDArray.from([[1, 2, 3], [4, 5, 6]]);
    expect(a.get(1, 2)).toBe(6);
    expect(a.get(0, 0)).toBe(1);
    expect(() => a.get(2, 0)).toThrow(RangeError);
    expect(() => a.get(2, 0)).toThrow('Index 2 is out of bounds for axis 0 with size 2 (index [2, 0], shape [2, 3])');
    expect(() => a.get(0)).toThrow(/has 1 coordinates, but the array has shape \[2, 3\]/);
    expect(() => a.get(0, -1)).toThrow(RangeError);
    expect(NDArray.from(true).get()).toBe(true);
  });

  it('validates storage in the constructor', () => {
    expect(() => new NDArray('int32', [2], new Int32Array(3))).toThrow(/needs 2 storage elements, got 3/);
    expect(() => new NDArray('int64', [1], new Int32Array(1) as never)).toThrow(/BigInt64Array/);
    expect(() => new NDArray('complex64', [1], new Float32Array(1))).toThrow(/needs 2 storage elements/);
    expect(() => new NDArray('int32', [-1], new Int32Array(0))).toThrow(/invalid shape/);
  });

  it('prints like numpy', () => {
    expect(NDArray.from([[1, 2], [3, 4]]).toString()).toBe('[[1 2]\n [3 4]]');
    expect(NDArray.from([1.5, 2, 0.1]).toString()).toBe('[1.5 2. 0.1]');
    expect(NDArray.from([true, false]).toString()).toBe('[true false]');
    expect(NDArray.from(['a']).toString()).toBe("['a']");
    expect(NDArray.from(3).toString()).toBe('3');
    expect(NDArray.from([{ re: 1, im: -2 }]).toString()).toBe('[1.-2.j]');
    expect(NDArray.from([[[1], [2]], [[3], [4]]]).toString()).toBe('[[[1]\n  [2]]\n\n [[3]\n  [4]]]');
    const big = NDArray.from(new Int32Array(2000));
    expect(big.toString()).toBe('[0 0 0 ... 0 0 0]');
  });
});

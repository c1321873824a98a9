import { describe, expect, it } from 'vitest';
import { NDArray, inferDType } from '../../src/dtypes/index.js';
import { ValueError } from '../../src/errors.js';

describe('inferDType (TF-SEMANTICS §A, SEED-SCENARIOS 1.2)', () => {
  it('a number with a fractional part is float32, an integer int32', () => {
    expect(inferDType(3.23)).toBe('float32');
    expect(inferDType(2)).toBe('int32');
    expect(inferDType(NaN)).toBe('float32');
    expect(inferDType(-Infinity)).toBe('float32');
    expect(inferDType(-0)).toBe('float32');
  });

  it('integers beyond int32 are int64; beyond 2^53 they must be bigints', () => {
    expect(inferDType(2 ** 40)).toBe('int64');
    expect(inferDType([1, -(2 ** 31) - 1])).toBe('int64');
    expect(inferDType(2 ** 31 - 1)).toBe('int32');
    expect(() => inferDType(2 ** 60)).toThrow(ValueError);
    expect(() => inferDType(2 ** 60)).toThrow(/bigint/);
    expect(inferDType(2n ** 60n)).toBe('int64');
    expect(() => inferDType(2n ** 63n)).toThrow(/out of range/);
  });

  it('strings, booleans, complex', () => {
    expect(inferDType('Orange')).toBe('string');
    expect(inferDType(['Fruit', 'orange'])).toBe('string');
    expect(inferDType([[false, true], [false, false]])).toBe('bool');
    expect(inferDType({ re: 1, im: 2 })).toBe('complex128');
    expect(inferDType([1, { re: 0, im: 1 }])).toBe('complex128');
  });

  it('mixed ints and floats give float32', () => {
    expect(inferDType([1, 2.5])).toBe('float32');
    expect(inferDType([[1, 2], [3, 4.5]])).toBe('float32');
    expect(inferDType([2n, 0.5])).toBe('float32');
  });

  it('mixed kinds are a TypeError naming both', () => {
    expect(() => inferDType([1, 'a'])).toThrow(TypeError);
    expect(() => inferDType([1, 'a'])).toThrow(/string and number/);
    expect(() => inferDType([true, 1])).toThrow(/boolean and number/);
  });

  it('ragged arrays are a ValueError naming the dimension and lengths', () => {
    expect(() => inferDType([[1, 2], [3, 4, 5]])).toThrow(ValueError);
    expect(() => inferDType([[1, 2], [3, 4, 5]])).toThrow("Can't convert ragged list: dimension 1 has lengths 2 and 3");
    expect(() => inferDType([[[1], [2]], [[3], [4, 5]]])).toThrow('dimension 2 has lengths 1 and 2');
    expect(() => inferDType([1, [2]])).toThrow(/dimension 1 mixes lists and scalars/);
    expect(() => inferDType([[2], 1])).toThrow(/dimension 1 mixes lists and scalars/);
  });

  it('an empty list is float32', () => {
    expect(inferDType([])).toBe('float32');
    expect(inferDType([[], []])).toBe('float32');
  });

  it('typed arrays and NDArrays keep their dtype', () => {
    expect(inferDType(new Float64Array(2))).toBe('float64');
    expect(inferDType(new Float32Array(2))).toBe('float32');
    expect(inferDType(new Int32Array(2))).toBe('int32');
    expect(inferDType(new BigInt64Array(2))).toBe('int64');
    expect(inferDType(new BigUint64Array(2))).toBe('uint64');
    expect(inferDType(new Uint8Array(2))).toBe('uint8');
    expect(inferDType(new Int16Array(2))).toBe('int16');
    expect(inferDType(new Uint16Array(2))).toBe('uint16');
    expect(inferDType(new NDArray('float16', [1], new Uint16Array([0x3c00])))).toBe('float16');
  });

  it('rejects values that are not tensor elements', () => {
    expect(() => inferDType([null])).toThrow(TypeError);
    expect(() => inferDType([new Float32Array(1)])).toThrow(/only as a whole value/);
    expect(() => inferDType(undefined)).toThrow(TypeError);
  });
});

import { describe, expect, it } from 'vitest';
import { convertToHostTensor } from '../../src/dtypes/index.js';

describe('plain numbers as host tensors', () => {
  it('infers int32 for int32-range integers and float32 otherwise, as the general rules do', () => {
    expect(convertToHostTensor(3)).toEqual({ dtype: 'int32', shape: [], data: new Int32Array([3]) });
    expect(convertToHostTensor([4, 4])).toEqual({ dtype: 'int32', shape: [2], data: new Int32Array([4, 4]) });
    expect(convertToHostTensor(2.5)).toEqual({ dtype: 'float32', shape: [], data: new Float32Array([2.5]) });
    expect(convertToHostTensor([1, 0.5])).toEqual({ dtype: 'float32', shape: [2], data: new Float32Array([1, 0.5]) });
    // -0 is not an integer to TensorFlow's inference; NaN is a float.
    expect(convertToHostTensor(-0).dtype).toBe('float32');
    expect(convertToHostTensor(Number.NaN).dtype).toBe('float32');
    expect(convertToHostTensor([1, 2 ** 31]).dtype).toBe('int64');
  });

  it('converts to a requested dtype and rejects what does not fit it', () => {
    expect(convertToHostTensor(3, { dtype: 'float64' })).toEqual({ dtype: 'float64', shape: [], data: new Float64Array([3]) });
    expect(convertToHostTensor(-0, { dtype: 'int32' }).data).toEqual(new Int32Array([0]));
    expect(() => convertToHostTensor(2.5, { dtype: 'int32' })).toThrow(TypeError);
    expect(() => convertToHostTensor(2 ** 31, { dtype: 'int32' })).toThrow(/out of range/);
    expect(Object.isFrozen(convertToHostTensor(1))).toBe(true);
  });
});

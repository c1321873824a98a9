import { describe, expect, it } from 'vitest';
import { asDType } from '../../src/dtypes/index.js';

describe('asDType', () => {
  it('accepts the Python names', () => {
    expect(asDType('float32')).toBe('float32');
    expect(asDType('int64')).toBe('int64');
    expect(asDType('qint8')).toBe('qint8');
  });

  it('maps the C++ aliases', () => {
    expect(asDType('half')).toBe('float16');
    expect(asDType('double')).toBe('float64');
    expect(asDType('float')).toBe('float32');
  });

  it('strips _ref suffixes', () => {
    expect(asDType('float32_ref')).toBe('float32');
    expect(asDType('half_ref')).toBe('float16');
    expect(asDType('double_ref')).toBe('float64');
  });

  it('rejects anything else with TensorFlow\'s message', () => {
    expect(() => asDType('float33')).toThrow(TypeError);
    expect(() => asDType('float33')).toThrow("Cannot convert value 'float33' to a TensorFlow DType.");
    expect(() => asDType('_ref')).toThrow('Cannot convert value');
    expect(() => asDType(3 as unknown as string)).toThrow('Cannot convert value 3 to a TensorFlow DType.');
  });
});

import { describe, expect, it } from 'vitest';
import { NDArray, convertToHostTensor } from '../../src/dtypes/index.js';
import { ValueError } from '../../src/errors.js';

describe('convertToHostTensor: SEED-SCENARIOS 1.1 values', () => {
  it('converts each dtype with its storage', () => {
    const s = convertToHostTensor('Orange');
    expect(s).toMatchObject({ dtype: 'string', shape: [] });
    expect(s.data).toEqual(['Orange']);

    const i16 = convertToHostTensor(2, { dtype: 'int16' });
    expect(i16.dtype).toBe('int16');
    expect(i16.data).toBeInstanceOf(Int16Array);
    expect([...(i16.data as Int16Array)]).toEqual([2]);

    const f = convertToHostTensor(3.23);
    expect(f.dtype).toBe('float32');
    expect((f.data as Float32Array)[0]).toBe(Math.fround(3.23));

    const v = convertToHostTensor(['Fruit', 'orange']);
    expect(v).toMatchObject({ dtype: 'string', shape: [2], data: ['Fruit', 'orange'] });

    const d = convertToHostTensor([3.23, 4.02], { dtype: 'float64' });
    expect(d.data).toEqual(new Float64Array([3.23, 4.02]));

    const b = convertToHostTensor([[false, true], [false, false]]);
    expect(b).toMatchObject({ dtype: 'bool', shape: [2, 2] });
    expect([...(b.data as Uint8Array)]).toEqual([0, 1, 0, 0]);
  });

  it('stores int64 as bigint, complex interleaved, half types as bits', () => {
    expect(convertToHostTensor([1, 2 ** 40]).data).toEqual(new BigInt64Array([1n, 2n ** 40n]));
    expect(convertToHostTensor([{ re: 1, im: -2 }, 3], { dtype: 'complex64' }).data).toEqual(new Float32Array([1, -2, 3, 0]));
    expect(convertToHostTensor([1, 0.5], { dtype: 'float16' }).data).toEqual(new Uint16Array([0x3c00, 0x3800]));
    expect(convertToHostTensor([1], { dtype: 'bfloat16' }).data).toEqual(new Uint16Array([0x3f80]));
    expect(convertToHostTensor(5n, { dtype: 'uint64' }).data).toEqual(new BigUint64Array([5n]));
    expect(convertToHostTensor(7, { dtype: 'int64' }).data).toEqual(new BigInt64Array([7n]));
  });
});

describe('convertToHostTensor: explicit dtype compatibility (TF-SEMANTICS 6)', () => {
  it('a fraction for an integer dtype', () => {
    expect(() => convertToHostTensor(2.5, { dtype: 'int32' })).toThrow(TypeError);
    expect(() => convertToHostTensor(2.5, { dtype: 'int32' })).toThrow("Expected int32, got 2.5 of type 'number' instead.");
    expect(() => convertToHostTensor([1, 2, 2.5], { dtype: 'int64' })).toThrow("Expected int64, got 2.5 of type 'number' instead.");
  });

  it('wrong kinds', () => {
    expect(() => convertToHostTensor('a', { dtype: 'float32' })).toThrow("Expected float32, got 'a' of type 'string' instead.");
    expect(() => convertToHostTensor(1, { dtype: 'bool' })).toThrow("Expected bool, got 1 of type 'number' instead.");
    expect(() => convertToHostTensor(true, { dtype: 'int32' })).toThrow("Expected int32, got true of type 'boolean' instead.");
    expect(() => convertToHostTensor(1, { dtype: 'string' })).toThrow("Expected string, got 1 of type 'number' instead.");
    expect(() => convertToHostTensor({ re: 1, im: 1 }, { dtype: 'float64' })).toThrow("of type 'complex' instead.");
  });

  it('integer ranges per dtype', () => {
    expect(() => convertToHostTensor(300, { dtype: 'uint8' })).toThrow(/Expected uint8, got 300 .*out of range for uint8 \[0, 255\]/);
    expect(() => convertToHostTensor(-1, { dtype: 'uint32' })).toThrow(/out of range/);
    expect(() => convertToHostTensor(128, { dtype: 'int8' })).toThrow(/out of range/);
    expect(() => convertToHostTensor(2 ** 31, { dtype: 'int32' })).toThrow(/out of range/);
    expect(() => convertToHostTensor(2n ** 63n, { dtype: 'int64' })).toThrow(/out of range/);
    expect(convertToHostTensor(2n ** 64n - 1n, { dtype: 'uint64' }).data).toEqual(new BigUint64Array([2n ** 64n - 1n]));
    expect(convertToHostTensor(-128, { dtype: 'int8' }).data).toEqual(new Int8Array([-128]));
    expect(() => convertToHostTensor(2 ** 60, { dtype: 'int64' })).toThrow(/bigints/);
  });

  it('integers convert to float and complex dtypes', () => {
    expect(convertToHostTensor([1, 2], { dtype: 'float64' }).data).toEqual(new Float64Array([1, 2]));
    expect(convertToHostTensor(3, { dtype: 'complex128' }).data).toEqual(new Float64Array([3, 0]));
  });

  it('refuses resource and variant', () => {
    expect(() => convertToHostTensor(1, { dtype: 'resource' })).toThrow(TypeError);
  });

  it('adds the name to messages when given', () => {
    expect(() => convertToHostTensor(2.5, { dtype: 'int32', name: 'lr' })).toThrow(/instead\. \(converting the value for 'lr'\)/);
  });
});

describe('convertToHostTensor: shape (TF-SEMANTICS 108)', () => {
  const eight = [0, 1, 2, 3, 4, 5, 6, 7];

  it('reshapes an exact number of elements', () => {
    const t = convertToHostTensor(eight, { shape: [2, 4] });
    expect(t.shape).toEqual([2, 4]);
    expect([...(t.data as Int32Array)]).toEqual(eight);
  });

  it('pads with the last element', () => {
    const t = convertToHostTensor(eight, { shape: [3, 4] });
    expect([...(t.data as Int32Array)]).toEqual([...eight, 7, 7, 7, 7]);
    const c = convertToHostTensor([{ re: 1, im: 2 }], { shape: [2] });
    expect(c.data).toEqual(new Float64Array([1, 2, 1, 2]));
  });

  it('a scalar fills the shape; an empty value gives zeros', () => {
    expect([...(convertToHostTensor(1.5, { shape: [2, 2] }).data as Float32Array)]).toEqual([1.5, 1.5, 1.5, 1.5]);
    expect([...(convertToHostTensor([], { shape: [3] }).data as Float32Array)]).toEqual([0, 0, 0]);
  });

  it('too many elements', () => {
    expect(() => convertToHostTensor(eight, { shape: [2, 3] })).toThrow(ValueError);
    expect(() => convertToHostTensor(eight, { shape: [2, 3] })).toThrow('Too many elements provided. Needed at most 6, but received 8');
  });

  it('verifyShape', () => {
    expect(() => convertToHostTensor(eight, { shape: [3, 4], verifyShape: true }))
      .toThrow("Expected Tensor's shape: (3, 4), got (8,).");
    expect(convertToHostTensor([[1, 2]], { shape: [1, 2], verifyShape: true }).shape).toEqual([1, 2]);
  });

  it('rejects negative or fractional dims', () => {
    expect(() => convertToHostTensor(1, { shape: [-1] })).toThrow(ValueError);
    expect(() => convertToHostTensor(1, { shape: [1.5] })).toThrow(ValueError);
  });
});

describe('convertToHostTensor: typed arrays and tensors', () => {
  it('keeps the typed array dtype, copies, and takes a shape', () => {
    const src = new Float64Array([1, 2, 3, 4, 5, 6]);
    const t = convertToHostTensor(src, { shape: [2, 3] });
    expect(t).toMatchObject({ dtype: 'float64', shape: [2, 3] });
    src[0] = 99;
    expect((t.data as Float64Array)[0]).toBe(1);
  });

  it('casts like numpy astype when another dtype is asked for', () => {
    expect(convertToHostTensor(new Float32Array([1.7, -1.7, 300]), { dtype: 'int32' }).data).toEqual(new Int32Array([1, -1, 300]));
    expect(convertToHostTensor(new Int32Array([300, -1]), { dtype: 'uint8' }).data).toEqual(new Uint8Array([44, 255]));
    expect(convertToHostTensor(new Float64Array([0, 2]), { dtype: 'bool' }).data).toEqual(new Uint8Array([0, 1]));
    expect(convertToHostTensor(new Int32Array([-3]), { dtype: 'int64' }).data).toEqual(new BigInt64Array([-3n]));
    expect(convertToHostTensor(new BigInt64Array([2n ** 40n + 5n]), { dtype: 'int32' }).data).toEqual(new Int32Array([5]));
  });

  it('uses an NDArray as is, and casts it on request', () => {
    const a = NDArray.from([[1, 2], [3, 4]]);
    const same = convertToHostTensor(a);
    expect(same.data).toBe(a.data);
    expect(same.shape).toEqual([2, 2]);
    expect(convertToHostTensor(a, { dtype: 'float32' }).data).toEqual(new Float32Array([1, 2, 3, 4]));
    expect(() => convertToHostTensor(NDArray.from(['a']), { dtype: 'int32' })).toThrow(/Cannot cast/);
  });

  it('validates host tensors', () => {
    expect(() => convertToHostTensor({ dtype: 'float32', shape: [3], data: new Float32Array(2) })).toThrow(/needs 3 storage elements, got 2/);
    expect(() => convertToHostTensor({ dtype: 'float32', shape: [2], data: new Float64Array(2) })).toThrow(/Float32Array, got a Float64Array/);
  });
});

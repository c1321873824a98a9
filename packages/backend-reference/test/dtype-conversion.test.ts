import { describe, expect, it } from 'vitest';
import { bfloat16BitsFromNumber, bfloat16BitsToNumber, halfBitsFromNumber, halfBitsToNumber } from '../src/index.js';
import { run1, tensor, vec } from './support/run-op.js';

describe('float16 and bfloat16 storage', () => {
  it('rounds to nearest even and keeps Inf, NaN and signed zero', () => {
    expect(halfBitsFromNumber(1)).toBe(0x3c00);
    expect(halfBitsFromNumber(65504)).toBe(0x7bff);
    expect(halfBitsFromNumber(65520)).toBe(0x7c00); // halfway to 65536: ties to even = infinity
    expect(halfBitsFromNumber(-Infinity)).toBe(0xfc00);
    expect(halfBitsFromNumber(NaN)).toBe(0x7e00);
    expect(halfBitsFromNumber(-NaN) & 0x7fff).toBe(0x7e00);
    expect(halfBitsFromNumber(-0)).toBe(0x8000);
    expect(halfBitsFromNumber(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(halfBitsFromNumber(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
    expect(halfBitsFromNumber(0.1)).toBe(0x2e66);
    expect(halfBitsFromNumber(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(halfBitsFromNumber(2 ** -25)).toBe(0x0000); // exactly half of it: ties to even zero
    expect(halfBitsFromNumber(3 * 2 ** -25)).toBe(0x0002);
    expect(halfBitsFromNumber(2 ** -14 - 2 ** -25)).toBe(0x0400); // rounds up into the normals
    expect(halfBitsToNumber(0x0001)).toBe(2 ** -24);
    expect(halfBitsToNumber(0x7bff)).toBe(65504);
    expect(Number.isNaN(halfBitsToNumber(0x7e00))).toBe(true);
    expect(Object.is(halfBitsToNumber(0x8000), -0)).toBe(true);
  });

  it('round-trips every float16 bit pattern that is not NaN', () => {
    for (let h = 0; h < 0x10000; h++) {
      const v = halfBitsToNumber(h);
      if (Number.isNaN(v)) continue;
      expect(halfBitsFromNumber(v)).toBe(h);
    }
  });

  it('rounds bfloat16 to nearest even with a quiet NaN', () => {
    expect(bfloat16BitsFromNumber(1)).toBe(0x3f80);
    expect(bfloat16BitsFromNumber(1 + 2 ** -8)).toBe(0x3f80);
    expect(bfloat16BitsFromNumber(1 + 3 * 2 ** -8)).toBe(0x3f82);
    expect(bfloat16BitsFromNumber(NaN)).toBe(0x7fc0);
    expect(bfloat16BitsFromNumber(3.4028234663852886e38)).toBe(0x7f80);
    expect(bfloat16BitsToNumber(0xc040)).toBe(-3);
  });
});

describe('Cast', () => {
  const cast = (x: ReturnType<typeof tensor>, dst: Parameters<typeof run1>[2]['dtype'], truncate = false) =>
    run1('Cast', [x], { dtype: dst, shape: x.shape }, { SrcT: x.dtype, DstT: dst, Truncate: truncate });

  it('truncates float → int toward zero; NaN and out-of-range give the x86 indefinite value', () => {
    expect(cast(vec('float32', [1.9, -1.9, NaN, 3e9, -3e9, Infinity]), 'int32')).toEqual([1, -1, -2147483648, -2147483648, -2147483648, -2147483648]);
    expect(cast(vec('float64', [NaN, 1e19, -2.5]), 'int64')).toEqual([-(2n ** 63n), -(2n ** 63n), -2n]);
  });

  it('narrow integer destinations keep the low bits of the int32 conversion', () => {
    expect(cast(vec('float32', [-1, 256.7, 100000, NaN]), 'uint8')).toEqual([255, 0, 160, 0]);
    expect(cast(vec('float32', [100000]), 'int16')).toEqual([-31072]);
    expect(cast(vec('float64', [-1, NaN, 4294967296.5]), 'uint32')).toEqual([4294967295, 0, 0]);
    expect(cast(vec('float64', [1.5e19, -1, NaN]), 'uint64')).toEqual([15000000000000000000n, 2n ** 64n - 1n, 2n ** 63n]);
  });

  it('wraps between integer widths and sign-extends into 64 bits', () => {
    expect(cast(vec('int32', [300, -1, 65536 + 7]), 'uint8')).toEqual([44, 255, 7]);
    expect(cast(vec('int32', [-1]), 'uint64')).toEqual([2n ** 64n - 1n]);
    expect(cast(vec('int64', [2n ** 40n + 5n, -(2n ** 33n) - 1n]), 'int32')).toEqual([5, -1]);
    expect(cast(vec('uint64', [2n ** 64n - 1n]), 'int64')).toEqual([-1n]);
  });

  it('rounds int64 → float32 once (no double rounding through float64)', () => {
    // 2^60 + 2^36 + 1 lies just above the midpoint of two float32s; via float64 it would tie and round down.
    expect(cast(vec('int64', [2n ** 60n + 2n ** 36n + 1n, 2n ** 53n + 1n]), 'float32')).toEqual([2 ** 60 + 2 ** 37, 2 ** 53]);
    expect(cast(vec('int64', [2n ** 53n + 1n]), 'float64')).toEqual([2 ** 53]);
  });

  it('converts to bool as x != 0 (NaN is true; complex tests the real part)', () => {
    expect(cast(vec('float32', [0, -0, NaN, 0.5]), 'bool')).toEqual([0, 0, 1, 1]);
    expect(cast(vec('int64', [0n, -5n]), 'bool')).toEqual([0, 1]);
    expect(cast(tensor('complex64', [2], [0, 5, 2, 0]), 'bool')).toEqual([0, 1]);
    expect(cast(vec('bool', [true, false]), 'float16')).toEqual([1, 0]);
  });

  it('moves between real and complex', () => {
    expect(cast(tensor('complex128', [2], [3, 4, -1.5, 2]), 'float32')).toEqual([3, -1.5]);
    expect(cast(tensor('complex64', [1], [-7.9, 4]), 'int32')).toEqual([-7]);
    expect(cast(vec('int32', [3, -2]), 'complex64')).toEqual([3, 0, -2, 0]);
    expect(cast(tensor('complex128', [1], [0.1, 0.2]), 'complex64')).toEqual([Math.fround(0.1), Math.fround(0.2)]);
  });

  it('narrows floats by rounding, or by truncation when Truncate is set', () => {
    const x = 1 + 3 * 2 ** -12; // 0.75 of a float16 ulp above 1
    expect(cast(vec('float32', [x]), 'float16')).toEqual([1 + 2 ** -10]);
    expect(cast(vec('float32', [x]), 'float16', true)).toEqual([1]);
    const y = 1 + 0.75 * 2 ** -23;
    expect(cast(vec('float64', [y]), 'float32')).toEqual([1 + 2 ** -23]);
    expect(cast(vec('float64', [y]), 'float32', true)).toEqual([1]);
    expect(cast(vec('float32', [1 + 2 ** -8 + 2 ** -9]), 'bfloat16', true)).toEqual([1]);
    expect(Number.isNaN(cast(vec('float64', [NaN]), 'float16', true)[0] as number)).toBe(true);
  });

  it('handles 0-size tensors', () => {
    expect(cast(tensor('float32', [0, 3], []), 'int64')).toEqual([]);
  });
});

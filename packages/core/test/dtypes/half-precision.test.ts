import { describe, expect, it } from 'vitest';
import {
  bfloat16Bits, bfloat16FromBits, float16Bits, float16FromBits, fromFloat16Array, toFloat16Array,
} from '../../src/dtypes/index.js';

describe('float16', () => {
  it('encodes exact values', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(65504)).toBe(0x7bff);
    expect(float16Bits(0)).toBe(0);
    expect(float16Bits(-0)).toBe(0x8000);
    expect(float16Bits(2 ** -24)).toBe(1);
    expect(float16Bits(2 ** -14)).toBe(0x0400);
  });

  it('rounds to nearest, ties to even', () => {
    // 1 + 2^-11 is exactly halfway between 1 and 1 + 2^-10: ties to the even mantissa (1).
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00);
    // 1 + 3·2^-11 is halfway between mantissas 1 and 2: goes to 2.
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(float16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01);
    // Halfway between the two smallest subnormals rounds to the even one (2·2^-24).
    expect(float16Bits(1.5 * 2 ** -24)).toBe(2);
    expect(float16Bits(0.5 * 2 ** -24)).toBe(0);
  });

  it('overflows to infinity at 65520 and keeps NaN', () => {
    expect(float16Bits(65519)).toBe(0x7bff);
    expect(float16Bits(65520)).toBe(0x7c00);
    expect(float16Bits(-Infinity)).toBe(0xfc00);
    expect(Number.isNaN(float16FromBits(float16Bits(NaN)))).toBe(true);
  });

  it('decodes', () => {
    expect(float16FromBits(0x3c00)).toBe(1);
    expect(float16FromBits(0x3555)).toBeCloseTo(0.333251953125, 12);
    expect(float16FromBits(0x0001)).toBe(2 ** -24);
    expect(float16FromBits(0x7c00)).toBe(Infinity);
    expect(float16FromBits(0xfc00)).toBe(-Infinity);
  });

  it('round-trips every finite bit pattern', () => {
    const mismatches: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      const exponent = (bits >> 10) & 0x1f;
      if (exponent === 0x1f && (bits & 0x3ff) !== 0) continue; // NaN payloads
      if (float16Bits(float16FromBits(bits)) !== bits) mismatches.push(bits);
    }
    expect(mismatches).toEqual([]);
  });

  it('converts arrays', () => {
    expect([...fromFloat16Array(toFloat16Array([0.5, 3, -1.25]))]).toEqual([0.5, 3, -1.25]);
  });
});

describe('bfloat16', () => {
  it('keeps the upper 16 bits of float32, rounding to nearest even', () => {
    expect(bfloat16Bits(1)).toBe(0x3f80);
    expect(bfloat16Bits(-2)).toBe(0xc000);
    // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties to even (1).
    expect(bfloat16Bits(1 + 2 ** -8)).toBe(0x3f80);
    expect(bfloat16Bits(1 + 3 * 2 ** -8)).toBe(0x3f82);
    expect(bfloat16FromBits(0x3f80)).toBe(1);
    expect(bfloat16FromBits(bfloat16Bits(3.140625))).toBe(3.140625);
    expect(Number.isNaN(bfloat16FromBits(bfloat16Bits(NaN)))).toBe(true);
    expect(bfloat16FromBits(bfloat16Bits(Infinity))).toBe(Infinity);
  });
});

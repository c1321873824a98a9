// float16 and bfloat16 live as raw 16-bit patterns; these convert them to and from JS numbers.
// Rounding follows Eigen (which TensorFlow uses): a number is first rounded to float32, then to
// the 16-bit format with round-to-nearest-even; NaN becomes a quiet NaN keeping its sign.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Raw float32 bits of `x` (after rounding `x` to float32). */
export function float32Bits(x: number): number {
  f32[0] = x;
  return u32[0] as number;
}

export function float32FromBits(bits: number): number {
  u32[0] = bits >>> 0;
  return f32[0] as number;
}

/** IEEE binary16 bits nearest to `x` (via float32, as Eigen's `half(float)` does). */
export function halfBitsFromNumber(x: number): number {
  const b = float32Bits(x);
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  const mant = b & 0x7fffff;
  if (exp === 0xff) return sign | (mant !== 0 ? 0x7e00 : 0x7c00);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Half subnormal: value = m · 2^-24, m = M · 2^(exp-126) with M the 24-bit significand.
    const shift = 126 - exp;
    if (shift > 24) return sign; // below half the smallest subnormal (exactly half is impossible here)
    const M = exp === 0 ? mant : mant | 0x800000;
    let m = M >>> shift;
    const rem = M & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && (m & 1) === 1)) m++;
    return sign | m;
  }
  let bits = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (bits & 1) === 1)) bits++; // a carry may reach infinity: correct
  return sign | bits;
}

const HALF_TABLE = (() => {
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    let v: number;
    if (exp === 0) v = mant * 2 ** -24;
    else if (exp === 0x1f) v = mant === 0 ? Infinity : NaN;
    else v = (1 + mant / 1024) * 2 ** (exp - 15);
    table[h] = sign * v;
  }
  return table;
})();

export function halfBitsToNumber(bits: number): number {
  return HALF_TABLE[bits & 0xffff] as number;
}

/** bfloat16 bits nearest to `x` (via float32, round-to-nearest-even as Eigen's `float_to_bfloat16_rtne`). */
export function bfloat16BitsFromNumber(x: number): number {
  const b = float32Bits(x);
  if (Number.isNaN(x)) return b & 0x80000000 ? 0xffc0 : 0x7fc0;
  const lsb = (b >>> 16) & 1;
  return ((b + 0x7fff + lsb) >>> 16) & 0xffff;
}

export function bfloat16BitsToNumber(bits: number): number {
  return float32FromBits((bits & 0xffff) << 16);
}

/** `x` rounded to float16 precision, as a number. */
export const roundToHalf = (x: number): number => halfBitsToNumber(halfBitsFromNumber(x));
/** `x` rounded to bfloat16 precision, as a number. */
export const roundToBfloat16 = (x: number): number => bfloat16BitsToNumber(bfloat16BitsFromNumber(x));

/**
 * IEEE binary16 (float16) and bfloat16 conversions. Both are stored as raw 16-bit patterns
 * (kernel-api keeps them in `Uint16Array`s); these helpers convert to and from JS numbers
 * with round-to-nearest-even, as numpy (float16) and TensorFlow (bfloat16) do.
 */

const scratch = new DataView(new ArrayBuffer(4));

/** Rounds to an integer, ties to even. Exact for the magnitudes used below. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * The float16 bit pattern nearest to `value` (ties to even), rounding directly from the
 * double like numpy's `npy_double_to_half`: no intermediate float32 rounding.
 */
export function float16Bits(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const abs = Math.abs(value);
  // 65520 is halfway between the largest half (65504) and 2^16; ties go to the even
  // mantissa, which overflows to infinity.
  if (abs >= 65520) return sign | 0x7c00;
  if (abs < 2 ** -14) {
    // Subnormal (or zero): units of 2^-24. A result of 1024 is the smallest normal, whose
    // bit pattern (0x0400) is exactly that integer.
    return sign | roundHalfEven(abs * 2 ** 24);
  }
  let exponent = Math.floor(Math.log2(abs));
  if (2 ** exponent > abs) exponent--;
  else if (2 ** (exponent + 1) <= abs) exponent++;
  let mantissa = roundHalfEven((abs / 2 ** exponent - 1) * 1024);
  if (mantissa === 1024) {
    mantissa = 0;
    exponent++;
  }
  if (exponent > 15) return sign | 0x7c00;
  return sign | ((exponent + 15) << 10) | mantissa;
}

/** The value of a float16 bit pattern. */
export function float16FromBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/**
 * The bfloat16 bit pattern for `value`: rounded to float32 first (TensorFlow's bfloat16
 * is constructed from a float), then to the upper 16 bits with ties to even.
 */
export function bfloat16Bits(value: number): number {
  if (Number.isNaN(value)) return 0x7fc0;
  scratch.setFloat32(0, value);
  const bits = scratch.getUint32(0);
  const roundingBias = 0x7fff + ((bits >>> 16) & 1);
  return ((bits + roundingBias) >>> 16) & 0xffff;
}

/** The value of a bfloat16 bit pattern (exact in float32). */
export function bfloat16FromBits(bits: number): number {
  scratch.setUint32(0, (bits & 0xffff) << 16);
  return scratch.getFloat32(0);
}

/** Encodes numbers as float16 bit patterns. */
export function toFloat16Array(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float16Bits(values[i] as number);
  return out;
}

/** Decodes float16 bit patterns to float32 values (every half is exact in float32). */
export function fromFloat16Array(bits: ArrayLike<number>): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = float16FromBits(bits[i] as number);
  return out;
}

/** Encodes numbers as bfloat16 bit patterns. */
export function toBfloat16Array(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = bfloat16Bits(values[i] as number);
  return out;
}

/** Decodes bfloat16 bit patterns to float32 values. */
export function fromBfloat16Array(bits: ArrayLike<number>): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = bfloat16FromBits(bits[i] as number);
  return out;
}

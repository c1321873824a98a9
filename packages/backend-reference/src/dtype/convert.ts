import type { DType } from '@varscope/kernel-api';

// Conversions between domains, as TensorFlow's CPU Cast computes them (static_cast compiled
// for x86-64, where out-of-range float→int conversion yields the "integer indefinite" value).

const TWO_31 = 2 ** 31;
const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;
const INT64_MIN = -(2n ** 63n);

/**
 * float → int32 as cvttsd2si: truncate toward zero; NaN and values outside int32 give INT32_MIN.
 * Narrower integer types (int8, int16, uint8, uint16) take the low bits of this, as the compiled
 * static_cast does (so -1.0 → uint8 255, 100000.0 → int16 -31072).
 */
export function floatToInt32(x: number): number {
  const t = Math.trunc(x);
  return Number.isNaN(t) || t < -TWO_31 || t >= TWO_31 ? -TWO_31 : t;
}

/** float → int64 as 64-bit cvttsd2si: NaN and out-of-range values give INT64_MIN. */
export function floatToInt64(x: number): bigint {
  const t = Math.trunc(x);
  return Number.isNaN(t) || t < -TWO_63 || t >= TWO_63 ? INT64_MIN : BigInt(t);
}

/** float → uint32: the low 32 bits of the 64-bit conversion (NaN → 0, -1.0 → 4294967295). */
export function floatToUint32(x: number): number {
  return Number(BigInt.asUintN(32, floatToInt64(x)));
}

/**
 * float → uint64: values in [0, 2^64) truncate; values in the int64 range wrap as int64 would;
 * NaN and everything else give 2^63 (the indefinite value, reinterpreted).
 */
export function floatToUint64(x: number): bigint {
  const t = Math.trunc(x);
  if (t >= 0 && t < TWO_64) return BigInt(t);
  return BigInt.asUintN(64, floatToInt64(x));
}

/**
 * The float nearest to a bigint for `dtype`, rounded once: float64 directly; narrower floats by
 * first rounding to odd at 53 bits (exact in a double, and then a single correct rounding to
 * float32 follows; float16/bfloat16 round from that float32, as Eigen's converting constructor does).
 */
export function bigintToFloat(b: bigint, dtype: DType): number {
  if (dtype === 'float64' || dtype === 'complex128') return Number(b);
  const negative = b < 0n;
  let m = negative ? -b : b;
  const bits = m.toString(2).length;
  if (bits <= 53) return Number(b);
  const shift = BigInt(bits - 53);
  const sticky = (m & ((1n << shift) - 1n)) !== 0n;
  m >>= shift;
  if (sticky) m |= 1n;
  const v = Number(m) * 2 ** Number(shift);
  return negative ? -v : v;
}

/** Mantissa bits of each float format, for Cast's `Truncate`. */
const MANTISSA_BITS: Partial<Record<DType, number>> = {
  float64: 52, float32: 23, float16: 10, bfloat16: 7, complex128: 52, complex64: 23,
};

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * Cast with `Truncate=true` between float formats: zero the source's low mantissa bits the
 * destination cannot hold (TensorFlow's LSBZeroSetter) so that the conversion truncates instead of
 * rounding. NaN is left alone. Half-width sources (float16/bfloat16) are handled in float32 bits,
 * which hold them exactly with 13/16 trailing zero bits.
 */
export function truncateMantissa(x: number, src: DType, dst: DType): number {
  const from = MANTISSA_BITS[src];
  const to = MANTISSA_BITS[dst];
  if (from === undefined || to === undefined || from <= to || Number.isNaN(x)) return x;
  const drop = from - to;
  if (from === 52) {
    f64[0] = x;
    u64[0] = (u64[0] as bigint) & ~((1n << BigInt(drop)) - 1n);
    return f64[0] as number;
  }
  // float32 storage: a float16/bfloat16 source sits in float32 with its mantissa left-aligned.
  const shift = 23 - from + drop;
  f32[0] = x;
  u32[0] = ((u32[0] as number) & ~((2 ** shift - 1) >>> 0)) >>> 0;
  return f32[0] as number;
}

/* Vectorised exp for float32 (Cephes expf: range reduction by ln2 in two parts, degree-5
 * polynomial, 2^n by exponent arithmetic). Max error about 1 ulp over the normal range;
 * overflows to +inf above 88.72, underflows to 0 below -87.33 (no denormal results). */
#ifndef VS_SIMD_MATH_H
#define VS_SIMD_MATH_H

#include <wasm_simd128.h>

/* The constants live in memory (simd-constants.c, a separate translation unit so the compiler
 * cannot fold them back into v128.const): V8 re-materialises every v128.const inside a loop with
 * several instructions, while a v128.load of a hot line is one (measured: exp about 1.3x faster). */
extern const float vs_simd_f32_constants[][4];
extern const int32_t vs_simd_i32_constants[][4];
#define VS_K(i) wasm_v128_load(vs_simd_f32_constants[i])
#define VS_KI(i) wasm_v128_load(vs_simd_i32_constants[i])

/* Always inlined: clang otherwise keeps one out-of-line copy for the many call sites, and a
 * call per vector with v128 arguments costs V8 a spill and a reload of every operand. */
#define VS_SIMD_INLINE static inline __attribute__((always_inline))

VS_SIMD_INLINE v128_t vs_exp_f32x4(v128_t x) {
  const v128_t hi = VS_K(0);
  const v128_t lo = VS_K(1);
  v128_t overflow = wasm_f32x4_gt(x, VS_K(2));
  v128_t underflow = wasm_f32x4_lt(x, lo);
  /* pmax(x, lo) = x < lo ? lo : x and pmin(x, hi) = hi < x ? hi : x keep a NaN x, in one
   * instruction each (the NaN-propagating min/max lower to long sequences in V8). */
  v128_t xc = wasm_f32x4_pmin(wasm_f32x4_pmax(x, lo), hi);
  /* n = round(x·log2 e) by the magic-number trick: adding 1.5·2^23 leaves n in the low mantissa
   * bits of t, and t - 1.5·2^23 is n as a float. Cheaper than floor + trunc_sat in V8. */
  const v128_t magic = VS_K(22);
  v128_t t = wasm_f32x4_add(wasm_f32x4_mul(xc, VS_K(3)), magic);
  v128_t fx = wasm_f32x4_sub(t, magic);
  v128_t r = wasm_f32x4_sub(xc, wasm_f32x4_mul(fx, VS_K(5)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(fx, VS_K(6)));
  v128_t z = wasm_f32x4_mul(r, r);
  v128_t p = VS_K(7);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), VS_K(8));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), VS_K(9));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), VS_K(10));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), VS_K(11));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), VS_K(12));
  p = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(p, z), r), VS_K(13));
  /* 2^n = (n + 127) << 23; n sits in t's low bits and the magic's own bits shift out.
   * n is in [-126, 127] after the clamp, so the biased exponent stays normal. */
  v128_t pow2 = wasm_i32x4_shl(wasm_i32x4_add(t, VS_KI(0)), 23);
  v128_t y = wasm_f32x4_mul(p, pow2);
  y = wasm_v128_bitselect(VS_K(14), y, overflow);
  y = wasm_v128_andnot(y, underflow);
  return y;
}

/* exp(x) for x <= 0 or NaN (softmax's x - max, sigmoid's -|x|): the same range reduction as
 * vs_exp_f32x4, without the overflow side (it cannot happen here) and with a degree-5
 * polynomial (constants 23-27; 1.7e-7 relative, about 3 ulp) folded into 2^n as
 * 2^n + (r·2^n)·p(r): four fewer vector operations an element. */
VS_SIMD_INLINE v128_t vs_exp_nonpositive_f32x4(v128_t x) {
  const v128_t lo = VS_K(1);
  v128_t underflow = wasm_f32x4_lt(x, lo);
  v128_t xc = wasm_f32x4_pmax(x, lo); /* keeps a NaN x */
  const v128_t magic = VS_K(22);
  v128_t t = wasm_f32x4_add(wasm_f32x4_mul(xc, VS_K(3)), magic);
  v128_t fx = wasm_f32x4_sub(t, magic);
  v128_t r = wasm_f32x4_sub(xc, wasm_f32x4_mul(fx, VS_K(5)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(fx, VS_K(6)));
  v128_t p = wasm_f32x4_add(wasm_f32x4_mul(VS_K(27), r), VS_K(26));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), VS_K(25));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), VS_K(24));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), VS_K(23));
  v128_t pow2 = wasm_i32x4_shl(wasm_i32x4_add(t, VS_KI(0)), 23);
  v128_t y = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(r, pow2), p), pow2);
  return wasm_v128_andnot(y, underflow);
}

/* With e = e^-|x| in (0, 1]: sigmoid(x) = 1 / (1 + e) for x > 0 and e / (1 + e) otherwise,
 * so only exp's non-overflowing half is needed and 1 + e never overflows. */
VS_SIMD_INLINE v128_t vs_sigmoid_f32x4(v128_t x) {
  v128_t e = vs_exp_nonpositive_f32x4(wasm_f32x4_neg(wasm_f32x4_abs(x)));
  v128_t num = wasm_v128_bitselect(VS_K(13), e, wasm_f32x4_gt(x, wasm_f32x4_splat(0.0f)));
  return wasm_f32x4_div(num, wasm_f32x4_add(VS_K(13), e));
}

/* tanh: Cephes' odd polynomial below |x| = 0.625 (no cancellation near 0), else
 * sign(x)·(1 - 2 / (e^{2|x|} + 1)). */
VS_SIMD_INLINE v128_t vs_tanh_f32x4(v128_t x) {
  v128_t ax = wasm_f32x4_abs(x);
  v128_t z = wasm_f32x4_mul(x, x);
  v128_t p = VS_K(15);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), VS_K(16));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), VS_K(17));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), VS_K(18));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), VS_K(19));
  v128_t small = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, z), x), x);
  v128_t e = vs_exp_f32x4(wasm_f32x4_add(ax, ax));
  v128_t big = wasm_f32x4_sub(VS_K(13),
                              wasm_f32x4_div(VS_K(20), wasm_f32x4_add(e, VS_K(13))));
  /* copy x's sign onto big (NaN stays NaN: big is NaN then). */
  v128_t sign = wasm_v128_and(x, VS_KI(1));
  big = wasm_v128_or(big, sign);
  return wasm_v128_bitselect(small, big, wasm_f32x4_lt(ax, VS_K(21)));
}

#endif

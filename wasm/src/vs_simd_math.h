/* Vectorised exp for float32 (Cephes expf: range reduction by ln2 in two parts, degree-5
 * polynomial, 2^n by exponent arithmetic). Max error about 1 ulp over the normal range;
 * overflows to +inf above 88.72, underflows to 0 below -87.33 (no denormal results). */
#ifndef VS_SIMD_MATH_H
#define VS_SIMD_MATH_H

#include <wasm_simd128.h>

static inline v128_t vs_exp_f32x4(v128_t x) {
  const v128_t hi = wasm_f32x4_splat(88.3762626647949f);
  const v128_t lo = wasm_f32x4_splat(-87.3365447505531f);
  v128_t overflow = wasm_f32x4_gt(x, wasm_f32x4_splat(88.72283905206835f));
  v128_t underflow = wasm_f32x4_lt(x, lo);
  v128_t xc = wasm_f32x4_min(wasm_f32x4_max(x, lo), hi); /* NaN propagates through min/max */
  v128_t fx = wasm_f32x4_floor(wasm_f32x4_add(wasm_f32x4_mul(xc, wasm_f32x4_splat(1.44269504088896341f)),
                                              wasm_f32x4_splat(0.5f)));
  v128_t r = wasm_f32x4_sub(xc, wasm_f32x4_mul(fx, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(fx, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t z = wasm_f32x4_mul(r, r);
  v128_t p = wasm_f32x4_splat(1.9875691500E-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.3981999507E-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(8.3334519073E-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(4.1665795894E-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.6666665459E-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(5.0000001201E-1f));
  p = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(p, z), r), wasm_f32x4_splat(1.0f));
  /* 2^fx: fx in [-126, 127] after the clamp, so the biased exponent stays normal. */
  v128_t n = wasm_i32x4_trunc_sat_f32x4(fx);
  v128_t pow2 = wasm_i32x4_shl(wasm_i32x4_add(n, wasm_i32x4_splat(127)), 23);
  v128_t y = wasm_f32x4_mul(p, pow2);
  y = wasm_v128_bitselect(wasm_f32x4_splat(INFINITY), y, overflow);
  y = wasm_v128_andnot(y, underflow);
  return y;
}

/* 1 / (1 + e^-x). */
static inline v128_t vs_sigmoid_f32x4(v128_t x) {
  v128_t e = vs_exp_f32x4(wasm_f32x4_neg(x));
  return wasm_f32x4_div(wasm_f32x4_splat(1.0f), wasm_f32x4_add(wasm_f32x4_splat(1.0f), e));
}

/* tanh: Cephes' odd polynomial below |x| = 0.625 (no cancellation near 0), else
 * sign(x)·(1 - 2 / (e^{2|x|} + 1)). */
static inline v128_t vs_tanh_f32x4(v128_t x) {
  v128_t ax = wasm_f32x4_abs(x);
  v128_t z = wasm_f32x4_mul(x, x);
  v128_t p = wasm_f32x4_splat(-5.70498872745E-3f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(2.06390887954E-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(-5.37397155531E-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(1.33314422036E-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(-3.33332819422E-1f));
  v128_t small = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, z), x), x);
  v128_t e = vs_exp_f32x4(wasm_f32x4_add(ax, ax));
  v128_t big = wasm_f32x4_sub(wasm_f32x4_splat(1.0f),
                              wasm_f32x4_div(wasm_f32x4_splat(2.0f), wasm_f32x4_add(e, wasm_f32x4_splat(1.0f))));
  /* copy x's sign onto big (NaN stays NaN: big is NaN then). */
  v128_t sign = wasm_v128_and(x, wasm_i32x4_splat((int32_t)0x80000000u));
  big = wasm_v128_or(big, sign);
  return wasm_v128_bitselect(small, big, wasm_f32x4_lt(ax, wasm_f32x4_splat(0.625f)));
}

#endif

/*
 * A portable stand-in for clang's wasm_simd128.h, for the native (gcc) unit tests of the
 * kernels: the same kernel code paths, SIMD included, run on the host. Only the intrinsics the
 * kernels use are defined, each with WebAssembly's semantics (NaN-propagating min/max, pmax,
 * saturating truncation), written on GCC vector extensions.
 */
#ifndef VS_SIMD_EMU_H
#define VS_SIMD_EMU_H

#include <math.h>
#include <stdint.h>
#include <string.h>

typedef int32_t v128_t __attribute__((vector_size(16), aligned(16)));
typedef float vs_f32x4 __attribute__((vector_size(16)));

static inline vs_f32x4 vs_emu_f(v128_t v) { vs_f32x4 f; memcpy(&f, &v, 16); return f; }
static inline v128_t vs_emu_v(vs_f32x4 f) { v128_t v; memcpy(&v, &f, 16); return v; }

static inline v128_t wasm_v128_load(const void *p) { v128_t v; memcpy(&v, p, 16); return v; }
static inline void wasm_v128_store(void *p, v128_t v) { memcpy(p, &v, 16); }
static inline v128_t wasm_v128_load32_splat(const void *p) { int32_t x; memcpy(&x, p, 4); return (v128_t){x, x, x, x}; }
static inline v128_t wasm_f32x4_splat(float x) { return vs_emu_v((vs_f32x4){x, x, x, x}); }
static inline v128_t wasm_i32x4_splat(int32_t x) { return (v128_t){x, x, x, x}; }
static inline v128_t wasm_f32x4_add(v128_t a, v128_t b) { return vs_emu_v(vs_emu_f(a) + vs_emu_f(b)); }
static inline v128_t wasm_f32x4_sub(v128_t a, v128_t b) { return vs_emu_v(vs_emu_f(a) - vs_emu_f(b)); }
static inline v128_t wasm_f32x4_mul(v128_t a, v128_t b) { return vs_emu_v(vs_emu_f(a) * vs_emu_f(b)); }
static inline v128_t wasm_f32x4_div(v128_t a, v128_t b) { return vs_emu_v(vs_emu_f(a) / vs_emu_f(b)); }
static inline v128_t wasm_f32x4_neg(v128_t a) { return vs_emu_v(-vs_emu_f(a)); }

#define VS_EMU_LANEWISE_F(name, expr)                                          \
  static inline v128_t name(v128_t va, v128_t vb) {                            \
    vs_f32x4 a = vs_emu_f(va), b = vs_emu_f(vb), r;                            \
    for (int i = 0; i < 4; i++) { float x = a[i], y = b[i]; r[i] = (expr); }   \
    return vs_emu_v(r);                                                        \
  }
VS_EMU_LANEWISE_F(wasm_f32x4_min, x != x ? x : y != y ? y : (x < y || (x == y && signbit(x))) ? x : y)
VS_EMU_LANEWISE_F(wasm_f32x4_max, x != x ? x : y != y ? y : (x > y || (x == y && !signbit(x))) ? x : y)
VS_EMU_LANEWISE_F(wasm_f32x4_pmax, x < y ? y : x)
VS_EMU_LANEWISE_F(wasm_f32x4_pmin, y < x ? y : x)

static inline v128_t wasm_f32x4_gt(v128_t va, v128_t vb) {
  vs_f32x4 a = vs_emu_f(va), b = vs_emu_f(vb); v128_t r;
  for (int i = 0; i < 4; i++) r[i] = a[i] > b[i] ? -1 : 0;
  return r;
}
static inline v128_t wasm_f32x4_lt(v128_t a, v128_t b) { return wasm_f32x4_gt(b, a); }
static inline v128_t wasm_f32x4_ne(v128_t va, v128_t vb) {
  vs_f32x4 a = vs_emu_f(va), b = vs_emu_f(vb); v128_t r;
  for (int i = 0; i < 4; i++) r[i] = a[i] != b[i] ? -1 : 0;
  return r;
}
/* lanes 0-3 from a, 4-7 from b (constant indices in real code; any value here) */
static inline v128_t vs_emu_shuffle32(v128_t a, v128_t b, int c0, int c1, int c2, int c3) {
  const int c[4] = {c0, c1, c2, c3}; v128_t r;
  for (int i = 0; i < 4; i++) r[i] = c[i] < 4 ? a[c[i]] : b[c[i] - 4];
  return r;
}
#define wasm_i32x4_shuffle(a, b, c0, c1, c2, c3) vs_emu_shuffle32((a), (b), (c0), (c1), (c2), (c3))
static inline int wasm_v128_any_true(v128_t a) { return (a[0] | a[1] | a[2] | a[3]) != 0; }
static inline v128_t wasm_f32x4_floor(v128_t va) {
  vs_f32x4 a = vs_emu_f(va);
  for (int i = 0; i < 4; i++) a[i] = floorf(a[i]);
  return vs_emu_v(a);
}
static inline v128_t wasm_f32x4_abs(v128_t a) { return a & (v128_t){0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff}; }
static inline v128_t wasm_i32x4_trunc_sat_f32x4(v128_t va) {
  vs_f32x4 a = vs_emu_f(va); v128_t r;
  for (int i = 0; i < 4; i++) {
    float x = a[i];
    r[i] = x != x ? 0 : x >= 2147483648.0f ? INT32_MAX : x <= -2147483648.0f ? INT32_MIN : (int32_t)x;
  }
  return r;
}
static inline v128_t wasm_i32x4_shl(v128_t a, int n) { return (v128_t)((uint32_t __attribute__((vector_size(16))))a << n); }
static inline v128_t wasm_i32x4_add(v128_t a, v128_t b) {
  return (v128_t)((uint32_t __attribute__((vector_size(16))))a + (uint32_t __attribute__((vector_size(16))))b);
}
static inline v128_t wasm_v128_and(v128_t a, v128_t b) { return a & b; }
static inline v128_t wasm_v128_or(v128_t a, v128_t b) { return a | b; }
static inline v128_t wasm_v128_andnot(v128_t a, v128_t b) { return a & ~b; }
static inline v128_t wasm_v128_bitselect(v128_t a, v128_t b, v128_t mask) { return (a & mask) | (b & ~mask); }
#define wasm_f32x4_extract_lane(v, i) (vs_emu_f(v)[(i)])

#endif

/* Packed, register-tiled float32 GEMM on WASM SIMD (the Goto/BLIS loop nest).
 *
 * B is packed per (KC × NC) block into NR-column panels and A per (MC × KC) block into
 * MR-row panels, both zero-padded to whole panels, so the micro-kernel streams two
 * contiguous arrays and needs no edge cases. The 4×8 micro-kernel keeps a 4×8 tile of C in
 * eight v128 accumulators; per k it loads two B vectors and four broadcast A values and issues
 * eight multiplies and eight adds (WebAssembly has no fused multiply-add in Node 20).
 * Sizes: an MR×KC sliver of A and a KC×NR panel of B (8 KiB) stay in L1, the MC×KC block of A
 * (64 KiB) in L2. A 6×8 tile (12 accumulators) measured slower: V8 spills at 15 live vectors.
 * MR, NR, KC, MC and NC can be overridden with -D for tuning experiments. */
#include <stdlib.h>
#include "gemm.h"
#include "vs_common.h"

#ifndef MR
#define MR 4
#endif
#ifndef NR
#define NR 8
#endif
#ifndef KC
#define KC 256
#endif
#ifndef MC
#define MC 64
#endif
#ifndef NC
#define NC 2048
#endif

static void pack_a(int32_t mc, int32_t kc, const float *a, int64_t rs, int64_t cs, float *restrict ap) {
  for (int32_t i0 = 0; i0 < mc; i0 += MR) {
    const int32_t rows = mc - i0 < MR ? mc - i0 : MR;
    float *dst = ap + (int64_t)i0 * kc;
    if (rows == MR && rs == 1) {
      /* A transposed in memory: the MR values of one k are adjacent */
      for (int32_t p = 0; p < kc; p++) memcpy(dst + p * MR, a + i0 + p * cs, MR * sizeof(float));
    } else if (rows == MR && cs == 1) {
      /* A row-major (matmul's usual case, and every im2col matrix): interleaving MR rows is a
       * transpose; with MR = 4, four 4×4 blocks a step by shuffles instead of scalar stores
       * (this packing is a third of a 3×3 convolution's time when done element by element). */
      int32_t p = 0;
#if MR == 4
      const float *s0 = a + i0 * rs, *s1 = s0 + rs, *s2 = s1 + rs, *s3 = s2 + rs;
      for (; p + 4 <= kc; p += 4) {
        const v128_t r0 = wasm_v128_load(s0 + p), r1 = wasm_v128_load(s1 + p);
        const v128_t r2 = wasm_v128_load(s2 + p), r3 = wasm_v128_load(s3 + p);
        const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
        const v128_t t2 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
        float *d = dst + p * MR;
        wasm_v128_store(d, wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5));
        wasm_v128_store(d + 4, wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7));
        wasm_v128_store(d + 8, wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5));
        wasm_v128_store(d + 12, wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7));
      }
#endif
      for (int32_t r = 0; r < MR; r++) {
        const float *src = a + (i0 + r) * rs;
        for (int32_t q = p; q < kc; q++) dst[q * MR + r] = src[q];
      }
    } else {
      for (int32_t p = 0; p < kc; p++)
        for (int32_t r = 0; r < MR; r++) dst[p * MR + r] = r < rows ? a[(i0 + r) * rs + p * cs] : 0.0f;
    }
  }
}

static void pack_b(int32_t kc, int32_t nc, const float *b, int64_t rs, int64_t cs, float *restrict bp) {
  for (int32_t j0 = 0; j0 < nc; j0 += NR) {
    const int32_t cols = nc - j0 < NR ? nc - j0 : NR;
    float *dst = bp + (int64_t)j0 * kc;
    if (cols == NR && cs == 1) {
      for (int32_t p = 0; p < kc; p++) {
        const float *src = b + p * rs + j0;
        wasm_v128_store(dst + p * NR, wasm_v128_load(src));
        wasm_v128_store(dst + p * NR + 4, wasm_v128_load(src + 4));
      }
    } else if (cols == NR && rs == 1) {
      for (int32_t c = 0; c < NR; c++) {
        const float *src = b + (j0 + c) * cs;
        for (int32_t p = 0; p < kc; p++) dst[p * NR + c] = src[p];
      }
    } else {
      for (int32_t p = 0; p < kc; p++)
        for (int32_t c = 0; c < NR; c++) dst[p * NR + c] = c < cols ? b[p * rs + (j0 + c) * cs] : 0.0f;
    }
  }
}

/* C tile (MR × NR) = (acc ? C : 0) + Ap · Bp over kc. */
__attribute__((unused)) static inline void kernel_4x8(int32_t kc, const float *restrict ap, const float *restrict bp, float *c, int64_t ldc,
                              int acc) {
  v128_t c00 = wasm_f32x4_splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
#ifdef VS_GEMM_NO_UNROLL
#pragma clang loop unroll(disable)
#endif
  for (int32_t p = 0; p < kc; p++) {
    const v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
    v128_t a = wasm_v128_load32_splat(ap);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(a, b0)); c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(ap + 1);
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(a, b0)); c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(ap + 2);
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(a, b0)); c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(ap + 3);
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(a, b0)); c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(a, b1));
    ap += MR; bp += NR;
  }
  if (acc) {
    c00 = wasm_f32x4_add(c00, wasm_v128_load(c)); c01 = wasm_f32x4_add(c01, wasm_v128_load(c + 4));
    c10 = wasm_f32x4_add(c10, wasm_v128_load(c + ldc)); c11 = wasm_f32x4_add(c11, wasm_v128_load(c + ldc + 4));
    c20 = wasm_f32x4_add(c20, wasm_v128_load(c + 2 * ldc)); c21 = wasm_f32x4_add(c21, wasm_v128_load(c + 2 * ldc + 4));
    c30 = wasm_f32x4_add(c30, wasm_v128_load(c + 3 * ldc)); c31 = wasm_f32x4_add(c31, wasm_v128_load(c + 3 * ldc + 4));
  }
  wasm_v128_store(c, c00); wasm_v128_store(c + 4, c01);
  wasm_v128_store(c + ldc, c10); wasm_v128_store(c + ldc + 4, c11);
  wasm_v128_store(c + 2 * ldc, c20); wasm_v128_store(c + 2 * ldc + 4, c21);
  wasm_v128_store(c + 3 * ldc, c30); wasm_v128_store(c + 3 * ldc + 4, c31);
}


/* C tile (6 × NR) = (acc ? C : 0) + Ap · Bp over kc: twelve accumulators, two B vectors and
 * one broadcast A value live at once, 15 of the 16 vector registers V8 has on x64. */
__attribute__((unused)) static inline void kernel_6x8(int32_t kc, const float *restrict ap, const float *restrict bp, float *c, int64_t ldc,
                              int acc) {
  v128_t c00 = wasm_f32x4_splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
         c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  for (int32_t p = 0; p < kc; p++) {
    const v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
    v128_t a = wasm_v128_load32_splat(ap);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(a, b0)); c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(ap + 1);
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(a, b0)); c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(ap + 2);
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(a, b0)); c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(ap + 3);
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(a, b0)); c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(ap + 4);
    c40 = wasm_f32x4_add(c40, wasm_f32x4_mul(a, b0)); c41 = wasm_f32x4_add(c41, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(ap + 5);
    c50 = wasm_f32x4_add(c50, wasm_f32x4_mul(a, b0)); c51 = wasm_f32x4_add(c51, wasm_f32x4_mul(a, b1));
    ap += 6; bp += NR;
  }
#define ROW(r, x0, x1) do { float *cr = c + (r) * ldc; \
    if (acc) { x0 = wasm_f32x4_add(x0, wasm_v128_load(cr)); x1 = wasm_f32x4_add(x1, wasm_v128_load(cr + 4)); } \
    wasm_v128_store(cr, x0); wasm_v128_store(cr + 4, x1); } while (0)
  ROW(0, c00, c01); ROW(1, c10, c11); ROW(2, c20, c21); ROW(3, c30, c31); ROW(4, c40, c41); ROW(5, c50, c51);
#undef ROW
}

#if MR == 6
#define KERNEL kernel_6x8
#else
#define KERNEL kernel_4x8
#endif

int32_t vs_sgemm(int32_t m, int32_t n, int32_t k, const float *a, int64_t a_rs, int64_t a_cs,
                 const float *b, int64_t b_rs, int64_t b_cs, float *c, int64_t ldc, int accumulate) {
  if (m == 0 || n == 0) return VS_OK;
  if (k == 0) {
    if (!accumulate) for (int32_t i = 0; i < m; i++) memset(c + i * ldc, 0, (size_t)n * 4);
    return VS_OK;
  }
  const int32_t nc_max = n < NC ? n : NC, kc_max = k < KC ? k : KC, mc_max = m < MC ? m : MC;
  const int64_t bp_len = (int64_t)kc_max * ((nc_max + NR - 1) / NR * NR);
  const int64_t ap_len = (int64_t)kc_max * ((mc_max + MR - 1) / MR * MR);
  float *bp = (float *)vs_malloc((uint32_t)((bp_len + ap_len) * 4));
  if (bp == NULL) return VS_ERR_NO_MEMORY;
  float *ap = bp + bp_len;
  float tile[MR * NR];
  for (int32_t jc = 0; jc < n; jc += NC) {
    const int32_t nc = n - jc < NC ? n - jc : NC;
    for (int32_t pc = 0; pc < k; pc += KC) {
      const int32_t kc = k - pc < KC ? k - pc : KC;
      const int acc = accumulate || pc > 0;
      pack_b(kc, nc, b + pc * b_rs + jc * b_cs, b_rs, b_cs, bp);
      for (int32_t ic = 0; ic < m; ic += MC) {
        const int32_t mc = m - ic < MC ? m - ic : MC;
        pack_a(mc, kc, a + ic * a_rs + pc * a_cs, a_rs, a_cs, ap);
        for (int32_t jr = 0; jr < nc; jr += NR) {
          const int32_t cols = nc - jr < NR ? nc - jr : NR;
          const float *bpanel = bp + (int64_t)jr * kc;
          for (int32_t ir = 0; ir < mc; ir += MR) {
            const int32_t rows = mc - ir < MR ? mc - ir : MR;
            float *cp = c + (ic + ir) * ldc + jc + jr;
            if (rows == MR && cols == NR) {
              KERNEL(kc, ap + (int64_t)ir * kc, bpanel, cp, ldc, acc);
            } else {
              /* edge tile: compute the full padded tile aside, write back the valid part */
              KERNEL(kc, ap + (int64_t)ir * kc, bpanel, tile, NR, 0);
              for (int32_t r = 0; r < rows; r++)
                for (int32_t q = 0; q < cols; q++)
                  cp[r * ldc + q] = acc ? cp[r * ldc + q] + tile[r * NR + q] : tile[r * NR + q];
            }
          }
        }
      }
    }
  }
  vs_free(bp);
  return VS_OK;
}

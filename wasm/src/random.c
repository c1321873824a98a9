/* Random ops on Philox-4x32-10 with exactly the element layout of kernel-api's philox.ts, so
 * the same seeds give the same bits here as on the reference backend. The transcendental
 * functions of Box–Muller come from the host (JavaScript's Math.log/sin/cos, imported): libm
 * implementations differ in the last bit, and these values must match bit for bit. */
#include "vs_common.h"

#ifdef __wasm__
__attribute__((import_module("env"), import_name("vs_host_log"))) double vs_host_log(double);
__attribute__((import_module("env"), import_name("vs_host_sin"))) double vs_host_sin(double);
__attribute__((import_module("env"), import_name("vs_host_cos"))) double vs_host_cos(double);
#else
static double vs_host_log(double v) { return log(v); }
static double vs_host_sin(double v) { return sin(v); }
static double vs_host_cos(double v) { return cos(v); }
#endif

#define TRUNCATED_NORMAL_MAX_ROUNDS 16

static void philox_block(uint64_t block, uint32_t k0, uint32_t k1, uint32_t s2lo, uint32_t s2hi, uint32_t out[4]) {
  uint32_t c0 = (uint32_t)block, c1 = (uint32_t)(block >> 32), c2 = s2lo, c3 = s2hi;
  for (int r = 0; r < 10; r++) {
    const uint64_t p0 = (uint64_t)0xd2511f53u * c0, p1 = (uint64_t)0xcd9e8d57u * c2;
    const uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0, hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
    c0 = hi1 ^ c1 ^ k0; c1 = lo1; c2 = hi0 ^ c3 ^ k1; c3 = lo0;
    if (r < 9) { k0 += 0x9e3779b9u; k1 += 0xbb67ae85u; }
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

static inline float uniform_f32(uint32_t w) {
  uint32_t bits = (127u << 23) | (w & 0x7fffffu);
  float f; memcpy(&f, &bits, 4);
  return f - 1.0f;
}

static inline double uniform_f64(uint32_t a, uint32_t b) {
  uint64_t bits = ((uint64_t)0x3ff << 52) | ((uint64_t)(a & 0xfffffu) << 32) | b;
  double d; memcpy(&d, &bits, 8);
  return d - 1.0;
}

static const double TWO_PI = 6.283185307179586; /* 2 * Math.PI */

/* Four float32-path normals of one block (in double; the caller rounds). */
static void normals_f32(const uint32_t w[4], double z[4]) {
  for (int h = 0; h < 2; h++) {
    double u1 = (double)uniform_f32(w[2 * h]);
    if (u1 < 1e-7) u1 = 1e-7;
    const double v = TWO_PI * (double)uniform_f32(w[2 * h + 1]);
    const double r = sqrt(-2.0 * vs_host_log(u1));
    z[2 * h] = r * vs_host_sin(v);
    z[2 * h + 1] = r * vs_host_cos(v);
  }
}

static void normals_f64(const uint32_t w[4], double z[2]) {
  double u1 = uniform_f64(w[0], w[1]);
  if (u1 < 1e-16) u1 = 1e-16;
  const double v = TWO_PI * uniform_f64(w[2], w[3]);
  const double r = sqrt(-2.0 * vs_host_log(u1));
  z[0] = r * vs_host_sin(v);
  z[1] = r * vs_host_cos(v);
}

VS_EXPORT(vs_random) int32_t vs_random(int32_t op, int32_t dtype, void *out, int32_t n, uint32_t seed_lo,
                                       uint32_t seed_hi, uint32_t seed2_lo, uint32_t seed2_hi, uint32_t offset_lo,
                                       uint32_t offset_hi, const void *minval, const void *maxval) {
  const int32_t es = vs_dtype_size(dtype);
  if (n < 0) return VS_ERR_ARGUMENT;
  VS_CHECK(out, n, es);
  const uint64_t b0 = ((uint64_t)offset_hi << 32) | offset_lo;
  uint32_t w[4];
  double z[4];
  switch (op) {
    case VS_OP_RandomUniform:
      if (dtype == VS_DT_FLOAT) {
        for (int32_t i = 0; i < n; i++) {
          if ((i & 3) == 0) philox_block(b0 + (uint64_t)(i >> 2), seed_lo, seed_hi, seed2_lo, seed2_hi, w);
          ((float *)out)[i] = uniform_f32(w[i & 3]);
        }
        return VS_OK;
      }
      if (dtype == VS_DT_DOUBLE) {
        for (int32_t i = 0; i < n; i++) {
          if ((i & 1) == 0) philox_block(b0 + (uint64_t)(i >> 1), seed_lo, seed_hi, seed2_lo, seed2_hi, w);
          const int k = i & 1;
          ((double *)out)[i] = uniform_f64(w[2 * k], w[2 * k + 1]);
        }
        return VS_OK;
      }
      return VS_ERR_UNSUPPORTED;
    case VS_OP_RandomStandardNormal:
      if (dtype == VS_DT_FLOAT) {
        for (int32_t i = 0; i < n; i++) {
          if ((i & 3) == 0) { philox_block(b0 + (uint64_t)(i >> 2), seed_lo, seed_hi, seed2_lo, seed2_hi, w); normals_f32(w, z); }
          ((float *)out)[i] = (float)z[i & 3];
        }
        return VS_OK;
      }
      if (dtype == VS_DT_DOUBLE) {
        for (int32_t i = 0; i < n; i++) {
          if ((i & 1) == 0) { philox_block(b0 + (uint64_t)(i >> 1), seed_lo, seed_hi, seed2_lo, seed2_hi, w); normals_f64(w, z); }
          ((double *)out)[i] = z[i & 1];
        }
        return VS_OK;
      }
      return VS_ERR_UNSUPPORTED;
    case VS_OP_TruncatedNormal:
      if (dtype != VS_DT_FLOAT && dtype != VS_DT_DOUBLE) return VS_ERR_UNSUPPORTED;
      for (int32_t i = 0; i < n; i++) {
        double value = 0;
        int found = 0;
        for (int r = 0; r < TRUNCATED_NORMAL_MAX_ROUNDS && !found; r++) {
          philox_block(b0 + (uint64_t)r * (uint64_t)n + (uint64_t)i, seed_lo, seed_hi, seed2_lo, seed2_hi, w);
          if (dtype == VS_DT_FLOAT) {
            normals_f32(w, z);
            for (int q = 0; q < 4 && !found; q++) {
              const float zf = (float)z[q];
              if (fabsf(zf) < 2.0f) { value = zf; found = 1; }
            }
          } else {
            normals_f64(w, z);
            for (int q = 0; q < 2 && !found; q++) if (fabs(z[q]) < 2.0) { value = z[q]; found = 1; }
          }
        }
        if (dtype == VS_DT_FLOAT) ((float *)out)[i] = (float)value; else ((double *)out)[i] = value;
      }
      return VS_OK;
    case VS_OP_RandomUniformInt:
      if (dtype == VS_DT_INT32) {
        VS_CHECK(minval, 1, 4); VS_CHECK(maxval, 1, 4);
        const int32_t lo = *(const int32_t *)minval, hi = *(const int32_t *)maxval;
        if (hi <= lo) return VS_ERR_ARGUMENT;
        const uint32_t range = (uint32_t)hi - (uint32_t)lo;
        for (int32_t i = 0; i < n; i++) {
          if ((i & 3) == 0) philox_block(b0 + (uint64_t)(i >> 2), seed_lo, seed_hi, seed2_lo, seed2_hi, w);
          ((int32_t *)out)[i] = (int32_t)((uint32_t)lo + w[i & 3] % range);
        }
        return VS_OK;
      }
      if (dtype == VS_DT_INT64) {
        VS_CHECK(minval, 1, 8); VS_CHECK(maxval, 1, 8);
        const int64_t lo = *(const int64_t *)minval, hi = *(const int64_t *)maxval;
        if (hi <= lo) return VS_ERR_ARGUMENT;
        const uint64_t range = (uint64_t)hi - (uint64_t)lo;
        for (int32_t i = 0; i < n; i++) {
          if ((i & 1) == 0) philox_block(b0 + (uint64_t)(i >> 1), seed_lo, seed_hi, seed2_lo, seed2_hi, w);
          const int k = i & 1;
          const uint64_t bits = (uint64_t)w[2 * k] | ((uint64_t)w[2 * k + 1] << 32);
          ((int64_t *)out)[i] = (int64_t)((uint64_t)lo + bits % range);
        }
        return VS_OK;
      }
      return VS_ERR_UNSUPPORTED;
    default:
      return VS_ERR_UNSUPPORTED;
  }
}

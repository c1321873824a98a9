/* Reductions over the middle axis of [outer, r, inner]: the loader collapses any set of axes
 * to this form (transposing first when the reduced axes are not adjacent). */
#include "vs_common.h"

/* float32 sum of a contiguous run: 32 partial sums in vector lanes within blocks of 4096
 * elements, block sums accumulated in double, so the error does not grow with n. */
static __attribute__((noinline)) double sum_f32_contiguous(const float *x, int64_t n) {
  double total = 0;
  for (int64_t base = 0; base < n; base += 4096) {
    const int32_t len = (int32_t)(n - base < 4096 ? n - base : 4096);
    const float *p = x + base;
    int32_t i = 0;
    /* eight independent accumulators hide the add latency (32 floats per iteration) */
    v128_t a0 = wasm_f32x4_splat(0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    for (; i + 32 <= len; i += 32) {
      a0 = wasm_f32x4_add(a0, wasm_v128_load(p + i));
      a1 = wasm_f32x4_add(a1, wasm_v128_load(p + i + 4));
      a2 = wasm_f32x4_add(a2, wasm_v128_load(p + i + 8));
      a3 = wasm_f32x4_add(a3, wasm_v128_load(p + i + 12));
      a4 = wasm_f32x4_add(a4, wasm_v128_load(p + i + 16));
      a5 = wasm_f32x4_add(a5, wasm_v128_load(p + i + 20));
      a6 = wasm_f32x4_add(a6, wasm_v128_load(p + i + 24));
      a7 = wasm_f32x4_add(a7, wasm_v128_load(p + i + 28));
    }
    v128_t s = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(a0, a1), wasm_f32x4_add(a2, a3)),
                              wasm_f32x4_add(wasm_f32x4_add(a4, a5), wasm_f32x4_add(a6, a7)));
    float block = (wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1)) +
                  (wasm_f32x4_extract_lane(s, 2) + wasm_f32x4_extract_lane(s, 3));
    for (; i < len; i++) block += p[i];
    total += block;
  }
  return total;
}

/* NaN-propagating max/min of a contiguous float32 run (r >= 1). */
static __attribute__((noinline)) float minmax_f32_contiguous(const float *x, int64_t n, int is_max) {
  int64_t i = 0;
  float best = x[0];
  if (n >= 8) {
    v128_t a = wasm_v128_load(x), b = wasm_v128_load(x + 4);
    for (i = 8; i + 8 <= n; i += 8) {
      v128_t p = wasm_v128_load(x + i), q = wasm_v128_load(x + i + 4);
      a = is_max ? wasm_f32x4_max(a, p) : wasm_f32x4_min(a, p);
      b = is_max ? wasm_f32x4_max(b, q) : wasm_f32x4_min(b, q);
    }
    a = is_max ? wasm_f32x4_max(a, b) : wasm_f32x4_min(a, b);
    best = wasm_f32x4_extract_lane(a, 0);
    for (int l = 1; l < 4; l++) {
      float v = l == 1 ? wasm_f32x4_extract_lane(a, 1) : l == 2 ? wasm_f32x4_extract_lane(a, 2) : wasm_f32x4_extract_lane(a, 3);
      best = best != best ? best : v != v ? v : (is_max ? (v > best ? v : best) : (v < best ? v : best));
    }
  }
  for (; i < n; i++) {
    float v = x[i];
    best = best != best ? best : v != v ? v : (is_max ? (v > best ? v : best) : (v < best ? v : best));
  }
  return best;
}

#define F_MAX(a, b) ((a) != (a) ? (a) : (b) != (b) ? (b) : (a) > (b) ? (a) : (b))
#define F_MIN(a, b) ((a) != (a) ? (a) : (b) != (b) ? (b) : (a) < (b) ? (a) : (b))
#define I_MAX(a, b) ((a) > (b) ? (a) : (b))
#define I_MIN(a, b) ((a) < (b) ? (a) : (b))

/* Generic [outer, r, inner] reduction: ACC is the accumulator type, INIT its start value,
 * STEP(acc, v) folds one element in, FINISH(acc) gives the output. */
#define REDUCE_GENERIC(T, ACC, INIT, STEP, FINISH)                                            \
  do {                                                                                        \
    const T *X = (const T *)x; T *Y = (T *)y;                                                 \
    for (int64_t o = 0; o < outer; o++)                                                       \
      for (int64_t i = 0; i < inner; i++) {                                                   \
        ACC acc = (INIT);                                                                     \
        const T *p = X + o * r * inner + i;                                                   \
        for (int64_t k = 0; k < r; k++) { T v = p[k * inner]; acc = (STEP); }                 \
        Y[o * inner + i] = (FINISH);                                                          \
      }                                                                                       \
  } while (0)

/* Row-wise float32 over inner > 1: accumulate whole rows, which vectorises without
 * reassociating any single output's sum. */
static void reduce_rows_f32(int32_t op, const float *x, float *y, int64_t outer, int64_t r, int32_t inner) {
  for (int64_t o = 0; o < outer; o++) {
    float *restrict out = y + o * inner;
    const float *base = x + o * r * inner;
    if (r == 0) {
      float init = op == VS_OP_Max ? -INFINITY : op == VS_OP_Min ? INFINITY : op == VS_OP_Prod ? 1.0f
                 : op == VS_OP_Mean ? NAN : 0.0f;
      for (int32_t i = 0; i < inner; i++) out[i] = init;
      continue;
    }
    memcpy(out, base, (size_t)inner * 4);
    for (int64_t k = 1; k < r; k++) {
      const float *restrict p = base + k * inner;
      int32_t i = 0;
      switch (op) {
        case VS_OP_Sum: case VS_OP_Mean: for (; i < inner; i++) out[i] += p[i]; break;
        case VS_OP_Prod: for (; i < inner; i++) out[i] *= p[i]; break;
        case VS_OP_Max:
          for (; i + 4 <= inner; i += 4) wasm_v128_store(out + i, wasm_f32x4_max(wasm_v128_load(out + i), wasm_v128_load(p + i)));
          for (; i < inner; i++) out[i] = F_MAX(out[i], p[i]);
          break;
        case VS_OP_Min:
          for (; i + 4 <= inner; i += 4) wasm_v128_store(out + i, wasm_f32x4_min(wasm_v128_load(out + i), wasm_v128_load(p + i)));
          for (; i < inner; i++) out[i] = F_MIN(out[i], p[i]);
          break;
      }
    }
    if (op == VS_OP_Mean) for (int32_t i = 0; i < inner; i++) out[i] /= (float)r;
  }
}

#define NUMERIC_REDUCE_CASES(T, ACC, MAXF, MINF, LOWEST, HIGHEST, MEAN_FINISH)               \
  case VS_OP_Sum: REDUCE_GENERIC(T, ACC, 0, acc + v, (T)acc); return VS_OK;                   \
  case VS_OP_Mean: REDUCE_GENERIC(T, ACC, 0, acc + v, MEAN_FINISH); return VS_OK;             \
  case VS_OP_Prod: REDUCE_GENERIC(T, ACC, 1, acc * v, (T)acc); return VS_OK;                  \
  case VS_OP_Max: REDUCE_GENERIC(T, T, LOWEST, MAXF(acc, v), acc); return VS_OK;              \
  case VS_OP_Min: REDUCE_GENERIC(T, T, HIGHEST, MINF(acc, v), acc); return VS_OK;

VS_EXPORT(vs_reduce) int32_t vs_reduce(int32_t op, int32_t dtype, const void *x, void *y, int32_t outer, int32_t r,
                                       int32_t inner) {
  if (outer < 0 || r < 0 || inner < 0) return VS_ERR_ARGUMENT;
  int32_t es = vs_dtype_size(dtype);
  if (es == 0) return VS_ERR_UNSUPPORTED;
  VS_CHECK(x, (int64_t)outer * r * inner, es);
  VS_CHECK(y, (int64_t)outer * inner, es);
  if ((int64_t)outer * inner == 0) return VS_OK;
  switch (dtype) {
    case VS_DT_FLOAT:
      if (op != VS_OP_Sum && op != VS_OP_Mean && op != VS_OP_Prod && op != VS_OP_Max && op != VS_OP_Min) break;
      if (inner == 1 && r > 0 && op != VS_OP_Prod) {
        const float *X = (const float *)x; float *Y = (float *)y;
        for (int64_t o = 0; o < outer; o++) {
          const float *row = X + o * (int64_t)r;
          if (op == VS_OP_Max || op == VS_OP_Min) Y[o] = minmax_f32_contiguous(row, r, op == VS_OP_Max);
          else { double s = sum_f32_contiguous(row, r); Y[o] = op == VS_OP_Mean ? (float)(s / r) : (float)s; }
        }
        return VS_OK;
      }
      reduce_rows_f32(op, (const float *)x, (float *)y, outer, r, inner);
      return VS_OK;
    case VS_DT_DOUBLE:
      switch (op) { NUMERIC_REDUCE_CASES(double, double, F_MAX, F_MIN, -INFINITY, INFINITY, (double)(acc / r)) default: break; }
      break;
    /* integer Mean divides with truncation; an empty integer Mean is 0 */
    case VS_DT_INT32:
      switch (op) { NUMERIC_REDUCE_CASES(int32_t, int32_t, I_MAX, I_MIN, INT32_MIN, INT32_MAX, (int32_t)(r ? acc / r : 0)) default: break; }
      break;
    case VS_DT_INT64:
      switch (op) { NUMERIC_REDUCE_CASES(int64_t, int64_t, I_MAX, I_MIN, INT64_MIN, INT64_MAX, (int64_t)(r ? acc / r : 0)) default: break; }
      break;
    case VS_DT_UINT8:
      switch (op) { NUMERIC_REDUCE_CASES(uint8_t, uint8_t, I_MAX, I_MIN, 0, 255, (uint8_t)(r ? acc / r : 0)) default: break; }
      break;
    case VS_DT_BOOL:
      if (op == VS_OP_All) { REDUCE_GENERIC(uint8_t, uint8_t, 1, (uint8_t)(acc && v), acc); return VS_OK; }
      if (op == VS_OP_Any) { REDUCE_GENERIC(uint8_t, uint8_t, 0, (uint8_t)(acc || v), acc); return VS_OK; }
      break;
    default: break;
  }
  return VS_ERR_UNSUPPORTED;
}

#define ARG_REDUCE(T)                                                                         \
  do {                                                                                        \
    const T *X = (const T *)x;                                                                \
    for (int64_t o = 0; o < outer; o++)                                                       \
      for (int64_t i = 0; i < inner; i++) {                                                   \
        const T *p = X + o * r * inner + i;                                                   \
        int64_t best = 0; T bv = p[0];                                                        \
        for (int64_t k = 1; k < r; k++) {                                                     \
          T v = p[k * inner];                                                                 \
          if (is_max ? v > bv : v < bv) { bv = v; best = k; }                                 \
        }                                                                                     \
        if (out_dtype == VS_DT_INT32) ((int32_t *)y)[o * inner + i] = (int32_t)best;          \
        else ((int64_t *)y)[o * inner + i] = best;                                            \
      }                                                                                       \
  } while (0)

VS_EXPORT(vs_arg_reduce) int32_t vs_arg_reduce(int32_t op, int32_t dtype, const void *x, int32_t out_dtype, void *y,
                                               int32_t outer, int32_t r, int32_t inner) {
  if (outer < 0 || r < 0 || inner < 0) return VS_ERR_ARGUMENT;
  if (op != VS_OP_ArgMax && op != VS_OP_ArgMin) return VS_ERR_UNSUPPORTED;
  if (out_dtype != VS_DT_INT32 && out_dtype != VS_DT_INT64) return VS_ERR_UNSUPPORTED;
  int32_t es = vs_dtype_size(dtype);
  if (es == 0) return VS_ERR_UNSUPPORTED;
  VS_CHECK(x, (int64_t)outer * r * inner, es);
  VS_CHECK(y, (int64_t)outer * inner, vs_dtype_size(out_dtype));
  if ((int64_t)outer * inner == 0) return VS_OK;
  if (r == 0) return VS_ERR_ARGUMENT; /* TensorFlow: "Reduction axis 0 is empty in shape" */
  const int is_max = op == VS_OP_ArgMax;
  switch (dtype) {
    case VS_DT_FLOAT: ARG_REDUCE(float); return VS_OK;
    case VS_DT_DOUBLE: ARG_REDUCE(double); return VS_OK;
    case VS_DT_INT32: ARG_REDUCE(int32_t); return VS_OK;
    case VS_DT_INT64: ARG_REDUCE(int64_t); return VS_OK;
    case VS_DT_UINT8: ARG_REDUCE(uint8_t); return VS_OK;
    default: return VS_ERR_UNSUPPORTED;
  }
}

VS_EXPORT(vs_l2_loss) int32_t vs_l2_loss(int32_t dtype, const void *x, int32_t n, void *y) {
  int32_t es = vs_dtype_size(dtype);
  VS_CHECK(x, n, es);
  VS_CHECK(y, 1, es);
  double s = 0;
  if (dtype == VS_DT_FLOAT) { const float *X = (const float *)x; for (int32_t i = 0; i < n; i++) s += (double)X[i] * X[i]; ((float *)y)[0] = (float)(s / 2); return VS_OK; }
  if (dtype == VS_DT_DOUBLE) { const double *X = (const double *)x; for (int32_t i = 0; i < n; i++) s += X[i] * X[i]; ((double *)y)[0] = s / 2; return VS_OK; }
  return VS_ERR_UNSUPPORTED;
}

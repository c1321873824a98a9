/* BiasAdd(+Grad), Softmax/LogSoftmax and the softmax cross-entropies. */
#include "vs_common.h"
#include "vs_simd_math.h"

#define BIAS_ADD(T)                                                                           \
  do { const T *X = (const T *)x, *Bv = (const T *)bias; T *Y = (T *)y;                       \
       for (int64_t o = 0; o < outer; o++) for (int64_t ch = 0; ch < c; ch++) {               \
         const T bv = Bv[ch]; const int64_t base = (o * c + ch) * inner;                     \
         for (int64_t i = 0; i < inner; i++) Y[base + i] = (T)(X[base + i] + bv); } } while (0)

VS_EXPORT(vs_bias_add) int32_t vs_bias_add(int32_t dtype, const void *x, const void *bias, void *y, int32_t outer,
                                           int32_t c, int32_t inner) {
  if (outer < 0 || c < 0 || inner < 0) return VS_ERR_ARGUMENT;
  int32_t es = vs_dtype_size(dtype);
  const int64_t n = (int64_t)outer * c * inner;
  VS_CHECK(x, n, es); VS_CHECK(y, n, es); VS_CHECK(bias, c, es);
  if (n == 0) return VS_OK;
  switch (dtype) {
    case VS_DT_FLOAT:
      if (inner == 1) { /* NHWC: add the bias row to every row (vectorised) */
        const float *X = (const float *)x, *Bv = (const float *)bias; float *Y = (float *)y;
        for (int64_t o = 0; o < outer; o++) {
          const float *restrict xr = X + o * c; float *restrict yr = Y + o * c;
          for (int32_t ch = 0; ch < c; ch++) yr[ch] = xr[ch] + Bv[ch];
        }
        return VS_OK;
      }
      BIAS_ADD(float); return VS_OK;
    case VS_DT_DOUBLE: BIAS_ADD(double); return VS_OK;
    case VS_DT_INT32: BIAS_ADD(int32_t); return VS_OK;
    case VS_DT_INT64: BIAS_ADD(int64_t); return VS_OK;
    default: return VS_ERR_UNSUPPORTED;
  }
}

#define BIAS_GRAD(T, ACC)                                                                     \
  do { const T *D = (const T *)dy; T *G = (T *)db;                                            \
       for (int64_t ch = 0; ch < c; ch++) {                                                   \
         ACC s = 0;                                                                           \
         for (int64_t o = 0; o < outer; o++) { const T *p = D + (o * c + ch) * inner;         \
           for (int64_t i = 0; i < inner; i++) s += p[i]; }                                   \
         G[ch] = (T)s; } } while (0)

VS_EXPORT(vs_bias_add_grad) int32_t vs_bias_add_grad(int32_t dtype, const void *dy, void *db, int32_t outer, int32_t c,
                                                     int32_t inner) {
  if (outer < 0 || c < 0 || inner < 0) return VS_ERR_ARGUMENT;
  int32_t es = vs_dtype_size(dtype);
  VS_CHECK(dy, (int64_t)outer * c * inner, es); VS_CHECK(db, c, es);
  switch (dtype) {
    case VS_DT_FLOAT:
      if (inner == 1) { /* NHWC: sum rows into a double accumulator row */
        double *acc = (double *)vs_malloc((uint32_t)((c > 0 ? c : 1) * 8));
        if (acc == NULL) return VS_ERR_NO_MEMORY;
        for (int32_t ch = 0; ch < c; ch++) acc[ch] = 0;
        const float *D = (const float *)dy;
        for (int64_t o = 0; o < outer; o++) for (int32_t ch = 0; ch < c; ch++) acc[ch] += D[o * c + ch];
        for (int32_t ch = 0; ch < c; ch++) ((float *)db)[ch] = (float)acc[ch];
        vs_free(acc);
        return VS_OK;
      }
      BIAS_GRAD(float, double); return VS_OK;
    case VS_DT_DOUBLE: BIAS_GRAD(double, double); return VS_OK;
    case VS_DT_INT32: BIAS_GRAD(int32_t, int32_t); return VS_OK;
    case VS_DT_INT64: BIAS_GRAD(int64_t, int64_t); return VS_OK;
    default: return VS_ERR_UNSUPPORTED;
  }
}

/* One float32 row: y = exp(x - max) and the sum of y (double). x - max <= 0 (or NaN), so the
 * exp needs no overflow handling; four vectors an iteration with their own partial sums. */
static double exp_shifted_row_f32(const float *x, float *y, int32_t cols, float mx) {
  const v128_t vm = wasm_f32x4_splat(mx);
  v128_t s0 = wasm_f32x4_splat(0), s1 = s0, s2 = s0, s3 = s0;
  int32_t j = 0;
  for (; j + 16 <= cols; j += 16) {
    v128_t e0 = vs_exp_nonpositive_f32x4(wasm_f32x4_sub(wasm_v128_load(x + j), vm));
    v128_t e1 = vs_exp_nonpositive_f32x4(wasm_f32x4_sub(wasm_v128_load(x + j + 4), vm));
    v128_t e2 = vs_exp_nonpositive_f32x4(wasm_f32x4_sub(wasm_v128_load(x + j + 8), vm));
    v128_t e3 = vs_exp_nonpositive_f32x4(wasm_f32x4_sub(wasm_v128_load(x + j + 12), vm));
    wasm_v128_store(y + j, e0); wasm_v128_store(y + j + 4, e1);
    wasm_v128_store(y + j + 8, e2); wasm_v128_store(y + j + 12, e3);
    s0 = wasm_f32x4_add(s0, e0); s1 = wasm_f32x4_add(s1, e1);
    s2 = wasm_f32x4_add(s2, e2); s3 = wasm_f32x4_add(s3, e3);
  }
  for (; j + 4 <= cols; j += 4) {
    v128_t e = vs_exp_nonpositive_f32x4(wasm_f32x4_sub(wasm_v128_load(x + j), vm));
    wasm_v128_store(y + j, e);
    s0 = wasm_f32x4_add(s0, e);
  }
  v128_t s4 = wasm_f32x4_add(wasm_f32x4_add(s0, s1), wasm_f32x4_add(s2, s3));
  double s = (double)wasm_f32x4_extract_lane(s4, 0) + wasm_f32x4_extract_lane(s4, 1) +
             wasm_f32x4_extract_lane(s4, 2) + wasm_f32x4_extract_lane(s4, 3);
  if (j < cols) {
    float tmp[4] = {0, 0, 0, 0};
    memcpy(tmp, x + j, (size_t)(cols - j) * 4);
    wasm_v128_store(tmp, vs_exp_nonpositive_f32x4(wasm_f32x4_sub(wasm_v128_load(tmp), vm)));
    for (int32_t t = 0; t < cols - j; t++) { y[j + t] = tmp[t]; s += tmp[t]; }
  }
  return s;
}

/* NaN-propagating maximum of a row (-inf for an empty one), four vectors at a time. pmax is
 * one instruction where the NaN-propagating f32x4.max is a long sequence in V8, so NaNs are
 * tracked on the side (x != x) and win at the end. */
static float row_max_f32(const float *x, int32_t cols) {
  float m = -INFINITY;
  int32_t j = 0;
  if (cols >= 4) {
    v128_t v0 = wasm_v128_load(x), v1 = v0, v2 = v0, v3 = v0;
    v128_t nan = wasm_f32x4_ne(v0, v0);
    for (j = 4; j + 16 <= cols; j += 16) {
      v128_t a = wasm_v128_load(x + j), b = wasm_v128_load(x + j + 4);
      v128_t c = wasm_v128_load(x + j + 8), d = wasm_v128_load(x + j + 12);
      v0 = wasm_f32x4_pmax(v0, a); v1 = wasm_f32x4_pmax(v1, b);
      v2 = wasm_f32x4_pmax(v2, c); v3 = wasm_f32x4_pmax(v3, d);
      nan = wasm_v128_or(nan, wasm_v128_or(wasm_v128_or(wasm_f32x4_ne(a, a), wasm_f32x4_ne(b, b)),
                                           wasm_v128_or(wasm_f32x4_ne(c, c), wasm_f32x4_ne(d, d))));
    }
    for (; j + 4 <= cols; j += 4) {
      v128_t a = wasm_v128_load(x + j);
      v0 = wasm_f32x4_pmax(v0, a);
      nan = wasm_v128_or(nan, wasm_f32x4_ne(a, a));
    }
    if (wasm_v128_any_true(nan)) return NAN;
    v128_t v = wasm_f32x4_pmax(wasm_f32x4_pmax(v0, v1), wasm_f32x4_pmax(v2, v3));
    const float l[4] = {wasm_f32x4_extract_lane(v, 0), wasm_f32x4_extract_lane(v, 1), wasm_f32x4_extract_lane(v, 2),
                        wasm_f32x4_extract_lane(v, 3)};
    for (int t = 0; t < 4; t++) m = l[t] != l[t] ? l[t] : (m != m ? m : (l[t] > m ? l[t] : m));
  }
  for (; j < cols; j++) m = x[j] != x[j] ? x[j] : (m != m ? m : (x[j] > m ? x[j] : m));
  return m;
}

/* float32 softmax of each row: max, fused exp and sum, scale. */
static __attribute__((noinline)) void softmax_rows_f32(const float *x, float *y, int32_t rows, int32_t cols) {
  for (int64_t r = 0; r < rows; r++) {
    const float *xr = x + r * cols; float *yr = y + r * cols;
    const double s = exp_shifted_row_f32(xr, yr, cols, row_max_f32(xr, cols));
    const v128_t inv = wasm_f32x4_splat((float)(1.0 / s));
    int32_t j = 0;
    for (; j + 4 <= cols; j += 4) wasm_v128_store(yr + j, wasm_f32x4_mul(wasm_v128_load(yr + j), inv));
    for (; j < cols; j++) yr[j] *= wasm_f32x4_extract_lane(inv, 0);
  }
}

VS_EXPORT(vs_softmax) int32_t vs_softmax(int32_t op, int32_t dtype, const void *x, void *y, int32_t rows, int32_t cols) {
  if (rows < 0 || cols < 0) return VS_ERR_ARGUMENT;
  if (op != VS_OP_Softmax && op != VS_OP_LogSoftmax) return VS_ERR_UNSUPPORTED;
  int32_t es = vs_dtype_size(dtype);
  VS_CHECK(x, (int64_t)rows * cols, es); VS_CHECK(y, (int64_t)rows * cols, es);
  const int is_log = op == VS_OP_LogSoftmax;
  if (dtype == VS_DT_FLOAT && !is_log) {
    softmax_rows_f32((const float *)x, (float *)y, rows, cols);
    return VS_OK;
  }
  if (dtype == VS_DT_FLOAT) {
    for (int64_t r = 0; r < rows; r++) {
      const float *xr = (const float *)x + r * cols; float *yr = (float *)y + r * cols;
      const float mx = row_max_f32(xr, cols);
      double s = 0;
      for (int32_t j = 0; j < cols; j++) s += exp((double)xr[j] - mx);
      const float ls = (float)log(s);
      for (int32_t j = 0; j < cols; j++) yr[j] = (xr[j] - mx) - ls;
    }
    return VS_OK;
  }
  if (dtype == VS_DT_DOUBLE) {
    for (int64_t r = 0; r < rows; r++) {
      const double *xr = (const double *)x + r * cols; double *yr = (double *)y + r * cols;
      double mx = -INFINITY;
      for (int32_t j = 0; j < cols; j++) mx = xr[j] != xr[j] ? xr[j] : (mx != mx ? mx : (xr[j] > mx ? xr[j] : mx));
      double s = 0;
      for (int32_t j = 0; j < cols; j++) s += exp(xr[j] - mx);
      for (int32_t j = 0; j < cols; j++) yr[j] = is_log ? (xr[j] - mx) - log(s) : exp(xr[j] - mx) / s;
    }
    return VS_OK;
  }
  return VS_ERR_UNSUPPORTED;
}

/* loss[r] = Σ_j labels·(log Σ exp(x - max) - (x - max)); backprop = softmax(x) - labels. */
#define XENT(T)                                                                               \
  do {                                                                                        \
    for (int64_t r = 0; r < rows; r++) {                                                      \
      const T *f = (const T *)features + r * cols, *l = (const T *)labels + r * cols;         \
      T *bp = (T *)backprop + r * cols;                                                       \
      double mx = -INFINITY;                                                                  \
      for (int32_t j = 0; j < cols; j++) mx = f[j] != f[j] ? f[j] : (mx != mx ? mx : (f[j] > mx ? f[j] : mx)); \
      double s = 0;                                                                           \
      for (int32_t j = 0; j < cols; j++) s += exp((double)f[j] - mx);                         \
      const double ls = log(s);                                                               \
      double loss_r = 0;                                                                      \
      for (int32_t j = 0; j < cols; j++) {                                                    \
        const double sh = (double)f[j] - mx;                                                  \
        loss_r += (double)l[j] * (ls - sh);                                                   \
        bp[j] = (T)(exp(sh) / s - (double)l[j]);                                              \
      }                                                                                       \
      ((T *)loss)[r] = (T)loss_r;                                                             \
    }                                                                                         \
  } while (0)

VS_EXPORT(vs_softmax_xent) int32_t vs_softmax_xent(int32_t dtype, const void *features, const void *labels,
                                                   void *loss, void *backprop, int32_t rows, int32_t cols) {
  if (rows < 0 || cols < 0) return VS_ERR_ARGUMENT;
  int32_t es = vs_dtype_size(dtype);
  const int64_t n = (int64_t)rows * cols;
  VS_CHECK(features, n, es); VS_CHECK(labels, n, es); VS_CHECK(backprop, n, es); VS_CHECK(loss, rows, es);
  if (dtype == VS_DT_FLOAT) { XENT(float); return VS_OK; }
  if (dtype == VS_DT_DOUBLE) { XENT(double); return VS_OK; }
  return VS_ERR_UNSUPPORTED;
}

#define SPARSE_XENT(T)                                                                        \
  do {                                                                                        \
    for (int64_t r = 0; r < rows; r++) {                                                      \
      const T *f = (const T *)features + r * cols; T *bp = (T *)backprop + r * cols;          \
      const int64_t label = label_dtype == VS_DT_INT32 ? ((const int32_t *)labels)[r] : ((const int64_t *)labels)[r]; \
      double mx = -INFINITY;                                                                  \
      for (int32_t j = 0; j < cols; j++) mx = f[j] != f[j] ? f[j] : (mx != mx ? mx : (f[j] > mx ? f[j] : mx)); \
      double s = 0;                                                                           \
      for (int32_t j = 0; j < cols; j++) s += exp((double)f[j] - mx);                         \
      const double ls = log(s);                                                               \
      for (int32_t j = 0; j < cols; j++) bp[j] = (T)(exp((double)f[j] - mx) / s - (j == label ? 1.0 : 0.0)); \
      ((T *)loss)[r] = (T)(ls - ((double)f[label] - mx));                                     \
    }                                                                                         \
  } while (0)

VS_EXPORT(vs_sparse_softmax_xent) int32_t vs_sparse_softmax_xent(int32_t dtype, const void *features,
                                                                 int32_t label_dtype, const void *labels, void *loss,
                                                                 void *backprop, int32_t rows, int32_t cols) {
  if (rows < 0 || cols < 0) return VS_ERR_ARGUMENT;
  if (label_dtype != VS_DT_INT32 && label_dtype != VS_DT_INT64) return VS_ERR_UNSUPPORTED;
  int32_t es = vs_dtype_size(dtype);
  const int64_t n = (int64_t)rows * cols;
  VS_CHECK(features, n, es); VS_CHECK(backprop, n, es); VS_CHECK(loss, rows, es);
  VS_CHECK(labels, rows, vs_dtype_size(label_dtype));
  /* every label checked before any output is written */
  for (int64_t r = 0; r < rows; r++) {
    const int64_t label = label_dtype == VS_DT_INT32 ? ((const int32_t *)labels)[r] : ((const int64_t *)labels)[r];
    if (label < 0 || label >= cols) { vs_set_error_detail((double)r, (double)label, cols); return VS_ERR_INDEX; }
  }
  if (dtype == VS_DT_FLOAT) { SPARSE_XENT(float); return VS_OK; }
  if (dtype == VS_DT_DOUBLE) { SPARSE_XENT(double); return VS_OK; }
  return VS_ERR_UNSUPPORTED;
}

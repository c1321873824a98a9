/* MatMul and BatchMatMulV2: float32 through the packed SIMD GEMM, other types through a
 * straightforward i-k-j loop (exact for integers; float64 accumulates in order). */
#include "gemm.h"
#include "vs_common.h"

#define NAIVE_MATMUL(T)                                                                       \
  do {                                                                                        \
    const T *A = (const T *)a + bi * (int64_t)a_bs; const T *B = (const T *)b + bi * (int64_t)b_bs; \
    T *C = (T *)c + bi * (int64_t)m * n;                                                      \
    for (int32_t i = 0; i < m; i++) {                                                         \
      T *row = C + (int64_t)i * n;                                                            \
      if (!accumulate) for (int32_t j = 0; j < n; j++) row[j] = 0;                            \
      for (int32_t p = 0; p < k; p++) {                                                       \
        const T av = A[i * a_rs + p * a_cs];                                                  \
        for (int32_t j = 0; j < n; j++) row[j] = (T)(row[j] + av * B[p * b_rs + j * b_cs]);   \
      }                                                                                       \
    }                                                                                         \
  } while (0)

VS_EXPORT(vs_matmul) int32_t vs_matmul(int32_t dtype, const void *a, const void *b, void *c, int32_t batch,
                                       int32_t m, int32_t n, int32_t k, int32_t trans_a, int32_t trans_b,
                                       int32_t a_bs, int32_t b_bs, int32_t accumulate) {
  if (batch < 0 || m < 0 || n < 0 || k < 0 || a_bs < 0 || b_bs < 0) return VS_ERR_ARGUMENT;
  int32_t es = vs_dtype_size(dtype);
  if (dtype != VS_DT_FLOAT && dtype != VS_DT_DOUBLE && dtype != VS_DT_INT32 && dtype != VS_DT_INT64)
    return VS_ERR_UNSUPPORTED;
  if (batch == 0 || m == 0 || n == 0) return VS_OK;
  VS_CHECK(a, (int64_t)(batch - 1) * a_bs + (int64_t)m * k, es);
  VS_CHECK(b, (int64_t)(batch - 1) * b_bs + (int64_t)k * n, es);
  VS_CHECK(c, (int64_t)batch * m * n, es);
  /* A is [m, k] (or [k, m] transposed), B is [k, n] (or [n, k]) */
  const int64_t a_rs = trans_a ? 1 : k, a_cs = trans_a ? m : 1;
  const int64_t b_rs = trans_b ? 1 : n, b_cs = trans_b ? k : 1;
  for (int64_t bi = 0; bi < batch; bi++) {
    switch (dtype) {
      case VS_DT_FLOAT: {
        int32_t st = vs_sgemm(m, n, k, (const float *)a + bi * a_bs, a_rs, a_cs, (const float *)b + bi * b_bs, b_rs,
                              b_cs, (float *)c + bi * (int64_t)m * n, n, accumulate);
        if (st != VS_OK) return st;
        break;
      }
      case VS_DT_DOUBLE: NAIVE_MATMUL(double); break;
      case VS_DT_INT32: NAIVE_MATMUL(int32_t); break;
      case VS_DT_INT64: NAIVE_MATMUL(int64_t); break;
    }
  }
  return VS_OK;
}

/* Single-precision GEMM used by MatMul, BatchMatMulV2 and the convolutions. */
#ifndef VS_GEMM_H
#define VS_GEMM_H
#include <stdint.h>

/* C[m×n] (row stride ldc) = (accumulate ? C : 0) + A·B, where A(i, p) = a[i·a_rs + p·a_cs] and
 * B(p, j) = b[p·b_rs + j·b_cs]: any transposition is a choice of strides. Returns 0, or
 * VS_ERR_NO_MEMORY when the packing scratch cannot be allocated. No bounds checks: callers
 * check the buffers first. */
int32_t vs_sgemm(int32_t m, int32_t n, int32_t k, const float *a, int64_t a_rs, int64_t a_cs,
                 const float *b, int64_t b_rs, int64_t b_cs, float *c, int64_t ldc, int accumulate);

#endif

// MatMul / BatchMatMulV2 as a tiled-GEMM problem: row-major matrices, optionally transposed,
// with broadcast batch strides. Shared by the device kernels and the host emulation test.
#pragma once

#include <cstdint>

#include "launch.h"

namespace vs {

template <typename T>
struct MatMulProblem {
  using Element = T;
  const T* aBase;
  const T* bBase;
  T* cBase;
  const T* aPtr;
  const T* bPtr;
  T* cPtr;
  int64_t m, n, k;
  bool transA, transB;
  int64_t batch;
  GemmBatch bi;

  __host__ __device__ int64_t batchCount() const { return batch; }
  /** Points a, b and c at batch `index` (row-major over the broadcast batch dims). */
  __device__ void selectBatch(int64_t index) {
    int64_t aOff = 0, bOff = 0, rest = index;
    for (int d = bi.rank - 1; d >= 0; --d) {
      const int64_t q = rest / bi.dims[d];
      const int64_t r = rest - q * bi.dims[d];
      aOff += r * bi.aStrides[d];
      bOff += r * bi.bStrides[d];
      rest = q;
    }
    aPtr = aBase + aOff;
    bPtr = bBase + bOff;
    cPtr = cBase + index * m * n;
  }
  __device__ bool aFastAlongK() const { return !transA; }
  __device__ bool bFastAlongN() const { return !transB; }
  __device__ T a(int64_t i, int64_t kk) const { return transA ? aPtr[kk * m + i] : aPtr[i * k + kk]; }
  __device__ T b(int64_t kk, int64_t j) const { return transB ? bPtr[j * k + kk] : bPtr[kk * n + j]; }
  __device__ void store(int64_t i, int64_t j, T v) const { cPtr[i * n + j] = v; }
};

}  // namespace vs

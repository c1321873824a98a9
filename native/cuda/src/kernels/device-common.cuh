// Device-side helpers shared by the kernel files.
#pragma once

#include <cstdint>
#include <cuda_runtime.h>

#include "launch.h"

namespace vs {

constexpr int kThreads = 256;

/** Enough blocks to cover n with a grid-stride loop, capped so huge tensors reuse threads. */
inline unsigned gridFor(int64_t n, int threads = kThreads) {
  const int64_t blocks = (n + threads - 1) / threads;
  const int64_t cap = 65535LL * 8;
  return static_cast<unsigned>(blocks < 1 ? 1 : (blocks > cap ? cap : blocks));
}

#define VS_GRID_STRIDE(i, n) \
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < (n); \
       i += static_cast<int64_t>(blockDim.x) * gridDim.x)

/** Offsets of output element `i` into up to three broadcast operands. */
template <int kOperands>
__device__ __forceinline__ void broadcastOffsets(const BroadcastIndex& idx, int64_t i, int64_t (&off)[kOperands]) {
#pragma unroll
  for (int o = 0; o < kOperands; ++o) off[o] = 0;
  for (int d = idx.rank - 1; d >= 0; --d) {
    const int64_t q = i / idx.dims[d];
    const int64_t r = i - q * idx.dims[d];
#pragma unroll
    for (int o = 0; o < kOperands; ++o) off[o] += r * idx.strides[o][d];
    i = q;
  }
}

/** Records the first asynchronous failure; the host reports it at the next sync. */
__device__ __forceinline__ void raiseDeviceError(int32_t* word, int32_t code) {
  if (word != nullptr) atomicCAS(word, 0, code);
}

__device__ __forceinline__ bool isNan(float v) { return v != v; }

}  // namespace vs

// A tiled shared-memory SGEMM over "problems": small structs that say how to read A(m, k) and
// B(k, n) and where C(m, n) goes. MatMul reads plain (optionally transposed) matrices; the
// convolutions read their operands as implicit GEMMs (im2col on the fly, nothing materialised).
//
// Block tile BM×BN, K step BK; each thread accumulates a TM×TN micro-tile in registers from
// k-major shared tiles (A is stored transposed so both operands are read as float4 rows).
#pragma once

#include "device-common.cuh"

namespace vs {

template <int BM, int BN, int BK, int TM, int TN, typename Problem>
__global__ void __launch_bounds__((BM / TM) * (BN / TN))
tiledGemmKernel(Problem p) {
  constexpr int kThreadsX = BN / TN;
  constexpr int kThreadsY = BM / TM;
  constexpr int kBlockThreads = kThreadsX * kThreadsY;
  static_assert(TM % 4 == 0 && TN % 4 == 0, "micro-tiles are read as float4");
  static_assert((BM * BK) % kBlockThreads == 0 && (BK * BN) % kBlockThreads == 0, "tile loads must divide evenly");

  __shared__ __align__(16) float As[BK][BM];
  __shared__ __align__(16) float Bs[BK][BN];

  const int tid = threadIdx.x;
  const int tx = tid % kThreadsX;
  const int ty = tid / kThreadsX;
  const int64_t m0 = static_cast<int64_t>(blockIdx.y) * BM;
  const int64_t n0 = static_cast<int64_t>(blockIdx.x) * BN;

  for (int64_t batch = blockIdx.z; batch < p.batchCount(); batch += gridDim.z) {
    p.selectBatch(batch);
    float acc[TM][TN];
#pragma unroll
    for (int i = 0; i < TM; ++i)
#pragma unroll
      for (int j = 0; j < TN; ++j) acc[i][j] = 0.f;

    for (int64_t k0 = 0; k0 < p.k; k0 += BK) {
      // A tile: when A is contiguous along k, neighbouring threads take neighbouring k.
#pragma unroll
      for (int r = 0; r < (BM * BK) / kBlockThreads; ++r) {
        const int e = tid + r * kBlockThreads;
        int mm, kk;
        if (p.aFastAlongK()) { mm = e / BK; kk = e % BK; } else { kk = e / BM; mm = e % BM; }
        const int64_t gm = m0 + mm, gk = k0 + kk;
        As[kk][mm] = (gm < p.m && gk < p.k) ? p.a(gm, gk) : 0.f;
      }
#pragma unroll
      for (int r = 0; r < (BK * BN) / kBlockThreads; ++r) {
        const int e = tid + r * kBlockThreads;
        int kk, nn;
        if (p.bFastAlongN()) { kk = e / BN; nn = e % BN; } else { nn = e / BK; kk = e % BK; }
        const int64_t gk = k0 + kk, gn = n0 + nn;
        Bs[kk][nn] = (gk < p.k && gn < p.n) ? p.b(gk, gn) : 0.f;
      }
      __syncthreads();

#pragma unroll
      for (int kk = 0; kk < BK; ++kk) {
        float av[TM], bv[TN];
#pragma unroll
        for (int i = 0; i < TM; i += 4) {
          const float4 v = *reinterpret_cast<const float4*>(&As[kk][ty * TM + i]);
          av[i] = v.x; av[i + 1] = v.y; av[i + 2] = v.z; av[i + 3] = v.w;
        }
#pragma unroll
        for (int j = 0; j < TN; j += 4) {
          const float4 v = *reinterpret_cast<const float4*>(&Bs[kk][tx * TN + j]);
          bv[j] = v.x; bv[j + 1] = v.y; bv[j + 2] = v.z; bv[j + 3] = v.w;
        }
#pragma unroll
        for (int i = 0; i < TM; ++i)
#pragma unroll
          for (int j = 0; j < TN; ++j) acc[i][j] = fmaf(av[i], bv[j], acc[i][j]);
      }
      __syncthreads();
    }

#pragma unroll
    for (int i = 0; i < TM; ++i) {
      const int64_t gm = m0 + ty * TM + i;
      if (gm >= p.m) continue;
#pragma unroll
      for (int j = 0; j < TN; ++j) {
        const int64_t gn = n0 + tx * TN + j;
        if (gn < p.n) p.store(gm, gn, acc[i][j]);
      }
    }
  }
}

/** Picks the tile shape for the problem size and launches. */
template <typename Problem>
void launchTiledGemm(cudaStream_t s, const Problem& p) {
  if (p.m == 0 || p.n == 0 || p.batchCount() == 0) return;
  const unsigned gz = static_cast<unsigned>(p.batchCount() < 65535 ? p.batchCount() : 65535);
  if (p.m >= 1024 && p.n >= 1024) {
    const dim3 grid(static_cast<unsigned>((p.n + 127) / 128), static_cast<unsigned>((p.m + 127) / 128), gz);
    tiledGemmKernel<128, 128, 8, 8, 8, Problem><<<grid, 256, 0, s>>>(p);
  } else {
    const dim3 grid(static_cast<unsigned>((p.n + 63) / 64), static_cast<unsigned>((p.m + 63) / 64), gz);
    tiledGemmKernel<64, 64, 16, 4, 4, Problem><<<grid, 256, 0, s>>>(p);
  }
}

}  // namespace vs

// A tiled shared-memory SGEMM over "problems": small structs that say how to read A(m, k) and
// B(k, n) and where C(m, n) goes. MatMul reads plain (optionally transposed) matrices; the
// convolutions read their operands as implicit GEMMs (im2col on the fly, nothing materialised).
//
// Block tile BM×BN, K step BK; each thread accumulates a TM×TN micro-tile in registers from
// k-major shared tiles (A is stored transposed so both operands are read as float4 rows),
// double-buffered through registers.
#pragma once

#include "device-common.cuh"

namespace vs {

template <int BM, int BN, int BK, int TM, int TN, typename Problem>
__global__ void __launch_bounds__((BM / TM) * (BN / TN))
tiledGemmKernel(Problem p) {
  constexpr int kThreadsX = BN / TN;
  constexpr int kThreadsY = BM / TM;
  constexpr int kBlockThreads = kThreadsX * kThreadsY;
  constexpr int kALoads = (BM * BK) / kBlockThreads;
  constexpr int kBLoads = (BK * BN) / kBlockThreads;
  static_assert(TM % 4 == 0 && TN % 4 == 0, "micro-tiles are read as float4");
  static_assert((BM * BK) % kBlockThreads == 0 && (BK * BN) % kBlockThreads == 0, "tile loads must divide evenly");

  // Two stages: while the block computes on one, the next K slice waits in registers and is
  // stored into the other, so there is one barrier per slice and global latency overlaps math.
  __shared__ __align__(16) float As[2][BK][BM];
  __shared__ __align__(16) float Bs[2][BK][BN];

  const int tid = threadIdx.x;
  const int tx = tid % kThreadsX;
  const int ty = tid / kThreadsX;
  const int64_t m0 = static_cast<int64_t>(blockIdx.y) * BM;
  const int64_t n0 = static_cast<int64_t>(blockIdx.x) * BN;

  // Where this thread's share of a tile goes: (m, k) for A, (k, n) for B. When an operand is
  // contiguous along k (A) or n (B), neighbouring threads take neighbouring elements.
  int aM[kALoads], aK[kALoads], bK[kBLoads], bN[kBLoads];
#pragma unroll
  for (int r = 0; r < kALoads; ++r) {
    const int e = tid + r * kBlockThreads;
    if (p.aFastAlongK()) { aM[r] = e / BK; aK[r] = e % BK; } else { aK[r] = e / BM; aM[r] = e % BM; }
  }
#pragma unroll
  for (int r = 0; r < kBLoads; ++r) {
    const int e = tid + r * kBlockThreads;
    if (p.bFastAlongN()) { bK[r] = e / BN; bN[r] = e % BN; } else { bN[r] = e / BK; bK[r] = e % BK; }
  }

  for (int64_t batch = blockIdx.z; batch < p.batchCount(); batch += gridDim.z) {
    p.selectBatch(batch);
    float acc[TM][TN];
#pragma unroll
    for (int i = 0; i < TM; ++i)
#pragma unroll
      for (int j = 0; j < TN; ++j) acc[i][j] = 0.f;

    float aNext[kALoads], bNext[kBLoads];
    auto fetch = [&](int64_t k0) {
#pragma unroll
      for (int r = 0; r < kALoads; ++r) {
        const int64_t gm = m0 + aM[r], gk = k0 + aK[r];
        aNext[r] = (gm < p.m && gk < p.k) ? p.a(gm, gk) : 0.f;
      }
#pragma unroll
      for (int r = 0; r < kBLoads; ++r) {
        const int64_t gk = k0 + bK[r], gn = n0 + bN[r];
        bNext[r] = (gk < p.k && gn < p.n) ? p.b(gk, gn) : 0.f;
      }
    };
    auto stash = [&](int stage) {
#pragma unroll
      for (int r = 0; r < kALoads; ++r) As[stage][aK[r]][aM[r]] = aNext[r];
#pragma unroll
      for (int r = 0; r < kBLoads; ++r) Bs[stage][bK[r]][bN[r]] = bNext[r];
    };

    fetch(0);
    stash(0);
    __syncthreads();
    int stage = 0;
    for (int64_t k0 = 0; k0 < p.k; k0 += BK) {
      const bool more = k0 + BK < p.k;
      if (more) fetch(k0 + BK);  // global loads in flight during the math below

#pragma unroll
      for (int kk = 0; kk < BK; ++kk) {
        float av[TM], bv[TN];
#pragma unroll
        for (int i = 0; i < TM; i += 4) {
          const float4 v = *reinterpret_cast<const float4*>(&As[stage][kk][ty * TM + i]);
          av[i] = v.x; av[i + 1] = v.y; av[i + 2] = v.z; av[i + 3] = v.w;
        }
#pragma unroll
        for (int j = 0; j < TN; j += 4) {
          const float4 v = *reinterpret_cast<const float4*>(&Bs[stage][kk][tx * TN + j]);
          bv[j] = v.x; bv[j + 1] = v.y; bv[j + 2] = v.z; bv[j + 3] = v.w;
        }
#pragma unroll
        for (int i = 0; i < TM; ++i)
#pragma unroll
          for (int j = 0; j < TN; ++j) acc[i][j] = fmaf(av[i], bv[j], acc[i][j]);
      }

      if (more) {
        // The other stage was last read before the previous barrier, so it is free to fill.
        stash(stage ^ 1);
        __syncthreads();
        stage ^= 1;
      }
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
    // The next batch's first stash writes stage 0, which threads may still be reading.
    __syncthreads();
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

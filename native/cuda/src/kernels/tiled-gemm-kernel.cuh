// The tiled shared-memory GEMM kernel over "problems": small structs that say how to read
// A(m, k) and B(k, n) and where C(m, n) goes, in their element type (`Problem::Element`).
// MatMul reads plain (optionally transposed) matrices; the convolutions read their operands as
// implicit GEMMs (im2col on the fly, nothing materialised).
//
// Block tile BM×BN, K step BK; each thread accumulates a TM×TN micro-tile in registers from
// k-major shared tiles (A is stored transposed so both operands are read as 4-wide vectors),
// double-buffered through registers.
//
// This header holds only the kernel and needs CUDA's built-ins (threadIdx, __syncthreads…) from
// whoever includes it: tiled-gemm.cuh on the device, the host emulation in native/cuda/test/,
// which runs this same code on CPU threads to check its index math and barriers.
#pragma once

#include <cstdint>

#include "gemm-element.cuh"

namespace vs {

/** A tile shape: block tile BM×BN, K step BK, per-thread micro-tile TM×TN. */
template <int BM_, int BN_, int BK_, int TM_, int TN_>
struct GemmTile {
  static constexpr int BM = BM_, BN = BN_, BK = BK_, TM = TM_, TN = TN_;
  static constexpr int kThreads = (BM / TM) * (BN / TN);
};
/** For large problems: 128×128 blocks, 8×8 per thread. */
using LargeGemmTile = GemmTile<128, 128, 8, 8, 8>;
/** Otherwise: 64×64 blocks, 4×4 per thread, a deeper K step. */
using SmallGemmTile = GemmTile<64, 64, 16, 4, 4>;

template <typename Tile, typename Problem>
__global__ void __launch_bounds__(Tile::kThreads)
tiledGemmKernel(Problem p) {
  using T = typename Problem::Element;
  constexpr int BM = Tile::BM, BN = Tile::BN, BK = Tile::BK, TM = Tile::TM, TN = Tile::TN;
  constexpr int kThreadsX = BN / TN;
  constexpr int kBlockThreads = Tile::kThreads;
  constexpr int kALoads = (BM * BK) / kBlockThreads;
  constexpr int kBLoads = (BK * BN) / kBlockThreads;
  static_assert(TM % 4 == 0 && TN % 4 == 0, "micro-tiles are read as 4-wide vectors");
  static_assert(BM % TM == 0 && BN % TN == 0, "micro-tiles must divide the block tile");
  static_assert((BM * BK) % kBlockThreads == 0 && (BK * BN) % kBlockThreads == 0, "tile loads must divide evenly");
  static_assert(sizeof(T) == 4, "shared tiles are sized for 4-byte elements");
  static_assert(2 * (BK * BM + BK * BN) * sizeof(T) <= 48 * 1024, "static shared memory is limited to 48 KiB");

  // Two stages: while the block computes on one, the next K slice waits in registers and is
  // stored into the other, so there is one barrier per slice and global latency overlaps math.
  __shared__ __align__(16) T As[2][BK][BM];
  __shared__ __align__(16) T Bs[2][BK][BN];

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
    T acc[TM][TN];
#pragma unroll
    for (int i = 0; i < TM; ++i)
#pragma unroll
      for (int j = 0; j < TN; ++j) acc[i][j] = T(0);

    T aNext[kALoads], bNext[kBLoads];
    auto fetch = [&](int64_t k0) {
#pragma unroll
      for (int r = 0; r < kALoads; ++r) {
        const int64_t gm = m0 + aM[r], gk = k0 + aK[r];
        aNext[r] = (gm < p.m && gk < p.k) ? p.a(gm, gk) : T(0);
      }
#pragma unroll
      for (int r = 0; r < kBLoads; ++r) {
        const int64_t gk = k0 + bK[r], gn = n0 + bN[r];
        bNext[r] = (gk < p.k && gn < p.n) ? p.b(gk, gn) : T(0);
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
    // Barriers below depend only on k0 and p.k, which are uniform across the block.
    for (int64_t k0 = 0; k0 < p.k; k0 += BK) {
      const bool more = k0 + BK < p.k;
      if (more) fetch(k0 + BK);  // global loads in flight during the math below

#pragma unroll
      for (int kk = 0; kk < BK; ++kk) {
        T av[TM], bv[TN];
#pragma unroll
        for (int i = 0; i < TM; i += 4) load4(&As[stage][kk][ty * TM + i], &av[i]);
#pragma unroll
        for (int j = 0; j < TN; j += 4) load4(&Bs[stage][kk][tx * TN + j], &bv[j]);
#pragma unroll
        for (int i = 0; i < TM; ++i)
#pragma unroll
          for (int j = 0; j < TN; ++j) acc[i][j] = GemmElement<T>::madd(av[i], bv[j], acc[i][j]);
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

}  // namespace vs

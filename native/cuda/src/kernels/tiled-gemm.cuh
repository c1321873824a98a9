// The tiled GEMM on the device: the kernel (tiled-gemm-kernel.cuh) and the launcher that picks
// its tile shape. Problems are defined in matmul-problem.cuh and conv-problems.cuh.
#pragma once

#include "device-common.cuh"
#include "tiled-gemm-kernel.cuh"

namespace vs {

/** Picks the tile shape for the problem size and launches. */
template <typename Problem>
void launchTiledGemm(cudaStream_t s, const Problem& p) {
  if (p.m == 0 || p.n == 0 || p.batchCount() == 0) return;
  const unsigned gz = static_cast<unsigned>(p.batchCount() < 65535 ? p.batchCount() : 65535);
  if (p.m >= 1024 && p.n >= 1024) {
    using Tile = LargeGemmTile;
    const dim3 grid(static_cast<unsigned>((p.n + Tile::BN - 1) / Tile::BN),
                    static_cast<unsigned>((p.m + Tile::BM - 1) / Tile::BM), gz);
    tiledGemmKernel<Tile, Problem><<<grid, Tile::kThreads, 0, s>>>(p);
  } else {
    using Tile = SmallGemmTile;
    const dim3 grid(static_cast<unsigned>((p.n + Tile::BN - 1) / Tile::BN),
                    static_cast<unsigned>((p.m + Tile::BM - 1) / Tile::BM), gz);
    tiledGemmKernel<Tile, Problem><<<grid, Tile::kThreads, 0, s>>>(p);
  }
}

}  // namespace vs

// MatMul and BatchMatMulV2: the tiled GEMM for float32 (strict) and int32 (wrapping), and a TF32
// tensor-core path (sm_80+) for float32 that the backend uses only when the user opts in with
// `allowTf32`.
#include <mma.h>

#include <type_traits>

#include "matmul-problem.cuh"
#include "tiled-gemm.cuh"

namespace vs {
namespace {

// ---- TF32 tensor cores -------------------------------------------------------------------------

constexpr int kTcBM = 128, kTcBN = 128, kTcBK = 16;
constexpr int kTcPadA = 8, kTcPadB = 8;  // keep rows 32-byte aligned for wmma loads

__global__ void __launch_bounds__(256) tf32GemmKernel(MatMulProblem<float> p) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
  using namespace nvcuda;
  __shared__ __align__(32) float As[kTcBM][kTcBK + kTcPadA];
  __shared__ __align__(32) float Bs[kTcBK][kTcBN + kTcPadB];
  __shared__ __align__(32) float Cs[8][16 * 16];

  const int tid = threadIdx.x;
  const int warp = tid / 32;
  const int lane = tid % 32;
  const int warpRow = warp / 4;  // 2 × 4 warps, each 64 × 32
  const int warpCol = warp % 4;
  const int64_t m0 = static_cast<int64_t>(blockIdx.y) * kTcBM;
  const int64_t n0 = static_cast<int64_t>(blockIdx.x) * kTcBN;

  for (int64_t batch = blockIdx.z; batch < p.batch; batch += gridDim.z) {
    p.selectBatch(batch);
    wmma::fragment<wmma::accumulator, 16, 16, 8, float> acc[4][2];
#pragma unroll
    for (int i = 0; i < 4; ++i)
#pragma unroll
      for (int j = 0; j < 2; ++j) wmma::fill_fragment(acc[i][j], 0.f);

    for (int64_t k0 = 0; k0 < p.k; k0 += kTcBK) {
#pragma unroll
      for (int r = 0; r < (kTcBM * kTcBK) / 256; ++r) {
        const int e = tid + r * 256;
        int mm, kk;
        if (!p.transA) { mm = e / kTcBK; kk = e % kTcBK; } else { kk = e / kTcBM; mm = e % kTcBM; }
        const int64_t gm = m0 + mm, gk = k0 + kk;
        As[mm][kk] = (gm < p.m && gk < p.k) ? wmma::__float_to_tf32(p.a(gm, gk)) : 0.f;
      }
#pragma unroll
      for (int r = 0; r < (kTcBK * kTcBN) / 256; ++r) {
        const int e = tid + r * 256;
        int kk, nn;
        if (!p.transB) { kk = e / kTcBN; nn = e % kTcBN; } else { nn = e / kTcBK; kk = e % kTcBK; }
        const int64_t gk = k0 + kk, gn = n0 + nn;
        Bs[kk][nn] = (gk < p.k && gn < p.n) ? wmma::__float_to_tf32(p.b(gk, gn)) : 0.f;
      }
      __syncthreads();
#pragma unroll
      for (int kk = 0; kk < kTcBK; kk += 8) {
        wmma::fragment<wmma::matrix_a, 16, 16, 8, wmma::precision::tf32, wmma::row_major> af[4];
        wmma::fragment<wmma::matrix_b, 16, 16, 8, wmma::precision::tf32, wmma::row_major> bf[2];
#pragma unroll
        for (int i = 0; i < 4; ++i) wmma::load_matrix_sync(af[i], &As[warpRow * 64 + i * 16][kk], kTcBK + kTcPadA);
#pragma unroll
        for (int j = 0; j < 2; ++j) wmma::load_matrix_sync(bf[j], &Bs[kk][warpCol * 32 + j * 16], kTcBN + kTcPadB);
#pragma unroll
        for (int i = 0; i < 4; ++i)
#pragma unroll
          for (int j = 0; j < 2; ++j) wmma::mma_sync(acc[i][j], af[i], bf[j], acc[i][j]);
      }
      __syncthreads();
    }

    // Stage each 16×16 accumulator through shared memory so edges can be written with masks.
#pragma unroll
    for (int i = 0; i < 4; ++i) {
#pragma unroll
      for (int j = 0; j < 2; ++j) {
        wmma::store_matrix_sync(Cs[warp], acc[i][j], 16, wmma::mem_row_major);
        __syncwarp();
        for (int e = lane; e < 256; e += 32) {
          const int64_t gm = m0 + warpRow * 64 + i * 16 + e / 16;
          const int64_t gn = n0 + warpCol * 32 + j * 16 + e % 16;
          if (gm < p.m && gn < p.n) p.store(gm, gn, Cs[warp][e]);
        }
        __syncwarp();
      }
    }
  }
#else
  (void)p;  // compiled for an architecture without TF32 tensor cores: the host never launches this
#endif
}

template <typename T>
void matMulTyped(cudaStream_t s, const void* a, const void* b, void* c, int64_t m, int64_t n, int64_t k,
                 bool transA, bool transB, int64_t batch, const GemmBatch& bi, bool allowTf32) {
  MatMulProblem<T> p{};
  p.aBase = static_cast<const T*>(a); p.bBase = static_cast<const T*>(b); p.cBase = static_cast<T*>(c);
  p.aPtr = p.aBase; p.bPtr = p.bBase; p.cPtr = p.cBase;
  p.m = m; p.n = n; p.k = k; p.transA = transA; p.transB = transB; p.batch = batch; p.bi = bi;
  if (k == 0) {
    // An empty inner dimension still defines C = 0.
    cudaMemsetAsync(c, 0, static_cast<size_t>(batch * m * n) * sizeof(T), s);
    return;
  }
  if constexpr (std::is_same_v<T, float>) {
    if (allowTf32) {
      const unsigned gz = static_cast<unsigned>(batch < 65535 ? batch : 65535);
      const dim3 grid(static_cast<unsigned>((n + kTcBN - 1) / kTcBN), static_cast<unsigned>((m + kTcBM - 1) / kTcBM), gz);
      tf32GemmKernel<<<grid, 256, 0, s>>>(p);
      return;
    }
  }
  launchTiledGemm(s, p);
}

}  // namespace

void launchMatMul(cudaStream_t s, int32_t dtype, const void* a, const void* b, void* c, int64_t m, int64_t n,
                  int64_t k, bool transA, bool transB, int64_t batch, const GemmBatch& bi, bool allowTf32) {
  if (m == 0 || n == 0 || batch == 0) return;
  switch (dtype) {
    case kFloat32: return matMulTyped<float>(s, a, b, c, m, n, k, transA, transB, batch, bi, allowTf32);
    case kInt32: return matMulTyped<int32_t>(s, a, b, c, m, n, k, transA, transB, batch, bi, false);
    default: return;
  }
}

}  // namespace vs

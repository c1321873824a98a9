// MatMul and BatchMatMulV2: strict-f32 tiled GEMM, and a TF32 tensor-core path (sm_80+) that
// the backend uses only when the user opts in with `allowTf32`.
#include <mma.h>

#include "tiled-gemm.cuh"

namespace vs {
namespace {

/** Row-major matrices, optionally transposed, with broadcast batch strides. */
struct MatMulProblem {
  const float* aBase;
  const float* bBase;
  float* cBase;
  const float* aPtr;
  const float* bPtr;
  float* cPtr;
  int64_t m, n, k;
  bool transA, transB;
  int64_t batch;
  GemmBatch bi;

  __host__ __device__ int64_t batchCount() const { return batch; }
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
  __device__ float a(int64_t i, int64_t kk) const { return transA ? aPtr[kk * m + i] : aPtr[i * k + kk]; }
  __device__ float b(int64_t kk, int64_t j) const { return transB ? bPtr[j * k + kk] : bPtr[kk * n + j]; }
  __device__ void store(int64_t i, int64_t j, float v) const { cPtr[i * n + j] = v; }
};

// ---- TF32 tensor cores -------------------------------------------------------------------------

constexpr int kTcBM = 128, kTcBN = 128, kTcBK = 16;
constexpr int kTcPadA = 8, kTcPadB = 8;  // keep rows 32-byte aligned for wmma loads

__global__ void __launch_bounds__(256) tf32GemmKernel(MatMulProblem p) {
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

}  // namespace

void launchMatMul(cudaStream_t s, const float* a, const float* b, float* c, int64_t m, int64_t n, int64_t k,
                  bool transA, bool transB, int64_t batch, const GemmBatch& bi, bool allowTf32) {
  if (m == 0 || n == 0 || batch == 0) return;
  MatMulProblem p{};
  p.aBase = a; p.bBase = b; p.cBase = c; p.aPtr = a; p.bPtr = b; p.cPtr = c;
  p.m = m; p.n = n; p.k = k; p.transA = transA; p.transB = transB; p.batch = batch; p.bi = bi;
  if (k == 0) {
    // An empty inner dimension still defines C = 0.
    cudaMemsetAsync(c, 0, static_cast<size_t>(batch * m * n) * sizeof(float), s);
    return;
  }
  if (allowTf32) {
    const unsigned gz = static_cast<unsigned>(batch < 65535 ? batch : 65535);
    const dim3 grid(static_cast<unsigned>((n + kTcBN - 1) / kTcBN), static_cast<unsigned>((m + kTcBM - 1) / kTcBM), gz);
    tf32GemmKernel<<<grid, 256, 0, s>>>(p);
    return;
  }
  launchTiledGemm(s, p);
}

}  // namespace vs

// Philox-4x32-10 random numbers with the element layout of kernel-api's philox.ts, so one seed
// gives the same numbers here as on every other backend. One thread produces one block's worth.
#include <cmath>

#include "device-common.cuh"

namespace vs {
namespace {

struct Words { uint32_t w[4]; };

__device__ __forceinline__ Words philox(uint64_t block, const PhiloxParams& p) {
  uint32_t c0 = static_cast<uint32_t>(block), c1 = static_cast<uint32_t>(block >> 32);
  uint32_t c2 = p.seed2[0], c3 = p.seed2[1];
  uint32_t k0 = p.key[0], k1 = p.key[1];
#pragma unroll
  for (int round = 0; round < 10; ++round) {
    const uint32_t lo0 = 0xD2511F53u * c0, hi0 = __umulhi(0xD2511F53u, c0);
    const uint32_t lo1 = 0xCD9E8D57u * c2, hi1 = __umulhi(0xCD9E8D57u, c2);
    const uint32_t n0 = hi1 ^ c1 ^ k0, n1 = lo1, n2 = hi0 ^ c3 ^ k1, n3 = lo0;
    c0 = n0; c1 = n1; c2 = n2; c3 = n3;
    k0 += 0x9E3779B9u;
    k1 += 0xBB67AE85u;
  }
  return Words{{c0, c1, c2, c3}};
}

__device__ __forceinline__ float uniform01(uint32_t w) {
  return __uint_as_float((127u << 23) | (w & 0x7fffffu)) - 1.0f;
}

/** Box–Muller on (wa, wb) in float64, as philox.ts specifies. */
__device__ __forceinline__ void boxMuller(uint32_t wa, uint32_t wb, float& za, float& zb) {
  const double u1 = fmax(static_cast<double>(uniform01(wa)), 1e-7);
  const double v = 2.0 * 3.141592653589793 * static_cast<double>(uniform01(wb));
  const double r = sqrt(-2.0 * log(u1));
  za = static_cast<float>(r * sin(v));
  zb = static_cast<float>(r * cos(v));
}

__device__ __forceinline__ void normals(uint64_t block, const PhiloxParams& p, float (&z)[4]) {
  const Words w = philox(block, p);
  boxMuller(w.w[0], w.w[1], z[0], z[1]);
  boxMuller(w.w[2], w.w[3], z[2], z[3]);
}

__global__ void uniformKernel(PhiloxParams p, float* __restrict__ out, int64_t n) {
  const int64_t blocks = (n + 3) / 4;
  VS_GRID_STRIDE(b, blocks) {
    const Words w = philox(p.offset + static_cast<uint64_t>(b), p);
#pragma unroll
    for (int j = 0; j < 4; ++j) if (b * 4 + j < n) out[b * 4 + j] = uniform01(w.w[j]);
  }
}

__global__ void uniformIntKernel(PhiloxParams p, int32_t* __restrict__ out, int64_t n, const int32_t* minval,
                                 const int32_t* maxval, int32_t* err) {
  const int32_t lo = *minval, hi = *maxval;
  if (lo >= hi) {
    if (blockIdx.x == 0 && threadIdx.x == 0) raiseDeviceError(err, kRandomIntEmptyRange);
    return;
  }
  const uint32_t range = static_cast<uint32_t>(hi) - static_cast<uint32_t>(lo);
  const int64_t blocks = (n + 3) / 4;
  VS_GRID_STRIDE(b, blocks) {
    const Words w = philox(p.offset + static_cast<uint64_t>(b), p);
#pragma unroll
    for (int j = 0; j < 4; ++j)
      if (b * 4 + j < n) out[b * 4 + j] = static_cast<int32_t>(static_cast<uint32_t>(lo) + w.w[j] % range);
  }
}

__global__ void normalKernel(PhiloxParams p, float* __restrict__ out, int64_t n) {
  const int64_t blocks = (n + 3) / 4;
  VS_GRID_STRIDE(b, blocks) {
    float z[4];
    normals(p.offset + static_cast<uint64_t>(b), p, z);
#pragma unroll
    for (int j = 0; j < 4; ++j) if (b * 4 + j < n) out[b * 4 + j] = z[j];
  }
}

/** Element i takes the first |z| < 2 among the four normals of block offset + r·n + i, r = 0, 1, …. */
__global__ void truncatedNormalKernel(PhiloxParams p, float* __restrict__ out, int64_t n, int rounds) {
  VS_GRID_STRIDE(i, n) {
    float value = 0.f;
    bool found = false;
    for (int r = 0; r < rounds && !found; ++r) {
      float z[4];
      normals(p.offset + static_cast<uint64_t>(r) * static_cast<uint64_t>(n) + static_cast<uint64_t>(i), p, z);
#pragma unroll
      for (int j = 0; j < 4; ++j)
        if (!found && fabsf(z[j]) < 2.f) { value = z[j]; found = true; }
    }
    out[i] = value;
  }
}

}  // namespace

/** kernel-api's TRUNCATED_NORMAL_MAX_ROUNDS (a test checks the two agree). */
constexpr int kTruncatedNormalRounds = 16;

void launchRandom(cudaStream_t s, RandomOp op, const PhiloxParams& p, void* out, int64_t n, const int32_t* minval,
                  const int32_t* maxval, int32_t* err) {
  if (n == 0) return;
  const int64_t blocks = (n + 3) / 4;
  switch (op) {
    case RandomOp::Uniform: uniformKernel<<<gridFor(blocks), kThreads, 0, s>>>(p, static_cast<float*>(out), n); break;
    case RandomOp::StandardNormal: normalKernel<<<gridFor(blocks), kThreads, 0, s>>>(p, static_cast<float*>(out), n); break;
    case RandomOp::TruncatedNormal:
      truncatedNormalKernel<<<gridFor(n), kThreads, 0, s>>>(p, static_cast<float*>(out), n, kTruncatedNormalRounds);
      break;
    case RandomOp::UniformInt:
      uniformIntKernel<<<gridFor(blocks), kThreads, 0, s>>>(p, static_cast<int32_t*>(out), n, minval, maxval, err);
      break;
    default: break;
  }
}

}  // namespace vs

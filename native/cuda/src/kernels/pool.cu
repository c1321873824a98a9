// MaxPool / AvgPool and their gradients over NHWC or NCHW tensors (2-D windows only:
// TensorFlow's GPU kernels reject pooling across batch or depth as well).
#include <cfloat>

#include "device-common.cuh"

namespace vs {
namespace {

__device__ __forceinline__ int64_t poolIndex(const PoolGeometry& g, int64_t n, int64_t h, int64_t w, int64_t c,
                                             int64_t H, int64_t W) {
  return g.nchw ? ((n * g.c + c) * H + h) * W + w : ((n * H + h) * W + w) * g.c + c;
}

/** Decomposes a flat output index into (n, oh, ow, c) for the layout. */
__device__ __forceinline__ void outputCoords(const PoolGeometry& g, int64_t i, int64_t& n, int64_t& oh, int64_t& ow,
                                             int64_t& c) {
  if (g.nchw) {
    ow = i % g.ow; i /= g.ow; oh = i % g.oh; i /= g.oh; c = i % g.c; n = i / g.c;
  } else {
    c = i % g.c; i /= g.c; ow = i % g.ow; i /= g.ow; oh = i % g.oh; n = i / g.oh;
  }
}

/** The first maximum of a window (NaN wins, as in TensorFlow); -1 for an empty window. */
__device__ int64_t windowArgMax(const PoolGeometry& g, const float* x, int64_t n, int64_t oh, int64_t ow, int64_t c,
                                float& best) {
  const int64_t h0 = oh * g.strideH - g.padTop, w0 = ow * g.strideW - g.padLeft;
  int64_t arg = -1;
  best = -FLT_MAX;
  for (int64_t h = h0 < 0 ? 0 : h0; h < h0 + g.windowH && h < g.h; ++h) {
    for (int64_t w = w0 < 0 ? 0 : w0; w < w0 + g.windowW && w < g.w; ++w) {
      const int64_t idx = poolIndex(g, n, h, w, c, g.h, g.w);
      const float v = x[idx];
      if (arg < 0 || v > best || (isNan(v) && !isNan(best))) { best = v; arg = idx; }
    }
  }
  return arg;
}

__global__ void maxPoolKernel(PoolGeometry g, const float* __restrict__ x, float* __restrict__ y) {
  const int64_t total = g.n * g.oh * g.ow * g.c;
  VS_GRID_STRIDE(i, total) {
    int64_t n, oh, ow, c;
    outputCoords(g, i, n, oh, ow, c);
    float best;
    windowArgMax(g, x, n, oh, ow, c, best);
    y[i] = best;
  }
}

__global__ void avgPoolKernel(PoolGeometry g, const float* __restrict__ x, float* __restrict__ y) {
  const int64_t total = g.n * g.oh * g.ow * g.c;
  VS_GRID_STRIDE(i, total) {
    int64_t n, oh, ow, c;
    outputCoords(g, i, n, oh, ow, c);
    const int64_t h0 = oh * g.strideH - g.padTop, w0 = ow * g.strideW - g.padLeft;
    float sum = 0.f;
    int count = 0;
    for (int64_t h = h0 < 0 ? 0 : h0; h < h0 + g.windowH && h < g.h; ++h)
      for (int64_t w = w0 < 0 ? 0 : w0; w < w0 + g.windowW && w < g.w; ++w) {
        sum += x[poolIndex(g, n, h, w, c, g.h, g.w)];
        ++count;
      }
    y[i] = count > 0 ? sum / static_cast<float>(count) : 0.f;  // padding is not counted
  }
}

__global__ void maxPoolGradKernel(PoolGeometry g, const float* __restrict__ x, const float* __restrict__ dy,
                                  float* __restrict__ dx) {
  const int64_t total = g.n * g.oh * g.ow * g.c;
  VS_GRID_STRIDE(i, total) {
    int64_t n, oh, ow, c;
    outputCoords(g, i, n, oh, ow, c);
    float best;
    const int64_t arg = windowArgMax(g, x, n, oh, ow, c, best);
    if (arg >= 0) atomicAdd(&dx[arg], dy[i]);
  }
}

/** Each input element gathers the gradient of every window that covers it (deterministic). */
__global__ void avgPoolGradKernel(PoolGeometry g, const float* __restrict__ dy, float* __restrict__ dx) {
  const int64_t total = g.n * g.h * g.w * g.c;
  VS_GRID_STRIDE(i, total) {
    int64_t n, h, w, c, rest = i;
    if (g.nchw) {
      w = rest % g.w; rest /= g.w; h = rest % g.h; rest /= g.h; c = rest % g.c; n = rest / g.c;
    } else {
      c = rest % g.c; rest /= g.c; w = rest % g.w; rest /= g.w; h = rest % g.h; n = rest / g.h;
    }
    float sum = 0.f;
    // Windows oh with oh·s - p <= h < oh·s - p + k.
    const int64_t ohLo = (h + g.padTop - g.windowH + g.strideH) / g.strideH;  // ceil((h+p-k+1)/s) for h+p-k+1 >= 0
    for (int64_t oh = ohLo < 0 ? 0 : ohLo; oh < g.oh; ++oh) {
      const int64_t hs = oh * g.strideH - g.padTop;
      if (hs > h) break;
      if (h >= hs + g.windowH) continue;
      const int64_t owLo = (w + g.padLeft - g.windowW + g.strideW) / g.strideW;
      for (int64_t ow = owLo < 0 ? 0 : owLo; ow < g.ow; ++ow) {
        const int64_t ws = ow * g.strideW - g.padLeft;
        if (ws > w) break;
        if (w >= ws + g.windowW) continue;
        const int64_t hLo = hs < 0 ? 0 : hs, hHi = (hs + g.windowH < g.h) ? hs + g.windowH : g.h;
        const int64_t wLo = ws < 0 ? 0 : ws, wHi = (ws + g.windowW < g.w) ? ws + g.windowW : g.w;
        const float count = static_cast<float>((hHi - hLo) * (wHi - wLo));
        sum += dy[poolIndex(g, n, oh, ow, c, g.oh, g.ow)] / count;
      }
    }
    dx[i] = sum;
  }
}

}  // namespace

void launchMaxPool(cudaStream_t s, const PoolGeometry& g, const float* x, float* y) {
  const int64_t n = g.n * g.oh * g.ow * g.c;
  if (n > 0) maxPoolKernel<<<gridFor(n), kThreads, 0, s>>>(g, x, y);
}

void launchAvgPool(cudaStream_t s, const PoolGeometry& g, const float* x, float* y) {
  const int64_t n = g.n * g.oh * g.ow * g.c;
  if (n > 0) avgPoolKernel<<<gridFor(n), kThreads, 0, s>>>(g, x, y);
}

void launchMaxPoolGrad(cudaStream_t s, const PoolGeometry& g, const float* x, const float* dy, float* dx) {
  const int64_t nIn = g.n * g.h * g.w * g.c, nOut = g.n * g.oh * g.ow * g.c;
  if (nIn == 0) return;
  cudaMemsetAsync(dx, 0, static_cast<size_t>(nIn) * sizeof(float), s);
  if (nOut > 0) maxPoolGradKernel<<<gridFor(nOut), kThreads, 0, s>>>(g, x, dy, dx);
}

void launchAvgPoolGrad(cudaStream_t s, const PoolGeometry& g, const float* dy, float* dx) {
  const int64_t n = g.n * g.h * g.w * g.c;
  if (n > 0) avgPoolGradKernel<<<gridFor(n), kThreads, 0, s>>>(g, dy, dx);
}

}  // namespace vs

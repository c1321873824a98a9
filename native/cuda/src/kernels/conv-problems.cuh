// Conv2D and its two backprops as tiled-GEMM problems: the operands are gathered from the 4-D
// tensors as they are loaded into shared memory (no im2col buffer). Shared by the device
// kernels (conv.cu) and the host emulation test.
#pragma once

#include <cstdint>

#include "launch.h"

namespace vs {

struct ConvLayout {
  ConvGeometry g;
  __device__ int64_t xIndex(int64_t n, int64_t h, int64_t w, int64_t c) const {
    return g.nchw ? ((n * g.c + c) * g.h + h) * g.w + w : ((n * g.h + h) * g.w + w) * g.c + c;
  }
  __device__ int64_t yIndex(int64_t n, int64_t h, int64_t w, int64_t c) const {
    return g.nchw ? ((n * g.oc + c) * g.oh + h) * g.ow + w : ((n * g.oh + h) * g.ow + w) * g.oc + c;
  }
};

/** y[n, oh, ow, oc] = Σ_{kh, kw, ic} x[n, oh·s - p + kh·d, …, ic] · f[kh, kw, ic, oc]. M = N·OH·OW, K = KH·KW·C. */
struct ConvForwardProblem : ConvLayout {
  using Element = float;
  const float* x;
  const float* f;
  float* y;
  int64_t m, n, k;
  __host__ __device__ int64_t batchCount() const { return 1; }
  __device__ void selectBatch(int64_t) {}
  __device__ bool aFastAlongK() const { return !g.nchw; }
  __device__ bool bFastAlongN() const { return true; }
  __device__ float a(int64_t row, int64_t col) const {
    const int64_t ow = row % g.ow, t = row / g.ow, oh = t % g.oh, img = t / g.oh;
    const int64_t ic = col % g.c, u = col / g.c, kw = u % g.kw, kh = u / g.kw;
    const int64_t ih = oh * g.strideH - g.padTop + kh * g.dilationH;
    const int64_t iw = ow * g.strideW - g.padLeft + kw * g.dilationW;
    return (ih >= 0 && ih < g.h && iw >= 0 && iw < g.w) ? x[xIndex(img, ih, iw, ic)] : 0.f;
  }
  __device__ float b(int64_t row, int64_t col) const { return f[row * g.oc + col]; }
  __device__ void store(int64_t row, int64_t col, float v) const {
    const int64_t ow = row % g.ow, t = row / g.ow, oh = t % g.oh, img = t / g.oh;
    y[yIndex(img, oh, ow, col)] = v;
  }
};

/** dx[n, h, w, ic] = Σ_{kh, kw, oc} dy[n, (h + p - kh·d)/s, …, oc] · f[kh, kw, ic, oc]. M = N·H·W, K = KH·KW·OC. */
struct ConvBackpropInputProblem : ConvLayout {
  using Element = float;
  float* dx;
  const float* f;
  const float* dy;
  int64_t m, n, k;
  __host__ __device__ int64_t batchCount() const { return 1; }
  __device__ void selectBatch(int64_t) {}
  __device__ bool aFastAlongK() const { return !g.nchw; }
  __device__ bool bFastAlongN() const { return false; }
  __device__ float a(int64_t row, int64_t col) const {
    const int64_t w = row % g.w, t = row / g.w, h = t % g.h, img = t / g.h;
    const int64_t oc = col % g.oc, u = col / g.oc, kw = u % g.kw, kh = u / g.kw;
    const int64_t th = h + g.padTop - kh * g.dilationH;
    const int64_t tw = w + g.padLeft - kw * g.dilationW;
    if (th < 0 || tw < 0 || th % g.strideH != 0 || tw % g.strideW != 0) return 0.f;
    const int64_t oh = th / g.strideH, ow = tw / g.strideW;
    return (oh < g.oh && ow < g.ow) ? dy[yIndex(img, oh, ow, oc)] : 0.f;
  }
  __device__ float b(int64_t row, int64_t col) const {
    const int64_t oc = row % g.oc, u = row / g.oc;  // u = kh·KW + kw
    return f[(u * g.c + col) * g.oc + oc];
  }
  __device__ void store(int64_t row, int64_t col, float v) const {
    const int64_t w = row % g.w, t = row / g.w, h = t % g.h, img = t / g.h;
    dx[xIndex(img, h, w, col)] = v;
  }
};

/**
 * df[kh, kw, ic, oc] = Σ_{n, oh, ow} x[n, oh·s - p + kh·d, …, ic] · dy[n, oh, ow, oc].
 * M = KH·KW·C, N = OC, K = OH·OW per image; images are GEMM batches accumulated atomically
 * into df (zeroed first), which keeps enough blocks busy when M and N are small.
 */
struct ConvBackpropFilterProblem : ConvLayout {
  using Element = float;
  const float* x;
  float* df;
  const float* dy;
  int64_t m, n, k;
  int64_t image;
  __host__ __device__ int64_t batchCount() const { return g.n; }
  __device__ void selectBatch(int64_t index) { image = index; }
  __device__ bool aFastAlongK() const { return g.nchw; }
  __device__ bool bFastAlongN() const { return !g.nchw; }
  __device__ float a(int64_t row, int64_t col) const {
    const int64_t ic = row % g.c, u = row / g.c, kw = u % g.kw, kh = u / g.kw;
    const int64_t ow = col % g.ow, oh = col / g.ow;
    const int64_t ih = oh * g.strideH - g.padTop + kh * g.dilationH;
    const int64_t iw = ow * g.strideW - g.padLeft + kw * g.dilationW;
    return (ih >= 0 && ih < g.h && iw >= 0 && iw < g.w) ? x[xIndex(image, ih, iw, ic)] : 0.f;
  }
  __device__ float b(int64_t row, int64_t col) const {
    const int64_t ow = row % g.ow, oh = row / g.ow;
    return dy[yIndex(image, oh, ow, col)];
  }
  __device__ void store(int64_t row, int64_t col, float v) const { atomicAdd(&df[row * g.oc + col], v); }
};

}  // namespace vs

// Softmax, LogSoftmax and the two softmax cross-entropy losses, one block per row.
#include <cmath>

#include "device-common.cuh"

namespace vs {
namespace {

constexpr int kRowThreads = 256;

template <bool IsMax>
__device__ float blockAllReduce(float v, float* shared) {
  for (int offset = 16; offset > 0; offset >>= 1) {
    const float o = __shfl_xor_sync(0xffffffffu, v, offset);
    v = IsMax ? fmaxf(v, o) : v + o;
  }
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  __syncthreads();  // shared may still be read from a previous call
  if (lane == 0) shared[warp] = v;
  __syncthreads();
  const int warps = blockDim.x / 32;
  v = lane < warps ? shared[lane] : (IsMax ? -INFINITY : 0.f);
  for (int offset = 16; offset > 0; offset >>= 1) {
    const float o = __shfl_xor_sync(0xffffffffu, v, offset);
    v = IsMax ? fmaxf(v, o) : v + o;
  }
  return v;
}

/** max and log Σ exp(x - max) of one row. */
__device__ void rowLogSumExp(const float* row, int64_t cols, float* shared, float& max, float& logSum) {
  float m = -INFINITY;
  for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) m = fmaxf(m, row[c]);
  max = blockAllReduce<true>(m, shared);
  float sum = 0.f;
  for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) sum += expf(row[c] - max);
  logSum = logf(blockAllReduce<false>(sum, shared));
}

__global__ void softmaxKernel(const float* __restrict__ x, float* __restrict__ y, int64_t cols, bool log) {
  __shared__ float shared[32];
  const float* row = x + blockIdx.x * cols;
  float* out = y + blockIdx.x * cols;
  float max, logSum;
  rowLogSumExp(row, cols, shared, max, logSum);
  for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) {
    const float shifted = row[c] - max;
    out[c] = log ? shifted - logSum : expf(shifted - logSum);
  }
}

/** loss = Σ labels · (logΣexp - shifted); backprop = softmax - labels (TensorFlow's xent functor). */
__global__ void xentKernel(const float* __restrict__ logits, const float* __restrict__ labels, float* __restrict__ loss,
                           float* __restrict__ backprop, int64_t cols) {
  __shared__ float shared[32];
  const float* row = logits + blockIdx.x * cols;
  const float* lab = labels + blockIdx.x * cols;
  float* grad = backprop + blockIdx.x * cols;
  float max, logSum;
  rowLogSumExp(row, cols, shared, max, logSum);
  float partial = 0.f;
  for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) {
    const float shifted = row[c] - max;
    partial += lab[c] * (logSum - shifted);
    grad[c] = expf(shifted - logSum) - lab[c];
  }
  const float total = blockAllReduce<false>(partial, shared);
  if (threadIdx.x == 0) loss[blockIdx.x] = total;
}

template <typename L>
__global__ void sparseXentKernel(const float* __restrict__ logits, const L* __restrict__ labels,
                                 float* __restrict__ loss, float* __restrict__ backprop, int64_t cols) {
  __shared__ float shared[32];
  const float* row = logits + blockIdx.x * cols;
  float* grad = backprop + blockIdx.x * cols;
  const int64_t label = static_cast<int64_t>(labels[blockIdx.x]);
  if (label < 0 || label >= cols) {
    for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) grad[c] = NAN;
    if (threadIdx.x == 0) loss[blockIdx.x] = NAN;
    return;  // uniform across the block: no barrier is skipped by part of it
  }
  float max, logSum;
  rowLogSumExp(row, cols, shared, max, logSum);
  for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) {
    const float shifted = row[c] - max;
    grad[c] = expf(shifted - logSum) - (c == label ? 1.f : 0.f);
  }
  if (threadIdx.x == 0) loss[blockIdx.x] = logSum - (row[label] - max);
}

}  // namespace

void launchSoftmax(cudaStream_t s, bool log, const float* x, float* y, int64_t rows, int64_t cols) {
  if (rows == 0 || cols == 0) return;
  softmaxKernel<<<static_cast<unsigned>(rows), kRowThreads, 0, s>>>(x, y, cols, log);
}

void launchSoftmaxXent(cudaStream_t s, const float* logits, const float* labels, float* loss, float* backprop,
                       int64_t rows, int64_t cols) {
  if (rows == 0) return;
  if (cols == 0) { cudaMemsetAsync(loss, 0, static_cast<size_t>(rows) * sizeof(float), s); return; }
  xentKernel<<<static_cast<unsigned>(rows), kRowThreads, 0, s>>>(logits, labels, loss, backprop, cols);
}

void launchSparseSoftmaxXent(cudaStream_t s, int32_t labelType, const float* logits, const void* labels,
                             float* loss, float* backprop, int64_t rows, int64_t cols) {
  if (rows == 0) return;
  if (labelType == kInt64)
    sparseXentKernel<int64_t><<<static_cast<unsigned>(rows), kRowThreads, 0, s>>>(
        logits, static_cast<const int64_t*>(labels), loss, backprop, cols);
  else
    sparseXentKernel<int32_t><<<static_cast<unsigned>(rows), kRowThreads, 0, s>>>(
        logits, static_cast<const int32_t*>(labels), loss, backprop, cols);
}

}  // namespace vs

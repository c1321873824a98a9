// Data movement: strided copies (transpose, slice, tile, concat, pad, broadcast), gather, one-hot.
#include "device-common.cuh"

namespace vs {
namespace {

template <typename T>
__global__ void stridedCopyKernel(const T* __restrict__ in, T* __restrict__ out, int64_t n, StridedCopy c) {
  VS_GRID_STRIDE(i, n) {
    int64_t rest = i, src = c.inOffset, dst = c.outOffset;
    for (int d = c.rank - 1; d >= 0; --d) {
      const int64_t q = rest / c.dims[d];
      const int64_t r = rest - q * c.dims[d];
      src += r * c.inStrides[d];
      dst += r * c.outStrides[d];
      rest = q;
    }
    out[dst] = in[src];
  }
}

template <typename T, typename I>
__global__ void gatherKernel(const T* __restrict__ params, const I* __restrict__ indices, T* __restrict__ out,
                             int64_t batch, int64_t outer, int64_t axis, int64_t inner, int64_t nIndices) {
  const int64_t n = batch * outer * nIndices * inner;
  VS_GRID_STRIDE(i, n) {
    const int64_t e = i % inner;
    int64_t rest = i / inner;
    const int64_t j = rest % nIndices;
    rest /= nIndices;
    const int64_t o = rest % outer;
    const int64_t b = rest / outer;
    const int64_t index = static_cast<int64_t>(indices[b * nIndices + j]);
    out[i] = (index >= 0 && index < axis) ? params[((b * outer + o) * axis + index) * inner + e] : T(0);
  }
}

template <typename T, typename I>
__global__ void oneHotKernel(const I* __restrict__ indices, const T* __restrict__ on, const T* __restrict__ off,
                             T* __restrict__ out, int64_t outer, int64_t depth, int64_t inner) {
  const int64_t n = outer * depth * inner;
  const T onValue = *on, offValue = *off;
  VS_GRID_STRIDE(i, n) {
    const int64_t e = i % inner;
    const int64_t d = (i / inner) % depth;
    const int64_t o = i / (inner * depth);
    out[i] = static_cast<int64_t>(indices[o * inner + e]) == d ? onValue : offValue;
  }
}

template <typename T>
void gatherTyped(cudaStream_t s, int32_t indexType, const void* params, const void* indices, void* out,
                 int64_t batch, int64_t outer, int64_t axis, int64_t inner, int64_t nIndices) {
  const int64_t n = batch * outer * nIndices * inner;
  if (indexType == kInt64) {
    gatherKernel<T, int64_t><<<gridFor(n), kThreads, 0, s>>>(static_cast<const T*>(params),
        static_cast<const int64_t*>(indices), static_cast<T*>(out), batch, outer, axis, inner, nIndices);
  } else {
    gatherKernel<T, int32_t><<<gridFor(n), kThreads, 0, s>>>(static_cast<const T*>(params),
        static_cast<const int32_t*>(indices), static_cast<T*>(out), batch, outer, axis, inner, nIndices);
  }
}

template <typename T>
void oneHotTyped(cudaStream_t s, int32_t indexType, const void* indices, const void* on, const void* off, void* out,
                 int64_t outer, int64_t depth, int64_t inner) {
  const int64_t n = outer * depth * inner;
  const T* onp = static_cast<const T*>(on);
  const T* offp = static_cast<const T*>(off);
  if (indexType == kInt64) {
    oneHotKernel<T, int64_t><<<gridFor(n), kThreads, 0, s>>>(static_cast<const int64_t*>(indices), onp, offp,
                                                             static_cast<T*>(out), outer, depth, inner);
  } else {
    oneHotKernel<T, int32_t><<<gridFor(n), kThreads, 0, s>>>(static_cast<const int32_t*>(indices), onp, offp,
                                                             static_cast<T*>(out), outer, depth, inner);
  }
}

}  // namespace

void launchStridedCopy(cudaStream_t s, int elemBytes, const void* in, void* out, const StridedCopy& c) {
  int64_t n = 1;
  for (int d = 0; d < c.rank; ++d) n *= c.dims[d];
  if (n == 0) return;
  switch (elemBytes) {
    case 1: stridedCopyKernel<uint8_t><<<gridFor(n), kThreads, 0, s>>>(static_cast<const uint8_t*>(in), static_cast<uint8_t*>(out), n, c); break;
    case 2: stridedCopyKernel<uint16_t><<<gridFor(n), kThreads, 0, s>>>(static_cast<const uint16_t*>(in), static_cast<uint16_t*>(out), n, c); break;
    case 4: stridedCopyKernel<uint32_t><<<gridFor(n), kThreads, 0, s>>>(static_cast<const uint32_t*>(in), static_cast<uint32_t*>(out), n, c); break;
    case 8: stridedCopyKernel<uint64_t><<<gridFor(n), kThreads, 0, s>>>(static_cast<const uint64_t*>(in), static_cast<uint64_t*>(out), n, c); break;
    default: break;
  }
}

void launchGather(cudaStream_t s, int elemBytes, int32_t indexType, const void* params, const void* indices,
                  void* out, int64_t batch, int64_t outer, int64_t axis, int64_t inner, int64_t nIndices) {
  if (batch * outer * nIndices * inner == 0) return;
  switch (elemBytes) {
    case 1: return gatherTyped<uint8_t>(s, indexType, params, indices, out, batch, outer, axis, inner, nIndices);
    case 4: return gatherTyped<uint32_t>(s, indexType, params, indices, out, batch, outer, axis, inner, nIndices);
    case 8: return gatherTyped<uint64_t>(s, indexType, params, indices, out, batch, outer, axis, inner, nIndices);
    default: return;
  }
}

void launchOneHot(cudaStream_t s, int32_t dtype, int32_t indexType, const void* indices, const void* on,
                  const void* off, void* out, int64_t outer, int64_t depth, int64_t inner) {
  if (outer * depth * inner == 0) return;
  switch (dtype) {
    case kFloat32: return oneHotTyped<float>(s, indexType, indices, on, off, out, outer, depth, inner);
    case kInt32: return oneHotTyped<int32_t>(s, indexType, indices, on, off, out, outer, depth, inner);
    case kInt64: return oneHotTyped<int64_t>(s, indexType, indices, on, off, out, outer, depth, inner);
    case kBool: return oneHotTyped<uint8_t>(s, indexType, indices, on, off, out, outer, depth, inner);
    default: return;
  }
}

}  // namespace vs

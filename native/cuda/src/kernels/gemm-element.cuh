// What the tiled GEMM needs to know about its element type: how four neighbours are read from
// shared memory in one 16-byte load, and how a product is accumulated. float accumulates with
// fmaf (one rounding per step, as cuBLAS does); int32 wraps on overflow like TensorFlow's CPU
// kernel (Eigen's int32 contraction), computed in uint32 so the overflow is defined behaviour.
#pragma once

#include <cstdint>

namespace vs {

template <typename T>
struct GemmElement;

template <>
struct GemmElement<float> {
  using Vec4 = float4;
  static __device__ __forceinline__ float madd(float a, float b, float acc) { return fmaf(a, b, acc); }
};

template <>
struct GemmElement<int32_t> {
  using Vec4 = int4;
  static __device__ __forceinline__ int32_t madd(int32_t a, int32_t b, int32_t acc) {
    return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b) + static_cast<uint32_t>(acc));
  }
};

/** Four consecutive elements from 16-byte-aligned shared memory, in one vector load. */
template <typename T>
__device__ __forceinline__ void load4(const T* p, T* out) {
  const typename GemmElement<T>::Vec4 v = *reinterpret_cast<const typename GemmElement<T>::Vec4*>(p);
  out[0] = v.x; out[1] = v.y; out[2] = v.z; out[3] = v.w;
}

}  // namespace vs

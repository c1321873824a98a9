// Reductions over [outer, reduce, inner] views (the binding collapses arbitrary axis sets to
// this form, transposing first where the reduced axes are not contiguous), and ArgMax/ArgMin.
#include <cfloat>
#include <climits>

#include "device-common.cuh"

namespace vs {
namespace {

template <ReduceOp Op, typename T> struct Reducer;

template <typename T> struct Reducer<ReduceOp::Sum, T> {
  using Acc = T;
  __device__ static Acc init() { return Acc(0); }
  __device__ static Acc load(T v) { return v; }
  __device__ static Acc combine(Acc a, Acc b) { return a + b; }
  __device__ static T finish(Acc a, int64_t) { return a; }
};
template <typename T> struct Reducer<ReduceOp::Mean, T> : Reducer<ReduceOp::Sum, T> {
  // Integer means truncate, as TensorFlow's.
  __device__ static T finish(T a, int64_t count) { return count > 0 ? a / static_cast<T>(count) : T(0); }
};
template <> struct Reducer<ReduceOp::Mean, float> : Reducer<ReduceOp::Sum, float> {
  __device__ static float finish(float a, int64_t count) { return a / static_cast<float>(count); }
};
template <typename T> struct Reducer<ReduceOp::Prod, T> {
  using Acc = T;
  __device__ static Acc init() { return Acc(1); }
  __device__ static Acc load(T v) { return v; }
  __device__ static Acc combine(Acc a, Acc b) { return a * b; }
  __device__ static T finish(Acc a, int64_t) { return a; }
};
template <typename T> struct Limits;
template <> struct Limits<float> {
  __device__ static float lowest() { return -INFINITY; }
  __device__ static float highest() { return INFINITY; }
};
template <> struct Limits<int32_t> {
  __device__ static int32_t lowest() { return INT_MIN; }
  __device__ static int32_t highest() { return INT_MAX; }
};
template <typename T> struct Reducer<ReduceOp::Max, T> {
  using Acc = T;
  __device__ static Acc init() { return Limits<T>::lowest(); }
  __device__ static Acc load(T v) { return v; }
  __device__ static Acc combine(Acc a, Acc b) { return (a != a || a > b) ? a : b; }  // NaN propagates
  __device__ static T finish(Acc a, int64_t) { return a; }
};
template <typename T> struct Reducer<ReduceOp::Min, T> {
  using Acc = T;
  __device__ static Acc init() { return Limits<T>::highest(); }
  __device__ static Acc load(T v) { return v; }
  __device__ static Acc combine(Acc a, Acc b) { return (a != a || a < b) ? a : b; }
  __device__ static T finish(Acc a, int64_t) { return a; }
};
template <> struct Reducer<ReduceOp::All, uint8_t> {
  using Acc = uint32_t;
  __device__ static Acc init() { return 1u; }
  __device__ static Acc load(uint8_t v) { return v != 0; }
  __device__ static Acc combine(Acc a, Acc b) { return a & b; }
  __device__ static uint8_t finish(Acc a, int64_t) { return static_cast<uint8_t>(a); }
};
template <> struct Reducer<ReduceOp::Any, uint8_t> {
  using Acc = uint32_t;
  __device__ static Acc init() { return 0u; }
  __device__ static Acc load(uint8_t v) { return v != 0; }
  __device__ static Acc combine(Acc a, Acc b) { return a | b; }
  __device__ static uint8_t finish(Acc a, int64_t) { return static_cast<uint8_t>(a); }
};
template <> struct Reducer<ReduceOp::HalfSumSquares, float> {
  using Acc = float;
  __device__ static Acc init() { return 0.f; }
  __device__ static Acc load(float v) { return v * v; }
  __device__ static Acc combine(Acc a, Acc b) { return a + b; }
  __device__ static float finish(Acc a, int64_t) { return a * 0.5f; }
};

template <typename R, typename Acc>
__device__ Acc blockReduce(Acc v, Acc* shared) {
  for (int offset = 16; offset > 0; offset >>= 1) v = R::combine(v, __shfl_down_sync(0xffffffffu, v, offset));
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  if (lane == 0) shared[warp] = v;
  __syncthreads();
  const int warps = blockDim.x / 32;
  v = (threadIdx.x < warps) ? shared[threadIdx.x] : R::init();
  if (warp == 0)
    for (int offset = 16; offset > 0; offset >>= 1) v = R::combine(v, __shfl_down_sync(0xffffffffu, v, offset));
  return v;
}

/**
 * inner == 1: rows of `reduce` contiguous elements. Block (row, split) reduces a slice of its row;
 * with one split it writes the result, otherwise a partial for the second pass.
 */
template <ReduceOp Op, typename T>
__global__ void reduceRowsKernel(const T* __restrict__ x, T* __restrict__ y, typename Reducer<Op, T>::Acc* partial,
                                 int64_t rows, int64_t cols, int splits) {
  using R = Reducer<Op, T>;
  using Acc = typename R::Acc;
  __shared__ Acc shared[32];
  const int64_t row = blockIdx.x / splits;
  const int split = blockIdx.x % splits;
  const int64_t chunk = (cols + splits - 1) / splits;
  const int64_t begin = split * chunk;
  const int64_t end = begin + chunk < cols ? begin + chunk : cols;
  Acc acc = R::init();
  for (int64_t c = begin + threadIdx.x; c < end; c += blockDim.x) acc = R::combine(acc, R::load(x[row * cols + c]));
  acc = blockReduce<R>(acc, shared);
  if (threadIdx.x == 0) {
    if (splits == 1) y[row] = R::finish(acc, cols);
    else partial[row * splits + split] = acc;
  }
}

template <ReduceOp Op, typename T>
__global__ void combinePartialsKernel(const typename Reducer<Op, T>::Acc* __restrict__ partial, T* __restrict__ y,
                                      int64_t rows, int splits, int64_t cols) {
  using R = Reducer<Op, T>;
  using Acc = typename R::Acc;
  __shared__ Acc shared[32];
  const int64_t row = blockIdx.x;
  Acc acc = R::init();
  for (int i = threadIdx.x; i < splits; i += blockDim.x) acc = R::combine(acc, partial[row * splits + i]);
  acc = blockReduce<R>(acc, shared);
  if (threadIdx.x == 0) y[row] = R::finish(acc, cols);
}

/** inner > 1: one thread per (outer, inner) output walks the reduced axis; neighbours read neighbours. */
template <ReduceOp Op, typename T>
__global__ void reduceColumnsKernel(const T* __restrict__ x, T* __restrict__ y, int64_t outer, int64_t reduce,
                                    int64_t inner) {
  using R = Reducer<Op, T>;
  const int64_t total = outer * inner;
  VS_GRID_STRIDE(i, total) {
    const int64_t o = i / inner, e = i - o * inner;
    typename R::Acc acc = R::init();
    const T* base = x + o * reduce * inner + e;
    for (int64_t r = 0; r < reduce; ++r) acc = R::combine(acc, R::load(base[r * inner]));
    y[i] = R::finish(acc, reduce);
  }
}

constexpr int kRowThreads = 256;
constexpr int kMaxSplits = 1024;

/** Splits a few long rows across blocks so a full reduction still fills the GPU. */
int splitsFor(const ReduceShape& r) {
  if (r.inner != 1 || r.outer >= 1024 || r.reduce < 65536) return 1;
  int64_t splits = (r.reduce + 16 * kRowThreads - 1) / (16 * kRowThreads);
  const int64_t maxByRows = (4096 + r.outer - 1) / r.outer;
  if (splits > maxByRows) splits = maxByRows;
  if (splits > kMaxSplits) splits = kMaxSplits;
  return static_cast<int>(splits < 1 ? 1 : splits);
}

template <ReduceOp Op, typename T>
void runReduce(cudaStream_t s, const void* xv, void* yv, const ReduceShape& r, void* workspace) {
  using Acc = typename Reducer<Op, T>::Acc;
  const T* x = static_cast<const T*>(xv);
  T* y = static_cast<T*>(yv);
  const int64_t outputs = r.outer * r.inner;
  if (outputs == 0) return;
  if (r.inner == 1) {
    const int splits = splitsFor(r);
    Acc* partial = static_cast<Acc*>(workspace);
    reduceRowsKernel<Op, T><<<static_cast<unsigned>(r.outer * splits), kRowThreads, 0, s>>>(x, y, partial, r.outer,
                                                                                           r.reduce, splits);
    if (splits > 1)
      combinePartialsKernel<Op, T><<<static_cast<unsigned>(r.outer), kRowThreads, 0, s>>>(partial, y, r.outer, splits,
                                                                                         r.reduce);
  } else {
    reduceColumnsKernel<Op, T><<<gridFor(outputs), kThreads, 0, s>>>(x, y, r.outer, r.reduce, r.inner);
  }
}

template <typename T, typename O, bool IsMax>
__global__ void argReduceKernel(const T* __restrict__ x, O* __restrict__ y, int64_t outer, int64_t axis,
                                int64_t inner) {
  const int64_t total = outer * inner;
  VS_GRID_STRIDE(i, total) {
    const int64_t o = i / inner, e = i - o * inner;
    const T* base = x + o * axis * inner + e;
    T best = base[0];
    int64_t arg = 0;
    for (int64_t r = 1; r < axis; ++r) {
      const T v = base[r * inner];
      if (IsMax ? (v > best) : (v < best)) { best = v; arg = r; }
    }
    y[i] = static_cast<O>(arg);
  }
}

template <typename T, typename O>
void runArg(cudaStream_t s, bool isMax, const void* x, void* y, int64_t outer, int64_t axis, int64_t inner) {
  const int64_t n = outer * inner;
  if (isMax)
    argReduceKernel<T, O, true><<<gridFor(n), kThreads, 0, s>>>(static_cast<const T*>(x), static_cast<O*>(y), outer, axis, inner);
  else
    argReduceKernel<T, O, false><<<gridFor(n), kThreads, 0, s>>>(static_cast<const T*>(x), static_cast<O*>(y), outer, axis, inner);
}

}  // namespace

bool reduceSupports(ReduceOp op, int32_t dtype) {
  switch (op) {
    case ReduceOp::Sum: case ReduceOp::Mean: case ReduceOp::Prod: case ReduceOp::Max: case ReduceOp::Min:
      return dtype == kFloat32 || dtype == kInt32;
    case ReduceOp::All: case ReduceOp::Any: return dtype == kBool;
    case ReduceOp::HalfSumSquares: return dtype == kFloat32;
    default: return false;
  }
}

int64_t reduceWorkspaceBytes(const ReduceShape& r, int32_t) {
  const int splits = splitsFor(r);
  return splits > 1 ? r.outer * splits * 8 : 0;  // Acc is at most 8 bytes
}

void launchReduce(cudaStream_t s, ReduceOp op, int32_t dtype, const void* x, void* y, const ReduceShape& r,
                  void* workspace) {
#define VS_CASE(OP, T) case ReduceOp::OP: return runReduce<ReduceOp::OP, T>(s, x, y, r, workspace);
  if (dtype == kFloat32) {
    switch (op) {
      VS_CASE(Sum, float) VS_CASE(Mean, float) VS_CASE(Prod, float) VS_CASE(Max, float) VS_CASE(Min, float)
      VS_CASE(HalfSumSquares, float)
      default: return;
    }
  } else if (dtype == kInt32) {
    switch (op) {
      VS_CASE(Sum, int32_t) VS_CASE(Mean, int32_t) VS_CASE(Prod, int32_t) VS_CASE(Max, int32_t) VS_CASE(Min, int32_t)
      default: return;
    }
  } else if (dtype == kBool) {
    switch (op) {
      VS_CASE(All, uint8_t) VS_CASE(Any, uint8_t)
      default: return;
    }
  }
#undef VS_CASE
}

void launchArgReduce(cudaStream_t s, bool isMax, int32_t dtype, int32_t outType, const void* x, void* y,
                     int64_t outer, int64_t axis, int64_t inner) {
  if (outer * inner == 0) return;
  if (dtype == kFloat32) {
    if (outType == kInt64) runArg<float, int64_t>(s, isMax, x, y, outer, axis, inner);
    else runArg<float, int32_t>(s, isMax, x, y, outer, axis, inner);
  } else if (dtype == kInt32) {
    if (outType == kInt64) runArg<int32_t, int64_t>(s, isMax, x, y, outer, axis, inner);
    else runArg<int32_t, int32_t>(s, isMax, x, y, outer, axis, inner);
  }
}

}  // namespace vs

// Elementwise kernels: unary maps, broadcasting binary and ternary ops, casts.
#include <cmath>

#include "device-common.cuh"

namespace vs {
namespace {

// ---- unary ---------------------------------------------------------------------------------

template <UnaryOp Op, typename T>
__device__ __forceinline__ T unaryApply(T x, float alpha);

#define VS_UNARY_F(OP, EXPR) \
  template <> __device__ __forceinline__ float unaryApply<UnaryOp::OP, float>(float x, float alpha) { (void)alpha; return (EXPR); }
#define VS_UNARY_I(OP, EXPR) \
  template <> __device__ __forceinline__ int32_t unaryApply<UnaryOp::OP, int32_t>(int32_t x, float alpha) { (void)alpha; return (EXPR); }

VS_UNARY_F(Neg, -x)
VS_UNARY_F(Abs, fabsf(x))
VS_UNARY_F(Sign, isNan(x) ? x : static_cast<float>((x > 0.f) - (x < 0.f)))
VS_UNARY_F(Square, x * x)
VS_UNARY_F(Sqrt, sqrtf(x))
VS_UNARY_F(Rsqrt, rsqrtf(x))
VS_UNARY_F(Reciprocal, 1.f / x)
VS_UNARY_F(Exp, expf(x))
VS_UNARY_F(Log, logf(x))
VS_UNARY_F(Log1p, log1pf(x))
VS_UNARY_F(Sin, sinf(x))
VS_UNARY_F(Cos, cosf(x))
VS_UNARY_F(Floor, floorf(x))
VS_UNARY_F(Ceil, ceilf(x))
VS_UNARY_F(Round, rintf(x))  // round half to even, as TensorFlow's Round
VS_UNARY_F(Relu, x > 0.f ? x : (isNan(x) ? x : 0.f))
VS_UNARY_F(Relu6, isNan(x) ? x : fminf(fmaxf(x, 0.f), 6.f))
VS_UNARY_F(Sigmoid, 1.f / (1.f + expf(-x)))
VS_UNARY_F(Tanh, tanhf(x))
// ln(1 + eˣ) without overflow: x + ln(1 + e⁻ˣ) for x > 0.
VS_UNARY_F(Softplus, x > 0.f ? x + log1pf(expf(-x)) : log1pf(expf(x)))
VS_UNARY_F(Elu, x > 0.f ? x : expm1f(x))
VS_UNARY_F(LeakyRelu, x > 0.f ? x : alpha * x)
VS_UNARY_F(OnesLike, 1.f)

VS_UNARY_I(Neg, static_cast<int32_t>(0u - static_cast<uint32_t>(x)))
VS_UNARY_I(Abs, x < 0 ? static_cast<int32_t>(0u - static_cast<uint32_t>(x)) : x)
VS_UNARY_I(Sign, (x > 0) - (x < 0))
VS_UNARY_I(Square, static_cast<int32_t>(static_cast<uint32_t>(x) * static_cast<uint32_t>(x)))
VS_UNARY_I(Round, x)
VS_UNARY_I(Relu, x > 0 ? x : 0)
VS_UNARY_I(OnesLike, 1)

template <> __device__ __forceinline__ uint8_t unaryApply<UnaryOp::LogicalNot, uint8_t>(uint8_t x, float) { return x ? 0 : 1; }
template <> __device__ __forceinline__ uint8_t unaryApply<UnaryOp::OnesLike, uint8_t>(uint8_t, float) { return 1; }

template <UnaryOp Op, typename T>
__global__ void unaryKernel(const T* __restrict__ x, T* __restrict__ y, int64_t n, float alpha) {
  VS_GRID_STRIDE(i, n) y[i] = unaryApply<Op, T>(x[i], alpha);
}

template <UnaryOp Op, typename T>
void runUnary(cudaStream_t s, const void* x, void* y, int64_t n, float alpha) {
  unaryKernel<Op, T><<<gridFor(n), kThreads, 0, s>>>(static_cast<const T*>(x), static_cast<T*>(y), n, alpha);
}

// ---- binary --------------------------------------------------------------------------------

template <BinaryOp Op, typename T> struct BinaryFn;

#define VS_BINARY(OP, T, R, EXPR) \
  template <> struct BinaryFn<BinaryOp::OP, T> { \
    using Out = R; \
    __device__ __forceinline__ static R apply(T x, T y, int32_t* err) { (void)err; return (EXPR); } \
  };

// float32
VS_BINARY(Add, float, float, x + y)
VS_BINARY(Sub, float, float, x - y)
VS_BINARY(Mul, float, float, x * y)
VS_BINARY(RealDiv, float, float, x / y)
VS_BINARY(Div, float, float, x / y)
VS_BINARY(FloorDiv, float, float, floorf(x / y))
// Python's `%`: the result takes the sign of the divisor.
VS_BINARY(FloorMod, float, float, ([&] { float r = fmodf(x, y); return (r != 0.f && ((r < 0.f) != (y < 0.f))) ? r + y : r; })())
VS_BINARY(TruncateMod, float, float, fmodf(x, y))
VS_BINARY(Pow, float, float, powf(x, y))
VS_BINARY(Maximum, float, float, (isNan(x) || x > y) ? x : y)
VS_BINARY(Minimum, float, float, (isNan(x) || x < y) ? x : y)
VS_BINARY(SquaredDifference, float, float, (x - y) * (x - y))
VS_BINARY(Equal, float, uint8_t, x == y)
VS_BINARY(NotEqual, float, uint8_t, x != y)
VS_BINARY(Less, float, uint8_t, x < y)
VS_BINARY(LessEqual, float, uint8_t, x <= y)
VS_BINARY(Greater, float, uint8_t, x > y)
VS_BINARY(GreaterEqual, float, uint8_t, x >= y)
// Gradients: x = incoming gradient (or y for Sigmoid/TanhGrad), y = forward value, as in the schema.
VS_BINARY(ReluGrad, float, float, y > 0.f ? x : 0.f)
VS_BINARY(Relu6Grad, float, float, (y > 0.f && y < 6.f) ? x : 0.f)
VS_BINARY(SoftplusGrad, float, float, x / (1.f + expf(-y)))
VS_BINARY(EluGrad, float, float, y < 0.f ? x * (y + 1.f) : x)
VS_BINARY(SigmoidGrad, float, float, y * x * (1.f - x))
VS_BINARY(TanhGrad, float, float, y * (1.f - x * x))

// int32: wrap-around arithmetic in uint32 (no signed-overflow UB); division by zero is an op error.
VS_BINARY(Add, int32_t, int32_t, static_cast<int32_t>(static_cast<uint32_t>(x) + static_cast<uint32_t>(y)))
VS_BINARY(Sub, int32_t, int32_t, static_cast<int32_t>(static_cast<uint32_t>(x) - static_cast<uint32_t>(y)))
VS_BINARY(Mul, int32_t, int32_t, static_cast<int32_t>(static_cast<uint32_t>(x) * static_cast<uint32_t>(y)))
VS_BINARY(Maximum, int32_t, int32_t, x > y ? x : y)
VS_BINARY(Minimum, int32_t, int32_t, x < y ? x : y)
VS_BINARY(SquaredDifference, int32_t, int32_t,
          static_cast<int32_t>((static_cast<uint32_t>(x) - static_cast<uint32_t>(y)) *
                               (static_cast<uint32_t>(x) - static_cast<uint32_t>(y))))
VS_BINARY(Equal, int32_t, uint8_t, x == y)
VS_BINARY(NotEqual, int32_t, uint8_t, x != y)
VS_BINARY(Less, int32_t, uint8_t, x < y)
VS_BINARY(LessEqual, int32_t, uint8_t, x <= y)
VS_BINARY(Greater, int32_t, uint8_t, x > y)
VS_BINARY(GreaterEqual, int32_t, uint8_t, x >= y)
VS_BINARY(ReluGrad, int32_t, int32_t, y > 0 ? x : 0)

__device__ __forceinline__ int32_t safeQuotient(int32_t x, int32_t y, int32_t* err) {
  if (y == 0) { raiseDeviceError(err, kIntegerDivisionByZero); return 0; }
  if (y == -1) return static_cast<int32_t>(0u - static_cast<uint32_t>(x));  // INT_MIN / -1 wraps
  return x / y;
}
template <> struct BinaryFn<BinaryOp::Div, int32_t> {
  using Out = int32_t;
  __device__ __forceinline__ static int32_t apply(int32_t x, int32_t y, int32_t* err) { return safeQuotient(x, y, err); }
};
template <> struct BinaryFn<BinaryOp::RealDiv, int32_t> : BinaryFn<BinaryOp::Div, int32_t> {};
template <> struct BinaryFn<BinaryOp::FloorDiv, int32_t> {
  using Out = int32_t;
  __device__ __forceinline__ static int32_t apply(int32_t x, int32_t y, int32_t* err) {
    const int32_t q = safeQuotient(x, y, err);
    return (y != 0 && y != -1 && (x % y != 0) && ((x < 0) != (y < 0))) ? q - 1 : q;
  }
};
template <> struct BinaryFn<BinaryOp::TruncateMod, int32_t> {
  using Out = int32_t;
  __device__ __forceinline__ static int32_t apply(int32_t x, int32_t y, int32_t* err) {
    if (y == 0) { raiseDeviceError(err, kIntegerDivisionByZero); return 0; }
    return y == -1 ? 0 : x % y;
  }
};
template <> struct BinaryFn<BinaryOp::FloorMod, int32_t> {
  using Out = int32_t;
  __device__ __forceinline__ static int32_t apply(int32_t x, int32_t y, int32_t* err) {
    const int32_t r = BinaryFn<BinaryOp::TruncateMod, int32_t>::apply(x, y, err);
    return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r;
  }
};
template <> struct BinaryFn<BinaryOp::Pow, int32_t> {
  using Out = int32_t;
  // Exponentiation by squaring in uint32 (wraps like TensorFlow's Eigen integer pow). Negative
  // exponents are an op error, as in TensorFlow.
  __device__ __forceinline__ static int32_t apply(int32_t x, int32_t y, int32_t* err) {
    if (y < 0) { raiseDeviceError(err, kIntegerNegativePower); return 0; }
    uint32_t base = static_cast<uint32_t>(x), result = 1u;
    for (uint32_t e = static_cast<uint32_t>(y); e != 0; e >>= 1) {
      if (e & 1u) result *= base;
      base *= base;
    }
    return static_cast<int32_t>(result);
  }
};

// bool
VS_BINARY(LogicalAnd, uint8_t, uint8_t, (x && y) ? 1 : 0)
VS_BINARY(LogicalOr, uint8_t, uint8_t, (x || y) ? 1 : 0)
VS_BINARY(Equal, uint8_t, uint8_t, (x != 0) == (y != 0))
VS_BINARY(NotEqual, uint8_t, uint8_t, (x != 0) != (y != 0))

// No __restrict__: AssignAdd/AssignSub and AddN run these in place (z aliases x).
template <BinaryOp Op, typename T>
__global__ void binaryContiguous(const T* x, const T* y,
                                 typename BinaryFn<Op, T>::Out* z, int64_t n, int32_t* err) {
  VS_GRID_STRIDE(i, n) z[i] = BinaryFn<Op, T>::apply(x[i], y[i], err);
}

template <BinaryOp Op, typename T>
__global__ void binaryScalarRight(const T* x, const T* y,
                                  typename BinaryFn<Op, T>::Out* z, int64_t n, int32_t* err) {
  const T b = *y;
  VS_GRID_STRIDE(i, n) z[i] = BinaryFn<Op, T>::apply(x[i], b, err);
}

template <BinaryOp Op, typename T>
__global__ void binaryBroadcast(const T* x, const T* y,
                                typename BinaryFn<Op, T>::Out* z, int64_t n, BroadcastIndex idx,
                                int32_t* err) {
  VS_GRID_STRIDE(i, n) {
    int64_t off[2];
    broadcastOffsets<2>(idx, i, off);
    z[i] = BinaryFn<Op, T>::apply(x[off[0]], y[off[1]], err);
  }
}

bool isContiguous(const BroadcastIndex& idx, int operand) {
  int64_t expect = 1;
  for (int d = idx.rank - 1; d >= 0; --d) {
    if (idx.dims[d] != 1 && idx.strides[operand][d] != expect) return false;
    expect *= idx.dims[d];
  }
  return true;
}
bool isScalar(const BroadcastIndex& idx, int operand) {
  for (int d = 0; d < idx.rank; ++d) if (idx.dims[d] != 1 && idx.strides[operand][d] != 0) return false;
  return true;
}

template <BinaryOp Op, typename T>
void runBinary(cudaStream_t s, const void* xv, const void* yv, void* zv, int64_t n, const BroadcastIndex& idx,
               int32_t* err) {
  using Out = typename BinaryFn<Op, T>::Out;
  const T* x = static_cast<const T*>(xv);
  const T* y = static_cast<const T*>(yv);
  Out* z = static_cast<Out*>(zv);
  if (isContiguous(idx, 0) && isContiguous(idx, 1)) {
    binaryContiguous<Op, T><<<gridFor(n), kThreads, 0, s>>>(x, y, z, n, err);
  } else if (isContiguous(idx, 0) && isScalar(idx, 1)) {
    binaryScalarRight<Op, T><<<gridFor(n), kThreads, 0, s>>>(x, y, z, n, err);
  } else {
    binaryBroadcast<Op, T><<<gridFor(n), kThreads, 0, s>>>(x, y, z, n, idx, err);
  }
}

// ---- ternary -------------------------------------------------------------------------------

template <typename T>
__global__ void selectKernel(const uint8_t* __restrict__ c, const T* __restrict__ t, const T* __restrict__ e,
                             T* __restrict__ out, int64_t n, BroadcastIndex idx) {
  VS_GRID_STRIDE(i, n) {
    int64_t off[3];
    broadcastOffsets<3>(idx, i, off);
    out[i] = c[off[0]] ? t[off[1]] : e[off[2]];
  }
}

template <typename T>
__global__ void clipKernel(const T* __restrict__ t, const T* __restrict__ lo, const T* __restrict__ hi,
                           T* __restrict__ out, int64_t n, BroadcastIndex idx) {
  VS_GRID_STRIDE(i, n) {
    int64_t off[3];
    broadcastOffsets<3>(idx, i, off);
    const T v = t[off[0]], a = lo[off[1]], b = hi[off[2]];
    out[i] = v < a ? a : (b < v ? b : v);
  }
}

template <typename T>
void runTernary(cudaStream_t s, TernaryOp op, const void* a, const void* b, const void* c, void* out, int64_t n,
                const BroadcastIndex& idx) {
  if (op == TernaryOp::Select) {
    selectKernel<T><<<gridFor(n), kThreads, 0, s>>>(static_cast<const uint8_t*>(a), static_cast<const T*>(b),
                                                    static_cast<const T*>(c), static_cast<T*>(out), n, idx);
  } else {
    clipKernel<T><<<gridFor(n), kThreads, 0, s>>>(static_cast<const T*>(a), static_cast<const T*>(b),
                                                  static_cast<const T*>(c), static_cast<T*>(out), n, idx);
  }
}

// ---- cast ----------------------------------------------------------------------------------

template <typename S, typename D>
__device__ __forceinline__ D castValue(S v) { return static_cast<D>(v); }
// float → int truncates toward zero; NaN and out-of-range values saturate (the GPU's cvt.rzi.sat).
template <> __device__ __forceinline__ int32_t castValue<float, int32_t>(float v) { return __float2int_rz(v); }
template <> __device__ __forceinline__ int64_t castValue<float, int64_t>(float v) { return __float2ll_rz(v); }
template <> __device__ __forceinline__ uint8_t castValue<float, uint8_t>(float v) { return v != 0.f; }
template <> __device__ __forceinline__ uint8_t castValue<int32_t, uint8_t>(int32_t v) { return v != 0; }
template <> __device__ __forceinline__ uint8_t castValue<int64_t, uint8_t>(int64_t v) { return v != 0; }
template <> __device__ __forceinline__ uint8_t castValue<uint8_t, uint8_t>(uint8_t v) { return v != 0; }

template <typename S, typename D>
__global__ void castKernel(const S* __restrict__ x, D* __restrict__ y, int64_t n) {
  VS_GRID_STRIDE(i, n) y[i] = castValue<S, D>(x[i]);
}

template <typename S>
void castFrom(cudaStream_t s, int32_t dst, const void* x, void* y, int64_t n) {
  const S* src = static_cast<const S*>(x);
  switch (dst) {
    case kFloat32: castKernel<S, float><<<gridFor(n), kThreads, 0, s>>>(src, static_cast<float*>(y), n); break;
    case kInt32: castKernel<S, int32_t><<<gridFor(n), kThreads, 0, s>>>(src, static_cast<int32_t*>(y), n); break;
    case kInt64: castKernel<S, int64_t><<<gridFor(n), kThreads, 0, s>>>(src, static_cast<int64_t*>(y), n); break;
    case kBool: castKernel<S, uint8_t><<<gridFor(n), kThreads, 0, s>>>(src, static_cast<uint8_t*>(y), n); break;
    default: break;
  }
}

}  // namespace

bool unarySupports(UnaryOp op, int32_t dtype) {
  switch (dtype) {
    case kFloat32: return op != UnaryOp::LogicalNot;
    case kInt32:
      return op == UnaryOp::Neg || op == UnaryOp::Abs || op == UnaryOp::Sign || op == UnaryOp::Square ||
             op == UnaryOp::Round || op == UnaryOp::Relu || op == UnaryOp::OnesLike;
    case kBool: return op == UnaryOp::LogicalNot || op == UnaryOp::OnesLike;
    default: return false;
  }
}

bool binarySupports(BinaryOp op, int32_t dtype) {
  const int k = static_cast<int>(op);
  switch (dtype) {
    case kFloat32: return op != BinaryOp::LogicalAnd && op != BinaryOp::LogicalOr;
    case kInt32:
      return k <= static_cast<int>(BinaryOp::GreaterEqual) || op == BinaryOp::ReluGrad;
    case kBool:
      return op == BinaryOp::LogicalAnd || op == BinaryOp::LogicalOr || op == BinaryOp::Equal ||
             op == BinaryOp::NotEqual;
    default: return false;
  }
}

int32_t binaryResultType(BinaryOp op, int32_t dtype) {
  const int k = static_cast<int>(op);
  if (k >= static_cast<int>(BinaryOp::Equal) && k <= static_cast<int>(BinaryOp::LogicalOr)) return kBool;
  return dtype;
}

void launchUnary(cudaStream_t s, UnaryOp op, int32_t dtype, const void* x, void* y, int64_t n, float alpha) {
  if (n == 0) return;
#define VS_CASE_F(OP) case UnaryOp::OP: return runUnary<UnaryOp::OP, float>(s, x, y, n, alpha);
#define VS_CASE_I(OP) case UnaryOp::OP: return runUnary<UnaryOp::OP, int32_t>(s, x, y, n, alpha);
  if (dtype == kFloat32) {
    switch (op) {
      VS_CASE_F(Neg) VS_CASE_F(Abs) VS_CASE_F(Sign) VS_CASE_F(Square) VS_CASE_F(Sqrt) VS_CASE_F(Rsqrt)
      VS_CASE_F(Reciprocal) VS_CASE_F(Exp) VS_CASE_F(Log) VS_CASE_F(Log1p) VS_CASE_F(Sin) VS_CASE_F(Cos)
      VS_CASE_F(Floor) VS_CASE_F(Ceil) VS_CASE_F(Round) VS_CASE_F(Relu) VS_CASE_F(Relu6) VS_CASE_F(Sigmoid)
      VS_CASE_F(Tanh) VS_CASE_F(Softplus) VS_CASE_F(Elu) VS_CASE_F(LeakyRelu) VS_CASE_F(OnesLike)
      default: return;
    }
  } else if (dtype == kInt32) {
    switch (op) {
      VS_CASE_I(Neg) VS_CASE_I(Abs) VS_CASE_I(Sign) VS_CASE_I(Square) VS_CASE_I(Round)
      VS_CASE_I(Relu) VS_CASE_I(OnesLike)
      default: return;
    }
  } else if (dtype == kBool) {
    if (op == UnaryOp::LogicalNot) return runUnary<UnaryOp::LogicalNot, uint8_t>(s, x, y, n, alpha);
    if (op == UnaryOp::OnesLike) return runUnary<UnaryOp::OnesLike, uint8_t>(s, x, y, n, alpha);
  }
#undef VS_CASE_F
#undef VS_CASE_I
}

void launchBinary(cudaStream_t s, BinaryOp op, int32_t dtype, const void* x, const void* y, void* z, int64_t n,
                  const BroadcastIndex& idx, int32_t* err) {
  if (n == 0) return;
#define VS_CASE(OP, T) case BinaryOp::OP: return runBinary<BinaryOp::OP, T>(s, x, y, z, n, idx, err);
  if (dtype == kFloat32) {
    switch (op) {
      VS_CASE(Add, float) VS_CASE(Sub, float) VS_CASE(Mul, float) VS_CASE(RealDiv, float) VS_CASE(Div, float)
      VS_CASE(FloorDiv, float) VS_CASE(FloorMod, float) VS_CASE(TruncateMod, float) VS_CASE(Pow, float)
      VS_CASE(Maximum, float) VS_CASE(Minimum, float) VS_CASE(SquaredDifference, float) VS_CASE(Equal, float)
      VS_CASE(NotEqual, float) VS_CASE(Less, float) VS_CASE(LessEqual, float) VS_CASE(Greater, float)
      VS_CASE(GreaterEqual, float) VS_CASE(ReluGrad, float) VS_CASE(Relu6Grad, float)
      VS_CASE(SoftplusGrad, float) VS_CASE(EluGrad, float) VS_CASE(SigmoidGrad, float) VS_CASE(TanhGrad, float)
      default: return;
    }
  } else if (dtype == kInt32) {
    switch (op) {
      VS_CASE(Add, int32_t) VS_CASE(Sub, int32_t) VS_CASE(Mul, int32_t) VS_CASE(RealDiv, int32_t)
      VS_CASE(Div, int32_t) VS_CASE(FloorDiv, int32_t) VS_CASE(FloorMod, int32_t) VS_CASE(TruncateMod, int32_t)
      VS_CASE(Pow, int32_t) VS_CASE(Maximum, int32_t) VS_CASE(Minimum, int32_t)
      VS_CASE(SquaredDifference, int32_t) VS_CASE(Equal, int32_t) VS_CASE(NotEqual, int32_t)
      VS_CASE(Less, int32_t) VS_CASE(LessEqual, int32_t) VS_CASE(Greater, int32_t)
      VS_CASE(GreaterEqual, int32_t) VS_CASE(ReluGrad, int32_t)
      default: return;
    }
  } else if (dtype == kBool) {
    switch (op) {
      VS_CASE(LogicalAnd, uint8_t) VS_CASE(LogicalOr, uint8_t) VS_CASE(Equal, uint8_t) VS_CASE(NotEqual, uint8_t)
      default: return;
    }
  }
#undef VS_CASE
}

void launchTernary(cudaStream_t s, TernaryOp op, int32_t dtype, const void* a, const void* b, const void* c,
                   void* out, int64_t n, const BroadcastIndex& idx) {
  if (n == 0) return;
  switch (dtype) {
    case kFloat32: return runTernary<float>(s, op, a, b, c, out, n, idx);
    case kInt32: return runTernary<int32_t>(s, op, a, b, c, out, n, idx);
    case kInt64: return runTernary<int64_t>(s, op, a, b, c, out, n, idx);
    case kBool: return runTernary<uint8_t>(s, op, a, b, c, out, n, idx);
    default: return;
  }
}

void launchCast(cudaStream_t s, int32_t src, int32_t dst, const void* x, void* y, int64_t n) {
  if (n == 0) return;
  switch (src) {
    case kFloat32: return castFrom<float>(s, dst, x, y, n);
    case kInt32: return castFrom<int32_t>(s, dst, x, y, n);
    case kInt64: return castFrom<int64_t>(s, dst, x, y, n);
    case kBool: return castFrom<uint8_t>(s, dst, x, y, n);
    default: return;
  }
}

}  // namespace vs

// Host-callable launchers for every kernel. This header is plain C++ (no CUDA syntax) so the
// N-API side, compiled by the host compiler, can include it. Launchers only enqueue work on
// `stream`; every argument has already been validated by the binding layer (validate.h), so
// launchers assume in-bounds shapes and never check them again.
#pragma once

#include <cstdint>
#include <cuda_runtime_api.h>

namespace vs {

/** Tensor rank limit for kernels that index by dimension (TensorFlow GPU kernels use 8 too). */
constexpr int kMaxRank = 8;
/** Strided copies may need twice the rank: Tile views [d] as [multiple, d]. */
constexpr int kMaxCopyRank = 16;

/** TensorFlow DataType numbers of the dtypes this backend stores (types.proto). */
enum DTypeCode : int32_t { kFloat32 = 1, kInt32 = 3, kInt64 = 9, kBool = 10 };

/** Asynchronous kernel failures, reported through the context's error word at the next sync. */
enum DeviceErrorCode : int32_t {
  kNoDeviceError = 0,
  kIntegerDivisionByZero = 1,
  kRandomIntEmptyRange = 2,
  kIntegerNegativePower = 3,
};

/** Row-major index space with per-operand element strides (0 = broadcast along that dim). */
struct BroadcastIndex {
  int rank;
  int64_t dims[kMaxRank];
  int64_t strides[3][kMaxRank];  // operand 0, 1, 2
};

enum class UnaryOp : int32_t {
  Neg, Abs, Sign, Square, Sqrt, Rsqrt, Reciprocal, Exp, Log, Log1p, Sin, Cos, Floor, Ceil, Round,
  Relu, Relu6, Sigmoid, Tanh, Softplus, Elu, LeakyRelu, OnesLike, LogicalNot, Count
};

enum class BinaryOp : int32_t {
  Add, Sub, Mul, RealDiv, Div, FloorDiv, FloorMod, TruncateMod, Pow, Maximum, Minimum, SquaredDifference,
  Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, LogicalAnd, LogicalOr,
  ReluGrad, Relu6Grad, SoftplusGrad, EluGrad, SigmoidGrad, TanhGrad, Count
};

enum class TernaryOp : int32_t { Select, ClipByValue, Count };

enum class ReduceOp : int32_t { Sum, Mean, Prod, Max, Min, All, Any, HalfSumSquares, Count };

enum class OptimizerOp : int32_t {
  GradientDescent, Momentum, Adam, RMSProp, CenteredRMSProp, Adagrad, Count
};

enum class RandomOp : int32_t { Uniform, StandardNormal, TruncatedNormal, UniformInt, Count };

/** Whether a unary/binary op is defined for a storage dtype (float32, int32, bool). */
bool unarySupports(UnaryOp op, int32_t dtype);
bool binarySupports(BinaryOp op, int32_t dtype);
/** Output dtype of a binary op on `dtype` inputs (comparisons give bool). */
int32_t binaryResultType(BinaryOp op, int32_t dtype);
bool reduceSupports(ReduceOp op, int32_t dtype);

// ---- elementwise (elementwise.cu) -------------------------------------------------------
void launchUnary(cudaStream_t s, UnaryOp op, int32_t dtype, const void* x, void* y, int64_t n, float alpha);
/** `idx.strides[0]` / `[1]` index x and y; the output is contiguous over `idx.dims`. */
void launchBinary(cudaStream_t s, BinaryOp op, int32_t dtype, const void* x, const void* y, void* z,
                  int64_t n, const BroadcastIndex& idx, int32_t* errorWord);
/** Select: a = condition (bool), b = t, c = e.  ClipByValue: a = t, b = min, c = max. */
void launchTernary(cudaStream_t s, TernaryOp op, int32_t dtype, const void* a, const void* b, const void* c,
                   void* out, int64_t n, const BroadcastIndex& idx);
void launchCast(cudaStream_t s, int32_t srcType, int32_t dstType, const void* x, void* y, int64_t n);

// ---- data movement (copy.cu) --------------------------------------------------------------
struct StridedCopy {
  int rank;
  int64_t dims[kMaxCopyRank];
  int64_t outStrides[kMaxCopyRank];
  int64_t inStrides[kMaxCopyRank];
  int64_t outOffset;
  int64_t inOffset;
};
/** out[outOffset + Σ i_d·outStrides_d] = in[inOffset + Σ i_d·inStrides_d], elements of `elemBytes`. */
void launchStridedCopy(cudaStream_t s, int elemBytes, const void* in, void* out, const StridedCopy& c);
/** Gather over [batch, outer, axis, inner] params with [batch, nIndices] indices; out of range → 0 (TF GPU). */
void launchGather(cudaStream_t s, int elemBytes, int32_t indexType, const void* params, const void* indices,
                  void* out, int64_t batch, int64_t outer, int64_t axis, int64_t inner, int64_t nIndices);
/** One-hot over [outer, depth, inner]; on/off are device scalars. */
void launchOneHot(cudaStream_t s, int32_t dtype, int32_t indexType, const void* indices, const void* on,
                  const void* off, void* out, int64_t outer, int64_t depth, int64_t inner);

// ---- matrix products (gemm.cu) -----------------------------------------------------------
struct GemmBatch {
  int rank;                  // batch rank (0 for MatMul)
  int64_t dims[kMaxRank];
  int64_t aStrides[kMaxRank];
  int64_t bStrides[kMaxRank];
};
/**
 * C[b] (M×N, row-major) = op(A[b]) · op(B[b]); A is M×K (K×M if transA), B is K×N (N×K if transB).
 * dtype is kFloat32 or kInt32 (wrapping products and sums); allowTf32 applies to float32 only.
 */
void launchMatMul(cudaStream_t s, int32_t dtype, const void* a, const void* b, void* c, int64_t m, int64_t n,
                  int64_t k, bool transA, bool transB, int64_t batch, const GemmBatch& bi, bool allowTf32);

// ---- convolution (conv.cu) ---------------------------------------------------------------
enum class ConvPass : int32_t { Forward, BackpropInput, BackpropFilter };
struct ConvGeometry {
  int64_t n, h, w, c;          // input
  int64_t kh, kw, oc;          // filter [kh, kw, c, oc]
  int64_t oh, ow;              // output
  int64_t strideH, strideW, dilationH, dilationW, padTop, padLeft;
  bool nchw;
};
/** x: input (or its gradient), f: filter (or its gradient), y: output (or out_backprop). */
void launchConv2D(cudaStream_t s, ConvPass pass, const ConvGeometry& g, float* x, float* f, float* y);

// ---- pooling (pool.cu) -------------------------------------------------------------------
struct PoolGeometry {
  int64_t n, h, w, c, oh, ow;
  int64_t windowH, windowW, strideH, strideW, padTop, padLeft;
  bool nchw;
};
void launchMaxPool(cudaStream_t s, const PoolGeometry& g, const float* x, float* y);
void launchAvgPool(cudaStream_t s, const PoolGeometry& g, const float* x, float* y);
/** dx = 0, then each output window's gradient goes to its first maximum (recomputed from x). */
void launchMaxPoolGrad(cudaStream_t s, const PoolGeometry& g, const float* x, const float* dy, float* dx);
void launchAvgPoolGrad(cudaStream_t s, const PoolGeometry& g, const float* dy, float* dx);

// ---- reductions (reduce.cu) --------------------------------------------------------------
/** Input viewed as [outer, reduce, inner] after axis collapsing; `workspace` holds `reduceWorkspaceBytes` bytes. */
struct ReduceShape { int64_t outer, reduce, inner; };
int64_t reduceWorkspaceBytes(const ReduceShape& r, int32_t dtype);
void launchReduce(cudaStream_t s, ReduceOp op, int32_t dtype, const void* x, void* y, const ReduceShape& r,
                  void* workspace);
/** ArgMax (isMax) / ArgMin along the middle axis of [outer, axis, inner]; first index on ties. */
void launchArgReduce(cudaStream_t s, bool isMax, int32_t dtype, int32_t outType, const void* x, void* y,
                     int64_t outer, int64_t axis, int64_t inner);

// ---- softmax and losses (softmax.cu) -----------------------------------------------------
void launchSoftmax(cudaStream_t s, bool log, const float* x, float* y, int64_t rows, int64_t cols);
void launchSoftmaxXent(cudaStream_t s, const float* logits, const float* labels, float* loss, float* backprop,
                       int64_t rows, int64_t cols);
/** Labels outside [0, cols) give NaN loss and backprop for that row, as TensorFlow's GPU kernel does. */
void launchSparseSoftmaxXent(cudaStream_t s, int32_t labelType, const float* logits, const void* labels,
                             float* loss, float* backprop, int64_t rows, int64_t cols);

// ---- random numbers (random.cu) ----------------------------------------------------------
struct PhiloxParams { uint32_t key[2]; uint32_t seed2[2]; uint64_t offset; };
/** For UniformInt, minval/maxval are device int32 scalars. */
void launchRandom(cudaStream_t s, RandomOp op, const PhiloxParams& p, void* out, int64_t n,
                  const int32_t* minval, const int32_t* maxval, int32_t* errorWord);

// ---- optimizers (optimizers.cu) ----------------------------------------------------------
/** refs: var then slots in schema order; scalars: device float32 scalars in schema order. */
void launchOptimizer(cudaStream_t s, OptimizerOp op, float* const* refs, const float* const* scalars,
                     const float* grad, int64_t n, bool flag);

/** Number of refs / device scalars each optimizer takes (grad counted separately). */
int optimizerRefCount(OptimizerOp op);
int optimizerScalarCount(OptimizerOp op);

}  // namespace vs

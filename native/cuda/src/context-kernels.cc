// The kernel bindings of Context. Each one reads and validates every argument (ArgReader,
// buffer ownership, dtypes, element counts against shapes, index extents), and only then, on a
// device context, enqueues its launcher. Dry-run contexts stop after validation.
#include <algorithm>
#include <cstring>

#include "broadcast.h"
#include "context.h"
#include "dtype-codes.h"
#include "kernels/launch.h"

namespace vs {

namespace {

constexpr int64_t kMaxGemmRows = 65535LL * 64;       // grid.y limit of the tiled GEMM
constexpr int64_t kMaxRowBlocks = 2147483647LL;      // grid.x limit of row kernels

bool isFloatOrInt(int32_t d) { return d == kFloat32 || d == kInt32; }

int64_t elemBytes(int32_t dtype) { return static_cast<int64_t>(dtypeSize(dtype)); }

}  // namespace

/** unary(op, x, y, alpha): y = f(x) elementwise; same dtype and element count. */
void Context::Unary(const Napi::CallbackInfo& info) {
  ArgReader a(info, "unary");
  requireOpen(a);
  const UnaryOp op = a.code<UnaryOp>(0, "op");
  DeviceBuffer* x = buffer(a, 1, "x");
  DeviceBuffer* y = buffer(a, 2, "y");
  const float alpha = a.number(3, "alpha");
  if (!unarySupports(op, x->dtype)) {
    a.typeError(1, "x", std::string("holds ") + dtypeName(x->dtype) + ", which unary op " +
                            std::to_string(static_cast<int>(op)) + " has no kernel for");
  }
  requireDType(a, 2, "y", y, x->dtype);
  requireElements(a, 2, "y", y, x->elements);
  if (state_->dryRun) return;
  launchUnary(state_->stream, op, x->dtype, x->data(), y->data(), x->elements, alpha);
  checkLaunch(a);
}

/** binary(op, x, xShape, y, yShape, z, zShape): z = f(x, y) with broadcasting. */
void Context::Binary(const Napi::CallbackInfo& info) {
  ArgReader a(info, "binary");
  requireOpen(a);
  const BinaryOp op = a.code<BinaryOp>(0, "op");
  DeviceBuffer* x = buffer(a, 1, "x");
  const Shape xs = a.shape(2, "xShape");
  DeviceBuffer* y = buffer(a, 3, "y");
  const Shape ys = a.shape(4, "yShape");
  DeviceBuffer* z = buffer(a, 5, "z");
  const Shape zs = a.shape(6, "zShape");
  if (!binarySupports(op, x->dtype)) {
    a.typeError(1, "x", std::string("holds ") + dtypeName(x->dtype) + ", which binary op " +
                            std::to_string(static_cast<int>(op)) + " has no kernel for");
  }
  requireDType(a, 3, "y", y, x->dtype);
  requireDType(a, 5, "z", z, binaryResultType(op, x->dtype));
  requireElements(a, 1, "x", x, xs.elements());
  requireElements(a, 3, "y", y, ys.elements());
  requireElements(a, 5, "z", z, zs.elements());
  const BroadcastIndex idx = makeBroadcastIndex(a, {&xs, &ys}, {"x", "y"}, zs);
  if (state_->dryRun) return;
  launchBinary(state_->stream, op, x->dtype, x->data(), y->data(), z->data(), zs.elements(), idx, state_->errorWordDevice);
  checkLaunch(a);
}

/** ternary(op, a, aShape, b, bShape, c, cShape, out, outShape): Select(cond, t, e) or ClipByValue(t, lo, hi). */
void Context::Ternary(const Napi::CallbackInfo& info) {
  ArgReader a(info, "ternary");
  requireOpen(a);
  const TernaryOp op = a.code<TernaryOp>(0, "op");
  DeviceBuffer* p = buffer(a, 1, "a");
  const Shape ps = a.shape(2, "aShape");
  DeviceBuffer* q = buffer(a, 3, "b");
  const Shape qs = a.shape(4, "bShape");
  DeviceBuffer* r = buffer(a, 5, "c");
  const Shape rs = a.shape(6, "cShape");
  DeviceBuffer* out = buffer(a, 7, "out");
  const Shape os = a.shape(8, "outShape");
  if (op == TernaryOp::Select) {
    requireDType(a, 1, "a", p, kBool);
  } else if (!isFloatOrInt(p->dtype)) {
    a.typeError(1, "a", "ClipByValue needs float32 or int32");
  }
  const int32_t valueType = op == TernaryOp::Select ? q->dtype : p->dtype;
  if (op == TernaryOp::ClipByValue) requireDType(a, 3, "b", q, valueType);
  requireDType(a, 5, "c", r, valueType);
  requireDType(a, 7, "out", out, valueType);
  requireElements(a, 1, "a", p, ps.elements());
  requireElements(a, 3, "b", q, qs.elements());
  requireElements(a, 5, "c", r, rs.elements());
  requireElements(a, 7, "out", out, os.elements());
  const BroadcastIndex idx = makeBroadcastIndex(a, {&ps, &qs, &rs}, {"a", "b", "c"}, os);
  if (state_->dryRun) return;
  launchTernary(state_->stream, op, valueType, p->data(), q->data(), r->data(), out->data(), os.elements(), idx);
  checkLaunch(a);
}

/** cast(x, y): converts between float32, int32, int64 and bool. */
void Context::Cast(const Napi::CallbackInfo& info) {
  ArgReader a(info, "cast");
  requireOpen(a);
  DeviceBuffer* x = buffer(a, 0, "x");
  DeviceBuffer* y = buffer(a, 1, "y");
  requireElements(a, 1, "y", y, x->elements);
  if (state_->dryRun) return;
  launchCast(state_->stream, x->dtype, y->dtype, x->data(), y->data(), x->elements);
  checkLaunch(a);
}

/**
 * stridedCopy(out, outOffset, outStrides, in, inOffset, inStrides, dims): the general data mover
 * (transpose, slice, strided slice, tile, concat, split, pad, broadcast, fill). Every offset the
 * walk can reach is proven to lie inside both buffers before launching.
 */
void Context::StridedCopy(const Napi::CallbackInfo& info) {
  ArgReader a(info, "stridedCopy");
  requireOpen(a);
  DeviceBuffer* out = buffer(a, 0, "out");
  const int64_t outOffset = a.integer(1, "outOffset", 0, kMaxSafeInteger);
  const std::vector<int64_t> outStrides = a.intList(2, "outStrides", 0, kMaxCopyRank, -kMaxSafeInteger, kMaxSafeInteger);
  DeviceBuffer* in = buffer(a, 3, "in");
  const int64_t inOffset = a.integer(4, "inOffset", 0, kMaxSafeInteger);
  const std::vector<int64_t> inStrides = a.intList(5, "inStrides", 0, kMaxCopyRank, -kMaxSafeInteger, kMaxSafeInteger);
  const Shape dims = a.shape(6, "dims", kMaxCopyRank);
  if (outStrides.size() != dims.dims.size()) a.rangeError(2, "outStrides", "must have one stride per dim");
  if (inStrides.size() != dims.dims.size()) a.rangeError(5, "inStrides", "must have one stride per dim");
  requireDType(a, 3, "in", in, out->dtype);
  const int64_t n = dims.elements();
  if (n == 0) return;
  __int128 lo, hi;
  stridedExtent(dims.dims, outStrides, outOffset, lo, hi);
  if (lo < 0 || hi >= out->elements) a.rangeError(2, "outStrides", "reach outside 'out' (" + std::to_string(out->elements) + " elements)");
  stridedExtent(dims.dims, inStrides, inOffset, lo, hi);
  if (lo < 0 || hi >= in->elements) a.rangeError(5, "inStrides", "reach outside 'in' (" + std::to_string(in->elements) + " elements)");
  if (state_->dryRun) return;
  vs::StridedCopy c{};
  c.rank = dims.rank();
  for (int d = 0; d < c.rank; ++d) {
    c.dims[d] = dims.dims[d];
    c.outStrides[d] = outStrides[d];
    c.inStrides[d] = inStrides[d];
  }
  c.outOffset = outOffset;
  c.inOffset = inOffset;
  launchStridedCopy(state_->stream, static_cast<int>(elemBytes(out->dtype)), in->data(), out->data(), c);
  checkLaunch(a);
}

/**
 * stridedSlice(x, xShape, begin, strides, y, sizes): StridedSlice after the host has resolved
 * TensorFlow's begin/end/strides and masks (ValidateStridedSliceOp) into, per input dimension,
 * the first index, the step and the element count. y holds the product of `sizes` elements
 * (its own shape drops shrunk axes and adds new ones, which does not change the order).
 * Every index the slice reads is proven inside x before launching the strided copy.
 */
void Context::StridedSlice(const Napi::CallbackInfo& info) {
  ArgReader a(info, "stridedSlice");
  requireOpen(a);
  DeviceBuffer* x = buffer(a, 0, "x");
  const Shape xs = a.shape(1, "xShape");
  const size_t rank = xs.dims.size();
  const std::vector<int64_t> begin = a.intList(2, "begin", rank, rank, 0, kMaxSafeInteger);
  const std::vector<int64_t> strides = a.intList(3, "strides", rank, rank, -kMaxSafeInteger, kMaxSafeInteger);
  DeviceBuffer* y = buffer(a, 4, "y");
  const Shape sizes = a.shape(5, "sizes");
  if (sizes.dims.size() != rank) {
    a.rangeError(5, "sizes", "must have one entry per input dimension (" + std::to_string(rank) + "), got " +
                                 std::to_string(sizes.dims.size()));
  }
  requireElements(a, 0, "x", x, xs.elements());
  requireDType(a, 4, "y", y, x->dtype);
  requireElements(a, 4, "y", y, sizes.elements());
  for (size_t d = 0; d < rank; ++d) {
    const std::string at = "[" + std::to_string(d) + "]";
    if (strides[d] == 0) a.rangeError(3, "strides", at + " must be non-zero");
    if (sizes.dims[d] == 0) continue;
    // First and last index read along d: begin and begin + (size - 1)·stride, both in [0, dim).
    const __int128 last = static_cast<__int128>(begin[d]) + static_cast<__int128>(sizes.dims[d] - 1) * strides[d];
    if (begin[d] >= xs.dims[d]) {
      a.rangeError(2, "begin", at + " = " + std::to_string(begin[d]) + " is outside dimension " + std::to_string(d) +
                                   " of size " + std::to_string(xs.dims[d]));
    }
    if (last < 0 || last >= xs.dims[d]) {
      a.rangeError(5, "sizes", at + " = " + std::to_string(sizes.dims[d]) + " steps of " + std::to_string(strides[d]) +
                                   " from " + std::to_string(begin[d]) + " leave dimension " + std::to_string(d) +
                                   " of size " + std::to_string(xs.dims[d]));
    }
  }
  const int64_t n = sizes.elements();
  if (n == 0 || state_->dryRun) return;
  vs::StridedCopy c{};
  c.rank = static_cast<int>(rank);
  int64_t inStride = 1, outStride = 1;
  c.inOffset = 0;
  c.outOffset = 0;
  for (int d = c.rank - 1; d >= 0; --d) {
    c.dims[d] = sizes.dims[d];
    c.inStrides[d] = strides[d] * inStride;
    c.outStrides[d] = outStride;
    c.inOffset += begin[d] * inStride;
    inStride *= xs.dims[d];
    outStride *= sizes.dims[d];
  }
  launchStridedCopy(state_->stream, static_cast<int>(elemBytes(x->dtype)), x->data(), y->data(), c);
  checkLaunch(a);
}

/** gather(params, indices, out, batch, outer, axis, inner): GatherV2 over [batch, outer, axis, inner]. */
void Context::Gather(const Napi::CallbackInfo& info) {
  ArgReader a(info, "gather");
  requireOpen(a);
  DeviceBuffer* params = buffer(a, 0, "params");
  DeviceBuffer* indices = buffer(a, 1, "indices");
  DeviceBuffer* out = buffer(a, 2, "out");
  const int64_t batch = a.integer(3, "batch", 0, kMaxSafeInteger);
  const int64_t outer = a.integer(4, "outer", 0, kMaxSafeInteger);
  const int64_t axis = a.integer(5, "axis", 0, kMaxSafeInteger);
  const int64_t inner = a.integer(6, "inner", 0, kMaxSafeInteger);
  if (indices->dtype != kInt32 && indices->dtype != kInt64) a.typeError(1, "indices", "must hold int32 or int64");
  requireDType(a, 2, "out", out, params->dtype);
  requireElements(a, 0, "params", params, checkedProduct(a, {batch, outer, axis, inner}, "params"));
  if (batch == 0 ? indices->elements != 0 : indices->elements % batch != 0) {
    a.rangeError(1, "indices", "must hold a whole number of rows per batch");
  }
  const int64_t nIndices = batch == 0 ? 0 : indices->elements / batch;
  requireElements(a, 2, "out", out, checkedProduct(a, {batch, outer, nIndices, inner}, "out"));
  if (state_->dryRun) return;
  launchGather(state_->stream, static_cast<int>(elemBytes(params->dtype)), indices->dtype, params->data(),
               indices->data(), out->data(), batch, outer, axis, inner, nIndices);
  checkLaunch(a);
}

/** oneHot(indices, on, off, out, outer, depth, inner): out[o, d, i] = indices[o, i] == d ? on : off. */
void Context::OneHot(const Napi::CallbackInfo& info) {
  ArgReader a(info, "oneHot");
  requireOpen(a);
  DeviceBuffer* indices = buffer(a, 0, "indices");
  DeviceBuffer* on = buffer(a, 1, "on");
  DeviceBuffer* off = buffer(a, 2, "off");
  DeviceBuffer* out = buffer(a, 3, "out");
  const int64_t outer = a.integer(4, "outer", 0, kMaxSafeInteger);
  const int64_t depth = a.integer(5, "depth", 0, kMaxSafeInteger);
  const int64_t inner = a.integer(6, "inner", 0, kMaxSafeInteger);
  if (indices->dtype != kInt32 && indices->dtype != kInt64) a.typeError(0, "indices", "must hold int32 or int64");
  requireDType(a, 2, "off", off, on->dtype);
  requireDType(a, 3, "out", out, on->dtype);
  requireElements(a, 1, "on", on, 1);
  requireElements(a, 2, "off", off, 1);
  requireElements(a, 0, "indices", indices, checkedProduct(a, {outer, inner}, "indices"));
  requireElements(a, 3, "out", out, checkedProduct(a, {outer, depth, inner}, "out"));
  if (state_->dryRun) return;
  launchOneHot(state_->stream, on->dtype, indices->dtype, indices->data(), on->data(), off->data(), out->data(), outer,
               depth, inner);
  checkLaunch(a);
}

/**
 * matMul(a, aShape, b, bShape, c, cShape, transA, transB, tf32): rank-2 MatMul or batched
 * BatchMatMulV2 with broadcast batch dimensions; float32 or int32 (tf32 only for float32).
 */
void Context::MatMul(const Napi::CallbackInfo& info) {
  ArgReader a(info, "matMul");
  requireOpen(a);
  DeviceBuffer* A = buffer(a, 0, "a");
  const Shape as = a.shape(1, "aShape");
  DeviceBuffer* B = buffer(a, 2, "b");
  const Shape bs = a.shape(3, "bShape");
  DeviceBuffer* C = buffer(a, 4, "c");
  const Shape cs = a.shape(5, "cShape");
  const bool transA = a.boolean(6, "transposeA");
  const bool transB = a.boolean(7, "transposeB");
  const bool tf32 = a.boolean(8, "tf32");
  if (!isFloatOrInt(A->dtype)) a.typeError(0, "a", std::string("must hold float32 or int32, got ") + dtypeName(A->dtype));
  requireDType(a, 2, "b", B, A->dtype);
  requireDType(a, 4, "c", C, A->dtype);
  if (as.rank() < 2) a.rangeError(1, "aShape", "must have rank >= 2, got " + as.toString());
  if (bs.rank() < 2) a.rangeError(3, "bShape", "must have rank >= 2, got " + bs.toString());
  if (cs.rank() < 2) a.rangeError(5, "cShape", "must have rank >= 2, got " + cs.toString());
  requireElements(a, 0, "a", A, as.elements());
  requireElements(a, 2, "b", B, bs.elements());
  requireElements(a, 4, "c", C, cs.elements());
  const int64_t m = transA ? as.dims[as.rank() - 1] : as.dims[as.rank() - 2];
  const int64_t k = transA ? as.dims[as.rank() - 2] : as.dims[as.rank() - 1];
  const int64_t kb = transB ? bs.dims[bs.rank() - 1] : bs.dims[bs.rank() - 2];
  const int64_t n = transB ? bs.dims[bs.rank() - 2] : bs.dims[bs.rank() - 1];
  if (k != kb) {
    a.fail("Matrix size-incompatible: In[0]: " + as.toString() + ", In[1]: " + bs.toString());
  }
  if (cs.dims[cs.rank() - 2] != m || cs.dims[cs.rank() - 1] != n) {
    a.rangeError(5, "cShape", "must end in [" + std::to_string(m) + "," + std::to_string(n) + "], got " + cs.toString());
  }
  if (m > kMaxGemmRows) a.rangeError(1, "aShape", "has more rows than one launch covers (" + std::to_string(kMaxGemmRows) + ")");
  if (tf32 && A->dtype != kFloat32) a.rangeError(8, "tf32", "applies to float32 only");
  if (tf32 && !state_->tf32Capable && !state_->dryRun) a.rangeError(8, "tf32", "needs compute capability 8.0 or newer");

  // Batch dims: broadcast a's and b's leading dims to c's.
  Shape aBatch, bBatch, cBatch;
  aBatch.dims.assign(as.dims.begin(), as.dims.end() - 2);
  bBatch.dims.assign(bs.dims.begin(), bs.dims.end() - 2);
  cBatch.dims.assign(cs.dims.begin(), cs.dims.end() - 2);
  const BroadcastIndex bidx = makeBroadcastIndex(a, {&aBatch, &bBatch}, {"a (batch dims)", "b (batch dims)"}, cBatch);
  GemmBatch bi{};
  bi.rank = bidx.rank;
  for (int d = 0; d < bidx.rank; ++d) {
    bi.dims[d] = bidx.dims[d];
    bi.aStrides[d] = bidx.strides[0][d] * m * k;
    bi.bStrides[d] = bidx.strides[1][d] * k * n;
  }
  const int64_t batch = cBatch.elements();
  if (state_->dryRun) return;
  launchMatMul(state_->stream, A->dtype, A->data(), B->data(), C->data(), m, n, k, transA, transB, batch, bi, tf32);
  checkLaunch(a);
}

namespace {
/** [N, H, W, C] of a 4-D shape in the given layout. */
void nhwc(const Shape& s, bool nchw, int64_t& n, int64_t& h, int64_t& w, int64_t& c) {
  n = s.dims[0];
  if (nchw) { c = s.dims[1]; h = s.dims[2]; w = s.dims[3]; }
  else { h = s.dims[1]; w = s.dims[2]; c = s.dims[3]; }
}
}  // namespace

/**
 * conv2d(pass, x, xShape, filter, filterShape, y, yShape, strides[2], dilations[2], pads[2], nchw)
 * pass 0: y = conv(x, f); 1: x = dInput(f, y); 2: f = dFilter(x, y). pads = [top, left].
 */
void Context::Conv2D(const Napi::CallbackInfo& info) {
  ArgReader a(info, "conv2d");
  requireOpen(a);
  const ConvPass pass = static_cast<ConvPass>(a.integer(0, "pass", 0, 2));
  DeviceBuffer* x = buffer(a, 1, "x");
  const Shape xs = a.shape(2, "xShape");
  DeviceBuffer* f = buffer(a, 3, "filter");
  const Shape fs = a.shape(4, "filterShape");
  DeviceBuffer* y = buffer(a, 5, "y");
  const Shape ys = a.shape(6, "yShape");
  const std::vector<int64_t> strides = a.intList(7, "strides", 2, 2, 1, 1 << 30);
  const std::vector<int64_t> dilations = a.intList(8, "dilations", 2, 2, 1, 1 << 30);
  const std::vector<int64_t> pads = a.intList(9, "pads", 2, 2, 0, 1 << 30);
  const bool nchw = a.boolean(10, "nchw");
  requireDType(a, 1, "x", x, kFloat32);
  requireDType(a, 3, "filter", f, kFloat32);
  requireDType(a, 5, "y", y, kFloat32);
  if (xs.rank() != 4) a.rangeError(2, "xShape", "must have rank 4, got " + xs.toString());
  if (fs.rank() != 4) a.rangeError(4, "filterShape", "must have rank 4, got " + fs.toString());
  if (ys.rank() != 4) a.rangeError(6, "yShape", "must have rank 4, got " + ys.toString());
  requireElements(a, 1, "x", x, xs.elements());
  requireElements(a, 3, "filter", f, fs.elements());
  requireElements(a, 5, "y", y, ys.elements());
  ConvGeometry g{};
  nhwc(xs, nchw, g.n, g.h, g.w, g.c);
  int64_t yn, yc;
  nhwc(ys, nchw, yn, g.oh, g.ow, yc);
  g.kh = fs.dims[0]; g.kw = fs.dims[1]; g.oc = fs.dims[3];
  if (fs.dims[2] != g.c) a.fail("input depth must equal filter depth: " + std::to_string(g.c) + " vs " + std::to_string(fs.dims[2]));
  if (yn != g.n || yc != g.oc) a.rangeError(6, "yShape", "does not match the input batch and filter count");
  g.strideH = strides[0]; g.strideW = strides[1];
  g.dilationH = dilations[0]; g.dilationW = dilations[1];
  g.padTop = pads[0]; g.padLeft = pads[1];
  g.nchw = nchw;
  const int64_t rows = pass == ConvPass::Forward ? g.n * g.oh * g.ow
                       : pass == ConvPass::BackpropInput ? g.n * g.h * g.w : g.kh * g.kw * g.c;
  if (rows > kMaxGemmRows) a.fail("the GEMM view has " + std::to_string(rows) + " rows; one launch covers " + std::to_string(kMaxGemmRows));
  if (pass == ConvPass::BackpropFilter && g.n > 65535) a.fail("batch larger than 65535 for the filter gradient");
  if (state_->dryRun) return;
  launchConv2D(state_->stream, pass, g, static_cast<float*>(x->data()), static_cast<float*>(f->data()),
               static_cast<float*>(y->data()));
  checkLaunch(a);
}

namespace {
PoolGeometry poolGeometry(const ArgReader& a, const Shape& xs, const Shape& ys, size_t firstListArg) {
  const std::vector<int64_t> window = a.intList(firstListArg, "window", 2, 2, 1, 1 << 30);
  const std::vector<int64_t> strides = a.intList(firstListArg + 1, "strides", 2, 2, 1, 1 << 30);
  const std::vector<int64_t> pads = a.intList(firstListArg + 2, "pads", 2, 2, 0, 1 << 30);
  const bool nchw = a.boolean(firstListArg + 3, "nchw");
  if (xs.rank() != 4) a.fail("input shape must have rank 4, got " + xs.toString());
  if (ys.rank() != 4) a.fail("output shape must have rank 4, got " + ys.toString());
  PoolGeometry g{};
  int64_t yn, yc;
  nhwc(xs, nchw, g.n, g.h, g.w, g.c);
  nhwc(ys, nchw, yn, g.oh, g.ow, yc);
  if (yn != g.n || yc != g.c) a.fail("pooling keeps batch and depth: " + xs.toString() + " vs " + ys.toString());
  g.windowH = window[0]; g.windowW = window[1];
  g.strideH = strides[0]; g.strideW = strides[1];
  g.padTop = pads[0]; g.padLeft = pads[1];
  g.nchw = nchw;
  return g;
}
}  // namespace

/** pool(isMax, x, xShape, y, yShape, window[2], strides[2], pads[2], nchw) */
void Context::Pool(const Napi::CallbackInfo& info) {
  ArgReader a(info, "pool");
  requireOpen(a);
  const bool isMax = a.boolean(0, "isMax");
  DeviceBuffer* x = buffer(a, 1, "x");
  const Shape xs = a.shape(2, "xShape");
  DeviceBuffer* y = buffer(a, 3, "y");
  const Shape ys = a.shape(4, "yShape");
  const PoolGeometry g = poolGeometry(a, xs, ys, 5);
  requireDType(a, 1, "x", x, kFloat32);
  requireDType(a, 3, "y", y, kFloat32);
  requireElements(a, 1, "x", x, xs.elements());
  requireElements(a, 3, "y", y, ys.elements());
  if (state_->dryRun) return;
  if (isMax) launchMaxPool(state_->stream, g, static_cast<const float*>(x->data()), static_cast<float*>(y->data()));
  else launchAvgPool(state_->stream, g, static_cast<const float*>(x->data()), static_cast<float*>(y->data()));
  checkLaunch(a);
}

/**
 * poolGrad(isMax, x | null, dy, dx, xShape, yShape, window[2], strides[2], pads[2], nchw)
 * MaxPoolGrad needs the original input x; AvgPoolGrad takes null.
 */
void Context::PoolGrad(const Napi::CallbackInfo& info) {
  ArgReader a(info, "poolGrad");
  requireOpen(a);
  const bool isMax = a.boolean(0, "isMax");
  DeviceBuffer* x = nullptr;
  if (isMax) x = buffer(a, 1, "x");
  else if (!a.at(1, "x").IsNull()) a.typeError(1, "x", "must be null for average pooling");
  DeviceBuffer* dy = buffer(a, 2, "dy");
  DeviceBuffer* dx = buffer(a, 3, "dx");
  const Shape xs = a.shape(4, "xShape");
  const Shape ys = a.shape(5, "yShape");
  const PoolGeometry g = poolGeometry(a, xs, ys, 6);
  if (x != nullptr) {
    requireDType(a, 1, "x", x, kFloat32);
    requireElements(a, 1, "x", x, xs.elements());
  }
  requireDType(a, 2, "dy", dy, kFloat32);
  requireDType(a, 3, "dx", dx, kFloat32);
  requireElements(a, 2, "dy", dy, ys.elements());
  requireElements(a, 3, "dx", dx, xs.elements());
  if (state_->dryRun) return;
  if (isMax) {
    launchMaxPoolGrad(state_->stream, g, static_cast<const float*>(x->data()), static_cast<const float*>(dy->data()),
                      static_cast<float*>(dx->data()));
  } else {
    launchAvgPoolGrad(state_->stream, g, static_cast<const float*>(dy->data()), static_cast<float*>(dx->data()));
  }
  checkLaunch(a);
}

/**
 * reduce(op, x, xShape, axes, y): reduces the listed axes (distinct, in [0, rank)). Kept and
 * reduced axes are collapsed to [outer, reduce, inner]; interleaved ones are first transposed
 * into scratch memory so the reduced axes are innermost.
 */
void Context::Reduce(const Napi::CallbackInfo& info) {
  ArgReader a(info, "reduce");
  requireOpen(a);
  const ReduceOp op = a.code<ReduceOp>(0, "op");
  DeviceBuffer* x = buffer(a, 1, "x");
  const Shape xs = a.shape(2, "xShape");
  const std::vector<int64_t> axes = a.intList(3, "axes", 0, kMaxRank, 0, kMaxRank - 1);
  DeviceBuffer* y = buffer(a, 4, "y");
  if (!reduceSupports(op, x->dtype)) a.typeError(1, "x", std::string("holds ") + dtypeName(x->dtype) + ", which this reduction has no kernel for");
  requireDType(a, 4, "y", y, x->dtype);
  requireElements(a, 1, "x", x, xs.elements());
  std::vector<bool> reduced(xs.dims.size(), false);
  for (int64_t ax : axes) {
    if (ax >= xs.rank()) a.rangeError(3, "axes", "Invalid reduction dimension " + std::to_string(ax) + " for input with " + std::to_string(xs.rank()) + " dimensions");
    if (reduced[ax]) a.rangeError(3, "axes", "lists dimension " + std::to_string(ax) + " twice");
    reduced[ax] = true;
  }
  int64_t keptCount = 1, reduceCount = 1;
  for (int d = 0; d < xs.rank(); ++d) (reduced[d] ? reduceCount : keptCount) *= xs.dims[d];
  requireElements(a, 4, "y", y, keptCount);

  // Collapse, ignoring size-1 dims: runs of kept (K) and reduced (R) dims.
  std::vector<std::pair<bool, int64_t>> runs;
  for (int d = 0; d < xs.rank(); ++d) {
    if (xs.dims[d] == 1) continue;
    if (!runs.empty() && runs.back().first == reduced[d]) runs.back().second *= xs.dims[d];
    else runs.emplace_back(reduced[d], xs.dims[d]);
  }
  int reducedRuns = 0;
  for (auto& r : runs) reducedRuns += r.first ? 1 : 0;
  const bool direct = reducedRuns <= 1;
  ReduceShape rs{1, reduceCount, 1};
  if (direct) {
    bool seenReduced = false;
    for (auto& r : runs) {
      if (r.first) seenReduced = true;
      else if (seenReduced) rs.inner *= r.second;
      else rs.outer *= r.second;
    }
  } else {
    rs.outer = keptCount;
  }
  if (rs.inner == 1 && rs.outer > kMaxRowBlocks / 1024) a.fail("too many rows for one launch");
  if (state_->dryRun || keptCount == 0) return;

  const void* src = x->data();
  PoolBlock* transposed = nullptr;
  if (!direct && reduceCount > 0) {
    // Permute to [kept..., reduced...] with a strided copy into scratch.
    transposed = scratch(a, static_cast<size_t>(xs.elements() * elemBytes(x->dtype)));
    std::vector<int64_t> strides(xs.rank());
    int64_t s = 1;
    for (int d = xs.rank() - 1; d >= 0; --d) { strides[d] = s; s *= xs.dims[d]; }
    vs::StridedCopy c{};
    int r = 0;
    for (int pass = 0; pass < 2; ++pass)
      for (int d = 0; d < xs.rank(); ++d)
        if (reduced[d] == (pass == 1)) { c.dims[r] = xs.dims[d]; c.inStrides[r] = strides[d]; ++r; }
    c.rank = r;
    int64_t os = 1;
    for (int d = r - 1; d >= 0; --d) { c.outStrides[d] = os; os *= c.dims[d]; }
    launchStridedCopy(state_->stream, static_cast<int>(elemBytes(x->dtype)), x->data(), transposed->ptr, c);
    src = transposed->ptr;
  }
  PoolBlock* workspace = nullptr;
  const int64_t wsBytes = reduceWorkspaceBytes(rs, x->dtype);
  if (wsBytes > 0) workspace = scratch(a, static_cast<size_t>(wsBytes));
  launchReduce(state_->stream, op, x->dtype, src, y->data(), rs, workspace != nullptr ? workspace->ptr : nullptr);
  // Stream order makes recycling right after enqueueing safe: later users run after these kernels.
  if (transposed != nullptr) state_->pool->recycle(transposed);
  if (workspace != nullptr) state_->pool->recycle(workspace);
  checkLaunch(a);
}

/** argReduce(isMax, x, xShape, axis, y): index of the first max/min along `axis`; y int32 or int64. */
void Context::ArgReduce(const Napi::CallbackInfo& info) {
  ArgReader a(info, "argReduce");
  requireOpen(a);
  const bool isMax = a.boolean(0, "isMax");
  DeviceBuffer* x = buffer(a, 1, "x");
  const Shape xs = a.shape(2, "xShape");
  const int64_t axis = a.integer(3, "axis", 0, kMaxRank - 1);
  DeviceBuffer* y = buffer(a, 4, "y");
  if (!isFloatOrInt(x->dtype)) a.typeError(1, "x", "must hold float32 or int32");
  if (y->dtype != kInt32 && y->dtype != kInt64) a.typeError(4, "y", "must hold int32 or int64");
  requireElements(a, 1, "x", x, xs.elements());
  if (axis >= xs.rank()) a.rangeError(3, "axis", "is out of range for shape " + xs.toString());
  int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= xs.dims[d];
  for (int d = static_cast<int>(axis) + 1; d < xs.rank(); ++d) inner *= xs.dims[d];
  const int64_t len = xs.dims[axis];
  requireElements(a, 4, "y", y, outer * inner);
  if (len == 0 && outer * inner > 0) {
    a.fail("Reduction axis " + std::to_string(axis) + " is empty in shape " + xs.toString());
  }
  if (state_->dryRun) return;
  launchArgReduce(state_->stream, isMax, x->dtype, y->dtype, x->data(), y->data(), outer, len, inner);
  checkLaunch(a);
}

/** softmax(log, x, xShape, y): over the last dimension. */
void Context::Softmax(const Napi::CallbackInfo& info) {
  ArgReader a(info, "softmax");
  requireOpen(a);
  const bool log = a.boolean(0, "log");
  DeviceBuffer* x = buffer(a, 1, "x");
  const Shape xs = a.shape(2, "xShape");
  DeviceBuffer* y = buffer(a, 3, "y");
  requireDType(a, 1, "x", x, kFloat32);
  requireDType(a, 3, "y", y, kFloat32);
  if (xs.rank() < 1) a.rangeError(2, "xShape", "logits must have >= 1 dimension, got " + xs.toString());
  requireElements(a, 1, "x", x, xs.elements());
  requireElements(a, 3, "y", y, xs.elements());
  const int64_t cols = xs.dims.back();
  const int64_t rows = cols == 0 ? 0 : xs.elements() / cols;
  if (rows > kMaxRowBlocks) a.fail("too many rows for one launch");
  if (state_->dryRun) return;
  launchSoftmax(state_->stream, log, static_cast<const float*>(x->data()), static_cast<float*>(y->data()), rows, cols);
  checkLaunch(a);
}

/** softmaxCrossEntropy(logits, labels, loss, backprop, rows, cols) */
void Context::SoftmaxXent(const Napi::CallbackInfo& info) {
  ArgReader a(info, "softmaxCrossEntropy");
  requireOpen(a);
  DeviceBuffer* logits = buffer(a, 0, "logits");
  DeviceBuffer* labels = buffer(a, 1, "labels");
  DeviceBuffer* loss = buffer(a, 2, "loss");
  DeviceBuffer* backprop = buffer(a, 3, "backprop");
  const int64_t rows = a.integer(4, "rows", 0, kMaxRowBlocks);
  const int64_t cols = a.integer(5, "cols", 0, kMaxSafeInteger);
  for (auto [i, name, b] : {std::tuple<size_t, const char*, DeviceBuffer*>{0, "logits", logits}, {1, "labels", labels},
                            {2, "loss", loss}, {3, "backprop", backprop}}) {
    requireDType(a, i, name, b, kFloat32);
  }
  const int64_t n = checkedProduct(a, {rows, cols}, "logits");
  requireElements(a, 0, "logits", logits, n);
  requireElements(a, 1, "labels", labels, n);
  requireElements(a, 2, "loss", loss, rows);
  requireElements(a, 3, "backprop", backprop, n);
  if (state_->dryRun) return;
  launchSoftmaxXent(state_->stream, static_cast<const float*>(logits->data()), static_cast<const float*>(labels->data()),
                    static_cast<float*>(loss->data()), static_cast<float*>(backprop->data()), rows, cols);
  checkLaunch(a);
}

/** sparseSoftmaxCrossEntropy(logits, labels, loss, backprop, rows, cols); labels int32 or int64. */
void Context::SparseSoftmaxXent(const Napi::CallbackInfo& info) {
  ArgReader a(info, "sparseSoftmaxCrossEntropy");
  requireOpen(a);
  DeviceBuffer* logits = buffer(a, 0, "logits");
  DeviceBuffer* labels = buffer(a, 1, "labels");
  DeviceBuffer* loss = buffer(a, 2, "loss");
  DeviceBuffer* backprop = buffer(a, 3, "backprop");
  const int64_t rows = a.integer(4, "rows", 0, kMaxRowBlocks);
  const int64_t cols = a.integer(5, "cols", 0, kMaxSafeInteger);
  requireDType(a, 0, "logits", logits, kFloat32);
  if (labels->dtype != kInt32 && labels->dtype != kInt64) a.typeError(1, "labels", "must hold int32 or int64");
  requireDType(a, 2, "loss", loss, kFloat32);
  requireDType(a, 3, "backprop", backprop, kFloat32);
  const int64_t n = checkedProduct(a, {rows, cols}, "logits");
  requireElements(a, 0, "logits", logits, n);
  requireElements(a, 1, "labels", labels, rows);
  requireElements(a, 2, "loss", loss, rows);
  requireElements(a, 3, "backprop", backprop, n);
  if (state_->dryRun) return;
  launchSparseSoftmaxXent(state_->stream, labels->dtype, static_cast<const float*>(logits->data()), labels->data(),
                          static_cast<float*>(loss->data()), static_cast<float*>(backprop->data()), rows, cols);
  checkLaunch(a);
}

/**
 * random(op, out, seed, seed2, offset, minval?, maxval?): Philox with philox.ts's layout.
 * seed/seed2 are TensorFlow's int64 attrs (as safe integers; negative values wrap to 64 bits).
 */
void Context::Random(const Napi::CallbackInfo& info) {
  ArgReader a(info, "random");
  requireOpen(a);
  const RandomOp op = a.code<RandomOp>(0, "op");
  DeviceBuffer* out = buffer(a, 1, "out");
  const int64_t seed = a.integer(2, "seed", -kMaxSafeInteger, kMaxSafeInteger);
  const int64_t seed2 = a.integer(3, "seed2", -kMaxSafeInteger, kMaxSafeInteger);
  const int64_t offset = a.integer(4, "offset", 0, kMaxSafeInteger);
  DeviceBuffer* minval = nullptr;
  DeviceBuffer* maxval = nullptr;
  if (op == RandomOp::UniformInt) {
    requireDType(a, 1, "out", out, kInt32);
    minval = buffer(a, 5, "minval");
    maxval = buffer(a, 6, "maxval");
    requireDType(a, 5, "minval", minval, kInt32);
    requireDType(a, 6, "maxval", maxval, kInt32);
    requireElements(a, 5, "minval", minval, 1);
    requireElements(a, 6, "maxval", maxval, 1);
  } else {
    requireDType(a, 1, "out", out, kFloat32);
  }
  if (state_->dryRun) return;
  PhiloxParams p{};
  const uint64_t s = static_cast<uint64_t>(seed), s2 = static_cast<uint64_t>(seed2);
  p.key[0] = static_cast<uint32_t>(s);
  p.key[1] = static_cast<uint32_t>(s >> 32);
  p.seed2[0] = static_cast<uint32_t>(s2);
  p.seed2[1] = static_cast<uint32_t>(s2 >> 32);
  p.offset = static_cast<uint64_t>(offset);
  launchRandom(state_->stream, op, p, out->data(), out->elements,
               minval != nullptr ? static_cast<const int32_t*>(minval->data()) : nullptr,
               maxval != nullptr ? static_cast<const int32_t*>(maxval->data()) : nullptr, state_->errorWordDevice);
  checkLaunch(a);
}

/** applyOptimizer(op, refs[], scalars[], grad, flag): fused Apply* update of var and slots in place. */
void Context::Optimizer(const Napi::CallbackInfo& info) {
  ArgReader a(info, "applyOptimizer");
  requireOpen(a);
  const OptimizerOp op = a.code<OptimizerOp>(0, "op");
  const int refCount = optimizerRefCount(op), scalarCount = optimizerScalarCount(op);
  Napi::Value refsValue = a.at(1, "refs");
  Napi::Value scalarsValue = a.at(2, "scalars");
  if (!refsValue.IsArray()) a.typeError(1, "refs", "must be an array of DeviceBuffers");
  if (!scalarsValue.IsArray()) a.typeError(2, "scalars", "must be an array of DeviceBuffers");
  Napi::Array refsArr = refsValue.As<Napi::Array>(), scalarsArr = scalarsValue.As<Napi::Array>();
  if (refsArr.Length() != static_cast<uint32_t>(refCount)) {
    a.rangeError(1, "refs", "must hold " + std::to_string(refCount) + " buffers (var and slots), got " + std::to_string(refsArr.Length()));
  }
  if (scalarsArr.Length() != static_cast<uint32_t>(scalarCount)) {
    a.rangeError(2, "scalars", "must hold " + std::to_string(scalarCount) + " buffers, got " + std::to_string(scalarsArr.Length()));
  }
  DeviceBuffer* grad = buffer(a, 3, "grad");
  const bool flag = a.boolean(4, "flag");
  requireDType(a, 3, "grad", grad, kFloat32);
  float* refs[4] = {};
  const float* scalars[6] = {};
  for (int i = 0; i < refCount; ++i) {
    const std::string name = "refs[" + std::to_string(i) + "]";
    DeviceBuffer* b = bufferAt(a, refsArr.Get(static_cast<uint32_t>(i)), 1, name.c_str());
    requireDType(a, 1, name.c_str(), b, kFloat32);
    requireElements(a, 1, name.c_str(), b, grad->elements);
    refs[i] = static_cast<float*>(b->data());
  }
  for (int i = 0; i < scalarCount; ++i) {
    const std::string name = "scalars[" + std::to_string(i) + "]";
    DeviceBuffer* b = bufferAt(a, scalarsArr.Get(static_cast<uint32_t>(i)), 2, name.c_str());
    requireDType(a, 2, name.c_str(), b, kFloat32);
    requireElements(a, 2, name.c_str(), b, 1);
    scalars[i] = static_cast<const float*>(b->data());
  }
  if (state_->dryRun) return;
  launchOptimizer(state_->stream, op, refs, scalars, static_cast<const float*>(grad->data()), grad->elements, flag);
  checkLaunch(a);
}

}  // namespace vs

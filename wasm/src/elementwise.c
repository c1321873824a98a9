/* Elementwise kernels: unary math and activations, binary ops with N-d broadcasting,
 * comparisons, logical ops, activation gradients, cast, fill, select, clip, AddN, Range. */
#include "vs_common.h"
#include "vs_simd_math.h"

/* ---- scalar op bodies (a, b: operands; T: element type) ---- */

#define F_MAXIMUM(a, b) ((a) != (a) ? (a) : (b) != (b) ? (b) : (a) > (b) ? (a) : (b))
#define F_MINIMUM(a, b) ((a) != (a) ? (a) : (b) != (b) ? (b) : (a) < (b) ? (a) : (b))
#define I_MAXIMUM(a, b) ((a) > (b) ? (a) : (b))
#define I_MINIMUM(a, b) ((a) < (b) ? (a) : (b))

static inline double f_floor_mod(double x, double y) {
  double r = fmod(x, y);
  return r != 0 && ((y < 0) != (r < 0)) ? r + y : r;
}
static inline float f_floor_modf(float x, float y) {
  float r = fmodf(x, y);
  return r != 0 && ((y < 0) != (r < 0)) ? r + y : r;
}

/* Integer helpers. Division by zero sets a flag and yields 0 (the kernel then fails);
 * x / -1 is negation so that INT_MIN / -1 wraps like TensorFlow's CPU instead of trapping. */
static int int_div_by_zero;
static int int_negative_pow;

#define DEFINE_INT_HELPERS(T, S)                                                              \
  static inline T idiv_##S(T a, T b) {                                                        \
    if (b == 0) { int_div_by_zero = 1; return 0; }                                           \
    if ((T)-1 < 0 && b == (T)-1) return (T)(0 - a);                                           \
    return a / b;                                                                             \
  }                                                                                           \
  static inline T itmod_##S(T a, T b) {                                                       \
    if (b == 0) { int_div_by_zero = 1; return 0; }                                           \
    if ((T)-1 < 0 && b == (T)-1) return 0;                                                    \
    return a % b;                                                                             \
  }                                                                                           \
  static inline T ifloordiv_##S(T a, T b) {                                                   \
    T q = idiv_##S(a, b);                                                                     \
    if (b != 0 && (T)-1 < 0 && (a % (b == (T)-1 ? (T)1 : b)) != 0 && ((a < 0) != (b < 0))) q--; \
    return q;                                                                                 \
  }                                                                                           \
  static inline T ifloormod_##S(T a, T b) {                                                   \
    T r = itmod_##S(a, b);                                                                    \
    return r != 0 && ((r < 0) != (b < 0)) ? (T)(r + b) : r;                                   \
  }                                                                                           \
  static inline T ipow_##S(T a, T b) {                                                        \
    if ((T)-1 < 0 && b < 0) { int_negative_pow = 1; return 0; }                               \
    T r = 1;                                                                                  \
    while (b) { if (b & 1) r = (T)(r * a); a = (T)(a * a); b = (T)(b >> 1); }                 \
    return r;                                                                                 \
  }
DEFINE_INT_HELPERS(int32_t, i32)
DEFINE_INT_HELPERS(int64_t, i64)
DEFINE_INT_HELPERS(uint8_t, u8)

/* ---- N-d broadcasting driver ---- */

/* Walks the outer dims of a contiguous output; the innermost dim runs a specialised loop
 * for the common stride patterns (both dense, one side broadcast), which clang vectorises. */
#define BINARY_ND(TX, TZ, BODY)                                                               \
  do {                                                                                        \
    const TX *X = (const TX *)x; const TX *Y = (const TX *)y; TZ *Z = (TZ *)z;                \
    const int32_t last = rank - 1;                                                            \
    /* rows are indexed with int32 (a row never exceeds 2^31 elements in a 2 GiB heap): the   \
     * vectoriser gives up on 64-bit induction variables in wasm32 */                         \
    const int32_t inner = dims[last], sx = xs[last], sy = ys[last];                           \
    int64_t total = 1;                                                                        \
    for (int d = 0; d < rank; d++) total *= dims[d];                                          \
    if (total == 0) break;                                                                    \
    const int64_t outer = total / inner;                                                      \
    int32_t idx[VS_MAX_RANK] = {0};                                                           \
    int64_t ox = 0, oy = 0;                                                                   \
    for (int64_t o = 0; o < outer; o++) {                                                     \
      const TX *restrict xp = X + ox; const TX *restrict yp = Y + oy;                         \
      TZ *restrict zp = Z + o * inner;                                                        \
      if (sx == 1 && sy == 1) {                                                               \
        for (int32_t i = 0; i < inner; i++) { TX a = xp[i], b = yp[i]; zp[i] = (BODY); }      \
      } else if (sx == 1 && sy == 0) {                                                        \
        const TX b = yp[0];                                                                   \
        for (int32_t i = 0; i < inner; i++) { TX a = xp[i]; zp[i] = (BODY); }                 \
      } else if (sx == 0 && sy == 1) {                                                        \
        const TX a = xp[0];                                                                   \
        for (int32_t i = 0; i < inner; i++) { TX b = yp[i]; zp[i] = (BODY); }                 \
      } else {                                                                                \
        for (int32_t i = 0; i < inner; i++) { TX a = xp[(int64_t)i * sx], b = yp[(int64_t)i * sy]; zp[i] = (BODY); } \
      }                                                                                       \
      for (int d = last - 1; d >= 0; d--) {                                                   \
        ox += xs[d]; oy += ys[d];                                                             \
        if (++idx[d] < dims[d]) break;                                                        \
        ox -= (int64_t)xs[d] * dims[d]; oy -= (int64_t)ys[d] * dims[d]; idx[d] = 0;           \
      }                                                                                       \
    }                                                                                         \
  } while (0)

/* Float binary ops (T = float or double; suffix F picks fmodf/floorf…). */
#define FLOAT_BINARY_CASES(T, FMOD, FLOOR, POW, FLOORMOD)                                     \
  case VS_OP_Add: case VS_OP_AddV2: case VS_OP_AssignAdd: BINARY_ND(T, T, a + b); return VS_OK; \
  case VS_OP_Sub: case VS_OP_AssignSub: BINARY_ND(T, T, a - b); return VS_OK;                \
  case VS_OP_Mul: BINARY_ND(T, T, a * b); return VS_OK;                                       \
  case VS_OP_RealDiv: case VS_OP_Div: BINARY_ND(T, T, a / b); return VS_OK;                   \
  case VS_OP_FloorDiv: BINARY_ND(T, T, FLOOR(a / b)); return VS_OK;                           \
  case VS_OP_FloorMod: BINARY_ND(T, T, FLOORMOD(a, b)); return VS_OK;                         \
  case VS_OP_TruncateMod: BINARY_ND(T, T, FMOD(a, b)); return VS_OK;                          \
  case VS_OP_Pow: BINARY_ND(T, T, POW(a, b)); return VS_OK;                                   \
  case VS_OP_Maximum: BINARY_ND(T, T, F_MAXIMUM(a, b)); return VS_OK;                         \
  case VS_OP_Minimum: BINARY_ND(T, T, F_MINIMUM(a, b)); return VS_OK;                         \
  case VS_OP_SquaredDifference: BINARY_ND(T, T, (a - b) * (a - b)); return VS_OK;             \
  case VS_OP_Equal: BINARY_ND(T, uint8_t, a == b); return VS_OK;                              \
  case VS_OP_NotEqual: BINARY_ND(T, uint8_t, a != b); return VS_OK;                           \
  case VS_OP_Less: BINARY_ND(T, uint8_t, a < b); return VS_OK;                                \
  case VS_OP_LessEqual: BINARY_ND(T, uint8_t, a <= b); return VS_OK;                          \
  case VS_OP_Greater: BINARY_ND(T, uint8_t, a > b); return VS_OK;                             \
  case VS_OP_GreaterEqual: BINARY_ND(T, uint8_t, a >= b); return VS_OK;                       \
  /* activation gradients: (x, y) = (gradients, features) or (y, dy) as the schema orders them */ \
  case VS_OP_ReluGrad: BINARY_ND(T, T, b > 0 ? a : (T)0); return VS_OK;                       \
  case VS_OP_Relu6Grad: BINARY_ND(T, T, b > 0 && b < 6 ? a : (T)0); return VS_OK;             \
  case VS_OP_SoftplusGrad: BINARY_ND(T, T, a / ((T)1 + (T)exp(-(double)b))); return VS_OK;    \
  case VS_OP_EluGrad: BINARY_ND(T, T, b < 0 ? a * (b + (T)1) : a); return VS_OK;              \
  case VS_OP_SigmoidGrad: BINARY_ND(T, T, b * a * ((T)1 - a)); return VS_OK;                  \
  case VS_OP_TanhGrad: BINARY_ND(T, T, b * ((T)1 - a * a)); return VS_OK;

#define INT_BINARY_CASES(T, S)                                                                \
  case VS_OP_Add: case VS_OP_AddV2: case VS_OP_AssignAdd: BINARY_ND(T, T, (T)(a + b)); return VS_OK; \
  case VS_OP_Sub: case VS_OP_AssignSub: BINARY_ND(T, T, (T)(a - b)); return VS_OK;           \
  case VS_OP_Mul: BINARY_ND(T, T, (T)(a * b)); return VS_OK;                                  \
  case VS_OP_Div: case VS_OP_RealDiv: BINARY_ND(T, T, idiv_##S(a, b)); goto int_checks;       \
  case VS_OP_FloorDiv: BINARY_ND(T, T, ifloordiv_##S(a, b)); goto int_checks;                 \
  case VS_OP_FloorMod: BINARY_ND(T, T, ifloormod_##S(a, b)); goto int_checks;                 \
  case VS_OP_TruncateMod: BINARY_ND(T, T, itmod_##S(a, b)); goto int_checks;                  \
  case VS_OP_Pow: BINARY_ND(T, T, ipow_##S(a, b)); goto int_checks;                           \
  case VS_OP_Maximum: BINARY_ND(T, T, I_MAXIMUM(a, b)); return VS_OK;                         \
  case VS_OP_Minimum: BINARY_ND(T, T, I_MINIMUM(a, b)); return VS_OK;                         \
  case VS_OP_SquaredDifference: BINARY_ND(T, T, (T)((a - b) * (a - b))); return VS_OK;        \
  case VS_OP_Equal: BINARY_ND(T, uint8_t, a == b); return VS_OK;                              \
  case VS_OP_NotEqual: BINARY_ND(T, uint8_t, a != b); return VS_OK;                           \
  case VS_OP_Less: BINARY_ND(T, uint8_t, a < b); return VS_OK;                                \
  case VS_OP_LessEqual: BINARY_ND(T, uint8_t, a <= b); return VS_OK;                          \
  case VS_OP_Greater: BINARY_ND(T, uint8_t, a > b); return VS_OK;                             \
  case VS_OP_GreaterEqual: BINARY_ND(T, uint8_t, a >= b); return VS_OK;                       \
  case VS_OP_ReluGrad: BINARY_ND(T, T, b > 0 ? a : (T)0); return VS_OK;

/* Extent in elements that strides `s` over `dims` reach (all strides >= 0 here). */
static int64_t reach(int32_t rank, const int32_t *dims, const int32_t *s, int *bad) {
  int64_t hi = 0;
  for (int d = 0; d < rank; d++) {
    if (dims[d] < 0 || s[d] < 0) { *bad = 1; return 0; }
    if (dims[d] == 0) return 0;
    hi += (int64_t)(dims[d] - 1) * s[d];
  }
  return hi + 1;
}

/* float32 arithmetic on a flat operand pair (both dense, or one a single broadcast value):
 * the common case, without the generic N-d driver's per-row bookkeeping. SIMD, four vectors an
 * iteration; `xstep`/`ystep` are 1 for a dense
 * operand and 0 for a broadcast one. Returns 0 for ops it does not cover. */
#define FLAT_F32_LOOP(VOP, SOP)                                                               \
  do {                                                                                        \
    int32_t i = 0;                                                                            \
    if (xstep && ystep) {                                                                     \
      for (; i + 16 <= n; i += 16) {                                                          \
        v128_t a0 = wasm_v128_load(X + i), a1 = wasm_v128_load(X + i + 4);                    \
        v128_t a2 = wasm_v128_load(X + i + 8), a3 = wasm_v128_load(X + i + 12);               \
        v128_t b0 = wasm_v128_load(Y + i), b1 = wasm_v128_load(Y + i + 4);                    \
        v128_t b2 = wasm_v128_load(Y + i + 8), b3 = wasm_v128_load(Y + i + 12);               \
        wasm_v128_store(Z + i, VOP(a0, b0)); wasm_v128_store(Z + i + 4, VOP(a1, b1));         \
        wasm_v128_store(Z + i + 8, VOP(a2, b2)); wasm_v128_store(Z + i + 12, VOP(a3, b3));    \
      }                                                                                       \
      for (; i + 4 <= n; i += 4) wasm_v128_store(Z + i, VOP(wasm_v128_load(X + i), wasm_v128_load(Y + i))); \
      for (; i < n; i++) Z[i] = SOP(X[i], Y[i]);                                              \
    } else if (xstep) {                                                                       \
      const float b = Y[0]; const v128_t vb = wasm_f32x4_splat(b);                            \
      for (; i + 16 <= n; i += 16) {                                                          \
        v128_t a0 = wasm_v128_load(X + i), a1 = wasm_v128_load(X + i + 4);                    \
        v128_t a2 = wasm_v128_load(X + i + 8), a3 = wasm_v128_load(X + i + 12);               \
        wasm_v128_store(Z + i, VOP(a0, vb)); wasm_v128_store(Z + i + 4, VOP(a1, vb));         \
        wasm_v128_store(Z + i + 8, VOP(a2, vb)); wasm_v128_store(Z + i + 12, VOP(a3, vb));    \
      }                                                                                       \
      for (; i + 4 <= n; i += 4) wasm_v128_store(Z + i, VOP(wasm_v128_load(X + i), vb));      \
      for (; i < n; i++) Z[i] = SOP(X[i], b);                                                 \
    } else {                                                                                  \
      const float a = X[0]; const v128_t va = wasm_f32x4_splat(a);                            \
      for (; i + 16 <= n; i += 16) {                                                          \
        v128_t b0 = wasm_v128_load(Y + i), b1 = wasm_v128_load(Y + i + 4);                    \
        v128_t b2 = wasm_v128_load(Y + i + 8), b3 = wasm_v128_load(Y + i + 12);               \
        wasm_v128_store(Z + i, VOP(va, b0)); wasm_v128_store(Z + i + 4, VOP(va, b1));         \
        wasm_v128_store(Z + i + 8, VOP(va, b2)); wasm_v128_store(Z + i + 12, VOP(va, b3));    \
      }                                                                                       \
      for (; i + 4 <= n; i += 4) wasm_v128_store(Z + i, VOP(va, wasm_v128_load(Y + i)));      \
      for (; i < n; i++) Z[i] = SOP(a, Y[i]);                                                 \
    }                                                                                         \
  } while (0)

#define S_ADD(a, b) ((a) + (b))
#define S_SUB(a, b) ((a) - (b))
#define S_MUL(a, b) ((a) * (b))
#define S_DIV(a, b) ((a) / (b))

static __attribute__((noinline)) int binary_flat_f32(int32_t op, const float *X, const float *Y, float *Z, int32_t n,
                                                     int xstep, int ystep) {
  switch (op) {
    case VS_OP_Add: case VS_OP_AddV2: case VS_OP_AssignAdd: FLAT_F32_LOOP(wasm_f32x4_add, S_ADD); return 1;
    case VS_OP_Sub: case VS_OP_AssignSub: FLAT_F32_LOOP(wasm_f32x4_sub, S_SUB); return 1;
    case VS_OP_Mul: FLAT_F32_LOOP(wasm_f32x4_mul, S_MUL); return 1;
    case VS_OP_RealDiv: case VS_OP_Div: FLAT_F32_LOOP(wasm_f32x4_div, S_DIV); return 1;
    default: return 0;
  }
}

/* 1 when strides `s` walk `dims` densely in row-major order, 0 when they broadcast one value
 * everywhere, -1 otherwise (size-1 dims may carry any stride). */
static int flat_kind(int32_t rank, const int32_t *dims, const int32_t *s) {
  int dense = 1, scalar = 1;
  int64_t expect = 1;
  for (int d = rank - 1; d >= 0; d--) {
    if (dims[d] == 1) continue;
    if (s[d] != expect) dense = 0;
    if (s[d] != 0) scalar = 0;
    expect *= dims[d];
  }
  return dense ? 1 : scalar ? 0 : -1;
}

/* Every dtype and op through the N-d driver: a very large function (each op and dtype is a
 * specialised loop nest), separate from the small checks and fast path of vs_binary (see the
 * note on the unary kernels about wasm-opt inlining it back). */
static __attribute__((noinline)) int32_t binary_generic(int32_t op, int32_t dtype, const void *x, const void *y,
                                                        void *z, int32_t rank, const int32_t *dims,
                                                        const int32_t *xs, const int32_t *ys) {
  int_div_by_zero = 0; int_negative_pow = 0;
  switch (dtype) {
    case VS_DT_FLOAT: switch (op) { FLOAT_BINARY_CASES(float, fmodf, floorf, powf, f_floor_modf) default: break; } break;
    case VS_DT_DOUBLE: switch (op) { FLOAT_BINARY_CASES(double, fmod, floor, pow, f_floor_mod) default: break; } break;
    case VS_DT_INT32: switch (op) { INT_BINARY_CASES(int32_t, i32) default: break; } break;
    case VS_DT_INT64: switch (op) { INT_BINARY_CASES(int64_t, i64) default: break; } break;
    case VS_DT_UINT8: switch (op) { INT_BINARY_CASES(uint8_t, u8) default: break; } break;
    case VS_DT_BOOL:
      switch (op) {
        case VS_OP_LogicalAnd: BINARY_ND(uint8_t, uint8_t, (uint8_t)(a && b)); return VS_OK;
        case VS_OP_LogicalOr: BINARY_ND(uint8_t, uint8_t, (uint8_t)(a || b)); return VS_OK;
        case VS_OP_Equal: BINARY_ND(uint8_t, uint8_t, a == b); return VS_OK;
        case VS_OP_NotEqual: BINARY_ND(uint8_t, uint8_t, a != b); return VS_OK;
        default: break;
      }
      break;
    default: break;
  }
  return VS_ERR_UNSUPPORTED;
int_checks:
  if (int_div_by_zero) return VS_ERR_DIV_BY_ZERO;
  if (int_negative_pow) return VS_ERR_NEGATIVE_POW;
  return VS_OK;
}

VS_EXPORT(vs_binary) int32_t vs_binary(int32_t op, int32_t dtype, const void *x, const void *y, void *z,
                                       int32_t rank, const int32_t *shape) {
  if (rank < 1 || rank > VS_MAX_RANK) return VS_ERR_ARGUMENT;
  VS_CHECK(shape, 3 * rank, 4);
  const int32_t *dims = shape, *xs = shape + rank, *ys = shape + 2 * rank;
  int bad = 0;
  int64_t total = 1;
  for (int d = 0; d < rank; d++) total *= dims[d] < 0 ? (bad = 1, 0) : dims[d];
  int64_t nx = reach(rank, dims, xs, &bad), ny = reach(rank, dims, ys, &bad);
  if (bad) return VS_ERR_ARGUMENT;
  if (total == 0) return VS_OK;
  int32_t es = vs_dtype_size(dtype);
  int32_t zs = (op >= VS_OP_Equal && op <= VS_OP_GreaterEqual) || op == VS_OP_LogicalAnd || op == VS_OP_LogicalOr ? 1 : es;
  if (es == 0) return VS_ERR_UNSUPPORTED;
  if (!vs_in_bounds(x, (uint64_t)nx * es) || !vs_in_bounds(y, (uint64_t)ny * es) ||
      !vs_in_bounds(z, (uint64_t)total * zs)) return VS_ERR_BOUNDS;
  if (dtype == VS_DT_FLOAT && total <= INT32_MAX) {
    const int kx = flat_kind(rank, dims, xs), ky = flat_kind(rank, dims, ys);
    /* a broadcast value is read once before its loop, so in-place calls (z == x) are safe */
    if (kx >= 0 && ky >= 0 && (kx || ky) &&
        binary_flat_f32(op, (const float *)x, (const float *)y, (float *)z, (int32_t)total, kx, ky)) return VS_OK;
  }
  return binary_generic(op, dtype, x, y, z, rank, dims, xs, ys);
}


/* ---- unary ---- */

#define UNARY_LOOP(T, BODY) \
  do { const T *restrict X = (const T *)x; T *restrict Y = (T *)y; \
       for (int32_t i = 0; i < n; i++) { T a = X[i]; Y[i] = (BODY); } } while (0)

/* float32 ops with SIMD bodies. Four vectors an iteration, then single vectors, then the tail
 * through the same vector code on a zero-padded copy so that every element sees the identical
 * polynomial. Meant to stay out of line so that V8 optimises them without compiling all of
 * vs_unary, but emcc's wasm-opt inlines single-caller functions whatever the attribute (see
 * the README: an open item). */
#define DEFINE_SIMD_UNARY_F32(NAME, VBODY)                                                    \
  static __attribute__((noinline)) void NAME(const float *X, float *Y, int32_t n) {           \
    int32_t i = 0;                                                                            \
    for (; i + 16 <= n; i += 16) {                                                            \
      v128_t v0 = wasm_v128_load(X + i), v1 = wasm_v128_load(X + i + 4);                      \
      v128_t v2 = wasm_v128_load(X + i + 8), v3 = wasm_v128_load(X + i + 12);                 \
      { v128_t v = v0; v0 = (VBODY); } { v128_t v = v1; v1 = (VBODY); }                        \
      { v128_t v = v2; v2 = (VBODY); } { v128_t v = v3; v3 = (VBODY); }                        \
      wasm_v128_store(Y + i, v0); wasm_v128_store(Y + i + 4, v1);                             \
      wasm_v128_store(Y + i + 8, v2); wasm_v128_store(Y + i + 12, v3);                        \
    }                                                                                         \
    for (; i + 4 <= n; i += 4) { v128_t v = wasm_v128_load(X + i); wasm_v128_store(Y + i, (VBODY)); } \
    if (i < n) {                                                                              \
      float tmp[4] = {0, 0, 0, 0}; memcpy(tmp, X + i, (size_t)(n - i) * 4);                   \
      v128_t v = wasm_v128_load(tmp); wasm_v128_store(tmp, (VBODY));                          \
      memcpy(Y + i, tmp, (size_t)(n - i) * 4);                                                \
    }                                                                                         \
  }
DEFINE_SIMD_UNARY_F32(exp_f32, vs_exp_f32x4(v))
DEFINE_SIMD_UNARY_F32(sigmoid_f32, vs_sigmoid_f32x4(v))
DEFINE_SIMD_UNARY_F32(tanh_f32, vs_tanh_f32x4(v))
/* max(x, 0) with NaN kept: pmax(x, 0) = x < 0 ? 0 : x keeps NaN */
DEFINE_SIMD_UNARY_F32(relu_f32, wasm_f32x4_pmax(v, wasm_f32x4_splat(0.0f)))

static inline double softplus_d(double a, double threshold) {
  if (a > threshold) return a;
  if (a < -threshold) return exp(a);
  return log1p(exp(a));
}

#define FLOAT_UNARY_CASES(T, SUF, THRESH)                                                     \
  case VS_OP_Neg: UNARY_LOOP(T, -a); return VS_OK;                                            \
  case VS_OP_Abs: UNARY_LOOP(T, fabs##SUF(a)); return VS_OK;                                  \
  case VS_OP_Sign: UNARY_LOOP(T, a > 0 ? (T)1 : a < 0 ? (T)-1 : a); return VS_OK;             \
  case VS_OP_Square: UNARY_LOOP(T, a * a); return VS_OK;                                      \
  case VS_OP_Sqrt: UNARY_LOOP(T, sqrt##SUF(a)); return VS_OK;                                 \
  case VS_OP_Rsqrt: UNARY_LOOP(T, (T)1 / sqrt##SUF(a)); return VS_OK;                         \
  case VS_OP_Reciprocal: UNARY_LOOP(T, (T)1 / a); return VS_OK;                               \
  case VS_OP_Log: UNARY_LOOP(T, log##SUF(a)); return VS_OK;                                   \
  case VS_OP_Log1p: UNARY_LOOP(T, log1p##SUF(a)); return VS_OK;                               \
  case VS_OP_Sin: UNARY_LOOP(T, sin##SUF(a)); return VS_OK;                                   \
  case VS_OP_Cos: UNARY_LOOP(T, cos##SUF(a)); return VS_OK;                                   \
  case VS_OP_Floor: UNARY_LOOP(T, floor##SUF(a)); return VS_OK;                               \
  case VS_OP_Ceil: UNARY_LOOP(T, ceil##SUF(a)); return VS_OK;                                 \
  case VS_OP_Round: UNARY_LOOP(T, rint##SUF(a)); return VS_OK;                                \
  case VS_OP_Relu6: UNARY_LOOP(T, a != a ? a : a < 0 ? (T)0 : a > 6 ? (T)6 : a); return VS_OK;\
  case VS_OP_Softplus: UNARY_LOOP(T, (T)softplus_d(a, THRESH)); return VS_OK;                 \
  case VS_OP_Elu: UNARY_LOOP(T, a > 0 ? a : (T)expm1(a)); return VS_OK;                       \
  case VS_OP_LeakyRelu: UNARY_LOOP(T, a > 0 ? a : (T)(alpha * a)); return VS_OK;

#define INT_UNARY_CASES(T)                                                                    \
  case VS_OP_Neg: UNARY_LOOP(T, (T)(0 - a)); return VS_OK;                                    \
  case VS_OP_Abs: UNARY_LOOP(T, a < 0 ? (T)(0 - a) : a); return VS_OK;                        \
  case VS_OP_Sign: UNARY_LOOP(T, (T)(a > 0 ? 1 : a < 0 ? -1 : 0)); return VS_OK;              \
  case VS_OP_Square: UNARY_LOOP(T, (T)(a * a)); return VS_OK;                                 \
  case VS_OP_Round: UNARY_LOOP(T, a); return VS_OK;                                           \
  case VS_OP_Relu: UNARY_LOOP(T, a > 0 ? a : (T)0); return VS_OK;

/* Every other dtype and op (see binary_generic). */
static __attribute__((noinline)) int32_t unary_generic(int32_t op, int32_t dtype, const void *x, void *y, int32_t n,
                                                       double alpha) {
  switch (dtype) {
    case VS_DT_FLOAT:
      switch (op) {
        /* threshold = -log(FLT_EPSILON) + 2, as TensorFlow's softplus_op.h */
        FLOAT_UNARY_CASES(float, f, 17.942385152878742)
        default: break;
      }
      break;
    case VS_DT_DOUBLE:
      switch (op) {
        case VS_OP_Exp: UNARY_LOOP(double, exp(a)); return VS_OK;
        case VS_OP_Sigmoid: UNARY_LOOP(double, 1.0 / (1.0 + exp(-a))); return VS_OK;
        case VS_OP_Tanh: UNARY_LOOP(double, tanh(a)); return VS_OK;
        case VS_OP_Relu: UNARY_LOOP(double, a > 0 ? a : (a != a ? a : 0.0)); return VS_OK;
        FLOAT_UNARY_CASES(double, , 38.04365338911715)
        default: break;
      }
      break;
    case VS_DT_INT32: switch (op) { INT_UNARY_CASES(int32_t) default: break; } break;
    case VS_DT_INT64: switch (op) { INT_UNARY_CASES(int64_t) default: break; } break;
    case VS_DT_UINT8:
      switch (op) {
        case VS_OP_Square: UNARY_LOOP(uint8_t, (uint8_t)(a * a)); return VS_OK;
        case VS_OP_Relu: UNARY_LOOP(uint8_t, a); return VS_OK;
        default: break;
      }
      break;
    case VS_DT_BOOL:
      if (op == VS_OP_LogicalNot) { UNARY_LOOP(uint8_t, (uint8_t)!a); return VS_OK; }
      break;
    default: break;
  }
  return VS_ERR_UNSUPPORTED;
}

VS_EXPORT(vs_unary) int32_t vs_unary(int32_t op, int32_t dtype, const void *x, void *y, int32_t n, double alpha) {
  int32_t es = vs_dtype_size(dtype);
  if (es == 0) return VS_ERR_UNSUPPORTED;
  VS_CHECK(x, n, es);
  VS_CHECK(y, n, es);
  if (n == 0) return VS_OK;
  if (dtype == VS_DT_FLOAT) {
    switch (op) {
      case VS_OP_Exp: exp_f32((const float *)x, (float *)y, n); return VS_OK;
      case VS_OP_Sigmoid: sigmoid_f32((const float *)x, (float *)y, n); return VS_OK;
      case VS_OP_Tanh: tanh_f32((const float *)x, (float *)y, n); return VS_OK;
      case VS_OP_Relu: relu_f32((const float *)x, (float *)y, n); return VS_OK;
      default: break;
    }
  }
  return unary_generic(op, dtype, x, y, n, alpha);
}

/* ---- cast ---- */

static inline double load_as_double(int32_t dt, const void *p, int32_t i) {
  switch (dt) {
    case VS_DT_FLOAT: return ((const float *)p)[i];
    case VS_DT_DOUBLE: return ((const double *)p)[i];
    case VS_DT_INT32: return ((const int32_t *)p)[i];
    case VS_DT_UINT8: case VS_DT_BOOL: return ((const uint8_t *)p)[i];
    default: return 0;
  }
}

VS_EXPORT(vs_cast) int32_t vs_cast(int32_t src, int32_t dst, const void *x, void *y, int32_t n) {
  int32_t ss = vs_dtype_size(src), ds = vs_dtype_size(dst);
  int ok = 1;
  for (int k = 0; k < 2; k++) {
    int32_t d = k ? dst : src;
    if (d != VS_DT_FLOAT && d != VS_DT_DOUBLE && d != VS_DT_INT32 && d != VS_DT_INT64 &&
        d != VS_DT_UINT8 && d != VS_DT_BOOL) ok = 0;
  }
  if (!ok) return VS_ERR_UNSUPPORTED;
  VS_CHECK(x, n, ss);
  VS_CHECK(y, n, ds);
  if (src == dst) { memmove(y, x, (size_t)n * ss); return VS_OK; }
  /* int64 goes through int64 so that values beyond 2^53 convert exactly between integers. */
  if (src == VS_DT_INT64) {
    const int64_t *X = (const int64_t *)x;
    for (int32_t i = 0; i < n; i++) {
      int64_t v = X[i];
      switch (dst) {
        case VS_DT_FLOAT: ((float *)y)[i] = (float)v; break;
        case VS_DT_DOUBLE: ((double *)y)[i] = (double)v; break;
        case VS_DT_INT32: ((int32_t *)y)[i] = (int32_t)v; break; /* wraps, as TensorFlow's static_cast */
        case VS_DT_UINT8: ((uint8_t *)y)[i] = (uint8_t)v; break;
        case VS_DT_BOOL: ((uint8_t *)y)[i] = v != 0; break;
      }
    }
    return VS_OK;
  }
  if (src == VS_DT_FLOAT && dst == VS_DT_INT32) {
    const float *X = (const float *)x; int32_t *Y = (int32_t *)y;
    for (int32_t i = 0; i < n; i++) Y[i] = vs_f2i32(X[i]);
    return VS_OK;
  }
  if (src == VS_DT_INT32 && dst == VS_DT_FLOAT) {
    const int32_t *X = (const int32_t *)x; float *Y = (float *)y;
    for (int32_t i = 0; i < n; i++) Y[i] = (float)X[i];
    return VS_OK;
  }
  int src_int = src == VS_DT_INT32 || src == VS_DT_UINT8 || src == VS_DT_BOOL;
  for (int32_t i = 0; i < n; i++) {
    double v = load_as_double(src, x, i);
    switch (dst) {
      case VS_DT_FLOAT: ((float *)y)[i] = (float)v; break;
      case VS_DT_DOUBLE: ((double *)y)[i] = v; break;
      case VS_DT_INT32: ((int32_t *)y)[i] = vs_f2i32(v); break;
      case VS_DT_INT64: ((int64_t *)y)[i] = vs_f2i64(v); break;
      /* integer -> uint8 wraps (static_cast); float -> uint8 truncates through int32 and wraps,
       * as TensorFlow's x86 build does (-43.5 -> 213). */
      case VS_DT_UINT8: ((uint8_t *)y)[i] = (uint8_t)(src_int ? (int32_t)v : vs_f2i32(v)); break;
      case VS_DT_BOOL: ((uint8_t *)y)[i] = v != 0; break;
    }
  }
  return VS_OK;
}

/* ---- fill, select, clip, add_n, range ---- */

VS_EXPORT(vs_fill) int32_t vs_fill(int32_t es, void *y, int32_t n, const void *value) {
  if (es != 1 && es != 2 && es != 4 && es != 8 && es != 16) return VS_ERR_ARGUMENT;
  VS_CHECK(y, n, es);
  VS_CHECK(value, 1, es);
  if (n == 0) return VS_OK;
  uint8_t v[16];
  memcpy(v, value, (size_t)es);
  switch (es) {
    case 1: memset(y, v[0], (size_t)n); break;
    case 4: { uint32_t w; memcpy(&w, v, 4); uint32_t *Y = (uint32_t *)y; for (int32_t i = 0; i < n; i++) Y[i] = w; break; }
    default: for (int32_t i = 0; i < n; i++) memcpy((uint8_t *)y + (size_t)i * es, v, (size_t)es);
  }
  return VS_OK;
}

VS_EXPORT(vs_select) int32_t vs_select(int32_t es, const uint8_t *cond, const void *t, const void *e, void *out,
                                       int32_t n, int32_t inner) {
  if (es <= 0 || es > 16 || inner <= 0 || n < 0 || n % inner != 0) return VS_ERR_ARGUMENT;
  VS_CHECK(cond, n / inner, 1);
  VS_CHECK(t, n, es); VS_CHECK(e, n, es); VS_CHECK(out, n, es);
  for (int32_t i = 0; i < n / inner; i++) {
    const uint8_t *src = (const uint8_t *)(cond[i] ? t : e) + (size_t)i * inner * es;
    memmove((uint8_t *)out + (size_t)i * inner * es, src, (size_t)inner * es);
  }
  return VS_OK;
}

#define CLIP_LOOP(T, MAXF, MINF)                                                              \
  do { const T *X = (const T *)x, *L = (const T *)lo, *H = (const T *)hi; T *Y = (T *)y;     \
       for (int32_t i = 0; i < n; i++) {                                                      \
         T l = L[lo_n == 1 ? 0 : i], h = H[hi_n == 1 ? 0 : i];                                \
         Y[i] = MINF(MAXF(X[i], l), h); } } while (0)

VS_EXPORT(vs_clip) int32_t vs_clip(int32_t dtype, const void *x, const void *lo, int32_t lo_n, const void *hi,
                                   int32_t hi_n, void *y, int32_t n) {
  int32_t es = vs_dtype_size(dtype);
  if ((lo_n != 1 && lo_n != n) || (hi_n != 1 && hi_n != n)) return VS_ERR_ARGUMENT;
  VS_CHECK(x, n, es); VS_CHECK(lo, lo_n, es); VS_CHECK(hi, hi_n, es); VS_CHECK(y, n, es);
  switch (dtype) {
    case VS_DT_FLOAT: CLIP_LOOP(float, F_MAXIMUM, F_MINIMUM); return VS_OK;
    case VS_DT_DOUBLE: CLIP_LOOP(double, F_MAXIMUM, F_MINIMUM); return VS_OK;
    case VS_DT_INT32: CLIP_LOOP(int32_t, I_MAXIMUM, I_MINIMUM); return VS_OK;
    case VS_DT_INT64: CLIP_LOOP(int64_t, I_MAXIMUM, I_MINIMUM); return VS_OK;
    case VS_DT_UINT8: CLIP_LOOP(uint8_t, I_MAXIMUM, I_MINIMUM); return VS_OK;
    default: return VS_ERR_UNSUPPORTED;
  }
}

#define ADDN_LOOP(T)                                                                          \
  do { T *O = (T *)out; const T *first = (const T *)(uintptr_t)ptrs[0];                       \
       memmove(O, first, (size_t)n * sizeof(T));                                             \
       for (int32_t k = 1; k < count; k++) { const T *P = (const T *)(uintptr_t)ptrs[k];      \
         for (int32_t i = 0; i < n; i++) O[i] = (T)(O[i] + P[i]); } } while (0)

VS_EXPORT(vs_add_n) int32_t vs_add_n(int32_t dtype, const uint32_t *ptrs, int32_t count, void *out, int32_t n) {
  int32_t es = vs_dtype_size(dtype);
  if (count < 1) return VS_ERR_ARGUMENT;
  VS_CHECK(ptrs, count, 4);
  VS_CHECK(out, n, es);
  for (int32_t k = 0; k < count; k++) VS_CHECK((const void *)(uintptr_t)ptrs[k], n, es);
  if (n == 0) return VS_OK;
  switch (dtype) {
    case VS_DT_FLOAT: ADDN_LOOP(float); return VS_OK;
    case VS_DT_DOUBLE: ADDN_LOOP(double); return VS_OK;
    case VS_DT_INT32: ADDN_LOOP(int32_t); return VS_OK;
    case VS_DT_INT64: ADDN_LOOP(int64_t); return VS_OK;
    case VS_DT_UINT8: ADDN_LOOP(uint8_t); return VS_OK;
    default: return VS_ERR_UNSUPPORTED;
  }
}

VS_EXPORT(vs_range) int32_t vs_range(int32_t dtype, void *out, int32_t n, double start, double delta) {
  int32_t es = vs_dtype_size(dtype);
  VS_CHECK(out, n, es);
  for (int32_t i = 0; i < n; i++) {
    double v = start + (double)i * delta;
    switch (dtype) {
      case VS_DT_FLOAT: ((float *)out)[i] = (float)v; break;
      case VS_DT_DOUBLE: ((double *)out)[i] = v; break;
      case VS_DT_INT32: ((int32_t *)out)[i] = vs_f2i32(v); break;
      case VS_DT_INT64: ((int64_t *)out)[i] = vs_f2i64(v); break;
      default: return VS_ERR_UNSUPPORTED;
    }
  }
  return VS_OK;
}

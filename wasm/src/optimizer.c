/* Fused optimizer updates, with TensorFlow's formulas (training_ops.cc), computed in the
 * variable's own precision. `p` holds the op's inputs in schema order. */
#include "vs_common.h"

#define S(i) (((const elem_t *)(uintptr_t)p[i])[0])
#define V(i) ((elem_t *)(uintptr_t)p[i])

#define APPLY_BODY(T, SQRT)                                                                   \
  do {                                                                                        \
    typedef T elem_t;                                                                         \
    switch (op) {                                                                             \
      case VS_OP_ApplyGradientDescent: {                                                      \
        T *var = V(0); const T alpha = S(1); const T *delta = V(2);                           \
        for (int32_t i = 0; i < n; i++) var[i] -= alpha * delta[i];                           \
        return VS_OK;                                                                         \
      }                                                                                       \
      case VS_OP_ApplyMomentum: {                                                             \
        T *var = V(0), *accum = V(1); const T lr = S(2), momentum = S(4); const T *grad = V(3); \
        for (int32_t i = 0; i < n; i++) {                                                     \
          accum[i] = accum[i] * momentum + grad[i];                                           \
          if (flag) var[i] -= grad[i] * lr + accum[i] * momentum * lr;                        \
          else var[i] -= lr * accum[i];                                                       \
        }                                                                                     \
        return VS_OK;                                                                         \
      }                                                                                       \
      case VS_OP_ApplyAdam: {                                                                 \
        T *var = V(0), *m = V(1), *v = V(2); const T *grad = V(9);                            \
        const T b1p = S(3), b2p = S(4), lr = S(5), b1 = S(6), b2 = S(7), eps = S(8);          \
        const T alpha = lr * SQRT((T)1 - b2p) / ((T)1 - b1p);                                 \
        for (int32_t i = 0; i < n; i++) {                                                     \
          const T g = grad[i];                                                                \
          m[i] += (g - m[i]) * ((T)1 - b1);                                                   \
          v[i] += (g * g - v[i]) * ((T)1 - b2);                                               \
          if (flag) var[i] -= ((g * ((T)1 - b1) + b1 * m[i]) * alpha) / (SQRT(v[i]) + eps);   \
          else var[i] -= (m[i] * alpha) / (SQRT(v[i]) + eps);                                 \
        }                                                                                     \
        return VS_OK;                                                                         \
      }                                                                                       \
      case VS_OP_ApplyRMSProp: {                                                              \
        T *var = V(0), *ms = V(1), *mom = V(2); const T *grad = V(7);                         \
        const T lr = S(3), rho = S(4), momentum = S(5), eps = S(6);                           \
        for (int32_t i = 0; i < n; i++) {                                                     \
          const T g = grad[i];                                                                \
          ms[i] += (g * g - ms[i]) * ((T)1 - rho);                                            \
          mom[i] = mom[i] * momentum + (g * lr) / SQRT(ms[i] + eps);                          \
          var[i] -= mom[i];                                                                   \
        }                                                                                     \
        return VS_OK;                                                                         \
      }                                                                                       \
      case VS_OP_ApplyCenteredRMSProp: {                                                      \
        T *var = V(0), *mg = V(1), *ms = V(2), *mom = V(3); const T *grad = V(8);             \
        const T lr = S(4), rho = S(5), momentum = S(6), eps = S(7);                           \
        for (int32_t i = 0; i < n; i++) {                                                     \
          const T g = grad[i];                                                                \
          ms[i] += (g * g - ms[i]) * ((T)1 - rho);                                            \
          mg[i] += (g - mg[i]) * ((T)1 - rho);                                                \
          mom[i] = mom[i] * momentum + (g * lr) / SQRT(ms[i] - mg[i] * mg[i] + eps);          \
          var[i] -= mom[i];                                                                   \
        }                                                                                     \
        return VS_OK;                                                                         \
      }                                                                                       \
      case VS_OP_ApplyAdagrad: {                                                              \
        T *var = V(0), *accum = V(1); const T lr = S(2); const T *grad = V(3);                \
        for (int32_t i = 0; i < n; i++) {                                                     \
          if (flag) accum[i] += grad[i] * grad[i];                                            \
          var[i] -= grad[i] * lr / SQRT(accum[i]);                                            \
        }                                                                                     \
        return VS_OK;                                                                         \
      }                                                                                       \
      default: return VS_ERR_UNSUPPORTED;                                                     \
    }                                                                                         \
  } while (0)

/* Which inputs are scalars, per op (bit i set: input i holds one element). */
static int32_t scalar_mask(int32_t op, int32_t *count) {
  switch (op) {
    case VS_OP_ApplyGradientDescent: *count = 3; return 0x2;
    case VS_OP_ApplyMomentum: *count = 5; return 0x4 | 0x10;
    case VS_OP_ApplyAdam: *count = 10; return 0x1f8;
    case VS_OP_ApplyRMSProp: *count = 8; return 0x78;
    case VS_OP_ApplyCenteredRMSProp: *count = 9; return 0xf0;
    case VS_OP_ApplyAdagrad: *count = 4; return 0x4;
    default: *count = 0; return -1;
  }
}

VS_EXPORT(vs_apply_update) int32_t vs_apply_update(int32_t op, int32_t dtype, const uint32_t *p, int32_t count,
                                                   int32_t n, int32_t flag) {
  int32_t expected;
  const int32_t mask = scalar_mask(op, &expected);
  if (mask < 0) return VS_ERR_UNSUPPORTED;
  if (count != expected || n < 0) return VS_ERR_ARGUMENT;
  const int32_t es = vs_dtype_size(dtype);
  if (dtype != VS_DT_FLOAT && dtype != VS_DT_DOUBLE) return VS_ERR_UNSUPPORTED;
  VS_CHECK(p, count, 4);
  for (int32_t i = 0; i < count; i++) VS_CHECK((const void *)(uintptr_t)p[i], (mask >> i) & 1 ? 1 : n, es);
  if (n == 0) return VS_OK;
  if (dtype == VS_DT_FLOAT) { APPLY_BODY(float, sqrtf); }
  else { APPLY_BODY(double, sqrt); }
}

/* Internal helpers shared by the kernel sources: bounds checks, dtype dispatch, exports. */
#ifndef VS_COMMON_H
#define VS_COMMON_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wasm_simd128.h>
#include "vs_kernels.h"

#ifdef __wasm__
#define VS_EXPORT(name) __attribute__((export_name(#name), used))
#else
#define VS_EXPORT(name)
#endif

/* Bytes of linear memory now; the native test build has no such bound (see vs_common.c). */
uint64_t vs_memory_limit(void);

/* Is [p, p + bytes) inside linear memory? 64-bit arithmetic: no wrap-around. */
static inline int vs_in_bounds(const void *p, uint64_t bytes) {
  if (bytes == 0) return 1;
  if (p == NULL) return 0;
#ifdef __wasm__
  return (uint64_t)(uintptr_t)p + bytes <= vs_memory_limit();
#else
  return 1;
#endif
}

#define VS_CHECK(p, count, esize) \
  do { if ((count) < 0 || !vs_in_bounds((p), (uint64_t)(count) * (uint64_t)(esize))) return VS_ERR_BOUNDS; } while (0)
#define VS_CHECK_NONNEG(v) do { if ((v) < 0) return VS_ERR_ARGUMENT; } while (0)

void vs_set_error_detail(double a, double b, double c);

/* Byte size of a dtype's element, 0 for the ones no kernel takes. */
int32_t vs_dtype_size(int32_t dtype);

/* Saturating float -> integer conversions: NaN -> 0, out-of-range clamps. C leaves these
 * undefined and WebAssembly's plain truncation traps, so every kernel converts through here. */
static inline int32_t vs_f2i32(double v) {
  if (v != v) return 0;
  if (v >= 2147483647.0) return INT32_MAX;
  if (v <= -2147483648.0) return INT32_MIN;
  return (int32_t)v;
}
static inline int64_t vs_f2i64(double v) {
  if (v != v) return 0;
  if (v >= 9223372036854775807.0) return INT64_MAX;
  if (v <= -9223372036854775808.0) return INT64_MIN;
  return (int64_t)v;
}

#endif

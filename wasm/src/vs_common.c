/* Memory entry points and the error-detail slot. */
#include <stdlib.h>
#include "vs_common.h"

static double error_detail[3];

void vs_set_error_detail(double a, double b, double c) {
  error_detail[0] = a; error_detail[1] = b; error_detail[2] = c;
}

VS_EXPORT(vs_error_detail) double vs_error_detail(int32_t i) {
  return i >= 0 && i < 3 ? error_detail[i] : 0.0;
}

VS_EXPORT(vs_malloc) void *vs_malloc(uint32_t bytes) {
  /* 16-byte alignment for v128 loads; a zero-byte request still gets a unique pointer. */
  return aligned_alloc(16, bytes == 0 ? 16 : ((size_t)bytes + 15u) & ~(size_t)15u);
}

VS_EXPORT(vs_free) void vs_free(void *p) { free(p); }

uint64_t vs_memory_limit(void) {
#ifdef __wasm__
  return (uint64_t)__builtin_wasm_memory_size(0) * 65536u;
#else
  return UINT64_MAX;
#endif
}

VS_EXPORT(vs_memory_bytes) uint32_t vs_memory_bytes(void) {
  uint64_t m = vs_memory_limit();
  return m > UINT32_MAX ? UINT32_MAX : (uint32_t)m;
}

int32_t vs_dtype_size(int32_t dtype) {
  switch (dtype) {
    case VS_DT_FLOAT: case VS_DT_INT32: case VS_DT_UINT32: case VS_DT_QINT32: return 4;
    case VS_DT_DOUBLE: case VS_DT_INT64: case VS_DT_UINT64: case VS_DT_COMPLEX64: return 8;
    case VS_DT_UINT8: case VS_DT_INT8: case VS_DT_BOOL: case VS_DT_QINT8: case VS_DT_QUINT8: return 1;
    case VS_DT_INT16: case VS_DT_UINT16: case VS_DT_HALF: case VS_DT_BFLOAT16:
    case VS_DT_QINT16: case VS_DT_QUINT16: return 2;
    case VS_DT_COMPLEX128: return 16;
    default: return 0;
  }
}

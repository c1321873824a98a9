/* Data movement: one strided N-d copy serves Transpose, Slice, StridedSlice, Tile, Pad,
 * ConcatV2, Pack, Unpack, Split and broadcasts (the loader computes the strides); plus
 * GatherV2 and OneHot, which index by data. */
#include "vs_common.h"

/* Copies one innermost row of `count` elements of `es` bytes with element strides. */
static inline void copy_row(int32_t es, const uint8_t *s, int64_t ss, uint8_t *d, int64_t ds, int64_t count) {
  if (ss == 1 && ds == 1) { memmove(d, s, (size_t)(count * es)); return; }
  switch (es) {
#define ROW(T) { const T *S = (const T *)s; T *D = (T *)d; for (int64_t i = 0; i < count; i++) D[i * ds] = S[i * ss]; return; }
    case 1: ROW(uint8_t)
    case 2: ROW(uint16_t)
    case 4: ROW(uint32_t)
    case 8: ROW(uint64_t)
#undef ROW
    default:
      for (int64_t i = 0; i < count; i++) memcpy(d + i * ds * es, s + i * ss * es, (size_t)es);
  }
}

/* The lowest and highest element offsets that strides reach over dims (strides may be < 0). */
static void extent(int32_t rank, const int32_t *dims, const int32_t *s, int64_t *lo, int64_t *hi) {
  *lo = 0; *hi = 0;
  for (int d = 0; d < rank; d++) {
    int64_t span = (int64_t)(dims[d] - 1) * s[d];
    if (span < 0) *lo += span; else *hi += span;
  }
}

VS_EXPORT(vs_copy_strided) int32_t vs_copy_strided(int32_t es, int32_t rank, const int32_t *layout,
                                                   const void *src, void *dst) {
  if (es <= 0 || es > 16 || rank < 1 || rank > VS_MAX_RANK) return VS_ERR_ARGUMENT;
  VS_CHECK(layout, 3 * rank, 4);
  const int32_t *dims = layout, *ss = layout + rank, *ds = layout + 2 * rank;
  int64_t total = 1;
  for (int d = 0; d < rank; d++) { if (dims[d] < 0) return VS_ERR_ARGUMENT; total *= dims[d]; }
  if (total == 0) return VS_OK;
  int64_t slo, shi, dlo, dhi;
  extent(rank, dims, ss, &slo, &shi);
  extent(rank, dims, ds, &dlo, &dhi);
  const uint8_t *S = (const uint8_t *)src; uint8_t *D = (uint8_t *)dst;
  /* bounds of the lowest..highest byte touched, checked without forming out-of-range pointers */
  if ((int64_t)(uintptr_t)S + slo * es < 0 || (int64_t)(uintptr_t)D + dlo * es < 0) return VS_ERR_BOUNDS;
  if (!vs_in_bounds((const void *)(uintptr_t)((int64_t)(uintptr_t)S + slo * es), (uint64_t)(shi - slo + 1) * es) ||
      !vs_in_bounds((const void *)(uintptr_t)((int64_t)(uintptr_t)D + dlo * es), (uint64_t)(dhi - dlo + 1) * es))
    return VS_ERR_BOUNDS;
  const int last = rank - 1;
  const int64_t inner = dims[last], outer = total / inner;
  int32_t idx[VS_MAX_RANK] = {0};
  int64_t os = 0, od = 0;
  for (int64_t o = 0; o < outer; o++) {
    copy_row(es, S + os * es, ss[last], D + od * es, ds[last], inner);
    for (int d = last - 1; d >= 0; d--) {
      os += ss[d]; od += ds[d];
      if (++idx[d] < dims[d]) break;
      os -= (int64_t)ss[d] * dims[d]; od -= (int64_t)ds[d] * dims[d]; idx[d] = 0;
    }
  }
  return VS_OK;
}

static inline int64_t load_index(int32_t dt, const void *p, int64_t i) {
  switch (dt) {
    case VS_DT_INT32: return ((const int32_t *)p)[i];
    case VS_DT_INT64: return ((const int64_t *)p)[i];
    default: return ((const uint8_t *)p)[i];
  }
}

VS_EXPORT(vs_gather) int32_t vs_gather(int32_t es, int32_t outer, int32_t axis_dim, int32_t inner, const void *params,
                                       int32_t index_dtype, const void *indices, int32_t n_indices, void *out) {
  if (es <= 0 || es > 16 || outer < 0 || axis_dim < 0 || inner < 0 || n_indices < 0) return VS_ERR_ARGUMENT;
  if (index_dtype != VS_DT_INT32 && index_dtype != VS_DT_INT64) return VS_ERR_UNSUPPORTED;
  int32_t is = vs_dtype_size(index_dtype);
  VS_CHECK(params, (int64_t)outer * axis_dim * inner, es);
  VS_CHECK(indices, n_indices, is);
  VS_CHECK(out, (int64_t)outer * n_indices * inner, es);
  /* validate every index before writing anything: a failed gather leaves no half-written output */
  for (int32_t j = 0; j < n_indices; j++) {
    int64_t v = load_index(index_dtype, indices, j);
    if (v < 0 || v >= axis_dim) { vs_set_error_detail(j, (double)v, axis_dim); return VS_ERR_INDEX; }
  }
  const size_t row = (size_t)inner * es;
  for (int64_t o = 0; o < outer; o++) {
    const uint8_t *P = (const uint8_t *)params + (size_t)o * axis_dim * row;
    uint8_t *O = (uint8_t *)out + (size_t)o * n_indices * row;
    for (int32_t j = 0; j < n_indices; j++)
      memcpy(O + (size_t)j * row, P + (size_t)load_index(index_dtype, indices, j) * row, row);
  }
  return VS_OK;
}

VS_EXPORT(vs_one_hot) int32_t vs_one_hot(int32_t es, int32_t index_dtype, const void *indices, int32_t outer,
                                         int32_t depth, int32_t inner, const void *on, const void *off, void *out) {
  if (es <= 0 || es > 16 || outer < 0 || depth < 0 || inner < 0) return VS_ERR_ARGUMENT;
  if (index_dtype != VS_DT_INT32 && index_dtype != VS_DT_INT64 && index_dtype != VS_DT_UINT8) return VS_ERR_UNSUPPORTED;
  VS_CHECK(indices, (int64_t)outer * inner, vs_dtype_size(index_dtype));
  VS_CHECK(on, 1, es); VS_CHECK(off, 1, es);
  VS_CHECK(out, (int64_t)outer * depth * inner, es);
  uint8_t *O = (uint8_t *)out;
  for (int64_t o = 0; o < outer; o++)
    for (int64_t d = 0; d < depth; d++)
      for (int64_t i = 0; i < inner; i++) {
        int64_t v = load_index(index_dtype, indices, o * inner + i);
        memcpy(O + (size_t)((o * depth + d) * inner + i) * es, v == d ? on : off, (size_t)es);
      }
  return VS_OK;
}

/* MaxPool / AvgPool (NHWC) and their gradients. Windows are clipped to the input; AvgPool
 * divides by the number of in-bounds elements (TensorFlow does not count padding). The max
 * gradient goes to the first maximum in row-major window order, as TensorFlow's CPU kernel. */
#include "vs_common.h"

VS_EXPORT(vs_pool) int32_t vs_pool(int32_t op, int32_t dtype, const int32_t *geom, const void *a, const void *b,
                                   void *out) {
  if (dtype != VS_DT_FLOAT && dtype != VS_DT_DOUBLE) return VS_ERR_UNSUPPORTED;
  VS_CHECK(geom, 15, 4);
  const int32_t N = geom[0], H = geom[1], W = geom[2], C = geom[3], KH = geom[4], KW = geom[5];
  const int32_t OH = geom[7], OW = geom[8], SH = geom[9], SW = geom[10], PT = geom[13], PL = geom[14];
  if (N < 0 || H < 0 || W < 0 || C < 0 || KH < 1 || KW < 1 || OH < 0 || OW < 0 || SH < 1 || SW < 1 || PT < 0 || PL < 0)
    return VS_ERR_ARGUMENT;
  const int32_t es = vs_dtype_size(dtype);
  const int64_t in_n = (int64_t)N * H * W * C, out_n = (int64_t)N * OH * OW * C;
  switch (op) {
    case VS_OP_MaxPool: case VS_OP_AvgPool: VS_CHECK(a, in_n, es); VS_CHECK(out, out_n, es); break;
    case VS_OP_MaxPoolGrad: VS_CHECK(a, in_n, es); VS_CHECK(b, out_n, es); VS_CHECK(out, in_n, es); break;
    case VS_OP_AvgPoolGrad: VS_CHECK(b, out_n, es); VS_CHECK(out, in_n, es); break;
    default: return VS_ERR_UNSUPPORTED;
  }
  if (op == VS_OP_MaxPoolGrad || op == VS_OP_AvgPoolGrad) memset(out, 0, (size_t)(in_n * es));
#define POOL_BODY(T)                                                                          \
  do {                                                                                        \
    const T *X = (const T *)a, *G = (const T *)b; T *Y = (T *)out;                            \
    for (int64_t n = 0; n < N; n++)                                                           \
      for (int32_t oy = 0; oy < OH; oy++)                                                     \
        for (int32_t ox = 0; ox < OW; ox++) {                                                 \
          const int32_t y0 = oy * SH - PT, x0 = ox * SW - PL;                                 \
          const int32_t ys = y0 < 0 ? 0 : y0, ye = y0 + KH < H ? y0 + KH : H;                 \
          const int32_t xs = x0 < 0 ? 0 : x0, xe = x0 + KW < W ? x0 + KW : W;                 \
          const int64_t o = ((n * OH + oy) * OW + ox) * C;                                    \
          const int64_t count = (int64_t)(ye - ys) * (xe - xs);                               \
          for (int32_t c = 0; c < C; c++) {                                                   \
            if (op == VS_OP_MaxPool || op == VS_OP_MaxPoolGrad) {                             \
              T best = -INFINITY; int64_t at = -1;                                            \
              for (int32_t iy = ys; iy < ye; iy++)                                            \
                for (int32_t ix = xs; ix < xe; ix++) {                                        \
                  const int64_t i = ((n * H + iy) * W + ix) * C + c;                          \
                  if (at < 0 || X[i] > best || (X[i] != X[i] && best == best)) { best = X[i]; at = i; } \
                }                                                                             \
              if (op == VS_OP_MaxPool) Y[o + c] = best;                                       \
              else if (at >= 0) Y[at] += G[o + c];                                            \
            } else if (op == VS_OP_AvgPool) {                                                 \
              double s = 0;                                                                   \
              for (int32_t iy = ys; iy < ye; iy++)                                            \
                for (int32_t ix = xs; ix < xe; ix++) s += X[((n * H + iy) * W + ix) * C + c]; \
              Y[o + c] = (T)(count > 0 ? s / (double)count : 0);                              \
            } else {                                                                          \
              if (count == 0) continue;                                                       \
              const T g = (T)(G[o + c] / (double)count);                                      \
              for (int32_t iy = ys; iy < ye; iy++)                                            \
                for (int32_t ix = xs; ix < xe; ix++) Y[((n * H + iy) * W + ix) * C + c] += g; \
            }                                                                                 \
          }                                                                                   \
        }                                                                                     \
  } while (0)
  if (dtype == VS_DT_FLOAT) POOL_BODY(float); else POOL_BODY(double);
#undef POOL_BODY
  return VS_OK;
}

/* Conv2D (NHWC input, HWIO filter) and its two backprops, as GEMMs over im2col blocks.
 *
 * The im2col matrix for a block of P output pixels is [P, KH·KW·C] and the filter is already
 * [KH·KW·C, O] row-major, so: forward y = cols·W; input grad dcols = dy·Wᵀ, then col2im
 * scatter-adds; filter grad dW += colsᵀ·dy. Blocks keep the scratch near 4 MiB whatever the
 * batch; a 1×1, stride-1, unpadded convolution skips im2col entirely. */
#include "gemm.h"
#include "vs_common.h"

/* Floats of im2col rows per block (-D for tuning experiments). */
#ifndef CONV_BLOCK_FLOATS
#define CONV_BLOCK_FLOATS (1 << 20)
#endif

typedef struct {
  int32_t n, h, w, c, kh, kw, o, oh, ow, sh, sw, dh, dw, pt, pl;
} conv_geom;

static int read_geom(const int32_t *g, conv_geom *q) {
  q->n = g[0]; q->h = g[1]; q->w = g[2]; q->c = g[3]; q->kh = g[4]; q->kw = g[5]; q->o = g[6];
  q->oh = g[7]; q->ow = g[8]; q->sh = g[9]; q->sw = g[10]; q->dh = g[11]; q->dw = g[12];
  q->pt = g[13]; q->pl = g[14];
  for (int i = 0; i < 9; i++) if (g[i] < 0) return 0;
  for (int i = 9; i < 13; i++) if (g[i] < 1) return 0;
  return q->pt >= 0 && q->pl >= 0;
}

/* Rows [p0, p0 + rows) of the im2col matrix (pixel p = (b·OH + y)·OW + x). */
static void im2col(const conv_geom *q, const float *x, int64_t p0, int32_t rows, float *cols) {
  const int64_t kk = (int64_t)q->kh * q->kw * q->c;
  for (int32_t r = 0; r < rows; r++) {
    const int64_t p = p0 + r;
    const int64_t b = p / ((int64_t)q->oh * q->ow), rem = p % ((int64_t)q->oh * q->ow);
    const int32_t oy = (int32_t)(rem / q->ow), ox = (int32_t)(rem % q->ow);
    float *dst = cols + r * kk;
    for (int32_t i = 0; i < q->kh; i++) {
      const int32_t iy = oy * q->sh - q->pt + i * q->dh;
      for (int32_t j = 0; j < q->kw; j++) {
        const int32_t ix = ox * q->sw - q->pl + j * q->dw;
        float *d = dst + ((int64_t)i * q->kw + j) * q->c;
        if (iy < 0 || iy >= q->h || ix < 0 || ix >= q->w) memset(d, 0, (size_t)q->c * 4);
        else memcpy(d, x + ((b * q->h + iy) * q->w + ix) * q->c, (size_t)q->c * 4);
      }
    }
  }
}

static void col2im_add(const conv_geom *q, const float *cols, int64_t p0, int32_t rows, float *dx) {
  const int64_t kk = (int64_t)q->kh * q->kw * q->c;
  for (int32_t r = 0; r < rows; r++) {
    const int64_t p = p0 + r;
    const int64_t b = p / ((int64_t)q->oh * q->ow), rem = p % ((int64_t)q->oh * q->ow);
    const int32_t oy = (int32_t)(rem / q->ow), ox = (int32_t)(rem % q->ow);
    const float *src = cols + r * kk;
    for (int32_t i = 0; i < q->kh; i++) {
      const int32_t iy = oy * q->sh - q->pt + i * q->dh;
      if (iy < 0 || iy >= q->h) continue;
      for (int32_t j = 0; j < q->kw; j++) {
        const int32_t ix = ox * q->sw - q->pl + j * q->dw;
        if (ix < 0 || ix >= q->w) continue;
        const float *restrict s = src + ((int64_t)i * q->kw + j) * q->c;
        float *restrict d = dx + ((b * q->h + iy) * q->w + ix) * q->c;
        for (int32_t ch = 0; ch < q->c; ch++) d[ch] += s[ch];
      }
    }
  }
}

VS_EXPORT(vs_conv2d) int32_t vs_conv2d(int32_t op, int32_t dtype, const int32_t *geom, const void *a, const void *b,
                                       void *out) {
  if (dtype != VS_DT_FLOAT) return VS_ERR_UNSUPPORTED;
  VS_CHECK(geom, 15, 4);
  conv_geom q;
  if (!read_geom(geom, &q)) return VS_ERR_ARGUMENT;
  const int64_t in_n = (int64_t)q.n * q.h * q.w * q.c, f_n = (int64_t)q.kh * q.kw * q.c * q.o;
  const int64_t pixels = (int64_t)q.n * q.oh * q.ow, out_n = pixels * q.o;
  const int64_t kk = (int64_t)q.kh * q.kw * q.c;
  const float *x = NULL, *w = NULL, *dy = NULL;
  float *y = (float *)out;
  switch (op) {
    case VS_OP_Conv2D: x = a; w = b; VS_CHECK(a, in_n, 4); VS_CHECK(b, f_n, 4); VS_CHECK(out, out_n, 4); break;
    case VS_OP_Conv2DBackpropInput: w = a; dy = b; VS_CHECK(a, f_n, 4); VS_CHECK(b, out_n, 4); VS_CHECK(out, in_n, 4); break;
    case VS_OP_Conv2DBackpropFilter: x = a; dy = b; VS_CHECK(a, in_n, 4); VS_CHECK(b, out_n, 4); VS_CHECK(out, f_n, 4); break;
    default: return VS_ERR_UNSUPPORTED;
  }
  const int direct = q.kh == 1 && q.kw == 1 && q.sh == 1 && q.sw == 1 && q.pt == 0 && q.pl == 0 &&
                     q.oh == q.h && q.ow == q.w;
  if (op == VS_OP_Conv2DBackpropInput) memset(y, 0, (size_t)in_n * 4);
  if (op == VS_OP_Conv2DBackpropFilter && (pixels == 0 || kk == 0)) memset(y, 0, (size_t)f_n * 4);
  if (pixels == 0 || kk == 0 || q.o == 0) {
    if (op == VS_OP_Conv2D) memset(y, 0, (size_t)out_n * 4);
    return VS_OK;
  }
  if (direct) {
    switch (op) {
      case VS_OP_Conv2D: return vs_sgemm((int32_t)pixels, q.o, q.c, x, q.c, 1, w, q.o, 1, y, q.o, 0);
      case VS_OP_Conv2DBackpropInput: return vs_sgemm((int32_t)pixels, q.c, q.o, dy, q.o, 1, w, 1, q.o, y, q.c, 0);
      default: return vs_sgemm(q.c, q.o, (int32_t)pixels, x, 1, q.c, dy, q.o, 1, y, q.o, 0);
    }
  }
  int64_t block = CONV_BLOCK_FLOATS / kk;
  if (block < 16) block = 16;
  if (block > pixels) block = pixels;
  float *cols = (float *)vs_malloc((uint32_t)(block * kk * 4));
  if (cols == NULL) return VS_ERR_NO_MEMORY;
  int32_t st = VS_OK;
  for (int64_t p0 = 0; p0 < pixels && st == VS_OK; p0 += block) {
    const int32_t rows = (int32_t)(pixels - p0 < block ? pixels - p0 : block);
    switch (op) {
      case VS_OP_Conv2D:
        im2col(&q, x, p0, rows, cols);
        st = vs_sgemm(rows, q.o, (int32_t)kk, cols, kk, 1, w, q.o, 1, y + p0 * q.o, q.o, 0);
        break;
      case VS_OP_Conv2DBackpropInput:
        st = vs_sgemm(rows, (int32_t)kk, q.o, dy + p0 * q.o, q.o, 1, w, 1, q.o, cols, kk, 0);
        if (st == VS_OK) col2im_add(&q, cols, p0, rows, y);
        break;
      default:
        im2col(&q, x, p0, rows, cols);
        st = vs_sgemm((int32_t)kk, q.o, rows, cols, 1, kk, dy + p0 * q.o, q.o, 1, y, q.o, p0 > 0);
        break;
    }
  }
  vs_free(cols);
  return st;
}

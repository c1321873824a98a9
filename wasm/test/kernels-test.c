/* Native unit tests of the kernels (see run.sh). Each compares a kernel against a direct,
 * obviously correct computation or a published known answer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vs_kernels.h"
#include "gemm.h"

static int failures = 0, checks = 0;

#define CHECK(cond, ...) do { checks++; if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); \
  printf(__VA_ARGS__); printf("\n"); } } while (0)

static float frand(unsigned *s) { *s = *s * 1103515245u + 12345u; return (float)((*s >> 8) & 0xffff) / 32768.0f - 1.0f; }

static int close_f(double a, double b, double rtol, double atol) {
  if (isnan(b)) return isnan(a);
  return fabs(a - b) <= atol + rtol * fabs(b);
}

static void test_sgemm(int m, int n, int k, int ta, int tb, int acc) {
  unsigned s = (unsigned)(m * 131 + n * 7 + k);
  float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n);
  float *c = malloc(sizeof(float) * (m * n + 1));
  double *ref = malloc(sizeof(double) * (m * n + 1));
  for (int i = 0; i < m * k; i++) a[i] = frand(&s);
  for (int i = 0; i < k * n; i++) b[i] = frand(&s);
  for (int i = 0; i < m * n; i++) { c[i] = acc ? frand(&s) : 1e30f; ref[i] = acc ? c[i] : 0; }
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      double sum = 0;
      for (int p = 0; p < k; p++) sum += (double)(ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
      ref[i * n + j] += sum;
    }
  int st = vs_matmul(VS_DT_FLOAT, a, b, c, 1, m, n, k, ta, tb, 0, 0, acc);
  CHECK(st == VS_OK, "sgemm status %d", st);
  int bad = -1;
  for (int i = 0; i < m * n && bad < 0; i++) if (!close_f(c[i], ref[i], 1e-4, 1e-4 * k)) bad = i;
  CHECK(bad < 0, "sgemm %dx%dx%d ta=%d tb=%d acc=%d: element %d = %g, expected %g", m, n, k, ta, tb, acc, bad,
        bad < 0 ? 0.0 : c[bad], bad < 0 ? 0.0 : ref[bad]);
  free(a); free(b); free(c); free(ref);
}

static void test_gemm_shapes(void) {
  const int sizes[][3] = {{1, 1, 1}, {4, 8, 3}, {5, 9, 7}, {13, 17, 300}, {64, 64, 64}, {130, 70, 257}, {3, 2100, 5}, {0, 4, 4}, {4, 4, 0}};
  for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    for (int ta = 0; ta < 2; ta++)
      for (int tb = 0; tb < 2; tb++)
        for (int acc = 0; acc < 2; acc++) test_sgemm(sizes[i][0], sizes[i][1], sizes[i][2], ta, tb, acc);
}

static void test_binary_broadcast(void) {
  /* [2,3] + [3] and [2,1] * [1,3] through the N-d driver */
  float x[6] = {1, 2, 3, 4, 5, 6}, y[3] = {10, 20, 30}, z[6];
  int32_t shape[6] = {2, 3, 3, 1, 0, 1};
  CHECK(vs_binary(VS_OP_Add, VS_DT_FLOAT, x, y, z, 2, shape) == VS_OK, "add status");
  float want[6] = {11, 22, 33, 14, 25, 36};
  for (int i = 0; i < 6; i++) CHECK(z[i] == want[i], "add[%d] = %g", i, z[i]);
  float col[2] = {2, 3}, row[3] = {1, 10, 100};
  int32_t shape2[6] = {2, 3, 1, 0, 0, 1};
  CHECK(vs_binary(VS_OP_Mul, VS_DT_FLOAT, col, row, z, 2, shape2) == VS_OK, "mul status");
  float want2[6] = {2, 20, 200, 3, 30, 300};
  for (int i = 0; i < 6; i++) CHECK(z[i] == want2[i], "mul[%d] = %g", i, z[i]);
  /* NaN propagation in Maximum, comparison output as bool */
  float a[2] = {NAN, 1}, b[2] = {0, NAN};
  int32_t s1[3] = {2, 1, 1};
  vs_binary(VS_OP_Maximum, VS_DT_FLOAT, a, b, z, 1, s1);
  CHECK(isnan(z[0]) && isnan(z[1]), "maximum keeps NaN");
  uint8_t lt[2];
  float p[2] = {1, 3}, q[2] = {2, 2};
  vs_binary(VS_OP_Less, VS_DT_FLOAT, p, q, lt, 1, s1);
  CHECK(lt[0] == 1 && lt[1] == 0, "less");
}

/* The flat float32 fast paths (dense/dense, dense/scalar, scalar/dense), at lengths that
 * exercise the 16-wide, 4-wide and scalar tails, against the element formula. */
static void test_binary_flat(void) {
  enum { N = 37 };
  float a[N], b[N], z[N], s = 2.5f;
  for (int i = 0; i < N; i++) { a[i] = (float)i - 11.5f; b[i] = 0.25f * (float)(i % 7) + 1.0f; }
  const int32_t ops[4] = {VS_OP_AddV2, VS_OP_Sub, VS_OP_Mul, VS_OP_RealDiv};
  for (int len = 0; len <= N; len += (len < 20 ? 1 : 17)) {
    for (int o = 0; o < 4; o++) {
      for (int mode = 0; mode < 3; mode++) {
        /* rank 2 [1, len]: the size-1 dim carries an arbitrary stride */
        int32_t shape[6] = {1, len, 99, mode == 2 ? 0 : 1, 7, mode == 1 ? 0 : 1};
        const float *x = mode == 2 ? &s : a, *y = mode == 1 ? &s : b;
        CHECK(vs_binary(ops[o], VS_DT_FLOAT, x, y, z, 2, shape) == VS_OK, "flat op %d status", ops[o]);
        for (int i = 0; i < len; i++) {
          float p = mode == 2 ? s : a[i], q = mode == 1 ? s : b[i];
          float want = o == 0 ? p + q : o == 1 ? p - q : o == 2 ? p * q : p / q;
          CHECK(z[i] == want, "flat op %d mode %d len %d: z[%d] = %g, want %g", ops[o], mode, len, i, z[i], want);
        }
      }
    }
  }
  /* in place, as AssignAdd runs */
  int32_t shape[3] = {N, 1, 1};
  float acc[N];
  for (int i = 0; i < N; i++) acc[i] = a[i];
  CHECK(vs_binary(VS_OP_AssignAdd, VS_DT_FLOAT, acc, b, acc, 1, shape) == VS_OK, "in-place add status");
  for (int i = 0; i < N; i++) CHECK(acc[i] == a[i] + b[i], "in-place add[%d]", i);
}

static void test_integer_division(void) {
  int32_t x[4] = {7, -7, 7, INT32_MIN}, y[4] = {2, 2, -2, -1}, z[4];
  int32_t s[3] = {4, 1, 1};
  CHECK(vs_binary(VS_OP_FloorDiv, VS_DT_INT32, x, y, z, 1, s) == VS_OK, "floordiv status");
  CHECK(z[0] == 3 && z[1] == -4 && z[2] == -4 && z[3] == INT32_MIN, "floordiv %d %d %d %d", z[0], z[1], z[2], z[3]);
  vs_binary(VS_OP_FloorMod, VS_DT_INT32, x, y, z, 1, s);
  CHECK(z[0] == 1 && z[1] == 1 && z[2] == -1 && z[3] == 0, "floormod %d %d %d %d", z[0], z[1], z[2], z[3]);
  vs_binary(VS_OP_Div, VS_DT_INT32, x, y, z, 1, s);
  CHECK(z[0] == 3 && z[1] == -3 && z[2] == -3, "truncating div %d %d %d", z[0], z[1], z[2]);
  int32_t zero[4] = {1, 0, 1, 1};
  CHECK(vs_binary(VS_OP_Div, VS_DT_INT32, x, zero, z, 1, s) == VS_ERR_DIV_BY_ZERO, "division by zero is reported");
  int32_t e[4] = {0, 1, 10, -1};
  CHECK(vs_binary(VS_OP_Pow, VS_DT_INT32, y, e, z, 1, s) == VS_ERR_NEGATIVE_POW, "negative integer power is reported");
}

static void test_unary_transcendentals(void) {
  enum { N = 2001 };
  static float x[N], y[N];
  for (int i = 0; i < N; i++) x[i] = -20.0f + 40.0f * (float)i / (N - 1);
  vs_unary(VS_OP_Sigmoid, VS_DT_FLOAT, x, y, N, 0);
  for (int i = 0; i < N; i++) CHECK(close_f(y[i], 1.0 / (1.0 + exp(-(double)x[i])), 2e-6, 1e-30), "sigmoid(%g) = %g", x[i], y[i]);
  vs_unary(VS_OP_Tanh, VS_DT_FLOAT, x, y, N, 0);
  for (int i = 0; i < N; i++) CHECK(close_f(y[i], tanh((double)x[i]), 2e-6, 1e-30), "tanh(%g) = %g", x[i], y[i]);
  vs_unary(VS_OP_Exp, VS_DT_FLOAT, x, y, N, 0);
  for (int i = 0; i < N; i++) CHECK(close_f(y[i], exp((double)x[i]), 2e-6, 0), "exp(%g) = %g", x[i], y[i]);
  float tiny[5] = {1e-4f, -3e-6f, 0.0f, 100.0f, NAN}, out[5];
  vs_unary(VS_OP_Tanh, VS_DT_FLOAT, tiny, out, 5, 0);
  CHECK(close_f(out[0], tanh(1e-4), 1e-6, 0) && close_f(out[1], tanh(-3e-6), 1e-6, 0) && out[2] == 0 && out[3] == 1 && isnan(out[4]),
        "tanh near 0, saturation and NaN");
  float big[3] = {100.0f, -200.0f, INFINITY};
  vs_unary(VS_OP_Exp, VS_DT_FLOAT, big, out, 3, 0);
  CHECK(isinf(out[0]) && out[1] == 0 && isinf(out[2]), "exp overflow/underflow");
  float r[3] = {-1, NAN, 2};
  vs_unary(VS_OP_Relu, VS_DT_FLOAT, r, out, 3, 0);
  CHECK(out[0] == 0 && isnan(out[1]) && out[2] == 2, "relu");
  float sx[5] = {-200.0f, 200.0f, INFINITY, -INFINITY, NAN};
  vs_unary(VS_OP_Sigmoid, VS_DT_FLOAT, sx, out, 5, 0);
  CHECK(out[0] == 0 && out[1] == 1 && out[2] == 1 && out[3] == 0 && isnan(out[4]), "sigmoid saturation and NaN");
  /* 4x-unrolled relu over a length with every tail */
  static float rx[53], ry[53];
  for (int i = 0; i < 53; i++) rx[i] = (float)(i % 5) - 2.0f;
  vs_unary(VS_OP_Relu, VS_DT_FLOAT, rx, ry, 53, 0);
  int bad = -1;
  for (int i = 0; i < 53; i++) if (ry[i] != (rx[i] > 0 ? rx[i] : 0.0f)) bad = i;
  CHECK(bad < 0, "relu[%d]", bad);
}

static void test_reduce(void) {
  enum { R = 10000 };
  static float x[3 * R];
  double sums[3] = {0, 0, 0};
  unsigned s = 5;
  for (int i = 0; i < 3 * R; i++) { x[i] = frand(&s); sums[i / R] += x[i]; }
  float y[3];
  CHECK(vs_reduce(VS_OP_Sum, VS_DT_FLOAT, x, y, 3, R, 1) == VS_OK, "sum status");
  for (int i = 0; i < 3; i++) CHECK(close_f(y[i], sums[i], 1e-6, 1e-4), "row sum %d: %g vs %g", i, y[i], sums[i]);
  /* sum over the middle axis of [2, 3, 2] */
  float m[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, o[4];
  vs_reduce(VS_OP_Sum, VS_DT_FLOAT, m, o, 2, 3, 2);
  CHECK(o[0] == 9 && o[1] == 12 && o[2] == 27 && o[3] == 30, "middle-axis sum %g %g %g %g", o[0], o[1], o[2], o[3]);
  vs_reduce(VS_OP_Max, VS_DT_FLOAT, m, o, 1, 12, 1);
  CHECK(o[0] == 12, "max");
  m[5] = NAN;
  vs_reduce(VS_OP_Max, VS_DT_FLOAT, m, o, 1, 12, 1);
  CHECK(isnan(o[0]), "max propagates NaN");
  int32_t iv[4] = {3, 9, 9, 1}; int64_t am;
  vs_arg_reduce(VS_OP_ArgMax, VS_DT_INT32, iv, VS_DT_INT64, &am, 1, 4, 1);
  CHECK(am == 1, "argmax takes the first maximum");
}

static void test_conv2d(void) {
  /* direct convolution vs the im2col GEMM path, SAME padding, stride 2, dilation 1 and 2 */
  for (int dil = 1; dil <= 2; dil++) {
    const int N = 2, H = 7, W = 6, C = 3, KH = 3, KW = 2, O = 5, SH = 2, SW = 1;
    const int EKH = (KH - 1) * dil + 1, EKW = (KW - 1) * dil + 1;
    const int OH = (H + SH - 1) / SH, OW = (W + SW - 1) / SW;
    const int PT = ((OH - 1) * SH + EKH - H) / 2, PL = ((OW - 1) * SW + EKW - W > 0 ? ((OW - 1) * SW + EKW - W) / 2 : 0);
    float x[2 * 7 * 6 * 3], w[3 * 2 * 3 * 5], y[2 * 4 * 6 * 5], dx[2 * 7 * 6 * 3], dw[3 * 2 * 3 * 5], dy[2 * 4 * 6 * 5];
    unsigned s = 9;
    for (unsigned i = 0; i < sizeof x / 4; i++) x[i] = frand(&s);
    for (unsigned i = 0; i < sizeof w / 4; i++) w[i] = frand(&s);
    for (unsigned i = 0; i < sizeof dy / 4; i++) dy[i] = frand(&s);
    int32_t g[15] = {N, H, W, C, KH, KW, O, OH, OW, SH, SW, dil, dil, PT, PL};
    CHECK(vs_conv2d(VS_OP_Conv2D, VS_DT_FLOAT, g, x, w, y) == VS_OK, "conv status");
    CHECK(vs_conv2d(VS_OP_Conv2DBackpropInput, VS_DT_FLOAT, g, w, dy, dx) == VS_OK, "backprop input status");
    CHECK(vs_conv2d(VS_OP_Conv2DBackpropFilter, VS_DT_FLOAT, g, x, dy, dw) == VS_OK, "backprop filter status");
    static double rdx[2 * 7 * 6 * 3], rdw[3 * 2 * 3 * 5];
    memset(rdx, 0, sizeof rdx); memset(rdw, 0, sizeof rdw);
    int bad = 0;
    for (int n = 0; n < N; n++) for (int oy = 0; oy < OH; oy++) for (int ox = 0; ox < OW; ox++) for (int o = 0; o < O; o++) {
      double acc = 0;
      for (int i = 0; i < KH; i++) for (int j = 0; j < KW; j++) {
        int iy = oy * SH - PT + i * dil, ix = ox * SW - PL + j * dil;
        if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
        for (int c = 0; c < C; c++) {
          double xv = x[((n * H + iy) * W + ix) * C + c], wv = w[((i * KW + j) * C + c) * O + o];
          double g2 = dy[((n * OH + oy) * OW + ox) * O + o];
          acc += xv * wv;
          rdx[((n * H + iy) * W + ix) * C + c] += g2 * wv;
          rdw[((i * KW + j) * C + c) * O + o] += g2 * xv;
        }
      }
      if (!close_f(y[((n * OH + oy) * OW + ox) * O + o], acc, 1e-5, 1e-5)) bad++;
    }
    CHECK(bad == 0, "conv2d dilation %d: %d wrong outputs", dil, bad);
    bad = 0;
    for (unsigned i = 0; i < sizeof dx / 4; i++) if (!close_f(dx[i], rdx[i], 1e-5, 1e-5)) bad++;
    CHECK(bad == 0, "conv2d backprop input dilation %d: %d wrong", dil, bad);
    bad = 0;
    for (unsigned i = 0; i < sizeof dw / 4; i++) if (!close_f(dw[i], rdw[i], 1e-5, 1e-5)) bad++;
    CHECK(bad == 0, "conv2d backprop filter dilation %d: %d wrong", dil, bad);
  }
}

static void test_pool(void) {
  /* 1×4×4×1, 2×2 window, stride 2, VALID */
  float x[16] = {1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16}, y[4], g[4] = {1, 2, 3, 4}, dx[16];
  int32_t geom[15] = {1, 4, 4, 1, 2, 2, 1, 2, 2, 2, 2, 1, 1, 0, 0};
  vs_pool(VS_OP_MaxPool, VS_DT_FLOAT, geom, x, NULL, y);
  CHECK(y[0] == 4 && y[1] == 8 && y[2] == 12 && y[3] == 16, "maxpool %g %g %g %g", y[0], y[1], y[2], y[3]);
  vs_pool(VS_OP_AvgPool, VS_DT_FLOAT, geom, x, NULL, y);
  CHECK(y[0] == 2.5f && y[3] == 14.5f, "avgpool %g %g", y[0], y[3]);
  vs_pool(VS_OP_MaxPoolGrad, VS_DT_FLOAT, geom, x, g, dx);
  CHECK(dx[5] == 1 && dx[7] == 2 && dx[13] == 3 && dx[15] == 4 && dx[0] == 0, "maxpool grad routes to the maximum");
}

static void test_softmax_xent(void) {
  float x[6] = {1, 2, 3, 1000, 1000, 1000}, y[6];
  vs_softmax(VS_OP_Softmax, VS_DT_FLOAT, x, y, 2, 3);
  double e = exp(1) + exp(2) + exp(3);
  CHECK(close_f(y[0], exp(1) / e, 1e-6, 0) && close_f(y[2], exp(3) / e, 1e-6, 0), "softmax row 0");
  CHECK(close_f(y[3], 1.0 / 3, 1e-6, 0), "softmax is max-shifted (no overflow)");
  {
    /* long rows through the unrolled paths; a NaN anywhere in a row makes the whole row NaN */
    enum { C = 45 };
    static float lx[2 * C], ly[2 * C];
    for (int i = 0; i < 2 * C; i++) lx[i] = 0.1f * (float)((i * 7) % 23) - 1.0f;
    lx[C + 30] = NAN;
    vs_softmax(VS_OP_Softmax, VS_DT_FLOAT, lx, ly, 2, C);
    double mx = -INFINITY, sum = 0;
    for (int j = 0; j < C; j++) mx = lx[j] > mx ? lx[j] : mx;
    for (int j = 0; j < C; j++) sum += exp((double)lx[j] - mx);
    int bad = -1;
    for (int j = 0; j < C; j++) if (!close_f(ly[j], exp((double)lx[j] - mx) / sum, 2e-6, 0)) bad = j;
    CHECK(bad < 0, "long softmax row, element %d", bad);
    bad = -1;
    for (int j = 0; j < C; j++) if (!isnan(ly[C + j])) bad = j;
    CHECK(bad < 0, "softmax row with a NaN is NaN (element %d)", bad);
  }
  float labels[6] = {0, 0, 1, 0.5f, 0.5f, 0}, loss[2], bp[6];
  vs_softmax_xent(VS_DT_FLOAT, x, labels, loss, bp, 2, 3);
  CHECK(close_f(loss[0], log(e) - 3, 1e-6, 0), "xent loss %g", loss[0]);
  CHECK(close_f(bp[2], exp(3) / e - 1, 1e-6, 1e-7), "xent backprop");
  int64_t sparse[2] = {2, 3};
  CHECK(vs_sparse_softmax_xent(VS_DT_FLOAT, x, VS_DT_INT64, sparse, loss, bp, 2, 3) == VS_ERR_INDEX &&
        vs_error_detail(1) == 3 && vs_error_detail(2) == 3, "sparse xent rejects label 3 of 3 classes");
}

static void test_copy_and_gather(void) {
  /* transpose [2,3] -> [3,2] via strides */
  float x[6] = {1, 2, 3, 4, 5, 6}, y[6];
  int32_t layout[6] = {3, 2, 1, 3, 2, 1};
  vs_copy_strided(4, 2, layout, x, y);
  CHECK(y[0] == 1 && y[1] == 4 && y[2] == 2 && y[5] == 6, "transpose");
  /* reversed row (negative stride), starting at the last element */
  int32_t rev[3] = {6, -1, 1};
  vs_copy_strided(4, 1, rev, x + 5, y);
  CHECK(y[0] == 6 && y[5] == 1, "reverse");
  int32_t idx[3] = {2, 0, 2};
  float out[6];
  CHECK(vs_gather(4, 1, 3, 2, (float[]){1, 2, 3, 4, 5, 6}, VS_DT_INT32, idx, 3, out) == VS_OK && out[0] == 5 && out[2] == 1,
        "gather rows");
  int32_t badidx[2] = {1, 3};
  float before = out[0];
  CHECK(vs_gather(4, 1, 3, 2, x, VS_DT_INT32, badidx, 2, out) == VS_ERR_INDEX && vs_error_detail(0) == 1 &&
        vs_error_detail(1) == 3 && out[0] == before, "gather rejects index 3 of 3 before writing");
}

static void test_cast(void) {
  float f[5] = {1.9f, -1.9f, NAN, 1e20f, -1e20f};
  int32_t i[5];
  vs_cast(VS_DT_FLOAT, VS_DT_INT32, f, i, 5);
  CHECK(i[0] == 1 && i[1] == -1 && i[2] == 0 && i[3] == INT32_MAX && i[4] == INT32_MIN, "float->int32 truncates and saturates");
  uint8_t b[5];
  vs_cast(VS_DT_FLOAT, VS_DT_BOOL, f, b, 5);
  CHECK(b[0] == 1 && b[2] == 1, "float->bool is x != 0 (NaN is true)");
}

static void test_philox_known_answers(void) {
  /* Random123's published Philox4x32-10 answers, through RandomUniform's first block:
   * key 0, counter 0 -> 6627e8d5 e169c58d bc57ac4c 9b00dbd8. */
  float u[4];
  vs_random(VS_OP_RandomUniform, VS_DT_FLOAT, u, 4, 0, 0, 0, 0, 0, 0, NULL, NULL);
  const uint32_t kat[4] = {0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u};
  for (int i = 0; i < 4; i++) {
    uint32_t bits = (127u << 23) | (kat[i] & 0x7fffffu);
    float f; memcpy(&f, &bits, 4);
    CHECK(u[i] == f - 1.0f, "philox KAT word %d", i);
  }
  /* key ffffffff×2, counter ffffffff×4 -> 408f276d 41c83b0e a20bc7c6 6d5451fd */
  int32_t lo = 0, hi = 2147483647, w[4];
  vs_random(VS_OP_RandomUniformInt, VS_DT_INT32, w, 4, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu,
            0xffffffffu, &lo, &hi);
  const uint32_t kat2[4] = {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu};
  for (int i = 0; i < 4; i++) CHECK((uint32_t)w[i] == kat2[i] % 2147483647u, "philox KAT 2 word %d", i);
}

static void test_bounds(void) {
  /* native builds have no memory bound to check against, but malformed arguments are refused */
  float x[4];
  int32_t shape[3] = {-1, 1, 1};
  CHECK(vs_binary(VS_OP_Add, VS_DT_FLOAT, x, x, x, 1, shape) == VS_ERR_ARGUMENT, "negative dim refused");
  CHECK(vs_binary(VS_OP_Add, VS_DT_FLOAT, x, x, x, 9, shape) == VS_ERR_ARGUMENT, "rank 9 refused");
  CHECK(vs_unary(VS_OP_Exp, VS_DT_FLOAT, x, x, -1, 0) == VS_ERR_BOUNDS, "negative count refused");
  CHECK(vs_matmul(VS_DT_FLOAT, NULL, NULL, x, 1, 2, 2, 2, 0, 0, 0, 0, 0) == VS_ERR_BOUNDS, "null operand refused");
}

int main(void) {
  test_gemm_shapes();
  test_binary_broadcast();
  test_binary_flat();
  test_integer_division();
  test_unary_transcendentals();
  test_reduce();
  test_conv2d();
  test_pool();
  test_softmax_xent();
  test_copy_and_gather();
  test_cast();
  test_philox_known_answers();
  test_bounds();
  printf("native kernel tests: %d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}

// The tiled GEMM kernel (src/kernels/tiled-gemm-kernel.cuh) run on CPU threads by the host
// emulation, with the real MatMul and convolution problems, against naive loops: odd sizes
// that leave partial tiles on every edge, all transpose combinations, broadcast batches with
// fewer z-blocks than batches, int32 with wrap-around, and the three convolution passes in
// both layouts. Each launch runs twice, threads in ascending and in descending order within
// every barrier interval; the two results must be bit-identical (no shared-memory race) and
// match the naive result.
//
//   c++ -std=c++20 -O1 -fno-strict-aliasing -I<cuda>/include -Isrc -Isrc/kernels test/gemm-emulation.cc -pthread
//   ./a.out            prints one line per check, exits non-zero on any failure
#include "cuda-host-emulation.h"

#include "conv-problems.cuh"
#include "matmul-problem.cuh"
#include "tiled-gemm-kernel.cuh"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

int failures = 0;

void report(bool ok, const std::string& what, const std::string& detail = "") {
  std::printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", what.c_str(), detail.empty() ? "" : ": ", detail.c_str());
  if (!ok) ++failures;
}

/** Grid for a problem and tile, as launchTiledGemm computes it, with an optional cap on z. */
template <typename Tile, typename Problem>
dim3 gridFor(const Problem& p, unsigned maxZ) {
  const int64_t z = p.batchCount() < maxZ ? p.batchCount() : maxZ;
  return dim3(static_cast<unsigned>((p.n + Tile::BN - 1) / Tile::BN), static_cast<unsigned>((p.m + Tile::BM - 1) / Tile::BM),
              static_cast<unsigned>(z));
}

/**
 * Runs the kernel on `p` in both thread orders; `run` resets the output before each launch and
 * returns a copy of it. Returns the ascending-order result; reports a race if the orders differ.
 */
template <typename Tile, typename Problem, typename Out>
std::vector<Out> runBothOrders(const Problem& p, unsigned maxZ, const std::string& what,
                               const std::function<void()>& reset, const std::function<std::vector<Out>()>& read) {
  std::vector<Out> results[2];
  for (int order = 0; order < 2; ++order) {
    reset();
    try {
      emu::launch(gridFor<Tile>(p, maxZ), Tile::kThreads, order == 1, [&] { vs::tiledGemmKernel<Tile, Problem>(p); });
    } catch (const std::exception& e) {
      report(false, what, e.what());
      return {};
    }
    results[order] = read();
  }
  if (std::memcmp(results[0].data(), results[1].data(), results[0].size() * sizeof(Out)) != 0) {
    report(false, what, "ascending and descending thread orders disagree (a shared-memory race)");
  }
  return results[0];
}

template <typename T>
T naiveMadd(T a, T b, T acc) {
  if constexpr (std::is_same_v<T, float>) {
    return static_cast<float>(static_cast<double>(a) * b + acc);
  } else {
    return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b) + static_cast<uint32_t>(acc));
  }
}

template <typename T>
std::string compare(const std::vector<T>& got, const std::vector<double>& want, double tol) {
  if (got.size() != want.size()) return "size " + std::to_string(got.size()) + " != " + std::to_string(want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    const double g = static_cast<double>(got[i]), w = want[i];
    if (std::fabs(g - w) > tol * (1 + std::fabs(w))) {
      return "[" + std::to_string(i) + "] " + std::to_string(g) + " != " + std::to_string(w);
    }
  }
  return "";
}

// ---- MatMul ------------------------------------------------------------------------------------

template <typename T>
std::vector<T> randomData(std::mt19937& rng, int64_t n) {
  std::vector<T> v(static_cast<size_t>(n));
  if constexpr (std::is_same_v<T, float>) {
    std::uniform_real_distribution<float> d(-1.f, 1.f);
    for (auto& x : v) x = d(rng);
  } else {
    // Large magnitudes, so products and sums wrap around.
    std::uniform_int_distribution<int32_t> d(-2000000000, 2000000000);
    for (auto& x : v) x = d(rng);
  }
  return v;
}

/** Batch dims of a and b broadcast to c's, as the binding lays them out (strides in elements). */
struct BatchCase {
  std::vector<int64_t> a, b, c;
};

template <typename T, typename Tile>
void checkMatMul(std::mt19937& rng, int64_t m, int64_t n, int64_t k, bool ta, bool tb, const BatchCase& bc, unsigned maxZ) {
  const std::string what = std::string(std::is_same_v<T, float> ? "float32" : "int32") + " MatMul tile " +
                           std::to_string(Tile::BM) + "x" + std::to_string(Tile::BN) + "x" + std::to_string(Tile::BK) +
                           " m=" + std::to_string(m) + " n=" + std::to_string(n) + " k=" + std::to_string(k) +
                           (ta ? " transA" : "") + (tb ? " transB" : "") + " batch dims " + std::to_string(bc.c.size()) +
                           " z<=" + std::to_string(maxZ);
  int64_t aBatches = 1, bBatches = 1, batch = 1;
  for (int64_t d : bc.a) aBatches *= d;
  for (int64_t d : bc.b) bBatches *= d;
  for (int64_t d : bc.c) batch *= d;
  const std::vector<T> A = randomData<T>(rng, aBatches * m * k), B = randomData<T>(rng, bBatches * k * n);
  std::vector<T> C(static_cast<size_t>(batch * m * n));

  vs::GemmBatch bi{};
  bi.rank = static_cast<int>(bc.c.size());
  int64_t as = 1, bs = 1;
  for (int d = bi.rank - 1; d >= 0; --d) {
    bi.dims[d] = bc.c[static_cast<size_t>(d)];
    bi.aStrides[d] = bc.a[static_cast<size_t>(d)] == 1 ? 0 : as * m * k;
    bi.bStrides[d] = bc.b[static_cast<size_t>(d)] == 1 ? 0 : bs * k * n;
    as *= bc.a[static_cast<size_t>(d)];
    bs *= bc.b[static_cast<size_t>(d)];
  }
  vs::MatMulProblem<T> p{};
  p.aBase = p.aPtr = A.data();
  p.bBase = p.bPtr = B.data();
  p.cBase = p.cPtr = C.data();
  p.m = m; p.n = n; p.k = k; p.transA = ta; p.transB = tb; p.batch = batch; p.bi = bi;

  // Sentinel fill: an element the kernel fails to write shows up as a mismatch.
  const auto got = runBothOrders<Tile, vs::MatMulProblem<T>, T>(
      p, maxZ, what, [&] { std::fill(C.begin(), C.end(), static_cast<T>(12345)); }, [&] { return C; });
  if (got.empty()) return;

  std::vector<double> want(C.size());
  for (int64_t b = 0; b < batch; ++b) {
    int64_t aOff = 0, bOff = 0, rest = b;
    for (int d = bi.rank - 1; d >= 0; --d) {
      const int64_t r = rest % bi.dims[d];
      rest /= bi.dims[d];
      aOff += r * bi.aStrides[d];
      bOff += r * bi.bStrides[d];
    }
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        T acc = 0;
        double exact = 0;
        for (int64_t kk = 0; kk < k; ++kk) {
          const T av = ta ? A[static_cast<size_t>(aOff + kk * m + i)] : A[static_cast<size_t>(aOff + i * k + kk)];
          const T bv = tb ? B[static_cast<size_t>(bOff + j * k + kk)] : B[static_cast<size_t>(bOff + kk * n + j)];
          acc = naiveMadd(av, bv, acc);
          exact += static_cast<double>(av) * bv;
        }
        want[static_cast<size_t>((b * m + i) * n + j)] = std::is_same_v<T, float> ? exact : static_cast<double>(acc);
      }
  }
  const std::string diff = compare(got, want, std::is_same_v<T, float> ? 1e-5 * static_cast<double>(k) : 0.0);
  report(diff.empty(), what, diff);
}

// ---- Conv2D ------------------------------------------------------------------------------------

struct ConvCase {
  int64_t n, h, w, c, kh, kw, oc, strideH, strideW, dilationH, dilationW, padTop, padLeft;
  bool nchw;
};

/** Output size of one spatial dim given the explicit top/left padding and total output. */
int64_t outSize(int64_t in, int64_t k, int64_t stride, int64_t dilation, int64_t padBefore) {
  const int64_t effective = (k - 1) * dilation + 1;
  // Symmetric padding (padBefore on both sides).
  const int64_t span = in + 2 * padBefore - effective;
  return span < 0 ? 0 : span / stride + 1;
}

template <typename Tile>
void checkConv(std::mt19937& rng, const ConvCase& cc) {
  vs::ConvGeometry g{};
  g.n = cc.n; g.h = cc.h; g.w = cc.w; g.c = cc.c; g.kh = cc.kh; g.kw = cc.kw; g.oc = cc.oc;
  g.strideH = cc.strideH; g.strideW = cc.strideW; g.dilationH = cc.dilationH; g.dilationW = cc.dilationW;
  g.padTop = cc.padTop; g.padLeft = cc.padLeft; g.nchw = cc.nchw;
  g.oh = outSize(cc.h, cc.kh, cc.strideH, cc.dilationH, cc.padTop);
  g.ow = outSize(cc.w, cc.kw, cc.strideW, cc.dilationW, cc.padLeft);
  const std::string what = std::string("Conv2D tile ") + std::to_string(Tile::BM) + " " + (cc.nchw ? "NCHW" : "NHWC") +
                           " x=[" + std::to_string(cc.n) + "," + std::to_string(cc.h) + "," + std::to_string(cc.w) + "," +
                           std::to_string(cc.c) + "] f=[" + std::to_string(cc.kh) + "," + std::to_string(cc.kw) + "," +
                           std::to_string(cc.c) + "," + std::to_string(cc.oc) + "] stride " + std::to_string(cc.strideH) +
                           "," + std::to_string(cc.strideW) + " dilation " + std::to_string(cc.dilationH) + "," +
                           std::to_string(cc.dilationW) + " pad " + std::to_string(cc.padTop) + "," + std::to_string(cc.padLeft);
  const vs::ConvLayout layout{g};
  const int64_t xN = g.n * g.h * g.w * g.c, fN = g.kh * g.kw * g.c * g.oc, yN = g.n * g.oh * g.ow * g.oc;
  const std::vector<float> x = randomData<float>(rng, xN), f = randomData<float>(rng, fN), dy = randomData<float>(rng, yN);
  auto xAt = [&](int64_t b, int64_t ih, int64_t iw, int64_t ic) { return layout.xIndex(b, ih, iw, ic); };
  auto yAt = [&](int64_t b, int64_t oh, int64_t ow, int64_t o) { return layout.yIndex(b, oh, ow, o); };

  // Naive forward, backprop input and backprop filter in double.
  std::vector<double> y(static_cast<size_t>(yN), 0.0), dx(static_cast<size_t>(xN), 0.0), df(static_cast<size_t>(fN), 0.0);
  for (int64_t b = 0; b < g.n; ++b)
    for (int64_t oh = 0; oh < g.oh; ++oh)
      for (int64_t ow = 0; ow < g.ow; ++ow)
        for (int64_t i = 0; i < g.kh; ++i)
          for (int64_t j = 0; j < g.kw; ++j) {
            const int64_t ih = oh * g.strideH - g.padTop + i * g.dilationH, iw = ow * g.strideW - g.padLeft + j * g.dilationW;
            if (ih < 0 || ih >= g.h || iw < 0 || iw >= g.w) continue;
            for (int64_t ic = 0; ic < g.c; ++ic)
              for (int64_t o = 0; o < g.oc; ++o) {
                const size_t fi = static_cast<size_t>(((i * g.kw + j) * g.c + ic) * g.oc + o);
                const size_t xi = static_cast<size_t>(xAt(b, ih, iw, ic)), yi = static_cast<size_t>(yAt(b, oh, ow, o));
                y[yi] += static_cast<double>(x[xi]) * f[fi];
                dx[xi] += static_cast<double>(dy[yi]) * f[fi];
                df[fi] += static_cast<double>(x[xi]) * dy[yi];
              }
          }
  const double tol = 1e-5 * static_cast<double>(g.kh * g.kw * std::max(g.c, g.oc) * std::max<int64_t>(1, g.n));

  {
    std::vector<float> out(static_cast<size_t>(yN));
    vs::ConvForwardProblem p{};
    p.g = g; p.x = x.data(); p.f = f.data(); p.y = out.data();
    p.m = g.n * g.oh * g.ow; p.n = g.oc; p.k = g.kh * g.kw * g.c;
    const auto got = runBothOrders<Tile, vs::ConvForwardProblem, float>(
        p, 65535, what + " forward", [&] { std::fill(out.begin(), out.end(), 12345.f); }, [&] { return out; });
    if (!got.empty()) report(compare(got, y, tol).empty(), what + " forward", compare(got, y, tol));
  }
  {
    std::vector<float> out(static_cast<size_t>(xN));
    vs::ConvBackpropInputProblem p{};
    p.g = g; p.dx = out.data(); p.f = f.data(); p.dy = dy.data();
    p.m = g.n * g.h * g.w; p.n = g.c; p.k = g.kh * g.kw * g.oc;
    const auto got = runBothOrders<Tile, vs::ConvBackpropInputProblem, float>(
        p, 65535, what + " backprop input", [&] { std::fill(out.begin(), out.end(), 12345.f); }, [&] { return out; });
    if (!got.empty()) report(compare(got, dx, tol).empty(), what + " backprop input", compare(got, dx, tol));
  }
  {
    // The filter gradient accumulates per image (atomically on the device), so zero it first as launchConv2D does;
    // fewer z-blocks than images exercises the batch loop.
    std::vector<float> out(static_cast<size_t>(fN));
    vs::ConvBackpropFilterProblem p{};
    p.g = g; p.x = x.data(); p.df = out.data(); p.dy = dy.data();
    p.m = g.kh * g.kw * g.c; p.n = g.oc; p.k = g.oh * g.ow; p.image = 0;
    const auto got = runBothOrders<Tile, vs::ConvBackpropFilterProblem, float>(
        p, 2, what + " backprop filter", [&] { std::fill(out.begin(), out.end(), 0.f); }, [&] { return out; });
    if (!got.empty()) report(compare(got, df, tol).empty(), what + " backprop filter", compare(got, df, tol));
  }
}

}  // namespace

int main() {
  std::mt19937 rng(20240607);
  const BatchCase none{{}, {}, {}};
  const BatchCase broadcast{{2, 1}, {1, 3}, {2, 3}};
  const BatchCase plain{{3}, {3}, {3}};

  // Partial tiles on every edge, K shorter than, equal to, and a few slices longer than BK.
  const int64_t small[][3] = {{1, 1, 1}, {5, 3, 7}, {64, 64, 16}, {65, 63, 17}, {37, 130, 49}, {129, 70, 3}};
  for (auto& s : small)
    for (int t = 0; t < 4; ++t) checkMatMul<float, vs::SmallGemmTile>(rng, s[0], s[1], s[2], t & 1, t & 2, none, 65535);
  const int64_t large[][3] = {{1, 1, 1}, {128, 128, 8}, {130, 257, 19}, {200, 131, 40}};
  for (auto& s : large)
    for (int t = 0; t < 4; ++t) checkMatMul<float, vs::LargeGemmTile>(rng, s[0], s[1], s[2], t & 1, t & 2, none, 65535);

  checkMatMul<float, vs::SmallGemmTile>(rng, 33, 20, 35, false, true, broadcast, 65535);
  checkMatMul<float, vs::SmallGemmTile>(rng, 33, 20, 35, true, false, broadcast, 4);  // z-blocks loop over batches
  checkMatMul<float, vs::LargeGemmTile>(rng, 70, 140, 21, false, false, plain, 2);
  checkMatMul<int32_t, vs::SmallGemmTile>(rng, 67, 66, 45, false, false, none, 65535);
  checkMatMul<int32_t, vs::SmallGemmTile>(rng, 31, 70, 33, true, true, broadcast, 5);
  checkMatMul<int32_t, vs::LargeGemmTile>(rng, 131, 129, 17, true, false, plain, 2);

  const ConvCase convs[] = {
      {2, 7, 6, 3, 3, 3, 5, 1, 1, 1, 1, 1, 1, false},
      {2, 7, 6, 3, 3, 3, 5, 1, 1, 1, 1, 1, 1, true},
      {3, 9, 8, 4, 3, 2, 6, 2, 3, 1, 1, 1, 0, false},
      {3, 9, 8, 4, 3, 2, 6, 2, 3, 1, 1, 1, 0, true},
      {2, 11, 10, 2, 3, 3, 3, 2, 1, 2, 2, 2, 1, false},
      {1, 5, 5, 17, 1, 1, 19, 1, 1, 1, 1, 0, 0, true},
  };
  for (const ConvCase& cc : convs) checkConv<vs::SmallGemmTile>(rng, cc);
  checkConv<vs::LargeGemmTile>(rng, convs[2]);
  checkConv<vs::LargeGemmTile>(rng, convs[5]);

  std::printf("%s: %d failure%s\n", failures == 0 ? "PASS" : "FAIL", failures, failures == 1 ? "" : "s");
  return failures == 0 ? 0 : 1;
}

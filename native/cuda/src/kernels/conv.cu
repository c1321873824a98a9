// Conv2D and its two backprops as implicit GEMMs on the shared tiled kernel: the operands are
// gathered from the 4-D tensors as they are loaded into shared memory (no im2col buffer).
#include "conv-problems.cuh"
#include "tiled-gemm.cuh"

namespace vs {

void launchConv2D(cudaStream_t s, ConvPass pass, const ConvGeometry& g, float* x, float* f, float* y) {
  switch (pass) {
    case ConvPass::Forward: {
      ConvForwardProblem p{};
      p.g = g; p.x = x; p.f = f; p.y = y;
      p.m = g.n * g.oh * g.ow; p.n = g.oc; p.k = g.kh * g.kw * g.c;
      if (p.m == 0 || p.n == 0) return;
      if (p.k == 0) { cudaMemsetAsync(y, 0, static_cast<size_t>(p.m * p.n) * sizeof(float), s); return; }
      launchTiledGemm(s, p);
      return;
    }
    case ConvPass::BackpropInput: {
      ConvBackpropInputProblem p{};
      p.g = g; p.dx = x; p.f = f; p.dy = y;
      p.m = g.n * g.h * g.w; p.n = g.c; p.k = g.kh * g.kw * g.oc;
      if (p.m == 0 || p.n == 0) return;
      if (p.k == 0) { cudaMemsetAsync(x, 0, static_cast<size_t>(p.m * p.n) * sizeof(float), s); return; }
      launchTiledGemm(s, p);
      return;
    }
    case ConvPass::BackpropFilter: {
      ConvBackpropFilterProblem p{};
      p.g = g; p.x = x; p.df = f; p.dy = y;
      p.m = g.kh * g.kw * g.c; p.n = g.oc; p.k = g.oh * g.ow; p.image = 0;
      if (p.m == 0 || p.n == 0) return;
      cudaMemsetAsync(f, 0, static_cast<size_t>(p.m * p.n) * sizeof(float), s);
      if (p.k == 0 || g.n == 0) return;
      launchTiledGemm(s, p);
      return;
    }
  }
}

}  // namespace vs

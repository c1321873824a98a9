// Fused optimizer updates (TensorFlow's training_ops GPU functors): every slot and the variable
// are updated in one pass; hyper-parameters are device scalars read once per thread.
#include "device-common.cuh"

namespace vs {
namespace {

struct Refs { float* r[4]; };
struct Scalars { const float* s[6]; };

template <OptimizerOp Op>
__global__ void optimizerKernel(Refs refs, Scalars sc, const float* __restrict__ grad, int64_t n, bool flag);

template <>
__global__ void optimizerKernel<OptimizerOp::GradientDescent>(Refs refs, Scalars sc, const float* __restrict__ grad,
                                                              int64_t n, bool) {
  const float alpha = *sc.s[0];
  float* var = refs.r[0];
  VS_GRID_STRIDE(i, n) var[i] -= alpha * grad[i];
}

template <>
__global__ void optimizerKernel<OptimizerOp::Momentum>(Refs refs, Scalars sc, const float* __restrict__ grad, int64_t n,
                                                       bool nesterov) {
  const float lr = *sc.s[0], momentum = *sc.s[1];
  float* var = refs.r[0];
  float* accum = refs.r[1];
  VS_GRID_STRIDE(i, n) {
    const float a = accum[i] * momentum + grad[i];
    accum[i] = a;
    var[i] -= nesterov ? grad[i] * lr + a * momentum * lr : lr * a;
  }
}

template <>
__global__ void optimizerKernel<OptimizerOp::Adam>(Refs refs, Scalars sc, const float* __restrict__ grad, int64_t n,
                                                   bool nesterov) {
  const float beta1Power = *sc.s[0], beta2Power = *sc.s[1], lr = *sc.s[2];
  const float beta1 = *sc.s[3], beta2 = *sc.s[4], epsilon = *sc.s[5];
  const float lrT = lr * sqrtf(1.f - beta2Power) / (1.f - beta1Power);
  float* var = refs.r[0];
  float* m = refs.r[1];
  float* v = refs.r[2];
  VS_GRID_STRIDE(i, n) {
    const float g = grad[i];
    const float mi = m[i] + (g - m[i]) * (1.f - beta1);
    const float vi = v[i] + (g * g - v[i]) * (1.f - beta2);
    m[i] = mi;
    v[i] = vi;
    const float step = nesterov ? (g * (1.f - beta1) + beta1 * mi) : mi;
    var[i] -= (step * lrT) / (epsilon + sqrtf(vi));
  }
}

template <>
__global__ void optimizerKernel<OptimizerOp::RMSProp>(Refs refs, Scalars sc, const float* __restrict__ grad, int64_t n,
                                                      bool) {
  const float lr = *sc.s[0], rho = *sc.s[1], momentum = *sc.s[2], epsilon = *sc.s[3];
  float* var = refs.r[0];
  float* ms = refs.r[1];
  float* mom = refs.r[2];
  VS_GRID_STRIDE(i, n) {
    const float g = grad[i];
    const float msi = ms[i] + (g * g - ms[i]) * (1.f - rho);
    const float momi = mom[i] * momentum + lr * g / sqrtf(msi + epsilon);
    ms[i] = msi;
    mom[i] = momi;
    var[i] -= momi;
  }
}

template <>
__global__ void optimizerKernel<OptimizerOp::CenteredRMSProp>(Refs refs, Scalars sc, const float* __restrict__ grad,
                                                              int64_t n, bool) {
  const float lr = *sc.s[0], rho = *sc.s[1], momentum = *sc.s[2], epsilon = *sc.s[3];
  float* var = refs.r[0];
  float* mg = refs.r[1];
  float* ms = refs.r[2];
  float* mom = refs.r[3];
  VS_GRID_STRIDE(i, n) {
    const float g = grad[i];
    const float mgi = mg[i] + (g - mg[i]) * (1.f - rho);
    const float msi = ms[i] + (g * g - ms[i]) * (1.f - rho);
    const float momi = mom[i] * momentum + lr * g / sqrtf(msi - mgi * mgi + epsilon);
    mg[i] = mgi;
    ms[i] = msi;
    mom[i] = momi;
    var[i] -= momi;
  }
}

template <>
__global__ void optimizerKernel<OptimizerOp::Adagrad>(Refs refs, Scalars sc, const float* __restrict__ grad, int64_t n,
                                                      bool updateSlots) {
  const float lr = *sc.s[0];
  float* var = refs.r[0];
  float* accum = refs.r[1];
  VS_GRID_STRIDE(i, n) {
    const float g = grad[i];
    const float a = updateSlots ? accum[i] + g * g : accum[i];
    if (updateSlots) accum[i] = a;
    var[i] -= lr * g * rsqrtf(a);
  }
}

}  // namespace

int optimizerRefCount(OptimizerOp op) {
  switch (op) {
    case OptimizerOp::GradientDescent: return 1;
    case OptimizerOp::Momentum: return 2;
    case OptimizerOp::Adam: return 3;
    case OptimizerOp::RMSProp: return 3;
    case OptimizerOp::CenteredRMSProp: return 4;
    case OptimizerOp::Adagrad: return 2;
    default: return 0;
  }
}

int optimizerScalarCount(OptimizerOp op) {
  switch (op) {
    case OptimizerOp::GradientDescent: return 1;
    case OptimizerOp::Momentum: return 2;
    case OptimizerOp::Adam: return 6;
    case OptimizerOp::RMSProp: return 4;
    case OptimizerOp::CenteredRMSProp: return 4;
    case OptimizerOp::Adagrad: return 1;
    default: return 0;
  }
}

void launchOptimizer(cudaStream_t s, OptimizerOp op, float* const* refs, const float* const* scalars,
                     const float* grad, int64_t n, bool flag) {
  if (n == 0) return;
  Refs r{};
  Scalars sc{};
  for (int i = 0; i < optimizerRefCount(op); ++i) r.r[i] = refs[i];
  for (int i = 0; i < optimizerScalarCount(op); ++i) sc.s[i] = scalars[i];
  switch (op) {
#define VS_CASE(OP) case OptimizerOp::OP: optimizerKernel<OptimizerOp::OP><<<gridFor(n), kThreads, 0, s>>>(r, sc, grad, n, flag); break;
    VS_CASE(GradientDescent) VS_CASE(Momentum) VS_CASE(Adam) VS_CASE(RMSProp) VS_CASE(CenteredRMSProp) VS_CASE(Adagrad)
#undef VS_CASE
    default: break;
  }
}

}  // namespace vs

#include "addon.h"

#include <cuda_runtime_api.h>

#include "context.h"
#include "kernels/launch.h"

namespace vs {

namespace {

/** Op-code tables by TensorFlow op name, so JS never hard-codes the enum values of launch.h. */
Napi::Object codeTable(Napi::Env env, std::initializer_list<const char*> names) {
  Napi::Object table = Napi::Object::New(env);
  int32_t code = 0;
  for (const char* name : names) table.Set(name, Napi::Number::New(env, code++));
  table.Freeze();
  return table;
}

}  // namespace

CudaAddon::CudaAddon(Napi::Env env, Napi::Object exports) {
  Napi::Function buffer = DeviceBuffer::Define(env);
  Napi::Function context = Context::Define(env);
  bufferConstructor = Napi::Persistent(buffer);
  contextConstructor = Napi::Persistent(context);

  // Keep these lists in the order of the enums in kernels/launch.h.
  Napi::Object ops = Napi::Object::New(env);
  ops.Set("unary", codeTable(env, {"Neg", "Abs", "Sign", "Square", "Sqrt", "Rsqrt", "Reciprocal", "Exp", "Log",
                                   "Log1p", "Sin", "Cos", "Floor", "Ceil", "Round", "Relu", "Relu6", "Sigmoid",
                                   "Tanh", "Softplus", "Elu", "LeakyRelu", "OnesLike", "LogicalNot"}));
  ops.Set("binary", codeTable(env, {"Add", "Sub", "Mul", "RealDiv", "Div", "FloorDiv", "FloorMod", "TruncateMod",
                                    "Pow", "Maximum", "Minimum", "SquaredDifference", "Equal", "NotEqual", "Less",
                                    "LessEqual", "Greater", "GreaterEqual", "LogicalAnd", "LogicalOr", "ReluGrad",
                                    "Relu6Grad", "SoftplusGrad", "EluGrad", "SigmoidGrad", "TanhGrad"}));
  ops.Set("ternary", codeTable(env, {"Select", "ClipByValue"}));
  ops.Set("reduce", codeTable(env, {"Sum", "Mean", "Prod", "Max", "Min", "All", "Any", "L2Loss"}));
  ops.Set("optimizer", codeTable(env, {"ApplyGradientDescent", "ApplyMomentum", "ApplyAdam", "ApplyRMSProp",
                                       "ApplyCenteredRMSProp", "ApplyAdagrad"}));
  ops.Set("random", codeTable(env, {"RandomUniform", "RandomStandardNormal", "TruncatedNormal", "RandomUniformInt"}));
  ops.Set("convPass", codeTable(env, {"Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"}));
  ops.Freeze();

  DefineAddon(exports, {
      InstanceValue("Context", context, napi_enumerable),
      InstanceValue("DeviceBuffer", buffer, napi_enumerable),
      InstanceValue("ops", ops, napi_enumerable),
      InstanceValue("napiVersion", Napi::Number::New(env, NAPI_VERSION), napi_enumerable),
      InstanceValue("maxRank", Napi::Number::New(env, kMaxRank), napi_enumerable),
      InstanceValue("truncatedNormalRounds", Napi::Number::New(env, 16), napi_enumerable),
      InstanceMethod("probe", &CudaAddon::Probe, napi_enumerable),
  });
}

/**
 * What the CUDA runtime says about this machine, without creating a context:
 * { runtimeVersion, driverVersion, deviceCount, error: { code, name, message } | null, devices }.
 */
Napi::Value CudaAddon::Probe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  int runtime = 0, driver = 0, count = 0;
  cudaRuntimeGetVersion(&runtime);
  cudaDriverGetVersion(&driver);  // 0 when no driver is installed
  out.Set("runtimeVersion", runtime);
  out.Set("driverVersion", driver);
  const cudaError_t status = cudaGetDeviceCount(&count);
  Napi::Array devices = Napi::Array::New(env);
  if (status != cudaSuccess) {
    cudaGetLastError();  // clear the sticky error so a later probe starts clean
    Napi::Object err = Napi::Object::New(env);
    err.Set("code", static_cast<int>(status));
    err.Set("name", cudaGetErrorName(status));
    err.Set("message", cudaGetErrorString(status));
    out.Set("error", err);
    out.Set("deviceCount", 0);
  } else {
    out.Set("error", env.Null());
    out.Set("deviceCount", count);
    for (int d = 0; d < count; ++d) {
      cudaDeviceProp prop{};
      if (cudaGetDeviceProperties(&prop, d) != cudaSuccess) continue;
      Napi::Object dev = Napi::Object::New(env);
      dev.Set("name", prop.name);
      dev.Set("computeCapability", std::to_string(prop.major) + "." + std::to_string(prop.minor));
      dev.Set("totalMemory", static_cast<double>(prop.totalGlobalMem));
      dev.Set("multiprocessors", prop.multiProcessorCount);
      devices.Set(static_cast<uint32_t>(d), dev);
    }
  }
  out.Set("devices", devices);
  return out;
}

}  // namespace vs

using vs::CudaAddon;
NODE_API_ADDON(CudaAddon)

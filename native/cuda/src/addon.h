// The module instance: everything per-environment lives here (Napi::Addon), nothing in globals,
// so the addon is safe to load in several worker threads at once.
#pragma once

#include <napi.h>

namespace vs {

class CudaAddon : public Napi::Addon<CudaAddon> {
 public:
  CudaAddon(Napi::Env env, Napi::Object exports);

  Napi::FunctionReference bufferConstructor;
  Napi::FunctionReference contextConstructor;
  /** Passed by Context.allocate to DeviceBuffer's constructor, which refuses calls without it. */
  int constructionToken = 0;

 private:
  Napi::Value Probe(const Napi::CallbackInfo& info);
};

}  // namespace vs

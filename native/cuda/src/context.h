// One backend instance: a device (or a dry-run host stand-in), its stream, its memory pool and
// the buffers allocated from it. JS sees `Context` and the `DeviceBuffer` handles it hands out.
#pragma once

#include <napi.h>

#include <cuda_runtime_api.h>

#include <cstdint>
#include <memory>
#include <string>

#include "args.h"
#include "memory-pool.h"

namespace vs {

/** State shared by a context and every buffer it issued; outlives whichever is collected last. */
struct ContextState {
  bool dryRun = false;
  int device = 0;
  cudaStream_t stream = nullptr;
  std::unique_ptr<MemoryPool> pool;
  /** Page-locked host buffers for downloads, cached like device memory (cudaMallocHost is slow). */
  std::unique_ptr<MemoryPool> pinnedPool;
  int32_t* errorWordHost = nullptr;    // host view of the asynchronous error word
  int32_t* errorWordDevice = nullptr;  // what kernels write (mapped pinned memory)
  bool disposed = false;
  bool tf32Capable = false;
  uint64_t liveHandles = 0;
  std::string deviceName;
  int computeMajor = 0, computeMinor = 0;

  /** Makes this context's device current on the calling thread (no-op in dry runs). */
  void activate() const;
  /** Releases the stream, the error word and all memory. Idempotent. */
  void shutdown();
  ~ContextState();
};

/** A buffer handle. Created only by Context.allocate; released explicitly, or by GC as a backstop. */
class DeviceBuffer : public Napi::ObjectWrap<DeviceBuffer> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit DeviceBuffer(const Napi::CallbackInfo& info);
  void Finalize(Napi::BasicEnv env) override;

  std::shared_ptr<ContextState> state;
  PoolBlock* block = nullptr;
  int32_t dtype = 0;
  int64_t elements = 0;
  size_t bytes = 0;
  bool live = false;

  void* data() const { return block != nullptr ? block->ptr : nullptr; }
  /** Returns the memory to the pool and tells V8 it is gone. */
  void releaseMemory(Napi::BasicEnv env);

 private:
  Napi::Value GetByteLength(const Napi::CallbackInfo& info);
  Napi::Value GetDType(const Napi::CallbackInfo& info);
  Napi::Value GetReleased(const Napi::CallbackInfo& info);
};

class Context : public Napi::ObjectWrap<Context> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit Context(const Napi::CallbackInfo& info);
  void Finalize(Napi::BasicEnv env) override;

 private:
  // buffers and transfers
  Napi::Value Allocate(const Napi::CallbackInfo& info);
  void Release(const Napi::CallbackInfo& info);
  void Upload(const Napi::CallbackInfo& info);
  Napi::Value Download(const Napi::CallbackInfo& info);
  Napi::Value Sync(const Napi::CallbackInfo& info);
  void CopyBuffer(const Napi::CallbackInfo& info);
  void FillZero(const Napi::CallbackInfo& info);
  Napi::Value Stats(const Napi::CallbackInfo& info);
  void EmptyCache(const Napi::CallbackInfo& info);
  void Dispose(const Napi::CallbackInfo& info);
  Napi::Value GetDeviceInfo(const Napi::CallbackInfo& info);

  // kernels
  void Unary(const Napi::CallbackInfo& info);
  void Binary(const Napi::CallbackInfo& info);
  void Ternary(const Napi::CallbackInfo& info);
  void Cast(const Napi::CallbackInfo& info);
  void StridedCopy(const Napi::CallbackInfo& info);
  void StridedSlice(const Napi::CallbackInfo& info);
  void Gather(const Napi::CallbackInfo& info);
  void OneHot(const Napi::CallbackInfo& info);
  void MatMul(const Napi::CallbackInfo& info);
  void Conv2D(const Napi::CallbackInfo& info);
  void Pool(const Napi::CallbackInfo& info);
  void PoolGrad(const Napi::CallbackInfo& info);
  void Reduce(const Napi::CallbackInfo& info);
  void ArgReduce(const Napi::CallbackInfo& info);
  void Softmax(const Napi::CallbackInfo& info);
  void SoftmaxXent(const Napi::CallbackInfo& info);
  void SparseSoftmaxXent(const Napi::CallbackInfo& info);
  void Random(const Napi::CallbackInfo& info);
  void Optimizer(const Napi::CallbackInfo& info);

  /** Throws unless the context is usable. */
  void requireOpen(const ArgReader& a) const;
  /** A live buffer of this context. */
  DeviceBuffer* buffer(const ArgReader& a, size_t i, const char* name) const;
  DeviceBuffer* bufferAt(const ArgReader& a, const Napi::Value& v, size_t i, const char* name) const;
  void requireDType(const ArgReader& a, size_t i, const char* name, const DeviceBuffer* b, int32_t dtype) const;
  void requireElements(const ArgReader& a, size_t i, const char* name, const DeviceBuffer* b, int64_t n) const;
  /** Temporary device memory recycled as soon as the work using it is enqueued. */
  PoolBlock* scratch(const ArgReader& a, size_t bytes) const;
  /** Throws if the last launch failed. */
  void checkLaunch(const ArgReader& a) const;

  std::shared_ptr<ContextState> state_;
};

/** The CUDA runtime's name and text for an error code. */
std::string cudaErrorText(cudaError_t code);
/** A JS Error with `code` 'ERR_VARSCOPE_CUDA' and the CUDA error number and name. */
Napi::Error cudaError(Napi::Env env, const std::string& what, cudaError_t code);

}  // namespace vs

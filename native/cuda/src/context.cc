#include "context.h"

#include <cstdlib>
#include <cstring>
#include <vector>

#include "addon.h"
#include "broadcast.h"
#include "dtype-codes.h"
#include "kernels/launch.h"

namespace vs {

// ---- errors ------------------------------------------------------------------------------------

std::string cudaErrorText(cudaError_t code) {
  return std::string(cudaGetErrorName(code)) + " (error " + std::to_string(static_cast<int>(code)) +
         "): " + cudaGetErrorString(code);
}

Napi::Error cudaError(Napi::Env env, const std::string& what, cudaError_t code) {
  Napi::Error e = Napi::Error::New(env, what + ": " + cudaErrorText(code));
  e.Set("code", Napi::String::New(env, "ERR_VARSCOPE_CUDA"));
  e.Set("cudaError", Napi::Number::New(env, static_cast<int>(code)));
  e.Set("cudaErrorName", Napi::String::New(env, cudaGetErrorName(code)));
  return e;
}

namespace {

class CudaRawAllocator : public RawAllocator {
 public:
  void* allocate(size_t bytes, std::string& error) override {
    void* p = nullptr;
    const cudaError_t status = cudaMalloc(&p, bytes);
    if (status != cudaSuccess) {
      cudaGetLastError();
      error = cudaErrorText(status);
      return nullptr;
    }
    return p;
  }
  void free(void* ptr) override { cudaFree(ptr); }
};

/** Page-locked host memory, so device-to-host copies run at full DMA speed. */
class PinnedRawAllocator : public RawAllocator {
 public:
  void* allocate(size_t bytes, std::string& error) override {
    void* p = nullptr;
    const cudaError_t status = cudaMallocHost(&p, bytes);
    if (status != cudaSuccess) {
      cudaGetLastError();
      error = cudaErrorText(status);
      return nullptr;
    }
    return p;
  }
  void free(void* ptr) override { cudaFreeHost(ptr); }
};

/** Dry-run contexts keep "device" buffers in host memory, 256-byte aligned like cudaMalloc's. */
class HostRawAllocator : public RawAllocator {
 public:
  void* allocate(size_t bytes, std::string& error) override {
    void* p = std::aligned_alloc(256, bytes);
    if (p == nullptr) error = "host allocation of " + std::to_string(bytes) + " bytes failed";
    return p;
  }
  void free(void* ptr) override { std::free(ptr); }
};

CudaAddon* addonOf(Napi::Env env) { return env.GetInstanceData<CudaAddon>(); }

/** Reads and clears the error word; returns the TensorFlow-worded message or "". */
std::string takeDeviceError(ContextState& s) {
  if (s.errorWordHost == nullptr) return "";
  const int32_t code = __atomic_exchange_n(s.errorWordHost, 0, __ATOMIC_ACQ_REL);
  switch (code) {
    case kNoDeviceError: return "";
    case kIntegerDivisionByZero: return "Integer division by zero";
    case kRandomIntEmptyRange: return "Need minval < maxval";
    case kIntegerNegativePower: return "Integers to negative integer powers are not allowed";
    default: return "kernel reported error code " + std::to_string(code);
  }
}

/**
 * Waits, off the JS thread, for an event recorded on the context's stream, then settles a
 * promise: with the downloaded bytes (download) or undefined (sync).
 */
class StreamWaitWorker : public Napi::AsyncWorker {
 public:
  StreamWaitWorker(Napi::Env env, std::shared_ptr<ContextState> state, cudaEvent_t event, PoolBlock* pinned,
                   std::vector<uint8_t> hostCopy, size_t bytes, bool isDownload)
      : Napi::AsyncWorker(env, "varscope:cuda-stream-wait"),
        deferred_(Napi::Promise::Deferred::New(env)),
        state_(std::move(state)),
        event_(event),
        pinned_(pinned),
        hostCopy_(std::move(hostCopy)),
        bytes_(bytes),
        isDownload_(isDownload) {}

  ~StreamWaitWorker() override {
    if (event_ != nullptr) cudaEventDestroy(event_);
    // The pinned pool lives until the state is destroyed, which this worker's reference delays.
    if (pinned_ != nullptr) state_->pinnedPool->recycle(pinned_);
  }

  Napi::Promise promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    if (event_ != nullptr) {
      const cudaError_t status = cudaEventSynchronize(event_);
      if (status != cudaSuccess) {
        cudaStatus_ = status;
        SetError("a kernel failed on the device: " + cudaErrorText(status));
        return;
      }
    }
    const std::string deviceError = takeDeviceError(*state_);
    if (!deviceError.empty()) {
      kernelError_ = true;
      SetError(deviceError);
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    if (!isDownload_) {
      deferred_.Resolve(env.Undefined());
      return;
    }
    Napi::ArrayBuffer out = Napi::ArrayBuffer::New(env, bytes_);
    if (bytes_ > 0) std::memcpy(out.Data(), pinned_ != nullptr ? pinned_->ptr : hostCopy_.data(), bytes_);
    deferred_.Resolve(out);
  }

  void OnError(const Napi::Error& e) override {
    Napi::Env env = Env();
    Napi::Error err = cudaStatus_ != cudaSuccess ? cudaError(env, "sync", cudaStatus_) : Napi::Error::New(env, e.Message());
    if (kernelError_) err.Set("code", Napi::String::New(env, "ERR_VARSCOPE_KERNEL"));
    deferred_.Reject(err.Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  std::shared_ptr<ContextState> state_;
  cudaEvent_t event_;
  PoolBlock* pinned_;
  std::vector<uint8_t> hostCopy_;
  size_t bytes_;
  bool isDownload_;
  bool kernelError_ = false;
  cudaError_t cudaStatus_ = cudaSuccess;
};

}  // namespace

// ---- ContextState ------------------------------------------------------------------------------

void ContextState::activate() const {
  if (!dryRun) cudaSetDevice(device);
}

void ContextState::shutdown() {
  if (disposed) return;
  disposed = true;
  if (!dryRun) {
    activate();
    if (stream != nullptr) {
      cudaStreamSynchronize(stream);
      cudaStreamDestroy(stream);
      stream = nullptr;
    }
  }
  // The error word and the pinned blocks of pending downloads stay until destruction: their
  // workers hold this state and may still read them.
  if (pool) pool->releaseAll();
  if (pinnedPool) pinnedPool->emptyCache();
  liveHandles = 0;
}

ContextState::~ContextState() {
  shutdown();
  if (pinnedPool) pinnedPool->releaseAll();
  if (errorWordHost != nullptr) {
    if (dryRun) delete errorWordHost;
    else cudaFreeHost(errorWordHost);
  }
}

// ---- DeviceBuffer ------------------------------------------------------------------------------

Napi::Function DeviceBuffer::Define(Napi::Env env) {
  return DefineClass(env, "DeviceBuffer", {
      InstanceAccessor<&DeviceBuffer::GetByteLength>("byteLength"),
      InstanceAccessor<&DeviceBuffer::GetDType>("dtype"),
      InstanceAccessor<&DeviceBuffer::GetReleased>("released"),
  });
}

DeviceBuffer::DeviceBuffer(const Napi::CallbackInfo& info) : Napi::ObjectWrap<DeviceBuffer>(info) {
  CudaAddon* addon = addonOf(info.Env());
  if (info.Length() != 1 || !info[0].IsExternal() ||
      info[0].As<Napi::External<int>>().Data() != &addon->constructionToken) {
    throw Napi::TypeError::New(info.Env(), "DeviceBuffer: buffers are created by Context.allocate()");
  }
}

void DeviceBuffer::releaseMemory(Napi::BasicEnv env) {
  if (!live) return;
  live = false;
  if (state && !state->disposed) {
    state->pool->recycle(block);
    --state->liveHandles;
  }
  block = nullptr;
  if (bytes > 0) Napi::MemoryManagement::AdjustExternalMemory(env, -static_cast<int64_t>(bytes));
}

void DeviceBuffer::Finalize(Napi::BasicEnv env) {
  // A backstop only: buffers are meant to be released explicitly. Safe because every use of the
  // block was enqueued on the context's stream before the handle became unreachable.
  releaseMemory(env);
}

Napi::Value DeviceBuffer::GetByteLength(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(bytes));
}
Napi::Value DeviceBuffer::GetDType(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), dtypeName(dtype));
}
Napi::Value DeviceBuffer::GetReleased(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), !live || !state || state->disposed);
}

// ---- Context: construction and buffers -------------------------------------------------------

Napi::Function Context::Define(Napi::Env env) {
  return DefineClass(env, "Context", {
      InstanceMethod<&Context::Allocate>("allocate"),
      InstanceMethod<&Context::Release>("release"),
      InstanceMethod<&Context::Upload>("upload"),
      InstanceMethod<&Context::Download>("download"),
      InstanceMethod<&Context::Sync>("sync"),
      InstanceMethod<&Context::CopyBuffer>("copyBuffer"),
      InstanceMethod<&Context::FillZero>("fillZero"),
      InstanceMethod<&Context::Stats>("stats"),
      InstanceMethod<&Context::EmptyCache>("emptyCache"),
      InstanceMethod<&Context::Dispose>("dispose"),
      InstanceAccessor<&Context::GetDeviceInfo>("deviceInfo"),
      InstanceMethod<&Context::Unary>("unary"),
      InstanceMethod<&Context::Binary>("binary"),
      InstanceMethod<&Context::Ternary>("ternary"),
      InstanceMethod<&Context::Cast>("cast"),
      InstanceMethod<&Context::StridedCopy>("stridedCopy"),
      InstanceMethod<&Context::StridedSlice>("stridedSlice"),
      InstanceMethod<&Context::Gather>("gather"),
      InstanceMethod<&Context::OneHot>("oneHot"),
      InstanceMethod<&Context::MatMul>("matMul"),
      InstanceMethod<&Context::Conv2D>("conv2d"),
      InstanceMethod<&Context::Pool>("pool"),
      InstanceMethod<&Context::PoolGrad>("poolGrad"),
      InstanceMethod<&Context::Reduce>("reduce"),
      InstanceMethod<&Context::ArgReduce>("argReduce"),
      InstanceMethod<&Context::Softmax>("softmax"),
      InstanceMethod<&Context::SoftmaxXent>("softmaxCrossEntropy"),
      InstanceMethod<&Context::SparseSoftmaxXent>("sparseSoftmaxCrossEntropy"),
      InstanceMethod<&Context::Random>("random"),
      InstanceMethod<&Context::Optimizer>("applyOptimizer"),
  });
}

/**
 * new Context({ device?: number, dryRun?: boolean, poolLimitBytes?: number })
 * Throws an Error with code ERR_VARSCOPE_CUDA (and the CUDA error) when the device is unusable.
 */
Context::Context(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Context>(info) {
  Napi::Env env = info.Env();
  ArgReader a(info, "Context");
  int64_t device = 0, limit = 0;
  bool dryRun = false;
  if (info.Length() > 0 && !info[0].IsUndefined()) {
    if (!info[0].IsObject()) a.typeError(0, "options", "must be an object, got " + ArgReader::describe(info[0]));
    Napi::Object o = info[0].As<Napi::Object>();
    auto readInt = [&](const char* key, int64_t hi) -> int64_t {
      Napi::Value v = o.Get(key);
      if (v.IsUndefined()) return 0;
      if (!v.IsNumber()) a.typeError(0, key, "must be an integer, got " + ArgReader::describe(v));
      const double d = v.As<Napi::Number>().DoubleValue();
      if (!std::isfinite(d) || std::trunc(d) != d || d < 0 || d > static_cast<double>(hi)) {
        a.rangeError(0, key, "must be an integer in [0, " + std::to_string(hi) + "]");
      }
      return static_cast<int64_t>(d);
    };
    device = readInt("device", 1024);
    limit = readInt("poolLimitBytes", kMaxSafeInteger);
    Napi::Value dr = o.Get("dryRun");
    if (!dr.IsUndefined()) {
      if (!dr.IsBoolean()) a.typeError(0, "dryRun", "must be a boolean, got " + ArgReader::describe(dr));
      dryRun = dr.As<Napi::Boolean>().Value();
    }
  }

  auto state = std::make_shared<ContextState>();
  state->dryRun = dryRun;
  state->device = static_cast<int>(device);
  if (dryRun) {
    state->pool = std::make_unique<MemoryPool>(std::make_unique<HostRawAllocator>(), static_cast<size_t>(limit));
    state->errorWordHost = new int32_t(0);
    state->deviceName = "dry run (host memory, kernels validated but not launched)";
    state_ = std::move(state);
    return;
  }

  // Validation of the options is done; from here on every CUDA failure becomes a typed error.
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    cudaGetLastError();
    state->disposed = true;
    throw cudaError(env, "cudaGetDeviceCount failed", status);
  }
  if (count == 0 || device >= count) {
    state->disposed = true;
    Napi::Error e = Napi::Error::New(env, count == 0 ? "no CUDA device is visible"
                                                     : "CUDA device " + std::to_string(device) + " does not exist (" +
                                                           std::to_string(count) + " visible)");
    e.Set("code", Napi::String::New(env, "ERR_VARSCOPE_CUDA_NO_DEVICE"));
    throw e;
  }
  auto fail = [&](const char* what, cudaError_t s) {
    cudaGetLastError();
    state->shutdown();
    throw cudaError(env, what, s);
  };
  if ((status = cudaSetDevice(state->device)) != cudaSuccess) fail("cudaSetDevice failed", status);
  cudaDeviceProp prop{};
  if ((status = cudaGetDeviceProperties(&prop, state->device)) != cudaSuccess) fail("cudaGetDeviceProperties failed", status);
  state->deviceName = prop.name;
  state->computeMajor = prop.major;
  state->computeMinor = prop.minor;
  state->tf32Capable = prop.major >= 8;
  if ((status = cudaStreamCreateWithFlags(&state->stream, cudaStreamNonBlocking)) != cudaSuccess) {
    fail("cudaStreamCreate failed", status);
  }
  void* word = nullptr;
  if ((status = cudaHostAlloc(&word, sizeof(int32_t), cudaHostAllocMapped)) != cudaSuccess) fail("cudaHostAlloc failed", status);
  state->errorWordHost = static_cast<int32_t*>(word);
  *state->errorWordHost = 0;
  void* devWord = nullptr;
  if ((status = cudaHostGetDevicePointer(&devWord, word, 0)) != cudaSuccess) fail("cudaHostGetDevicePointer failed", status);
  state->errorWordDevice = static_cast<int32_t*>(devWord);
  state->pool = std::make_unique<MemoryPool>(std::make_unique<CudaRawAllocator>(), static_cast<size_t>(limit));
  state->pinnedPool = std::make_unique<MemoryPool>(std::make_unique<PinnedRawAllocator>(), 0);
  state_ = std::move(state);
}

void Context::Finalize(Napi::BasicEnv) {
  // Buffers still reachable keep the state alive; their memory goes when the last one does.
}

void Context::requireOpen(const ArgReader& a) const {
  if (state_->disposed) a.fail("the context has been disposed");
  state_->activate();
}

namespace {
/** Tags DeviceBuffer objects at creation; checking a tag is cheaper and stricter than instanceof. */
constexpr napi_type_tag kDeviceBufferTag = {0x7661727363707563ULL, 0x6275666665723031ULL};
}  // namespace

DeviceBuffer* Context::bufferAt(const ArgReader& a, const Napi::Value& v, size_t i, const char* name) const {
  bool tagged = false;
  if (!v.IsObject() || napi_check_object_type_tag(a.env(), v, &kDeviceBufferTag, &tagged) != napi_ok || !tagged) {
    a.typeError(i, name, "must be a DeviceBuffer, got " + ArgReader::describe(v));
  }
  void* raw = nullptr;
  if (napi_unwrap(a.env(), v, &raw) != napi_ok || raw == nullptr) {
    a.typeError(i, name, "is not a DeviceBuffer created by Context.allocate()");
  }
  auto* buf = static_cast<DeviceBuffer*>(static_cast<Napi::ObjectWrap<DeviceBuffer>*>(raw));
  if (buf->state.get() != state_.get()) a.typeError(i, name, "belongs to another context");
  if (!buf->live) a.rangeError(i, name, "has been released");
  return buf;
}

DeviceBuffer* Context::buffer(const ArgReader& a, size_t i, const char* name) const {
  return bufferAt(a, a.at(i, name), i, name);
}

void Context::requireDType(const ArgReader& a, size_t i, const char* name, const DeviceBuffer* b, int32_t dtype) const {
  if (b->dtype != dtype) {
    a.typeError(i, name, std::string("must hold ") + dtypeName(dtype) + ", got " + dtypeName(b->dtype));
  }
}

void Context::requireElements(const ArgReader& a, size_t i, const char* name, const DeviceBuffer* b, int64_t n) const {
  if (b->elements != n) {
    a.rangeError(i, name, "holds " + std::to_string(b->elements) + " elements but the shape given needs " +
                              std::to_string(n));
  }
}

PoolBlock* Context::scratch(const ArgReader& a, size_t bytes) const {
  try {
    return state_->pool->acquire(bytes);
  } catch (const PoolExhausted& e) {
    Napi::Error err = Napi::Error::New(a.env(), a.methodName() + ": OOM when allocating " + std::to_string(bytes) +
                                                    " bytes of scratch space on the GPU: " + e.what());
    err.Set("code", Napi::String::New(a.env(), "ERR_VARSCOPE_RESOURCE_EXHAUSTED"));
    throw err;
  }
}

void Context::checkLaunch(const ArgReader& a) const {
  const cudaError_t status = cudaGetLastError();
  if (status != cudaSuccess) throw cudaError(a.env(), a.methodName() + ": kernel launch failed", status);
}

/** allocate(dtype: DataType number, shape: number[]) → DeviceBuffer */
Napi::Value Context::Allocate(const Napi::CallbackInfo& info) {
  ArgReader a(info, "allocate");
  requireOpen(a);
  const int32_t dtype = static_cast<int32_t>(a.integer(0, "dtype", 0, 1000));
  const size_t elemSize = dtypeSize(dtype);
  if (elemSize == 0) {
    a.typeError(0, "dtype", "DataType " + std::to_string(dtype) + " is not supported (float32=1, int32=3, int64=9, bool=10)");
  }
  const Shape shape = a.shape(1, "shape");
  const int64_t elements = shape.elements();
  if (elements > kMaxSafeInteger / static_cast<int64_t>(elemSize)) a.rangeError(1, "shape", "is too large");
  const size_t bytes = static_cast<size_t>(elements) * elemSize;

  PoolBlock* block = nullptr;
  try {
    block = state_->pool->acquire(bytes);
  } catch (const PoolExhausted& e) {
    Napi::Error err = Napi::Error::New(info.Env(), "OOM when allocating tensor with shape" + shape.toString() +
                                                       " and type " + dtypeName(dtype) + " on " +
                                                       (state_->dryRun ? "the dry-run host pool" : "/device:GPU:" + std::to_string(state_->device)) +
                                                       ": " + e.what());
    err.Set("code", Napi::String::New(info.Env(), "ERR_VARSCOPE_RESOURCE_EXHAUSTED"));
    throw err;
  }
  CudaAddon* addon = addonOf(info.Env());
  Napi::Object obj;
  try {
    obj = addon->bufferConstructor.New({Napi::External<int>::New(info.Env(), &addon->constructionToken)});
  } catch (...) {
    state_->pool->recycle(block);
    throw;
  }
  if (napi_type_tag_object(info.Env(), obj, &kDeviceBufferTag) != napi_ok) {
    state_->pool->recycle(block);
    throw Napi::Error::New(info.Env(), "allocate: cannot tag the buffer handle");
  }
  DeviceBuffer* buf = DeviceBuffer::Unwrap(obj);
  buf->state = state_;
  buf->block = block;
  buf->dtype = dtype;
  buf->elements = elements;
  buf->bytes = bytes;
  buf->live = true;
  ++state_->liveHandles;
  if (bytes > 0) Napi::MemoryManagement::AdjustExternalMemory(info.Env(), static_cast<int64_t>(bytes));
  return obj;
}

/** release(buffer): returns the memory to the pool; releasing twice is an error. */
void Context::Release(const Napi::CallbackInfo& info) {
  ArgReader a(info, "release");
  requireOpen(a);
  DeviceBuffer* buf = buffer(a, 0, "buffer");
  buf->releaseMemory(info.Env());
}

namespace {
napi_typedarray_type typedArrayFor(int32_t dtype) {
  switch (dtype) {
    case kFloat32: return napi_float32_array;
    case kInt32: return napi_int32_array;
    case kInt64: return napi_bigint64_array;
    default: return napi_uint8_array;
  }
}
const char* typedArrayName(napi_typedarray_type t) {
  switch (t) {
    case napi_int8_array: return "Int8Array";
    case napi_uint8_array: return "Uint8Array";
    case napi_uint8_clamped_array: return "Uint8ClampedArray";
    case napi_int16_array: return "Int16Array";
    case napi_uint16_array: return "Uint16Array";
    case napi_int32_array: return "Int32Array";
    case napi_uint32_array: return "Uint32Array";
    case napi_float32_array: return "Float32Array";
    case napi_float64_array: return "Float64Array";
    case napi_bigint64_array: return "BigInt64Array";
    case napi_biguint64_array: return "BigUint64Array";
    default: return "typed array";
  }
}
}  // namespace

/** upload(buffer, data: typed array of the buffer's dtype and exact length) */
void Context::Upload(const Napi::CallbackInfo& info) {
  ArgReader a(info, "upload");
  requireOpen(a);
  DeviceBuffer* buf = buffer(a, 0, "buffer");
  Napi::Value v = a.at(1, "data");
  if (!v.IsTypedArray()) a.typeError(1, "data", "must be a typed array, got " + ArgReader::describe(v));
  Napi::TypedArray arr = v.As<Napi::TypedArray>();
  const napi_typedarray_type want = typedArrayFor(buf->dtype);
  if (arr.TypedArrayType() != want) {
    a.typeError(1, "data", std::string("must be a ") + typedArrayName(want) + " for a " + dtypeName(buf->dtype) +
                               " buffer, got " + typedArrayName(arr.TypedArrayType()));
  }
  if (arr.ByteLength() != buf->bytes) {
    a.rangeError(1, "data", "has " + std::to_string(arr.ElementLength()) + " elements; the buffer holds " +
                                std::to_string(buf->elements));
  }
  if (buf->bytes == 0) return;
  // The data pointer straight from the typed array: works for SharedArrayBuffer-backed views too.
  void* raw = nullptr;
  if (napi_get_typedarray_info(info.Env(), arr, nullptr, nullptr, &raw, nullptr, nullptr) != napi_ok || raw == nullptr) {
    a.typeError(1, "data", "has no readable backing store");
  }
  const uint8_t* src = static_cast<const uint8_t*>(raw);
  if (state_->dryRun) {
    std::memcpy(buf->data(), src, buf->bytes);
    return;
  }
  // From pageable memory the runtime stages the bytes before returning, so `data` may change
  // as soon as this call returns; the copy itself is ordered on the stream with the kernels.
  const cudaError_t status = cudaMemcpyAsync(buf->data(), src, buf->bytes, cudaMemcpyHostToDevice, state_->stream);
  if (status != cudaSuccess) throw cudaError(info.Env(), "upload: cudaMemcpyAsync failed", status);
}

/** download(buffer) → Promise<ArrayBuffer>, after everything enqueued before it. */
Napi::Value Context::Download(const Napi::CallbackInfo& info) {
  ArgReader a(info, "download");
  requireOpen(a);
  DeviceBuffer* buf = buffer(a, 0, "buffer");
  Napi::Env env = info.Env();
  StreamWaitWorker* worker = nullptr;
  if (state_->dryRun) {
    std::vector<uint8_t> copy(buf->bytes);
    if (buf->bytes > 0) std::memcpy(copy.data(), buf->data(), buf->bytes);
    worker = new StreamWaitWorker(env, state_, nullptr, nullptr, std::move(copy), buf->bytes, true);
  } else {
    PoolBlock* pinned = nullptr;
    cudaEvent_t event = nullptr;
    cudaError_t status = cudaSuccess;
    try {
      pinned = state_->pinnedPool->acquire(buf->bytes);
    } catch (const PoolExhausted& e) {
      throw Napi::Error::New(env, std::string("download: cannot allocate pinned host memory: ") + e.what());
    }
    if (buf->bytes > 0) status = cudaMemcpyAsync(pinned->ptr, buf->data(), buf->bytes, cudaMemcpyDeviceToHost, state_->stream);
    if (status == cudaSuccess) status = cudaEventCreateWithFlags(&event, cudaEventDisableTiming);
    if (status == cudaSuccess) status = cudaEventRecord(event, state_->stream);
    if (status != cudaSuccess) {
      if (event != nullptr) cudaEventDestroy(event);
      state_->pinnedPool->recycle(pinned);
      throw cudaError(env, "download: enqueueing the copy failed", status);
    }
    worker = new StreamWaitWorker(env, state_, event, pinned, {}, buf->bytes, true);
  }
  Napi::Promise promise = worker->promise();
  worker->Queue();
  return promise;
}

/** sync() → Promise<void> once every enqueued kernel has finished; rejects on asynchronous kernel errors. */
Napi::Value Context::Sync(const Napi::CallbackInfo& info) {
  ArgReader a(info, "sync");
  requireOpen(a);
  Napi::Env env = info.Env();
  cudaEvent_t event = nullptr;
  if (!state_->dryRun) {
    cudaError_t status = cudaEventCreateWithFlags(&event, cudaEventDisableTiming);
    if (status == cudaSuccess) status = cudaEventRecord(event, state_->stream);
    if (status != cudaSuccess) {
      if (event != nullptr) cudaEventDestroy(event);
      throw cudaError(env, "sync: recording an event failed", status);
    }
  }
  auto* worker = new StreamWaitWorker(env, state_, event, nullptr, {}, 0, false);
  Napi::Promise promise = worker->promise();
  worker->Queue();
  return promise;
}

/** copyBuffer(dst, src): same dtype and element count (Assign, Identity). */
void Context::CopyBuffer(const Napi::CallbackInfo& info) {
  ArgReader a(info, "copyBuffer");
  requireOpen(a);
  DeviceBuffer* dst = buffer(a, 0, "dst");
  DeviceBuffer* src = buffer(a, 1, "src");
  requireDType(a, 1, "src", src, dst->dtype);
  requireElements(a, 1, "src", src, dst->elements);
  if (dst->bytes == 0 || dst == src) return;
  if (state_->dryRun) {
    std::memmove(dst->data(), src->data(), dst->bytes);
    return;
  }
  const cudaError_t status = cudaMemcpyAsync(dst->data(), src->data(), dst->bytes, cudaMemcpyDeviceToDevice, state_->stream);
  if (status != cudaSuccess) throw cudaError(info.Env(), "copyBuffer: cudaMemcpyAsync failed", status);
}

/** fillZero(buffer): all bits zero (0, 0.0, false). */
void Context::FillZero(const Napi::CallbackInfo& info) {
  ArgReader a(info, "fillZero");
  requireOpen(a);
  DeviceBuffer* buf = buffer(a, 0, "buffer");
  if (buf->bytes == 0) return;
  if (state_->dryRun) {
    std::memset(buf->data(), 0, buf->bytes);
    return;
  }
  const cudaError_t status = cudaMemsetAsync(buf->data(), 0, buf->bytes, state_->stream);
  if (status != cudaSuccess) throw cudaError(info.Env(), "fillZero: cudaMemsetAsync failed", status);
}

Napi::Value Context::Stats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  const PoolStats& s = state_->pool->stats();
  o.Set("liveHandles", static_cast<double>(state_->liveHandles));
  o.Set("bytesInUse", static_cast<double>(s.bytesInUse));
  o.Set("bytesReserved", static_cast<double>(s.bytesReserved));
  o.Set("bytesCached", static_cast<double>(s.bytesCached));
  o.Set("peakBytesReserved", static_cast<double>(s.peakBytesReserved));
  o.Set("cacheHits", static_cast<double>(s.cacheHits));
  o.Set("deviceAllocations", static_cast<double>(s.rawAllocations));
  return o;
}

void Context::EmptyCache(const Napi::CallbackInfo& info) {
  ArgReader a(info, "emptyCache");
  requireOpen(a);
  if (!state_->dryRun) cudaStreamSynchronize(state_->stream);  // cudaFree would synchronise anyway
  state_->pool->emptyCache();
  if (state_->pinnedPool) state_->pinnedPool->emptyCache();
}

/** dispose(): waits for the stream, frees all memory; every later call throws. Idempotent. */
void Context::Dispose(const Napi::CallbackInfo&) { state_->shutdown(); }

Napi::Value Context::GetDeviceInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("dryRun", state_->dryRun);
  o.Set("device", state_->device);
  o.Set("name", state_->deviceName);
  o.Set("computeCapability", std::to_string(state_->computeMajor) + "." + std::to_string(state_->computeMinor));
  o.Set("tf32", state_->tf32Capable);
  return o;
}

}  // namespace vs

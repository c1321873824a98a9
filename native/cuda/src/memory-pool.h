// A caching device-memory pool. Freed blocks go back to a size-ordered cache instead of to
// cudaFree (which synchronises the whole device); all use is ordered on the context's single
// stream, so a block recycled after its last enqueued use can be handed out again at once.
//
// The pool knows nothing of CUDA itself: it draws from a `RawAllocator`, which is cudaMalloc on
// a device and malloc in dry-run contexts, so its bookkeeping is testable without a GPU.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace vs {

/** Where the pool's memory comes from. */
class RawAllocator {
 public:
  virtual ~RawAllocator() = default;
  /** Returns nullptr when out of memory; `error` then says why. */
  virtual void* allocate(size_t bytes, std::string& error) = 0;
  virtual void free(void* ptr) = 0;
};

/** The pool could not satisfy a request even after returning its cache. */
class PoolExhausted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PoolBlock {
  void* ptr = nullptr;
  size_t size = 0;        // bytes reserved (rounded)
  size_t requested = 0;   // bytes asked for by the current user
  bool inUse = false;
};

struct PoolStats {
  size_t bytesInUse = 0;        // requested bytes of live blocks
  size_t bytesReserved = 0;     // everything drawn from the allocator and not returned
  size_t bytesCached = 0;       // reserved but free, ready for reuse
  size_t peakBytesReserved = 0;
  uint64_t blocksInUse = 0;
  uint64_t blocksCached = 0;
  uint64_t cacheHits = 0;
  uint64_t rawAllocations = 0;
};

class MemoryPool {
 public:
  /** `limitBytes` caps what the pool reserves (0 = no cap beyond the allocator's own). */
  MemoryPool(std::unique_ptr<RawAllocator> allocator, size_t limitBytes);
  ~MemoryPool();
  MemoryPool(const MemoryPool&) = delete;
  MemoryPool& operator=(const MemoryPool&) = delete;

  /** A block of at least `bytes`; zero bytes gives a block with no memory. Throws PoolExhausted. */
  PoolBlock* acquire(size_t bytes);
  /** Returns a block to the cache. The caller guarantees every use of it is already enqueued. */
  void recycle(PoolBlock* block);
  /** Hands every cached block back to the allocator. */
  void emptyCache();
  /** Hands everything back, live blocks included (dispose). Blocks become invalid. */
  void releaseAll();
  bool owns(const PoolBlock* block) const { return blocks_.count(const_cast<PoolBlock*>(block)) != 0; }
  const PoolStats& stats() const { return stats_; }

  /** The size class a request is served from: 512-byte steps below 1 MiB, 2 MiB steps above. */
  static size_t roundSize(size_t bytes);

 private:
  std::unique_ptr<RawAllocator> allocator_;
  size_t limit_;
  std::multimap<size_t, PoolBlock*> cache_;
  std::unordered_map<PoolBlock*, std::unique_ptr<PoolBlock>> blocks_;
  PoolStats stats_;
};

}  // namespace vs

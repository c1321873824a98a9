#include "memory-pool.h"

#include <cstdlib>

namespace vs {

namespace {
constexpr size_t kSmallStep = 512;
constexpr size_t kSmallLimit = 1u << 20;
constexpr size_t kLargeStep = 2u << 20;
}  // namespace

MemoryPool::MemoryPool(std::unique_ptr<RawAllocator> allocator, size_t limitBytes)
    : allocator_(std::move(allocator)), limit_(limitBytes) {}

MemoryPool::~MemoryPool() { releaseAll(); }

size_t MemoryPool::roundSize(size_t bytes) {
  if (bytes <= kSmallLimit) return ((bytes + kSmallStep - 1) / kSmallStep) * kSmallStep;
  return ((bytes + kLargeStep - 1) / kLargeStep) * kLargeStep;
}

PoolBlock* MemoryPool::acquire(size_t bytes) {
  if (bytes == 0) {
    auto block = std::make_unique<PoolBlock>();
    block->inUse = true;
    PoolBlock* raw = block.get();
    blocks_.emplace(raw, std::move(block));
    ++stats_.blocksInUse;
    return raw;
  }
  if (bytes > (SIZE_MAX / 2)) throw PoolExhausted("request of " + std::to_string(bytes) + " bytes is too large");
  const size_t size = roundSize(bytes);

  // Best fit from the cache, but never hand out a block more than twice the size class.
  auto it = cache_.lower_bound(size);
  if (it != cache_.end() && it->first <= 2 * size) {
    PoolBlock* block = it->second;
    cache_.erase(it);
    block->inUse = true;
    block->requested = bytes;
    stats_.bytesCached -= block->size;
    --stats_.blocksCached;
    ++stats_.blocksInUse;
    stats_.bytesInUse += bytes;
    ++stats_.cacheHits;
    return block;
  }

  std::string error;
  void* ptr = nullptr;
  const bool overLimit = limit_ != 0 && stats_.bytesReserved + size > limit_;
  if (!overLimit) ptr = allocator_->allocate(size, error);
  if (ptr == nullptr) {
    // Give the cache back and try once more before reporting exhaustion.
    emptyCache();
    if (limit_ != 0 && stats_.bytesReserved + size > limit_) {
      throw PoolExhausted("the pool limit of " + std::to_string(limit_) + " bytes would be exceeded (" +
                          std::to_string(stats_.bytesReserved) + " bytes in use)");
    }
    ptr = allocator_->allocate(size, error);
    if (ptr == nullptr) throw PoolExhausted(error.empty() ? "out of memory" : error);
  }
  auto block = std::make_unique<PoolBlock>();
  block->ptr = ptr;
  block->size = size;
  block->requested = bytes;
  block->inUse = true;
  PoolBlock* raw = block.get();
  blocks_.emplace(raw, std::move(block));
  stats_.bytesReserved += size;
  if (stats_.bytesReserved > stats_.peakBytesReserved) stats_.peakBytesReserved = stats_.bytesReserved;
  stats_.bytesInUse += bytes;
  ++stats_.blocksInUse;
  ++stats_.rawAllocations;
  return raw;
}

void MemoryPool::recycle(PoolBlock* block) {
  auto it = blocks_.find(block);
  if (it == blocks_.end() || !block->inUse) return;  // released by dispose, or twice: nothing to do
  block->inUse = false;
  stats_.bytesInUse -= block->requested;
  --stats_.blocksInUse;
  block->requested = 0;
  if (block->size == 0) {
    blocks_.erase(it);
    return;
  }
  cache_.emplace(block->size, block);
  stats_.bytesCached += block->size;
  ++stats_.blocksCached;
}

void MemoryPool::emptyCache() {
  for (auto& [size, block] : cache_) {
    allocator_->free(block->ptr);
    stats_.bytesReserved -= size;
    blocks_.erase(block);
  }
  cache_.clear();
  stats_.bytesCached = 0;
  stats_.blocksCached = 0;
}

void MemoryPool::releaseAll() {
  for (auto& [raw, block] : blocks_) {
    if (block->ptr != nullptr) allocator_->free(block->ptr);
  }
  blocks_.clear();
  cache_.clear();
  const uint64_t rawAllocations = stats_.rawAllocations, hits = stats_.cacheHits;
  const size_t peak = stats_.peakBytesReserved;
  stats_ = PoolStats{};
  stats_.rawAllocations = rawAllocations;
  stats_.cacheHits = hits;
  stats_.peakBytesReserved = peak;
}

}  // namespace vs

// Runs CUDA kernel code on CPU threads, to check index math and barrier placement on machines
// without a GPU. Each emulated block is one std::thread per CUDA thread; execution is
// serialised between barriers in a chosen thread order (ascending or descending), so a run is
// deterministic, and a shared-memory race (one thread writing what another reads in the same
// barrier interval) gives different results for the two orders. A __syncthreads that not every
// thread reaches is reported as an error instead of hanging.
//
// Include this before any kernel header: it takes CUDA's vector types and the launch.h ABI from
// the toolkit headers, then redefines the execution-space keywords for the host compiler.
#pragma once

#include "kernels/launch.h"  // cuda_runtime_api.h: float4, int4, dim3, uint3 and host_defines.h

#include <atomic>
#include <cmath>
#include <functional>
#include <memory>
#include <mutex>
#include <semaphore>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#undef __global__
#undef __device__
#undef __host__
#undef __forceinline__
#undef __launch_bounds__
#undef __shared__
#undef __align__
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
// One block runs at a time, so a function-local static is exactly one block's shared memory.
#define __shared__ static

namespace emu {

/**
 * Serialises the threads of one block between barriers: in every barrier interval each thread
 * runs alone until its next __syncthreads (or its end), then hands over to the next thread in
 * the order. Only the running thread touches the counters; the semaphores order the hand-overs.
 */
class BlockScheduler {
 public:
  BlockScheduler(int threads, bool reverse) : threads_(threads), reverse_(reverse) {
    for (int i = 0; i < threads; ++i) turns_.push_back(std::make_unique<std::binary_semaphore>(0));
  }

  /** Starts the first thread of the order. */
  void start() { turns_[0]->release(); }

  /** Blocks until it is thread `tid`'s turn. */
  void begin(int tid) { wait(slot(tid)); }

  void barrier(int tid) {
    ++arrived_;
    handOver(slot(tid));
    wait(slot(tid));
  }

  void end(int tid) { handOver(slot(tid)); }

  /** A thread's kernel body threw: record why and wake everyone. */
  void abort(const std::string& why) {
    {
      std::lock_guard<std::mutex> lock(errorMutex_);
      if (!failed_.load()) error_ = why;
      failed_.store(true);
    }
    for (auto& t : turns_) t->release();
  }

  bool failed() const { return failed_.load(); }
  const std::string& error() const { return error_; }

 private:
  int slot(int tid) const { return reverse_ ? threads_ - 1 - tid : tid; }
  int tidAt(int slot) const { return reverse_ ? threads_ - 1 - slot : slot; }

  void wait(int s) {
    turns_[static_cast<size_t>(s)]->acquire();
    if (failed_.load()) throw std::runtime_error(error_);
  }

  void handOver(int s) {
    if (s + 1 < threads_) {
      turns_[static_cast<size_t>(s) + 1]->release();
      return;
    }
    // The interval is over: every thread either reached the barrier or ended.
    if (arrived_ == threads_) {
      arrived_ = 0;
      turns_[0]->release();
    } else if (arrived_ > 0) {
      abort("__syncthreads reached by " + std::to_string(arrived_) + " of " + std::to_string(threads_) +
            " threads (thread " + std::to_string(tidAt(s)) + " was the last to run)");
    }
  }

  const int threads_;
  const bool reverse_;
  std::vector<std::unique_ptr<std::binary_semaphore>> turns_;
  int arrived_ = 0;
  std::atomic<bool> failed_{false};
  std::mutex errorMutex_;
  std::string error_;
};

inline thread_local BlockScheduler* currentBlock = nullptr;
inline thread_local int currentTid = 0;

}  // namespace emu

inline thread_local uint3 threadIdx;
inline thread_local uint3 blockIdx;
inline thread_local dim3 blockDim;
inline thread_local dim3 gridDim;

inline void __syncthreads() { emu::currentBlock->barrier(emu::currentTid); }

/** Blocks run one at a time and their threads in turn, so a plain add is atomic here. */
inline float atomicAdd(float* address, float value) {
  const float old = *address;
  *address = old + value;
  return old;
}

namespace emu {

/**
 * Runs `kernel` (a callable that executes the kernel body for the current thread) over `grid`
 * blocks of `threads` threads (1-D blocks), serialised in ascending or descending thread order.
 */
inline void launch(dim3 grid, unsigned threads, bool reverse, const std::function<void()>& kernel) {
  for (unsigned bz = 0; bz < grid.z; ++bz)
    for (unsigned by = 0; by < grid.y; ++by)
      for (unsigned bx = 0; bx < grid.x; ++bx) {
        BlockScheduler block(static_cast<int>(threads), reverse);
        std::vector<std::thread> pool;
        pool.reserve(threads);
        for (unsigned t = 0; t < threads; ++t) {
          pool.emplace_back([&, t] {
            threadIdx = {t, 0, 0};
            blockIdx = {bx, by, bz};
            blockDim = dim3(threads, 1, 1);
            gridDim = grid;
            currentBlock = &block;
            currentTid = static_cast<int>(t);
            try {
              block.begin(currentTid);
              kernel();
              block.end(currentTid);
            } catch (const std::exception& e) {
              block.abort(e.what());
            }
          });
        }
        block.start();
        for (auto& th : pool) th.join();
        if (block.failed()) {
          throw std::runtime_error("block (" + std::to_string(bx) + "," + std::to_string(by) + "," + std::to_string(bz) +
                                   "): " + block.error());
        }
      }
}

}  // namespace emu

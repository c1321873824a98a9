// Builds the index spaces of broadcasting and strided kernels from validated shapes, proving on
// the host that every element a kernel will touch lies inside its buffer.
#pragma once

#include <string>
#include <vector>

#include "args.h"
#include "kernels/launch.h"

namespace vs {

/**
 * The index space for `out = f(operands…)` with NumPy broadcasting. Each operand's shape must
 * broadcast to `out` exactly (TensorFlow's rule, already applied by core: checked again here).
 * Size-1 dimensions are dropped and mergeable neighbours fused, so common cases become rank ≤ 2.
 */
inline BroadcastIndex makeBroadcastIndex(const ArgReader& a, const std::vector<const Shape*>& operands,
                                         const std::vector<const char*>& names, const Shape& out) {
  const int rank = out.rank();
  std::vector<std::vector<int64_t>> strides(operands.size(), std::vector<int64_t>(rank, 0));
  for (size_t o = 0; o < operands.size(); ++o) {
    const Shape& s = *operands[o];
    if (s.rank() > rank) {
      a.fail(std::string("shape of '") + names[o] + "' " + s.toString() + " has a higher rank than the output " +
             out.toString());
    }
    int64_t stride = 1;
    for (int d = s.rank() - 1; d >= 0; --d) {
      const int od = d + rank - s.rank();
      const int64_t dim = s.dims[d];
      if (dim != out.dims[od] && dim != 1) {
        a.fail(std::string("Incompatible shapes: '") + names[o] + "' " + s.toString() + " does not broadcast to " +
               out.toString());
      }
      strides[o][od] = (dim == 1) ? 0 : stride;
      stride *= dim;
    }
  }
  BroadcastIndex idx{};
  int r = 0;
  for (int d = 0; d < rank; ++d) {
    if (out.dims[d] == 1) continue;
    bool merge = r > 0;
    for (size_t o = 0; o < operands.size() && merge; ++o) {
      merge = idx.strides[o][r - 1] == strides[o][d] * out.dims[d];
    }
    if (merge) {
      idx.dims[r - 1] *= out.dims[d];
      for (size_t o = 0; o < operands.size(); ++o) idx.strides[o][r - 1] = strides[o][d];
    } else {
      idx.dims[r] = out.dims[d];
      for (size_t o = 0; o < operands.size(); ++o) idx.strides[o][r] = strides[o][d];
      ++r;
    }
  }
  if (r == 0) {  // a scalar (or all-ones) output
    idx.dims[0] = 1;
    r = 1;
  }
  idx.rank = r;
  return idx;
}

/** Smallest and largest element offset a strided walk reaches (n > 0). */
inline void stridedExtent(const std::vector<int64_t>& dims, const std::vector<int64_t>& strides, int64_t offset,
                          __int128& lo, __int128& hi) {
  lo = offset;
  hi = offset;
  for (size_t d = 0; d < dims.size(); ++d) {
    const __int128 span = static_cast<__int128>(dims[d] - 1) * strides[d];
    if (span < 0) lo += span;
    else hi += span;
  }
}

}  // namespace vs

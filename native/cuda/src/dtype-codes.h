// The dtypes this addon stores, by TensorFlow DataType number (launch.h's DTypeCode).
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/launch.h"

namespace vs {

/** Bytes per element; 0 for a DataType the addon does not store. */
inline size_t dtypeSize(int32_t dtype) {
  switch (dtype) {
    case kFloat32: case kInt32: return 4;
    case kInt64: return 8;
    case kBool: return 1;
    default: return 0;
  }
}

/** TensorFlow's Python name of a stored dtype. */
inline const char* dtypeName(int32_t dtype) {
  switch (dtype) {
    case kFloat32: return "float32";
    case kInt32: return "int32";
    case kInt64: return "int64";
    case kBool: return "bool";
    default: return "unsupported";
  }
}

}  // namespace vs

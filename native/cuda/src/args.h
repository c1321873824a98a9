// Reading and validating arguments that cross from JavaScript. Every binding reads its
// arguments through ArgReader, which throws a JS TypeError or RangeError naming the method,
// the argument and what was wrong, before any memory is touched.
#pragma once

#include <napi.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "kernels/launch.h"

namespace vs {

/** Largest integer a JS number represents exactly. */
constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53) - 1;

/** A validated shape: every dim is a non-negative integer and the element count fits in 2^53. */
struct Shape {
  std::vector<int64_t> dims;
  int64_t elements() const {
    int64_t n = 1;
    for (int64_t d : dims) n *= d;
    return n;
  }
  int rank() const { return static_cast<int>(dims.size()); }
  std::string toString() const {
    std::string s = "[";
    for (size_t i = 0; i < dims.size(); ++i) s += (i ? "," : "") + std::to_string(dims[i]);
    return s + "]";
  }
};

class ArgReader {
 public:
  ArgReader(const Napi::CallbackInfo& info, const char* method) : info_(info), method_(method) {}

  Napi::Env env() const { return info_.Env(); }

  [[noreturn]] void typeError(size_t i, const char* name, const std::string& what) const {
    throw Napi::TypeError::New(env(), prefix(i, name) + what);
  }
  [[noreturn]] void rangeError(size_t i, const char* name, const std::string& what) const {
    throw Napi::RangeError::New(env(), prefix(i, name) + what);
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw Napi::RangeError::New(env(), std::string(method_) + ": " + what);
  }

  Napi::Value at(size_t i, const char* name) const {
    if (i >= info_.Length()) typeError(i, name, "is missing");
    return info_[i];
  }

  bool boolean(size_t i, const char* name) const {
    Napi::Value v = at(i, name);
    if (!v.IsBoolean()) typeError(i, name, "must be a boolean, got " + describe(v));
    return v.As<Napi::Boolean>().Value();
  }

  /** An integer-valued JS number in [lo, hi]. */
  int64_t integer(size_t i, const char* name, int64_t lo, int64_t hi) const {
    return integerValue(at(i, name), i, name, lo, hi);
  }

  /** A float32 scalar attr (finite or not: TensorFlow allows any float). */
  float number(size_t i, const char* name) const {
    Napi::Value v = at(i, name);
    if (!v.IsNumber()) typeError(i, name, "must be a number, got " + describe(v));
    return static_cast<float>(v.As<Napi::Number>().DoubleValue());
  }

  /** An op code below `count` of one of the enums in launch.h. */
  template <typename Enum>
  Enum code(size_t i, const char* name) const {
    return static_cast<Enum>(integer(i, name, 0, static_cast<int64_t>(Enum::Count) - 1));
  }

  /** An array of integers in [lo, hi] of length in [minLen, maxLen]. */
  std::vector<int64_t> intList(size_t i, const char* name, size_t minLen, size_t maxLen, int64_t lo, int64_t hi) const {
    Napi::Value v = at(i, name);
    if (!v.IsArray()) typeError(i, name, "must be an array of integers, got " + describe(v));
    Napi::Array arr = v.As<Napi::Array>();
    const uint32_t len = arr.Length();
    if (len < minLen || len > maxLen) {
      rangeError(i, name, "must have " + (minLen == maxLen ? std::to_string(minLen)
                                                         : std::to_string(minLen) + " to " + std::to_string(maxLen)) +
                              " elements, got " + std::to_string(len));
    }
    std::vector<int64_t> out(len);
    for (uint32_t k = 0; k < len; ++k) {
      const Napi::Value e = arr.Get(k);
      // Fast path without building the element's name; the slow path names it in the error.
      if (e.IsNumber()) {
        const double d = e.As<Napi::Number>().DoubleValue();
        if (std::isfinite(d) && std::trunc(d) == d && d >= static_cast<double>(lo) && d <= static_cast<double>(hi)) {
          out[k] = static_cast<int64_t>(d);
          continue;
        }
      }
      const std::string elem = std::string(name) + "[" + std::to_string(k) + "]";
      out[k] = integerValue(e, i, elem.c_str(), lo, hi);
    }
    return out;
  }

  /** A shape of rank <= maxRank; the element count must stay below 2^53. */
  Shape shape(size_t i, const char* name, int maxRank = kMaxRank) const {
    Shape s;
    s.dims = intList(i, name, 0, static_cast<size_t>(maxRank), 0, kMaxSafeInteger);
    int64_t n = 1;
    for (int64_t d : s.dims) {
      if (d != 0 && n > kMaxSafeInteger / d) rangeError(i, name, "has more than 2^53 elements");
      n *= d;
    }
    return s;
  }

  static std::string describe(const Napi::Value& v) {
    if (v.IsUndefined()) return "undefined";
    if (v.IsNull()) return "null";
    if (v.IsBoolean()) return "a boolean";
    if (v.IsNumber()) {
      const double d = v.As<Napi::Number>().DoubleValue();
      if (std::isnan(d)) return "NaN";
      return "the number " + formatNumber(d);
    }
    if (v.IsString()) return "a string";
    if (v.IsBigInt()) return "a bigint";
    if (v.IsSymbol()) return "a symbol";
    if (v.IsFunction()) return "a function";
    if (v.IsArray()) return "an array";
    if (v.IsTypedArray()) return "a typed array";
    if (v.IsArrayBuffer()) return "an ArrayBuffer";
    return "an object";
  }

  const std::string& methodName() const { return method_; }

 private:
  static std::string formatNumber(double d) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
  }

  std::string prefix(size_t i, const char* name) const {
    return method_ + ": argument " + std::to_string(i) + " '" + name + "' ";
  }

  int64_t integerValue(const Napi::Value& v, size_t i, const char* name, int64_t lo, int64_t hi) const {
    if (!v.IsNumber()) typeError(i, name, "must be an integer, got " + describe(v));
    const double d = v.As<Napi::Number>().DoubleValue();
    if (!std::isfinite(d) || std::trunc(d) != d) typeError(i, name, "must be an integer, got " + describe(v));
    if (d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
      rangeError(i, name, "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + formatNumber(d));
    }
    return static_cast<int64_t>(d);
  }

  const Napi::CallbackInfo& info_;
  std::string method_;
};

/** Product of validated factors; throws once it would pass 2^53. */
inline int64_t checkedProduct(const ArgReader& a, std::initializer_list<int64_t> factors, const char* what) {
  __int128 n = 1;
  for (int64_t f : factors) {
    n *= f;
    if (n > kMaxSafeInteger) a.fail(std::string(what) + " has more than 2^53 elements");
  }
  return static_cast<int64_t>(n);
}

}  // namespace vs

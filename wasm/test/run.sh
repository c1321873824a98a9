#!/bin/sh
# Native unit tests of the C kernels: compiled with the host's gcc against the SIMD emulation
# header in simd-emu/ (so the SIMD code paths themselves are exercised) and run before the
# kernels are ever bound to JavaScript. Without a C compiler they are skipped, except in CI.
# -Wno-type-limits: the integer helpers are macros instantiated for unsigned types too, where
# their sign tests are constant.
set -eu
cd "$(dirname "$0")"
cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then echo "native kernel tests: $cc not found (required in CI)" >&2; exit 1; fi
  echo "native kernel tests: skipped ($cc not found; install gcc to run them)"
  exit 0
fi
out="${TMPDIR:-/tmp}/vs-kernels-test-$$"
trap 'rm -f "$out"' EXIT
"$cc" -std=gnu11 -O1 -fwrapv -Wall -Wextra -Werror -Wno-unused-parameter -Wno-type-limits -Wno-psabi \
  -Isimd-emu -I../include -I../src ../src/*.c kernels-test.c -lm -o "$out"
"$out"

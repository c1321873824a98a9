#!/bin/sh
# Builds wasm/build/kernels.wasm from wasm/src with Debian's emscripten (emcc 3.1.6), then,
# with --install, copies it over the shipped packages/backend-wasm/src/kernels.wasm.
# Deterministic: fixed flags, sources in sorted order, paths relative to this folder, no
# debug info, so the same sources give the same bytes (test/wasm-build.test.ts checks that).
set -eu
cd "$(dirname "$0")"
# Debian's emcc runs its JS optimizer with the system node, which needs Debian's node modules.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
out="${VS_WASM_OUT:-build/kernels.wasm}"
mkdir -p "$(dirname "$out")"
sources=$(ls src/*.c | LC_ALL=C sort)
exports=$(sed -n 's/.*VS_EXPORT(\([a-z0-9_]*\)).*/_\1/p' src/*.c | LC_ALL=C sort -u | paste -sd, -)
# shellcheck disable=SC2086
emcc -O3 ${VS_CFLAGS:-} -std=c99 -msimd128 -mnontrapping-fptoint -fwrapv -Wall -Wextra -Werror -Wno-unused-parameter \
  -Iinclude -Isrc \
  -sSTANDALONE_WASM=1 --no-entry -sFILESYSTEM=0 \
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16MB -sMAXIMUM_MEMORY=2GB -sTOTAL_STACK=1MB \
  -sERROR_ON_UNDEFINED_SYMBOLS=0 -sWARN_ON_UNDEFINED_SYMBOLS=0 \
  -sEXPORTED_FUNCTIONS="$exports" \
  $sources -o "$out"
if [ "${1:-}" = "--install" ]; then
  cp "$out" ../packages/backend-wasm/src/kernels.wasm
  echo "installed $out -> packages/backend-wasm/src/kernels.wasm"
fi

#!/usr/bin/env bash
# Sets up a fresh Debian machine with Node 20 for varscope: pnpm, the workspace's
# dependencies, and a build. With --toolchains it first installs, from Debian, what the
# full test suite needs: emscripten (rebuilds the WASM kernels), libleveldb-dev and
# protobuf-compiler with libprotobuf-dev (independent checks of the checkpoint files we write), cmake and g++.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--toolchains" ]; then
  packages=(emscripten libleveldb-dev protobuf-compiler libprotobuf-dev cmake g++ xz-utils)
  missing=()
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo -n"
    echo "setup: installing ${missing[*]} from Debian"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if ! command -v pnpm >/dev/null 2>&1; then
  # corepack cannot fetch pnpm on every machine; npm's registry always serves it.
  echo "setup: installing pnpm@10 with npm"
  npm install -g pnpm@10 >/dev/null 2>&1 || {
    echo "setup: cannot write npm's global prefix; run as root, or: npm config set prefix ~/.local && export PATH=~/.local/bin:\$PATH" >&2
    exit 1
  }
fi

pnpm install --frozen-lockfile
pnpm build

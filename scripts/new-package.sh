#!/usr/bin/env bash
# Scaffolds packages/<dir> with the layout every package shares.
# usage: scripts/new-package.sh <dir> <@varscope/name> "<description>" [private]
set -euo pipefail
dir="packages/$1"; name="$2"; desc="$3"; private="${4:-}"
mkdir -p "$dir/src" "$dir/test"
priv=""; [ "$private" = "private" ] && priv='"private": true,'
cat > "$dir/package.json" <<JSON
{
  "name": "$name",
  "version": "0.0.0",
  $priv
  "description": "$desc",
  "license": "Apache-2.0",
  "type": "module",
  "sideEffects": false,
  "engines": { "node": ">=20.19" },
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "@varscope/source": "./src/index.ts",
      "import": "./dist/index.js"
    },
    "./package.json": "./package.json"
  },
  "main": "./dist/index.js",
  "types": "./dist/index.d.ts",
  "files": ["dist", "src", "README.md"],
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "typecheck": "tsc -p tsconfig.json --noEmit",
    "lint": "eslint src test",
    "test": "vitest run"
  }
}
JSON
cat > "$dir/tsconfig.json" <<'JSON'
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "noEmit": true, "rootDir": "." },
  "include": ["src", "test"]
}
JSON
cat > "$dir/tsconfig.build.json" <<'JSON'
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "outDir": "dist", "rootDir": "src" },
  "include": ["src"]
}
JSON
cat > "$dir/vitest.config.ts" <<TS
import { packageProject } from '../../vitest.shared.ts';

export default packageProject('$1');
TS

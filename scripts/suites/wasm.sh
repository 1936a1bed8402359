#!/usr/bin/env bash
# Suite: the WebAssembly package (bindings/wasm). Builds it (installing the
# wasm32 target, the pinned wasm-bindgen CLI and the npm dev dependencies when
# missing), then runs the node tests: the shared fixtures through the Node.js
# build, schema validation of the output, types-vs-schema drift, and
# `tsc --noEmit` on a TypeScript usage file.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash bindings/wasm/build.sh

cd bindings/wasm
[ -d node_modules ] || npm ci --no-audit --no-fund
node --test tests/

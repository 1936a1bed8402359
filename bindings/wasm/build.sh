#!/usr/bin/env bash
# Build the WebAssembly package: bindings/wasm/pkg/{web,node} and the web page's
# copy in examples/web/pkg/. Installs what it needs, only when missing:
# the wasm32 target, the wasm-bindgen CLI at the crate's pinned version, and
# the npm dev dependencies (binaryen's wasm-opt). Idempotent; no prompts.
#
#   bash bindings/wasm/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

say() { printf '[wasm build] %s\n' "$*"; }

# The CLI must be exactly the version of the wasm-bindgen crate (pinned "=x.y.z").
bindgen_version="$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"
[ -n "$bindgen_version" ] || { echo "cannot read the pinned wasm-bindgen version from Cargo.toml" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version)" != "wasm-bindgen $bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (takes a few minutes)"
  # No --locked: one of the CLI's locked dependencies is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

if [ ! -d node_modules ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi

# Size matters more than speed here: opt-level "z", fat LTO, one codegen unit.
# Set through cargo's environment so the workspace's native release profile
# (root Cargo.toml) stays as it is.
say "cargo build (wasm32, release)"
CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
CARGO_PROFILE_RELEASE_LTO=fat \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
CARGO_PROFILE_RELEASE_PANIC=abort \
  cargo build --release --locked --target wasm32-unknown-unknown -p jixiao-wasm
target_dir="${CARGO_TARGET_DIR:-$root/target}"
raw="$target_dir/wasm32-unknown-unknown/release/jixiao_wasm.wasm"

# wasm-opt from npm's binaryen (Debian's binaryen 108 writes modules that fail
# to load). The features are those rustc enables by default for wasm32.
wasm_opt=(node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-multivalue --enable-reference-types)

for target in web nodejs; do
  out="pkg/${target%js}"
  rm -rf "$out"
  say "wasm-bindgen --target $target -> bindings/wasm/$out"
  wasm-bindgen --target "$target" --out-dir "$out" "$raw"
  "${wasm_opt[@]}" "$out/jixiao_wasm_bg.wasm" -o "$out/jixiao_wasm_bg.wasm"
done
# The web build is ES modules, the Node.js build CommonJS; say so to Node.js,
# since the package itself declares no "type".
printf '{ "type": "module" }\n' >pkg/web/package.json
printf '{ "type": "commonjs" }\n' >pkg/node/package.json

# The page serves everything from its own folder: the web build and the sample.
web="$root/examples/web/pkg"
rm -rf "$web"
mkdir -p "$web"
cp pkg/web/jixiao_wasm.js pkg/web/jixiao_wasm_bg.wasm pkg/web/jixiao_wasm.d.ts "$web/"
cp "$root/crates/jixiao/fixtures/jingan-hrss-2026.txt" "$web/sample.txt"

size="$(wc -c <pkg/web/jixiao_wasm_bg.wasm)"
gz="$(gzip -9 -c pkg/web/jixiao_wasm_bg.wasm | wc -c)"
say "jixiao_wasm_bg.wasm: $size bytes raw, $gz bytes gzipped (cargo output before wasm-opt: $(wc -c <"$raw") bytes)"

#!/usr/bin/env bash
# Measure what PDF support adds to a wasm32 build and how fast it reads PDFs
# under Node (issue 8). Builds, in a temporary Cargo workspace outside this
# repository, four tiny cdylibs for wasm32-unknown-unknown with the size
# settings of bindings/wasm/build.sh (opt-level "z", fat LTO, one codegen unit,
# panic = "abort"; sizes are before wasm-opt):
#   base        jixiao::parse only
#   with-lopdf  + jixiao_pdf::parse_pdf (this repository's engine)
#   with-pdfrs  + a walk of pages, content operations and ToUnicode maps with pdf 0.10
#   with-hayro  + a walk of pages and content operations with hayro-syntax 0.9
# then prints raw and gzip -9 sizes, and pages/s of jixiao_pdf::parse_pdf in
# Node on sample-lo.pdf and sample-c.pdf (best of 7).
# Usage: scripts/measure/pdf-wasm.sh [WORKDIR]   (default: a new temp dir)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
cd "$work"
cat > Cargo.toml <<'EOF'
[workspace]
resolver = "2"
members = ["base", "with-lopdf", "with-hayro", "with-pdfrs"]

[profile.release]
opt-level = "z"
lto = "fat"
codegen-units = 1
panic = "abort"
EOF
common='#[no_mangle]
pub extern "C" fn run(ptr: *const u8, len: usize) -> usize {
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    jixiao::parse(std::str::from_utf8(bytes).unwrap_or("")).to_json().len()
}
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = vec![0u8; len];
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}
'
crate() { # name, extra dependency line, extra code
  mkdir -p "$1/src"
  printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n[dependencies]\njixiao = { path = "%s/crates/jixiao" }\n%s\n' \
    "$1" "$repo" "$2" > "$1/Cargo.toml"
  printf '%s\n%s\n' "$common" "$3" > "$1/src/lib.rs"
}
crate base "" ""
crate with-lopdf "jixiao-pdf = { path = \"$repo/crates/jixiao-pdf\" }" '#[no_mangle]
pub extern "C" fn forms_pdf(ptr: *const u8, len: usize) -> usize {
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    jixiao_pdf::parse_pdf(bytes).map_or(0, |d| d.forms.len())
}'
crate with-pdfrs 'pdf = { version = "0.10", default-features = false }' '#[no_mangle]
pub extern "C" fn forms_pdf(ptr: *const u8, len: usize) -> usize {
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) }.to_vec();
    let Ok(file) = pdf::file::FileOptions::uncached().load(bytes) else { return 0 };
    let resolver = file.resolver();
    let mut n = 0;
    for page in file.pages().flatten() {
        if let Some(c) = &page.contents {
            n += c.operations(&resolver).map_or(0, |o| o.len());
        }
        if let Ok(res) = page.resources() {
            for (_, font) in res.fonts.iter() {
                if let Ok(font) = font.load(&resolver) {
                    if let Some(Ok(map)) = font.to_unicode(&resolver) {
                        n += map.get(1).map_or(0, str::len);
                    }
                }
            }
        }
    }
    n
}'
crate with-hayro 'hayro-syntax = { version = "0.9", default-features = false, features = ["std"] }' '#[no_mangle]
pub extern "C" fn forms_pdf(ptr: *const u8, len: usize) -> usize {
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) }.to_vec();
    let Ok(pdf) = hayro_syntax::Pdf::new(bytes) else { return 0 };
    let mut n = 0;
    for page in pdf.pages().iter() {
        let mut ops = page.typed_operations();
        while let Some(op) = ops.next() {
            n += std::mem::size_of_val(&op);
        }
    }
    n
}'
cat > bench.mjs <<'EOF'
// Pages per second of jixiao_pdf::parse_pdf compiled to wasm32, under Node.
import { readFileSync } from 'node:fs';
const [wasmPath, pdfPath, pages] = process.argv.slice(2);
const module = new WebAssembly.Module(readFileSync(wasmPath));
// wasm-bindgen placeholders (getrandom's wasm_js backend): never called when parsing.
const imports = {};
for (const i of WebAssembly.Module.imports(module)) {
  (imports[i.module] ??= {})[i.name] = () => { throw new Error(`unexpected call to ${i.name}`); };
}
const e = new WebAssembly.Instance(module, imports).exports;
const pdf = readFileSync(pdfPath);
const ptr = e.alloc(pdf.length);
new Uint8Array(e.memory.buffer, ptr, pdf.length).set(pdf);
const forms = e.forms_pdf(ptr, pdf.length);
let best = Infinity;
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  e.forms_pdf(ptr, pdf.length);
  best = Math.min(best, performance.now() - t);
}
console.log(`${pdfPath.split('/').pop()}: ${forms} forms, best of 7 ${best.toFixed(1)} ms, ${(Number(pages) / best * 1000).toFixed(0)} pages/s`);
EOF
cargo build --quiet --release --target wasm32-unknown-unknown
for w in base with_lopdf with_pdfrs with_hayro; do
  f="target/wasm32-unknown-unknown/release/$w.wasm"
  echo "$w.wasm: $(wc -c <"$f") bytes raw, $(gzip -9c "$f" | wc -c) gzipped"
done
layouts="$repo/crates/jixiao/fixtures/layouts"
node bench.mjs target/wasm32-unknown-unknown/release/with_lopdf.wasm "$layouts/sample-lo/sample-lo.pdf" 30
node bench.mjs target/wasm32-unknown-unknown/release/with_lopdf.wasm "$layouts/sample-c/sample-c.pdf" 34

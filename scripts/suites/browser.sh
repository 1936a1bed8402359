#!/usr/bin/env bash
# Suite: the web page (examples/web) in Debian's Chromium, driven by
# playwright-core (never a downloaded browser). Installs Chromium and a CJK
# font when missing, builds the page's WebAssembly, serves the folder on
# 127.0.0.1 and checks the sample and a damaged text. Screenshots:
# artifacts/web/*.png (gitignored).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! dpkg -s chromium >/dev/null 2>&1 || ! dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium fonts-wqy-zenhei
fi
[ -x /usr/bin/chromium ] || { echo "browser suite: /usr/bin/chromium is missing after install" >&2; exit 1; }

bash bindings/wasm/build.sh

cd examples/web
[ -d node_modules ] || npm ci --no-audit --no-fund
node --test test/

#!/usr/bin/env bash
# Release build of the app into dist/ (size settings: opt-level z, LTO, one
# codegen unit, wasm-opt), then prints what a browser downloads.
# Expects the tools on PATH (harness/bootstrap.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
trunk build --release --offline >&2
node harness/bundle-size.mjs dist >&2

#!/usr/bin/env bash
# Release build of the app into dist/ (size settings: opt-level z, LTO, one
# codegen unit, wasm-opt), then prints what a browser downloads.
# Expects the tools on PATH (harness/bootstrap.sh). KEYHOLE_FEATURES adds
# cargo features (the tests build with crash-drill; users never get it).
set -euo pipefail
cd "$(dirname "$0")/.."
trunk build --release --offline ${KEYHOLE_FEATURES:+--features "$KEYHOLE_FEATURES"} >&2
node harness/bundle-size.mjs dist >&2

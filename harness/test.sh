#!/usr/bin/env bash
# The README's test command: native tests, a release build, then the browser
# end-to-end tests against a real local control plane started for the run.
set -euo pipefail
cd "$(dirname "$0")/.."
. harness/bootstrap.sh test

# Cargo's build output is kept with the other caches, so a second run on the
# same machine (a fresh clone included) recompiles only what changed instead
# of every dependency twice (native tests, then wasm). Cargo keys its
# artifacts by crate version and flags, so sharing the folder is safe.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$KEYHOLE_CACHE/cargo-target}

say "native tests: model and api layers (cargo test)"
cargo test --quiet 2>&1

say "benchmark report logic: trace phases, previous run (node --test bench/)"
node --test bench/*.test.mjs

say "release build (with the crash drill the hardening tests call)"
KEYHOLE_FEATURES=crash-drill harness/build-app.sh

state=$(mktemp -u "${TMPDIR:-/tmp}/keyhole-state-XXXXXX.json")
say "starting the local control plane ($KEYHOLE_BIN)"
node harness/cli.mjs up --www dist --sample-data --state "$state" &
harness_pid=$!
stop_harness() {
  kill -TERM "$harness_pid" 2>/dev/null || true
  wait "$harness_pid" 2>/dev/null || true
}
trap stop_harness EXIT
while [ ! -f "$state" ]; do
  kill -0 "$harness_pid" 2>/dev/null || { say "the control plane did not start"; exit 1; }
  sleep 0.5
done

say "browser end-to-end tests (Playwright + Chromium, real kube-apiserver)"
rm -rf tests/artifacts
if ! KEYHOLE_STATE="$state" node --test --test-concurrency=1 tests/e2e/; then
  say "end-to-end tests failed; control-plane logs follow"
  log_dir=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).logDir)' "$state")
  for f in "$log_dir"/*.log; do echo "----- $f"; tail -n 40 "$f"; done
  exit 1
fi

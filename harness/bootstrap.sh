# Sourced (not run) by harness/run.sh and harness/test.sh:
#   . harness/bootstrap.sh run|test
# Installs only what is missing, from the registries, with pinned versions,
# and puts the tools on PATH. Heavy builds are cached outside the repo in
# $KEYHOLE_CACHE (default ~/.cache/keyhole), keyed by version, so a second
# run costs seconds. Nothing is ever downloaded from outside the registries.

set -euo pipefail
KEYHOLE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export KEYHOLE_ROOT
export KEYHOLE_CACHE=${KEYHOLE_CACHE:-$HOME/.cache/keyhole}
# shellcheck source=versions.env
. "$KEYHOLE_ROOT/harness/versions.env"
mkdir -p "$KEYHOLE_CACHE/tools"

say() { printf '\033[1m[keyhole]\033[0m %s\n' "$*" >&2; }

# with_heartbeat LABEL CMD...: runs a long, quiet step (a cargo install, the Go
# build) and says every 30 s that it is still going, so a first run never
# looks stuck. Keeps the command's exit status.
with_heartbeat() {
  local label=$1; shift
  "$@" &
  local pid=$! start=$SECONDS next=30
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if (( SECONDS - start >= next )); then
      say "… still $label ($(( (SECONDS - start) / 60 ))m$(( (SECONDS - start) % 60 ))s so far)"
      next=$(( next + 30 ))
    fi
  done
  wait "$pid"
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown && return
  say "adding the wasm32-unknown-unknown Rust target…"
  rustup target add wasm32-unknown-unknown >&2
}

# cargo_tool NAME VERSION CRATE BIN [--locked]: install a crate's binary into
# its own versioned folder of the cache.
cargo_tool() {
  local name=$1 version=$2 crate=$3 bin=$4 locked=${5:-}
  local root="$KEYHOLE_CACHE/tools/$name-$version"
  if [ ! -x "$root/bin/$bin" ]; then
    say "installing $crate $version (once; cached in $root)…"
    # shellcheck disable=SC2086
    with_heartbeat "installing $crate" cargo install $locked --quiet --root "$root" "$crate@$version" >&2
  fi
  PATH="$root/bin:$PATH"
}

ensure_node_modules() {
  local stamp="$KEYHOLE_ROOT/node_modules/.keyhole-lock-sha"
  local want
  want=$(sha256sum "$KEYHOLE_ROOT/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Node packages from package-lock.json…"
    (cd "$KEYHOLE_ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
    echo "$want" > "$stamp"
  fi
  # wasm-opt from npm's binaryen, ahead of any other (Debian's 108 is broken).
  PATH="$KEYHOLE_ROOT/node_modules/.bin:$PATH"
}

ensure_chromium() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null && return
  say "installing Debian's chromium and chromium-driver…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
}

ensure_python_client() {
  local venv="$KEYHOLE_CACHE/venv-kubernetes-$PYTHON_KUBERNETES_VERSION"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import kubernetes' 2>/dev/null; then
    say "installing the Python client kubernetes==$PYTHON_KUBERNETES_VERSION…"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes==$PYTHON_KUBERNETES_VERSION" >&2
  fi
  export KEYHOLE_PYTHON="$venv/bin/python"
}

ensure_control_plane() {
  KEYHOLE_BIN=$(with_heartbeat "preparing the local control plane" "$KEYHOLE_ROOT/harness/build-control-plane.sh")
  export KEYHOLE_BIN
}

# On a fresh machine the Go builds and the cargo installs take long; run the
# Go builds (the control plane, then helm, then Sealed Secrets) alongside them
# and collect them at the end. Each is cached by version, so a warm run skips
# them in a second.
start_control_plane_build() {
  control_plane_log=$(mktemp)
  helm_log=$(mktemp)
  sealed_secrets_log=$(mktemp)
  { "$KEYHOLE_ROOT/harness/build-control-plane.sh" >"$control_plane_log" 2>&1 &&
    "$KEYHOLE_ROOT/harness/build-helm.sh" >"$helm_log" 2>&1 &&
    "$KEYHOLE_ROOT/harness/build-sealed-secrets.sh" >"$sealed_secrets_log" 2>&1; } &
  control_plane_pid=$!
}

finish_control_plane_build() {
  local start=$SECONDS
  while kill -0 "$control_plane_pid" 2>/dev/null; do
    sleep 1
    (( (SECONDS - start) % 30 == 29 )) && say "… still building the control plane, helm and Sealed Secrets from their Go modules"
  done
  if ! wait "$control_plane_pid"; then
    cat "$control_plane_log" "$helm_log" "$sealed_secrets_log" >&2
    rm -f "$control_plane_log" "$helm_log" "$sealed_secrets_log"
    say "building the control plane, helm or Sealed Secrets failed"
    return 1
  fi
  KEYHOLE_BIN=$(tail -n 1 "$control_plane_log")
  # The tests run the real helm (tests/e2e/support/helm.mjs) from here.
  KEYHOLE_HELM=$(tail -n 1 "$helm_log")
  # The Sealed Secrets controller, kubeseal and the module's own CRD.
  KEYHOLE_SEALED_SECRETS=$(tail -n 1 "$sealed_secrets_log")
  rm -f "$control_plane_log" "$helm_log" "$sealed_secrets_log"
  export KEYHOLE_BIN KEYHOLE_HELM KEYHOLE_SEALED_SECRETS
}

bootstrap_build_tools() {
  ensure_wasm_target
  cargo_tool trunk "$TRUNK_VERSION" trunk trunk --locked
  # wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock. Not --locked:
  # its own lock file pins a webpki-roots release the registry does not serve.
  local wb
  wb=$(grep -A1 '^name = "wasm-bindgen"$' "$KEYHOLE_ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')
  cargo_tool wasm-bindgen "$wb" wasm-bindgen-cli wasm-bindgen
  ensure_node_modules
  export PATH
}

case "${1:-run}" in
  run) bootstrap_build_tools ;;
  test)
    start_control_plane_build
    bootstrap_build_tools
    ensure_chromium
    ensure_python_client
    finish_control_plane_build
    ;;
  *) say "usage: . harness/bootstrap.sh run|test"; return 2 ;;
esac

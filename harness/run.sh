#!/usr/bin/env bash
# The README's run command. Builds Keyhole, then serves it with kubectl proxy
# under an unguessable path prefix (kept in ~/.config/keyhole/proxy-prefix,
# so the printed address is a lasting bookmark):
#   - against the current kube context (or --context NAME) when it answers;
#   - otherwise, or with --local, against a local control plane (etcd +
#     kube-apiserver + kube-controller-manager built from source) holding the
#     guide's sample data.
# Prints the URL to open; Ctrl-C stops everything it started.
#   usage: harness/run.sh [--local] [--port N] [--context NAME] [--read-only] [--new-prefix]
#     --read-only   the proxy refuses every write (POST, PUT, PATCH, DELETE)
#     --new-prefix  a new address; old bookmarks stop working
set -euo pipefail
cd "$(dirname "$0")/.."
local_mode=false
port=8001
context=
serve_flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --local) local_mode=true ;;
    --port) port=${2:?--port takes a number}; shift ;;
    --context) context=${2:?--context takes a kube context name}; shift ;;
    --read-only|--new-prefix) serve_flags+=("$1") ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
if $local_mode && [ -n "$context" ]; then
  echo "--local and --context exclude each other" >&2; exit 2
fi

. harness/bootstrap.sh run
say "building Keyhole (release)…"
harness/build-app.sh

if ! $local_mode; then
  context_flag=()
  [ -n "$context" ] && context_flag=(--context "$context")
  if command -v kubectl >/dev/null && kubectl "${context_flag[@]}" config current-context >/dev/null 2>&1 \
      && kubectl "${context_flag[@]}" get --raw /version --request-timeout=5s >/dev/null 2>&1; then
    exec node harness/serve.mjs --dist dist --port "$port" "${context_flag[@]}" "${serve_flags[@]}"
  fi
  if [ -n "$context" ]; then
    say "kube context '$context' does not answer (kubectl --context $context get --raw /version)"; exit 1
  fi
  say "the current kube context is not reachable: starting a local control plane instead"
fi

ensure_control_plane
exec node harness/cli.mjs up --www dist --port "$port" --sample-data --keep-prefix "${serve_flags[@]}"

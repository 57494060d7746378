#!/usr/bin/env bash
# The README's run command. Builds Keyhole, then serves it with kubectl proxy:
#   - against the current kube context when that cluster answers;
#   - otherwise, or with --local, against a local control plane (etcd +
#     kube-apiserver + kube-controller-manager built from source) holding the
#     guide's sample data.
# Prints the URL to open; Ctrl-C stops everything it started.
#   usage: harness/run.sh [--local] [--port N]
set -euo pipefail
cd "$(dirname "$0")/.."
local_mode=false
port=8001
while [ $# -gt 0 ]; do
  case "$1" in
    --local) local_mode=true ;;
    --port) port=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

. harness/bootstrap.sh run
say "building Keyhole (release)…"
harness/build-app.sh

if ! $local_mode; then
  if command -v kubectl >/dev/null && kubectl config current-context >/dev/null 2>&1 \
      && kubectl get --raw /version --request-timeout=5s >/dev/null 2>&1; then
    say "serving Keyhole for kube context '$(kubectl config current-context)'"
    say "open http://127.0.0.1:$port/ui/   (Ctrl-C stops the proxy)"
    say "anyone who can reach 127.0.0.1:$port acts with your credentials while it runs"
    # The default --reject-paths plus port-forward (see README, Security).
    exec kubectl proxy --address=127.0.0.1 --port="$port" --www=dist --www-prefix=/ui/ \
      --reject-paths='^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach,^/api/.*/pods/.*/portforward'
  fi
  say "the current kube context is not reachable: starting a local control plane instead"
fi

ensure_control_plane
exec node harness/cli.mjs up --www dist --port "$port" --sample-data

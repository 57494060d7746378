#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager and kubectl from their Go
# modules (nothing prebuilt is downloaded) into a cache keyed by version, so the
# build runs only when the cache misses. Prints the bin directory on success.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"

cache=${KEYHOLE_CACHE:-$HOME/.cache/keyhole}
bin="$cache/control-plane-$K8S_VERSION-etcd-$ETCD_VERSION/bin"
want=(etcd kube-apiserver kube-controller-manager kubectl)

have_all() { for b in "${want[@]}"; do [ -x "$bin/$b" ] || return 1; done; }
if have_all; then echo "$bin"; exit 0; fi

mkdir -p "$bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local

minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
staging_tag="v0.${K8S_VERSION#v1.}"

# --- Kubernetes: a wrapper module requiring k8s.io/kubernetes and replacing
# every staging module (read from that version's own go.mod) with its v0 tag.
k8s="$work/k8s"; mkdir -p "$k8s"
(cd "$k8s"
  go mod init keyhole.local/k8s-build >/dev/null 2>&1
  gomod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')
  staging=$(sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$gomod")
  [ -n "$staging" ] || { echo "no staging modules found in $gomod" >&2; exit 1; }
  {
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo "replace ("
    for m in $staging; do echo "  $m => $m $staging_tag"; done
    echo ")"
  } >> go.mod
  cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubectl/pkg/cmd"
)
GO
  echo "resolving Kubernetes $K8S_VERSION modules…" >&2
  go mod tidy -e >/dev/null 2>"$work/tidy.log" || { cat "$work/tidy.log" >&2; exit 1; }
  ld=""
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  done
  for cmd in kube-apiserver kube-controller-manager kubectl; do
    echo "building $cmd $K8S_VERSION (several minutes on a cold cache)…" >&2
    go build -trimpath -ldflags "-s -w $ld" -o "$bin/$cmd.tmp" "k8s.io/kubernetes/cmd/$cmd"
    mv "$bin/$cmd.tmp" "$bin/$cmd"
  done
)

# --- etcd: its own wrapper module; go.etcd.io/etcd/server/v3 is etcd's main.
etcd="$work/etcd"; mkdir -p "$etcd"
(cd "$etcd"
  go mod init keyhole.local/etcd-build >/dev/null 2>&1
  cat > tools.go <<'GO'
//go:build tools

package tools

import _ "go.etcd.io/etcd/server/v3"
GO
  go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >/dev/null 2>"$work/etcd-get.log" || { cat "$work/etcd-get.log" >&2; exit 1; }
  go mod tidy -e >/dev/null 2>&1 || true
  echo "building etcd $ETCD_VERSION…" >&2
  go build -trimpath -ldflags "-s -w" -o "$bin/etcd.tmp" go.etcd.io/etcd/server/v3
  mv "$bin/etcd.tmp" "$bin/etcd"
)

have_all
echo "$bin"

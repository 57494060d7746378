#!/usr/bin/env bash
# Builds helm from its Go module (helm.sh/helm/v4, cmd/helm; nothing prebuilt
# is downloaded) into a cache keyed by version, so the build runs only when the
# cache misses. Prints the binary's path on success.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"

cache=${KEYHOLE_CACHE:-$HOME/.cache/keyhole}
bin="$cache/helm-$HELM_VERSION/bin"
if [ -x "$bin/helm" ]; then echo "$bin/helm"; exit 0; fi

mkdir -p "$bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=go-env.sh
. "$here/go-env.sh"

# `go install pkg@version` builds with helm's own go.mod (exactly the versions
# helm releases with); the ldflags are those of helm's Makefile.
ld="-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION"
ld="$ld -X helm.sh/helm/v4/internal/version.gitTreeState=clean"
echo "building helm $HELM_VERSION (a few minutes on a cold cache)…" >&2
GOBIN="$work" go install -trimpath -ldflags "$ld" "helm.sh/helm/v4/cmd/helm@$HELM_VERSION"
mv "$work/helm" "$bin/helm.tmp"
mv "$bin/helm.tmp" "$bin/helm"
echo "$bin/helm"

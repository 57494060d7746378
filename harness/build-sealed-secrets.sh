#!/usr/bin/env bash
# Builds the Sealed Secrets controller and kubeseal from their Go module
# (github.com/bitnami-labs/sealed-secrets, cmd/controller and cmd/kubeseal;
# nothing prebuilt is downloaded) into a cache keyed by version, so the build
# runs only when the cache misses. Also keeps the module's own SealedSecret CRD
# beside the binaries, so the tests apply exactly the CRD that controller
# serves. Prints the bin folder on success.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"

cache=${KEYHOLE_CACHE:-$HOME/.cache/keyhole}
bin="$cache/sealed-secrets-$SEALED_SECRETS_VERSION/bin"
if [ -x "$bin/controller" ] && [ -x "$bin/kubeseal" ] && [ -f "$bin/sealedsecret-crd.yaml" ]; then
  echo "$bin"; exit 0
fi

mkdir -p "$bin"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# shellcheck source=go-env.sh
. "$here/go-env.sh"

# The proxy serves the module under its old path, but its go.mod declares
# github.com/bitnami/sealed-secrets, so `go install path@version` refuses the
# mismatch. Build inside a copy of the module's source instead: its own go.mod
# and go.sum pin exactly the dependencies the release was built with.
mod=github.com/bitnami-labs/sealed-secrets
echo "building sealed-secrets $SEALED_SECRETS_VERSION (a few minutes on a cold cache)…" >&2
dir=$(cd "$work" && go mod download -json "$mod@$SEALED_SECRETS_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "go mod download gave no source folder for $mod" >&2; exit 1; }
cp -r "$dir" "$work/src"
chmod -R u+w "$work/src"
# The version stamp of the module's Makefile (GO_LD_FLAGS).
ld="-s -w -X main.VERSION=$SEALED_SECRETS_VERSION"
(cd "$work/src" && go build -trimpath -ldflags "$ld" -o "$work/out/" ./cmd/controller ./cmd/kubeseal)
cp "$work/src/helm/sealed-secrets/crds/bitnami.com_sealedsecrets.yaml" "$bin/sealedsecret-crd.yaml"
for b in controller kubeseal; do
  mv "$work/out/$b" "$bin/$b.tmp"
  mv "$bin/$b.tmp" "$bin/$b"
done
echo "$bin"

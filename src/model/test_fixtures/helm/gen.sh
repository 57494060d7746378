#!/usr/bin/env bash
# Makes the Helm release record fixtures with the real helm (built by
# harness/build-helm.sh) against a running test cluster:
#   KUBECONFIG=<the harness's admin kubeconfig> ./gen.sh
# release.v1.b64 is the record's `release` key as Kubernetes decodes it
# (base64 text of gzip); release.v1.json is that gzip stream inflated.
# The value is a test value: it protects nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
helm=${KEYHOLE_HELM:-$("$root/harness/build-helm.sh")}
kubectl=${KUBECTL:-kubectl}
ns=helm-fixture
home=$(mktemp -d); trap 'rm -rf "$home"; "$kubectl" delete namespace "$ns" --wait=false >/dev/null' EXIT
export HELM_CONFIG_HOME=$home/config HELM_CACHE_HOME=$home/cache HELM_DATA_HOME=$home/data
"$kubectl" create namespace "$ns" >/dev/null
"$helm" install demo "$root/tests/e2e/charts/keyhole-demo" -n "$ns" --set password=fixture-password-1 >/dev/null
"$kubectl" get secret sh.helm.release.v1.demo.v1 -n "$ns" -o jsonpath='{.data.release}' | base64 -d > "$here/release.v1.b64"
base64 -d < "$here/release.v1.b64" | gunzip > "$here/release.v1.json"

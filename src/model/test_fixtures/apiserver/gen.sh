#!/usr/bin/env bash
# Captures what a real kube-apiserver returns for the objects in
# manifests.yaml (and a few built-in ClusterRoles), one list per file, for
# the tests of the purpose-made read structs (model::usage::objects,
# model::rbac::objects, model::read_meta). Against a running test cluster:
#   KUBECONFIG=<the harness's admin kubeconfig> ./gen.sh
# Waits for the controllers to create the ReplicaSet and the pods, so the
# owner references in the files are the controllers' own.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kubectl=${KUBECTL:-kubectl}
ns=usage-fixture
"$kubectl" create namespace "$ns" >/dev/null
# The namespace takes its objects with it; the cluster-wide ones carry a
# label. The aggregation controller may re-create the aggregated role (by
# server-side apply, without labels) while its sources go: delete it again.
cleanup() {
  "$kubectl" delete namespace "$ns" --wait=false >/dev/null
  "$kubectl" delete clusterroles,clusterrolebindings -l keyhole-fixture=usage >/dev/null
  sleep 2
  "$kubectl" delete clusterrole fixture-view-secrets --ignore-not-found >/dev/null
}
trap cleanup EXIT
for _ in $(seq 60); do "$kubectl" get serviceaccount default -n "$ns" >/dev/null 2>&1 && break; sleep 0.5; done
"$kubectl" create -f "$here/manifests.yaml" >/dev/null
# Pods of the Deployment (through its ReplicaSet), the StatefulSet and the Job.
for _ in $(seq 120); do
  [ "$("$kubectl" get pods -n "$ns" -o name | wc -l)" -ge 4 ] && break; sleep 0.5
done
# Exactly what the app receives: the apiserver's own list bodies (with
# managedFields, which `kubectl get -o json` would hide), compact JSON.
capture() { "$kubectl" get --raw "$2" > "$here/$1.json"; }
for kind in pods serviceaccounts; do capture "$kind" "/api/v1/namespaces/$ns/$kind"; done
for kind in replicasets deployments statefulsets daemonsets; do capture "$kind" "/apis/apps/v1/namespaces/$ns/$kind"; done
for kind in jobs cronjobs; do capture "$kind" "/apis/batch/v1/namespaces/$ns/$kind"; done
capture ingresses "/apis/networking.k8s.io/v1/namespaces/$ns/ingresses"
for kind in roles rolebindings; do capture "$kind" "/apis/rbac.authorization.k8s.io/v1/namespaces/$ns/$kind"; done
# The cluster-wide RBAC lists, cut down to a few built-in objects (a fresh
# cluster has about seventy ClusterRoles) and the fixture's own.
cluster_list() {
  "$kubectl" get --raw "/apis/rbac.authorization.k8s.io/v1/$1" |
    python3 -c 'import json, sys
keep = set(sys.argv[1:])
body = json.load(sys.stdin)
body["items"] = [i for i in body["items"] if i["metadata"]["name"] in keep]
json.dump(body, sys.stdout, separators=(",", ":"))' "${@:2}" > "$here/$1.json"
}
cluster_list clusterroles admin edit view cluster-admin system:aggregate-to-edit fixture-secret-auditor fixture-view-secrets
cluster_list clusterrolebindings cluster-admin system:kube-controller-manager fixture-auditors
capture namespaces /api/v1/namespaces

# Sourced by the Go builds of real tools (harness/build-helm.sh,
# harness/build-sealed-secrets.sh): static, reproducible binaries built with
# this machine's Go, and modules from the Go module proxy only — a `direct`
# fallback would clone from the modules' own hosts, so it is dropped.
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local
go_proxy=${GOPROXY:-$(go env GOPROXY)}
go_proxy=$(printf '%s' "$go_proxy" | sed -E 's/(^|[,|])direct($|[,|])/\1/g; s/[,|]+$//')
export GOPROXY=${go_proxy:-https://proxy.golang.org}
unset go_proxy

#!/usr/bin/env bash
# Builds the test control plane and the chart/manifest CLIs from Go modules.
#
#   $KUBE_API_TEST_DIR/k8s/1.34.1-linux-amd64/{kube-apiserver,kubectl,etcd}
#   $KUBE_API_TEST_DIR/bin/{helm,kubeconform}
#
# KUBE_API_TEST_DIR defaults to ~/.kubeapitest, where fabric8's kube-api-test looks in
# offline mode. Binaries that are present and report the pinned version are kept, so a
# warm run costs seconds and needs no Go at all: to use binaries built elsewhere, put
# them in that layout and point KUBE_API_TEST_DIR at it.
#
# Usage: hack/control-plane/install.sh [all|control-plane|tools]   (default: all)
set -euo pipefail

K8S_VERSION=1.34.1
ETCD_VERSION=3.6.5
HELM_VERSION=v3.19.5
KUBECONFORM_VERSION=v0.7.0
GO_MIN=1.24 # k8s.io/kubernetes v1.34.1, etcd v3.6.5, helm v3.19 and kubeconform v0.7 all say go 1.24

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
what=${1:-all}
case $what in all | control-plane | tools) ;; *)
  echo "usage: $0 [all|control-plane|tools]" >&2
  exit 2
  ;;
esac

root=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}
os=linux
arch=amd64
case $(uname -m) in aarch64 | arm64) arch=arm64 ;; esac
cp_dir=$root/k8s/$K8S_VERSION-$os-$arch
bin_dir=$root/bin

export GOTOOLCHAIN=local CGO_ENABLED=0 GOOS=$os GOARCH=$arch

say() { printf '[control-plane] %s\n' "$*" >&2; }
die() {
  printf '[control-plane] ERROR: %s\n' "$*" >&2
  exit 1
}

# step NAME COMMAND...: runs COMMAND, then says how long it took.
step() {
  local name=$1 start=$SECONDS
  shift
  say "$name ..."
  "$@"
  say "$name: done in $((SECONDS - start)) s"
}

# has_version FILE EXPECTED ARGS...: FILE exists, runs, and prints the line EXPECTED for ARGS.
has_version() {
  local file=$1 expected=$2
  shift 2
  local out
  # Not a pipe into grep -q: with pipefail, a writer cut off by SIGPIPE would count as a mismatch.
  [[ -x $file ]] && out=$("$file" "$@" 2>&1) && grep -qxF -- "$expected" <<<"$out"
}

require_go() {
  local hint="or put prebuilt binaries in $cp_dir (kube-apiserver, etcd, kubectl) and $bin_dir (helm, kubeconform), or point KUBE_API_TEST_DIR at a directory laid out like that"
  command -v go >/dev/null 2>&1 ||
    die "Go is not installed (need Go >= $GO_MIN to build the test control plane); install Go, $hint"
  local v
  v=$(go env GOVERSION) || die "'go env GOVERSION' failed; need Go >= $GO_MIN; $hint"
  v=${v#go}
  local have_major have_minor
  IFS=. read -r have_major have_minor _ <<<"$v"
  local need_major=${GO_MIN%%.*} need_minor=${GO_MIN#*.}
  if ((have_major < need_major || (have_major == need_major && ${have_minor%%[!0-9]*} < need_minor))); then
    die "Go $v is too old (need Go >= $GO_MIN; GOTOOLCHAIN=local, so no newer toolchain is fetched); upgrade Go, $hint"
  fi
}

# Kubernetes' hack/lib/version.sh stamps these into client-go and component-base.
k8s_ldflags() {
  local date flags="-s -w" pkg
  date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    flags+=" -X '$pkg.gitVersion=v$K8S_VERSION'"
    flags+=" -X '$pkg.gitMajor=${K8S_VERSION%%.*}'"
    flags+=" -X '$pkg.gitMinor=$(cut -d. -f2 <<<"$K8S_VERSION")'"
    flags+=" -X '$pkg.gitTreeState=clean'"
    flags+=" -X '$pkg.buildDate=$date'"
  done
  echo "$flags"
}

# go_build MODULE ARGS...: go build in the wrapper module hack/control-plane/MODULE.
go_build() {
  local module=$1
  shift
  # -buildvcs=false: the wrapper lives in amlnet's git tree, whose state says nothing about the binary.
  (cd "$here/$module" && go build -trimpath -buildvcs=false "$@")
}

# Builds into a scratch directory beside the target and moves the results in at the end,
# so an interrupted build never leaves a half-filled version directory behind.
build_control_plane() {
  local tmp
  tmp=$(mktemp -d "$root/.build.XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  step "build kube-apiserver and kubectl v$K8S_VERSION (cold: about 4 minutes on 2 cores)" \
    go_build k8s -ldflags "$(k8s_ldflags)" -o "$tmp/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl
  step "build etcd v$ETCD_VERSION" go_build etcd -ldflags "-s -w" -o "$tmp/etcd" .
  has_version "$tmp/kube-apiserver" "Kubernetes v$K8S_VERSION" --version ||
    die "the new kube-apiserver does not report v$K8S_VERSION: $("$tmp/kube-apiserver" --version 2>&1)"
  has_version "$tmp/etcd" "etcd Version: $ETCD_VERSION" --version ||
    die "the new etcd does not report $ETCD_VERSION: $("$tmp/etcd" --version 2>&1)"
  mkdir -p "$cp_dir"
  mv -f "$tmp/kube-apiserver" "$tmp/kubectl" "$tmp/etcd" "$cp_dir/"
}

control_plane_ok() {
  has_version "$cp_dir/kube-apiserver" "Kubernetes v$K8S_VERSION" --version &&
    has_version "$cp_dir/kubectl" "Client Version: v$K8S_VERSION" version --client &&
    has_version "$cp_dir/etcd" "etcd Version: $ETCD_VERSION" --version
}

# go_install NAME MODULE/PKG VERSION LDFLAGS: a pinned `go install` into $bin_dir.
go_install() {
  local name=$1 pkg=$2 version=$3 ldflags=$4
  step "go install $name $version" \
    env GOBIN="$bin_dir" go install -trimpath -ldflags "-s -w $ldflags" "$pkg@$version"
}

tools_ok() {
  has_version "$bin_dir/helm" "$HELM_VERSION" version --short &&
    has_version "$bin_dir/kubeconform" "$KUBECONFORM_VERSION" -v
}

install_tools() {
  mkdir -p "$bin_dir"
  has_version "$bin_dir/helm" "$HELM_VERSION" version --short ||
    go_install helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION" \
      "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  has_version "$bin_dir/kubeconform" "$KUBECONFORM_VERSION" -v ||
    go_install kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION" \
      "-X main.version=$KUBECONFORM_VERSION"
}

main() {
  local start=$SECONDS
  mkdir -p "$root"
  # One installer at a time per directory (two worktrees, or Maven and a developer).
  exec 9>"$root/.install.lock"
  command -v flock >/dev/null 2>&1 && flock 9

  if [[ $what != tools ]]; then
    if control_plane_ok; then
      say "kube-apiserver, kubectl v$K8S_VERSION and etcd v$ETCD_VERSION present in $cp_dir"
    else
      require_go
      say "building the control plane into $cp_dir with $(go env GOVERSION)"
      build_control_plane
      control_plane_ok || die "binaries in $cp_dir do not report v$K8S_VERSION / etcd $ETCD_VERSION after the build"
    fi
  fi
  if [[ $what != control-plane ]]; then
    if tools_ok; then
      say "helm $HELM_VERSION and kubeconform $KUBECONFORM_VERSION present in $bin_dir"
    else
      require_go
      install_tools
      tools_ok || die "helm/kubeconform in $bin_dir do not report $HELM_VERSION / $KUBECONFORM_VERSION after go install"
    fi
  fi
  say "ready in $((SECONDS - start)) s: $(
    "$cp_dir/kube-apiserver" --version 2>/dev/null || echo "no control plane"
  )"
}

main

